"""Rule-table rows of ``tangentish/rules/numpy_nan.py``: NaN-skipping reductions (with NaNs planted
through a fixed mask), ``ptp``, ``average``, ``cumprod`` (with zeros) and NumPy 2's cumulatives.
"""

from __future__ import annotations

import numpy as np

from .common import POSITIVE, W3, W4, W5, W34, W234, Row

NAN34 = np.where(np.arange(12).reshape(3, 4) % 5 == 1, np.nan, 1.0)
AVG_W = np.array([0.5, 1.5, 2.0, 1.0])


def nan_sum(x):
    return np.nansum(x) + np.sum(np.nansum(x, axis=0) * W4)


def nan_sum_keepdims(x):
    return np.sum(np.nansum(x, axis=1, keepdims=True) ** 2)


def nan_mean(x):
    return np.nanmean(x) + np.sum(np.nanmean(x, axis=1) * W3)


def nan_max_min(x):
    return np.sum(np.nanmax(x, axis=0) * W4) + np.nanmin(x) * 2.0


def nan_prod(x):
    return np.sum(np.nanprod(x, axis=1) * W3)


def nan_var_std(x):
    return (np.nanvar(x) + np.sum(np.nanstd(x, axis=0, ddof=0) * W4)
            + np.sum(np.nanvar(x, axis=1, ddof=1, keepdims=True) * W3.reshape(3, 1)))


def nan_cumsum(x):
    return np.sum(np.nancumsum(x, axis=1) * W34)


def red_ptp(x):
    return np.sum(np.ptp(x, axis=1) * W3) + np.ptp(x)


def red_average(x):
    return np.average(x) + np.sum(np.average(x, axis=1, weights=AVG_W) * W3)


def red_average_returned(x):  # (average, sum of weights); returned=False by position too
    avg, total = np.average(x, axis=1, weights=AVG_W, returned=True)
    plain = np.average(x, 0, None, True)
    return (np.sum(avg * total * W3) + np.sum(plain[0] * plain[1] * W4)
            + np.average(x, None, None, False))


def red_average_weights(x, w):  # weights differentiated over every axis (w shaped like x)
    return (np.average(np.sin(x), weights=w) * 2.0
            + np.sum(np.average(x * w, weights=w ** 2, keepdims=True) * W4[:1]))


def red_average_weights_axis(x, w, v):  # along an axis: 1-D w runs along it, v shaped like x
    return (np.sum(np.average(np.sin(x), axis=1, weights=w) * W3)
            + np.sum(np.average(x * v, axis=0, weights=v ** 2, keepdims=True) ** 2)
            + np.sum(np.average(x, axis=(0, 1), weights=v)))


def red_average_keepdims(x):
    return np.sum(np.average(x, axis=0, keepdims=True) * W4)


def red_cumprod(x):
    return np.sum(np.cumprod(x, axis=1) * W34) + np.sum(np.cumprod(x[0]) * W4)


def red_cumprod_zero(x):
    return np.sum(np.cumprod(x, axis=-1) * W234)


def red_cumulative(x):
    return np.sum(np.cumulative_sum(x, axis=0) * W34) + np.sum(np.cumulative_prod(x, axis=1) * W34)


def red_cumulative_initial(x):  # the constant first element (0, 1) gets a cotangent too
    flag = np.ndim(x) == 2  # (a value, not a literal)
    return (np.sum(np.cumulative_sum(x, axis=0, include_initial=True) * (W4[:, None] * W4))
            + np.sum(np.cumulative_prod(x, axis=-1, include_initial=flag) * (W3[:, None] * W5))
            + np.sum(np.cumulative_sum(x[0], include_initial=True) * W5)
            + np.sum(np.cumulative_prod(x[1] * 0.5, include_initial=False) ** 2))


def _plant_nan(args):
    return [args[0] * NAN34]


def _plant_zero(args):
    x = args[0].copy()
    x[1, 2, 1] = 0.0
    x[0, 1, 3] = 0.0
    return [x]


def red_float32_kept(x):  # no float64 constants: a float32 point stays float32
    avg, total = np.average(x, axis=1, returned=True)
    return np.sum(np.cumprod(x, axis=1) ** 2) + np.sum(avg ** 2 * total)


ROWS: list[Row] = [
    Row(nan_sum, ((3, 4),), setup=_plant_nan),
    Row(nan_sum_keepdims, ((3, 4),), setup=_plant_nan),
    Row(nan_mean, ((3, 4),), setup=_plant_nan),
    Row(nan_max_min, ((3, 4),), setup=_plant_nan),
    Row(nan_prod, ((3, 4),), setup=_plant_nan),
    Row(nan_var_std, ((3, 4),), setup=_plant_nan),
    Row(nan_cumsum, ((3, 4),), setup=_plant_nan),
    Row(red_ptp, ((3, 4),)),
    Row(red_average, ((3, 4),)),
    Row(red_average_keepdims, ((3, 4),)),
    Row(red_average_weights, ((3, 4), (3, 4)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(red_average_weights_axis, ((3, 4), (4,), (3, 4)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), POSITIVE, POSITIVE)),
    Row(red_average_returned, ((3, 4),)),
    Row(red_float32_kept, ((3, 4),)),
    Row(red_cumprod, ((3, 4),)),
    Row(red_cumprod_zero, ((2, 3, 4),), setup=_plant_zero),
]
if hasattr(np, "cumulative_sum"):
    ROWS += [Row(red_cumulative, ((3, 4),)), Row(red_cumulative_initial, ((3, 4),))]
