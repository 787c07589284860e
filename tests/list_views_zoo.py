"""Writes through an item of a list holding views of a local array (``rows = [Y[0], Y[1]];
rows[0] *= e``, then ``Y`` read): each of WORKS is differentiated right in every mode (the
write made on the array, tangentish/passes/list_views.py, or, where the item is no view, left
as the program wrote it); each of REFUSED stays refused at the line marked ``# refused``.  Used
by tests/test_list_views.py (argument: a vector of 12)."""

import numpy as np


def display_of_rows(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1], Y[2]]
    rows[-1] += np.sin(x[0])
    rows[0] *= np.tanh(x[1])
    rows[1] -= rows[1].mean()
    row = rows[1]
    return np.sum(Y ** 2) + np.sum(row * row) + rows[0].sum()


def comprehension_of_rows(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[i] for i in range(3)]
    rows[-3] *= np.tanh(Y[1, 2])
    rows[2] += rows[0] * x[5]
    return np.sum(Y ** 3)


def list_of_the_matrix(x):
    Y = np.outer(x[:3], np.exp(x[3:7]))
    rows = list(Y)
    rows[-3] *= np.tanh(x[1])
    rows[1] -= rows[1].mean()
    return np.sum(np.sin(Y)) + np.sum(rows[1])


def the_same_row_twice(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[0]]
    rows[1] += x[2] * x[3]
    rows[0] *= 2.0
    return np.sum(Y ** 2) + np.sum(rows[1] * x[:4])


def columns_and_slices(x):
    Y = x.reshape(3, 4) * 1.0
    parts = [Y[:, 1], Y[1:, 2:]]
    parts[0] *= np.cos(x[0])
    parts[1] += parts[0][:2, None]
    return np.sum(Y ** 2)


def written_in_a_loop(x):
    Y = np.exp(x.reshape(4, 3))
    rows = list(Y)
    for k in range(4):
        rows[k] *= np.tanh(x[k])
        rows[k] -= rows[k].mean()
    return np.sum(Y ** 3)


def written_in_a_branch(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[2]]
    if x[0] > 0:
        rows[1] *= 3.0
    else:
        rows[0] += x[1]
    return np.sum(Y ** 2)


def scalars_of_a_vector(x):  # (list of a 1-d array: numbers, rebound; the array unchanged)
    y = x * 2.0
    items = list(y)
    items[0] += x[1]
    items[3] *= x[2]
    return np.sum(y ** 2) + items[0] * items[3]


def elements_are_copies(x):  # (an element of a matrix is a number: rebound alone)
    Y = x.reshape(3, 4) * 1.0
    items = [Y[0, 1], Y[2, 3]]
    items[1] *= x[0]
    return np.sum(Y ** 2) + items[1] ** 2


def base_rebound_first(x):  # (the list keeps the old array's rows; the new one is not changed)
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1]]
    Y = Y * 2.0
    rows[0] *= 3.0
    return np.sum(Y ** 2) + np.sum(rows[0] ** 2)


def item_replaced_first(x):  # (item 0 is a new array: the write changes it alone)
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1]]
    rows[0] = Y[0] * 1.0
    rows[0] *= 3.0
    return np.sum(Y ** 2) + np.sum(rows[0] ** 3)


def slice_of_a_list_extended(x):  # (a slice of a list is a new list: was refused)
    xs = [x[:4] * 1.0, x[4:8] * 2.0]
    ys = xs[1:]
    ys.append(x[8:] * 3.0)
    return np.sum(xs[-1] * ys[-1])


def comprehension_written_by_a_loop_index(x):  # (Y[range(3)[k]]: was refused)
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[i] for i in range(3)]
    for k in range(3):
        rows[k] *= np.tanh(x[k])
    return np.sum(Y ** 2) + np.sum(Y[0] * x[4:8])


def display_written_by_a_loop_index(x):  # (Y[(0, 2)[k]]: was refused)
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[2]]
    for k in range(2):
        rows[k] += x[k] * x[k + 4]
    return np.sum(Y ** 2) + np.sum(rows[1] * x[8:])


WORKS = [display_of_rows, comprehension_of_rows, list_of_the_matrix, the_same_row_twice,
         columns_and_slices, written_in_a_loop, written_in_a_branch, scalars_of_a_vector,
         elements_are_copies, base_rebound_first, item_replaced_first, slice_of_a_list_extended,
         comprehension_written_by_a_loop_index, display_written_by_a_loop_index]


def _keep(items):
    return len(items)


def aliased_list(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1]]
    other = rows
    rows[0] *= 3.0  # refused
    return np.sum(Y ** 2) + np.sum(other[0])


def passed_to_a_call(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1]]
    n = _keep(rows)
    rows[1] *= 3.0  # refused
    return np.sum(Y ** 2) * n


def index_of_unknown_kind(x):
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0], Y[1]]
    k = int(x[0] > 0)
    rows[k] *= 3.0  # refused
    return np.sum(Y ** 2)


def made_in_a_branch(x):  # (a list merged after a branch: was silently wrong)
    Y = x.reshape(3, 4) * 1.0
    rows = [Y[0] * 1.0, Y[1] * 1.0]
    if x[0] < 0:
        rows = [Y[0], Y[1]]
    rows[0] *= 3.0  # refused
    return np.sum(Y ** 2)


REFUSED = [aliased_list, passed_to_a_call, index_of_unknown_kind, made_in_a_branch]


def split_into_rows(x):  # (np.split returns a list of views: was silently wrong)
    Y = x.reshape(3, 4) * 1.0
    rows = np.split(Y, 3)
    rows[0] *= 3.0  # refused
    return np.sum(Y ** 2)


REFUSED += [split_into_rows]


def item_of_a_slice_changed(x):  # (ys[1] is a, changed in place: was silently wrong)
    a = x * 1.0
    xs = [a, x * 2.0]
    ys = xs[::-1]
    ys[1] *= 2.0  # refused
    return np.sum(a * x)


REFUSED += [item_of_a_slice_changed]
