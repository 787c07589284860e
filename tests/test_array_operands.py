"""Lists and tuples handed to NumPy functions (passes/array_operands.py): every row of
array_operands_zoo in grad, value_and_grad, vjp and jvp against central differences, and the
second order against the project's checker.  Before the pass each row raised inside the generated
code (``2.0 * [a, b]``, ``[a].ndim``, ``np.result_type(g, [1.0, 2.0])``)."""

from __future__ import annotations

import numpy as np
import pytest
from array_operands_zoo import FUNCTIONS, square_of_local_list, stacked
from helpers import assert_every_mode

import tangentish

POINTS = [np.array([0.7, -0.4, 1.3]), np.array([-1.2, 0.9, 0.35])]


def _name(f):
    return f.__name__ if f.__name__ != "inner" else "closure_list"


@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("f", FUNCTIONS, ids=_name)
def test_first_order(f, point):
    assert_every_mode(f, POINTS[point], np.array([1.0, -2.0, 0.5]))


@pytest.mark.parametrize("f", FUNCTIONS, ids=_name)
def test_second_order(f):
    tangentish.check_grads(f, (POINTS[0],), order=2, seed=3)


def test_the_list_becomes_an_array_in_a_statement_of_its_own():
    source = tangentish.grad(square_of_local_list).source
    assert "_array = np.asarray(" in source and "np.square(_t1)" not in source, source


def test_sequences_of_arrays_shapes_and_arrays_are_left_alone():
    source = tangentish.grad(stacked).source
    assert "asarray" not in source, source
