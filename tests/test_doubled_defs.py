"""passes/doubled_defs.py: a temporary read once through a doubling takes the factor 2 into its
definition (tv's ``0.1 / sqrt_t3`` read as ``t * d``, not ``0.1 / (2.0 * sqrt_t3)`` read as
``t * 2 * d``; huber's ``r``, not ``0.5 * r`` doubled), and like_terms' doubling halves a
``2.0 *`` divisor of a number.  Rows' gradients (generic first call, specialized later ones)
against central finite differences; the pass on texts run before and after at special values."""

from __future__ import annotations

import re
import textwrap

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish import ir
from tangentish.passes.doubled_defs import double_definitions
from tangentish.passes.like_terms import doubled_first
from tangentish.syntax.printer import expression_text, function_text

RNG = np.random.default_rng(5975)


def total_variation(u, f):  # np.sqrt's g / (2.0 * y), then the power's * 2
    return 0.5 * np.sum((u - f) ** 2) + 0.1 * np.sum(np.sqrt(np.diff(u) ** 2 + 1e-6))


def huber(w, X, y):  # 0.5 * r * r: the primal 0.5 * r doubled back to r
    r = X @ w - y
    a = np.abs(r)
    return np.sum(np.where(a < 1.0, 0.5 * r * r, a - 0.5))


def root_norm(x):  # a scalar sqrt's adjoint, doubled by a square
    return np.sqrt(np.sum(x ** 2) + 1.0) * 3.0


ROWS = [
    (total_variation, 0, (RNG.normal(size=7), RNG.normal(size=7))),
    (huber, 0, (RNG.normal(size=3), RNG.normal(size=(6, 3)), 3 * RNG.normal(size=6))),
    (root_norm, 0, (RNG.normal(size=5),)),
]


@pytest.mark.parametrize("fn, wrt, args", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_a_doubled_temporary_takes_the_factor_into_its_definition(fn, wrt, args):
    derivative = tangentish.grad(fn, wrt=wrt)
    results = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    for got in results:
        np.testing.assert_allclose(got, numeric_grad(fn, args, wrt), rtol=1e-6, atol=1e-8)
    code = [line for line in derivative.source_for(*args).splitlines()
            if not line.strip().startswith("#")]
    assert not any(re.search(r"(?<!\*)\* 2\b|\b2 \*|2\.0 \*|0\.5 \*", line) for line in code), \
        "\n".join(code)


def _doubled(text: str, adjoint: tuple[int, ...], changed: frozenset = frozenset()) -> str:
    tree = gast.parse(textwrap.dedent(text)).body[0]
    for index in adjoint:
        ir.note(tree.body[index]).adjoint = True
    double_definitions(tree.body, {"e", "x", "v"}, frozenset(), lambda: set(changed))
    return function_text(tree)


@pytest.mark.parametrize("text, adjoint, changed", [
    ("def g(e, x):\n    t = 3 * x\n    y = 2 * (t * e)\n    return y\n", (1,), ()),  # (an int: its dtype)
    ("def g(e, x):\n    t = 0.5 * x\n    u = t + 1.0\n    y = 2 * (t * e) + u\n    return y\n", (2,), ()),
    ("def g(e, x):\n    t = 0.5 * x\n    t = 3.0 * t\n    y = 2 * (t * e)\n    return y\n", (2,), ()),
    ("def g(e, x):\n    t = 0.5 * x\n    y = 2 * (e / t)\n    return y\n", (1,), ()),  # (a divisor)
    ("def g(e, x):\n    t = 0.5 * x\n    y = 2 * (t * e)\n    return y\n", (), ()),  # (primal code)
    ("def g(e, x):\n    t = x * e\n    y = 2 * (t * e)\n    return y\n", (1,), ()),  # (no number)
    ("def g(e, x):\n    t = 0.5 * x\n    y = 3 * (t * e)\n    return y\n", (1,), ()),  # (not a doubling)
    ("def g(e, x):\n    t = e / (2.0 * x)\n    y = t * 2 * e\n    return y\n", (1,), ()),  # (an array
])                                                                      # dividend: its dtype)
def test_what_cannot_take_the_doubling_keeps_it(text, adjoint, changed):
    before = function_text(gast.parse(text).body[0])
    assert _doubled(text, adjoint, frozenset(changed)) == before


def test_a_unit_definition_is_a_copy_only_of_what_no_write_changes():
    text = "def g(e, x):\n    t = 0.5 * x\n    y = 2 * (e * t)\n    return y\n"
    assert "t = x\n" in _doubled(text, (1,))
    assert "t = 1.0 * x\n" in _doubled(text, (1,), frozenset({"x"}))


def test_the_doubling_moves_bit_for_bit_at_special_values():
    text = """
    def g(e, x, v):
        a = 0.1 / (2.0 * v)
        b = 0.5 * x
        c = x / e * 0.75
        d = 1.5
        out = (a * 2 * e, 2 * (e * b), 2 * (c / v), (d * e) * 2.0)
        return out
    """
    moved = _doubled(text, (4,))
    assert "a = 0.1 / v" in moved and "b = x" in moved and "c = 1.5 * (x / e)" in moved and \
        "d = 3.0" in moved and "2" not in moved.split("out =")[1], moved
    special = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-3, -1e3, 3.0])
    e, x, v = (a.ravel() for a in np.meshgrid(special, special[::2], special[1::2]))
    results = []
    for source in (function_text(gast.parse(textwrap.dedent(text)).body[0]), moved):
        space: dict = {}
        exec(source, space)  # (the texts of this test)
        with np.errstate(all="ignore"):
            results.append(np.array(space["g"](e, x, v)))
    same = (results[0] == results[1]) & (np.signbit(results[0]) == np.signbit(results[1]))
    assert np.all(same | np.isnan(results[0]) & np.isnan(results[1]))


@pytest.mark.parametrize("text, expected", [
    ("0.1 / (2.0 * s)", "0.1 / s"),
    ("0.1 / (2.0 * s) * d", "0.1 / s * d"),
    ("g / (2.0 * s)", "2 * g / (2.0 * s)"),  # (not for an array dividend: its dtype)
    ("0.1 / (2 * s)", "0.2 / (2 * s)"),  # (an int 2 doubles an integer array: it may wrap)
])
def test_doubling_a_quotient_of_a_number_halves_its_2_0_divisor(text, expected):
    doubled = doubled_first(gast.parse(text).body[0].value)
    assert (expression_text(doubled) if doubled is not None else f"2 * {text}") == expected
