"""Integer-array indices proven to select no element twice (passes/unique_index.py) and the
gradient of a gather spread into its adjoint (passes/spread.py): in a derivative specialized to
its arguments (every call after the first), ``_rt.unindex(g, x, (np.arange(n), y))`` assigns
instead of accumulating with ``np.add.at``, and the mean's adjoint is put there as a number.
Each row: whether the specialized source says ``unique=True``, and the gradients of three calls
(the generic first, then the specialized) against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def labels(logp, y):
    return -np.mean(logp[np.arange(logp.shape[0]), y])


def labels_first(logp, y):  # the arange second
    return np.sum(np.sin(logp[y, np.arange(logp.shape[1])]))


def one_column(logp):
    n = logp.shape[0]
    return np.sum(logp[np.arange(n), 1] ** 2)


def repeated_rows(logp, rows, y):  # rows may repeat: accumulate
    return np.sum(logp[rows, y] ** 2)


def shifted(logp, y):  # not an arange once changed: its values may repeat
    rows = np.arange(logp.shape[0]) % 2
    return np.sum(logp[rows, y] ** 2)


def bound_twice(logp, y):
    rows = np.arange(logp.shape[0])
    rows = rows * 0
    return np.sum(logp[rows, y] ** 2)


def wrapped(logp, y):  # -2 and 0 (and -1 and 1) are one row of a length-2 axis: accumulate
    rows = np.arange(-2, 2)
    return np.sum(logp[rows, y] ** 2)


def grid(logp, y2):  # y of rank 2: the pairs repeat along its other axis
    rows = np.arange(logp.shape[0])
    return np.sum(logp[rows, y2] ** 2)


def added_to(scores, y):  # scores' adjoint exists when the gather's is added: _rt.add_at
    n = scores.shape[0]
    correct = scores[np.arange(n), y][:, None]
    return np.sum(np.maximum(0.0, scores - correct + 1.0) ** 2)


RNG = np.random.default_rng(3)
LOGP = RNG.normal(size=(4, 3))
CASES = [
    (labels, (LOGP, np.array([2, 0, 0, 1])), True),
    (labels_first, (LOGP, np.array([3, 0, 3])), True),
    (one_column, (LOGP,), True),
    (repeated_rows, (LOGP, np.array([0, 0, 1, 1]), np.array([2, 2, 0, 1])), False),
    (shifted, (LOGP, np.array([1, 1, 1, 1])), False),
    (bound_twice, (LOGP, np.array([0, 1, 2, 0])), False),
    (grid, (LOGP, np.array([[0, 1, 2, 0], [0, 1, 2, 1]])), False),
    (wrapped, (LOGP[:2], np.array([0, 1, 0, 1])), False),
    (added_to, (LOGP, np.array([2, 0, 0, 1])), True),
]


@pytest.mark.parametrize("fn, args, unique", CASES, ids=[c[0].__name__ for c in CASES])
def test_unique_indices_are_assigned_and_others_accumulated(fn, args, unique):
    derivative = tangentish.grad(fn)
    for _ in range(3):
        np.testing.assert_allclose(derivative(*args), numeric_grad(fn, args, 0),
                                   rtol=1e-6, atol=1e-8)
    specialized = derivative.source_for(*args)
    assert ("unique=True" in specialized) == unique, specialized


def test_a_gathers_mean_adjoint_is_put_as_a_number():
    """``-np.mean(logp[rows, y])``: the view of the mean's adjoint spread into the gather's (a
    number assigned at the index), bit for bit the generic derivative's gradient."""
    derivative = tangentish.grad(labels)
    args = CASES[0][1]
    first, second = specialized_calls(derivative, args, 2)
    assert "view=True" not in derivative.source_for(*args)
    assert np.array_equal(first, second)
