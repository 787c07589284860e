"""Rule-table rows of the runtime helpers that generated code calls; their rules make derivative code
differentiable again (``tangentish/rules/runtime_helpers.py``).
"""

from __future__ import annotations

import numpy as np

import tangentish.runtime as rt

from .common import IDX_REPEATS, W4, W6, W22, W34, Row

_rt_rng = np.random.default_rng(77)
X34 = _rt_rng.standard_normal((3, 4))
X42 = _rt_rng.standard_normal((4, 2))
W42 = _rt_rng.standard_normal((4, 2))
LIKE6 = np.zeros(6)
A34 = _rt_rng.standard_normal((3, 4))
R3 = A34.max(axis=1)
W45 = _rt_rng.standard_normal((4, 5))
WEIGHT_0_AT_1 = np.array([1.0, 0.0, 0.5, 1.0])
MASK34 = _rt_rng.standard_normal((3, 4)) > 0


def rt_seed(g):
    return np.sum(rt.seed(X34, g, "f") * W34)


def rt_own(x):
    return np.sum(rt.own(x) * W4)


def rt_own_list(x):  # (a list: its copy a list, to the shape analysis too, fuzz 6800/23)
    ys = [x, 2.0 * x]
    return np.sum(rt.own(ys)[1] * W4)


def rt_chosen(g):  # (an inf g where the weight is 0: tests/test_structural_zeros.py)
    return np.sum(rt.chosen(g, WEIGHT_0_AT_1) * W4)


def rt_chosen_broadcast(g):  # a weight of more dimensions than g: un-broadcast to g
    return np.sum(rt.chosen(g, rt.ties(A34, R3, axis=1)) * W34)


def rt_unbroadcast(g):
    return np.sum(rt.unbroadcast(g, W4) * W4)


def rt_widen_to(g):  # (a float64 g is as precise as LIKE6 already: the identity)
    return np.sum(rt.widen_to(g, LIKE6) * W6)


def rt_unreduce(g):
    return np.sum(rt.unreduce(g, X34, axis=1) * W34)


def rt_unreduce_view(g):
    return np.sum(rt.unreduce(g, X34, view=True) * W34)


def rt_safe_log(x):
    return np.sum(rt.safe_log(x) * W4) + np.sum(rt.safe_log1p(x - 1.0) * W4)


def rt_share(u):  # (an operand's share of np.logaddexp: its hvp differentiates this)
    return np.sum(rt.share(3.0 * u) * W4) + np.sum(rt.share2(2.0 * u) ** 2 * W4)


def rt_power(x, e):  # (an array base, and a Python float's: taken as np.float64)
    return np.sum(rt.power(x, e) * W4) + rt.power(float(x[0]), e)


def rt_matmul_left(g, x2):
    return np.sum(rt.matmul_left(g, X34, x2) * W34)


def rt_matmul_right(g, x1):
    return np.sum(rt.matmul_right(g, x1, X42) * W42)


def rt_dot_left(g, b):
    return np.sum(rt.dot_left(g, X34, b) * W34)


def rt_dot_right(g, a):
    return np.sum(rt.dot_right(g, a, X42) * W42)


def rt_unindex(g):
    return np.sum(rt.unindex(g, LIKE6, IDX_REPEATS) * W6)


def rt_add_at(acc, g):  # (unique=True: indices that do not repeat, the scatter may assume it)
    return (np.sum(rt.add_at(acc * 1.0, g, LIKE6, IDX_REPEATS) * W6)
            + np.sum(rt.add_at(acc * 2.0, g[:3], LIKE6, np.array([4, 0, 2]), unique=True) ** 2))


def rt_slot_values(g):  # (the adjoint of np.multiply.at's slots in its values, transposed)
    slots = rt.slotted(LIKE6, IDX_REPEATS, W6[:5])  # (6 elements, 3 slots: 0 and 2 get two)
    return np.sum(rt.slot_values(g * slots, LIKE6, IDX_REPEATS) ** 2 * W6[:5])


def rt_unique_parts(g):  # (np.unique's values' cotangent and tangent, in and out of its tuple)
    r = (W6[:4] * 1.0, np.arange(4), np.ones(4, dtype=np.intp))
    parts = rt.unique_tangent(g * 2.0, r)
    return np.sum(rt.unique_cotangent((g, 0.0, 0.0), r) ** 2 * W4) + np.sum(parts[0] * W4) + \
        np.sum(rt.unique_cotangent(g * g, W4) * W4)


def rt_written(g):  # IDX_REPEATS writes positions 0 and 2 twice: the later element counts
    return np.sum(rt.written(g, IDX_REPEATS) * W6[:5]) + np.sum(rt.written(g, 1) * W6[1])


def rt_unwritten(h):
    return np.sum(rt.unwritten(h, LIKE6, IDX_REPEATS) * W6)


def rt_zero_index(g):
    return np.sum(rt.zero_index(g * 1.0, 1) * W34)


def rt_unreduce_ties(g):  # the adjoint of a max over axis 1, as generated code writes it
    return np.sum(rt.unreduce(g, A34, axis=1) * rt.ties(A34, R3, axis=1) * W34)


def rt_uncumsum(g):
    return np.sum(rt.uncumsum(g, A34, axis=1) * W34)


def rt_initial_dropped(g):  # (include_initial=: the cotangent without the constant first element)
    return (np.sum(rt.initial_dropped(g, True, axis=0) * W34) + np.sum(rt.initial_dropped(
        g[0], True) * W4[:3]) + np.sum(rt.initial_dropped(g, False, -1) ** 2))


