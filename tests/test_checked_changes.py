"""An in-place change the derivative lowers as a rebinding (``rows[0] *= v`` of a list item is
``rows_item = rows[0]``, ``rows[0] = rows_item * v``) is guarded by a run-time check that no name
read afterwards shares the item's memory (``_rt.check_unshared``).  The pass that takes taped
values as copies (passes/taped_views.py) used to copy the item itself, which hid the sharing from
the check: ``rows = list(Z); rows[-3] *= t`` then ``np.mean(Z)`` returned a value and gradient as
if ``Z`` were unchanged, silently (fuzz seed 5004, program 91).  A name a check reads is never
taken as a copy now.  Each row here is either refused in a mode, or right there: the value is
``f``'s and the derivative agrees with central differences; the rows that share nothing must be
computed in every mode, to second order."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.3, -1.2, 0.7, 0.5])
C = np.array([[0.5, -0.2], [0.1, 0.4], [0.3, 0.6]])


def rows_of_a_local_matrix(x):
    z = np.outer(x[:3], x[1:3])
    rows = list(z)
    rows[-3] *= np.tanh(x[0])
    first = rows[0]
    return x[1] + np.mean(z) + np.sum(first)


def rows_listed_by_hand(x):
    z = np.outer(x, x)
    rows = [z[0], z[1]]
    rows[0] += x
    return np.sum(z * z)


def rows_changed_in_a_loop(x):
    z = np.outer(x, x) * 1.0
    rows = list(z)
    for i in range(2):
        rows[i] *= x[i]
    return np.sum(z * np.arange(16.0).reshape(4, 4))


def rows_read_through_another_name(x):
    z = np.outer(x, x)
    w = z
    rows = list(z)
    rows[1] -= x
    return np.sum(w ** 2)


def row_scaled_then_matrix_summed(x):
    z = np.outer(x, x) + 1.0
    rows = [z[1], z[2]]
    rows[0] *= np.sin(x)
    return np.sum(z * z)


def row_divided(x):
    z = np.outer(x, np.cos(x))
    rows = list(z)
    rows[2] /= 2.0 + x
    return np.sum(z) * x[0]


def row_squared(x):
    z = np.outer(x, x)
    rows = list(z)
    rows[1] **= 2
    return np.sum(np.tanh(z))


def planes_of_a_cube(x):
    t = np.multiply.outer(np.outer(x[:2], x), x[1:3])
    planes = list(t)
    planes[1] *= x[0]
    return np.sum(t * t)


def another_row_read_after(x):
    z = np.outer(x[:3], x[1:3])
    rows = list(z)
    rows[1] *= np.tanh(x[0])
    other = rows[0]
    return np.mean(z) + np.sum(other)


def rows_changed_in_a_loop_then_one_read(x):
    z = np.outer(x, x) * 1.0
    rows = list(z)
    for i in range(3):
        rows[i] *= np.cos(x[i])
    last = rows[3]
    return np.sum(z) + np.sum(last * last)


def rows_of_a_module_matrix(x):
    rows = list(C)
    rows[0] *= x[0]
    return np.sum(rows[0]) + np.sum(C)


SHARING = [rows_of_a_local_matrix, rows_listed_by_hand, rows_changed_in_a_loop,
           rows_read_through_another_name, row_scaled_then_matrix_summed, row_divided, row_squared,
           planes_of_a_cube, another_row_read_after, rows_changed_in_a_loop_then_one_read,
           rows_of_a_module_matrix]


def fresh_items(x):
    rows = [x[:2] * 2.0, np.sin(x[2:])]
    rows[0] *= x[3]
    return np.sum(rows[0] * rows[1])


def rows_of_a_matrix_read_no_more(x):
    rows = list(np.outer(x, x))
    rows[1] *= x[0]
    return np.sum(rows[1]) + np.sum(rows[2] ** 2)


FRESH = [fresh_items, rows_of_a_matrix_read_no_more]
MODES = ("grad", "value_and_grad", "vjp", "jvp")


def _value_and_derivative(f, mode: str, x: np.ndarray):
    if mode == "grad":
        return None, tangentish.grad(f)(x)
    if mode == "value_and_grad":
        return tangentish.value_and_grad(f)(x)
    if mode == "vjp":
        value, pullback = tangentish.vjp(f)(x)
        return value, pullback(1.0)
    return tangentish.jvp(f)(x, x_dot=np.ones_like(x))


def _central(f, x: np.ndarray, step: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = step
        grad[k] = (f(x + e) - f(x - e)) / (2 * step)
    return grad


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("f", SHARING, ids=lambda f: f.__name__)
def test_a_shared_item_is_refused_or_right(f, mode):
    before = C.copy()
    try:
        value, derivative = _value_and_derivative(f, mode, X.copy())
    except UnsupportedConstructError as error:
        assert "shares its memory" in str(error) or "module-level value" in str(error)
        np.testing.assert_array_equal(C, before)
        return
    np.testing.assert_array_equal(C, before)
    if value is not None:
        np.testing.assert_allclose(value, f(X.copy()), rtol=1e-12)
    expected = _central(lambda v: f(v.copy()), X)
    if mode == "jvp":
        expected = expected.sum()
    np.testing.assert_allclose(derivative, expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("f", FRESH, ids=lambda f: f.__name__)
def test_items_sharing_nothing_are_differentiated(f):
    assert_both_orders(f, X.copy())


def row_of_a_list_argument(x, rows):
    row = rows[0]
    row *= x
    return np.sum(rows[0] * x) + np.sum(row ** 3)


@pytest.mark.parametrize("mode", ("value_and_grad", "vjp", "hessian"))
def test_an_item_of_a_list_argument_changed_in_place_is_refused_or_right(mode):
    """``rows`` is the caller's list of arrays (copied on entry, items too); ``row *= x`` changes
    its first item, which ``rows[0]`` then reads: the check of the change read the copy taken for
    the tape and let it pass, and ``value_and_grad`` returned 5.12 where ``f`` gives 1.75."""
    rows = [X[:3] * 1.0, X[:3] * 2.0]
    x, before = X[:3].copy(), [r.copy() for r in rows]
    try:
        if mode == "hessian":
            result = (None, tangentish.hessian(row_of_a_list_argument)(x, rows))
        elif mode == "vjp":
            value, pullback = tangentish.vjp(row_of_a_list_argument)(x, rows)
            result = (value, pullback(1.0))
        else:
            result = tangentish.value_and_grad(row_of_a_list_argument)(x, rows)
    except UnsupportedConstructError as error:
        assert "shares its memory" in str(error)
        result = None
    for row, old in zip(rows, before, strict=True):
        np.testing.assert_array_equal(row, old)
    if result is None:
        return
    value, derivative = result
    if value is not None:
        np.testing.assert_allclose(value, row_of_a_list_argument(x.copy(), [r.copy() for r in rows]))
    gradient = _central(lambda v: row_of_a_list_argument(v, [r.copy() for r in rows]), x)
    if mode == "hessian":
        grad = tangentish.grad(row_of_a_list_argument)
        gradient = np.stack([_central(lambda v, k=k: grad(v, [r.copy() for r in rows])[k], x)
                             for k in range(x.size)])
    np.testing.assert_allclose(derivative, gradient, rtol=1e-5, atol=1e-6)


def row_of_a_caller_list_read_through_another_name(x, rows):
    a = rows[0]
    rows[0] *= x[0]
    return np.sum(a * x)


def row_of_a_caller_list_replaced(x, rows):
    a = rows[0]
    rows[0] = x * 2.0
    return np.sum(a * x) + np.sum(rows[0])


@pytest.mark.parametrize("mode", ("value_and_grad", "vjp", "jvp"))
def test_an_item_of_a_caller_list_changed_in_place_under_another_name(mode):
    """``rows`` is the caller's list: ``rows[0] *= v`` changes its first array in place, which
    ``a`` holds; it was taken as ``rows[0] = rows[0] * v`` (no run-time check looked into a
    list), and value_and_grad returned 2.0 where ``f`` gives 0.6.  Replacing the item
    (``rows[0] = ...``) leaves ``a`` as it was, and is computed."""
    rows = [np.array([1.0, 2.0, 3.0, 4.0]), np.full(4, 0.5)]
    with pytest.raises(UnsupportedConstructError, match="shares its memory"):
        _value_and_derivative_of(row_of_a_caller_list_read_through_another_name, mode, rows)
    value, derivative = _value_and_derivative_of(row_of_a_caller_list_replaced, mode, rows)
    np.testing.assert_allclose(value, row_of_a_caller_list_replaced(X.copy(), _copied(rows)))
    expected = _central(lambda v: row_of_a_caller_list_replaced(v, _copied(rows)), X)
    np.testing.assert_allclose(derivative, expected.sum() if mode == "jvp" else expected,
                               rtol=1e-6, atol=1e-8)


def _copied(rows: list) -> list:
    return [r.copy() for r in rows]


def _value_and_derivative_of(f, mode: str, rows: list):
    if mode == "jvp":
        return tangentish.jvp(f)(X.copy(), _copied(rows), x_dot=np.ones_like(X))
    if mode == "vjp":
        value, pullback = tangentish.vjp(f)(X.copy(), _copied(rows))
        return value, pullback(1.0)[0] if isinstance(pullback(1.0), tuple) else pullback(1.0)
    return tangentish.value_and_grad(f)(X.copy(), _copied(rows))
