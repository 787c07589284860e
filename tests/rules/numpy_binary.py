"""Rule-table rows of NumPy's binary elementwise functions, ``where`` and ``clip``
(``tangentish/rules/numpy_binary.py``).
"""

from __future__ import annotations

import numpy as np

from .common import CLIP_MIN_MAX, MASK3, NAN4, POSITIVE, W3, W4, W34, W234, Const, Row


def np_add(x, y):
    return np.sum(np.add(x, y) * W34)


def np_subtract(x, y):
    return np.sum(np.subtract(x, y) * W34)


def np_multiply(x, y):
    return np.sum(np.multiply(x, y) * W34)


def np_divide(x, y):
    return np.sum(np.divide(x, y) * W234)


def np_power(x, y):
    return np.sum(np.power(x, y) * W34)


def np_maximum(x, y):
    return np.sum(np.maximum(x, y) * W34)


def np_maximum_const(x):
    return np.sum(np.maximum(x, 0.0) * W34)


def np_maximum_tie(x):
    return np.sum(np.maximum(x, x) * W4)


def np_minimum(x, y):
    return np.sum(np.minimum(x, y) * W34)


def np_minimum_tie(x):
    return np.sum(np.minimum(x, x) * W4)


def np_hypot(x, y):
    return np.sum(np.hypot(x, y) * W34)


def np_logaddexp(x, y):
    return np.sum(np.logaddexp(x, y) * W34)


def np_logaddexp2(x, y):
    return np.sum(np.logaddexp2(x, y) * W34)


def np_fmax(x, y):
    return np.sum(np.fmax(x, y) * W34)


def np_fmax_nan(x):
    return np.sum(np.fmax(x, NAN4) * W4)


def np_fmin(x, y):
    return np.sum(np.fmin(x, y) * W34)


def np_fmin_nan(x):
    return np.sum(np.fmin(NAN4, x) * W4)


def np_where(x, y):
    return np.sum(np.where(x > 0.0, x * 2.0, y) * W34)


def np_where_scalar_branch(x):
    return np.sum(np.where(x > 0.5, x, 0.0) * W34)


def np_where_mask_broadcast(x, y):
    return np.sum(np.where(MASK3[:, None], x, y) * W34)


def np_clip(x):
    return np.sum(np.clip(x, 0.0, 1.0) * W34)


def np_clip_bounds(x, lo, hi):
    return np.sum(np.clip(x, lo, hi) * W34)


def np_clip_upper_only(x):
    return np.sum(np.clip(x, None, 0.5) * W4)


# Bounds by keyword, as the installed NumPy spells them (min=/max= from NumPy 2.1 on).
if CLIP_MIN_MAX:
    def np_clip_keyword_bounds(x, lo):
        return np.sum(np.clip(x, min=lo, max=1.0) * W34)
else:
    def np_clip_keyword_bounds(x, lo):
        return np.sum(np.clip(x, a_min=lo, a_max=1.0) * W34)


def np_copysign(x, y):
    return np.sum(np.copysign(x, y) * W34)


def np_clip_a_min_keyword(x, lo):
    return np.sum(np.clip(x, a_min=lo, a_max=None) * W34)


def np_clip_crossed(x, lo, hi):
    """Where the bounds cross (lo > hi) NumPy returns hi: d/dlo is 0 there, d/dhi 1."""
    return np.sum(np.clip(x, lo, hi) * W34) + np.sum(np.clip(x[0], lo, hi) ** 2)


if CLIP_MIN_MAX:
    def np_clip_crossed_keywords(x, lo, hi):
        return np.sum(np.clip(x, min=lo, max=hi) * W34)
else:
    def np_clip_crossed_keywords(x, lo, hi):
        return np.sum(np.clip(x, a_min=lo, a_max=hi) * W34)


def _cross_bounds(args):
    """Columns 0 and 1: lo above hi (by 0.4 and 0.7), with x below both, between and above."""
    x, lo, hi = (np.array(a) for a in args)
    lo[:2] = hi[:2] + np.array([0.4, 0.7])
    x[0, :2], x[1, :2], x[2, 0] = lo[:2] - 0.3, hi[:2] + 0.2, lo[0] + 0.5
    return [x, lo, hi]


SMALL_INTS = np.array([253, 1, 0, 200], dtype=np.uint8)  # squared in uint8, 253 * 253 wraps to 9


def np_arctan2_small_ints(x, k):  # a partial reading an integer operand: computed in floats
    return np.sum(np.arctan2(x, k) * W4) + np.sum(np.arctan2(k, x) ** 2)


POWERS = np.array([0, 1, 2, 3], dtype=np.uint8)  # uint8 0 - 1 wraps to 255


