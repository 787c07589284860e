"""``np.concatenate(rows)`` right after ``np.stack(rows)`` (passes/stacked_joins.py): the join's
adjoint is ``np.reshape(g, stack.shape)`` instead of ``_rt.unjoin``, the stack proving every row
of one shape; a change of the list between them (an append, an item written), or a stack and
join along another axis, keeps ``_rt.unjoin``.  Each gradient against central differences
(float64 and float32, dtype kept), the hvp of the rewritten rows against central differences of
the gradient."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def matrix_rows(x):  # rows of shape (2, 2): the concatenation (2n, 2), the stack (n, 2, 2)
    rows = []
    for i in range(x.shape[0]):
        rows.append(np.sin(x[i]).reshape(2, 2) * (i + 1.0))
    return np.sum(np.stack(rows) ** 3) + np.sum(np.cos(np.concatenate(rows)))


def appended_between(x):  # the list grows between the stack and the join
    rows = [np.sin(x[0]), np.cos(x[1])]
    s = np.stack(rows)
    rows.append(x[2] * 2.0)
    return np.sum(s * s) + np.sum(np.concatenate(rows) ** 2)


def item_written(x):  # an item of the list is replaced between them
    rows = [np.sin(x[0]), np.cos(x[1])]
    s = np.stack(rows)
    rows[0] = rows[0] * x[2]
    return np.sum(s * x[1]) + np.sum(np.concatenate(rows) ** 2)


def other_axis(x):  # stacked along axis 1: the stack's shape is not the rows' stacked form
    rows = [np.sin(x[0]).reshape(2, 2), np.cos(x[1]).reshape(2, 2)]
    s = np.stack(rows, axis=1)
    return np.sum(s * s) + np.sum(np.concatenate(rows, axis=1) ** 2)


JOINS = [(matrix_rows, True), (appended_between, False), (item_written, False),
         (other_axis, False)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fn, reshaped", JOINS, ids=[c[0].__name__ for c in JOINS])
def test_join_after_stack(fn, reshaped, dtype):
    x = np.random.default_rng(5983).normal(size=(3, 4))
    derivative = tangentish.grad(fn)
    gradient = derivative(x.astype(dtype))
    assert gradient.dtype == dtype
    source = derivative.source
    assert ("_rt.unjoin" not in source and "np.reshape(" in source) is reshaped, source
    tolerance = 1e-6 if dtype is np.float64 else 2e-4
    np.testing.assert_allclose(gradient, numeric_grad(fn, (x,)), rtol=tolerance, atol=tolerance)
    if reshaped and dtype is np.float64:
        v, step = np.linspace(1.0, -0.5, x.size).reshape(x.shape), 1e-5
        expected = (derivative(x + step * v) - derivative(x - step * v)) / (2 * step)
        np.testing.assert_allclose(tangentish.hvp(fn)(x, v), expected, rtol=1e-6, atol=1e-8)
