"""What the tape's cleanup leaves out (passes/idle_loops.py): a primal loop whose values the
gradient reads for their shape alone does not run, and an adjoint's zeroing that nothing reads
afterwards (``lap_bar = _rt.zero_index(lap_bar, i)`` at the end of each reverse step of a loop
that makes ``lap`` anew) is not done; where the zeroed adjoint is read later, or the loop's
variable after the loop, they stay.  Each gradient against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

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
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    for source in (derivative.source, derivative.source_for(*args)):
        if fn is not horner or source is not derivative.source:
            assert present in source, source
            assert absent is None or absent not in source, source
    expected = numeric_grad(fn, args, wrt)
    for gradient in got:
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)


# The zeroing of an adjoint's item at a loop's counter (passes/counted_zeroing.py): dropped where
# only other steps read other items; kept where a read after the loop, the next outer step, or
# the same step after the zeroing sees the zero.  Each row: (function, whether the gradient keeps
# the zeroing).  Gradients against central differences, hvp against central differences of the
# gradient (hvp differentiates the gradient's code, where a zeroing kept needs its guard).
def fill_rows(x):  # rows of a matrix, written once each: nothing reads a zeroed row
    out = np.zeros_like(x)
    for i in range(x.shape[0]):
        out[i] = np.sin(x[i]) * x[i]
    return np.sum(out * out)


def read_before_loop(x):  # out's adjoint is read after the reversed loop (by np.sum's)
    out = x * 1.5
    t = np.sum(out * x)
    for i in range(x.shape[0]):
        out[i] = np.cos(x[i])
    return t + np.sum(out * out)


def overwritten_by_outer_step(x):  # the outer loop's next reverse step reads the zeroed items
    out = np.zeros(5)
    n = x.shape[0]
    for k in range(2):
        for i in range(n):
            out[i] = np.sin(x[i]) * (k + 1.0)
    return np.sum(out * out)


def updated_item(x):  # the step adds into out's adjoint at i after zeroing it
    out = x * 2.0
    for i in range(x.shape[0]):
        out[i] = np.sin(out[i] * x[i])
    return np.sum(out * out)


def read_after_zeroing(x):  # out[i] read again in the step, after the write
    out = np.zeros_like(x)
    s = 0.0
    for i in range(x.shape[0]):
        out[i] = x[i] * x[i]
        s = s + out[i] * x[i]
    return s + np.sum(out * out)


ZEROINGS = [(fill_rows, False), (read_before_loop, True), (overwritten_by_outer_step, True),
            (updated_item, True), (read_after_zeroing, True)]


@pytest.mark.parametrize("fn, kept", ZEROINGS, ids=[c[0].__name__ for c in ZEROINGS])
def test_zeroing_at_a_counter(fn, kept):
    x = np.random.default_rng(5981).normal(size=(4, 2) if fn is fill_rows else 5)
    derivative = tangentish.grad(fn)
    gradient = derivative(x)
    source = derivative.source
    assert ("zero_index" in source or "] = 0.0" in source) is kept, source
    np.testing.assert_allclose(gradient, numeric_grad(fn, (x,)), rtol=1e-6, atol=1e-8)
    v, step = np.linspace(1.0, -0.5, x.size).reshape(x.shape), 1e-5
    expected = (derivative(x + step * v) - derivative(x - step * v)) / (2 * step)
    np.testing.assert_allclose(tangentish.hvp(fn)(x, v), expected, rtol=1e-6, atol=1e-8)
