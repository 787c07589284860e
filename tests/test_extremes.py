"""``max(xs)`` and ``min(xs)`` of one sequence (``passes/extremes.py``): a list variable, a list
built in a loop or by a comprehension, a generator handed to them, a 1-d array.  Each is checked
against finite differences at first and second order in every mode, and its value against
Python's (ties and NaN pick the item Python picks); an empty sequence raises Python's
``ValueError`` in every mode, and only where the call runs."""

import math
import re

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError


def list_variable(x):
    xs = [x[0] * 2.0, np.sin(x[1]), x[2] ** 2]
    return max(xs) * min(xs)


def built_in_a_loop(x):
    xs = []
    for v in x:
        xs.append(np.cos(v) * v)
    return max(xs) - 2.0 * min(xs)


def comprehension_and_generator(x):
    return max([v * v for v in x]) + min(np.exp(v) for v in x)


def of_an_array(x):
    return max(x * 3.0) + min(x) ** 2


def sorted_generator(x):  # (sorted consumes a generator as max does: syntax/generators.py)
    ranked = sorted(np.sin(v) * v for v in x)
    return ranked[0] * ranked[-1] + max(ranked)


def in_a_branch(x, n):
    xs = [x[i] for i in range(n)]
    return max(xs) if xs else 0.5 * np.sum(x)


ROWS = [(list_variable, ()), (built_in_a_loop, ()), (comprehension_and_generator, ()),
        (of_an_array, ()), (sorted_generator, ()), (in_a_branch, (2,)), (in_a_branch, (0,))]


@pytest.mark.parametrize("fn, extra", ROWS, ids=[f"{r[0].__name__}-{r[1]}" for r in ROWS])
def test_max_and_min_of_a_sequence_match_finite_differences(fn, extra):
    x = np.array([0.3, -1.2, 0.7, 1.1])
    args = (x, *extra)
    assert tangentish.check_grads(fn, args, order=2, seed=621).ok
    value, _ = tangentish.value_and_grad(fn)(*args)
    assert value == fn(*args)
    pullback_value, pullback = tangentish.vjp(fn)(*args)
    assert pullback_value == fn(*args)
    np.testing.assert_allclose(pullback(1.0), tangentish.grad(fn)(*args))


def first_of_ties(a, b, c):
    xs = [a * 1.0, b * 1.0, c * 1.0]
    return max(xs) + 10.0 * min(xs)


@pytest.mark.parametrize("point", [(1.0, 2.0, 2.0), (2.0, 2.0, 1.0), (1.0, 1.0, 1.0)])
def test_ties_give_the_derivative_to_the_item_python_returns(point):
    gradient = tangentish.grad(first_of_ties, wrt=(0, 1, 2))(*point)
    high = [a == max(point) for a in point].index(True)
    low = [a == min(point) for a in point].index(True)
    expected = np.zeros(3)
    expected[high] += 1.0
    expected[low] += 10.0
    np.testing.assert_array_equal(np.array(gradient), expected)


def with_nan(x):
    xs = [x[0], x[1], x[2]]
    return max(xs) + min(xs)


@pytest.mark.parametrize("x", [[1.0, math.nan, 3.0], [math.nan, 1.0, 3.0], [2.0, 1.0, math.nan]])
def test_nan_compares_as_python_compares_it(x):
    x = np.array(x)
    value, _ = tangentish.value_and_grad(with_nan)(x)
    np.testing.assert_equal(value, with_nan(x))
    np.testing.assert_equal(tangentish.jvp(with_nan)(x, x_dot=np.ones(3))[0], with_nan(x))


def empty(x, n):
    xs = [x[i] for i in range(n)]
    return max(xs) + min(xs)


def test_an_empty_sequence_raises_pythons_error_in_every_mode():
    x = np.ones(3)
    with pytest.raises(ValueError) as python:  # (its words differ between Python versions)
        empty(x, 0)
    message = re.escape(str(python.value))
    runs = [lambda: tangentish.grad(empty)(x, 0), lambda: tangentish.value_and_grad(empty)(x, 0),
            lambda: tangentish.vjp(empty)(x, 0),
            lambda: tangentish.jvp(empty)(x, 0, x_dot=np.ones(3)),
            lambda: tangentish.hessian(empty)(x, 0)]
    for run in runs:
        with pytest.raises(ValueError, match=message):
            run()


def of_arrays(x):
    return np.sum(max([x, 2.0 * x]))


def with_a_key(x):
    return max([x[0], x[1]], key=abs)


def test_what_python_refuses_or_tangentish_does_not_differentiate():
    x = np.array([0.5, 1.5])
    with pytest.raises(ValueError, match="truth value"):
        of_arrays(x)
    with pytest.raises(ValueError, match="truth value"):
        tangentish.grad(of_arrays)(x)
    np.testing.assert_allclose(tangentish.grad(with_a_key)(x), [0.0, 1.0])  # (keyed.py)


def of_pairs(x):
    return max([(x[0], "a"), (x[1], "b")])[0]


def of_two_tuples(x):
    return min((x[0], 1.0), (x[1], 2.0))[0]


@pytest.mark.parametrize("f", [of_pairs, of_two_tuples], ids=lambda f: f.__name__)
def test_tuples_compared_item_by_item_are_refused(f):
    """Python compares tuples item by item (not elementwise, as the two-value rule would): a clear
    refusal at the call, not a crash in the derivative or a wrong value."""
    x = np.array([0.5, 1.5])
    assert f(x) in (0.5, 1.5)
    with pytest.raises(UnsupportedConstructError, match="of tuples or lists"):
        tangentish.grad(f)(x)
