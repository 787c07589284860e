"""An assignment through an integer index array that names a position twice (``y[[0, 0, 1]] = v``,
``y[idx] += v``) keeps one value per position, the last; the adjoint of ``v`` gave every element
its position's adjoint, a silently wrong gradient.  Each form below is checked against finite
differences in reverse and forward mode and at second order."""

from __future__ import annotations

import numpy as np
import pytest
from test_second_order import check

import tangentish

WEIGHTS = np.array([1.0, 2.0, 3.0, 4.0])
IDX = np.array([0, 2, 2, 0])


def set_repeated(x):
    y = np.zeros(4)
    y[[0, 0, 1]] = x[:3] * x[1:]
    return np.sum(y * WEIGHTS)


def add_repeated(x):
    y = np.ones(4)
    y[IDX] += np.sin(x)
    return np.sum(y * WEIGHTS * y)


def rows_and_columns(x):
    m = np.zeros((3, 3))
    m[[0, 0, 2], [1, 1, 0]] = x[:3] ** 2
    return np.sum(m * np.arange(9.0).reshape(3, 3))


def broadcast_value(x):
    y = x.copy()
    y[IDX] = x[3] * 2.0
    return np.sum(y * WEIGHTS * x)


def in_a_loop(x):
    y = np.zeros(4)
    for i in range(2):
        y[[i, i, 3]] = x[i:i + 3] * (i + 1.0)
    return np.sum(y * WEIGHTS)


FUNCTIONS = [set_repeated, add_repeated, rows_and_columns, broadcast_value, in_a_loop]


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda fn: fn.__name__)
def test_repeated_positions_keep_the_last_write(fn):
    x = np.array([0.3, -0.7, 0.5, 0.9])
    tangentish.check_grads(fn, (x,), modes=("rev", "fwd"))


@pytest.mark.parametrize("mode", ["fwd-over-rev", "rev-over-rev"])
@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda fn: fn.__name__)
def test_repeated_positions_at_second_order(fn, mode):
    check(mode, fn, [np.array([0.3, -0.7, 0.5, 0.9])], 0)


def test_a_basic_index_reads_the_adjoint_by_plain_indexing():
    source = tangentish.grad(in_a_loop).source + tangentish.grad(set_repeated).source
    assert "_rt.written(y_bar, _t" in source  # the index arrays
    assert "_rt.written(y_bar, i" not in source
