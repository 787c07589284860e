"""The adjoint of a list rebound in a loop by ``_rt.add_at`` (``itertools.accumulate`` over
differentiated items, reversed) is a list when the gradient is differentiated again: its mask of
where it may be non-zero stays one mask per item.  Fuzz seed 5406 program 34: the mask became one
bool after the first pass, and the next pass's ``mask[-1]`` raised ``IndexError`` in hvp and
hessian.  Checked against central differences of the gradient."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import tangentish

W = [0.03, 0.83]


def accumulated(a, b):
    acc = list(itertools.accumulate([W, np.maximum(b, 0.0) ** 0.5, a * b]))
    return np.max(acc)


def outer(v):
    return math.sin(accumulated(1.0, v))


def accumulated_rows(v):
    rows = list(itertools.accumulate([v * 0.5, np.sqrt(v * v + 1.0), np.sin(v)]))
    return np.sum(np.max(np.stack(rows), axis=0) ** 2)


def _fd_hvp(f, x, u, step=1e-6):
    g = tangentish.grad(f)
    return (g(x + step * u) - g(x - step * u)) / (2 * step)


@pytest.mark.parametrize("f", [outer, accumulated_rows])
@pytest.mark.parametrize("x", [[0.7, 0.4], [-1.49, -0.38], [1.3, -0.2]])
def test_hvp_and_hessian_through_an_accumulated_list(f, x):
    x, u = np.array(x), np.array([1.0, -0.5])
    np.testing.assert_allclose(tangentish.hvp(f)(x, u), _fd_hvp(f, x, u), rtol=1e-5,
                               atol=1e-7)
    np.testing.assert_allclose(tangentish.hessian(f)(x) @ u, _fd_hvp(f, x, u), rtol=1e-5,
                               atol=1e-7)
