"""Tests of the mutation fuzzer (``fuzz/mutate.py``) itself: each edit applies where it should and
keeps the function Python, the checker finds a planted wrong gradient, and two programs of one
table agree with tangentish (a smoke run; the fuzzer's real runs are not part of the suite)."""

from __future__ import annotations

import ast
import textwrap
import types

import numpy as np
import pytest
from test_realworld import Row as Case

from fuzz import mutate
from fuzz.mutations import EDITS

SAMPLE = textwrap.dedent("""
    def f(x, w):
        h = np.tanh(x * 0.5) + w
        h = h - 1.5
        acc = 0.0
        acc += np.sum(np.sin(h))
        return np.sum(h ** 2) + acc
""")


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_edit_applies_to_a_sample_and_keeps_it_python(name):
    module = ast.parse(SAMPLE)
    done = EDITS[name](module, module.body[0], np.random.default_rng(1))
    assert done, name
    text = ast.unparse(module)
    assert text != ast.unparse(ast.parse(SAMPLE))
    env = {"np": np}
    exec(compile(text, "<mutated>", "exec"), env)  # noqa: S102  (the test's own sample)
    assert np.isfinite(env["f"](np.array([0.3, -0.2]), 0.7))


def _scaled(transform, factor):
    def make(*a, **k):
        inner = transform(*a, **k)
        return lambda *args, **kw: np.asarray(inner(*args, **kw)) * factor
    return make


def target(x):
    return np.sum(np.sin(x) * x)


def test_a_planted_wrong_gradient_is_found(monkeypatch):
    x = np.array([0.3, -0.7, 1.1])
    assert mutate.check(target, (x,), 0) == []
    fake = types.SimpleNamespace(grad=_scaled(mutate.tangentish.grad, 1.001),
                                 value_and_grad=mutate.tangentish.value_and_grad,
                                 jvp=mutate.tangentish.jvp)
    monkeypatch.setattr(mutate, "tangentish", fake)
    found = mutate.check(target, (x,), 0)
    assert any(f.startswith("wrong grad") for f in found), found


def guarded_sinc(x):
    safe = np.where(x == 0, 1.0, x)
    return np.mean(np.where(x == 0, 1.0, np.sin(safe) / safe))


def test_a_row_marked_once_differentiable_gets_no_hvp_check():
    # (at an exact 0 the guard's branch is a constant: its Hessian there is 0, the differences
    # see sin(x)/x on both sides; rows say so with second=False, which the checker keeps)
    x = np.array([0.4, 0.0, 1.2])
    assert any(f.startswith("wrong hvp") for f in mutate.check(guarded_sinc, (x,), 0)), "hvp"
    assert mutate.check(guarded_sinc, (x,), 0, second=False) == []


def smoothed(x, w):
    h = np.tanh(x * 0.5) + w[0]
    h = h - 1.5
    acc = 0.0
    acc += np.sum(np.sin(h))
    return np.sum(h ** 2) + acc


CASES = [Case("smoothed", smoothed, (np.array([0.3, -0.2, 0.9]), [0.7]))]


def test_mutated_programs_of_a_table_agree(tmp_path):
    counts = mutate.run(2, 2, 2, [__name__], tmp_path, quiet=True)
    assert counts.get("agreed", 0) >= 1, counts
    assert not [k for k in counts if k.startswith(("wrong", "crash"))], counts


def bisected_then_stepped(c):  # (mutation seed 63 program 27: a Newton step's sign flipped)
    lo, hi = 0.0, 2.0
    for _ in range(40):
        half = 0.5 * (lo + hi)
        lo, hi = (lo, half) if half ** 3 > c else (half, hi)
    mid = 0.5 * (lo + hi)
    return c * (mid + (mid ** 3 + c) / (3 * mid ** 2))


def test_differences_across_a_branch_judge_nothing_but_the_rest_is_checked(monkeypatch):
    """A bisection is a staircase in ``c`` whose stairs the differences step over: their slope
    is the root's, the program's derivative each stair's 0, so no verdict on the gradient there
    (its comparisons take another path at the stencil's points); a planted error in ``jvp`` is
    still found, and a smooth program keeps its verdict (``target`` above)."""
    assert not mutate._one_path(bisected_then_stepped, (1.7,), 0, [((), 6e-6)])
    assert mutate._one_path(target, (np.array([0.3, -0.7]),), 0, [((0,), 6e-6), (None, 1e-4)])
    assert mutate.check(bisected_then_stepped, (1.7,), 0) == []
    fake = types.SimpleNamespace(grad=mutate.tangentish.grad, jvp=_scaled(mutate.tangentish.jvp, 2.0),
                                 value_and_grad=mutate.tangentish.value_and_grad)
    monkeypatch.setattr(mutate, "tangentish", fake)
    assert any(f.startswith("wrong jvp") for f in mutate.check(bisected_then_stepped, (1.7,), 0))
