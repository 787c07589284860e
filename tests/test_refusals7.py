"""The refusals refusals7 lifted (``refusals7_zoo``).  Each program in every first-order mode
against central differences within their error estimate, and ``hvp`` against differences of the
checked gradient (``idioms15_check``); the float32 casts against closed forms, in every mode and
at second order."""

from __future__ import annotations

import numpy as np
import pytest
import refusals7_zoo as z
from idioms15_check import Case, by_name, check_each_position, seeded

import tangentish

_n, _u, _ = seeded(5530)

CASES = [
    Case("out_positional", z.out_positional, (_n(3), _n(3)), (0, 1)),
    Case("out_slice", z.out_slice, (_n(3), _n(3)), (0, 1)),
    Case("out_reduction", z.out_reduction, (_n(2, 3),)),
    Case("out_reduction_bound", z.out_reduction_bound, (_n(2, 3),)),
    Case("out_rows_of_a_buffer", z.out_rows_of_a_buffer, (_n(4, 3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


# (fn, gradient, Hessian-vector product along v): closed forms, the cast's rounding kept
FLOAT32 = [
    (z.float32_square, lambda x: 2.0 * x.astype(np.float32), lambda x, v: 2.0 * v),
    (z.float32_of_a_sum,
     lambda x: 2.0 * np.float32(np.sum(x)) + 3.0 * (np.arange(3) == 1), lambda x, v: 2.0 * np.sum(v)),
    (z.float32_then_back, lambda x: np.sin(x) + x.astype(np.float32) * np.cos(x),
     lambda x, v: (2.0 * np.cos(x) - x.astype(np.float32) * np.sin(x)) * v),
]


@pytest.mark.parametrize("fn, gradient, hvp", FLOAT32, ids=lambda f: getattr(f, "__name__", ""))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_float32_casts_in_every_mode_against_closed_forms(fn, gradient, hvp, dtype):
    """``np.float32(x)`` passes the derivative through, in the argument's dtype (a float64 input
    gets a float64 gradient); its rounding is in the value, as the function computes it."""
    x = np.array([0.7, -1.3, 2.1], dtype=dtype)
    v = np.array([0.5, 1.0, -2.0], dtype=dtype)
    tol = {"rtol": 2e-6, "atol": 1e-6}
    value, g = tangentish.value_and_grad(fn)(x)
    assert value == fn(x) and g.dtype == dtype
    np.testing.assert_allclose(g, gradient(x), **tol)
    out, pullback = tangentish.vjp(fn)(x)
    np.testing.assert_allclose(pullback(-2.0), -2.0 * gradient(x), **tol)
    assert tangentish.jvp(fn)(x, x_dot=v)[0] == value
    np.testing.assert_allclose(tangentish.jvp(fn)(x, x_dot=v)[1], np.dot(gradient(x), v), **tol)
    np.testing.assert_allclose(tangentish.hvp(fn)(x, v), hvp(x, v), **tol)
    np.testing.assert_allclose(tangentish.hessian(fn)(x) @ v, hvp(x, v), **tol)


def test_float32_of_a_number_gives_a_float_gradient():
    assert type(tangentish.grad(z.float32_of_a_sum)(np.ones(3))) is np.ndarray
    got = tangentish.grad(_number_cast)(2.0)
    assert type(got) is float and got == 3.0


def _number_cast(s):
    return np.float32(s) * 3.0
