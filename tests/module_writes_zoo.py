"""Functions that change a value of their module (an array, a list) in place, each spelled another
way, and two that only read numbers from one: ``tests/test_module_writes.py``."""

import numpy as np

W = np.ones(4)
W2 = np.ones((2, 4))
SCALES = [1.0, 2.0]
HISTORY = []


def item_write(x):
    W[0] = x[0]
    return np.sum(x ** 2) * W[0]


def item_write_through_name(x):
    w = W
    w[0] = x[0]
    return np.sum(x ** 2) * W[0]


def _set_first(v, s):
    v[0] = s[0]


def item_write_in_helper(x):
    _set_first(W, x)
    return np.sum(x ** 2) * W[0]


def slice_augment(x):
    W[1:] += x[1:]
    return np.sum(x ** 2) + W @ x


def augment_through_name(x):
    w = W
    w += x
    return np.sum(x ** 2) * W[0]


def augment_row_view(x):
    v = W2[0]
    v += x
    return np.sum(x ** 2) * W2[0, 0]


def augment_asarray(x):
    v = np.asarray(W)
    v *= x
    return np.sum(x ** 2) * W[0]


def fill_method(x):
    W.fill(x[0])
    return np.sum(x ** 2) * W[0]


def sort_method(x):
    W.sort()
    return np.sum(x ** 2) * W[0]


def fill_through_name(x):
    w = W
    w.fill(x[0])
    return np.sum(x ** 2) * W[0]


def append_and_read(x):
    HISTORY.append(x * 2.0)
    return np.sum(x ** 2) * HISTORY[-1][0]


def number_of_array_augmented(x):
    v = W[0]
    v += x[0]
    return np.sum(x ** 2) * v


def number_of_list_augmented(x):
    v = SCALES[1]
    v *= x[0]
    return np.sum(x ** 2) + v
