"""The rules of the runtime helpers that stand for a NumPy or Python form in the code the passes
lower (not only in derivative code): ``np.max(a, initial=v)`` is ``_rt.extremum_from`` and a
reduction's start ``_rt.as_start`` (passes/reduction_forms.py, with ``_rt.where_count`` counting a
``where=``), ``np.logaddexp.reduce`` is ``_rt.log_sum_exp`` (passes/call_forms.py), ``xs.pop()`` as a
statement ``_rt.drop_last`` (passes/normalize.py); and the helpers computing axes or indices only.

Imported on the first question about one of them (``rules.ON_DEMAND``): a function none of these
forms are written for loads neither these rules nor the runtime families their keys live in.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, non_differentiable, rule

non_differentiable(runtime.where_count, runtime.kept_ties, runtime.start_share, runtime.one_axis,
                   runtime.einsum_adjoint_subscripts, runtime.tensordot_adjoint_axes,
                   runtime.tensordot_adjoint_order, runtime.diff_mask,
                   runtime.gradient_mask)


@rule(runtime.extremum_from)
class ExtremumFrom:  # max/min with initial= (passes/reduction_forms.py): a tie with it shares too
    def adjoint(r, a, start, axis=None, keepdims=False, where=True, smallest=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims),
                          _rt.kept_ties(a, r, start, axis=axis, keepdims=keepdims, where=where))
        d[start] = _rt.unbroadcast(_rt.chosen(d[r], _rt.start_share(
            a, r, start, axis=axis, keepdims=keepdims, where=where)), start)

    def tangent(r, a, start, axis=None, keepdims=False, where=True, smallest=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.kept_ties(a, r, start, axis=axis, keepdims=keepdims,
                                                      where=where)), axis=axis,
                      keepdims=keepdims) + _rt.chosen(d[start], _rt.start_share(
                          a, r, start, axis=axis, keepdims=keepdims, where=where))


@rule(runtime.as_start)
class AsStart:  # where a reduction given initial= starts (passes/reduction_forms.py): a cast
    def adjoint(r, initial, like):  # (r: a NumPy number of the dtype cast to)
        d[initial] = _rt.recast(d[r], initial, np.result_type(r))

    def tangent(r, initial, like):
        d[r] = _rt.recast(d[initial], r, np.result_type(r))


@rule(runtime.drop_last)  # `xs.pop()` as a statement (normalize splits `v = xs.pop()`)
class DropLast:
    def adjoint(result, items, last):
        d[items] = _rt.unpopped(d[result], last)

    def tangent(result, items, last):
        d[result] = d[items][:-1]


@rule(runtime.log_sum_exp)
class LogSumExp:  # d/da log(sum(exp(a))) = exp(a - r): the softmax weights
    def adjoint(r, a, axis=0, keepdims=False):
        d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * np.exp(
            a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=0, keepdims=False):
        d[r] = np.sum(d[a] * np.exp(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)), axis,
                      keepdims=keepdims)


@rule(runtime.log2_sum_exp2)
class Log2SumExp2:  # d/da log2(sum(2 ** a)) = 2 ** (a - r)
    def adjoint(r, a, axis=0, keepdims=False):
        d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * np.exp2(
            a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=0, keepdims=False):
        d[r] = np.sum(d[a] * np.exp2(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)), axis,
                      keepdims=keepdims)
