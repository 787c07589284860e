"""Linear algebra and shape functions.  All but the norms (``np.linalg.norm``, and NumPy 2's
``vector_norm`` and ``matrix_norm``) are linear: each row gives the adjoint (the
transpose: reshape back, transpose back, ``_rt.dot_left``...), and the tangent is the function
itself applied to the tangent (``np.dot(d[a], b) + np.dot(a, d[b])`` for a product).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import inspect
import operator

import numpy as np

from ..extend import d, given, linear, rule

# (NumPy 2's np.linalg.matmul too, a function of its own: here, so that `@` loads no linalg rules)
_MATMULS = (np.matmul, operator.matmul, *([np.linalg.matmul] if hasattr(np.linalg, "matmul") and
                                          np.linalg.matmul is not np.matmul else []))
linear(_MATMULS, lambda out, x1, x2: {x1: _rt.matmul_left(d[out], x1, x2),
                                      x2: _rt.matmul_right(d[out], x1, x2)})
linear(np.dot, lambda out, a, b: {a: _rt.dot_left(d[out], a, b), b: _rt.dot_right(d[out], a, b)})
linear(np.inner, lambda out, a, b: {a: _rt.inner_left(d[out], a, b),
                                    b: _rt.inner_right(d[out], a, b)})
linear(np.outer, lambda out, a, b: {a: np.reshape(d[out] @ np.ravel(b), np.shape(a)),
                                    b: np.reshape(np.ravel(a) @ d[out], np.shape(b))})

linear(np.transpose, lambda out, a, axes=None:
       np.transpose(d[out], axes=_rt.inverse_permutation(axes)))
if "shape" in inspect.signature(np.reshape).parameters:
    linear(np.reshape, lambda out, a, shape, order="C": np.reshape(d[out], np.shape(a), order=order))
else:  # NumPy < 2.1 calls the parameter newshape
    linear(np.reshape, lambda out, a, newshape, order="C":
           np.reshape(d[out], np.shape(a), order=order))
linear(np.ravel, lambda out, a, order="C": np.reshape(d[out], np.shape(a), order=order))
linear(np.squeeze, lambda out, a, axis=None: np.reshape(d[out], np.shape(a)))
linear(np.expand_dims, lambda out, a, axis: np.reshape(d[out], np.shape(a)))


@rule(np.copy)
class Copy:  # linear; tangents are never written in place, so the tangent needs no copy
    def adjoint(out, a, order="K"):
        d[a] = d[out]

    def tangent(out, a, order="K"):
        d[out] = d[a]


if hasattr(np.linalg, "vector_norm"):  # NumPy >= 2: the array API's spellings of norm

    @rule(np.linalg.vector_norm)
    class VectorNorm:  # every axis at once (axis=None) is the norm of the flattened array
        def adjoint(r, x, axis=None, keepdims=False, ord=2):
            if given(axis):
                d[x] = _rt.unnorm(d[r], x, r, ord=ord, axis=_rt.one_axis(axis), keepdims=keepdims)
            else:
                d[x] = np.reshape(_rt.unnorm(np.reshape(d[r], ()), np.ravel(x), np.reshape(r, ()),
                                             ord=ord), np.shape(x))

        def tangent(r, x, axis=None, keepdims=False, ord=2):
            if given(axis):
                d[r] = np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=_rt.one_axis(axis),
                                         keepdims=keepdims) * d[x], axis=axis, keepdims=keepdims)
            else:
                d[r] = np.reshape(np.sum(_rt.unnorm(1.0, np.ravel(x), np.reshape(r, ()), ord=ord)
                                         * np.ravel(d[x])), np.shape(r))

    @rule(np.linalg.matrix_norm)
    class MatrixNorm:  # np.linalg.norm over the last two axes
        def adjoint(r, x, keepdims=False, ord="fro"):
            d[x] = _rt.unnorm(d[r], x, r, ord=ord, axis=(-2, -1), keepdims=keepdims)

        def tangent(r, x, keepdims=False, ord="fro"):
            d[r] = np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=(-2, -1), keepdims=keepdims) * d[x],
                          axis=(-2, -1), keepdims=keepdims)


@rule(np.linalg.norm)
class Norm:
    def adjoint(r, x, ord=None, axis=None, keepdims=False):
        d[x] = _rt.unnorm(d[r], x, r, ord=ord, axis=axis, keepdims=keepdims)

    def tangent(r, x, ord=None, axis=None, keepdims=False):
        d[r] = np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=axis, keepdims=keepdims) * d[x],
                      axis=axis, keepdims=keepdims)
