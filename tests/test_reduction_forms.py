"""Reductions given ``where=``/``initial=`` (passes/reduction_forms.py): the derivative's value is
NumPy's, in value and dtype (integer arrays cast the start; float32 stays float32; an empty array
reduces to the start), its derivative matches central differences in every mode, and the forms
NumPy refuses or the lowering does not cover are refused naming the argument."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import call_unchanged, numeric_jacobian

import tangentish

COUNTS = np.array([1, 4, 2, 3])
MASK = np.array([True, False, True, True])


def int_sum_start(s, x):  # the start is cast to the integers' dtype: int(s), flat in s
    return np.sum(COUNTS, initial=s) * x + np.prod(COUNTS, initial=s)


def int_max_start(s, x):
    return np.max(COUNTS, initial=s) * x + np.min(COUNTS, where=MASK, initial=s)


def empty_max(s, x):  # an empty array reduces to the start, which takes the whole derivative
    return np.max(x[:0], initial=s) + np.min(x[:0] * 2.0, axis=0, initial=s * s) + np.sum(x)


def float32_forms(s, x):
    return (np.mean(x * x, where=x > 0.0) + np.sum(x, initial=s) + np.max(x, initial=s)
            + np.prod(x[:2], where=MASK[:2], initial=2.0))


def of_a_list(s, x):  # a list written out: NumPy's array of it gives the dtype
    return np.max([x[0], x[1] * 2.0], initial=s) + np.sum([x[2], s], initial=1.0)


def tie_with_start(s, x):  # the start ties the array's maximum: they share it evenly
    return np.max(x, initial=s) * 3.0


POINTS = {
    "int_sum_start": (int_sum_start, (1.3, 0.7)),
    "int_max_start": (int_max_start, (2.4, 0.7)),
    "empty_max": (empty_max, (0.4, np.array([0.3, -0.2, 0.5]))),
    "of_a_list": (of_a_list, (0.4, np.array([0.3, -0.2, 0.5]))),
    "float32_forms": (float32_forms, (np.float32(0.25), np.array([0.3, -0.2, 0.5, 0.9],
                                                                  dtype=np.float32))),
}


@pytest.mark.parametrize("name", sorted(POINTS))
def test_values_are_numpys_and_derivatives_match_finite_differences(name):
    fn, args = POINTS[name]
    expected = fn(*args)
    value, grads = call_unchanged(tangentish.value_and_grad(fn, wrt=(0, 1)), args)
    assert value == expected and np.result_type(value) == np.result_type(expected), name
    wide = [np.float64(a) if np.ndim(a) == 0 else np.asarray(a, dtype=np.float64) for a in args]
    wide = [float(a) if np.ndim(a) == 0 else a for a in wide]
    tolerance = 2e-3 if name == "float32_forms" else 1e-7
    for position in (0, 1):
        reference = numeric_jacobian(fn, wide, position)
        np.testing.assert_allclose(grads[position], reference, rtol=tolerance, atol=tolerance)
        derivative = tangentish.jvp(fn, wrt=position)
        direction = 1.0 if np.ndim(args[position]) == 0 else np.linspace(0.5, -1.0, 3 + (
            name == "float32_forms"))
        tangent_name = derivative.record.tangents[derivative.wrt[0]]
        primal, tangent = derivative(*args, **{tangent_name: direction})
        assert primal == expected
        np.testing.assert_allclose(tangent, np.tensordot(reference, direction, np.ndim(direction)),
                                   rtol=tolerance, atol=tolerance)


def test_a_tie_with_the_start_shares_the_derivative():
    x = np.array([0.5, -1.0, 0.25])
    ds, dx = tangentish.grad(tie_with_start, wrt=(0, 1))(0.5, x)
    assert ds == 1.5
    np.testing.assert_array_equal(dx, [1.5, 0.0, 0.0])
    ds, dx = tangentish.grad(tie_with_start, wrt=(0, 1))(0.75, x)
    assert ds == 3.0 and not dx.any()


def max_where_without_initial(x):
    return np.max(x, where=MASK)


def sum_into_out(x):
    return np.sum(x, initial=1.0, out=np.zeros(()))


@pytest.mark.parametrize("fn, text", [(max_where_without_initial, "`where=`"),
                                      (sum_into_out, "`out=`")])
def test_forms_not_lowered_are_refused_naming_the_argument(fn, text):
    with pytest.raises(tangentish.UnsupportedConstructError, match=text):
        tangentish.grad(fn)(np.array([0.5, -1.0, 0.25, 2.0]))
