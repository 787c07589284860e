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

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import statistics
import sys

import numpy as np

from ..extend import d, given, rule


@rule(statistics.mean)
class Mean:
    def adjoint(r, data):
        d[data] = d[r] * np.ones_like(np.asarray(data) + 0.0) / len(data)

    def tangent(r, data):
        d[r] = np.mean(np.asarray(d[data]) + 0.0)


if sys.version_info >= (3, 11):  # (fmean's weights=)
    @rule(statistics.fmean)
    class Fmean:
        def adjoint(r, data, weights=None):
            if given(weights):
                d[data] = d[r] * (np.asarray(weights) + 0.0) / np.sum(weights)
                d[weights] = d[r] * ((np.asarray(data) + 0.0) - r) / np.sum(weights)
            else:
                d[data] = d[r] * np.ones_like(np.asarray(data) + 0.0) / len(data)

        def tangent(r, data, weights=None):
            if given(weights):
                d[r] = (np.sum((np.asarray(d[data]) + 0.0) * (np.asarray(weights) + 0.0))
                        + np.sum((np.asarray(d[weights]) + 0.0)
                                 * ((np.asarray(data) + 0.0) - r))) / np.sum(weights)
            else:
                d[r] = np.mean(np.asarray(d[data]) + 0.0)
else:
    @rule(statistics.fmean)
    class FmeanOfData:
        def adjoint(r, data):
            d[data] = d[r] * np.ones_like(np.asarray(data) + 0.0) / len(data)

        def tangent(r, data):
            d[r] = np.mean(np.asarray(d[data]) + 0.0)


@rule(statistics.median)
class Median:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights((np.asarray(data) + 0.0), 0.5))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen((np.asarray(d[data]) + 0.0), _rt.quantile_weights(
            (np.asarray(data) + 0.0), 0.5)))


@rule(statistics.median_low)
class MedianLow:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights((np.asarray(data) + 0.0), 0.5, None,
                                                        "lower"))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen((np.asarray(d[data]) + 0.0), _rt.quantile_weights(
            (np.asarray(data) + 0.0), 0.5, None, "lower")))


@rule(statistics.median_high)
class MedianHigh:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights((np.asarray(data) + 0.0), 0.5, None,
                                                        "higher"))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen((np.asarray(d[data]) + 0.0), _rt.quantile_weights(
            (np.asarray(data) + 0.0), 0.5, None, "higher")))


@rule(statistics.variance)
class Variance:  # sum((x - c) ** 2) / (n - 1), c the mean or xbar
    def adjoint(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[data] = d[r] * 2.0 * deviation / (len(data) - 1)
            d[xbar] = -d[r] * 2.0 * np.sum(deviation) / (len(data) - 1)
        else:
            values = np.asarray(data) + 0.0
            d[data] = d[r] * 2.0 * (values - np.mean(values)) / (len(data) - 1)

    def tangent(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[r] = 2.0 * (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                          - d[xbar] * np.sum(deviation)) / (len(data) - 1)
        else:
            d[r] = 2.0 * np.sum(((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0))
                                * (np.asarray(d[data]) + 0.0)) / (len(data) - 1)


@rule(statistics.pvariance)
class Pvariance:  # sum((x - c) ** 2) / n, c the mean or mu
    def adjoint(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[data] = d[r] * 2.0 * deviation / len(data)
            d[mu] = -d[r] * 2.0 * np.sum(deviation) / len(data)
        else:
            d[data] = d[r] * 2.0 * ((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)) / len(data)

    def tangent(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[r] = 2.0 * (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                          - d[mu] * np.sum(deviation)) / len(data)
        else:
            d[r] = 2.0 * np.sum(((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0))
                                * (np.asarray(d[data]) + 0.0)) / len(data)


@rule(statistics.stdev)
class Stdev:  # sqrt(variance): the variance's derivative over 2 r
    def adjoint(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[data] = d[r] * deviation / (r * (len(data) - 1))
            d[xbar] = -d[r] * np.sum(deviation) / (r * (len(data) - 1))
        else:
            values = np.asarray(data) + 0.0
            d[data] = d[r] * (values - np.mean(values)) / (r * (len(data) - 1))

    def tangent(r, data, xbar=None):
        if given(xbar):
            deviation = (np.asarray(data) + 0.0) - xbar
            d[r] = (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                    - d[xbar] * np.sum(deviation)) / (r * (len(data) - 1))
        else:
            d[r] = np.sum(((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0))
                          * (np.asarray(d[data]) + 0.0)) / (r * (len(data) - 1))


@rule(statistics.pstdev)
class Pstdev:
    def adjoint(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[data] = d[r] * deviation / (r * len(data))
            d[mu] = -d[r] * np.sum(deviation) / (r * len(data))
        else:
            d[data] = d[r] * ((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0)) / (r * len(data))

    def tangent(r, data, mu=None):
        if given(mu):
            deviation = (np.asarray(data) + 0.0) - mu
            d[r] = (np.sum(deviation * (np.asarray(d[data]) + 0.0))
                    - d[mu] * np.sum(deviation)) / (r * len(data))
        else:
            d[r] = np.sum(((np.asarray(data) + 0.0) - np.mean(np.asarray(data) + 0.0))
                          * (np.asarray(d[data]) + 0.0)) / (r * len(data))


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
