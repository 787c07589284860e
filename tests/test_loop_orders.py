"""Loops over dicts, dict views, iterators and sets (passes/loop_orders.py): each row of
loop_orders_zoo in grad, value_and_grad, vjp and jvp against central differences and the
function's own value, and the second order against the project's checker.  Before, the loop read
``seq[_i]``: a TypeError for a view or an iterator, and for a dict the value under the key
``_i`` (a silently wrong value and gradient when the keys are small ints)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from helpers import assert_every_mode
from loop_orders_zoo import (
    ARGUMENTS,
    FUNCTIONS,
    ITERATORS,
    helper_over_argument,
    helper_over_module_dict,
    int_keys,
    over_argument,
)

import tangentish

POINTS = [np.array([0.7, -0.4, 1.3]), np.array([-1.2, 0.9, 0.35])]


@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("f", FUNCTIONS + ITERATORS + [helper_over_module_dict], ids=lambda f: f.__name__)
def test_first_order(f, point):
    assert_every_mode(f, POINTS[point], np.array([1.0, -2.0, 0.5]))


@pytest.mark.parametrize("f", FUNCTIONS + ITERATORS + [helper_over_module_dict], ids=lambda f: f.__name__)
def test_second_order(f):
    tangentish.check_grads(f, (POINTS[0],), order=2, seed=3)


def test_a_dict_is_iterated_as_the_tuple_of_its_keys():
    assert "tuple(INT_KEYS)" in tangentish.grad(int_keys).source


@pytest.mark.parametrize("kind", sorted(ARGUMENTS))
def test_a_loop_over_an_argument_not_under_wrt_runs_over_its_items(kind):
    f = functools.partial(over_argument, keys=ARGUMENTS[kind])
    assert_every_mode(f, POINTS[0], np.array([1.0, -2.0, 0.5]))
    tangentish.check_grads(over_argument, (POINTS[1], ARGUMENTS[kind]), order=2, seed=4)
    assert "tuple(keys)" in tangentish.grad(over_argument).source


@pytest.mark.parametrize("kind", sorted(ARGUMENTS))
def test_an_inlined_helper_looping_over_its_parameter(kind):
    f = functools.partial(helper_over_argument, keys=ARGUMENTS[kind])
    assert_every_mode(f, POINTS[1], np.array([0.5, 1.0, -1.5]))
    tangentish.check_grads(helper_over_argument, (POINTS[0], ARGUMENTS[kind]), order=2, seed=6)
