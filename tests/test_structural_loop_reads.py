"""Structural zeros through a loop that reads a *moved* singular value element by element.

``for v in np.sqrt(x * x)[::-1]: ... break`` reads some elements of ``sqrt(x * x)`` and never
the others; at an unread element where ``x = 0`` the adjoint is 0, not ``0 * inf``.  The loop's
read mask (passes/support_flow.py) must follow values that only move a singular one's elements
(an index, ``np.take_along_axis``...), not only its elementwise functions: these were
NaN in reverse mode (fuzz seed 2900, program 49).  Each row: the gradient and a vjp against the
analytic derivative (0 at the unread zero), and every element finite."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

X = np.array([0.0, -0.35, -1.4, 0.8])  # x[0] = 0: sqrt(x * x)' is 0/0 there


def _first_of(moved):
    """A function returning the first element a loop over ``moved(sqrt(x * x))`` reads."""
    def f(x):
        for value in moved(np.sqrt(x * x)):
            return value
        return 0.0
    return f


def reversed_slice(y):
    return y[::-1]


def fancy(y):
    return y[np.array([3, 1, 2])]


def along_axis(y):
    return np.take_along_axis(y, np.arange(3, -1, -1), axis=0)


def flipped(y):
    return np.flip(y)


def rolled(y):
    return np.roll(y, 1)


def rolled_back(y):
    return np.roll(y[::-1], -2, axis=0)


MOVES = [reversed_slice, fancy, along_axis, flipped, rolled, rolled_back]
# (np.flip and np.roll: their adjoints, np.flip and np.roll of the cotangent, move the read mask
# back the same way: supports_made.given)


def _expected(moved) -> np.ndarray:
    """The derivative of ``|x[k]|`` for the element ``k`` the loop reads first."""
    k = int(moved(np.arange(4.0))[0])
    out = np.zeros(4)
    out[k] = np.sign(X[k])
    return out


@pytest.mark.parametrize("moved", MOVES, ids=lambda m: m.__name__)
def test_a_loop_reading_part_of_a_moved_singular_value(moved):
    f = _first_of(moved)
    with np.errstate(invalid="ignore", divide="ignore"):  # (0 / 0 computed, then not chosen)
        grad = tangentish.grad(f)(X)
        _, pullback = tangentish.vjp(f)(X)
        cotangent = pullback(2.0)
    np.testing.assert_array_equal(grad, _expected(moved))
    np.testing.assert_array_equal(cotangent, 2.0 * _expected(moved))


def loop_with_break(x):
    total = 0.0
    for value in np.sqrt(x * x)[::-1]:
        total = total + value
        if total > 1.0:
            break
    return total


def while_over_index(x):
    y = np.sqrt(x * x)[::-1]
    total, i = 0.0, 0
    while i < 2:
        total = total + y[i] ** 2
        i += 1
    return total


@pytest.mark.parametrize("f, expected", [
    (loop_with_break, np.array([0.0, 0.0, -1.0, 1.0])),  # 0.8 + 1.4 > 1: two read
    (while_over_index, np.array([0.0, 0.0, 2.0 * -1.4, 2.0 * 0.8])),
], ids=["for-break", "while-index"])
def test_a_loop_that_stops_before_the_zero(f, expected):
    with np.errstate(invalid="ignore", divide="ignore"):
        grad = tangentish.grad(f)(X)
    np.testing.assert_allclose(grad, expected, rtol=1e-15, atol=0)
