"""Derivatives of the runtime helpers that generated code calls, so that derivative code can be
differentiated again (``jvp`` of ``grad`` for Hessians, ``grad`` of ``grad``).  A helper is never
re-differentiated as user code: it has a rule here or is declared non-differentiable.

Most helpers are linear in their gradient argument ``g``; the adjoint of such a helper is its
transpose (a broadcast for a sum, a gather for a scatter), and its tangent is the helper itself.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

from .. import runtime
from ..extend import adjoint, d, non_differentiable, tangent

non_differentiable(
    runtime.zeros_like, runtime.reduced_size, runtime.pick_first, runtime.fpick_first,
    runtime.clip_inside, runtime.clip_below, runtime.inverse_permutation,
)


@adjoint(runtime.seed)
def seed_adjoint(r, output, out_bar, function):
    d[out_bar] = d[r]


@tangent(runtime.seed)
def seed_tangent(r, output, out_bar, function):
    d[r] = d[out_bar]


@adjoint(runtime.own)
def own_adjoint(r, value):
    d[value] = d[r]


@tangent(runtime.own)
def own_tangent(r, value):
    d[r] = _rt.own(d[value])


@adjoint(runtime.unbroadcast)
def unbroadcast_adjoint(r, grad, like):
    d[grad] = _rt.fit(d[r], grad)


@tangent(runtime.unbroadcast)
def unbroadcast_tangent(r, grad, like):
    d[r] = _rt.unbroadcast(d[grad], like)


@adjoint(runtime.unreduce)
def unreduce_adjoint(r, grad, like, axis=None, keepdims=False):
    d[grad] = _rt.fit(np.sum(d[r], axis=axis, keepdims=keepdims), grad)


@tangent(runtime.unreduce)
def unreduce_tangent(r, grad, like, axis=None, keepdims=False):
    d[r] = _rt.unreduce(d[grad], like, axis=axis, keepdims=keepdims)


@adjoint(runtime.safe_log)
def safe_log_adjoint(r, x):
    d[x] = d[r] * _rt.safe_reciprocal(x)


@tangent(runtime.safe_log)
def safe_log_tangent(r, x):
    d[r] = d[x] * _rt.safe_reciprocal(x)


@adjoint(runtime.matmul_left)
def matmul_left_adjoint(r, g, x1, x2):
    d[g] = _rt.fit(np.matmul(d[r], x2), g)
    d[x2] = _rt.matmul_right(g, d[r], x2)


@tangent(runtime.matmul_left)
def matmul_left_tangent(r, g, x1, x2):
    d[r] = _rt.matmul_left(d[g], x1, x2) + _rt.matmul_left(g, x1, d[x2])


@adjoint(runtime.matmul_right)
def matmul_right_adjoint(r, g, x1, x2):
    d[g] = _rt.fit(np.matmul(x1, d[r]), g)
    d[x1] = _rt.matmul_left(g, x1, d[r])


@tangent(runtime.matmul_right)
def matmul_right_tangent(r, g, x1, x2):
    d[r] = _rt.matmul_right(d[g], x1, x2) + _rt.matmul_right(g, d[x1], x2)


@adjoint(runtime.dot_left)
def dot_left_adjoint(r, g, a, b):
    d[g] = _rt.fit(np.dot(d[r], b), g)
    d[b] = _rt.dot_right(g, d[r], b)


@tangent(runtime.dot_left)
def dot_left_tangent(r, g, a, b):
    d[r] = _rt.dot_left(d[g], a, b) + _rt.dot_left(g, a, d[b])


@adjoint(runtime.dot_right)
def dot_right_adjoint(r, g, a, b):
    d[g] = _rt.fit(np.dot(a, d[r]), g)
    d[a] = _rt.dot_left(g, a, d[r])


@tangent(runtime.dot_right)
def dot_right_tangent(r, g, a, b):
    d[r] = _rt.dot_right(d[g], a, b) + _rt.dot_right(g, d[a], b)


@adjoint(runtime.unindex)
def unindex_adjoint(r, g, like, index):
    d[g] = _rt.unbroadcast(d[r][index], g)


@tangent(runtime.unindex)
def unindex_tangent(r, g, like, index):
    d[r] = _rt.unindex(d[g], like, index)


@adjoint(runtime.add_at)
def add_at_adjoint(r, acc, g, like, index):
    d[acc] = d[r]
    d[g] = _rt.unbroadcast(d[r][index], g)


@tangent(runtime.add_at)
def add_at_tangent(r, acc, g, like, index):
    d[r] = _rt.add_at(_rt.own(d[acc]), d[g], like, index)


@adjoint(runtime.zero_index)
def zero_index_adjoint(r, g, index):
    d[g] = _rt.zero_index(_rt.own(d[r]), index)


@tangent(runtime.zero_index)
def zero_index_tangent(r, g, index):
    d[r] = _rt.zero_index(_rt.own(d[g]), index)


@adjoint(runtime.unreduce_select)
def unreduce_select_adjoint(res, g, a, r, axis=None, keepdims=False):
    d[g] = _rt.fit(_rt.reduce_select(d[res], a, r, axis=axis, keepdims=keepdims), g)


@tangent(runtime.unreduce_select)
def unreduce_select_tangent(res, g, a, r, axis=None, keepdims=False):
    d[res] = _rt.unreduce_select(d[g], a, r, axis=axis, keepdims=keepdims)


@adjoint(runtime.uncumsum)
def uncumsum_adjoint(r, g, a, axis=None):
    d[g] = _rt.fit(np.cumsum(d[r], axis=axis), g)


@tangent(runtime.uncumsum)
def uncumsum_tangent(r, g, a, axis=None):
    d[r] = _rt.uncumsum(d[g], a, axis=axis)
