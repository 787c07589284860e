"""passes/negated_defs.py: a temporary read once through a negation takes the sign into its
definition (``e_bar = -1.0 / n / (1.0 + e); z_bar = e_bar * e``, not ``z_bar = -(e_bar * e)``),
bit for bit; and nowhere else.  Rows' gradients (generic first call, specialized later ones)
against central finite differences."""

from __future__ import annotations

import re
import textwrap

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish.passes.negated_defs import negate_definitions
from tangentish.syntax.printer import function_text

RNG = np.random.default_rng(3170)


def softplus_loss(w, b, X, y):  # the adjoint of np.exp(-z) through a quotient, negated
    z = y * (X @ w + b)
    return np.mean(np.log1p(np.exp(-z)))


def scaled_product(x, y):  # -0.25 * b * c: c's adjoint the negated primal temporary
    b = np.sin(x) * y
    c = np.cos(y) + x
    return np.sum(b * b - 0.25 * b * c)


ROWS = [
    (softplus_loss, (0, 1), (RNG.normal(size=3), 0.1, RNG.normal(size=(6, 3)),
                             np.sign(RNG.normal(size=6)))),
    (scaled_product, (0, 1), (RNG.normal(size=5), RNG.normal(size=5))),
]


@pytest.mark.parametrize("fn, wrt, args", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_a_negated_temporary_takes_the_sign_into_its_definition(fn, wrt, args):
    derivative = tangentish.grad(fn, wrt=wrt)
    results = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    for got in results:
        for position, value in zip(wrt, got, strict=True):
            np.testing.assert_allclose(value, numeric_grad(fn, args, position), rtol=1e-6,
                                       atol=1e-8)
    code = [line for line in derivative.source_for(*args).splitlines()
            if not line.strip().startswith("#")]
    assert not any(re.search(r"= -(\(|[a-z_]\w*$)", line) for line in code), "\n".join(code)


def _moved(text: str, params: set[str]) -> str:
    tree = gast.parse(textwrap.dedent(text)).body[0]
    negate_definitions(tree.body, params, frozenset())
    return function_text(tree)


@pytest.mark.parametrize("text", [
    """
    def g(e, x):
        t = x * e
        return -(t * e)
    """,  # (no number to take the sign)
    """
    def g(e, x):
        t = 2.0 * x
        u = t + 1.0
        return -(t * e) + u
    """,  # (read twice)
    """
    def g(e, x):
        t = 2.0 * x
        t = 3.0 * t
        return -(t * e)
    """,  # (bound twice)
    """
    def g(e, x):
        t = 2.0 * x
        return -(e * t)
    """,  # (not the first factor)
    """
    def g(e, x):
        t = 0 * x
        return -(t * e)
    """,  # (an int 0 has no -0)
    """
    def g(e, x):
        return -(x * e)
    """,  # (a parameter)
])
def test_what_cannot_take_the_sign_keeps_it(text):
    before = function_text(gast.parse(textwrap.dedent(text)).body[0])
    assert _moved(text, {"e", "x"}) == before


def test_the_sign_moves_through_negations_and_divisors_bit_for_bit():
    text = """
    def g(e, x, v):
        a = -x
        b = e / (2.0 * v)
        c = 3.0
        d = -x * v / e
        return -a * e + -(b * x) - -c + -(d * v)
    """
    moved = _moved(text, {"e", "x", "v"})
    assert "a = x" in moved and "b = e / (-2.0 * v)" in moved and "c = -3.0" in moved, moved
    assert "d = x * v / e" in moved, moved  # (a product led by a negation)
    special = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, 5e-324, -1e308, 3.0])
    e, x, v = (a.ravel() for a in np.meshgrid(special, special[::2], special[1::2]))
    results = []
    for source in (function_text(gast.parse(textwrap.dedent(text)).body[0]), moved):
        space: dict = {}
        exec(source, space)  # (the texts of this test)
        with np.errstate(all="ignore"):
            results.append(space["g"](e, x, v))
    same = (results[0] == results[1]) & (np.signbit(results[0]) == np.signbit(results[1]))
    assert np.all(same | np.isnan(results[0]) & np.isnan(results[1]))
