"""The refusals refusals14 lifted (``refusals14_zoo``): each program in every first-order mode
and ``hvp`` against central differences within their error estimate (``idioms15_check``); what
stays refused names the construct, the file and line, with a hint; Python's own errors stay
Python's."""

from __future__ import annotations

import numpy as np
import pytest
import refusals14_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(6140)

CASES = [
    Case("list_changes", z.list_changes, (_n(5),)),
    Case("divide_at", z.divide_at, (_n(4),)),
    Case("try_divide", z.try_divide, (_n(3),)),
    Case("iterators", z.iterators, (_n(6),)),
    Case("enumerated_dict", z.enumerated_dict, (_n(3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.try_divide_computed, (_n(3),), ("`try` statement", "one operation on names")),
    (z.divide_at_float32, (_n(3),), ("np.divide.at into an array of float32", "astype")),
    (z.list_slice_of_step_one, (_n(3),), ("a step of 1 may change its length", "xs[i:j] = v")),
    (z.map_read_twice, (_n(3),), ("the iterator 'm' (`m = map(...)`)", "used here other")),
    (z.map_lambda_rebound, (_n(3),), ("its lambda reads 'scale', bound again", "list(...)")),
    (z.columns_changed_in_the_loop, (_n(6),), ("star unpacking", "one by one")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_with_a_hint(refused, transform):
    check_refusal(*refused, transform)


def test_iterators_taken_in_turn_against_differences():
    """``next`` then ``enumerate`` of what a ``reversed`` has left, ``max`` of a ``filter``, a
    loop and a generator over ``zip(*rows)`` into one name: grad and jvp against differences
    (their second order is the machinery ``iterators`` and the unzip tests check)."""
    x = _n(4)
    assert tangentish.check_grads(z.iterators_taken_in_turn, (x,), seed=6141).ok


def _list_of_wrong_size(x):
    ys = [x[0], x[1], x[2], x[3]]
    ys[1::2] += [x[0]]  # (Python: a list of 3 into a slice of 2)
    return ys[0]


def test_a_list_slice_with_a_step_of_another_size_raises_pythons_value_error():
    x = np.arange(1.0, 5.0)
    with pytest.raises(ValueError, match="extended slice of size 2") as python:
        _list_of_wrong_size(x)
    for derivative in (tangentish.grad(_list_of_wrong_size), tangentish.vjp(_list_of_wrong_size)):
        with pytest.raises(ValueError) as derived:
            derivative(x)
        assert str(derived.value) == str(python.value)


def test_power_at_into_a_parameter_held_constant_leaves_it_unchanged():
    """``np.power.at(t, [1, 1], x[:2])`` is ``t[1] ** (x[0] * x[1])`` (a positive base): its
    gradient in closed form, ``t`` as it was (the derivative writes its private copy)."""
    x, t = np.array([0.7, -1.3, 0.2]), np.array([2.0, 1.5, 0.5])
    got = tangentish.grad(z.power_at_a_constant)(x, t)
    np.testing.assert_array_equal(t, [2.0, 1.5, 0.5])
    w = 1.5 ** (0.7 * -1.3) * np.log(1.5)
    np.testing.assert_allclose(got, [w * -1.3, w * 0.7, 0.0], rtol=1e-13)
