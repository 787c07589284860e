"""A ufunc's result written into ``out=`` is cast to the array's dtype (passes/out_arguments.py);
in a derivative specialized to float64 arguments the cast of a proven float64 result into a proven
float64 array is dropped (passes/proven_casts.py), with its adjoint ``_rt.recast``.  Each row's
gradients (the generic first call, the specialized later ones) against central finite
differences and the generic derivative; a cast into an array not proven float64 stays."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def chained(x, w):  # three writes into one float64 array
    y = x * w
    np.multiply(y, 2.0, out=y)
    z = np.sin(y, out=y)
    np.add(z, x, out=z)
    return np.sum(z * x)


def scalar_out(x, w):  # a 0-d float64 array written into
    acc = np.zeros(())
    np.add(np.sum(x * w), 1.0, out=acc)
    return acc * acc + np.sum(x)


def into_float32(x, w):  # a float32 array: the cast rounds, it stays
    y = np.zeros(x.shape, dtype=np.float32)
    np.multiply(x, w, out=y)
    return np.sum(y * x)


def of_float32(x, w):  # a float32 argument written into: not proven float64, the cast stays
    np.multiply(x, 2.0, out=x)
    return np.sum(x * w)


RNG = np.random.default_rng(5452)
DROPPED = [
    (chained, (RNG.normal(size=6), RNG.normal(size=6)), 4),  # (z = y followed in both
    # branches of isinstance(y, np.ndarray) since stop 59: the last write's cast in each)
    (scalar_out, (RNG.normal(size=4), RNG.normal(size=4)), 1),
]
KEPT = [
    (into_float32, (RNG.normal(size=5), RNG.normal(size=5))),
    (of_float32, (RNG.normal(size=5).astype(np.float32), RNG.normal(size=5))),
]


def _gradients(fn, args):
    derivative = tangentish.grad(fn, wrt=(0, 1))
    got = specialized_calls(derivative, args, 3, fresh=True)  # generic, specialized
    return derivative, got


@pytest.mark.parametrize("fn, args, count", DROPPED, ids=[row[0].__name__ for row in DROPPED])
def test_a_float64_result_into_a_float64_array_is_not_cast(fn, args, count):
    derivative, got = _gradients(fn, args)
    assert derivative.source.count(".astype(") == count, derivative.source  # (generic: cast)
    special = derivative.source_for(*args)
    assert ".astype(" not in special and "recast" not in special, special
    expected = numeric_grad(fn, args, (0, 1))
    for gradients in got:
        for gradient, want, first in zip(gradients, expected, got[0], strict=True):
            np.testing.assert_allclose(gradient, want, rtol=1e-6, atol=1e-8)
            np.testing.assert_array_equal(gradient, first)  # (the same operations)


@pytest.mark.parametrize("fn, args", KEPT, ids=[row[0].__name__ for row in KEPT])
def test_a_cast_that_may_round_stays(fn, args):
    derivative, got = _gradients(fn, args)
    assert ".astype(" in derivative.source_for(*args)
    x, w = (np.asarray(a, np.float64) for a in args)
    rounded = (x * w).astype(np.float32)  # (closed forms: a cast's derivative is the identity)
    expected = (rounded + x * w, x * x) if fn is into_float32 else (2.0 * w, 2.0 * x)
    for gradients in got:
        for position, gradient in enumerate(gradients):
            assert gradient.dtype == args[position].dtype
            np.testing.assert_allclose(gradient, expected[position], rtol=1e-6, atol=1e-6)
        for gradient, first in zip(gradients, got[0], strict=True):
            np.testing.assert_array_equal(gradient, first)
