"""A local holding a function and only called (``act = np.tanh``, ``integ = np.trapezoid if
hasattr(np, "trapezoid") else np.trapz``; passes/partial_locals.py): every form in every
first-order mode and second order, against central differences; the condition is decided where
the local is bound; a local that is not provably one function where it is called stays refused."""

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import TangentishError

GRID = np.linspace(0.0, 2.0, 9)
USE_TANH = True


def softplus(v):
    return np.log1p(np.exp(v))


def numpy_alias(x):
    act = np.tanh
    return np.sum(act(x) * act(2.0 * x))


def helper_alias(x):
    f = softplus
    total = 0.0
    for k in range(3):
        total = total + np.sum(f(x * k))
    return total


def compatibility_choice(x):
    integ = np.trapezoid if hasattr(np, "trapezoid") else np.trapz
    return integ(np.sin(x[0] * GRID) ** 2, GRID) + np.sum(x)


def global_choice(x):
    act = np.tanh if USE_TANH else np.sin
    return np.sum(act(x) ** 2)


def value_choice(x):
    act = np.cos if np.sum(x) > 0.0 else np.sin  # (decided here, on the value x has here)
    x = x * 3.0
    return np.sum(act(x) * x)


def keywords_through(x):
    clip = np.clip
    return np.sum(clip(x, -0.5, a_max=0.6) ** 2)


def bound_twice(x):
    act = np.tanh
    y = act(x)
    act = np.sin
    return np.sum(act(y))


CASES = [numpy_alias, helper_alias, compatibility_choice, global_choice, value_choice,
         keywords_through, bound_twice]  # (bound_twice: refused before passes/alias_versions.py)
POINTS = [np.array([0.3, -0.8, 1.2]), np.array([-0.4, -0.2, 0.1])]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    assert_both_orders(f, POINTS[point], seed=5)


def bound_in_a_branch(x):
    if np.sum(x) > 0.0:
        act = np.tanh
    return np.sum(act(x))


def passed_on(x):
    act = np.tanh
    return np.sum(list(map(act, x)))


@pytest.mark.parametrize("f", [bound_in_a_branch, passed_on],
                         ids=lambda f: f.__name__)
def test_a_local_that_is_not_one_function_where_called_is_refused(f):
    with pytest.raises(TangentishError) as info:  # (a local call, or map without a rule)
        tangentish.grad(f)(POINTS[0])
    assert "test_function_aliases.py" in str(info.value)
