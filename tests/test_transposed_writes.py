"""Writes through a row of the transpose of a local matrix (``B.T[j] = v``, ``B.T[j] op= v``,
``B.T[j].sort()``: tangentish/passes/transposed_writes.py), spelled on the matrix: every mode,
hessian and hvp against central differences; what is not proven stays refused."""

from __future__ import annotations

import numpy as np
import pytest
from test_list_views import check_every_mode, check_second_order
from test_view_writes import X

import tangentish
from tangentish.errors import UnsupportedConstructError


def column_set(x):
    B = x.reshape(3, 4) * 1.0
    B.T[0] = x[5] ** 2
    B.T[-1] = np.sin(x[:3])
    return np.sum(B ** 2) + np.sum(B[:, 1] * x[4:7])


def column_scaled_in_a_loop(x):
    B = np.outer(x[:4], x[4:8])
    for j in range(4):
        B.T[j] *= np.tanh(x[j + 8])
    return np.sum(np.cos(B))


def element_set(x):
    B = x.reshape(4, 3) * 2.0
    B.T[1, 2] = x[0] * x[1]
    return np.sum(B ** 3)


def column_sorted(x):
    B = x.reshape(6, 2) * 1.0
    B.T[1].sort()
    return np.sum(B * np.arange(12.0).reshape(6, 2))


WORKS = [column_set, column_scaled_in_a_loop, element_set, column_sorted]


def element_of_a_cube(x):  # (a row of a cube's transpose, `C.T[0] = v`: refusals10_zoo.py)
    C = x.reshape(2, 3, 2) * 1.0
    C.T[0, 1] = 1.0
    return np.sum(C ** 2)


def slice_of_the_transpose(x):
    B = x.reshape(3, 4) * 1.0
    B.T[1:3] = 0.5
    return np.sum(B ** 2)


REFUSED = [element_of_a_cube, slice_of_the_transpose]


@pytest.mark.parametrize("f", WORKS, ids=lambda f: f.__name__)
def test_writes_through_a_transpose_are_made_on_the_matrix(f):
    check_every_mode(f)


@pytest.mark.parametrize("f", WORKS, ids=lambda f: f.__name__)
def test_second_order_through_a_transpose(f):
    check_second_order(f)


@pytest.mark.parametrize("f", REFUSED, ids=lambda f: f.__name__)
def test_what_is_not_a_column_stays_refused(f):
    with pytest.raises(UnsupportedConstructError, match="nested element"):
        tangentish.grad(f)(X.copy())