def np_power_integral_exponents(x):  # exponents 0..3 met at x = 0 (x ** (k - 1) has a pole)
    return (np.sum(x[:, None] ** POWERS * W34) + np.sum(x[:, None] ** np.arange(4) * W34)
            + np.sum(np.power(x, 0) * W3) + np.sum(x ** 0.0 * W3) + np.sum(np.float_power(x, 0) * W3)
            + np.sum(x ** np.uint8(0) * W3) + np.sum(x ** 1 * W3) + x[0] ** 2 * x[1] ** 3)


def _zero_and_large(args):
    """x = 0 (the pole of x ** (0 - 1)), a value whose 255th power overflows, and one other."""
    x = np.array(args[0])
    x[0], x[2] = 0.0, 40.0
    return [x]


def ufunc_outer(x, y):  # np.F.outer(a, b): F of `a` with b's axes added (passes/call_forms.py)
    return (np.sum(np.subtract.outer(x, y) ** 2 * W34) + np.sum(np.multiply.outer(y, x) * W34.T)
            + np.sum(np.hypot.outer(x[:2], y[1:]) * W234[0, :2, :3])
            + np.sum(np.maximum.outer(x, 0.3) * W3))


def ufunc_reduce_accumulate(x):  # .reduce and .accumulate of ufuncs with a NumPy reduction
    return (np.add.reduce(x) @ W4 + np.sum(np.multiply.reduce(x, axis=1) * W3)
            + np.maximum.reduce(x, 1, keepdims=True).sum() + np.minimum.reduce(x, axis=None)
            + np.sum(np.add.accumulate(x) * W34) + np.sum(np.multiply.accumulate(x, axis=1) * W34))


def ufunc_log_sum_exp(x):  # np.logaddexp(2).reduce: _rt.log_sum_exp (passes/call_forms.py)
    return (np.logaddexp.reduce(x) @ W4 + np.sum(np.logaddexp.reduce(3.0 * x, 1, keepdims=True)
                                                 * W3[:, None])
            + np.logaddexp.reduce(x, axis=None) + np.sum(np.logaddexp2.reduce(x, axis=1) * W3))


def ufunc_running_log_sum_exp(x):  # np.logaddexp(2).accumulate: _rt.running_log_sum_exp
    return (np.sum(np.logaddexp.accumulate(x) * W34) + np.sum(np.logaddexp.accumulate(3.0 * x, 1) ** 2)
            + np.sum(np.logaddexp2.accumulate(x, axis=1) * W34))


ROWS: list[Row] = [
    Row(np_add, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_subtract, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_multiply, ((3, 4), float), wrt=(0, 1)),
    Row(np_divide, ((2, 3, 4), (3, 1)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(np_power, ((3, 4), (3, 1)), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(np_maximum, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_maximum_const, ((3, 4),)),
    Row(np_maximum_tie, ((4,),)),
    Row(np_minimum, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_minimum_tie, ((4,),)),
    Row(np_hypot, ((3, 1), (4,)), wrt=(0, 1)),
    Row(np_copysign, ((3, 4), (4,)), wrt=(0, 1), domain=((0.2, 2.0), (-2.0, -0.2))),
    Row(np_logaddexp, ((3, 4), (3, 1)), wrt=(0, 1)),
    Row(np_logaddexp2, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_fmax, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_fmax_nan, ((4,),)),
    Row(np_fmin, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_fmin_nan, ((4,),)),
    Row(np_where, ((3, 4), (4,)), wrt=(0, 1)),
    Row(np_where_scalar_branch, ((3, 4),)),
    Row(np_where_mask_broadcast, ((4,), (3, 1)), wrt=(0, 1)),
    Row(np_clip, ((3, 4),), domain=(-1.0, 2.0)),
    Row(np_clip_bounds, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 0.0), (0.3, 1.5))),
    Row(np_clip_upper_only, ((4,),)),
    Row(np_clip_keyword_bounds, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (-1.0, 0.5))),
    Row(np_clip_a_min_keyword, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (-1.0, 0.5))),
    Row(np_clip_crossed, ((3, 4), (4,), (4,)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 0.0), (0.3, 1.5)), setup=_cross_bounds),
    Row(np_clip_crossed_keywords, ((3, 4), (4,), (4,)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 0.0), (0.3, 1.5)), setup=_cross_bounds),
    Row(ufunc_outer, ((3,), (4,)), wrt=(0, 1)),
    Row(np_power_integral_exponents, ((3,),), setup=_zero_and_large),
    Row(np_arctan2_small_ints, ((4,), Const(SMALL_INTS))),
    Row(ufunc_reduce_accumulate, ((3, 4),)),
    Row(ufunc_log_sum_exp, ((3, 4),)),
    Row(ufunc_running_log_sum_exp, ((3, 4),)),
]
