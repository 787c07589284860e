"""Rule-table rows of ``tangentish/rules/numpy_gather.py``: take (repeated indexes), take_along_axis,
compress, extract, choose, select, sort (and ties), partition, diff, gradient (and a spacing per
axis, edge_order=2), interp (and its left=/right=, in its knots xp, and with period=).
"""

from __future__ import annotations

import numpy as np

from .common import IDX_2D, IDX_COLS, IDX_REPEATS, IDX_ROWS, MASK3, MASK34, W3, W4, W5, W12, W34, W234, Row

_rng = np.random.default_rng(616)
W6 = _rng.standard_normal(6)
W36 = _rng.standard_normal((3, 6))
W32 = _rng.standard_normal((3, 2))
ORDER34 = np.argsort(_rng.standard_normal((3, 4)), axis=1)[:, :3]
CHOICE = np.array([[0, 1, 2, 1], [2, 2, 0, 0], [1, 0, 1, 2]])
XP = np.array([-1.5, -0.2, 0.4, 1.0, 2.5])
FP = np.array([0.3, -1.0, 2.0, 0.5, 1.5])


def ga_take(x):
    return np.sum(np.take(x, IDX_REPEATS) * W5) + np.sum(np.take(x, IDX_2D, axis=1) * 1.5)


def ga_take_modes(x):  # mode= "wrap" and "clip" (indices past either end, and negative)
    return np.sum(np.take(x, np.array([7, -9, 2, 5]), mode="wrap") * W4) + np.sum(
        np.take(x, np.array([[-2, 9], [1, 1]]), axis=1, mode="clip") * 1.5) + np.sum(
        np.take(x, np.array([3, -1]), axis=0, mode="raise") ** 2)


def ga_take_along_axis(x):
    return np.sum(np.take_along_axis(x, ORDER34, axis=1) * W34[:, :3])


def ga_compress_extract(x):
    return (np.sum(np.compress(MASK3, x, axis=0) * W34[:2]) + np.sum(np.extract(MASK34, x) ** 2)
            + np.sum(np.compress([True, False, True, True], x[0]) * W3))


def ga_choose(x, y, z):
    return np.sum(np.choose(CHOICE, [x, y * 2.0, z]) * W34)


def ga_select(x, y):  # (lists written in the call: the np.where chain; bound to names: the rule)
    conditions, choices = [x > 0.5, x < -0.5], [x * y, np.sin(x)]
    return (np.sum(np.select([x > 0.5, x < -0.5], [x * y, np.sin(x)], default=y) * W34)
            + np.sum(np.select(conditions, choices, y) ** 2))


def ga_sort(x):
    return np.sum(np.sort(x) * W34) + np.sum(np.sort(x, axis=0) ** 2 * W34) + np.sum(
        np.sort(x, axis=None) * np.linspace(0.0, 1.0, 12))


def ga_sort_ties(x):
    return np.sum(np.sort(x) * np.array([1.0, 2.0, 2.0, 3.0]))  # the tie sits in the middle


def ga_partition(x):
    return np.sum(np.partition(x, 2, axis=1)[:, 2] * W3) + np.sum(np.partition(x[0], 1)[:1])


def ga_diff(x):
    return np.sum(np.diff(x) * W34[:, :3]) + np.sum(np.diff(x, n=2, axis=0) ** 2)


def ga_diff_edges(x, p, e):  # prepend= a number, a row; append= an array of its own
    return (np.sum(np.diff(x, prepend=e[0]) * W34) + np.sum(np.diff(x, axis=0, prepend=p) ** 2)
            + np.sum(np.diff(x * e[1], 2, 0, p, x[-1:] * 2.0) * W34[:1])
            + np.sum(np.sin(np.diff(x, append=e[1], axis=-1))))


def ga_gradient(x, y):
    gy, gx = np.gradient(y)
    return np.sum(np.gradient(x) * W6) + np.sum(np.gradient(x, 0.5) ** 2) + np.sum(gy * W34) + \
        np.sum(gx * gx)


