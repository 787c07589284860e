"""Starred assignment targets whose starred name nothing reads (``w, *_ = np.linalg.lstsq(...)``,
``a, *_, b = parts``): the other names are bound by index from either end, in every mode, against
finite differences (``check_grads`` at first and second order).  A starred name that is read is
the list Python makes of the middle items (refused, with a hint, where ``list`` or ``len`` is not
the builtin).  Items as targets (``y[0], y[2] = y[2], y[0]``) are stored in order
after every value is computed, as Python does, or refused where NumPy's views would make the
values share memory with the targets."""

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
    return np.sum(u[:, 0] ** 2 * rest[0][0]) + np.sum(rest[1][0] * len(rest))


def middle_of_rows(x):
    first, *middle, last = list(x)
    return first * last + sum(middle) + len(middle)


def tail_in_a_loop(X):
    total = 0.0
    for row in X:
        head, *tail = row
        total = total + head * sum(v ** 2 for v in tail)
    return total


def middle_of_a_tuple(x):
    a, *mid, b = (x, np.sin(x), x * 3.0, np.cos(x))
    return np.sum(a * b * mid[0] + mid[1])


READ_ROWS = [
    (svd_rest, (np.eye(2) + 0.5 + RNG.standard_normal((2, 2)) * 0.1,)),
    (middle_of_rows, (RNG.standard_normal(5),)),
    (tail_in_a_loop, (RNG.standard_normal((3, 4)),)),
    (middle_of_a_tuple, (RNG.standard_normal(3),)),
]


@pytest.mark.parametrize("fn, args", READ_ROWS, ids=[r[0].__name__ for r in READ_ROWS])
def test_a_starred_name_that_is_read_is_the_list_python_makes(fn, args):
    assert tangentish.check_grads(fn, args, order=2, seed=3).ok
    value, _ = tangentish.value_and_grad(fn)(*args)
    assert value == fn(*args)


def shadowed_list(x):
    list = [1.0]  # noqa: A001 - the point: `list` is not the builtin here
    a, *rest = x
    return a * rest[0] * list[0]


def test_a_starred_name_read_where_list_is_shadowed_is_refused_at_it():
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(shadowed_list)(np.array([0.5, 2.0]))
    text = str(info.value)
    assert "`*rest`" in text and "test_unpacking.py" in text and "hint:" in text


# Tuple assignments whose targets are items: each value is lowered once, before any is stored
# (they read as user names when they were lowered again: "name 'y2' is not defined").

def swap_items(x):
    y = x.copy()
    y[0], y[2] = y[2], y[0]
    return np.sum(y * np.arange(1.0, 4.0) * y)


def unpack_into_items(x):
    y = x.copy()
    y[0], y[1] = np.sin(x[:2])
    return np.sum(y * np.arange(1.0, 4.0) * y)


def name_and_item(x):
    y = np.zeros(3)
    a, y[1] = x[1] * 2, x[0]
    (y[0], y[2]), b = (x[2] ** 2, a), x[0]
    return np.sum(y * y) * a * b


def rows_swapped_by_copies(A):
    B = A.copy()
    B[0], B[1] = B[1].copy() * 2.0, B[0].copy()
    return np.sum(B * np.arange(6.0).reshape(2, 3) * B)


def items_in_a_loop(x):
    y = np.zeros(4)
    for i in range(3):
        y[i], y[i + 1] = y[i + 1] + x[i], y[i] * x[i]
    return np.sum(y ** 2)


ITEM_ROWS = [
    (swap_items, (RNG.standard_normal(3),), 2),
    (unpack_into_items, (RNG.standard_normal(3),), 2),
    (name_and_item, (RNG.standard_normal(3),), 2),
    (rows_swapped_by_copies, (RNG.standard_normal((2, 3)),), 2),
    (items_in_a_loop, (RNG.standard_normal(3),), 1),
]


@pytest.mark.parametrize("fn, args, order", ITEM_ROWS, ids=[r[0].__name__ for r in ITEM_ROWS])
def test_items_as_tuple_targets(fn, args, order):
    assert tangentish.check_grads(fn, args, order=order, seed=3).ok
    value, _ = tangentish.value_and_grad(fn)(*args)
    assert value == fn(*args)


def swap_views(A):
    B = A.copy()
    B[0], B[1] = B[1], B[0]  # B[0] is a view: NumPy's result has both rows equal
    return np.sum(B * B)


def test_items_swapped_through_views_are_refused():
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(swap_views)(RNG.standard_normal((2, 3)))
    assert "shares its memory" in str(info.value) and "hint:" in str(info.value)
