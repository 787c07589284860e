"""``xs.sort()``, ``xs.reverse()``, ``xs.insert(i, v)`` and ``xs.pop(i)`` on a list the function
made, in straight-line code and in loops (passes/list_methods.py): each was a ``MissingRuleError``,
and ``xs.sort()`` on a list a loop carries was lowered as an array's sort (a raw ``TypeError``).
Now each is the list it leaves, bound again, against finite differences in every first-order
mode; where another name holds the same list the change is refused naming both."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError

X = np.array([0.3, -1.2, 0.7, 2.1, -0.4])


def sorted_in_place(x):
    xs = [x[0] * x[1], x[2], np.sin(x[3])]
    xs.sort()
    return xs[0] * 2.0 + xs[1] * xs[2]


def sorted_descending(x):
    xs = [x[i] ** 3 - x[i] for i in range(5)]  # (distinct: no tie for the sort)
    xs.sort(reverse=True)
    return xs[0] + 3.0 * xs[-1] * xs[1]


def reversed_in_place(x):
    xs = list(x[:3] * 2.0)
    xs.reverse()
    return xs[0] * 3.0 + xs[2]


def inserted_everywhere(x):
    xs = [x[0], x[1]]
    xs.insert(0, x[2] ** 2)
    xs.insert(-1, x[3])
    xs.insert(10, x[4] * x[0])
    xs.insert(-10, 0.5)
    return sum(v * (k + 1.0) for k, v in enumerate(xs))


def popped_by_index(x):
    xs = list(x * 1.5)
    first = xs.pop(0)
    last = xs.pop(-1)
    xs.pop(1)
    return first * last + xs[0] * 2.0 + xs[-1]


def sliding_window(x):
    window = [x[0]]
    for i in range(1, 5):
        window.append(x[i] * window[-1])
        if len(window) > 2:
            window.pop(0)
    return window[0] + 2.0 * window[-1]


def grown_at_the_front_then_sorted(x):
    xs = [x[0], x[1]]
    for i in range(2, 5):
        xs.insert(0, x[i] * xs[-1])
        xs.sort()
    xs.reverse()
    return xs[0] * 2.0 + xs[-1] * xs[1]


def arrays_and_numbers(x):
    xs = [x[0] * 1.0, x[1:3] * 1.0, x[3:] * 2.0]
    tail = xs.pop(-1)
    xs.insert(1, tail * x[0])
    return np.sum(xs[1] ** 2) + xs[0] + np.sum(xs[2] * tail)


def a_list_then_an_array_of_the_same_name(x):
    # (the second loop's `xs` is an array: its .sort() is an array's, not the first loop's list's)
    xs = [x[0], x[1]]
    for i in range(2):
        xs.append(x[i + 2] * xs[-1])
        xs.pop(0)
    xs = np.outer(np.array(xs), x[:3])
    for i in range(2):
        xs.sort()
        xs = xs * 2.0 + x[i]
    return np.sum(xs * np.arange(6.0).reshape(2, 3))


def sorted_then_grown(x):
    # (sorted's tangent was an array: jvp raised a raw AttributeError at `.append`)
    xs = [x[0] * 1.0, x[1] * 2.0, x[4] * x[3]]
    xs.sort()
    xs.append(x[2])
    xs.insert(1, x[0] * x[3])
    return xs[0] * xs[-1] + xs[1] * xs[2]


LIFTED = [a_list_then_an_array_of_the_same_name, sorted_in_place, sorted_descending,
          reversed_in_place, inserted_everywhere, popped_by_index, sliding_window,
          grown_at_the_front_then_sorted, arrays_and_numbers, sorted_then_grown]


@pytest.mark.parametrize("fn", LIFTED, ids=lambda f: f.__name__)
def test_a_list_method_is_the_list_it_leaves(fn):
    x = X.copy()
    assert_every_mode(fn, x, np.array([0.5, -1.0, 0.25, 2.0, 1.5]))
    assert np.array_equal(x, X)


def sorted_under_another_name(x):
    xs = [x[0], x[1], x[2]]
    other = xs
    xs.sort()
    return other[0] * 2.0 + xs[1]


def reversed_inside_another_list(x):
    xs = [x[0], x[1], x[2]]
    nest = [xs, [x[3]]]
    xs.reverse()
    return nest[0][0] * 2.0


@pytest.mark.parametrize("fn", [sorted_under_another_name, reversed_inside_another_list],
                         ids=lambda f: f.__name__)
def test_a_list_another_name_holds_is_refused(fn):
    with pytest.raises(UnsupportedConstructError, match="'xs' is changed in place"):
        tangentish.grad(fn)(X.copy())


def popped_in_a_conditional_expression(x):
    window = [x[0], x[1]]
    for i in range(2, 5):
        window.append(x[i])
        dropped = window.pop(0) if i > 2 else 0.0
    return sum(window) + dropped


def test_a_pop_in_one_branch_of_an_expression_is_refused():
    with pytest.raises((UnsupportedConstructError, MissingRuleError), match=r"pop"):
        tangentish.grad(popped_in_a_conditional_expression)(X.copy())


def test_an_empty_slice_of_a_list_of_arrays_has_a_zero_adjoint():
    # (its adjoint met an empty cotangent it tried to shape like the items: a raw ValueError)
    def rows(x):
        q = [x[0] * 1.0, x[1:3] * 1.0]
        r = q[:1] + q[1:][1:]
        return r[0] + np.sum(q[1] ** 2)

    assert_every_mode(rows, X.copy(), np.array([0.5, -1.0, 0.25, 2.0, 1.5]))


def test_a_sort_where_sorted_is_shadowed_is_not_lowered_to_it(tmp_path):
    # (xs.sort() is written sorted(xs): a module's own `sorted` must not be what it calls)
    from helpers import module_from_text

    module = module_from_text(tmp_path, "shadowing_sorted", """
import numpy as np

def sorted(v, reverse=False):
    return v

def f(x):
    xs = [x[1], x[0]]
    xs.sort()
    return xs[0] * 2.0 + xs[1]
""")
    with pytest.raises(MissingRuleError, match=r"\.sort\(\)"):
        tangentish.grad(module.f)(np.array([0.3, -1.2]))
