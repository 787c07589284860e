"""A user's ``with np.errstate(...)`` block holds in the derivative (passes/quiet_runs.py): the
derivative warns where the primal does, and nowhere else.  Each program below silences the
floating-point errors of some of its lines (a log of zeros, straight, in a loop, in a branch, in
an inlined helper, nested blocks) and is evaluated at zeros; in every mode the derivative must
raise exactly the primal's warnings, none of its own, and match its closed form (gradient and
Hessian diagonal).  A row with an unsilenced line checks the other side: its warning is not
hidden (the derivative's own masked divisions there, ``np.where(c, g / x, 0.0)`` at 0, warn too:
left as they were).  (Before, the blocks were dropped: ``divide by zero encountered in log`` in
every mode.)  And the generated code runs nothing else under them: every statement in a ``with``
comes from a line of the blocks (a statement of another branch, made by a pass with no line of
its own, inherited the block of the branch printed before it), each block named once in a
``with`` (a helper inlined twice named its block twice), no provenance comment of the code after
a block left inside it."""

from __future__ import annotations

import ast
import inspect
import linecache
import warnings

import numpy as np
import pytest

import tangentish
from tangentish.provenance import MAPS


def entropy(p):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = p * np.log(p)
    return -np.sum(np.where(p > 0, t, 0.0))


def log_loop(x):
    acc = 0.0
    for i in range(3):
        with np.errstate(divide="ignore"):
            t = np.log(x * i)
        acc = acc + np.sum(np.where(np.isfinite(t), t, 0.0) * x)
    return acc


def _xlogx(v):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(v > 0, v * np.log(v), 0.0)
    return r


def helper_branch(x, scale=2.0):  # (the helper twice: its block once in each ``with``)
    if scale > 1.0:
        with np.errstate(all="ignore"):
            y = np.sqrt(x) * scale
            with np.errstate(over="warn"):
                z = np.log(x)
    else:
        y = z = x
    return np.sum(_xlogx(x)) + np.sum(np.where(x > 0, y + z, 0.0)) + np.sum(_xlogx(x)) * 0.0


def partly_quiet(x):
    b = np.log(x + 0.0)  # (not silenced: its warning stays)
    with np.errstate(divide="ignore"):
        a = np.log(x)
        if np.all(x > -1.0):  # (its adjoint's comment was left inside the block before it)
            return np.sum(np.where(x > 0, a * b, 0.0))
    return np.sum(x)


def filtered(x):  # (a catch_warnings block silences the log and the product at 0 as errstate)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        t = x * np.log(x)
    return -np.sum(np.where(x > 0, t, 0.0))


def filtered_by_message(x):  # (only the log's warning filtered: the product's 0 * -inf warns)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "divide by zero")
        t = np.log(x)
    return np.sum(np.where(x > 0, t * x, 0.0))


X = np.array([0.0, 0.5, 2.0, 1.5])
_pos = X > 0
_safe = np.where(_pos, X, 1.0)
_log = np.log(_safe)
LOG = "divide by zero encountered in log"

# name, fn, gradient, Hessian diagonal (both closed forms), the primal's warnings
ROWS = [
    (entropy, np.where(_pos, -(_log + 1.0), 0.0), np.where(_pos, -1.0 / _safe, 0.0), set()),
    (log_loop, np.where(_pos, 2 * _log + np.log(2.0) + 2.0, 0.0), np.where(_pos, 2 / _safe, 0.0),
     set()),
    (helper_branch, np.where(_pos, _log + 1.0 + 1.0 / np.sqrt(_safe) + 1.0 / _safe, 0.0),
     np.where(_pos, 1.0 / _safe - 0.5 * _safe ** -1.5 - _safe ** -2.0, 0.0), set()),
    (partly_quiet, np.where(_pos, 2 * _log / _safe, 0.0), np.where(_pos, 2 * (1 - _log) / _safe ** 2,
                                                                   0.0), {LOG}),
    (filtered, np.where(_pos, -(_log + 1.0), 0.0), np.where(_pos, -1.0 / _safe, 0.0), set()),
    (filtered_by_message, np.where(_pos, _log + 1.0, 0.0), np.where(_pos, 1.0 / _safe, 0.0),
     {"invalid value encountered in multiply"}),
]


