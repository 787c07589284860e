"""A sum of one number spread over an array (the adjoint of a scalar added to what a sum
reduces) is the number times the array's size in a specialized gradient (passes/counted.py),
the very number NumPy's sum gave: compared bit for bit with the generic derivative's first call
and against central finite differences; where the sum keeps an axis, or the dtype is not float64,
the code keeps the sum."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def nll(mu, log_sigma, x):
    return np.sum(0.5 * ((x - mu) / np.exp(log_sigma)) ** 2 + log_sigma + 0.5 * np.log(2 * np.pi))


def biased(w, b, x):  # b added to every row: its adjoint sums over both axes
    return np.sum(np.tanh(x @ w + b))


def halved(b, x):  # the seed's half, a power of two, spread over x
    return 0.5 * np.sum(x * x + b)


RNG = np.random.default_rng(4916)
# (function, wrt, arguments, text the specialized source holds, text it must not)
CASES = [
    (nll, (0, 1), (0.3, -0.2, RNG.normal(size=7)), "log_sigma_bar = np.float64(x.size)", "unreduce"),
    (nll, (0, 1), (0.3, -0.2, RNG.normal(size=(4, 3))), None, None),
    (nll, (0, 1), (np.float32(0.3), np.float32(-0.2), RNG.normal(size=7).astype(np.float32)),
     None, "np.float64(x.size)"),
    (biased, (0, 1), (RNG.normal(size=(3, 2)), 0.4, RNG.normal(size=(5, 3))), None, None),
    (halved, 0, (0.7, RNG.normal(size=6)), "np.float64(x.size)", "unreduce"),
]


@pytest.mark.parametrize("fn, wrt, args, present, absent", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_a_spread_number_summed_is_counted(fn, wrt, args, present, absent):
    derivative = tangentish.grad(fn, wrt=wrt)
    generic, *specialized = specialized_calls(derivative, args, 3)
    source = derivative.source_for(*args)
    if present is not None:
        assert present in source, source
    if absent is not None:
        assert absent not in source, source
    positions = wrt if isinstance(wrt, tuple) else (wrt,)
    results = [r if isinstance(wrt, tuple) else (r,) for r in (generic, *specialized)]
    # (the reference in float64: differences of a float32 program are as rough as 1e-2, the
    # more so under NumPy 1.x's promotion, which keeps more of it in float32)
    wide = tuple(np.float64(a) if np.ndim(a) == 0 and np.result_type(a) == np.float32 else
                 np.asarray(a, dtype=np.float64) if np.result_type(a) == np.float32 else a
                 for a in args)
    for position, *values in zip(positions, *results, strict=True):
        expected = numeric_grad(fn, wide, position)
        tolerance = 1e-3 if np.result_type(args[position]) == np.float32 else 1e-6
        for value in values:
            assert np.shape(value) == np.shape(args[position])
            assert np.result_type(value) == np.result_type(values[0])
            np.testing.assert_array_equal(value, values[0])  # (the generic sum's bits)
            np.testing.assert_allclose(value, expected, rtol=tolerance, atol=tolerance)
