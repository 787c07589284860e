"""Gathers, sorting and choosing: ``take``, ``take_along_axis``, ``compress``, ``extract``,
``choose``, ``select``, ``ndarray.item``, ``sort``, ``partition``, the running ``maximum``/``minimum``
(``np.maximum.accumulate``), the sums of slices ``np.add.reduceat``, ``diff``, ``gradient`` and
``interp``.

A gather's adjoint scatters the gradient back, adding where an element was read twice.  Sorting is
a permutation: tied values share their derivative evenly (``_rt.tied_mean``; the running extremum's
``_rt.running_share``), as ``max``'s ties do.
``interp`` is differentiated in ``x`` (the slope of the segment; at a knot, the segment to its
right), in ``fp`` and the values ``left=``/``right=`` it returns outside ``xp``, and in ``xp`` (moving
both knots of a segment moves it as moving ``x`` the other way does: ``-slope`` times the knots'
tangent interpolated at ``x``; 0 outside ``xp``); ``period=`` is lowered to the call on the
knots wrapped around (passes/numpy_forms.py), ``_rt.period_of`` (``|p|``) differentiated with it.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, elementwise, given, linear, non_differentiable, returns_sequence, rule

linear(np.take, lambda r, a, indices, axis=None, out=None, mode="raise":  # (mode: where it reads)
       _rt.untake(d[r], a, _rt.taken_at(a, indices, axis, mode), axis=axis))
linear(np.take_along_axis, lambda r, arr, indices, axis=-1:
       _rt.untake_along_axis(d[r], arr, indices, axis))
linear(np.compress, lambda r, condition, a, axis=None: {
    a: _rt.uncompress(d[r], condition, a, axis=axis)})
linear(np.extract, lambda r, condition, arr: {arr: _rt.unextract(d[r], condition, arr)})
linear(np.choose, lambda r, a, choices: {choices: _rt.unchoose(d[r], a, choices)})
linear(np.diff, lambda r, a, n=1, axis=-1: _rt.undiff(d[r], a, n, axis))


@rule(np.ndarray.item)
class Item:  # a.item(), a.item(k), a.item((i, j)); a.item(i, j) is refused (one index slot)
    def adjoint(r, a, index=None):
        d[a] = _rt.unitem(d[r], a, index=index)

    def tangent(r, a, index=None):
        d[r] = _rt.item_of(d[a], index=index)


@rule(np.ndarray.tolist)
class ToList:  # a.tolist(): a's elements as Python numbers, in lists nested as a's axes
    def adjoint(r, a):
        d[a] = _rt.untolisted(d[r], a)

    def tangent(r, a):
        d[r] = _rt.tolisted(d[a], a)


returns_sequence(np.ndarray.tolist)  # (a number, of a 0-d array)
non_differentiable(runtime.order_of, runtime.running_source, runtime.taken_at, runtime.interp_end,
                   runtime.interp_inside, np.argpartition, np.lexsort, np.digitize, np.isin)


@rule(np.sort)
class Sort:  # a permutation of a along axis (tied values share their derivative, as max's do)
    def adjoint(r, a, axis=-1):
        d[a] = _rt.untake_along_axis(_rt.tied_mean(d[r], r, axis), a, _rt.order_of(a, r, axis), axis)

    def tangent(r, a, axis=-1):
        d[r] = _rt.tied_mean(np.take_along_axis(d[a], _rt.order_of(a, r, axis), axis), r, axis)


@rule((np.maximum.accumulate, np.minimum.accumulate))
class RunningExtremum:  # each value is one of a's: gathered from where the extremum was reached
    # (shared evenly among the positions reaching it up to there where there are several)
    def adjoint(r, array, axis=0):
        d[array] = _rt.untake_along_axis(_rt.unrunning_share(d[r], array, r, axis), array,
                                         _rt.running_source(array, r, axis), axis)

    def tangent(r, array, axis=0):
        d[r] = _rt.running_share(np.take_along_axis(d[array], _rt.running_source(array, r, axis),
                                                    axis), array, r, axis)


linear(runtime.tied_mean, lambda r, g, value, axis=-1: _rt.tied_mean(d[r], value, axis))
linear(runtime.running_share, lambda y, t, a, r, axis=0: _rt.unrunning_share(d[y], a, r, axis))
linear(runtime.unrunning_share, lambda y, g, a, r, axis=0: _rt.running_share(d[y], a, r, axis))


@rule(np.add.reduceat)
class AddReduceat:  # sums of slices: linear, each slice's adjoint spread back over it
    def adjoint(r, array, indices, axis=0):
        d[array] = _rt.unreduceat(d[r], array, indices, axis)

    def tangent(r, array, indices, axis=0):
        d[r] = np.add.reduceat(d[array], indices, axis)


@rule(np.partition)
class Partition:  # as sort
    def adjoint(r, a, kth, axis=-1):
        d[a] = _rt.untake_along_axis(_rt.tied_mean(d[r], r, axis), a, _rt.order_of(a, r, axis), axis)

    def tangent(r, a, kth, axis=-1):
        d[r] = _rt.tied_mean(np.take_along_axis(d[a], _rt.order_of(a, r, axis), axis), r, axis)


@rule(np.select)
class Select:
    def adjoint(r, condlist, choicelist, default=0):
        d[choicelist] = _rt.unselect(d[r], condlist, choicelist)
        d[default] = _rt.unbroadcast(_rt.unselect_default(d[r], condlist), default)

    def tangent(r, condlist, choicelist, default=0):
        d[r] = np.select(condlist, d[choicelist], d[default])


COORDINATES = "np.gradient's coordinates (an array of the points' positions) where they vary"
COORDINATES_HINT = ("pass a number as the spacing (its derivative is taken) or make the "
                    "coordinates a constant")
returns_sequence(np.gradient)  # (a list of one array per axis, of an n-d array)


@rule(np.gradient)
class Gradient:  # np.gradient(f), one spacing for every axis, or one per axis (a number or the
    # coordinates; up to three): linear in f, each axis's difference matrix transposed.  One
    # number h for every axis divides each difference: G(f, h) = G(f, 1) / h, whose slope in h is
    # -G(f, h) / h (adjoint -<G^T g, f> / h; tangent G(df - dh f / h, h)); spacings per axis and
    # coordinates are refused where they vary
    def adjoint(r, f, varargs=1.0, h1=None, h2=None, axis=None, edge_order=1):
        if given(h2):
            d[f] = _rt.ungradient(d[r], f, (varargs, h1, h2), edge_order, axis=axis)
            d[h1] = _rt.no_derivative(h1, "np.gradient's spacing")
            d[h2] = _rt.no_derivative(h2, "np.gradient's spacing")
            d[varargs] = _rt.no_derivative(varargs, "np.gradient's spacing")
        elif given(h1):
            d[f] = _rt.ungradient(d[r], f, (varargs, h1), edge_order, axis=axis)
            d[h1] = _rt.no_derivative(h1, "np.gradient's spacing")
            d[varargs] = _rt.no_derivative(varargs, "np.gradient's spacing")
        else:
            d[f] = _rt.ungradient(d[r], f, varargs, edge_order, axis=axis)
            d[varargs] = -np.sum(np.stack(d[r]) * np.stack(r)) / _rt.checked(
                varargs, np.ndim(varargs) == 0, COORDINATES, COORDINATES_HINT)

    def tangent(r, f, varargs=1.0, h1=None, h2=None, axis=None, edge_order=1):
        if given(h2):
            d[r] = np.gradient(d[f], varargs, h1, h2, axis=axis, edge_order=edge_order) + \
                _rt.no_tangent(d[varargs], "np.gradient's spacing") + _rt.no_tangent(
                    d[h1], "np.gradient's spacing") + _rt.no_tangent(d[h2], "np.gradient's spacing")
        elif given(h1):
            d[r] = np.gradient(d[f], varargs, h1, axis=axis, edge_order=edge_order) + \
                _rt.no_tangent(d[varargs], "np.gradient's spacing") + _rt.no_tangent(
                    d[h1], "np.gradient's spacing")
        elif given(varargs):
            d[r] = np.gradient(_rt.spacing_shift(d[f], d[varargs], f, varargs), varargs,
                               axis=axis, edge_order=edge_order)
        else:
            d[r] = np.gradient(d[f], axis=axis, edge_order=edge_order)


returns_sequence(runtime.regradient)  # (a list of one array per axis, as np.gradient's)


# np.gradient's adjoint and its transpose, each linear in g and, for one number h as the spacing
# (varargs) of every axis, proportional to 1 / h: slope -r / h in h (np.gradient's own rule); a
# spacing per axis or coordinates reach here only as constants (np.gradient refuses them varying)
@rule(runtime.ungradient)
class Ungradient:
    def adjoint(r, g, f, varargs=1.0, edge_order=1, axis=None):
        d[g] = _rt.regradient(d[r], varargs, edge_order, axis)
        d[varargs] = -np.sum(d[r] * r) / _rt.checked(varargs, np.ndim(varargs) == 0, COORDINATES,
                                                     COORDINATES_HINT)

    def tangent(r, g, f, varargs=1.0, edge_order=1, axis=None):
        d[r] = _rt.ungradient(d[g], f, varargs, edge_order, axis=axis) + d[varargs] * (-r / _rt.checked(
            varargs, np.ndim(varargs) == 0, COORDINATES, COORDINATES_HINT))


@rule(runtime.regradient)
class Regradient:  # (in its spacing: refused, third order in np.gradient's)
    def adjoint(r, g, varargs=1.0, edge_order=1, axis=None):
        d[g] = _rt.ungradient(d[r], g, varargs, edge_order, axis=axis)
        d[varargs] = _rt.no_derivative(varargs, "np.gradient's spacing at third order")

    def tangent(r, g, varargs=1.0, edge_order=1, axis=None):
        d[r] = _rt.regradient(d[g], varargs, edge_order, axis) + _rt.no_tangent(
            d[varargs], "np.gradient's spacing at third order")


# df - dh f / h, np.gradient's tangent in f and its spacing h (coordinates varying: refused)
elementwise(runtime.spacing_shift, lambda y, df, dh, f, h: 1.0, lambda y, df, dh, f, h: -f / h,
            lambda y, df, dh, f, h: -dh / h, lambda y, df, dh, f, h: (df - y) / h)
@rule(np.interp)
class Interp:  # left=/right= (returned outside xp in place of an end of fp): a weight each
    def adjoint(r, x, xp, fp, left=None, right=None):
        d[x] = d[r] * _rt.interp_slope(x, xp, fp)
        d[xp] = _rt.uninterp(-(d[r] * _rt.interp_slope(x, xp, fp)), x, xp, xp)
        if given(left):
            d[fp] = _rt.uninterp(d[r] * _rt.interp_inside(x, xp, left, right), x, xp, fp)
            d[left] = np.sum(d[r] * _rt.interp_end(x, xp, left, -1))
            d[right] = np.sum(d[r] * _rt.interp_end(x, xp, right, 1))
        elif given(right):
            d[fp] = _rt.uninterp(d[r] * _rt.interp_inside(x, xp, left, right), x, xp, fp)
            d[right] = np.sum(d[r] * _rt.interp_end(x, xp, right, 1))
        else:
            d[fp] = _rt.uninterp(d[r], x, xp, fp)

    def tangent(r, x, xp, fp, left=None, right=None):
        if given(left):
            d[r] = (d[x] * _rt.interp_slope(x, xp, fp)
                    + np.interp(x, xp, d[fp]) * _rt.interp_inside(x, xp, left, right)
                    + d[left] * _rt.interp_end(x, xp, left, -1)
                    + d[right] * _rt.interp_end(x, xp, right, 1)
                    - _rt.interp_slope(x, xp, fp) * np.interp(x, xp, d[xp]))
        elif given(right):
            d[r] = (d[x] * _rt.interp_slope(x, xp, fp)
                    + np.interp(x, xp, d[fp]) * _rt.interp_inside(x, xp, left, right)
                    + d[right] * _rt.interp_end(x, xp, right, 1)
                    - _rt.interp_slope(x, xp, fp) * np.interp(x, xp, d[xp]))
        else:
            d[r] = (d[x] * _rt.interp_slope(x, xp, fp) + np.interp(x, xp, d[fp])
                    - _rt.interp_slope(x, xp, fp) * np.interp(x, xp, d[xp]))


@rule(np.unique)
class Unique:  # where no value repeats, its values are a's sorted: a permutation (else refused)
    def adjoint(r, ar, return_index=False, return_inverse=False, return_counts=False, axis=None):
        d[ar] = np.reshape(_rt.unindex(_rt.unique_cotangent(d[r], r), np.ravel(ar),
                                       _rt.unique_source(ar, r, axis), True), np.shape(ar))

    def tangent(r, ar, return_index=False, return_inverse=False, return_counts=False, axis=None):
        d[r] = _rt.unique_tangent(np.ravel(d[ar])[_rt.unique_source(ar, r, axis)], r)


returns_sequence(np.unique, runtime.unique_tangent)  # (values and the parts asked for: a tuple)
non_differentiable(runtime.unique_source)
linear(runtime.unique_cotangent, lambda c, g, r: _rt.unique_tangent(d[c], r))
linear(runtime.unique_tangent, lambda s, t, r: _rt.unique_cotangent(d[s], r))
