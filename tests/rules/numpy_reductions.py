"""Rule-table rows of the reductions (``tangentish/rules/numpy_reductions.py``), with setups that plant
ties and zeros.
"""

from __future__ import annotations

import inspect

import numpy as np

from .common import IDX_REPEATS, MASK3, MASK34, W3, W4, W12, W23, W34, W234, Row


def red_sum(x):
    return np.sum(x * x)


def red_sum_axis(x):
    return np.sum(np.sum(x, axis=1) * W3)


def red_sum_axis_tuple(x):
    return np.sum(np.sum(x, axis=(0, 2)) * W3)


def red_sum_negative_axis(x):
    return np.sum(np.sum(x, axis=-1) * W23)


def red_sum_keepdims(x):
    return np.sum(np.sum(x, axis=0, keepdims=True) * W34)


def red_sum_where(x):  # (np.sum(x, where=mask): only the masked-in elements)
    return np.sum(np.sum(x * x, axis=1, where=W34 > 0) * W3) + np.sum(x, where=x > 0.1)


def red_sum_initial(x, s):  # (initial=: added once to each output, cast to the sum's dtype)
    return np.sum(np.sum(x * x, axis=0, initial=s) * W4) + np.sum(x, initial=1.5) + \
        np.sum(x[0], None, None, None, False, s, MASK34[0])


def red_mean_where(x):  # (the mean, variance and deviation of the masked-in elements)
    return (np.sum(np.mean(x * x, axis=1, where=MASK34) * W3) + np.mean(x, where=x > 0.1)
            + np.sum(np.mean(x, 0, keepdims=True, where=MASK3[:, None]) * W4)
            + np.sum(np.var(x, axis=1, where=MASK34) * W3)
            + np.sum(x.std(0, ddof=1, keepdims=True, where=MASK3[:, None]) * W4))


def red_prod_where_initial(x, s):
    return np.sum(np.prod(x, axis=1, where=MASK34, initial=s) * W3) + np.prod(x[0], initial=2.0)


def red_max_initial(x, s):  # (initial= wins in some columns; where= needs it)
    return np.sum(np.max(x, axis=0, initial=s) * W4) + np.min(x, where=MASK34, initial=0.3) + \
        np.amax(x[1], initial=-0.5, where=MASK34[0])


def red_methods_where_initial(x, s):  # (an array's methods: lowered as the functions are)
    return (x * x).mean(where=MASK34) + np.sum(x.prod(axis=1, where=MASK34) * W3) + \
        x.sum(initial=s) + x.max(initial=s, where=MASK34)


def red_sum_float(x):
    return np.sum(x) * 2.0


def red_mean(x):
    return np.mean(np.sin(x))


def red_mean_axis_tuple(x):
    return np.sum(np.mean(x, axis=(0, -1)) * W3)


def red_mean_keepdims(x):
    return np.sum(np.mean(x, axis=1, keepdims=True) * W34)


def red_max(x):
    return np.max(x)


def red_max_axis(x):
    return np.sum(np.max(x, axis=0) * W4)


def red_max_keepdims(x):
    return np.sum(np.max(x, axis=(0, 2), keepdims=True) * W234)


def red_max_tie(x):
    return np.max(x) * 3.0


def red_max_tie_axis(x):
    return np.sum(np.max(x, axis=-1) * W3)


def red_max_repeated_index(x):
    return np.max(x[IDX_REPEATS])


def red_min(x):
    return np.min(x)


def red_min_axis_negative(x):
    return np.sum(np.min(x, axis=-2) * W4)


def red_min_tie(x):
    return np.min(x) * 3.0


def red_amax(x):
    return np.sum(np.amax(x, axis=1) * W3)


def red_amin(x):
    return np.sum(np.amin(x, axis=0) * W4)


def red_var(x):
    return np.var(x)


def red_var_ddof_axis(x):
    return np.sum(np.var(x, axis=0, ddof=1) * W4)


def red_var_keepdims(x):
    return np.sum(np.var(x, axis=(1, 2), keepdims=True) * W234)


def red_std(x):
    return np.std(x)


def red_std_axis_tuple_keepdims(x):
    return np.sum(np.std(x, axis=(0, 2), keepdims=True) * W234)


def red_std_of_one(x):
    return np.std(x) + np.sum(np.std(x, axis=0) * W3)  # identically 0: the derivative is 0


def red_std_equal_up_to_rounding(x):
    # 0.3 - x in every entry: the mean differs from the entries by rounding only, the deviation
    # is identically 0 and so is its derivative (not rounding noise over rounding noise)
    spread = 0.3 * np.ones((3, 2)) - x
    return np.std(spread) + np.sum(np.std(spread, axis=0) * W3[:2]) + x


def red_full(x, v):
    return np.sum(np.full((3, 4), v) * W34) + np.sum(np.full((2, 3), x) * W23)


def red_std_ddof(x):
    return np.sum(np.std(x, axis=1, ddof=1) * W3)


def red_var_std_correction(x):  # (NumPy 2's correction=, the array API's ddof)
    return np.sum(np.var(x, axis=0, correction=1) * W4) + np.std(x, correction=1.5) + \
        np.sum(np.std(x, axis=1, correction=2) * W3)