def rt_initial_added(t):
    return (np.sum(rt.initial_added(t, True, axis=-1) * W45) + np.sum(rt.initial_added(
        t[0, :3], True) * W4) + np.sum(rt.initial_added(t, 0, axis=0) ** 2))


def rt_nan_outside(x):  # (inside everywhere: NaN's derivatives are NaN, tests/test_scipy_stats.py)
    return np.sum(rt.nan_outside(x * x, X34 > -9.0) * W34) + np.sum(rt.nan_outside(2.0, x < 3.0) * x)


def rt_divided(a, b):  # (b of shape (4,) broadcast against a (3, 4); 0 where MASK34 is False)
    return np.sum(rt.divided(MASK34, a, b) * W34)


def rt_ratio(x, r):
    return np.sum(rt.ratio(x, r) * W4)


def rt_snapshot(x):
    return np.sum(rt.snapshot(np.sin(x)) * W4)


def rt_out_written(x):  # (the value of a reduction given out=, passed on after its check)
    return np.sum(rt.out_written(np.sin(x) * x, np.zeros_like(x), "np.sum") * W4)


def rt_in_place(x):  # (x op= v's value as NumPy leaves it, passed on after its check)
    return np.sum(rt.in_place(np.sin(x) * x, np.zeros_like(x), "+=") * W4)


def rt_unlisted(a, b):
    stacked = rt.unlisted(a * b, np.ones(4))  # (the items' adjoints as an array)
    items = rt.unlisted([a * 2.0, np.sin(b)], [W4, W4])  # (a list's: kept as it is)
    return np.sum(stacked * W4) + np.sum(np.array(items) ** 2)


def rt_settled(a, b):  # (a rule's list contribution in the adjoint's form: stacked, or items)
    stacked = rt.settled([a * b, np.sin(a)])
    items = rt.settled((a[:2] * 2.0, [b, a * b]))  # (ragged: one adjoint each, the second stacked)
    return np.sum(stacked[0] * W4) + np.sum(stacked[1] ** 2) + np.sum(items[0] ** 2) + \
        np.sum(items[1][1] * np.cos(items[1][0]))


def rt_tolisted(a, b):  # (x.tolist()'s tangent and adjoint: each the other's transpose)
    rows = rt.tolisted((a * b).reshape(2, 2), W22)  # (W22: its shape and dtype)
    return np.sum(rt.untolisted([[a[0], b[1]], [np.sin(a[2]), a[3] * b[0]]], W22) * W22) + \
        rows[1][0] * rows[0][1]


def rt_unpopped(a, b):
    out = rt.unpopped([a * 2.0, np.sin(b)], W4)
    return np.sum(out[0] * W4) + np.sum(out[1] ** 2) + np.sum(out[2])


def rt_significant(r):
    return np.sum(rt.significant(r, A34, axis=1) * W34[:, 0])


def rt_running_lse(t, a, r):  # the two sums of np.logaddexp.accumulate's derivative (transposes)
    return np.sum(rt.running_lse_tangent(t, a, r, 1) * W34) + \
        np.sum(rt.running_lse_adjoint(t * t, a, r, 0) * W34)


ROWS: list[Row] = [
    Row(rt_seed, ((3, 4),)),
    Row(rt_own, ((4,),)),
    Row(rt_own_list, ((4,),)),
    Row(rt_chosen, ((4,),)),
    Row(rt_chosen_broadcast, ((4,),)),
    Row(rt_unbroadcast, ((3, 4),)),
    Row(rt_widen_to, ((6,),)),
    Row(rt_unreduce, ((3,),)),
    Row(rt_unreduce_view, ((),)),
    Row(rt_safe_log, ((4,),), domain=(-1.0, 2.0)),
    Row(rt_share, ((4,),)),
    Row(rt_power, ((4,), ()), wrt=(0, 1), domain=(0.5, 2.0)),
    Row(rt_matmul_left, ((3, 2), (4, 2)), wrt=(0, 1)),
    Row(rt_matmul_right, ((3, 2), (3, 4)), wrt=(0, 1)),
    Row(rt_dot_left, ((3, 2), (4, 2)), wrt=(0, 1)),
    Row(rt_dot_right, ((3, 2), (3, 4)), wrt=(0, 1)),
    Row(rt_unindex, ((5,),)),
    Row(rt_add_at, ((6,), (5,)), wrt=(0, 1)),
    Row(rt_zero_index, ((3, 4),)),
    Row(rt_written, ((6,),)),
    Row(rt_slot_values, ((6, 3),)),
    Row(rt_unique_parts, ((4,),)),
    Row(rt_unwritten, ((5,),)),
    Row(rt_unreduce_ties, ((3,),)),
    Row(rt_uncumsum, ((3, 4),)),
    Row(rt_initial_dropped, ((4, 4),)),
    Row(rt_initial_added, ((4, 4),)),
    Row(rt_nan_outside, ((4,),)),
    Row(rt_ratio, ((4,), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 2.0))),
    Row(rt_divided, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 2.0))),
    Row(rt_snapshot, ((4,),)),
    Row(rt_out_written, ((4,),)),
    Row(rt_in_place, ((4,),)),
    Row(rt_unpopped, ((4,), (4,)), wrt=(0, 1)),
    Row(rt_unlisted, ((4,), (4,)), wrt=(0, 1)),
    Row(rt_settled, ((4,), (4,)), wrt=(0, 1)),
    Row(rt_tolisted, ((4,), (4,)), wrt=(0, 1)),
    Row(rt_significant, ((3,),), domain=(0.5, 2.0)),
    Row(rt_running_lse, ((3, 4), (3, 4), (3, 4)), wrt=(0, 1, 2)),
]
