"""``_rt.quantile_weights`` against NumPy itself: for every differentiated method, shape, axis, ``q``
(scalar, 1-D, 2-D) and with NaNs (the ``nan`` forms), the weights reproduce NumPy's quantile as a
weighted sum of the values; a slice whose result is NaN gets zero weights.  (The derivatives are
checked against finite differences by the rule table, tests/rules/numpy_quantiles.py.)"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tangentish.runtime.quantiles import quantile_axes, quantile_weights

METHODS = ("linear", "midpoint", "lower", "higher", "nearest", "hazen", "weibull",
           "median_unbiased", "normal_unbiased", "interpolated_inverted_cdf")
CASES = [((7,), None), ((5,), 0), ((3, 4), 1), ((3, 4), 0), ((3, 4), None), ((2, 3, 4), (0, 2)),
         ((2, 3, 4), -1), ((1,), None), ((2, 5), (-1,))]
QS = [0.5, 0.0, 1.0, 0.3, np.array([0.1, 0.5, 0.97]), np.array([[0.25], [0.75]])]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("skip_nan", [False, True])
def test_weights_reproduce_numpy(method: str, skip_nan: bool) -> None:
    rng = np.random.default_rng(7)
    for shape, axis in CASES:
        for q in QS:
            if skip_nan and np.ndim(q) > 1:
                continue  # refused (NumPy lays that result out its own way, by version)
            a = rng.integers(0, 4, size=shape).astype(float)  # small integers: ties
            if skip_nan and a.size > 2:
                a.reshape(-1)[[0, -1]] = np.nan
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected = (np.nanquantile if skip_nan else np.quantile)(a, q, axis=axis,
                                                                        method=method)
            weights = quantile_weights(a, q, axis, method, skip_nan)
            assert weights.shape == np.shape(q) + a.shape
            if np.ndim(q) == 0:
                assert np.all(weights[np.isnan(a)] == 0.0)
            got = np.sum(np.where(np.isnan(a), 0.0, a) * weights,
                         axis=quantile_axes(q, a, axis))
            assert got.shape == np.shape(expected), (shape, axis, q)
            finite = ~np.isnan(expected)
            np.testing.assert_allclose(got[finite], expected[finite], rtol=1e-12, atol=1e-12)
            np.testing.assert_array_equal(got[~finite], 0.0)


def test_ties_share_evenly_and_weights_sum_to_one() -> None:
    a = np.array([3.0, 1.0, 2.0, 2.0, 5.0])  # the median 2.0 twice
    np.testing.assert_array_equal(quantile_weights(a, 0.5), [0.0, 0.0, 0.5, 0.5, 0.0])
    b = np.random.default_rng(3).normal(size=(4, 9))
    np.testing.assert_allclose(np.sum(quantile_weights(b, [0.2, 0.9], 1), axis=-1), 1.0)


def test_float32_weights_stay_float32() -> None:
    assert quantile_weights(np.ones(4, np.float32), 0.5).dtype == np.float32
