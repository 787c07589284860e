"""Signs moved through products and quotients (passes/signs.py): a negated product whose first
factor is a number takes the sign into the number (``-(1.0 / v * d)`` is ``-1.0 / v * d``, one
array negated fewer), and a product led by a negative number loses its sign into a difference.
Each fold is checked bit for bit over special values (zeros of both signs, infinities, NaN,
subnormals), and each row's gradients (generic first call, specialized later ones) against
central finite differences."""

from __future__ import annotations

import itertools
import re

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish.passes.signs import into_number, into_operand, sign_into_scale, without_sign
from tangentish.syntax.printer import expression_text

RNG = np.random.default_rng(3160)
SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 5e-324, -1e308, 3.0])


def _value(text: str, names: dict) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(eval(text, {"np": np}, names))  # (texts of this file only)


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal numbers with equal signs (zeros' too); NaN where the other is NaN."""
    return bool(np.all((a == b) & (np.signbit(a) == np.signbit(b)) | np.isnan(a) & np.isnan(b)))


@pytest.mark.parametrize("text", ["1.0 / b * e", "0.5 * e", "2 * e / b", "0.0 * e", "3.0 * b * e",
                                  "1e-300 / b / e"])
def test_a_sign_taken_into_a_leading_number_gives_the_same_bits(text):
    folded = into_number(gast.parse(text).body[0].value)
    assert folded is not None
    b, e = (a.ravel() for a in np.meshgrid(SPECIAL, SPECIAL))
    names = {"b": b, "e": e}
    assert _same_bits(_value(f"-({text})", names), _value(expression_text(folded), names))


@pytest.mark.parametrize("text", ["e * 2.0", "0 * e", "e / 2.0", "e + 1.0", "np.exp(e)"])
def test_no_sign_is_taken_into_what_does_not_lead_with_a_number(text):
    """(An int 0 has no negative zero: ``-(0 * e)`` is ``-0.0`` where ``e`` is positive.)"""
    assert into_number(gast.parse(text).body[0].value) is None


@pytest.mark.parametrize("text", ["-2.0 * y", "-0.5 / z * y", "-x * y"])
def test_a_difference_takes_the_sign_of_a_negative_leading_number(text):
    term = gast.parse(text).body[0].value
    unsigned = expression_text(without_sign(term))
    a, x, y, z = (v.ravel() for v in np.meshgrid(SPECIAL, SPECIAL[::2], SPECIAL[1::2], [3.0, -0.0]))
    names = {"a": a, "x": x, "y": y, "z": z}
    assert _same_bits(_value(f"a + {text}", names), _value(f"a - ({unsigned})", names))


@pytest.mark.parametrize("text", ["a / (2.0 * e)", "a * 0.5", "a / 3.0", "a / (1e-300 / e * b)",
                                  "a * (0.0 * e)"])
def test_a_sign_taken_into_the_right_operand_s_number_gives_the_same_bits(text):
    folded = into_operand(gast.parse(text).body[0].value)
    assert folded is not None
    a, b, e = (v.ravel() for v in np.meshgrid(SPECIAL, SPECIAL[::2], SPECIAL[1::3]))
    names = {"a": a, "b": b, "e": e}
    assert _same_bits(_value(f"-({text})", names), _value(expression_text(folded), names))


@pytest.mark.parametrize("text", ["2 * (-c * b / q * a)", "0.5 * -a", "3.0 * (-a / b)",
                                  "1e-300 * (-a * b)", "0.0 * (-a * b)"])
def test_a_leading_negation_taken_into_the_scale_gives_the_same_bits(text):
    term = gast.parse(text).body[0].value
    folded = sign_into_scale(term.left, term.right)
    assert folded is not None and "-" not in expression_text(folded.right)
    a, b, c, q = (v.ravel() for v in np.meshgrid(SPECIAL, SPECIAL[::2], SPECIAL[1::3], [3.0, -0.0]))
    names = {"a": a, "b": b, "c": c, "q": q}
    assert _same_bits(_value(text, names), _value(expression_text(folded), names))


@pytest.mark.parametrize("text", ["a * (0 * e)", "a * e", "a + 2.0", "0 * -a", "2 * (b * -a)",
                                  "a * -b", "a * np.exp(b)"])
def test_no_sign_moves_where_no_number_takes_it(text):
    """(An int 0 has no negative zero; a negation not first, ``b * -a``, stays where it is.)"""
    term = gast.parse(text).body[0].value
    assert into_operand(term) is None or text == "2 * (b * -a)"
    assert sign_into_scale(term.left, term.right) is None


def diag_nll(mu, log_var, x):  # the adjoint of x - mu, read through a quotient
    return 0.5 * np.sum(log_var + (x - mu) ** 2 / np.exp(log_var))


def subtracted_quotient(a, b):  # -(1.0 / b), the unit seed through - and /
    return np.sum(np.cos(b) - a / b)


def quotient_squared(x, y):  # 2 * (-c_bar * c / q * a): a square's adjoint of a negated quotient
    a = x * y + 1.0
    c = np.log(1.0 + y * y) / (1.0 + a * a)
    return np.sum(np.sqrt(2.0 + np.cos(x)) - c)


ROWS = [
    (diag_nll, (0, 1), tuple(RNG.normal(size=(3, 2)) for _ in range(3)), "mu_bar = -1.0 /"),
    (subtracted_quotient, (0, 1), (RNG.normal(size=4), RNG.normal(size=4) + 3.0), "= -1.0 / b"),
    (quotient_squared, (0, 1), (RNG.normal(size=4), RNG.normal(size=4)), "(-2.0 * "),
]


@pytest.mark.parametrize("fn, wrt, args, expected", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_specialized_derivatives_take_signs_into_numbers(fn, wrt, args, expected):
    derivative = tangentish.grad(fn, wrt=wrt)
    results = specialized_calls(derivative, args, 3)  # generic, then specialized
    for got in results:
        for position, value in zip(wrt, got, strict=True):
            np.testing.assert_allclose(value, numeric_grad(fn, args, position), rtol=1e-6,
                                       atol=1e-8)
    for first, later in itertools.pairwise(results):
        for a, b in zip(first, later, strict=True):
            assert _same_bits(np.asarray(a), np.asarray(b))
    text = derivative.source_for(*args)
    code = [line.split("#")[0] for line in text.splitlines()]
    assert not any(re.search(r"-\(\d", line) for line in code)  # (no -(c * ...) left)
    assert not any(re.search(r"= -\(|\d \* \(-", line) for line in code)  # (-(a / (c * v)), c * (-x))
    if expected is not None:
        assert expected in text
