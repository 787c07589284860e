"""The composites' rules (``tangentish/rules/numpy_composites.py``) where they refuse, and the
ranges with an integer ``dtype`` (a rounding: derivative 0, in both modes)."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

TRAPEZOID = getattr(np, "trapezoid", None) or np.trapz  # trapz on NumPy 1.x
X = np.array([[1.0, 2.0, 4.0, 3.5], [0.5, 1.5, 0.2, 3.0]])


def _trapezoid_in_x(x):
    return TRAPEZOID(x[0], x[1])


def _trapezoid_dx_with_x(x):  # (x=None passed: dx is read, but not differentiated with x given)
    return TRAPEZOID(x[0], None, x[1, 0])


def _cov_in_counts(x):  # (integral floats: NumPy takes them; the counts are not differentiated)
    return np.sum(np.cov(X, fweights=x[0] * 0.0 + np.array([1.0, 2.0, 1.0, 3.0])))


def _polyfit_full(x):
    return np.sum(np.polyfit(X[0], x[1], 2, full=True)[0])


def _polyfit_in_weights(x):
    return np.sum(np.polyfit(X[0], X[1], 2, w=x[0]))


def _polyint_constants(x):
    return np.sum(np.polyint(x[0], 1, [2.0]))


@pytest.mark.parametrize("f, fragment", [
    (_trapezoid_in_x, "sample points x"), (_trapezoid_dx_with_x, "spacing dx, x passed too"),
    (_polyint_constants, "k"), (_polyfit_full, "full=True"), (_polyfit_in_weights, "weights w"),
])
def test_composites_refuse_what_they_do_not_differentiate(f, fragment):
    with pytest.raises(tangentish.UnsupportedConstructError, match=fragment):
        tangentish.grad(f)(X)
    with pytest.raises(tangentish.UnsupportedConstructError, match=fragment):
        tangentish.jvp(f)(X, x_dot=np.ones_like(X))


def test_cov_refuses_varying_counts():  # (their tangent, 0 where they stay integers, is checked)
    with pytest.raises(tangentish.UnsupportedConstructError, match="frequency weights"):
        tangentish.grad(_cov_in_counts)(X)


def _ranges_of_integers(x):
    return (np.sum(np.linspace(x[0, 0], x[0, 1] * 10, 4, dtype=int))
            + np.sum(np.logspace(x[0, 0], x[0, 1], 4, dtype=int))
            + np.sum(np.geomspace(x[0, 0], x[0, 1] * 10, 4, dtype=int)) + 0.0 * np.sum(x))


def test_ranges_of_an_integer_dtype_have_derivative_zero():
    assert np.array_equal(tangentish.grad(_ranges_of_integers)(X), np.zeros_like(X))
    assert tangentish.jvp(_ranges_of_integers)(X, x_dot=np.ones_like(X))[1] == 0.0


def _interp_period(x, p):
    return np.sum(np.interp(x, X[0], X[1], period=p))


def test_interp_of_period_zero_raises_numpys_error():  # (the lowered call checks it: period_of)
    with pytest.raises(ValueError, match="period must be a non-zero value"):
        np.interp(X[1], X[0], X[1], period=0.0)
    with pytest.raises(ValueError, match="period must be a non-zero value"):
        tangentish.grad(_interp_period)(X[1], 0.0)
