"""Programs whose constructs refusals13 lifted (``test_refusals13.py``): ``np.emath.power`` and
``np.emath.logn`` (refused for want of a rule; complex where a real base or argument is negative,
now rules of their own in ``rules/complex_scimath.py``), ``np.multiply.at`` into a temporary
(refused; now a product along a new last axis, ``np.prod``'s derivative), ``np.unique`` where no
value repeats (refused as a set operation; now a permutation, ``return_index``, ``return_inverse``
and ``return_counts`` as well), ``del xs[i]`` of a list the function builds (refused as a ``del``
of an element; now ``xs.pop(i)``), ``np.add.at`` into a parameter held constant (refused for want
of a rule; now lowered into the derivative's private copy), and the constructs left refused, each
with a hint."""

import numpy as np

# --- np.emath's functions of two arguments (complex for a negative real base or argument) ---


def emath_power(x):  # (x of 4 with negative entries: the value complex there)
    w = np.emath.power(x, 1.5) + np.emath.power(x * x + 0.5, x)
    return np.sum(np.real(w) * np.arange(1.0, 5.0)) + np.sum(np.imag(w) ** 2)


def emath_logn(x):  # (base and argument both followed, the argument negative at some entries)
    w = np.emath.logn(3.0, x) + np.emath.logn(x * x + 2.0, np.abs(x) + 1.0)
    return np.sum(np.abs(w) ** 2) + np.sum(np.real(w))


# --- np.multiply.at into a temporary built in the function (repeated indices, a zero) ---


def multiply_at(x):  # (x of 4: index 0 gets three factors, one of them constant)
    a = np.ones(3) * x[0] + np.arange(3.0)
    np.multiply.at(a, np.array([0, 2, 0, 0]), np.array([x[1], x[2], x[1] * 0.0 + 2.0, x[3]]))
    np.multiply.at(a, np.s_[1:], x[1])  # (a slice, the value broadcast over it; a tuple
    return np.sum(a ** 2)  # index: the rule table's ga_add_at)


def add_at_a_constant(x, t):  # (t not under wrt: written in the derivative's private copy)
    np.add.at(t, np.array([0, 0, 2]), x[:3] * x[3])
    np.multiply.at(t, np.array([1, 1]), x[1:3])
    return np.sum(t * t * x[0])


# --- np.unique where no value repeats (the values are a permutation of the input's) ---


def unique_values(x):  # (x of 5, distinct: so are 2x, sin(x) and x ** 2 + x at this point)
    u = np.unique(x * 2.0)
    v, counts = np.unique(np.sin(x), return_counts=True)
    w, first, inverse = np.unique(x ** 2 + x, return_index=True, return_inverse=True)
    return np.sum(u * np.arange(5.0)) + np.sum(v ** 2 * counts) + np.sum(w[inverse] * x) + \
        np.sum(first * w)


# --- del of an item of a list built in the function (written as .pop; a dict's was lifted) ---


def del_items(x):  # (x of 4)
    ys = [x[0], x[1] * 2.0, np.sin(x[2]), x[3] ** 2, x[0] * x[1], x[2] * 0.5, np.exp(x[3])]
    del ys[1]
    for _ in range(2):
        del ys[-1]
    del ys[0], ys[0]  # (two targets: one after the other)
    if x[3] > 0.0:  # (taken at this point: x[3] of 0.80)
        del ys[0]
    return ys[0] * len(ys)


# --- left refused (with a hint that works) ---


def del_a_slice(x):
    ys = [x[0], x[1], x[2]]
    del ys[0:2]
    return ys[0]


def del_of_an_array_item(x):  # (NumPy arrays cannot delete items: np.delete)
    a = x * 2.0
    del a[0]
    return np.sum(a)


def unique_of_a_tie(x):  # (x[0] twice: moving one copy apart adds a value to the result)
    return np.sum(np.unique(np.concatenate([x, x[:1]])) ** 2)
