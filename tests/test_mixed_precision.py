"""Float64 functions that meet float32 scalars (statistics of float32 data, float32 constants):
their value is float64, so their derivatives are float64 to the last bits in every mode.  A
Python-float seed or cotangent is weak in NumPy's promotion (NEP 50), so the adjoint of
``np.sum(...) / X32.std()`` divided a Python float by a float32 scalar and rounded to float32 (a
relative error of 4e-8 in the gradient of a float64 function); seeds and cotangents now come in
the output's dtype, float64 included.  ``check_grads`` compares reverse with forward mode exactly
(``<v, J u> == <J^T v, u>``) besides finite differences, which is what exposes 4e-8."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

HALF32 = np.float32(0.3)


def scaled_by_spread(w, X32):
    return np.sum((X32 @ w) ** 2) / X32.std()


def divided_by_constant(x):
    return np.sum(np.sin(x)) / np.float32(6.0)


def times_global(x):
    return HALF32 * np.sum(x ** 2) + np.max(x) * HALF32


def scalar_chain(a, X32):
    m = X32.mean()
    return np.exp(a) / m - a * np.float32(0.7) / (1.0 + a * a)


def powered(x, X32):
    return np.sum(np.abs(x) ** X32.max()) * X32.min()


RNG = np.random.default_rng(31)
X32 = (RNG.standard_normal((5, 3)) + 2.0).astype(np.float32)
ROWS = [
    (scaled_by_spread, (RNG.standard_normal(3), X32)),
    (divided_by_constant, (RNG.standard_normal(4),)),
    (times_global, (RNG.standard_normal(4),)),
    (scalar_chain, (0.4, X32)),
    (scalar_chain, (np.float64(0.4), X32)),
    (powered, (RNG.uniform(0.5, 1.5, 3), X32)),
]


@pytest.mark.parametrize("fn, args", ROWS, ids=[f"{r[0].__name__}-{i}" for i, r in enumerate(ROWS)])
def test_float64_derivatives_of_functions_meeting_float32_scalars(fn, args):
    assert np.asarray(fn(*args)).dtype == np.float64
    report = tangentish.check_grads(fn, args, seed=2, warn=False, raise_on_failure=False)
    assert report.ok, str(report)
    _, pullback = tangentish.vjp(fn)(*args)
    for seed in (0.3, np.float64(0.3), np.float32(0.3)):  # the last is 0.30000001192...
        gradient = tangentish.grad(fn)(*args, out_bar=float(seed))
        assert np.asarray(gradient).dtype == np.float64
        np.testing.assert_array_equal(pullback(seed), gradient, err_msg=repr(seed))
