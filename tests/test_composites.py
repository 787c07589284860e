"""The composites' rules (``tangentish/rules/numpy_composites.py``) where they refuse, and the
ranges with an integer ``dtype`` (a rounding: derivative 0, in both modes)."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

TRAPEZOID = getattr(np, "trapezoid", None) or np.trapz  # trapz on NumPy 1.x
X = np.array([[1.0, 2.0, 4.0, 3.5], [0.5, 1.5, 0.2, 3.0]])


def _cov_with_y(x):
    return np.sum(np.cov(x, np.arange(4.0) ** 2) * np.arange(9.0).reshape(3, 3))


def _corrcoef_with_y(x):
    return np.sum(np.corrcoef(x, np.arange(4.0) ** 2) * np.arange(9.0).reshape(3, 3))


def _cov_weighted(x):
    return np.sum(np.cov(x, aweights=np.ones(4)))


def _trapezoid_in_x(x):
    return TRAPEZOID(x[0], x[1])


def _ediff1d_to_end(x):
    return np.sum(np.ediff1d(x, to_end=[1.0]))


def _polyint_constants(x):
    return np.sum(np.polyint(x[0], 1, [2.0]))


@pytest.mark.parametrize("f, fragment", [
    (_cov_with_y, "second data set y"), (_corrcoef_with_y, "second data set y"),
    (_cov_weighted, "aweights"), (_trapezoid_in_x, "sample points x"),
    (_ediff1d_to_end, "to_end"), (_polyint_constants, "k"),
])
def test_composites_refuse_what_they_do_not_differentiate(f, fragment):
    with pytest.raises(tangentish.UnsupportedConstructError, match=fragment):
        tangentish.grad(f)(X)
    with pytest.raises(tangentish.UnsupportedConstructError, match=fragment):
        tangentish.jvp(f)(X, x_dot=np.ones_like(X))


def _ranges_of_integers(x):
    return (np.sum(np.linspace(x[0, 0], x[0, 1] * 10, 4, dtype=int))
            + np.sum(np.logspace(x[0, 0], x[0, 1], 4, dtype=int))
            + np.sum(np.geomspace(x[0, 0], x[0, 1] * 10, 4, dtype=int)) + 0.0 * np.sum(x))


def test_ranges_of_an_integer_dtype_have_derivative_zero():
    assert np.array_equal(tangentish.grad(_ranges_of_integers)(X), np.zeros_like(X))
    assert tangentish.jvp(_ranges_of_integers)(X, x_dot=np.ones_like(X))[1] == 0.0
