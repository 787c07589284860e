"""Reductions: sum, mean and cumsum are linear (the adjoint spreads the gradient back over the
input, ``_rt.unreduce``); max/min (ties), var, std and prod are full templates.
``np.logaddexp.reduce``/``np.logaddexp2.reduce`` are lowered to ``_rt.log_sum_exp``/
``log2_sum_exp2`` (passes/call_forms.py: softmax weights), ``where=`` and ``initial=`` to these
and ``_rt.extremum_from`` (passes/reduction_forms.py), with ``_rt.as_start``, the cast of the
start: those helpers' rules are in rules/runtime_forms.py, imported when a function needs them.
A keyword whose parameter the call left out (``axis=axis`` for ``np.sum(x)``) is dropped from
generated code.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from ..extend import d, given, linear, non_differentiable, rule

non_differentiable(
    np.argmax, np.argmin, np.argsort, np.count_nonzero, np.any, np.all, np.nonzero,
    np.shape, np.ndim, np.size, np.zeros_like, np.ones_like, np.empty_like, np.zeros, np.ones,
    np.eye, np.identity, np.isclose, np.allclose,
    np.array_equal, np.searchsorted, np.flatnonzero, np.result_type,
)

linear(np.sum, lambda r, a, axis=None, dtype=None, out=None, keepdims=False:
       _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims))
linear(np.mean, lambda r, a, axis=None, dtype=None, out=None, keepdims=False:
       _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) / _rt.reduced_size(a, axis=axis))
linear(np.cumsum, lambda r, a, axis=None, dtype=None, out=None:
       _rt.uncumsum(d[r], a, axis=axis))


@rule((np.max, np.amax, np.min, np.amin))
class Extremum:  # ties share the derivative evenly
    def adjoint(r, a, axis=None, out=None, keepdims=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims),
                          _rt.ties(a, r, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=None, out=None, keepdims=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.ties(a, r, axis=axis, keepdims=keepdims)), axis=axis,
                      keepdims=keepdims)


@rule(np.var)
class Var:  # the deviations centred once more (the rounding of their mean taken off): exactly 0
    # where a's entries are equal, as the derivative is, not rounding noise that a singular
    # partial behind (np.sqrt of the variance) scales to O(1): fuzz seed 5540 program 37.
    # where=m: the deviations of the kept entries from their mean, 0 at the others
    def adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True):
        if given(where):
            kept = np.broadcast_to(where, np.shape(a))
            deviation = np.where(kept, a - np.mean(a, axis=axis, keepdims=True, where=kept), 0.0)
            d[a] = (_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * 2.0 * np.where(
                kept, deviation - np.mean(deviation, axis=axis, keepdims=True, where=kept), 0.0)
                / (_rt.where_count(kept, a, a, axis=axis, keepdims=True) - ddof))
        else:
            deviation = a - np.mean(a, axis=axis, keepdims=True)
            d[a] = (_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * 2.0
                    * (deviation - np.mean(deviation, axis=axis, keepdims=True))
                    / (_rt.reduced_size(a, axis=axis) - ddof))

    def tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True):
        if given(where):
            kept = np.broadcast_to(where, np.shape(a))
            deviation = np.where(kept, a - np.mean(a, axis=axis, keepdims=True, where=kept), 0.0)
            d[r] = np.sum(d[a] * np.where(
                kept, deviation - np.mean(deviation, axis=axis, keepdims=True, where=kept), 0.0)
                * 2.0 / (_rt.where_count(kept, a, a, axis=axis, keepdims=True) - ddof), axis=axis,
                keepdims=keepdims)
        else:
            deviation = a - np.mean(a, axis=axis, keepdims=True)
            d[r] = np.sum(d[a] * (deviation - np.mean(deviation, axis=axis, keepdims=True)) * (
                2.0 / (_rt.reduced_size(a, axis=axis) - ddof)), axis=axis, keepdims=keepdims)


@rule(np.std)
class Std:  # where the deviation is 0 (one element, all equal) the derivative is taken as 0
    def adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True):
        if given(where):
            kept = np.broadcast_to(where, np.shape(a))
            spread = _rt.significant(r, np.where(kept, a, 0.0), axis=axis, keepdims=keepdims)
            d[a] = (_rt.unreduce(_rt.ratio(d[r], spread), a, axis=axis, keepdims=keepdims)
                    * np.where(kept, a - np.mean(a, axis=axis, keepdims=True, where=kept), 0.0)
                    / (_rt.where_count(kept, a, a, axis=axis, keepdims=True) - ddof))
        else:
            spread = _rt.significant(r, a, axis=axis, keepdims=keepdims)
            d[a] = (_rt.unreduce(_rt.ratio(d[r], spread), a, axis=axis, keepdims=keepdims)
                    * (a - np.mean(a, axis=axis, keepdims=True))
                    / (_rt.reduced_size(a, axis=axis) - ddof))

    def tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True):
        if given(where):
            kept = np.broadcast_to(where, np.shape(a))
            spread = _rt.significant(r, np.where(kept, a, 0.0), axis=axis, keepdims=keepdims)
            d[r] = _rt.ratio(np.sum(
                d[a] * np.where(kept, a - np.mean(a, axis=axis, keepdims=True, where=kept), 0.0)
                / (_rt.where_count(kept, a, a, axis=axis, keepdims=True) - ddof), axis=axis,
                keepdims=keepdims), spread)
        else:
            spread = _rt.significant(r, a, axis=axis, keepdims=keepdims)
            d[r] = _rt.ratio(np.sum(d[a] * (a - np.mean(a, axis=axis, keepdims=True))
                                    / (_rt.reduced_size(a, axis=axis) - ddof), axis=axis,
                                    keepdims=keepdims), spread)


@rule(np.prod)
class Prod:
    def adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * _rt.prod_others(a, axis=axis)

    def tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
        d[r] = np.sum(d[a] * _rt.prod_others(a, axis=axis), axis=axis, keepdims=keepdims)


@rule(np.full)
class Full:  # linear in the fill value, which is spread over the shape
    def adjoint(r, shape, fill_value, dtype=None, order="C"):
        d[fill_value] = _rt.unbroadcast(d[r], fill_value)

    def tangent(r, shape, fill_value, dtype=None, order="C"):
        d[r] = np.broadcast_to(d[fill_value], np.shape(r))
