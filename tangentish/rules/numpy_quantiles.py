"""Order statistics: ``median``, ``quantile`` and ``percentile`` and their ``nan`` forms.

A quantile combines at most two of the sorted values with weights fixed by ``q``, the count and the
method (``_rt.quantile_weights``: piecewise constant, so the rules are linear in ``a`` given them,
and their second derivative is zero away from ties; 0 at a NaN the ``nan`` forms skip).  A value
not combined takes no part: ``_rt.chosen(g, w)``, not ``g * w``, whose support the
structural-zero passes know (``np.median(np.cbrt(v))`` was NaN at an unchosen ``v = 0``).
``q`` itself is not differentiated (refused where it varies); NumPy's discontinuous methods
(``inverted_cdf``...) are refused at the call, and so are ``overwrite_input=`` (NumPy may reorder
the input in place), ``weights=`` and the old ``interpolation=``.  An array ``q`` gives one
result per quantile (leading axes, as NumPy's).

``np.histogram``'s counts (its densities, its sums of ``weights=``) are piecewise constant in the
data ``a`` (a value moves to another bin only by crossing an edge).  Given as an array, or by
``range=`` with a number of bins, the edges do not follow ``a``; with a number of bins or a
string's estimator (``"auto"``) and no ``range=`` they are ``np.linspace(lo, hi, n + 1)`` of
``a``'s minimum and maximum (``n`` piecewise constant, ``lo - 0.5`` and ``hi + 0.5`` where the two
are equal: the same derivative), differentiated through ``lo`` and ``hi`` as ``np.min`` and
``np.max`` are (ties share), and the densities (``density=True``: counts divided by ``n`` bins'
width ``(hi - lo) / n``) through that width (``_rt.edges_follow`` says which).  ``bins`` and
``range`` themselves are not differentiated (refused where they vary).  The sums of ``weights=``
are linear in the weights: a weight takes its bin's cotangent, 0 outside the edges
(``_rt.unhistogram``; the tangent is ``np.histogram`` of the weights' tangent,
``_rt.rehistogram``, each the other's transpose, so second derivatives follow); with
``density=True`` (the sums divided by their total) the weights' derivative is refused.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, given, linear, non_differentiable, returns_sequence, rule

non_differentiable(runtime.quantile_weights, runtime.quantile_axes, runtime.q_axes,
                   runtime.edges_follow)
returns_sequence(np.histogram)  # (counts, edges)
# the sums of the weights per bin and their adjoint, each the other's transpose
linear(runtime.unhistogram, lambda r, g, a, edges: _rt.rehistogram(d[r], a, edges))
linear(runtime.rehistogram, lambda r, t, a, edges: _rt.unhistogram(d[r], a, edges))


@rule(np.median)
class Median:
    def adjoint(r, a, axis=None, out=None, overwrite_input=False, keepdims=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims),
                          _rt.quantile_weights(a, 0.5, axis))

    def tangent(r, a, axis=None, out=None, overwrite_input=False, keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.quantile_weights(a, 0.5, axis)), axis=axis,
                      keepdims=keepdims)


@rule(np.nanmedian)
class NanMedian:  # NaN values take no part: their derivative is 0
    def adjoint(r, a, axis=None, out=None, overwrite_input=False, keepdims=False):
        d[a] = _rt.chosen(np.where(np.isnan(a), 0.0, _rt.unreduce(
            d[r], a, axis=axis, keepdims=keepdims)), _rt.quantile_weights(a, 0.5, axis, "linear", True))

    def tangent(r, a, axis=None, out=None, overwrite_input=False, keepdims=False):
        d[r] = np.sum(_rt.chosen(np.where(np.isnan(a), 0.0, d[a]), _rt.quantile_weights(
            a, 0.5, axis, "linear", True)), axis=axis, keepdims=keepdims)


@rule(np.quantile)
class Quantile:
    def adjoint(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        w = _rt.quantile_weights(a, q, axis, method)
        d[a] = np.sum(_rt.chosen(_rt.unreduce(d[r], w, axis=_rt.quantile_axes(q, a, axis),
                                              keepdims=keepdims), w), axis=_rt.q_axes(q))
        d[q] = _rt.no_derivative(q, "np.quantile in its q")

    def tangent(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.quantile_weights(a, q, axis, method)), keepdims=keepdims,
                      axis=_rt.quantile_axes(q, a, axis)) + _rt.no_tangent(
            d[q], "np.quantile in its q")


@rule(np.nanquantile)
class NanQuantile:
    def adjoint(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        w = _rt.quantile_weights(a, q, axis, method, True)
        d[a] = np.sum(_rt.chosen(_rt.unreduce(d[r], w, axis=_rt.quantile_axes(q, a, axis),
                                              keepdims=keepdims), w), axis=_rt.q_axes(q))
        d[q] = _rt.no_derivative(q, "np.nanquantile in its q")

    def tangent(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        d[r] = np.sum(_rt.chosen(np.where(np.isnan(a), 0.0, d[a]), _rt.quantile_weights(
            a, q, axis, method, True)), axis=_rt.quantile_axes(q, a, axis),
            keepdims=keepdims) + _rt.no_tangent(d[q], "np.nanquantile in its q")


@rule(np.percentile)
class Percentile:  # np.quantile at q / 100
    def adjoint(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        w = _rt.quantile_weights(a, np.true_divide(q, 100), axis, method)
        d[a] = np.sum(_rt.chosen(_rt.unreduce(d[r], w, axis=_rt.quantile_axes(q, a, axis),
                                              keepdims=keepdims), w), axis=_rt.q_axes(q))
        d[q] = _rt.no_derivative(q, "np.percentile in its q")

    def tangent(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.quantile_weights(a, np.true_divide(q, 100), axis,
                                                            method)),
                      axis=_rt.quantile_axes(q, a, axis), keepdims=keepdims) + _rt.no_tangent(
            d[q], "np.percentile in its q")


@rule(np.nanpercentile)
class NanPercentile:
    def adjoint(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        w = _rt.quantile_weights(a, np.true_divide(q, 100), axis, method, True)
        d[a] = np.sum(_rt.chosen(_rt.unreduce(d[r], w, axis=_rt.quantile_axes(q, a, axis),
                                              keepdims=keepdims), w), axis=_rt.q_axes(q))
        d[q] = _rt.no_derivative(q, "np.nanpercentile in its q")

    def tangent(r, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False):
        d[r] = np.sum(_rt.chosen(np.where(np.isnan(a), 0.0, d[a]), _rt.quantile_weights(
            a, np.true_divide(q, 100), axis, method, True)), axis=_rt.quantile_axes(q, a, axis),
            keepdims=keepdims) + _rt.no_tangent(d[q], "np.nanpercentile in its q")


RANGE = "np.histogram with range=None written out (its edges then follow the data)"
RANGE_HINT = "leave range= out, or give the range as (lo, hi)"
DENSITY = ("np.histogram's weights= with density=True are not differentiated (the densities divide "
           "by their sum)")
DENSITY_HINT = "divide the counts by their sum and the bins' widths yourself"


@rule(np.histogram)
class Histogram:  # counts piecewise constant; edges linspace(lo, hi, n + 1) where they follow a
    def adjoint(r, a, bins=10, range=None, density=None, weights=None):
        if given(range):  # (the edges fixed: the counts' derivative 0)
            d[a] = _rt.checked(_rt.zeros_like(a), _rt.edges_follow(bins, range, a) == 0.0,
                                RANGE, RANGE_HINT)
        else:
            edges = _rt.part(d[r], r, 1)
            span = np.linspace(0.0, 1.0, np.size(r[1]), dtype=np.result_type(r[1]))
            widen = -np.sum(_rt.part(d[r], r, 0) * r[0]) / (r[1][-1] - r[1][0]) * \
                _rt.edges_follow(bins, range, a, density)
            low = np.sum(edges * (1.0 - span)) * _rt.edges_follow(bins, range, a) - widen
            high = np.sum(edges * span) * _rt.edges_follow(bins, range, a) + widen
            d[a] = _rt.chosen(_rt.unreduce(low, a), _rt.ties(a, _rt.extremum_from(
                a, np.inf, smallest=True))) + _rt.chosen(_rt.unreduce(high, a), _rt.ties(
                    a, _rt.extremum_from(a, -np.inf)))
        d[bins] = _rt.no_derivative(bins, "np.histogram in its bins")
        d[range] = _rt.no_derivative(range, "np.histogram in its range")
        d[weights] = _rt.unhistogram(_rt.checked(_rt.part(d[r], r, 0), not density, DENSITY,
                                                 DENSITY_HINT), a, r[1])

    def tangent(r, a, bins=10, range=None, density=None, weights=None):
        if given(range):
            d[r] = (_rt.checked(_rt.zeros_like(r[0]), _rt.edges_follow(bins, range, a) == 0.0,
                                RANGE, RANGE_HINT)
                    + _rt.no_tangent(d[bins], "np.histogram in its bins")
                    + _rt.no_tangent(d[range], "np.histogram in its range")
                    + _rt.rehistogram(_rt.checked(d[weights], not density, DENSITY,
                                                  DENSITY_HINT), a, r[1]),
                    _rt.zeros_like(r[1]))
        else:
            low = np.sum(_rt.chosen(d[a], _rt.ties(a, _rt.extremum_from(
                a, np.inf, smallest=True)))) * _rt.edges_follow(bins, range, a)
            high = np.sum(_rt.chosen(d[a], _rt.ties(a, _rt.extremum_from(
                a, -np.inf)))) * _rt.edges_follow(bins, range, a)
            d[r] = (-r[0] * (high - low) / (r[1][-1] - r[1][0]) * _rt.edges_follow(
                bins, range, a, density) + _rt.no_tangent(d[bins], "np.histogram in its bins")
                    + _rt.rehistogram(_rt.checked(d[weights], not density, DENSITY,
                                                  DENSITY_HINT), a, r[1]),
                    low + (high - low) * np.linspace(0.0, 1.0, np.size(r[1]), dtype=np.result_type(
                        r[1])))  # (the edges' dtype: float32 data's are float32)
