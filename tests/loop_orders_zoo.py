"""Loops over what cannot be indexed (passes/loop_orders.py): a dict (its keys), a dict's views,
iterators of builtins, a set; held by a module's name, a parameter's default or made in the
loop's header; ``itertools.product``/``combinations``, ``np.ndindex`` and a generator function
(``ITERATORS``), which have no length.  ``int_keys`` is the silent case: ``D[_i]`` read the value
under the key ``_i``."""

import itertools

import numpy as np

INT_KEYS = {2: 0, 0: 1, 1: 2}
WEIGHTS = {"w": 1.5, "v": -0.5, "u": 2.0}
NAMES = frozenset({"a", "bb", "ccc"})


def int_keys(x):
    out = 0.0
    for position, k in enumerate(INT_KEYS):
        out += x[k] * (position + 1.0) + np.sin(x[k]) * position
    return out


def default_items(x, coeffs={"a": 1.0, "b": -2.0, "c": 0.5}):  # noqa: B006  (read only)
    out = 0.0
    for i, (_name, c) in enumerate(coeffs.items()):
        out += c * x[i] ** (i + 1)
    return out


def default_int_keys(x, order={1: 2, 2: 0, 0: 1}):  # noqa: B006  (read only)
    out = 0.0
    for position, k in enumerate(order):
        out += x[k] ** 2 * (position + 1.0)
    return out


def module_items(x):
    out = 0.0
    for i, (_name, w) in enumerate(WEIGHTS.items()):
        out += w * np.tanh(x[i])
    return out


def module_values_generator(x):
    return sum(w * x[0] ** 2 for w in WEIGHTS.values()) + x[1]


def zipped_with_items(x):
    out = 0.0
    for (_name, w), v in zip(WEIGHTS.items(), x, strict=True):
        out += w * v * v
    return out


def mapped(x):
    out = 0.0
    for i, v in enumerate(map(float, [1.0, 2.0, 3.0])):
        out += v * x[i] ** 3
    return out


def filtered_keys(x):
    out = 0.0
    for k in filter(None, INT_KEYS.keys()):
        out += x[k] * k
    return out


def set_sizes(x):
    out = 0.0
    for name in NAMES:
        out += x[len(name) - 1] * len(name)
    return out


FUNCTIONS = [int_keys, default_items, default_int_keys, module_items, module_values_generator,
             zipped_with_items, mapped, filtered_keys, set_sizes]


def over_argument(x, keys):
    out = 0.0
    for position, k in enumerate(keys):
        out += x[k] * (position + 1.0) + np.cos(x[k]) * position
    return out


# what a caller may pass as ``keys`` (not under wrt): each iterated as Python's loop does
ARGUMENTS = {"dict_int_keys": {2: 0, 0: 1, 1: 2}, "set": {2, 0}, "list": [2, 0, 1],
             "tuple": (1, 1, 0), "int_array": np.array([2, 1]), "range": range(3),
             "dict_keys": {1: "a", 2: "b"}.keys()}


def pairs_of_itertools(x):
    out = 0.0
    for i, j in itertools.combinations(range(3), 2):
        out += (x[i] - x[j]) ** 2 * (i + 1)
    for a, b in itertools.product(range(2), range(3)):
        out += x[a] * np.sin(x[b])
    return out


def ndindex_cells(x):
    A = np.outer(x, x[::-1])
    s = 0.0
    for i, j in np.ndindex(A.shape):
        s += A[i, j] * (i - j + 0.5)
    return s


def _index_pairs(n):
    for i in range(n):
        yield i, (i + 1) % n


def generated_pairs(x):
    out = 0.0
    for i, j in _index_pairs(3):
        out += x[i] * x[j] ** 2
    return out


ITERATORS = [pairs_of_itertools, ndindex_cells, generated_pairs]


def _positions(keys, x):  # (a small helper: inlined, its loop over what the call gives it)
    out = 0.0
    for position, k in enumerate(keys):
        out += x[k] * (position + 1.0) + np.sin(x[k]) * position
    return out


def helper_over_module_dict(x):
    return _positions(INT_KEYS, x) + np.sum(x ** 2)


def helper_over_argument(x, keys):
    return _positions(keys, x) * 2.0 + _positions(keys=INT_KEYS, x=x)
