"""Rule-table rows of ``tangentish/rules/numpy_quantiles.py``: median, quantile and percentile (every
differentiated method, axes, keepdims, an array of ``q``), their ``nan`` forms with NaNs planted, and
ties (planted: the derivative is shared evenly, a kink); ``np.histogram``'s counts and densities
with fixed edges (derivative 0), and its sums of ``weights=`` (linear in them: each weight its
bin's cotangent, 0 outside the edges), with fixed edges and edges following the data.
"""

from __future__ import annotations

import numpy as np

import tangentish.runtime as rt

from .common import W3, W4, W23, W34, W234, Row

NAN34 = np.where(np.arange(12).reshape(3, 4) % 5 == 1, np.nan, 1.0)
Q3 = np.array([0.1, 0.5, 0.85])


def qs_median(x):
    return np.median(x) + np.sum(np.median(x, axis=0) * W4) + np.sum(np.median(x, 1) ** 2 * W3)


def qs_median_odd(x):  # 5 values per row: the middle one
    return np.sum(np.median(x, axis=1) * W3) + np.median(x[0])


def qs_median_even_keepdims(x):  # 4 values per row: the mean of the middle two
    return np.sum(np.median(x, axis=-1, keepdims=True) * W3.reshape(3, 1)) + np.median(x[:, :2])


def qs_median_axes(x):
    return np.sum(np.median(x, axis=(0, 2)) * W3) + np.sum(np.median(x, axis=(1, 2),
                                                                     keepdims=True) ** 2)


def qs_quantile(x):
    return np.quantile(x, 0.3) + np.sum(np.quantile(x, 0.75, axis=1) * W3) + np.sum(
        np.quantile(x, Q3, axis=0) * W34) + np.quantile(x, 1.0) - np.quantile(x, 0.0)


def qs_quantile_methods(x):
    return (np.sum(np.quantile(x, 0.37, axis=1, method="lower") * W3)
            + 2.0 * np.sum(np.quantile(x, 0.37, axis=1, method="higher") * W3)
            + 3.0 * np.sum(np.quantile(x, 0.37, axis=1, method="nearest") * W3)
            + 4.0 * np.sum(np.quantile(x, 0.37, axis=1, method="midpoint") * W3)
            + 5.0 * np.sum(np.quantile(x, 0.37, axis=1, method="hazen") * W3)
            + 6.0 * np.sum(np.quantile(x, 0.37, axis=1, method="weibull") * W3)
            + 7.0 * np.sum(np.quantile(x, 0.37, axis=1, method="median_unbiased") * W3)
            + 8.0 * np.sum(np.quantile(x, 0.37, axis=1, method="normal_unbiased") * W3)
            + 9.0 * np.sum(np.quantile(x, 0.37, axis=1, method="interpolated_inverted_cdf") * W3))


def qs_percentile(x):
    return np.sum(np.percentile(x, [25, 75], axis=2) * W23) + np.percentile(x, 90.0) + np.sum(
        np.percentile(x, 40, axis=(0, 1), keepdims=True) * W4)


def qs_nan_forms(x):
    return (np.nanmedian(x) + np.sum(np.nanmedian(x, axis=1) * W3)
            + np.sum(np.nanquantile(x, Q3, axis=0) * W34) + np.nanpercentile(x, 65.0)
            + np.sum(np.nanpercentile(x, 20, axis=1, keepdims=True) ** 2))


def qs_quantile_3d(x):
    return np.sum(np.quantile(x, 0.6, axis=1) * W234[:, 0, :]) + np.sum(
        np.quantile(x, Q3, axis=-1, keepdims=True) ** 2)


def _plant_nan(args):
    return [args[0] * NAN34]


def _plant_ties(args):
    x = args[0].copy()
    x[0, 1] = x[0, 2] = np.median(x[0])  # a tie at row 0's middle
    x[2, 0] = x[2, 4] = np.max(x[2]) + 0.5  # and at row 2's top (away from the quantiles)
    return [x]


def qs_median_ties(x):
    return np.sum(np.median(x, axis=1) * W3) + np.sum(np.quantile(x, 0.4, axis=1) * W3)


def qs_histogram(x):  # counts and densities piecewise constant (0), times what varies
    counts, edges = np.histogram(x, bins=3, range=(-2.0, 2.0))
    dens, _ = np.histogram(x, bins=np.linspace(-2.0, 2.0, 4), density=True)
    return np.sum((counts + dens) * W3) * np.sum(x ** 2) + np.sum(edges[:3] * np.sin(x))


def qs_histogram_following(x):  # edges linspace(min, max, 4); densities through their width
    counts, edges = np.histogram(x, bins=3)
    dens, _ = np.histogram(x, bins=3, density=True)
    return np.sum(edges ** 2 * W4) + np.sum(dens * W3) + np.sum(counts * edges[1:])


SAMPLES = np.array([-1.9, -0.3, 0.2, 0.9, 1.7, 2.0, -2.0, 5.0, 0.45])  # (both ends, one outside)
EDGES = np.array([-2.0, -0.5, 0.45, 2.0])  # (a sample on an inner edge)


def qs_histogram_weights(w):  # the weights' sums per bin: linear in the weights
    counts, edges = np.histogram(SAMPLES, bins=3, range=(-2.0, 2.0), weights=w * w)
    sums, _ = np.histogram(SAMPLES.reshape(3, 3), EDGES, weights=np.sin(w).reshape(3, 3))
    return np.sum(counts * W3) + np.sum(np.log1p(sums ** 2) * edges[1:])


def qs_histogram_weights_following(w):  # the data's edges follow it, the weights differentiated
    counts, edges = np.histogram(w[:5], bins=3, weights=np.exp(w[4:]))
    return np.sum(counts ** 2 * W3) + np.sum(edges * W4)


def qs_weights_helpers(g, t):  # the two helpers of its derivative, each the other's transpose
    return (np.sum(rt.unhistogram(g * g, SAMPLES, EDGES) * np.arange(9.0))
            + np.sum(rt.rehistogram(np.sin(t), SAMPLES.reshape(3, 3), EDGES) * W3))


ROWS: list[Row] = [
    Row(qs_median, ((3, 4),)),
    Row(qs_median_odd, ((3, 5),)),
    Row(qs_median_even_keepdims, ((3, 4),)),
    Row(qs_median_axes, ((3, 3, 4),)),
    Row(qs_quantile, ((3, 4),)),
    Row(qs_quantile_methods, ((3, 7),)),
    Row(qs_percentile, ((2, 3, 4),)),
    Row(qs_nan_forms, ((3, 4),), setup=_plant_nan),
    Row(qs_quantile_3d, ((2, 5, 4),)),
    Row(qs_median_ties, ((3, 5),), setup=_plant_ties, kink=True),
    Row(qs_histogram, ((3,),)),
    Row(qs_histogram_following, ((5,),)),
    Row(qs_histogram_weights, ((9,),)),
    Row(qs_histogram_weights_following, ((9,),)),
    Row(qs_weights_helpers, ((3,), (3, 3)), wrt=(0, 1)),
]
