"""A method changing its receiver, called on a part of a local value (``y[1:4].sort()``,
``y[0].fill(v)``, ``rows[i].append(v)``): the part is a view of the array (or the list's item),
so the call changes the variable.  It was lowered as a call on a temporary, which no name the
derivative follows shared, and the gradient missed the change, silently (``y[::-1].fill(2.0)``
gave ``x + 2`` instead of 2; ``rows[i % 2].append(v)`` gave zeros).  Now the sort and fill of a
basic index of a local array are written back as an element assignment, and every other such
call is refused naming it (passes/receiver_writes.py)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.3, -1.2, 0.7, 2.1, -0.4])
WEIGHTS = np.arange(25.0).reshape(5, 5)


def reversed_view_sorted(x):
    y = x * 1.0
    y[::-1].sort()
    return np.sum(y * np.arange(5.0))


def reversed_view_filled(x):
    y = x * 1.0
    y[::-1].fill(2.0)
    return np.sum(y * x)


def middle_sorted(x):
    y = x ** 2 - x
    y[1:4].sort()
    return np.sum(y * np.arange(5.0))


def row_filled(x):
    y = np.outer(x, x)
    y[0].fill(1.0)
    return np.sum(y * y)


def row_sorted(x):
    y = np.outer(x, x)
    y[1].sort()
    return np.sum(y * WEIGHTS)


def row_sorted_by_keyword(x):
    y = np.outer(x, np.sin(x))
    y[1:3, :].sort(axis=0, kind="stable")
    return np.sum(y * WEIGHTS)


def column_filled_with_a_value(x):
    y = np.outer(x, x) + 1.0
    y[:, -2].fill(x[0] * 3.0)
    return np.sum(y * WEIGHTS)


def sorted_in_a_loop(x):
    y = np.outer(x, x)
    for _ in range(2):
        y[-1].sort()
        y = y.T * 1.0
    return np.sum(np.tanh(y) * WEIGHTS)


def rows_sorted_by_a_loops_index(x):
    y = np.outer(x, np.cos(x))
    for i in range(0, 5, 2):
        y[i].sort()
        y[:, i].fill(y[i, 0] * 0.5)
    return np.sum(np.tanh(y) * WEIGHTS)


def an_element_filled_changes_nothing(x):
    # (`y[0]` of a 1-d array and `z[1, 2]` of a 2-d one are NumPy scalars, copies: Python's
    # .fill() changes nothing there, while `z[0]` is a row, a view)
    y = x * 1.0
    y[0].fill(5.0)
    z = np.outer(x, x)
    z[0].fill(2.0)
    z[1, 2].fill(7.0)
    return np.sum(y * x) + np.sum(z * z)


def transposed_row_sorted(x):
    y = np.outer(x, x)
    y.T[0].sort()
    return np.sum(y * WEIGHTS)


WRITTEN_BACK = [an_element_filled_changes_nothing, rows_sorted_by_a_loops_index,
                reversed_view_sorted, reversed_view_filled, middle_sorted, row_filled, row_sorted,
                row_sorted_by_keyword, column_filled_with_a_value, sorted_in_a_loop,
                transposed_row_sorted]  # (y.T[0] is y[:, 0]: passes/transposed_writes.py)


@pytest.mark.parametrize("fn", WRITTEN_BACK, ids=lambda f: f.__name__)
def test_a_sort_or_fill_of_a_view_is_written_back_and_differentiated(fn):
    x = X.copy()
    assert_every_mode(fn, x, np.array([0.5, -1.0, 0.25, 2.0, 1.5]))
    assert np.array_equal(x, X)


def list_of_lists_appended(x):
    rows = [[], []]
    for i in range(5):
        rows[i % 2].append(x[i] * x[i])
    return sum(rows[0]) + 2 * sum(rows[1])


def list_item_sorted(x):
    ys = [x * 1.0, x * 2.0]
    ys[0].sort()
    return np.sum(ys[0] * np.arange(5.0)) + np.sum(ys[1])


def reshaped_column_filled(x):
    y = x * 1.0
    y.reshape(5, 1)[:, 0].fill(3.0)
    return np.sum(y * x)


def fancy_index_sorted(x):  # (a copy: the original changes nothing; refused, not guessed)
    y = x * 1.0
    y[[0, 2, 4]].sort()
    return np.sum(y * np.arange(5.0))


def slice_partitioned(x):
    y = x * 1.0
    y[1:4].partition(1)
    return np.sum(y * np.arange(5.0))


def nested_slice_sorted(x):
    y = x * 1.0
    y[1:4][::-1].sort()
    return np.sum(y * np.arange(5.0))


def row_by_a_name_sorted(x):  # (`k` might be an index array, whose part is a copy)
    y = np.outer(x, x)
    for i in range(0, 5, 2):
        k = i if i < 5 else [i, 0]
        y[k].sort()
    return np.sum(np.tanh(y) * WEIGHTS)


def parameter_part_sorted(x):
    x[1:4].sort()
    return np.sum(x * np.arange(5.0))


REFUSED = [list_of_lists_appended, list_item_sorted, reshaped_column_filled, fancy_index_sorted,
           slice_partitioned, nested_slice_sorted, row_by_a_name_sorted, parameter_part_sorted]


@pytest.mark.parametrize("fn", REFUSED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("transform", ["grad", "jvp"])
def test_any_other_change_through_a_part_is_refused_naming_it(fn, transform):
    x = X.copy()
    with pytest.raises(UnsupportedConstructError, match=r"`\.\w+\(\)` called on `.+`, a part of "
                       r"'(y|x|rows|ys)'") as caught:
        getattr(tangentish, transform)(fn)(x, **({"x_dot": X} if transform == "jvp" else {}))
    assert "test_receiver_writes.py" in str(caught.value)
    assert np.array_equal(x, X)


class Logger:
    def __init__(self):
        self.history = []

    def loss(self, x):
        value = np.sum(np.sin(x) * x)
        self.history.append(value)
        return 2.0 * value


def test_a_part_of_an_objects_state_is_changed_as_the_original_does():
    logger = Logger()
    gradient = tangentish.grad(logger.loss)(X)
    np.testing.assert_allclose(gradient, numeric_grad(Logger().loss, (X,), 0), rtol=1e-6,
                               atol=1e-7)
    assert len(logger.history) == 1


def appended_in_a_comprehension(x):
    out = []
    [out.append(v * v) for v in x]
    return sum(out)


def filled_as_a_value(x):
    y = x * 1.0
    ignored = y.fill(2.0)
    return np.sum(y * x) if ignored is None else 0.0


def sorted_in_a_condition(x):
    y = x * 1.0
    if y.sort() is None:
        return np.sum(y * np.arange(5.0))
    return 0.0


@pytest.mark.parametrize("fn", [appended_in_a_comprehension, filled_as_a_value,
                                sorted_in_a_condition], ids=lambda f: f.__name__)
def test_a_change_in_place_used_as_a_value_is_refused(fn):
    # (its change of the receiver was followed by nothing: the gradient through it was lost)
    with pytest.raises(UnsupportedConstructError, match=r"`(out\.append|y\.fill|y\.sort)\(\.\.\.\)`"
                       r" used as a value"):
        tangentish.grad(fn)(X.copy())


def filled_unbound(x):
    y = x * 1.0
    np.ndarray.fill(y, 2.0)
    return np.sum(y * x)


def sorted_unbound(x):
    y = x * 1.0
    np.ndarray.sort(y)
    return np.sum(y * np.arange(5.0))


@pytest.mark.parametrize("fn", [filled_unbound, sorted_unbound], ids=lambda f: f.__name__)
def test_a_method_called_unbound_writes_into_its_receiver(fn):
    # (`np.ndarray.fill(y, v)` was a call whose None nothing read: y's change was lost; then
    # refused; now it is the method call `y.fill(v)`: passes/unbound_methods.py)
    gradient = tangentish.grad(fn)(X.copy())
    np.testing.assert_allclose(gradient, numeric_grad(fn, (X.copy(),), 0), rtol=1e-6, atol=1e-7)


def test_a_list_method_called_unbound_is_a_change_of_the_list():
    def squares(x):
        out = []
        for v in x:
            list.append(out, v * v)
        return sum(out) * x[0]

    gradient = tangentish.grad(squares)(X)
    np.testing.assert_allclose(gradient, numeric_grad(squares, (X,), 0), rtol=1e-6, atol=1e-7)
