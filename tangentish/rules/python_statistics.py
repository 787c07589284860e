"""The ``statistics`` module's centres and spreads of a list, tuple or 1-d array of floats:
``mean``, ``fmean`` (``weights=`` on Python >= 3.11), ``median``, ``median_low``,
``median_high``, ``variance``/``stdev`` (with ``n - 1``) and ``pvariance``/``pstdev`` (with
``n``), each with its centre ``xbar=``/``mu=`` too (Python's sum of squares about a given centre
is not corrected, in every version from 3.10), ``geometric_mean`` and ``harmonic_mean``.

An adjoint is the array of the partials, which the adjoint of a list takes as ``math.prod``'s does.
The medians weigh the sorted values as ``np.median`` and ``np.quantile(method="lower"/"higher")``
do (``_rt.quantile_weights``: ties split evenly).  ``harmonic_mean`` at a 0 (where Python
returns 0) and its ``weights=`` are not differentiated; neither are the integer, ``Fraction`` and
``Decimal`` data these functions also take (they carry no derivative).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import statistics
import sys

import numpy as np

from ..extend import d, given, rule


@rule(statistics.mean)
class Mean:
    def adjoint(r, data):
        d[data] = d[r] * np.full(len(data), 1.0 / len(data))

    def tangent(r, data):
        d[r] = np.mean(np.array(d[data], dtype=float))


if sys.version_info >= (3, 11):  # (fmean's weights=)
    @rule(statistics.fmean)
    class Fmean:
        def adjoint(r, data, weights=None):
            if given(weights):
                d[data] = d[r] * np.array(weights, dtype=float) / np.sum(weights)
                d[weights] = d[r] * (np.array(data, dtype=float) - r) / np.sum(weights)
            else:
                d[data] = d[r] * np.full(len(data), 1.0 / len(data))

        def tangent(r, data, weights=None):
            if given(weights):
                d[r] = (np.sum(np.array(d[data], dtype=float) * np.array(weights, dtype=float))
                        + np.sum(np.array(d[weights], dtype=float)
                                 * (np.array(data, dtype=float) - r))) / np.sum(weights)
            else:
                d[r] = np.mean(np.array(d[data], dtype=float))
else:
    @rule(statistics.fmean)
    class FmeanOfData:
        def adjoint(r, data):
            d[data] = d[r] * np.full(len(data), 1.0 / len(data))

        def tangent(r, data):
            d[r] = np.mean(np.array(d[data], dtype=float))


@rule(statistics.median)
class Median:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights(np.array(data, dtype=float), 0.5))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen(np.array(d[data], dtype=float), _rt.quantile_weights(
            np.array(data, dtype=float), 0.5)))


@rule(statistics.median_low)
class MedianLow:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights(np.array(data, dtype=float), 0.5, None,
                                                        "lower"))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen(np.array(d[data], dtype=float), _rt.quantile_weights(
            np.array(data, dtype=float), 0.5, None, "lower")))


@rule(statistics.median_high)
class MedianHigh:
    def adjoint(r, data):
        d[data] = _rt.chosen(d[r], _rt.quantile_weights(np.array(data, dtype=float), 0.5, None,
                                                        "higher"))

    def tangent(r, data):
        d[r] = np.sum(_rt.chosen(np.array(d[data], dtype=float), _rt.quantile_weights(
            np.array(data, dtype=float), 0.5, None, "higher")))


@rule(statistics.variance)
class Variance:  # sum((x - c) ** 2) / (n - 1), c the mean or xbar
    def adjoint(r, data, xbar=None):
        if given(xbar):
            deviation = np.array(data, dtype=float) - xbar
            d[data] = d[r] * 2.0 * deviation / (len(data) - 1)
            d[xbar] = -d[r] * 2.0 * np.sum(deviation) / (len(data) - 1)
        else:
            d[data] = d[r] * 2.0 * (np.array(data, dtype=float) - np.mean(data)) / (len(data) - 1)

    def tangent(r, data, xbar=None):
        if given(xbar):
            deviation = np.array(data, dtype=float) - xbar
            d[r] = 2.0 * (np.sum(deviation * np.array(d[data], dtype=float))
                          - d[xbar] * np.sum(deviation)) / (len(data) - 1)
        else:
            d[r] = 2.0 * np.sum((np.array(data, dtype=float) - np.mean(data))
                                * np.array(d[data], dtype=float)) / (len(data) - 1)


@rule(statistics.pvariance)
class Pvariance:  # sum((x - c) ** 2) / n, c the mean or mu
    def adjoint(r, data, mu=None):
        if given(mu):
            deviation = np.array(data, dtype=float) - mu
            d[data] = d[r] * 2.0 * deviation / len(data)
            d[mu] = -d[r] * 2.0 * np.sum(deviation) / len(data)
        else:
            d[data] = d[r] * 2.0 * (np.array(data, dtype=float) - np.mean(data)) / len(data)

    def tangent(r, data, mu=None):
        if given(mu):
            deviation = np.array(data, dtype=float) - mu
            d[r] = 2.0 * (np.sum(deviation * np.array(d[data], dtype=float))
                          - d[mu] * np.sum(deviation)) / len(data)
        else:
            d[r] = 2.0 * np.sum((np.array(data, dtype=float) - np.mean(data))
                                * np.array(d[data], dtype=float)) / len(data)


@rule(statistics.stdev)
class Stdev:  # sqrt(variance): the variance's derivative over 2 r
    def adjoint(r, data, xbar=None):
        if given(xbar):
            deviation = np.array(data, dtype=float) - xbar
            d[data] = d[r] * deviation / (r * (len(data) - 1))
            d[xbar] = -d[r] * np.sum(deviation) / (r * (len(data) - 1))
        else:
            d[data] = d[r] * (np.array(data, dtype=float) - np.mean(data)) / (r * (len(data) - 1))

    def tangent(r, data, xbar=None):
        if given(xbar):
            deviation = np.array(data, dtype=float) - xbar
            d[r] = (np.sum(deviation * np.array(d[data], dtype=float))
                    - d[xbar] * np.sum(deviation)) / (r * (len(data) - 1))
        else:
            d[r] = np.sum((np.array(data, dtype=float) - np.mean(data))
                          * np.array(d[data], dtype=float)) / (r * (len(data) - 1))


@rule(statistics.pstdev)
class Pstdev:
    def adjoint(r, data, mu=None):
        if given(mu):
            deviation = np.array(data, dtype=float) - mu
            d[data] = d[r] * deviation / (r * len(data))
            d[mu] = -d[r] * np.sum(deviation) / (r * len(data))
        else:
            d[data] = d[r] * (np.array(data, dtype=float) - np.mean(data)) / (r * len(data))

    def tangent(r, data, mu=None):
        if given(mu):
            deviation = np.array(data, dtype=float) - mu
            d[r] = (np.sum(deviation * np.array(d[data], dtype=float))
                    - d[mu] * np.sum(deviation)) / (r * len(data))
        else:
            d[r] = np.sum((np.array(data, dtype=float) - np.mean(data))
                          * np.array(d[data], dtype=float)) / (r * len(data))


@rule(statistics.geometric_mean)
class GeometricMean:  # exp(mean(log x))
    def adjoint(r, data):
        d[data] = d[r] * r / (len(data) * np.array(data, dtype=float))

    def tangent(r, data):
        d[r] = r * np.mean(np.array(d[data], dtype=float) / np.array(data, dtype=float))


@rule(statistics.harmonic_mean)
class HarmonicMean:  # n / sum(1 / x)
    def adjoint(r, data):
        d[data] = d[r] * r * r / (len(data) * np.array(data, dtype=float) ** 2)

    def tangent(r, data):
        d[r] = r * r * np.mean(np.array(d[data], dtype=float) / np.array(data, dtype=float) ** 2)
