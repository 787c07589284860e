"""Loop-carried arrays that keep one shape (passes/carried_shapes.py): a specialized derivative
knows the shapes of their slices and of what is made from them, and drops the un-broadcasting
and the taped shapes (also of what is written into a slice of them: passes/written.py); where a
carried array changes its shape (it shrinks, or grows by broadcasting) nothing is assumed.  Each
gradient against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def heat(u, target, r):  # u = u + r * lap around the loop: one shape
    for _ in range(5):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap
    return np.sum((u - target) ** 2)


def differences(u, w):  # u shrinks by one each step: no shape is assumed
    for _ in range(2):
        u = u[1:] - u[:-1]
    return np.sum(u * w)


def grows(u, w):  # u of shape (1,) becomes w's shape by broadcasting
    for _ in range(3):
        u = u * 0.5 + np.sin(w)
    return np.sum(u[1:] * u[:-1])


def smoothed(u):
    for _ in range(3):
        u = 0.5 * u + 0.25 * np.roll(u, 1)
    return np.sum(u[1:] * u[:-1])


def written_broadcast(u, v):  # v (one item, or a scalar) is broadcast into the slice it fills
    lap = np.zeros_like(u)
    lap[1:-1] = v * 2.0
    lap[1:] = lap[1:] + u[:-1] * u[1:]
    return np.sum(lap * u)


RNG = np.random.default_rng(11)
# (function, wrt, arguments, most un-broadcasts the specialized source may keep)
CASES = [
    (heat, 0, (RNG.normal(size=8), RNG.normal(size=8), 0.2), 0),
    (written_broadcast, 1, (RNG.normal(size=5), RNG.normal(size=1)), None),
    (written_broadcast, 1, (RNG.normal(size=5), 0.7), None),
    (written_broadcast, 0, (RNG.normal(size=5), RNG.normal(size=3)), None),
    (smoothed, 0, (RNG.normal(size=6),), 0),
    (differences, 0, (RNG.normal(size=6), RNG.normal(size=4)), None),
    (grows, 0, (RNG.normal(size=1), RNG.normal(size=5)), None),
    (grows, 1, (RNG.normal(size=1), RNG.normal(size=5)), None),
    (grows, 0, (RNG.normal(size=5), RNG.normal(size=5)), None),
]


@pytest.mark.parametrize("fn, wrt, args, most", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_loop_carried_shapes(fn, wrt, args, most):
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    if most is not None:
        assert source.count("_rt.unbroadcast(") <= most, source
        assert "_rt.like(" not in source, source
    expected = numeric_grad(fn, args, wrt)
    for gradient in got:
        assert np.shape(gradient) == np.shape(args[wrt])
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)
