"""A list joined into one array (``np.column_stack(parts)``, ``np.stack``, ``np.vstack``,
``np.hstack``, ``np.concatenate``, ``np.array``), or an array copied by ``np.array`` /
``np.asarray`` (whose adjoint is ``_rt.recast``), whose reader reads only some of the joined
elements: the adjoint is zero at the others, and an item whose derivative there is infinite
(``np.sqrt`` at 0) must contribute 0, not ``0 * inf``.  Where the join's mask was cut back into
the items as one bool (``np.any`` of it), every element of every item counted as read and the
gradient was NaN (fuzz seed 5354 program 71).  Each function is checked in ``grad``,
``value_and_grad``, ``vjp`` and ``jvp`` against central differences, and ``hvp`` against central
differences of the gradient, at a point where an unread element is ``np.sqrt(0)``, with the list
built by appends in a loop and as a display."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode, assert_reverse_modes

import tangentish


def _parts(x):
    parts = []
    for k in range(3):
        parts.append(np.sqrt(x * x + k))  # (item 0: sqrt(0) at x[0] = 0)
    return parts


def column_stack_columns(x):
    return np.sum(np.column_stack(_parts(x))[:, 1:] ** 2)


def column_stack_row(x):
    return np.sum(np.column_stack(_parts(x))[1:, :])


def stack_items(x):
    return np.sum(np.stack(_parts(x))[1:])


def stack_axis1(x):
    return np.sum(np.stack(_parts(x), axis=1)[2, :] * np.array([1.0, 2.0, 3.0]))


def vstack_rows(x):
    return np.max(np.vstack(_parts(x))[1:])


def hstack_tail(x):
    return np.sum(np.hstack(_parts(x))[3:])


def concatenate_head(x):
    return np.prod(np.concatenate(_parts(x))[1:4])


def array_of_items(x):
    return np.sum(np.array(_parts(x))[2] * x)


def display(x):
    joined = np.column_stack([np.sqrt(x * x), np.sqrt(x * x + 1.0), np.cos(x)])
    return np.max(joined[:, 1])


def taken(v):  # (the fuzz program, shrunk)
    parts = []
    for _ in v:
        parts.append(np.take_along_axis(np.sqrt(np.concatenate((v * v, v))),
                                        np.arange(1, -1, -1), axis=0))
    return np.max(np.column_stack(parts)[:, 1])


def array_copy(x):  # (fuzz seed 5565 program 42: np.array of an array, then an index)
    return np.array(np.sqrt(x * x))[1] * 2.0


def array_copy_ndmin(x):
    return np.sum(np.array(np.sqrt(x * x), ndmin=2)[0, 1:])


def asarray_float(x):
    return np.asarray(np.sqrt(x * x), dtype=float)[2] + np.ascontiguousarray(np.sqrt(x * x))[1]


CASES = [array_copy, array_copy_ndmin, asarray_float, column_stack_columns, column_stack_row,
         stack_items, stack_axis1, vstack_rows, hstack_tail, concatenate_head, array_of_items,
         display]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_unread_elements_of_a_joined_list_give_no_nan(f):
    x, u = np.array([0.0, 0.7, -0.4]), np.array([1.0, -0.5, 0.3])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_every_mode(f, x, u)
        g, step = tangentish.grad(f), 1e-6
        expected = (g(x + step * u) - g(x - step * u)) / (2 * step)
        np.testing.assert_allclose(tangentish.hvp(f)(x, u), expected, rtol=1e-5, atol=1e-7)
    assert np.all(np.isfinite(expected))


def test_the_fuzz_program():
    with np.errstate(invalid="ignore"):
        assert_reverse_modes(taken, np.array([0.0, -0.2855141379878372]))


def sliced_join(v):  # (fuzz seed 5507 program 20, shrunk: vjp of grad was NaN)
    b = np.sqrt(np.concatenate((np.bincount([1, 1, 2, 2]), v)))[:4]
    return (v * b)[0]


@pytest.mark.parametrize("f, x", [
    (sliced_join, [0.41, -1.06, -1.05, -1.23]),
    (concatenate_head, [0.0, 0.7, -0.4]),
    (hstack_tail, [0.0, 0.7, -0.4]),
], ids=["sliced_join", "concatenate_head", "hstack_tail"])
def test_vjp_of_the_gradient_through_a_join_read_in_part(f, x):
    """The pullback of a gradient through a join: its adjoint's mask (the pieces' masks joined
    again, ``_rt.rejoin``) was ``np.any`` of them, and a zero cotangent met ``sqrt``'s infinite
    slope at an element the join's reader never reads."""
    x = np.array(x)
    g, step = tangentish.grad(f), 1e-6
    with np.errstate(divide="ignore", invalid="ignore"):
        columns = [(g(x + step * e) - g(x - step * e)) / (2 * step) for e in np.eye(x.size)]
        _, pullback = tangentish.vjp(g)(x)
        for u in (np.ones(x.size), np.linspace(1.0, -0.5, x.size)):
            np.testing.assert_allclose(pullback(u), np.array(columns) @ u, rtol=1e-5, atol=1e-6)
