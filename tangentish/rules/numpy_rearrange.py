"""Functions that rearrange elements: flips, rolls, axis moves, diagonals and triangles, repeat,
tile, pad, delete, casts.  All are linear: each row gives the adjoint (the transpose, mostly the
inverse rearrangement in plain NumPy) and the tangent is the function applied to the tangent.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins

import numpy as np

from .. import runtime
from ..extend import d, given, linear, non_differentiable, returns_sequence, rule

linear(np.flip, lambda r, m, axis=None: np.flip(d[r], axis=axis))
linear(np.fliplr, lambda r, m: np.fliplr(d[r]))
linear(np.flipud, lambda r, m: np.flipud(d[r]))
linear(np.rot90, lambda r, m, k=1, axes=(0, 1): np.rot90(d[r], -k, axes=axes))
linear(np.roll, lambda r, a, shift, axis=None: np.roll(d[r], np.negative(shift), axis=axis))
linear(np.moveaxis, lambda r, a, source, destination: np.moveaxis(d[r], destination, source))
linear(np.swapaxes, lambda r, a, axis1, axis2: np.swapaxes(d[r], axis1, axis2))
linear(np.rollaxis, lambda r, a, axis, start=0: _rt.unrollaxis(d[r], a, axis, start))
linear(np.broadcast_to, lambda r, array, shape, subok=False: _rt.unbroadcast(d[r], array))
linear(np.repeat, lambda r, a, repeats, axis=None: _rt.unrepeat(d[r], a, repeats, axis=axis))
linear(np.tile, lambda r, A, reps: _rt.untile(d[r], A, reps))
linear(np.diag, lambda r, v, k=0: _rt.undiag(d[r], v, k))
linear(np.diagflat, lambda r, v, k=0: np.reshape(np.diagonal(d[r], k), np.shape(v)))
linear(np.diagonal, lambda r, a, offset=0, axis1=0, axis2=1:
       _rt.undiagonal(d[r], a, offset, axis1, axis2))
linear(np.trace, lambda r, a, offset=0, axis1=0, axis2=1, dtype=None, out=None:
       _rt.untrace(d[r], a, offset, axis1, axis2))
# (of a vector m, NumPy's triangles are (len(m), len(m)) matrices whose rows are m, masked)
linear(np.tril, lambda r, m, k=0: _rt.unbroadcast(np.tril(d[r], k), m))
linear(np.triu, lambda r, m, k=0: _rt.unbroadcast(np.triu(d[r], k), m))
linear(np.delete, lambda r, arr, obj, axis=None:
       _rt.unmoved(d[r], arr, np.delete(_rt.positions(arr), obj, axis=axis)))
linear(np.resize, lambda r, a, new_shape:
       _rt.unmoved(d[r], a, np.resize(_rt.positions(a), new_shape)))
linear(np.bincount, lambda r, x, weights=None, minlength=0: {weights: d[r][x]})
# (a read-only view: `writeable=True`, whose writes would reach `x`, is refused by leaving it out)
linear(np.lib.stride_tricks.sliding_window_view, lambda r, x, window_shape, axis=None: _rt.unmoved(
    d[r], x, np.lib.stride_tricks.sliding_window_view(_rt.positions(x), window_shape, axis)))
if hasattr(np, "matrix_transpose"):  # NumPy >= 2.0
    linear(np.matrix_transpose, lambda r, x: np.matrix_transpose(d[r]))

non_differentiable(
    runtime.positions, np.gcd, np.lcm, np.bitwise_and, np.bitwise_or, np.bitwise_xor,
    np.left_shift, np.right_shift, np.invert, np.packbits, np.unpackbits, np.tri,
    np.tril_indices, np.triu_indices, np.tril_indices_from, np.triu_indices_from, np.diag_indices,
    np.diag_indices_from, np.mask_indices, np.indices, np.ravel_multi_index,
    np.unravel_index, np.argwhere, np.nanargmax, np.nanargmin, np.empty, np.array_equiv,
    np.iscomplexobj, np.isrealobj, np.bartlett, np.blackman, np.hamming, np.hanning,
)
for _name in ("bitwise_count", "bitwise_invert", "bitwise_left_shift", "bitwise_right_shift",
              "alltrue", "sometrue", "in1d", "round_"):  # by NumPy version
    if hasattr(np, _name) and getattr(np, _name) not in (np.round, np.around):  # (NumPy 1.24's
        non_differentiable(getattr(np, _name))  # np.round is round_: .numpy_elementwise's)

# Casts to an integer or boolean type (np.int64(x), np.bool_(x), np.intc(x)): piecewise constant.
# (Several names are one type: np.intp is np.int64 on most machines; the names differ by NumPy.)
INTEGRAL_CASTS = ("bool_ bool byte short intc int_ long longlong intp int8 int16 int32 int64 "
                  "ubyte ushort uintc uint ulong ulonglong uintp uint8 uint16 uint32 uint64")
non_differentiable(*dict.fromkeys(t for n in INTEGRAL_CASTS.split()  # (vars: NumPy 1.x warns on
                                  if (t := vars(np).get(n)) is not None))  # hasattr(np, "bool"))


returns_sequence(np.atleast_1d, np.atleast_2d, np.atleast_3d)  # (given several arrays)


@rule((np.atleast_1d, np.atleast_2d, np.atleast_3d))
class AtLeast:  # one array (reshaped), or up to four (a tuple of them); more are refused
    def adjoint(r, arys, b=None, c=None, e=None):
        if given(b):
            d[arys] = np.reshape(_rt.part(d[r], r, 0), np.shape(arys))[()]
            d[b] = np.reshape(_rt.part(d[r], r, 1), np.shape(b))[()]
            d[c] = np.reshape(_rt.part(d[r], r, 2), np.shape(c))[()]
            d[e] = np.reshape(_rt.part(d[r], r, 3), np.shape(e))[()]
        else:
            d[arys] = np.reshape(d[r], np.shape(arys))[()]

    def tangent(r, arys, b=None, c=None, e=None):
        if given(e):
            d[r] = (np.reshape(d[arys], np.shape(r[0])), np.reshape(d[b], np.shape(r[1])),
                    np.reshape(d[c], np.shape(r[2])), np.reshape(d[e], np.shape(r[3])))
        elif given(c):
            d[r] = (np.reshape(d[arys], np.shape(r[0])), np.reshape(d[b], np.shape(r[1])),
                    np.reshape(d[c], np.shape(r[2])))
        elif given(b):
            d[r] = (np.reshape(d[arys], np.shape(r[0])), np.reshape(d[b], np.shape(r[1])))
        else:
            d[r] = np.reshape(d[arys], np.shape(r))


@rule(np.pad)
class Pad:  # a scalar constant_values receives the padding's sum; modes that compute the padding
    # (mean, maximum, minimum, median, linear_ramp; end_values constant): runtime/pad_stats.py
    # (an integer array truncates constant_values: its derivative is 0 there, in both helpers)
    def adjoint(r, array, pad_width, mode="constant", constant_values=0, stat_length=None,
                end_values=0):
        d[array] = _rt.unpad(d[r], array, pad_width, mode, stat_length, end_values)
        d[constant_values] = _rt.pad_border(d[r], array, pad_width, constant_values)
        d[end_values] = _rt.no_derivative(end_values, "np.pad in its end_values")

    def tangent(r, array, pad_width, mode="constant", constant_values=0, stat_length=None,
                end_values=0):
        d[r] = _rt.pad_tangent(d[array], array, pad_width, mode, d[constant_values],
                               stat_length, end_values) + _rt.no_tangent(
            d[end_values], "np.pad's end_values")


@rule(np.full_like)
class FullLike:  # `a` gives the shape, and the dtype unless `dtype` does: the result's says
    def adjoint(r, a, fill_value, dtype=None):
        d[fill_value] = _rt.unbroadcast(_rt.recast(d[r], fill_value, np.result_type(r)),
                                        fill_value)

    def tangent(r, a, fill_value, dtype=None):
        d[r] = _rt.recast(np.broadcast_to(d[fill_value], np.shape(r)), r, np.result_type(r))


# Casts: to a float type they pass the derivative through; to an integer type it is 0.
@rule((np.asarray, np.asanyarray, np.ascontiguousarray, np.asfortranarray, np.asarray_chkfinite,
       np.require))
class AsArray:
    def adjoint(r, a, dtype=None):
        d[a] = _rt.recast(d[r], a, dtype)

    def tangent(r, a, dtype=None):
        d[r] = _rt.recast(d[a], r, dtype)


@rule(np.array)
class Array:  # (``ndmin`` adds axes of length 1 in front: recast gives the gradient its shape)
    def adjoint(r, object, dtype=None, copy=True, ndmin=0):
        d[object] = _rt.recast(d[r], object, dtype)

    def tangent(r, object, dtype=None, copy=True, ndmin=0):
        d[r] = _rt.recast(d[object], r, dtype)


if hasattr(np, "astype"):  # NumPy >= 2.1
    @rule(np.astype)
    class AsType:
        def adjoint(r, x, dtype, copy=True):
            d[x] = _rt.recast(d[r], x, dtype)

        def tangent(r, x, dtype, copy=True):
            d[r] = _rt.recast(d[x], r, dtype)


@rule(np.ndarray.astype)  # the method x.astype(dtype), which NumPy < 2.1 has without np.astype
class NdarrayAsType:
    def adjoint(r, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
        d[a] = _rt.recast(d[r], a, dtype)

    def tangent(r, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
        d[r] = _rt.recast(d[a], r, dtype)


@rule(np.float32)  # np.float32(x): x rounded (a float32 array for an array x)
class NarrowFloat:
    def adjoint(r, x):
        d[x] = _rt.recast(d[r], x)

    def tangent(r, x):
        d[r] = _rt.recast(d[x], r)


@rule(np.real_if_close)
class RealIfClose:  # the identity on real numbers
    def adjoint(r, a, tol=100):
        d[a] = _rt.real_only(d[r], "np.real_if_close", a)

    def tangent(r, a, tol=100):
        d[r] = _rt.real_only(d[a], "np.real_if_close", a)


# Elementwise functions with two results: (fraction, integer part), (quotient, remainder),
# (mantissa, exponent); the integer parts are piecewise constant.
@rule(np.modf)
class Modf:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0)

    def tangent(r, x):
        d[r] = (d[x] + 0.0 * r[0], 0.0 * r[1])


returns_sequence(builtins.divmod)  # (a tuple; np.divmod is a ufunc with two outputs: known)


@rule((np.divmod, builtins.divmod))  # (the builtin: the same math on numbers and arrays)
class Divmod:
    def adjoint(r, x1, x2):
        d[x1] = _rt.unbroadcast(_rt.part(d[r], r, 1), x1)
        d[x2] = _rt.unbroadcast(-_rt.part(d[r], r, 1) * r[0], x2)

    def tangent(r, x1, x2):
        d[r] = (0.0 * r[0], d[x1] - d[x2] * r[0])


@rule(np.frexp)
class Frexp:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0) * np.ldexp(np.ones_like(r[0]), -r[1])

    def tangent(r, x):
        d[r] = (d[x] * np.ldexp(np.ones_like(r[0]), -r[1]), 0 * r[1])
