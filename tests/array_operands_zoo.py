"""Lists and tuples handed to NumPy functions where NumPy reads one array (passes/array_operands.py):
each form of a list (a display in the call, a tuple display, a local list, ``tuple(...)``, a list
built by ``append`` in a loop, a list of one item, a module's list, a closure's) against consumers
whose derivative reads the operand itself (``2 * x`` of ``np.square``, ``x.ndim`` of
``np.sort``, ``np.result_type`` of the products' helpers, the clip and selection weights)."""

import numpy as np

W3 = [1.0, 2.0, 3.0]
W3_TUPLE = (0.5, -1.0, 2.0)


def _items(x):
    return [x[0] * 2.0, np.sin(x[1]), x[2] ** 2]


def square_of_display(x):
    return np.sum(np.square([x[0], x[1] * x[2]]))


def power_of_tuple_display(x):
    return np.sum(np.power((x[0], 2.0), (2.0, x[1])))


def reciprocal_of_display(x):
    return np.sum(np.reciprocal([x[0] + 3.0, 3.0]))


def square_of_local_list(x):
    return np.sum(np.square(_items(x)))


def log_of_local_list(x):
    return np.sum(np.log(np.square(_items(x)) + 1.0))


def power_of_tuple_call(x):
    return np.sum(np.power(tuple(_items(x)), 3))


def sort_of_local_list(x):
    return np.sum(np.sort(_items(x)) * x)


def dot_of_local_list(x):
    return np.dot(_items(x), x)


def matmul_of_display(x):
    return np.sum(np.matmul([[1.0, 2.0, 3.0]], x)) + np.sum(np.matmul(x, [[x[0]], [1.0], [2.0]]))


def maximum_of_appended_list(x):
    out = []
    for i in range(3):
        out.append(x[i] * x[i - 1])
    return np.sum(np.maximum(out, 0.1)) + np.sum(np.square(out))


def clip_of_display_bounds(x):
    return np.sum(np.clip(x, [0.0, -1.0, 0.0], [x[1], 1.0, 2.0]))


def average_of_list_with_weights(x):
    return np.average(_items(x), weights=[1.0, 2.0, 3.0])


def one_item_list(x):
    v = [x[0] * 3.0]
    return np.sum(np.power(v, 2)) + np.sum(np.square(v)) + np.sum(np.power(np.abs(v) + 1.0, v))


def where_of_displays(x):
    return np.sum(np.where([True, False, True], x, [x[1], 2.0, x[0]]) ** 2)


def module_list(x):
    return (np.dot(W3, x) + np.sum(np.maximum(W3, x)) + np.sum(np.power(x, W3))
            + np.average(x, weights=W3) + np.sum(np.clip(x, W3_TUPLE, 5.0)))


def _closure_list():
    w = [0.5, 1.5, -1.0]

    def inner(x):
        return np.sum(np.power(np.abs(x) + 1.0, w)) + np.inner(w, x)

    return inner


closure_list = _closure_list()

def stacked(x):
    rows = [x, x * 2.0]
    return np.sum(np.stack(rows) ** 2) + np.sum(np.concatenate((x, x[:1]))) + np.sum(
        np.reshape(x, (1, 3)))


FUNCTIONS = [square_of_display, power_of_tuple_display, reciprocal_of_display,
             square_of_local_list, log_of_local_list, power_of_tuple_call, sort_of_local_list,
             dot_of_local_list, matmul_of_display, maximum_of_appended_list,
             clip_of_display_bounds, average_of_list_with_weights, one_item_list,
             where_of_displays, module_list, closure_list, stacked]
