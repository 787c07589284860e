"""Starred assignment targets whose starred name nothing reads (``w, *_ = np.linalg.lstsq(...)``,
``a, *_, b = parts``): the other names are bound by index from either end, in every mode, against
finite differences (``check_grads`` at first and second order).  A starred name that is read is
refused at it, with a hint."""

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError


def lstsq_residual(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.sum((X @ w - y) ** 2) + np.sum(w ** 2)


def first_and_last(x):
    a, *_, b = np.split(x, 4)
    return np.sum(a * b) + np.sum(np.sin(a))


def last_two(x):
    *_, a, b = (x, x * 2.0, np.cos(x))
    return np.sum(a * b)


def in_a_loop(X):
    total = 0.0
    for row in X:
        first, *_ = row
        total = total + first ** 3
    return total


RNG = np.random.default_rng(12)
ROWS = [
    (lstsq_residual, (RNG.standard_normal((5, 2)), RNG.standard_normal(5)), (0, 1)),
    (first_and_last, (RNG.standard_normal(8),), 0),
    (last_two, (RNG.standard_normal(3),), 0),
    (in_a_loop, (RNG.standard_normal((3, 2)),), 0),
]


@pytest.mark.parametrize("fn, args, wrt", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_an_unread_starred_name_is_dropped(fn, args, wrt):
    assert tangentish.check_grads(fn, args, wrt=wrt, order=2, seed=2).ok
    value, _ = tangentish.value_and_grad(fn, wrt=wrt)(*args)
    assert value == fn(*args)


def svd_rest(A):
    u, *rest = np.linalg.svd(A, full_matrices=False)
    return np.sum(u[:, 0] ** 2 * rest[0][0])


def test_a_starred_name_that_is_read_is_refused_at_it():
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(svd_rest)(np.eye(2) + 0.5)
    text = str(info.value)
    assert "`*rest`" in text and "test_unpacking.py" in text and "hint:" in text
