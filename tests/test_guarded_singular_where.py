"""``np.where`` guarding a singular op: where the branch a selection leaves unused is inf or NaN
(``np.log(x)`` at 0 and below, ``np.sqrt`` and ``1 / x`` at 0, ``np.arcsin`` at and beyond 1), the
derivative is the used branch's, in the generic derivative (a signature's first call) and in the
specialized one (later calls: unit seed, merged selections, proven ranks), both against central
finite differences.  Every row puts its singular points only where the condition (on another
argument, ``m``) leaves that branch unused, so the function is smooth there and the differences
resolve it; the used branch is exercised at ordinary points beside them.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import assert_specialized, numeric_grad, specialize

import tangentish


def log_or_linear(x, m):
    return np.sum(np.where(m > 0.0, np.log(x), 3.0 * x))


def sqrt_or_square(x, m):  # both branches read x: the weights merge into one selection
    return np.sum(np.where(m > 0.0, np.sqrt(x), x * x) * 2.0)


def reciprocal_or_sine(x, m):
    return np.sum(np.where(m > 0.0, 1.0 / x, np.sin(x)))


def arcsin_or_cube(x, m):
    return np.sum(np.where(m > 0.0, np.arcsin(x), x ** 3))


def double_where_log(x, m):  # the inner where keeps log's operand in its domain
    safe = np.where(m > 0.0, x, 1.0)
    return np.sum(np.where(m > 0.0, np.log(safe) * x, np.exp(x)))


def sqrt_of_where_scaled(x, m):  # a scalar factor after the selection: the unit-seed specialization
    y = np.where(m > 0.0, np.sqrt(x * x + 1.0) - np.sqrt(x), -x)
    return 0.5 * np.sum(y) + np.sum(y * y) * 0.25


M = np.array([1.0, -1.0, 1.0, -1.0, -1.0, 1.0])
ROWS = [  # x: used (m > 0) where ordinary; singular or outside the domain only where m <= 0
    (log_or_linear, np.array([0.7, 0.0, 1.3, -0.4, -2.0, 0.2])),
    (sqrt_or_square, np.array([0.7, 0.0, 1.3, -0.4, -2.0, 0.2])),
    (reciprocal_or_sine, np.array([0.7, 0.0, -1.3, 0.0, 0.5, 0.4])),
    (arcsin_or_cube, np.array([0.3, 1.0, -0.6, -1.0, 1.5, 0.5])),
    (double_where_log, np.array([0.7, 0.0, 1.3, -0.4, -2.0, 0.2])),
    (sqrt_of_where_scaled, np.array([0.7, 0.0, 1.3, -0.4, -2.0, 0.2])),
]


@pytest.mark.parametrize("form", ["array", "scalar"])
@pytest.mark.parametrize("fn, x", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_generic_and_specialized_gradients_ignore_the_unused_singular_branch(fn, x, form):
    m = M
    if form == "scalar":  # (specialized to rank 0) at the unused singular point
        x, m = np.float64(x[1]), float(M[1])  # (1.0 / 0.0 of Python floats raises)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        expected = numeric_grad(fn, (x, m), 0, step=1e-6)
    assert np.all(np.isfinite(expected)), expected
    derivative, tangents = tangentish.grad(fn), tangentish.jvp(fn, wrt=0)
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # (the primal's own: log(0)...)
        warnings.simplefilter("ignore")
        for call in ("generic", "specialized", "specialized again"):
            got = derivative(np.copy(x) if form == "array" else x, m)
            if call != "generic":
                assert_specialized(derivative, (x, m))
            specialize(derivative, (x, m))  # (what later calls run)
            np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-7, err_msg=call)
            _, tangent = tangents(np.copy(x) if form == "array" else x, m,
                                  x_dot=np.ones_like(x) if form == "array" else 1.0)
            np.testing.assert_allclose(tangent, np.sum(expected), rtol=1e-6, err_msg=call)
