"""Products and contractions: ``vdot``, ``vecdot``, ``matvec``/``vecmat``, ``kron``, ``tensordot``
with any ``axes``, ``einsum`` with general subscripts (``...``, repeated and summed-out letters,
up to five operands), ``cross`` of 3-vectors, ``convolve``/``correlate`` and ``polyval``.

Each is linear in each operand separately: the adjoint of one operand is the product of the
result's adjoint with the others (``np.tensordot(g, b, <axes>)``, ``np.einsum(<subscripts>, g,
y)``), and the tangent the sum of the products with one tangent each.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from ..extend import d, given, linear, non_differentiable, rule

non_differentiable(np.einsum_path)

linear(np.vdot, lambda r, a, b: {a: np.reshape(d[r] * np.ravel(b), np.shape(a)),
                                 b: np.reshape(d[r] * np.ravel(a), np.shape(b))})
linear(np.kron, lambda r, a, b: {a: _rt.unkron_left(d[r], a, b), b: _rt.unkron_right(d[r], a, b)})
linear(np.tensordot, lambda r, a, b, axes=2: {
    a: np.transpose(np.tensordot(d[r], b, _rt.tensordot_adjoint_axes(a, b, axes, 0)),
                    _rt.tensordot_adjoint_order(a, b, axes, 0)),
    b: np.transpose(np.tensordot(a, d[r], _rt.tensordot_adjoint_axes(a, b, axes, 1)),
                    _rt.tensordot_adjoint_order(a, b, axes, 1))})
# <g, a x b> = <a, b x g> = <b, g x a>: each operand's vector axis where the product puts it
linear(np.cross, lambda r, a, b, axisa=-1, axisb=-1, axisc=-1, axis=None: {
    a: _rt.unbroadcast(np.cross(b, d[r], axisb, axisc, axisa, axis), a),
    b: _rt.unbroadcast(np.cross(d[r], a, axisc, axisa, axisb, axis), b)})
linear(np.convolve, lambda r, a, v, mode="full": {a: _rt.unconvolve(d[r], a, v, mode),
                                                  v: _rt.unconvolve(d[r], v, a, mode)})
linear(np.correlate, lambda r, a, v, mode="valid": {a: _rt.uncorrelate_first(d[r], a, v, mode),
                                                   v: _rt.uncorrelate_second(d[r], a, v, mode)})
if hasattr(np, "vecdot"):  # NumPy >= 2.0 (matvec and vecmat: >= 2.2)
    linear(np.vecdot, lambda r, x1, x2: {
        x1: _rt.unbroadcast(d[r][..., np.newaxis] * x2, x1),
        x2: _rt.unbroadcast(d[r][..., np.newaxis] * x1, x2)})
if hasattr(np, "matvec"):
    linear(np.matvec, lambda r, x1, x2: {
        x1: _rt.unbroadcast(d[r][..., :, np.newaxis] * x2[..., np.newaxis, :], x1),
        x2: _rt.unbroadcast(np.matmul(d[r][..., np.newaxis, :], x1)[..., 0, :], x2)})
    linear(np.vecmat, lambda r, x1, x2: {
        x1: _rt.unbroadcast(np.matmul(x2, d[r][..., :, np.newaxis])[..., 0], x1),
        x2: _rt.unbroadcast(x1[..., :, np.newaxis] * d[r][..., np.newaxis, :], x2)})


@rule(np.polyval)
class Polyval:  # sum p[i] x**(n-1-i): linear in p, a polynomial in x
    def adjoint(r, p, x):
        d[p] = _rt.unpolyval(d[r], p, x)
        d[x] = _rt.unbroadcast(d[r] * np.polyval(np.polyder(p), x), x)

    def tangent(r, p, x):
        d[r] = np.polyval(d[p], x) + d[x] * np.polyval(np.polyder(p), x)


linear(np.polyder, lambda r, p, m=1: _rt.unpolyder(d[r], p, m))


@rule(np.einsum)
class Einsum:  # np.einsum(subscripts, x[, y[, z[, w[, v]]]]): more operands are refused clearly
    def adjoint(r, subscripts, x, y=None, z=None, w=None, v=None, optimize=False):
        d[subscripts] = _rt.no_derivative(subscripts, "np.einsum in its interleaved form")
        if given(v):
            d[x] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 0, x, y, z, w, v), d[r], y, z, w, v), subscripts, 0, x, y, z, w, v)
            d[y] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 1, x, y, z, w, v), d[r], x, z, w, v), subscripts, 1, x, y, z, w, v)
            d[z] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 2, x, y, z, w, v), d[r], x, y, w, v), subscripts, 2, x, y, z, w, v)
            d[w] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 3, x, y, z, w, v), d[r], x, y, z, v), subscripts, 3, x, y, z, w, v)
            d[v] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 4, x, y, z, w, v), d[r], x, y, z, w), subscripts, 4, x, y, z, w, v)
        elif given(w):
            d[x] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 0, x, y, z, w), d[r], y, z, w), subscripts, 0, x, y, z, w)
            d[y] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 1, x, y, z, w), d[r], x, z, w), subscripts, 1, x, y, z, w)
            d[z] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 2, x, y, z, w), d[r], x, y, w), subscripts, 2, x, y, z, w)
            d[w] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 3, x, y, z, w), d[r], x, y, z), subscripts, 3, x, y, z, w)
        elif given(z):
            d[x] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 0, x, y, z), d[r], y, z), subscripts, 0, x, y, z)
            d[y] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 1, x, y, z), d[r], x, z), subscripts, 1, x, y, z)
            d[z] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 2, x, y, z), d[r], x, y), subscripts, 2, x, y, z)
        elif given(y):
            d[x] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 0, x, y), d[r], y), subscripts, 0, x, y)
            d[y] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 1, x, y), d[r], x), subscripts, 1, x, y)
        else:
            d[x] = _rt.einsum_spread(np.einsum(_rt.einsum_adjoint_subscripts(
                subscripts, 0, x), d[r]), subscripts, 0, x)

    def tangent(r, subscripts, x, y=None, z=None, w=None, v=None, optimize=False):
        if given(v):
            d[r] = (np.einsum(subscripts, d[x], y, z, w, v) + np.einsum(subscripts, x, d[y], z, w, v)
                    + np.einsum(subscripts, x, y, d[z], w, v) + np.einsum(subscripts, x, y, z, d[w], v)
                    + np.einsum(subscripts, x, y, z, w, d[v])
                    + _rt.no_tangent(d[subscripts], "np.einsum in its interleaved form"))
        elif given(w):
            d[r] = (np.einsum(subscripts, d[x], y, z, w) + np.einsum(subscripts, x, d[y], z, w)
                    + np.einsum(subscripts, x, y, d[z], w) + np.einsum(subscripts, x, y, z, d[w])
                    + _rt.no_tangent(d[subscripts], "np.einsum in its interleaved form"))
        elif given(z):
            d[r] = (np.einsum(subscripts, d[x], y, z) + np.einsum(subscripts, x, d[y], z)
                    + np.einsum(subscripts, x, y, d[z])
                    + _rt.no_tangent(d[subscripts], "np.einsum in its interleaved form"))
        elif given(y):
            d[r] = (np.einsum(subscripts, d[x], y) + np.einsum(subscripts, x, d[y])
                    + _rt.no_tangent(d[subscripts], "np.einsum in its interleaved form"))
        else:
            d[r] = np.einsum(subscripts, d[x]) + _rt.no_tangent(
                d[subscripts], "np.einsum in its interleaved form")
