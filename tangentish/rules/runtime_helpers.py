"""Derivatives of the runtime helpers that generated code calls, so that derivative code can be
differentiated again (``jvp`` of ``grad`` for Hessians, ``grad`` of ``grad``).  A helper is never
re-differentiated as user code: it has a rule here or is declared non-differentiable.

Most helpers are linear in their gradient argument ``g``: the adjoint is the transpose (a broadcast
for a sum, a gather for a scatter) and the tangent the helper itself.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, elementwise, linear, non_differentiable, returns_sequence, rule

non_differentiable(
    runtime.zeros_like, runtime.reduced_size, runtime.pick_first, runtime.fpick_first,
    runtime.clip_inside, runtime.clip_lower, runtime.clip_upper, runtime.inverse_permutation,
    runtime.like, runtime.ties,
)

elementwise(runtime.safe_log, lambda r, x: _rt.safe_reciprocal(x))
linear(runtime.own, lambda r, value: d[r])
linear(runtime.unbroadcast, lambda r, grad, like: _rt.fit(d[r], grad))
linear(runtime.unreduce, lambda r, grad, like, axis=None, keepdims=False:
       _rt.fit(np.sum(d[r], axis=axis, keepdims=keepdims), grad))


@rule(runtime.unreduce_view)
class UnreduceView:
    """Linear like ``unreduce``; its tangent is a new array (the proof that only arithmetic reads
    the view covers the derivative it is in, not the derivative of that derivative)."""

    def adjoint(r, grad, like):
        d[grad] = _rt.fit(np.sum(d[r]), grad)

    def tangent(r, grad, like):
        d[r] = _rt.unreduce(d[grad], like)


linear(runtime.unindex, lambda r, g, like, index: _rt.unbroadcast(d[r][index], g))
linear(runtime.uncumsum, lambda r, g, a, axis=None: _rt.fit(np.cumsum(d[r], axis=axis), g))

# Products: linear in the gradient and in one operand separately.
linear(runtime.matmul_left, lambda r, g, x1, x2: {g: _rt.fit(np.matmul(d[r], x2), g),
                                                  x2: _rt.matmul_right(g, d[r], x2)})
linear(runtime.matmul_right, lambda r, g, x1, x2: {g: _rt.fit(np.matmul(x1, d[r]), g),
                                                   x1: _rt.matmul_left(g, x1, d[r])})
linear(runtime.dot_left, lambda r, g, a, b: {g: _rt.fit(np.dot(d[r], b), g),
                                             b: _rt.dot_right(g, d[r], b)})
linear(runtime.dot_right, lambda r, g, a, b: {g: _rt.fit(np.dot(a, d[r]), g),
                                              a: _rt.dot_left(g, a, d[r])})


@rule(runtime.seed)
class Seed:  # the seed passes the output's adjoint through
    def adjoint(r, output, out_bar, function):
        d[out_bar] = d[r]

    def tangent(r, output, out_bar, function):
        d[r] = d[out_bar]


@rule(runtime.add_at)
class AddAt:  # linear in (acc, g) jointly: acc + g scattered at index
    def adjoint(r, acc, g, like, index):
        d[acc] = d[r]
        d[g] = _rt.unbroadcast(d[r][index], g)

    def tangent(r, acc, g, like, index):  # (a new array: the tangent of acc is not written)
        d[r] = d[acc] + _rt.unindex(d[g], like, index)


@rule(runtime.zero_index)
class ZeroIndex:
    def adjoint(r, g, index):
        d[g] = _rt.set_index(d[r], index, 0.0)

    def tangent(r, g, index):
        d[r] = _rt.set_index(d[g], index, 0.0)

non_differentiable(runtime.check_unshared, runtime.check_like, runtime.check_not_array,
                   runtime.float_target)

linear(runtime.average_part, lambda res, g, r, returned=False:
       _rt.average_result(d[res], r, returned))
linear(runtime.average_result, lambda res, t, r, returned=False:
       _rt.average_part(d[res], r, returned))
linear(runtime.fit, lambda r, value, like: _rt.fit(d[r], value))
linear(runtime.spread, lambda r, g, items: _rt.fit(np.sum(d[r], axis=0), g))
linear(runtime.private, lambda r, value: d[r])
linear(runtime.snapshot, lambda r, value: d[r])
# rounding-level deviations count as 0 (a convention, as for ratio): elsewhere the identity in r
linear(runtime.significant, lambda res, r, a, axis=None, keepdims=False: d[res])
linear(runtime.aux_pair, lambda r, value, function: d[r])
returns_sequence(runtime.aux_pair)
linear(runtime.unpopped, lambda r, g, item: d[r][:-1])
linear(runtime.inner_left, lambda r, g, a, b: {g: _rt.fit(np.inner(d[r], b), g),
                                               b: _rt.inner_right(g, d[r], b)})
linear(runtime.inner_right, lambda r, g, a, b: {g: _rt.fit(np.inner(a, d[r]), g),
                                                a: _rt.inner_left(g, a, d[r])})
elementwise(runtime.safe_reciprocal, lambda r, x: -(r * r))
elementwise(runtime.sinc_slope, lambda r, x, y: _rt.sinc_curvature(x, y),
            lambda r, x, y: -_rt.ratio(1.0, x))
elementwise(runtime.ratio, lambda res, x, r: _rt.ratio(1.0, r), lambda res, x, r: -_rt.ratio(res, r))


@rule(runtime.prod_others)
class ProdOthers:  # the Hessian of a product is symmetric: one helper for both halves
    def adjoint(r, a, axis=None):
        d[a] = _rt.prod_others_adjoint(d[r], a, axis=axis)

    def tangent(r, a, axis=None):
        d[r] = _rt.prod_others_adjoint(d[a], a, axis=axis)


@rule(runtime.unnorm)
class Unnorm:  # linear in g; its partials by x and by r for p-norms (0 for piecewise-linear norms)
    def adjoint(res, g, x, r, ord=None, axis=None, keepdims=False):
        d[g] = _rt.fit(np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=axis, keepdims=keepdims)
                              * d[res], axis=axis, keepdims=keepdims), g)
        d[x] = _rt.unnorm_curvature(d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
        d[r] = _rt.unnorm_scale(d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)

    def tangent(res, g, x, r, ord=None, axis=None, keepdims=False):
        d[res] = (_rt.unnorm(d[g], x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_curvature(d[x], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_scale(d[r], g, x, r, ord=ord, axis=axis, keepdims=keepdims,
                                     transpose=False))


@rule(runtime.set_index)
class SetIndex:  # linear in (a, value) jointly
    def adjoint(r, a, index, value):
        d[a] = _rt.set_index(d[r], index, 0.0)
        d[value] = _rt.unbroadcast(_rt.written(d[r], index), value)

    def tangent(r, a, index, value):
        d[r] = _rt.set_index(d[a], index, d[value])


# the adjoint of the value of an assignment (repeated positions: the last write only) and its
# transpose; both linear in their first argument
linear(runtime.written, lambda r, g, index: _rt.unwritten(d[r], g, index))
linear(runtime.unwritten, lambda r, h, like, index: _rt.written(d[r], index))


@rule(runtime.appended)
class Appended:
    def adjoint(result, items, item):
        d[item] = d[result][-1]
        d[items] = d[result][:-1]

    def tangent(result, items, item):
        d[result] = _rt.appended(list(d[items]), d[item])


@rule(runtime.extended)
class Extended:
    def adjoint(result, items, more):
        kept = len(d[result]) - len(more)
        d[more] = d[result][kept:]
        d[items] = d[result][:kept]

    def tangent(result, items, more):
        d[result] = _rt.extended(d[items], d[more])