def ga_gradient_axis(x):
    ga, gb = np.gradient(x, axis=(1, -3))
    return np.sum(np.gradient(x, 0.5, axis=-1) * W234) + np.sum(ga * gb)


def ga_gradient_spacings(x):  # one spacing per axis (numbers, coordinates), edge_order=2
    a, b, c = np.gradient(x, 0.5, np.array([0.0, 0.4, 1.5]), 2.0, edge_order=2)
    gy, gx = np.gradient(x[0], np.array([0.0, 2.0, 2.5]), 0.25)
    return (np.sum(a * np.sin(x)) + np.sum(b ** 2) + np.sum(c * a) + np.sum(gy * gx * W34)
            + np.sum(np.gradient(x[1, 0], edge_order=2) * W4)
            + np.sum(np.gradient(x, 2.0, 0.5, axis=(2, 0))[0] ** 2))


def ga_gradient_step(x, h):  # one number for every axis, differentiated in it too
    a, b = np.gradient(x, h)
    return (np.sum(a * np.sin(b)) + np.sum(np.gradient(x[0], h * h, edge_order=2) ** 3)
            + np.sum(np.gradient(x, h, axis=1) * W34))


def ga_add_reduceat(x):  # slices summed: increasing indices, a repeated one, a decrease
    return (np.sum(np.add.reduceat(x, np.array([0, 2, 2, 1]), axis=1) * W34)
            + np.sum(np.add.reduceat(x[0] ** 2, [1, 3]) * W4[:2]) + np.sum(np.add.reduceat(x, [1]) ** 2))


def ga_interp(x, fp):
    return np.sum(np.interp(x, XP, fp) * W34) + np.sum(np.interp(x[0], XP, FP) ** 2)


def ga_interp_ends(x, fp, e):  # left=/right= returned outside XP ([-1.5, 2.5]; x in [-2, 2] * 1.5)
    return (np.sum(np.interp(1.5 * x, XP, fp, left=e[0], right=e[1] * fp[0]) * W34)
            + np.sum(np.interp(1.5 * x[0], XP, fp, right=e[1] ** 2) ** 2)
            + np.sum(np.interp(1.5 * x[1], XP, FP, left=0.5) * W34[0]))


def ga_interp_period(x, fp, p):  # period=: x and xp modulo |p|, the knots wrapped around
    return (np.sum(np.interp(2.0 * x, XP, fp, period=4.5) * W34)
            + np.sum(np.interp(x[0], XP * 0.9, np.cos(fp), period=p[0] + 4.0) ** 2)
            + np.sum(np.interp(x[1], XP + 0.1 * np.tanh(p[1]), FP, None, None, -4.5) * W4))


def ga_interp_knots(x, k, fp):  # xp varies: XP's gaps (>= 0.6) keep XP + 0.2 tanh(k) increasing
    xp = XP + 0.2 * np.tanh(k)
    return (np.sum(np.interp(x, xp, fp) * W34)
            + np.sum(np.interp(1.5 * x[0], xp, FP, left=fp[1], right=0.5) ** 2))


def ga_running_extremum(x):  # np.maximum/minimum.accumulate: a gather from where it was reached
    return (np.sum(np.maximum.accumulate(x) * W34) + np.sum(np.minimum.accumulate(x, axis=1) * W34)
            + np.sum(np.maximum.accumulate(x[0], 0) ** 2))


def _tie_sort(args):
    x = np.array([0.3, 1.1, -0.4, 0.3])  # 0.3 twice, at sorted positions 1 and 2
    return [x]


def ga_sort_in_place(x):  # lowered to y[...] = np.sort(y) (passes/in_place_calls.py)
    y = x * W34
    y.sort()
    z = x[0] ** 2
    z.sort(axis=0)
    row = y[1] * 1.0
    y.sort(0)
    return np.sum(y * W34[::-1]) + np.sum(row * W34[0]) + np.sum(z ** 2)


