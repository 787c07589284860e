"""The adjoint of a list rebound in a loop by ``_rt.add_at`` (``itertools.accumulate`` over
differentiated items, reversed) is a list when the gradient is differentiated again: its mask of
where it may be non-zero stays one mask per item.  Fuzz seed 5406 program 34: the mask became one
bool after the first pass, and the next pass's ``mask[-1]`` raised ``IndexError`` in hvp and
hessian.  The same through ``np.array(xs)``'s adjoint, ``_rt.recast(g, xs)`` (an array standing
for the list ``xs``): a Rauch-Tung-Striebel smoother's backward pass over lists (idioms32's
``rts_smoother``, hvp in ``ys``) indexed a mask that was one bool, ``IndexError`` in generated code
(``passes/sequences.py``: ``LIKE_HELPERS``).  Checked against central differences of the
gradient."""

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


def smoothed_back(ys):  # (a forward pass over lists, a backward pass reading them by position)
    xs, ps = [], []
    m, p = 0.0, 1.0
    for y in ys:
        p = 0.49 * p + 0.1
        m = 0.7 * m + y / p
        xs.append(m)
        ps.append(p)
    out = [xs[-1]]
    for k in range(len(ys) - 2, -1, -1):
        out.append(xs[k] + ps[k] / ps[k + 1] * out[-1])
    return np.sum(np.array(out) ** 2)


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


def test_hvp_through_a_list_read_back_as_an_array():
    x, u = np.array([0.3, -0.5, 0.8, 0.1]), np.array([0.2, 0.1, -0.4, 0.3])
    np.testing.assert_allclose(tangentish.hvp(smoothed_back)(x, u), _fd_hvp(smoothed_back, x, u),
                               rtol=1e-5, atol=1e-7)
