"""Rule-table rows of ``tangentish/rules/numpy_joins.py``: append, column/row/depth stacks, the split
family (pieces used, unused and used twice), unstack, linspace, logspace and arange (its
length fixed by the values over the domains drawn); ``np.r_`` and ``np.c_``
(lowered to joins by ``tangentish/passes/index_tricks.py``).
"""

from __future__ import annotations

import numpy as np
from numpy import c_, r_

from .common import W2, W3, W4, W5, W6, W12, W23, W34, W43, W232, Row

_rng = np.random.default_rng(515)
W7 = _rng.standard_normal(7)
W42 = _rng.standard_normal((4, 2))
W32 = _rng.standard_normal((3, 2))
W42 = _rng.standard_normal((4, 2))
W132 = _rng.standard_normal((1, 3, 2))


def jn_append(x, y):
    return np.sum(np.append(x, y * y) * W7) + np.sum(np.append(x.reshape(1, 3), y[:3].reshape(1, 3),
                                                               axis=0) * W23)


def jn_column_stack(x, y):
    return np.sum(np.column_stack([x, y]) * W32) + np.sum(np.column_stack((x, np.sin(y))) ** 2)


def jn_dstack(x, y):
    return np.sum(np.dstack([x, y * 2.0]) * W132) + np.sum(np.dstack((x, np.sin(y))) ** 2)


def jn_row_stack(x, y):
    stacked = np.row_stack([x, y])  # deprecated on NumPy 2, a function of its own; gone in 2.5
    return np.sum(stacked ** 2 * W23)


def jn_r_(x, s, m):  # lowered to np.concatenate of np.atleast_1d pieces and constant ranges
    return (np.sum(np.r_[x, s, 0:3, 1.0:0.0:-0.5, -1:1:3j] ** 2 * np.arange(13.0))
            + np.sum(np.r_[m, m * s] * np.ones((6, 4))) + np.sum(np.r_[x] * W4))


def jn_c_(x, s, m):  # lowered to np.concatenate of _rt.as_column pieces along the last axis
    return (np.sum(np.c_[x[:3], m, 0:3, s * x[1:]] ** 2 * np.arange(21.0).reshape(3, 7))
            + np.sum(np.c_[s, 2.0 * s] ** 3))


def jn_bare_r_c(x, s):  # imported by name: `r_[...]` was once taken for indexing (gradient 0)
    return np.sum(r_[x, s] ** 2 * W5) + np.sum(c_[x, x * s] * W42)


def jn_split(x):
    a, b, c = np.split(x, 3)
    return np.sum(a * W4) + np.sum(c ** 2 * W4) + np.sum(a * c)


def jn_split_indices(x):
    pieces = np.split(x, [1, 3], axis=1)
    return np.sum(pieces[0] ** 2) + np.sum(pieces[2] * W3.reshape(3, 1))


def jn_array_split(x):
    first, second = np.array_split(x, 2)
    return np.sum(first * W4[:3]) + np.sum(np.exp(second))


def jn_hsplit_vsplit_dsplit(x):
    left, right = np.hsplit(x, 2)
    top, bottom = np.vsplit(x, [1])
    return np.sum(left * W32) + np.sum(right ** 2) + np.sum(top * W4) + np.sum(bottom[0] * 3.0)


def jn_dsplit(x):
    front, back = np.dsplit(x, 2)
    return np.sum(front * W2) + np.sum(back ** 2)


def jn_unstack(x):
    rows = np.unstack(x)
    return np.sum(rows[0] * W4) + np.sum(rows[2] ** 2)


def jn_linspace(a, b):
    return np.sum(np.linspace(a, b, 6) * W6) + np.sum(np.linspace(a, b, 4, endpoint=False) ** 2)


def jn_linspace_arrays(a, b):
    return np.sum(np.linspace(a, b, 3) * W34[:3, :2]) + np.sum(np.linspace(a, b, 4, axis=1) * W42.T)


def jn_logspace(a, b):
    return np.sum(np.logspace(a, b, 5) * W12[:5]) + np.sum(np.logspace(a, b, 3, base=2.0))


def jn_meshgrid(x, y):
    xx, yy = np.meshgrid(x, y)
    return np.sum(xx * W23) + np.sum(xx * yy ** 2)


def jn_meshgrid_ij_sparse(x, y):
    xx, yy = np.meshgrid(x, y, indexing="ij", sparse=True)
    return np.sum(np.sin(xx) * yy * W32) + np.sum(xx ** 2)


def jn_meshgrid_three(x, y, z):
    xx, yy, zz = np.meshgrid(x, y, z, indexing="ij")
    sx, sy, sz = np.meshgrid(x, y, z, sparse=True)
    return np.sum(xx * W232) + np.sum(yy * zz * W232) + np.sum(sx * sy * sz * W232.swapaxes(0, 1))


def jn_meshgrid_one_and_matrix(x, m):
    only = np.meshgrid(x)[0]
    xx, mm = np.meshgrid(x, m, copy=False)
    return np.sum(only * W3) + np.sum(xx * mm * W43)


def jn_broadcast_arrays(x, y, s):
    a, b = np.broadcast_arrays(x, y)
    p, q, r = np.broadcast_arrays(x, s, y)
    return np.sum(a * W34) + np.sum(b ** 2 * a) + np.sum(p * q * r * W34)


def jn_arange(start, step):
    return (np.sum(np.sin(np.arange(start, 2.9, step)) * W5)
            + np.sum(np.arange(start, 4.0) ** 2 * W4) + np.sum(np.arange(0.5, 2.9, step=step) * W4))


ROWS: list[Row] = [
    Row(jn_r_, ((4,), float, (3, 4)), wrt=(0, 1, 2)),
    Row(jn_c_, ((4,), float, (3, 4)), wrt=(0, 1, 2)),
    Row(jn_bare_r_c, ((4,), float), wrt=(0, 1)),
    Row(jn_arange, (float, float), wrt=(0, 1), domain=((0.1, 0.2), (0.6, 0.65))),
    Row(jn_append, ((3,), (4,)), wrt=(0, 1)),
    Row(jn_column_stack, ((3,), (3,)), wrt=(0, 1)),
    Row(jn_dstack, ((3,), (3,)), wrt=(0, 1)),
    Row(jn_split, ((12,),)),
    Row(jn_split_indices, ((3, 4),)),
    Row(jn_array_split, ((5,),)),
    Row(jn_hsplit_vsplit_dsplit, ((3, 4),)),
    Row(jn_dsplit, ((2, 3, 4),)),
    Row(jn_linspace, (float, float), wrt=(0, 1)),
    Row(jn_linspace_arrays, ((2,), (2,)), wrt=(0, 1)),
    Row(jn_logspace, (float, float), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(jn_meshgrid, ((3,), (2,)), wrt=(0, 1)),
    Row(jn_meshgrid_ij_sparse, ((3,), (2,)), wrt=(0, 1)),
    Row(jn_meshgrid_three, ((2,), (3,), (2,)), wrt=(0, 1, 2)),
    Row(jn_meshgrid_one_and_matrix, ((3,), (2, 2)), wrt=(0, 1)),
    Row(jn_broadcast_arrays, ((3, 1), (4,), float), wrt=(0, 1, 2)),
]
if hasattr(np, "row_stack"):
    ROWS.append(Row(jn_row_stack, ((3,), (3,)), wrt=(0, 1)))
if hasattr(np, "unstack"):
    ROWS.append(Row(jn_unstack, ((3, 4),)))
