"""Alias patterns for tests/test_alias_table.py (argument: a vector of 12): WORKS are
differentiated right (a write through a view made on its base, tangentish/passes/view_writes.py
and list_views.py, or a copy written alone); REFUSED stay refused with the words "cannot follow
a change made through another name"; MODULE_WRITES may write into a module-level array on one
path only: right on the other, refused where it runs on that one."""

import numpy as np

M = np.linspace(-1.0, 1.0, 12).reshape(3, 4)  # module-level: a local made from it has its rank
V = np.linspace(0.5, 2.0, 4)


def view_of_a_local(x):
    y = x * 1.0
    v = y[2:6]
    v *= np.tanh(x[0])
    return np.sum(y ** 2)


def view_in_a_list(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[2]]
    rows[1] += np.sin(x[3])
    return np.sum(Y ** 2) + np.sum(rows[1] * x[:4])


def rows_of_a_module_matrix(x):  # (Y's rank from M's: written on Y under the test it holds)
    Y = M * 2.0
    rows = [Y[i] for i in range(3)]
    rows[1] *= np.tanh(x[1])
    rows[2] += x[4:8]
    return np.sum(Y ** 2) + np.sum(rows[1] * x[8:])


def list_of_a_module_matrix(x):
    Y = M + 0.5
    rows = list(Y)
    rows[0] -= x[:4] ** 2
    return np.sum(np.sin(Y)) + np.sum(rows[0])


def items_of_a_module_vector(x):  # (numbers: rebound alone, V's local copy unchanged)
    y = V * 1.0
    items = [y[0], y[1]]
    items[1] *= x[1]
    return np.sum(y * x[:4]) + items[1] ** 2


def items_of_a_vector(x):
    y = x * 1.0
    items = [y[0], y[1]]
    items[1] *= x[1]
    return np.sum(y ** 2) + items[1] ** 2


def copy_not_view(x):
    y = x * 1.0
    c = y[2:6].copy()
    c *= 3.0
    return np.sum(y ** 2) + np.sum(c * x[:4])


def fancy_index_copy(x):
    y = x * 1.0
    c = y[[1, 2, 3]]
    c *= 3.0
    return np.sum(y ** 2) + np.sum(c ** 2)


# differentiating the gradient again meets the list of views made before the write (read by the
# adjoint) and the write on Y: refused clearly there, as every mode was before list_views' test
SECOND_ORDER_REFUSED = [rows_of_a_module_matrix]
WORKS = [view_of_a_local, view_in_a_list, rows_of_a_module_matrix, list_of_a_module_matrix,
         items_of_a_module_vector, items_of_a_vector, copy_not_view, fancy_index_copy]


def through_transpose(x):  # (a view whatever Y's layout: written on Y's positions)
    Y = x.reshape(3, 4) * 1.0
    t = Y.T
    t[1] += np.sin(x[2])
    return np.sum(Y ** 2)


def through_reshape(x):  # (y is laid out as x, perhaps a transpose: reshape may copy)
    y = x * 1.0
    R = y.reshape(3, 4)
    R[1, 2] = x[0] * x[1]  # refused
    return np.sum(y ** 2)


def through_ellipsis(x):
    y = x * 1.0
    v = y[...]
    v += np.cos(x)  # refused
    return np.sum(y ** 3)


def _first_row(a):
    return a[0]


def returned_by_a_helper(x):
    Y = x.reshape(3, 4) * 1.0
    r = _first_row(Y)
    r *= 2.0  # refused
    return np.sum(Y ** 2)


def rows_of_a_product(x):  # (x[0]'s rank unknown: Y's too, no test made)
    Y = M * x[0]
    rows = [Y[i] for i in range(3)]
    rows[1] *= np.tanh(x[1])  # refused
    return np.sum(Y ** 2)


WORKS.append(through_transpose)
REFUSED = [through_reshape, through_ellipsis, returned_by_a_helper,
           rows_of_a_product]


def module_row_or_new(x):  # (g is M's row where x[0] < 0: written into M there)
    g = M[1] if x[0] < 0 else x[:4] * 2.0
    g[0] = x[1] * x[2]  # refused
    return np.sum(g * x[4:8])


def module_rows_picked_or_new(x):  # (a fancy index copies: never M's memory)
    g = V[[2, 2, 3, 3]] if x[0] > 0 else x[:4] * 2.0
    g[0] = x[1] * x[2]
    return np.sum(g * x[4:8])


MODULE_WRITES = [module_row_or_new, module_rows_picked_or_new]
