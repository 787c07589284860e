"""Derivatives of NumPy's linear algebra and shape functions: dot, matmul, norm, transpose, reshape...

Shape functions are linear: the adjoint undoes the reshuffle (reshape back, transpose back).
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import numpy as np

from ..extend import adjoint, d, tangent


@adjoint(np.dot)
def dot_adjoint(out, a, b):
    d[a] = _rt.dot_left(d[out], a, b)
    d[b] = _rt.dot_right(d[out], a, b)


@tangent(np.dot)
def dot_tangent(out, a, b):
    d[out] = np.dot(d[a], b) + np.dot(a, d[b])


@adjoint(np.matmul)
def matmul_adjoint(out, x1, x2):
    d[x1] = _rt.matmul_left(d[out], x1, x2)
    d[x2] = _rt.matmul_right(d[out], x1, x2)


@tangent(np.matmul)
def matmul_tangent(out, x1, x2):
    d[out] = d[x1] @ x2 + x1 @ d[x2]


@adjoint(np.inner)
def inner_adjoint(out, a, b):
    d[a] = _rt.inner_left(d[out], a, b)
    d[b] = _rt.inner_right(d[out], a, b)


@tangent(np.inner)
def inner_tangent(out, a, b):
    d[out] = np.inner(d[a], b) + np.inner(a, d[b])


@adjoint(np.outer)
def outer_adjoint(out, a, b):
    d[a] = np.reshape(d[out] @ np.ravel(b), np.shape(a))
    d[b] = np.reshape(np.ravel(a) @ d[out], np.shape(b))


@tangent(np.outer)
def outer_tangent(out, a, b):
    d[out] = np.outer(d[a], b) + np.outer(a, d[b])


@adjoint(np.linalg.norm)
def norm_adjoint(r, x, ord=None, axis=None, keepdims=False):
    d[x] = _rt.unnorm(d[r], x, r, ord=ord, axis=axis, keepdims=keepdims)


@tangent(np.linalg.norm)
def norm_tangent(r, x, ord=None, axis=None, keepdims=False):
    d[r] = np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=axis, keepdims=keepdims) * d[x], axis=axis,
                  keepdims=keepdims)


@adjoint(np.transpose)
def transpose_adjoint(out, a, axes=None):
    d[a] = np.transpose(d[out], axes=_rt.inverse_permutation(axes))


@tangent(np.transpose)
def transpose_tangent(out, a, axes=None):
    d[out] = np.transpose(d[a], axes=axes)


@adjoint(np.reshape)
def reshape_adjoint(out, a, shape=None, order="C"):
    d[a] = np.reshape(d[out], np.shape(a), order=order)


@tangent(np.reshape)
def reshape_tangent(out, a, shape=None, order="C"):
    d[out] = np.reshape(d[a], np.shape(out), order=order)


@adjoint(np.ravel)
def ravel_adjoint(out, a, order="C"):
    d[a] = np.reshape(d[out], np.shape(a), order=order)


@tangent(np.ravel)
def ravel_tangent(out, a, order="C"):
    d[out] = np.ravel(d[a], order=order)


@adjoint(np.squeeze)
def squeeze_adjoint(out, a, axis=None):
    d[a] = np.reshape(d[out], np.shape(a))


@tangent(np.squeeze)
def squeeze_tangent(out, a, axis=None):
    d[out] = np.squeeze(d[a], axis=axis)


@adjoint(np.expand_dims)
def expand_dims_adjoint(out, a, axis):
    d[a] = np.reshape(d[out], np.shape(a))


@tangent(np.expand_dims)
def expand_dims_tangent(out, a, axis):
    d[out] = np.expand_dims(d[a], axis)


@adjoint(np.copy)
def copy_adjoint(out, a, order="K"):
    d[a] = d[out]


@tangent(np.copy)
def copy_tangent(out, a, order="K"):
    d[out] = d[a]


@adjoint(np.asarray)
def asarray_adjoint(out, a, dtype=None):
    d[a] = d[out]


@tangent(np.asarray)
def asarray_tangent(out, a, dtype=None):
    d[out] = np.asarray(d[a], dtype=dtype)


@adjoint(np.trace)
def trace_adjoint(out, a):
    d[a] = d[out] * np.eye(*np.shape(a), dtype=np.result_type(a, 0.0))


@tangent(np.trace)
def trace_tangent(out, a):
    d[out] = np.trace(d[a])


@adjoint(np.array)
def array_adjoint(out, object, dtype=None, copy=True):  # noqa: A002 (NumPy's parameter name)
    d[object] = d[out]


@tangent(np.array)
def array_tangent(out, object, dtype=None, copy=True):  # noqa: A002
    d[out] = np.array(d[object], dtype=dtype)
