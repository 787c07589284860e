"""What the tape's cleanup leaves out (passes/idle_loops.py): a primal loop whose values the
gradient reads for their shape alone does not run, and an adjoint's zeroing that nothing reads
afterwards (``lap_bar = _rt.zero_index(lap_bar, i)`` at the end of each reverse step of a loop
that makes ``lap`` anew) is not done; where the zeroed adjoint is read later, or the loop's
variable after the loop, they stay.  Each gradient against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def fresh_each_step(u, r):  # lap made anew each step: its adjoint's zeroing is never read
    for _ in range(3):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap
    return np.sum(u * u)


def kept_across_steps(u, r):  # lap lives across steps: the zeroed adjoint is read next step
    lap = np.zeros_like(u)
    for _ in range(3):
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap + 0.1 * lap * lap
    return np.sum(u * u)


def horner(c, x):  # y read for its shape alone: the primal loop goes (specialized)
    y = np.zeros_like(x)
    for k in range(c.shape[0]):
        y = y * x + c[k]
    return np.sum(y)


RNG = np.random.default_rng(4917)
# (function, wrt, arguments, text the specialized source holds, text it must not)
CASES = [
    (fresh_each_step, 0, (RNG.normal(size=6), 0.2), "lap_bar = ", "zero_index"),
    (kept_across_steps, 0, (RNG.normal(size=6), 0.2), "zero_index", None),
    (horner, 0, (RNG.normal(size=4), RNG.normal(size=5)), "for k in reversed(", "y_1 = "),
]


@pytest.mark.parametrize("fn, wrt, args, present, absent", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_idle_work_is_left_out(fn, wrt, args, present, absent):
    derivative = tangentish.grad(fn, wrt=wrt)
    got = [derivative(*args) for _ in range(3)]  # generic, then specialized twice
    for source in (derivative.source, derivative.source_for(*args)):
        if fn is not horner or source is not derivative.source:
            assert present in source, source
            assert absent is None or absent not in source, source
    expected = numeric_grad(fn, args, wrt)
    for gradient in got:
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)