def ga_add_at(x, v):  # lowered to a[...] = _rt.added_at(a, index, v); np.multiply.at to
    a = np.zeros(6)  # a[...] = np.prod(_rt.slotted(a, index, v), axis=-1)
    np.add.at(a, IDX_REPEATS, v)
    b = x * 1.0
    np.add.at(b, (IDX_ROWS, IDX_COLS), v[:3] ** 2)
    np.subtract.at(b, IDX_ROWS, x[0] * v[4])
    np.add.at(b, 1, 2.5)
    np.multiply.at(a, IDX_REPEATS, v + x[1, :1])
    np.multiply.at(b, (IDX_ROWS, IDX_COLS), v[1:4])
    return np.sum(a ** 2 * W6) + np.sum(np.sin(b) * W34)


def ga_extreme_at(x, v):  # lowered to a[...] = _rt.maximum_at(a, index, v) (minimum_at)
    a = np.full(6, -3.0)
    np.maximum.at(a, IDX_REPEATS, v)
    b = x * 1.0
    np.minimum.at(b, (IDX_ROWS, IDX_COLS), v[:3] ** 2)
    np.maximum.at(b, IDX_ROWS, x[0] * v[4])
    return np.sum(a ** 2 * W6) + np.sum(np.sin(b) * W34)


def ga_unique(x):  # (x's entries distinct, as each derived one: np.unique is then a permutation)
    v, counts = np.unique(np.exp(x), return_counts=True)
    w, first, inverse = np.unique(x * W34, return_index=True, return_inverse=True)
    return np.sum(np.unique(x) * W12) + np.sum(v ** 2 * counts * W12[::-1]) + np.sum(
        w[np.reshape(inverse, np.shape(x))] * x)  # (inverse: flat on NumPy 1.x, x's shape on 2.x)


def ga_put_along_axis(x, v):  # lowered to y[_rt.along_axis_index(y, ind, axis)] = v
    y = x * 1.0
    np.put_along_axis(y, np.argsort(x, axis=1)[:, :2], v[:, None] ** 2, axis=1)
    z = x * W34
    np.put_along_axis(z, np.array([[2, 2, 0, 1]]), x[1:2] * v[0], -2)  # (one row per column)
    return np.sum(np.sin(y) * W34) + np.sum(z ** 2)


ROWS: list[Row] = [
    Row(ga_take, ((6, 4),)),
    Row(ga_take_modes, ((6, 4),)),
    Row(ga_put_along_axis, ((3, 4), (3,)), wrt=(0, 1)),
    Row(ga_sort_in_place, ((3, 4),)),
    Row(ga_add_at, ((3, 4), (5,)), wrt=(0, 1)),
    Row(ga_extreme_at, ((3, 4), (5,)), wrt=(0, 1)),
    Row(ga_unique, ((3, 4),)),
    Row(ga_take_along_axis, ((3, 4),)),
    Row(ga_compress_extract, ((3, 4),)),
    Row(ga_choose, ((3, 4), (3, 4), (4,)), wrt=(0, 1, 2)),
    Row(ga_select, ((3, 4), (4,)), wrt=(0, 1)),
    Row(ga_sort, ((3, 4),)),
    Row(ga_sort_ties, ((4,),), setup=_tie_sort, kink=True),
    Row(ga_partition, ((3, 4),)),
    Row(ga_running_extremum, ((3, 4),)),
    Row(ga_diff, ((3, 4),)),
    Row(ga_diff_edges, ((3, 4), (1, 4), (2,)), wrt=(0, 1, 2)),
    Row(ga_gradient, ((6,), (3, 4)), wrt=(0, 1)),
    Row(ga_gradient_axis, ((2, 3, 4),)),
    Row(ga_gradient_spacings, ((3, 3, 4),)),
    Row(ga_gradient_step, ((3, 4), ()), wrt=(0, 1), domain=((-2.0, 2.0), (0.5, 1.5))),
    Row(ga_add_reduceat, ((3, 4),)),
    Row(ga_interp, ((3, 4), (5,)), wrt=(0, 1)),
    Row(ga_interp_ends, ((3, 4), (5,), (2,)), wrt=(0, 1, 2)),
    Row(ga_interp_period, ((3, 4), (5,), (2,)), wrt=(0, 1, 2)),
    Row(ga_interp_knots, ((3, 4), (5,), (5,)), wrt=(0, 1, 2)),
]
