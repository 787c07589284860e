"""A zeroing moved after the reads of a view of what it zeroes (passes/late_zeroing.py): where it
may go, and where it may not (a table of hand-written blocks), and the gradients and Hessian-vector
products of functions where it moves against central differences, on vectors and matrices (where
``y_bar[0]`` is a view a zeroing in place before its read would change)."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.passes.dataflow import live_after
from tangentish.passes.late_zeroing import later

BLOCK = """g = n[0]
n = _rt.zero_index(n, {index})
{between}
out = n + m
"""


@pytest.mark.parametrize(("between", "index", "place"), [
    ("m[2] += g", "0", 2),  # (the view's last read: after it)
    ("m[2] += g\nw = 1.0", "0", 2),  # (no further than needed)
    ("w = g\nm[0] += w", "0", 3),  # (w holds the array too)
    ("m = _rt.add_at(m, g, z, 2)", "0", 2),  # (into m alone, g not kept)
    ("w = n * 2.0\nm[2] += g", "0", None),  # (reads the zeroed array)
    ("g[1] = 3.0\nm[2] += g", "0", None),  # (writes into the view)
    ("a[0] += g", "0", None),  # (a may hold n's array)
    ("k = 2\nm[k] += g", "k", None),  # (rebinds the zeroing's index)
    ("m[2] += np.sum(g)", "0", None),  # (a call may change its arguments)
    ("for i in r:\n    m[i] += g", "0", None),  # (not a plain assignment)
])
def test_where_a_zeroing_may_go(between, index, place):
    block = gast.parse(BLOCK.format(between=between, index=index)).body
    live = live_after(block, {id(s) for s in block})
    found = later(block, 1, {"g"}, lambda s: live[id(s)], lambda name: name != "a",
                  {id(s) for s in block if "add_at" in gast.dump(s)})
    assert found == place


def item_from_other(x):
    y = np.sin(x)
    z = np.tanh(x)
    y[0] = z[1]
    return np.sum(y * z)


def item_scaled(x):
    y = x * 2.0
    z = np.cos(x)
    y[1] = z[0] * 3.0
    return np.sum(y * y * z)


@pytest.mark.parametrize("shape", [(4,), (4, 3)])
@pytest.mark.parametrize("fn", [item_from_other, item_scaled])
def test_moved_zeroings_give_the_derivatives(fn, shape):
    x = np.random.default_rng(6060).normal(size=shape)
    derivative = tangentish.grad(fn)
    assert "_bar[0] = 0.0" in derivative.source or "_bar[1] = 0.0" in derivative.source
    assert "zero_index" not in derivative.source
    np.testing.assert_allclose(derivative(x), numeric_grad(fn, (x,)), rtol=1e-6, atol=1e-8)
    v, step = np.linspace(1.0, -0.5, x.size).reshape(shape), 1e-5
    expected = (derivative(x + step * v) - derivative(x - step * v)) / (2 * step)
    np.testing.assert_allclose(tangentish.hvp(fn)(x, v), expected, rtol=1e-5, atol=1e-7)
