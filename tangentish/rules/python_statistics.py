"""The ``statistics`` module's centres and spreads of a list, tuple or 1-d array of floats:
``mean``, ``fmean`` (``weights=`` on Python >= 3.11), ``median``, ``median_low``,
``median_high``, ``variance``/``stdev`` (with ``n - 1``) and ``pvariance``/``pstdev`` (with
``n``), each with its centre ``xbar=``/``mu=`` too (Python's sum of squares about a given centre
is not corrected, in every version from 3.10), ``geometric_mean`` and ``harmonic_mean``.

An adjoint is the array of the partials, which the adjoint of a list takes as ``math.prod``'s does.
The medians weigh the sorted values as ``np.median`` and ``np.quantile(method="lower"/"higher")``
do (``_rt.quantile_weights``: ties split evenly).  ``harmonic_mean`` at a 0 (where Python
returns 0) and its ``weights=`` are not differentiated; neither are the integer, ``Fraction`` and
``Decimal`` data these functions also take (they carry no derivative).  The partials are
computed in the data's float dtype (``np.asarray(data) + 0.0``: float32 stays float32).
"""

# ruff: noqa: F821, F841, SIM108  (rules name `_rt`, which exists in generated code only; a guard's
# names are read by the halves after it; `given` is read in an if statement only)

import statistics
import sys

import numpy as np

from ..extend import d, given, rule

# fmean without weights= (3.10 has no such parameter) is mean.
MEANS = (statistics.mean,) if sys.version_info >= (3, 11) else (statistics.mean, statistics.fmean)


@rule(MEANS)
class Mean:
    def adjoint(r, data):
        d[data] = d[r] * np.ones_like(np.asarray(data) + 0.0) / len(data)

    def tangent(r, data):
        d[r] = np.mean(np.asarray(d[data]) + 0.0)


if sys.version_info >= (3, 11):  # (fmean's weights=)
    @rule(statistics.fmean)
    class Fmean:
        def guard(r, data, weights=None):  # (mean's, without weights)
            values = np.asarray(data) + 0.0
            if given(weights):
                weighted = np.asarray(weights) + 0.0
            else:
                weighted = np.ones_like(values)

        def adjoint(r, data, weights=None):
            d[data] = d[r] * weighted / np.sum(weighted)
            d[weights] = d[r] * (values - r) / np.sum(weighted)

        def tangent(r, data, weights=None):
            d[r] = (np.sum((np.asarray(d[data]) + 0.0) * weighted)
                    + np.sum((np.asarray(d[weights]) + 0.0) * (values - r))) / np.sum(weighted)


class _Middle:  # the sorted values' weights, as np.quantile's method (the guard's) gives them
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights(np.asarray(data) + 0.0, 0.5, None, method))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen(np.asarray(d[data]) + 0.0, _rt.quantile_weights(
            np.asarray(data) + 0.0, 0.5, None, method)))


@rule(statistics.median)
class Median(_Middle):
    def guard(r, data):
        method = "linear"


@rule(statistics.median_low)
class MedianLow(_Middle):
    def guard(r, data):
        method = "lower"


@rule(statistics.median_high)
class MedianHigh(_Middle):
    def guard(r, data):
        method = "higher"


# The spreads are functions of S = sum((x - c) ** 2), c the centre given (xbar=, mu=) or the mean,
# whose partials are 2 (x - c) and -2 sum(x - c) (0 for the mean); the guard's weight is dr/dS.
class _AboutXbar:
    def adjoint(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[xbar] = -d[r] * 2.0 * weight * np.sum(deviation)
        else:
            deviation = (np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)
        d[data] = d[r] * 2.0 * weight * deviation

    def tangent(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[r] = 2.0 * weight * (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                                   - d[xbar] * np.sum(deviation))
        else:
            deviation = (np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)
            d[r] = 2.0 * weight * np.sum(deviation * (np.asarray(d[data]) + 0.0))


class _AboutMu:  # (the same, the centre named mu)
    def adjoint(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[mu] = -d[r] * 2.0 * weight * np.sum(deviation)
        else:
            deviation = (np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)
        d[data] = d[r] * 2.0 * weight * deviation

    def tangent(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[r] = 2.0 * weight * (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                                   - d[mu] * np.sum(deviation))
        else:
            deviation = (np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)
            d[r] = 2.0 * weight * np.sum(deviation * (np.asarray(d[data]) + 0.0))


@rule(statistics.variance)
class Variance(_AboutXbar):  # S / (n - 1)
    def guard(r, data, xbar=None):
        weight = 1.0 / (len(data) - 1)


@rule(statistics.stdev)
class Stdev(_AboutXbar):  # sqrt(S / (n - 1))
    def guard(r, data, xbar=None):
        weight = 0.5 / (r * (len(data) - 1))


@rule(statistics.pvariance)
class Pvariance(_AboutMu):  # S / n
    def guard(r, data, mu=None):
        weight = 1.0 / len(data)


@rule(statistics.pstdev)
class Pstdev(_AboutMu):  # sqrt(S / n)
    def guard(r, data, mu=None):
        weight = 0.5 / (r * len(data))


@rule(statistics.geometric_mean)
class GeometricMean:  # exp(mean(log x))
    def adjoint(r, data):
        d[data] = d[r] * r / (len(data) * (np.asarray(data) + 0.0))

    def tangent(r, data):
        d[r] = r * np.mean((np.asarray(d[data]) + 0.0) / (np.asarray(data) + 0.0))


@rule(statistics.harmonic_mean)
class HarmonicMean:  # n / sum(1 / x)
    def adjoint(r, data):
        d[data] = d[r] * r * r / (len(data) * (np.asarray(data) + 0.0) ** 2)

    def tangent(r, data):
        d[r] = r * r * np.mean((np.asarray(d[data]) + 0.0) / (np.asarray(data) + 0.0) ** 2)
