"""Rule-table rows of containers: element assignment, lists, stack/concatenate and the builtin ``sum``
(``tangentish/rules/containers.py``).
"""

from __future__ import annotations

import numpy as np

from .common import W2, W4, W34, Row


def ct_setitem(x, v):
    y = x.copy()
    y[1] = v * 2.0
    y[2:, 1:] = np.sin(y[:1, :3])
    return np.sum(y * W34)


def ct_append_extend(x, y):
    items = [x]
    items.append(y * 2.0)
    items.extend([x * y, np.sin(y)])
    return np.sum(np.array(items) * W4)


def ct_pop(x, y):
    items = [x, y * 2.0, np.sin(x * y)]
    last = items.pop()
    middle = items.pop()
    items.append(last * middle)
    return np.sum(np.array(items) * W34[:2]) + np.sum(last ** 2)


def ct_stack(x, y):
    return np.sum(np.stack([x, y * y], axis=1) * W2.reshape(1, 2))


def ct_concatenate(x, y):
    return np.sum(np.concatenate([x, y ** 2, x * y]) ** 2)


def ct_concatenate_axis(x, y):
    return np.sum(np.concatenate((x, y), axis=1) * W34[:3, :4])


def ct_hstack_numbers(s, x):
    return np.sum(np.hstack([s, 1.0, x[3], x]) ** 2 * np.linspace(0.5, 2.0, 7))


def ct_vstack_hstack(x, y):
    return np.sum(np.vstack([x, y]) ** 2) + np.sum(np.hstack([x, y * 3.0]) ** 3)


def ct_builtin_sum(x, y):
    return np.sum(sum([x, y * y, np.sin(x)]) * W4) + sum([x[0], y[1]], 2.0)


def ct_builtin_sum_filtered(x, y):  # (no item passes here: sum's start alone, a float)
    return sum([v for v in [x[0] * y[1], -np.abs(y[0]) - 1.0] if v > 100.0], 0.0)


def ct_array_constant_row(x, s):
    return np.sum(np.array([[1.0, 2.0, 3.0, 4.0], x * s, np.sin(x)]) ** 2 * W34)


def ct_hstack_vectors(x, y):
    return np.sum(np.hstack([x, y]) ** 2 * np.linspace(-1.0, 1.0, 7))


def ct_list_tuple(x, y):
    rows = list(x)  # an array's rows
    pair = tuple([y, x[0] * y])  # noqa: C409  (a copy of a list)
    first, _, last = tuple(y * 2.0)
    return np.sum(rows[0] * rows[2] * W4[:3]) + np.sum(np.stack(list(pair)) ** 2) + first * last


ROWS: list[Row] = [
    Row(ct_array_constant_row, ((4,), float), wrt=(0, 1)),
    Row(ct_hstack_vectors, ((4,), (3,)), wrt=(0, 1)),
    Row(ct_setitem, ((3, 4), float), wrt=(0, 1)),
    Row(ct_append_extend, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_pop, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_stack, ((3,), (3,)), wrt=(0, 1)),
    Row(ct_concatenate, ((3,), (3,)), wrt=(0, 1)),
    Row(ct_concatenate_axis, ((3, 2), (3, 2)), wrt=(0, 1)),
    Row(ct_vstack_hstack, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_hstack_numbers, (float, (4,)), wrt=(0, 1)),
    Row(ct_builtin_sum, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_builtin_sum_filtered, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_list_tuple, ((3, 3), (3,)), wrt=(0, 1)),
]
