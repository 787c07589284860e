"""Rule-table rows of ``tangentish/rules/numpy_rearrange.py``: flips, rolls, axis moves, diagonals,
triangles, repeat, tile, pad (every copying mode, and ``constant_values``; the modes that compute the
padding, with ``stat_length``/``end_values``, one axis after the other as NumPy pads), delete, casts, sliding
windows.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .common import W4, W12, W32, W34, W43, W234, Row

_rng = np.random.default_rng(4242)
W36 = _rng.standard_normal((3, 6))
W57 = _rng.standard_normal((5, 7))
W68 = _rng.standard_normal((6, 8))
W324 = _rng.standard_normal((3, 2, 4))
W423 = _rng.standard_normal((4, 2, 3))
W44 = _rng.standard_normal((4, 4))
W8 = _rng.standard_normal(8)
W10 = _rng.standard_normal(10)
W243 = _rng.standard_normal((2, 4, 3))
W432 = _rng.standard_normal((4, 3, 2))
_INTS4 = np.array([3, 0, -2, 5])  # (an integer array: what is written into it is truncated)


def re_flip(x):
    return np.sum(np.flip(x) * W234) + np.sum(np.flip(x, axis=1) ** 2 * W234)


def re_fliplr_flipud(x):
    return np.sum(np.fliplr(x) * W34) + np.sum(np.flipud(x) ** 3 * W34)


def re_rot90(x):
    return np.sum(np.rot90(x) * W43) + np.sum(np.rot90(x, 2, axes=(1, 0)) * W34)


def re_roll(x):
    return np.sum(np.roll(x, 2) * W34) + np.sum(np.roll(x, (1, -1), axis=(0, 1)) ** 2 * W34)


def re_moveaxis(x):
    return np.sum(np.moveaxis(x, 0, -1) * W243) + np.sum(np.swapaxes(x, 0, 2) * W423)


def re_rollaxis(x):
    return np.sum(np.rollaxis(x, 2) * W432) + np.sum(np.rollaxis(x, 0, 3) ** 2 * W243)


def re_atleast_several(x, s, m):  # several arrays: a tuple of them (one inactive, a constant)
    a, b, c = np.atleast_2d(x, s, m)
    p, q = np.atleast_1d(s, W4)
    e, f, g, h = np.atleast_3d(m, x, W4, s)
    return (np.sum(a * W4) + np.sum(b ** 2) + np.sum(c * W34) + np.sum(p * q) + np.sum(e * f)
            + np.sum(g * h))


def re_atleast(x, s):
    return (np.sum(np.atleast_2d(x) * W4) + np.sum(np.atleast_1d(s) * 2.0)
            + np.sum(np.atleast_3d(x) ** 2))


def re_broadcast_to(x):
    return np.sum(np.broadcast_to(x, (3, 4)) * W34)


def re_repeat(x):
    return np.sum(np.repeat(x, 2) * W12) + np.sum(np.repeat(x, [1, 2, 0], axis=0) * W32)


def re_tile(x):
    return np.sum(np.tile(x, (2, 2)) * W68[:4, :6]) + np.sum(np.tile(x, 2) ** 2 * W36[:2])


def re_pad(x, c):
    return (np.sum(np.pad(x, 1) * W57[:5, :6])
            + np.sum(np.pad(x, ((0, 1), (2, 1)), mode="edge") * W57[:4, :7])
            + np.sum(np.pad(x, 1, constant_values=c) * W57[:5, :6])
            + np.sum(np.pad(_INTS4, 1, constant_values=3.0 * c) * W57[0, :6]))  # (truncated)


def re_pad_statistics(x):  # (each axis's statistics read from the axes padded before it)
    return (np.sum(np.pad(x, ((1, 2), (2, 1)), mode="maximum") * W68[:, :7])
            + np.sum(np.pad(x, 1, mode="minimum", stat_length=2) * W57[:5, :6])
            + np.sum(np.pad(x, ((2, 0), (1, 2)), "mean", stat_length=((1, 2), (3, 4))) * W57)
            + np.sum(np.pad(x, (1, 1), mode="median") * W57[:5, :6])
            + np.sum(np.pad(x, ((2, 1), (0, 3)), mode="linear_ramp", end_values=((0.5, -1.0), (2.0, 2.0)))
                     * W68[:, :7]))


def re_pad_median_tie(x):  # (an even count: the two middle values' halves, shared among ties)
    return np.sum(np.pad(x, 2, mode="median") * W8) + np.sum(np.pad(x, (0, 2), "maximum") * W8[:6])


def _tie_middle(args):
    x = args[0].copy()
    x[2] = x[1]
    x[3] = x[0]
    return [x]


def re_pad_modes(x):
    return (np.sum(np.pad(x, 2, mode="reflect") * W8)
            + np.sum(np.pad(x, (1, 3), mode="symmetric") * W8)
            + np.sum(np.pad(x, (3, 1), mode="wrap") * W8))


def re_diag(x, v):
    return np.sum(np.diag(x) * W4[:3]) + np.sum(np.diag(v, 1) * W44) + np.sum(np.diag(x, -1) ** 2)


def re_diagflat_diagonal(x, v):
    return np.sum(np.diagflat(v) * W44[:3, :3]) + np.sum(np.diagonal(x, 1) * W4[:3])


def re_trace(x):
    return np.trace(x) + np.trace(x, offset=1) * 2.0 + np.trace(x, -2) ** 2


def re_trace_axes(x):
    return np.sum(np.trace(x, axis1=0, axis2=2) * W4[:3]) + np.sum(np.trace(x) * W4)


def re_tril_triu(x):
    return np.sum(np.tril(x) * W34) + np.sum(np.triu(x, 1) ** 2 * W34) + np.sum(np.tril(x, -1))


def re_delete(x):
    return np.sum(np.delete(x, 1, axis=0) * W34[:2]) + np.sum(np.delete(x, [0, 5]) * W10)


def re_matrix_transpose(x):
    return np.sum(np.matrix_transpose(x) * W243)


def re_casts(x):  # (np.int64(x), np.bool_(x): integer and boolean scalar types, derivative 0)
    return (np.sum(np.asarray(x, dtype=np.float64) * W4) + np.sum(np.asanyarray(x) ** 2)
            + np.sum(np.ascontiguousarray(x) * x) + np.sum(np.asarray(x, dtype=int) * x)
            + np.sum(np.array(x, dtype=np.float64) * W4) + np.sum(np.asfortranarray(x))
            + np.sum(np.int64(3.0 * x) * x) + np.sum(np.bool_(x) * W4))


def re_casts_of_a_number(s, z):  # NumPy gives a 0-d input an axis (ndmin=: more of them)
    return (np.sum(np.ascontiguousarray(s) * W4) + np.sum(np.asfortranarray(z) ** 2)
            + np.sum(np.array(s, ndmin=2) * W4) + np.sum(np.array(z, ndmin=3) ** 3))


def re_astype(x):
    return np.sum(np.astype(x, np.float64) * W4) + np.sum(np.astype(x, np.int64) * x)


def re_float32(x):  # (points below 1e-5: float32's rounding there is far below the step)
    return np.sum(np.float32(x) * W4) + np.float32(x[0]) ** 2 * 2.0 + np.sum(np.float32(x * x))


def re_sliding_windows(x):  # overlapping windows: each element in several, summed back
    return (np.sum(sliding_window_view(x, (2, 3)) ** 2 * W36[:2, :3])
            + np.sum(np.max(np.lib.stride_tricks.sliding_window_view(x, 3, axis=1), -1))
            + np.sum(sliding_window_view(x[0], 2) @ W4[:2]))


def re_full_like(x, v):  # (the template's dtype, int or bool, truncates the fill: derivative 0)
    return (np.sum(np.full_like(x, v) * W4) + np.sum(np.full_like(x, x[0]) * W4)
            + np.sum(np.full_like(_INTS4, 3.0 * v) * W4) + np.sum(np.full_like(_INTS4 > 0, v) * W4))


ROWS: list[Row] = [
    Row(re_flip, ((2, 3, 4),)),
    Row(re_fliplr_flipud, ((3, 4),)),
    Row(re_rot90, ((3, 4),)),
    Row(re_roll, ((3, 4),)),
    Row(re_moveaxis, ((3, 2, 4),)),
    Row(re_rollaxis, ((3, 2, 4),)),
    Row(re_atleast, ((4,), float), wrt=(0, 1)),
    Row(re_casts_of_a_number, (float, ()), wrt=(0, 1)),
    Row(re_atleast_several, ((4,), float, (3, 4)), wrt=(0, 1, 2)),
    Row(re_broadcast_to, ((4,),)),
    Row(re_tile, ((2, 3),)),
    Row(re_pad, ((3, 4), float), wrt=(0, 1)),
    Row(re_pad_modes, ((4,),)),
    Row(re_pad_statistics, ((3, 4),)),
    Row(re_pad_median_tie, ((4,),), setup=_tie_middle, kink=True),
    Row(re_diag, ((3, 4), (3,)), wrt=(0, 1)),
    Row(re_diagflat_diagonal, ((3, 4), (3,)), wrt=(0, 1)),
    Row(re_trace, ((3, 4),)),
    Row(re_trace_axes, ((3, 3, 4),)),
    Row(re_repeat, ((3, 2),)),
    Row(re_tril_triu, ((3, 4),)),
    Row(re_delete, ((3, 4),)),
    Row(re_casts, ((4,),)),
    Row(re_float32, ((4,),), domain=(-1e-5, 1e-5)),
    Row(re_full_like, ((4,), float), wrt=(0, 1)),
    Row(re_sliding_windows, ((3, 5),)),
]
if hasattr(np, "matrix_transpose"):
    ROWS.append(Row(re_matrix_transpose, ((2, 3, 4),)))
if hasattr(np, "astype"):
    ROWS.append(Row(re_astype, ((4,),)))
