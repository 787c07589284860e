"""Reductions that skip NaN (``nansum``, ``nanmean``, ``nanmax``...), ``ptp``, ``average``, ``cumprod``
and NumPy 2's ``cumulative_sum``/``cumulative_prod``.  A NaN element gets a zero derivative (it
does not take part); ties of ``ptp``, ``nanmax`` and ``nanmin`` share the derivative evenly.
Counts of the valid elements are taken in the result's dtype, so float32 stays float32.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from ..extend import d, given, linear, returns_sequence, rule


@rule(np.nansum)
class NanSum:
    def adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[a] = np.where(np.isnan(a), 0.0, _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[r] = np.sum(np.where(np.isnan(a), 0.0, d[a]), axis=axis, keepdims=keepdims)


@rule(np.nanmean)
class NanMean:
    def adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis=axis, keepdims=keepdims, dtype=r.dtype)
        d[a] = np.where(np.isnan(a), 0.0, _rt.unreduce(d[r] / count, a, axis=axis,
                                                       keepdims=keepdims))

    def tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis=axis, keepdims=keepdims, dtype=r.dtype)
        d[r] = np.sum(np.where(np.isnan(a), 0.0, d[a]), axis=axis, keepdims=keepdims) / count


@rule((np.nanmax, np.nanmin))
class NanExtremum:  # ties share the derivative evenly
    def adjoint(r, a, axis=None, out=None, keepdims=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims),
                          _rt.ties(a, r, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=None, out=None, keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.ties(a, r, axis=axis, keepdims=keepdims)),
                      axis=axis, keepdims=keepdims)


@rule(np.nanprod)
class NanProd:
    def adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[a] = np.where(np.isnan(a), 0.0, _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims)
                        * _rt.prod_others(np.where(np.isnan(a), 1.0, a), axis=axis))

    def tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[r] = np.sum(np.where(np.isnan(a), 0.0, d[a] * _rt.prod_others(
            np.where(np.isnan(a), 1.0, a), axis=axis)), axis=axis, keepdims=keepdims)


@rule(np.nanvar)
class NanVar:  # the deviation is masked first, so no NaN meets a product (nor a second derivative);
    # the adjoint is a selection (0 where NaN), so what a's NaNs came from meets no NaN partial;
    # the deviations centred once more, exactly 0 where the entries are equal (as np.var's)
    def adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis, keepdims=True, dtype=r.dtype)
        centred = a - np.nanmean(a, axis, keepdims=True)
        deviation = np.where(np.isnan(a), 0.0, centred - np.nanmean(centred, axis, keepdims=True))
        d[a] = np.where(np.isnan(a), 0.0, _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims)
                        * 2.0 * deviation / (count - ddof))

    def tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis, keepdims=keepdims, dtype=r.dtype)
        centred = a - np.nanmean(a, axis, keepdims=True)
        deviation = np.where(np.isnan(a), 0.0, centred - np.nanmean(centred, axis, keepdims=True))
        d[r] = 2.0 * np.sum(np.where(np.isnan(a), 0.0, d[a]) * deviation, axis,
                            keepdims=keepdims) / (count - ddof)


@rule(np.nanstd)
class NanStd:  # a zero deviation gets a zero derivative, as for np.std
    def adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis, keepdims=True, dtype=r.dtype)
        deviation = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis, keepdims=True))
        spread = _rt.significant(r, a, axis=axis, keepdims=keepdims)
        d[a] = np.where(np.isnan(a), 0.0, _rt.unreduce(_rt.ratio(d[r], spread), a, axis=axis,
                                                       keepdims=keepdims) * deviation / (count - ddof))

    def tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
        count = np.sum(np.logical_not(np.isnan(a)), axis, keepdims=keepdims, dtype=r.dtype)
        deviation = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis, keepdims=True))
        spread = _rt.significant(r, a, axis=axis, keepdims=keepdims)
        d[r] = _rt.ratio(np.sum(np.where(np.isnan(a), 0.0, d[a]) * deviation, axis,
                                keepdims=keepdims), (count - ddof) * spread)


@rule(np.nancumsum)
class NanCumsum:
    def adjoint(r, a, axis=None, dtype=None, out=None):
        d[a] = np.where(np.isnan(a), 0.0, _rt.uncumsum(d[r], a, axis=axis))

    def tangent(r, a, axis=None, dtype=None, out=None):
        d[r] = np.cumsum(np.where(np.isnan(a), 0.0, d[a]), axis=axis)


@rule(np.ptp)
class Ptp:  # max minus min; ties share the derivative evenly
    def adjoint(r, a, axis=None, out=None, keepdims=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims), (
            _rt.ties(a, np.max(a, axis=axis, keepdims=keepdims), axis=axis, keepdims=keepdims)
            - _rt.ties(a, np.min(a, axis=axis, keepdims=keepdims), axis=axis, keepdims=keepdims)))

    def tangent(r, a, axis=None, out=None, keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], (
            _rt.ties(a, np.max(a, axis=axis, keepdims=keepdims), axis=axis, keepdims=keepdims)
            - _rt.ties(a, np.min(a, axis=axis, keepdims=keepdims), axis=axis, keepdims=keepdims))),
            axis=axis, keepdims=keepdims)


returns_sequence(np.average)  # (with returned=True: the average and the weights' sum)
_WEIGHTS = "np.average's weights"


@rule(np.average)
class Average:  # sum(a * w) / s, s = sum(w) over axis: dr/dw = (a - r) / s (1-D weights of an n-d a
    # run along the axis: _rt.weights_along); with returned=, the weights' derivative is refused
    def adjoint(r, a, axis=None, weights=None, returned=False, keepdims=False):
        if given(weights):
            if given(returned):
                w = _rt.average_weights(a, weights, axis=axis)
                d[weights] = _rt.no_derivative(weights, _WEIGHTS + " with returned=")
            elif given(axis):
                wb = _rt.weights_along(weights, a, axis)
                s = np.sum(wb, axis=axis, keepdims=True)
                w = wb / s
                d[weights] = np.reshape(_rt.unbroadcast(
                    _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims)
                    * (a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)) / s, wb),
                    np.shape(weights))
            else:
                w = weights / np.sum(weights)
                d[weights] = d[r] * (a - r) / np.sum(weights)
        else:
            w = 1.0 / _rt.reduced_size(a, axis=axis)
        if given(returned):  # true: r is (average, sum of weights), the latter constant in a
            d[a] = _rt.unreduce(_rt.average_part(d[r], r, returned), a, axis=axis,
                                keepdims=keepdims) * w
        else:
            d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * w

    def tangent(r, a, axis=None, weights=None, returned=False, keepdims=False):
        if given(weights):
            if given(returned):
                t = np.sum(d[a] * _rt.average_weights(a, weights, axis=axis), axis=axis,
                           keepdims=keepdims) + _rt.no_tangent(d[weights], _WEIGHTS + " with returned=")
            elif given(axis):
                wb = _rt.weights_along(weights, a, axis)
                t = np.sum((d[a] * wb + _rt.weights_along(d[weights], a, axis) * (
                    a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)))
                    / np.sum(wb, axis=axis, keepdims=True), axis=axis, keepdims=keepdims)
            else:
                t = np.sum((d[a] * weights + d[weights] * (a - r)) / np.sum(weights),
                           keepdims=keepdims)
        else:
            t = np.mean(d[a], axis=axis, keepdims=keepdims)
        if given(returned):
            d[r] = _rt.average_result(t, r, returned)
        else:
            d[r] = t


@rule(np.cumprod)
class Cumprod:  # exact with zeros
    def adjoint(r, a, axis=None, dtype=None, out=None):
        d[a] = _rt.uncumprod(d[r], a, axis=axis)

    def tangent(r, a, axis=None, dtype=None, out=None):
        d[r] = _rt.cumprod_tangent(d[a], a, axis=axis)


if hasattr(np, "cumulative_sum"):  # NumPy >= 2.1 (include_initial: the constant 0 or 1 first)
    linear(np.cumulative_sum, lambda r, x, axis=None, dtype=None, out=None, include_initial=False:
           _rt.uncumsum(_rt.initial_dropped(d[r], include_initial, axis), x, axis=axis))

    @rule(np.cumulative_prod)
    class CumulativeProd:
        def adjoint(r, x, axis=None, dtype=None, out=None, include_initial=False):
            d[x] = _rt.uncumprod(_rt.initial_dropped(d[r], include_initial, axis), x, axis=axis)

        def tangent(r, x, axis=None, dtype=None, out=None, include_initial=False):
            d[r] = _rt.initial_added(_rt.cumprod_tangent(d[x], x, axis=axis), include_initial,
                                     axis)


@rule(np.nancumprod)
class NanCumprod:  # NaN counts as 1
    def adjoint(r, a, axis=None, dtype=None, out=None):
        d[a] = np.where(np.isnan(a), 0.0, _rt.uncumprod(d[r], np.where(np.isnan(a), 1.0, a),
                                                        axis=axis))

    def tangent(r, a, axis=None, dtype=None, out=None):
        d[r] = _rt.cumprod_tangent(np.where(np.isnan(a), 0.0, d[a]), np.where(np.isnan(a), 1.0, a),
                                   axis=axis)
