"""The derivative of a variance of values equal up to rounding.

``np.var(0.3 + t * np.ones(3))`` is 0 for every ``t`` in exact arithmetic; in floating point it
is 0 or a few units of rounding (``np.mean`` of the equal entries may round), and so are its
deviations ``a - np.mean(a)``, which summed along the direction ``t`` moves did not cancel:
``np.sqrt`` of it scaled that noise to O(1), and ``grad`` was 2.0 where the derivative is 1.0
(fuzz seed 5540 program 37).  The rule centres the deviations once more (their mean taken
off, ``tangentish/rules/numpy_reductions.py``), which makes them exactly 0 where the entries
are equal: the variance's derivative is then exactly 0, as it is in exact arithmetic (JAX,
which differentiates through the mean, gets 0 the same way).  Where the variance itself is
exactly 0, ``np.sqrt``'s partial there is inf and ``0 * inf`` stays NaN (README: a zero the
function computes is a value, not a structural zero; JAX and autograd give NaN as well).

Each row (of np.var, np.nanvar, np.cov) is ``f(t)``, whose derivative is ``1`` in closed form at
every ``t``; at each point, ``grad``, ``jvp`` and ``hvp`` (closed form 0) give that, or NaN where
the variance is exactly 0.
"""

from __future__ import annotations

import numpy as np
import pytest

import tangentish


def flat(t):
    return np.sqrt(np.var(0.3 + t * np.ones(3))) + t


def equal_rows(t):
    a = 0.7 * np.ones((3, 1)) + t
    return np.sum(np.sqrt(np.var(a, axis=0, ddof=1))) + t


def kept_dimensions(t):
    a = 0.7 * np.ones((2, 5)) - t
    return np.sum(np.cbrt(np.var(a, axis=1, keepdims=True))) + t


def inside(t):
    return np.sqrt(np.var(np.sin(0.1 * np.ones(3)) * 3.0 + t)) + t


def nan_variance(t):  # (np.nanvar, a NaN entry left out)
    return np.sqrt(np.nanvar(np.array([0.3 + t, np.nan, 0.3 + t, 0.3 + t]))) + t


def _rows(t):
    return np.stack([0.3 + t * np.ones(3), np.array([1.0, 2.0, 4.0])])


def covariance(t):  # (np.cov of rows, one of equal values)
    return np.sqrt(np.cov(_rows(t))[0, 0]) + t


def weighted_covariance(t):  # (and its aweights, a list)
    return np.sqrt(np.cov(_rows(t), aweights=[0.3, 1.0, 0.7])[0, 0]) + t


# each row's variances, to tell where one is exactly 0
VARIANCES = {
    flat: lambda t: np.var(0.3 + t * np.ones(3)),
    equal_rows: lambda t: np.var(0.7 * np.ones((3, 1)) + t, axis=0),
    kept_dimensions: lambda t: np.var(0.7 * np.ones((2, 5)) - t, axis=1),
    inside: lambda t: np.var(np.sin(0.1 * np.ones(3)) * 3.0 + t),
    nan_variance: lambda t: np.nanvar(np.array([0.3 + t, np.nan, 0.3 + t, 0.3 + t])),
    covariance: lambda t: np.cov(_rows(t))[0, 0],
    weighted_covariance: lambda t: np.cov(_rows(t), aweights=[0.3, 1.0, 0.7])[0, 0],
}
POINTS = [0.4, 0.2, -1.3, 2.9, 0.11, 0.7]


@pytest.mark.parametrize("fn", VARIANCES, ids=lambda fn: fn.__name__)
def test_a_variance_of_equal_values_has_derivative_zero(fn) -> None:
    rounded = 0
    for t in POINTS:
        with np.errstate(all="ignore"):
            got = [tangentish.grad(fn)(t), tangentish.jvp(fn)(t, t_dot=1.0)[1]]
            second = tangentish.hvp(fn)(t, 1.0)
        if np.any(VARIANCES[fn](t) == 0.0):  # (the singular partial inf there: 0 * inf is NaN)
            assert all(np.isnan(g) for g in got), (fn.__name__, t, got)
            continue
        rounded += 1
        np.testing.assert_allclose(got, [1.0, 1.0], rtol=1e-12, err_msg=f"{fn.__name__}({t})")
        assert second == 0.0, (fn.__name__, t, second)
    assert rounded  # (a point where rounding leaves a variance that is not 0)
