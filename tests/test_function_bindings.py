"""Local functions bound by control flow (passes/function_bindings.py): a call inlines the
definition bound on every path to it, or is refused naming the function, never inlined with one
of several candidates; a helper's own local functions stay its own.  Gradients are compared with
central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish

X = np.array([0.3, -0.5, 0.9])


def bound_in_branches(x, c):
    if c > 0:  # noqa: SIM108  (the branches bind g)
        g = lambda t: t * t  # noqa: E731
    else:
        g = lambda t: np.sin(t)  # noqa: E731
    return np.sum(g(x))


def rebound_in_a_loop(x):  # the second iteration calls the lambda the first one bound
    total = 0.0
    g = lambda t: t  # noqa: E731
    for _ in range(2):
        total = total + np.sum(g(x))
        g = lambda t: t * t * t  # noqa: E731
    return total


def called_after_a_loop(x):
    for k in range(3):
        def g(t, k=k):
            return t * k
    return np.sum(g(x))


@pytest.mark.parametrize("c", [1.0, -1.0])
def test_lambdas_bound_in_the_branches_of_an_if_are_chosen_by_the_branch_that_ran(c):
    """(Refused until refusals6: passes/chosen_functions.py now binds each lambda to a name of
    its own before the `if`, and the call calls the one the branch chose.)"""
    got = tangentish.grad(bound_in_branches)(X, c)
    expected = numeric_jacobian(lambda x: bound_in_branches(x, c), [X], 0)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("fn, args", [(rebound_in_a_loop, (X,)), (called_after_a_loop, (X,))])
def test_a_call_where_paths_bind_different_functions_is_refused(fn, args):
    with pytest.raises(tangentish.UnsupportedConstructError, match="'g' varies") as info:
        tangentish.grad(fn)(*args)
    assert "test_function_bindings.py" in str(info.value)


def bound_in_each_iteration(x):  # bound before its call in every iteration: that one
    total = 0.0
    for i in range(3):
        g = lambda t: t * (i + 1.0)  # noqa: E731, B023  (called in the same iteration)
        total = total + np.sum(g(x) ** 2)
    return total


def kept_through_a_branch(x, c):  # g bound before the `if`, h in one branch only
    g = lambda t: t * 3.0  # noqa: E731
    if c > 0:
        y = g(x)
    else:
        h = lambda t: t * t  # noqa: E731
        y = h(x)
    return np.sum(g(y) * x)


def bound_in_turn(x):
    def g(t):
        return np.tanh(t)
    first = g(x)

    def g(t):  # noqa: F811  (rebound: later calls call this one)
        return t ** 3
    return np.sum(first * g(x))


def _helper(x):
    def g(t):
        return t * 2.0
    return g(x)


def helper_with_the_same_local_name(x):  # the helper's g is its own, not the caller's
    def g(t):
        return t * 5.0
    y = _helper(x)
    return np.sum(g(x) * y)


CASES = [(bound_in_each_iteration, (X,)), (kept_through_a_branch, (X, 1.0)),
         (kept_through_a_branch, (X, -1.0)), (bound_in_turn, (X,)),
         (helper_with_the_same_local_name, (X,))]


@pytest.mark.parametrize("fn, args", CASES)
def test_calls_with_one_definition_on_every_path_match_finite_differences(fn, args):
    reference = numeric_jacobian(fn, args, 0)
    np.testing.assert_allclose(tangentish.grad(fn)(*args), reference, rtol=1e-6, atol=1e-8)
    value, pullback = tangentish.vjp(fn)(*args)
    assert value == pytest.approx(fn(*args))
    np.testing.assert_allclose(pullback(2.0), 2.0 * reference, rtol=1e-6, atol=1e-8)
    direction = np.array([0.4, -1.0, 0.7])
    primal, tangent = tangentish.jvp(fn)(*args, x_dot=direction)
    np.testing.assert_allclose(tangent, reference @ direction, rtol=1e-6, atol=1e-8)
