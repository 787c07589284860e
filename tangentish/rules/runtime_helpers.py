"""Derivatives of the runtime helpers that generated code calls, so that derivative code can be
differentiated again (``jvp`` of ``grad`` for Hessians, ``grad`` of ``grad``).  A helper is never
re-differentiated as user code: it has a rule here or is declared non-differentiable.

Most helpers are linear in their gradient argument ``g``: the adjoint is the transpose (a broadcast
for a sum, a gather for a scatter) and the tangent the helper itself.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, elementwise, linear, non_differentiable, rule

non_differentiable(
    runtime.zeros_like, runtime.reduced_size, runtime.pick_first, runtime.fpick_first,
    runtime.clip_inside, runtime.clip_below, runtime.inverse_permutation,
)

elementwise(runtime.safe_log, lambda r, x: _rt.safe_reciprocal(x))
linear(runtime.own, lambda r, value: d[r])
linear(runtime.unbroadcast, lambda r, grad, like: _rt.fit(d[r], grad))
linear(runtime.unreduce, lambda r, grad, like, axis=None, keepdims=False:
       _rt.fit(np.sum(d[r], axis=axis, keepdims=keepdims), grad))
linear(runtime.unindex, lambda r, g, like, index: _rt.unbroadcast(d[r][index], g))
linear(runtime.unreduce_select, lambda res, g, a, r, axis=None, keepdims=False:
       _rt.fit(_rt.reduce_select(d[res], a, r, axis=axis, keepdims=keepdims), g))
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

    def tangent(r, acc, g, like, index):
        d[r] = _rt.add_at(_rt.own(d[acc]), d[g], like, index)


@rule(runtime.zero_index)
class ZeroIndex:
    def adjoint(r, g, index):
        d[g] = _rt.zero_index(_rt.own(d[r]), index)

    def tangent(r, g, index):
        d[r] = _rt.zero_index(_rt.own(d[g]), index)
