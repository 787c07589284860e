"""Loops whose carried array changes shape from one iteration to the next while the adjoint
carries a read mask for it (``p = p[:-1] / u`` on a binomial tree, ``v = np.sqrt(v[1:])``):
the mask made at the end of a reversed iteration must have the shape the name had as that
iteration *started* (its entry copy, ``carried.entry_copies``), not the one it ended with.
Made of the name itself, ``_rt.reads`` raised "array is not broadcastable" in the derivative's
code (idioms19's American put).  Each row shrinks, grows or reshapes the carried value in
another way, read by an index whose mask the loop carries; checked in every mode against
central differences (``idioms15_check``)."""

from __future__ import annotations

import numpy as np
import pytest
from idioms15_check import Case, by_name, check


def shrink_by_slice(s):
    p = (np.arange(5.0) + 1.0) * s
    for _ in range(3):
        p = p[:-1] / s + p[1:]
    return p[0]


def shrink_only_by_slice(s):
    p = (np.arange(5.0) + 1.0) * s
    for _ in range(3):
        p = p[:-1] / s
    return p[-1]


def shrink_from_the_front_alone(x):
    v = np.exp(x)
    for _ in range(2):
        v = v[1:] * x[0]
    return v[0]


def shrink_from_the_front(x):
    v = x
    for _ in range(3):
        v = np.sqrt(v[1:]) * v[0]
    return v[-1]


def shrink_by_step(x):
    v = x
    while v.shape[0] > 1:
        v = np.tanh(v[::2]) + v[0]
    return v[0]


def shrink_by_fancy_index(x):
    v = x * x
    for _ in range(2):
        v = np.exp(v[np.arange(len(v) - 1)]) * 0.5
    return v[1]


def grow_by_append(x):
    v = x
    for k in range(3):
        v = np.append(v, np.sin(v[k]))
    return v[-1] + v[2]


def grow_by_concatenate(x):
    v = x[:2]
    for _ in range(3):
        v = np.concatenate([v, v[-2:] * v[0]])
    return v[-1]


def rows_then_columns(X):
    M = X
    for _ in range(2):
        M = np.tanh(M[1:, 1:] @ M[:-1, :-1].T) * M[0, 0]
    return M[0, 0]


def backward_induction(sigma):
    u = np.exp(sigma)
    values = np.maximum(2.0 - np.array([1.0, 1.5, 2.0, 2.5, 3.0]) * u, 0.0)
    prices = np.array([1.0, 1.5, 2.0, 2.5, 3.0]) * u
    for _ in range(4):
        prices = prices[:-1] / u
        values = np.maximum(0.5 * (values[:-1] + values[1:]), 2.0 - prices)
    return values[0]


X5 = np.array([1.3, 0.4, 2.0, 0.9, 1.7])
CASES = [
    Case("shrink_by_slice", shrink_by_slice, (0.7,)),
    Case("shrink_only_by_slice", shrink_only_by_slice, (0.7,)),
    Case("shrink_from_the_front_alone", shrink_from_the_front_alone, (X5,)),
    Case("shrink_from_the_front", shrink_from_the_front, (X5,)),
    Case("shrink_by_step", shrink_by_step, (np.array([0.3, -0.2, 0.5, 0.1, 0.8, -0.4, 0.6]),)),
    Case("shrink_by_fancy_index", shrink_by_fancy_index, (np.array([0.3, -0.2, 0.5, 0.1]),)),
    Case("grow_by_append", grow_by_append, (np.array([0.3, 1.2]),)),
    Case("grow_by_concatenate", grow_by_concatenate, (np.array([0.6, 1.1, 0.2]),)),
    Case("rows_then_columns", rows_then_columns, (np.arange(25.0).reshape(5, 5) / 25 + 0.1,)),
    Case("backward_induction", backward_induction, (0.2,)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_a_carried_value_of_changing_shape_read_through_a_mask(name):
    check(BY_NAME[name])