def _warned(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, {str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)}


def _run(mode, fn, v):
    if mode == "grad":
        return tangentish.grad(fn)(X)
    if mode == "vjp":
        return tangentish.vjp(fn)(X)[1](1.0)
    if mode == "jvp":
        return tangentish.jvp(fn)(X, **{"x_dot" if fn is not entropy else "p_dot": v})[1]
    return tangentish.hvp(fn)(X, v)


@pytest.mark.parametrize("mode", ["grad", "vjp", "jvp", "hvp"])
@pytest.mark.parametrize("row", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_the_derivative_warns_where_the_primal_does_and_nowhere_else(row, mode):
    fn, gradient, hessian, primal = row
    v = np.array([0.3, -1.2, 0.7, 0.4])
    _, said = _warned(lambda: fn(X))
    assert said == primal
    got, warned = _warned(lambda: _run(mode, fn, v))
    assert warned == primal if not primal else primal <= warned, (mode, warned)
    expected = {"grad": gradient, "vjp": gradient, "jvp": gradient @ v, "hvp": hessian * v}[mode]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def _blocks(fn) -> list[tuple[int, int]]:
    """The lines of ``fn``'s ``np.errstate`` blocks (and its helper's), in the file's numbers."""
    spans = []
    for function in (fn, _xlogx):
        lines, first = inspect.getsourcelines(function)
        for node in ast.walk(ast.parse("".join(lines))):
            if isinstance(node, ast.With):
                spans.append((node.lineno + first - 1, node.end_lineno + first - 1))
    return spans


@pytest.mark.parametrize("mode", ["grad", "vjp", "jvp"])
@pytest.mark.parametrize("row", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_only_the_statements_of_the_blocks_run_under_them(row, mode):
    """Each statement the generated code runs under ``with np.errstate`` comes from a line of
    the user's blocks (one in a branch or after a loop does not inherit a block of another), and
    one ``with`` names each block once."""
    fn, spans = row[0], _blocks(row[0])
    made = getattr(tangentish, mode)(fn)
    _warned(lambda: made(X, **({"x_dot" if fn is not entropy else "p_dot": X} if mode == "jvp"
                                else {})))  # (partly_quiet's unsilenced log warns: recorded)
    made = getattr(made, "__wrapped__", made)
    for function in [made] if mode != "vjp" else [made, made.backward]:
        code = getattr(function, "__wrapped__", function).__code__
        lines, text = MAPS[code.co_filename], "".join(linecache.getlines(code.co_filename))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.With):
                items = [ast.unparse(item.context_expr) for item in node.items]
                assert len(set(items)) == len(items), items
                after = text.splitlines()[node.end_lineno:][:1]  # (a comment introducing
                indent = node.col_offset  # what follows the block is not inside it)
                assert not after or not after[0].strip().startswith("#") or \
                    len(after[0]) - len(after[0].lstrip()) <= indent, after
                for stmt in (s for top in node.body for s in ast.walk(top)
                             if isinstance(s, ast.stmt)):
                    line = lines.location(stmt.lineno).lineno
                    assert any(a <= line <= b for a, b in spans), (ast.unparse(stmt), line)


@pytest.mark.parametrize("mode", ["grad", "vjp"])
def test_a_catch_warnings_blocks_filters_are_what_its_record_calls(mode):
    """The helpers a block's filters add are in the record's runtime (what an export copies),
    also in a pullback's."""
    made = getattr(tangentish, mode)(filtered)
    record = made.record.backward if mode == "vjp" else made.record
    assert {"catch_warnings", "simplefilter"} <= set(record.runtime)