def red_cumsum(x):
    return np.sum(np.cumsum(x) * W12)


def red_cumsum_axis(x):
    return np.sum(np.cumsum(x, axis=0) * W34)


def red_cumsum_negative_axis(x):
    return np.sum(np.cumsum(x, axis=-1) * W234)


def red_prod(x):
    return np.prod(x)


def red_prod_axis(x):
    return np.sum(np.prod(x, axis=1) * W3)


def red_prod_with_zero(x):
    return np.prod(x) + np.sum(np.prod(x, axis=0) * W4)


def red_prod_keepdims(x):
    return np.sum(np.prod(x, axis=(0, 2), keepdims=True) * W234)


def red_of_a_list_written_out(x, y):  # a list display as the reduced array, to every order
    return (np.prod([x, y * 2.0]) + np.sum([x * y, y], axis=0) + np.max([x, y - 0.5])
            + np.mean([x, y, x * y]) + np.var([x, y ** 2]) + np.std([x + 1.0, y])
            + np.median([x, y, x - y]) + np.cumsum([x, y * y])[1] + np.min((y, x * 3.0)))


def red_of_a_list_of_arrays(x, y):  # reduced along the list's axis, and over everything
    return (np.sum(np.prod([x, y * 2.0], axis=0) * W3) + np.sum(np.max([x, y - 0.5], axis=0) * W3)
            + np.sum(np.mean([x, y, x * y], axis=0) * W3) + np.var([x, y ** 2])
            + np.sum(np.median([x, y, x - y], axis=0) * W3) + np.prod([x, y]))


def _tie_global_max(args):
    x = args[0].copy()
    x.flat[3] = x.flat[7] = x.max() + 0.25
    return [x]


def _tie_row_max(args):
    x = args[0].copy()
    x[:, 2] = x[:, 0] = x.max(axis=1) + 0.25
    return [x]


def _tie_global_min(args):
    x = args[0].copy()
    x.flat[1] = x.flat[10] = x.min() - 0.25
    return [x]


def _tie_repeated_max(args):
    x = args[0].copy()
    x[2] = x.max() + 0.25
    return [x]


def _plant_zero(args):
    x = args[0].copy()
    x[1, 2] = 0.0
    return [x]


ROWS: list[Row] = [
    Row(red_sum, ((3, 4),)),
    Row(red_sum_axis, ((3, 4),)),
    Row(red_sum_axis_tuple, ((2, 3, 4),)),
    Row(red_sum_negative_axis, ((2, 3, 4),)),
    Row(red_sum_keepdims, ((3, 4),)),
    Row(red_sum_where, ((3, 4),)),
    Row(red_sum_initial, ((3, 4), float), wrt=(0, 1)),
    Row(red_mean_where, ((3, 4),)),
    Row(red_prod_where_initial, ((3, 4), float), wrt=(0, 1)),
    Row(red_max_initial, ((3, 4), float), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(red_methods_where_initial, ((3, 4), float), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(red_sum_float, (float,)),
    Row(red_mean, ((3, 4),)),
    Row(red_mean_axis_tuple, ((2, 3, 4),)),
    Row(red_mean_keepdims, ((3, 4),)),
    Row(red_max, ((3, 4),)),
    Row(red_max_axis, ((3, 4),)),
    Row(red_max_keepdims, ((2, 3, 4),)),
    Row(red_max_tie, ((3, 4),), setup=_tie_global_max, kink=True),
    Row(red_max_tie_axis, ((3, 4),), setup=_tie_row_max, kink=True),
    Row(red_max_repeated_index, ((6,),), setup=_tie_repeated_max),
    Row(red_min, ((3, 4),)),
    Row(red_min_axis_negative, ((3, 4),)),
    Row(red_min_tie, ((3, 4),), setup=_tie_global_min, kink=True),
    Row(red_amax, ((3, 4),)),
    Row(red_amin, ((3, 4),)),
    Row(red_var, ((3, 4),)),
    Row(red_var_ddof_axis, ((3, 4),)),
    Row(red_var_keepdims, ((2, 3, 4),)),
    Row(red_std, ((3, 4),)),
    Row(red_std_axis_tuple_keepdims, ((2, 3, 4),)),
    Row(red_std_ddof, ((3, 4),)),
    Row(red_std_of_one, ((1, 3),)),
    Row(red_std_equal_up_to_rounding, ((),)),
    Row(red_full, (float, (4,)), wrt=(0, 1)),
    Row(red_cumsum, ((3, 4),)),
    Row(red_cumsum_axis, ((3, 4),)),
    Row(red_cumsum_negative_axis, ((2, 3, 4),)),
    Row(red_prod, ((3, 4),)),
    Row(red_prod_axis, ((3, 4),)),
    Row(red_prod_with_zero, ((3, 4),), setup=_plant_zero),
    Row(red_prod_keepdims, ((2, 3, 4),)),
    Row(red_of_a_list_written_out, (float, float), wrt=(0, 1)),
    Row(red_of_a_list_of_arrays, ((3,), (3,)), wrt=(0, 1)),
]
if "correction" in inspect.signature(np.var).parameters:  # NumPy >= 2.0
    ROWS.append(Row(red_var_std_correction, ((3, 4),)))
