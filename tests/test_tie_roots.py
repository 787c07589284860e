"""Ties of a selection (``clip``, ``maximum``, ``fmin``...) where a tied operand's derivative is not
finite: a number only where it is the derivative, else NaN (README, "Ties and kinks").

Where ``a`` ties with ``b`` and ``min(a, b)`` has a derivative, it is that of every tied operand
that has one (``min(0, b - a)`` has a maximum there).  So ``a``'s is right where the derivative
exists, but where ``b``'s is inf or NaN whether it does is not known (``np.abs(x) ** 0.5`` and
``-np.abs(x) ** 0.5`` have the same NaN partial at 0): NaN then.  ``np.clip`` gave its tied
operand ``a`` the whole derivative and its bound none, so ``np.clip(x, np.abs(x) ** 0.5, 1.0)``
at 0 (``np.abs(x) ** 0.5`` there: no derivative) was 1 in every mode, silently.  References:
a closed form, or central differences."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (0 / 0 at the roots)

AT_0 = np.array([0.0, 0.3])
SLOPE = 0.5 / np.sqrt(0.3)  # (of np.abs(x) ** 0.5 at 0.3)


def roots(x):  # (no derivative at x[0] = 0: a bound, a cusp there, is returned on both sides)
    return np.sum(np.clip(x, np.abs(x) ** 0.5, 1.0)) + 2.0 * np.sum(np.clip(x, -1.0, -np.abs(x) ** 0.5))


def lower_smooth(x):  # (a kink: x's side, 1 at x[0] = 0, as before; the bound's derivative finite)
    return np.sum(np.clip(x, 2.0 * x, 1.0))


def unreached_root(x):  # (a bound whose derivative is inf where it is not returned: 0 there)
    return np.sum(np.clip(x[1], np.sqrt(x[0]) - 5.0, 1.0) ** 2)


def fmin_root(x):  # (derivative 1 at x[0] = 0, but fmin(x, -|x| ** 0.5) has none: NaN for both)
    return np.sum(np.fmin(x, np.abs(x) ** 0.5))


ROWS = [(roots, [np.nan, -SLOPE]), (lower_smooth, [1.0, 2.0]),
        (unreached_root, [0.0, 0.6]), (fmin_root, [np.nan, 1.0])]


@pytest.mark.parametrize("fn, expected", ROWS, ids=[fn.__name__ for fn, _ in ROWS])
def test_tie_with_a_singular_operand(fn, expected):
    gradient = tangentish.grad(fn)(AT_0)
    tangent = tangentish.jvp(fn)(AT_0, x_dot=np.array([1.0, 0.0]))[1]
    assert np.allclose(gradient, expected, equal_nan=True), gradient
    assert np.allclose(tangent, expected[0], equal_nan=True), tangent
