"""An adjoint's item zeroed and then given the read's contribution is one write
(passes/item_resets.py): ``n = _rt.zero_index(n, k)`` ... ``n = _rt.add_at(n, g, x, k)`` becomes
``n = _rt.set_index(n, k, g)`` for an index that selects no position twice (ints, slices, in a
tuple or not), in arrays, lists of numbers and ragged lists; an index that is a name (maybe an
integer array repeating a position) keeps the pair.  Each function updates an item of a value
rebound in a loop (so no in-place proof of :mod:`owned` applies); each gradient against central
differences, each hvp (the jvp of that gradient's code, through ``set_index``) against central
differences of the gradient, in float64 and float32."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def int_item(x):  # running_max_update's `best[0] = best[0] * 0.5`, in a 2-d corner
    m = np.ones((2, x.shape[1]))
    for row in x:
        m = m * row
        m[-1, 0] = m[-1, 0] ** 2
    return np.sum(m)


def slice_part(x):
    b = np.zeros(x.shape[1])
    for row in x:
        b = b * 0.5 + row
        b[1:] = np.sin(b[1:])
    return np.sum(b * b)


def repeated_positions(x):  # an integer-array index: kept (np.add.at accumulates repeats)
    idx = np.array([0, 0, 2])
    b = np.zeros(x.shape[1])
    for row in x:
        b = b + row
        b[idx] = b[idx] * 0.5
    return np.sum(b * b)


def list_item(x):  # a list of numbers: its adjoint a float array
    xs = [x[0, 0], x[0, 1]]
    for row in x:
        xs = [xs[0] + row[0], xs[1] * row[1]]
        xs[0] = np.sin(xs[0])
    return xs[0] * xs[1]


def ragged_item(x):  # a ragged list: its adjoint in items form
    xs = [x[0], x[1, :2]]
    for row in x:
        xs = [xs[0] * row, xs[1] + row[:2]]
        xs[1] = np.sin(xs[1])
    return np.sum(xs[0]) * np.sum(xs[1])


def other_array(x):  # lap's part zeroed, u's added at the same index: two arrays, kept
    u = x[0] * 1.0
    lap = np.zeros_like(u)
    for row in x:
        lap[1:-1] = u[2:] - 2.0 * u[1:-1]
        u = u + row * lap + 0.1 * lap * lap
    return np.sum(u * u)


# (function, whether the gradient's code writes the item once instead of the pair: with set_index,
# or in place where passes/owned.py proves the adjoint a new array, int_item's since runtime23)
RESETS = [(int_item, True), (slice_part, True), (repeated_positions, False),
          (list_item, True), (ragged_item, True), (other_array, False)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fn, merged", RESETS, ids=[c[0].__name__ for c in RESETS])
def test_item_reset_is_one_write(fn, merged, dtype):
    x = np.random.default_rng(5982).normal(size=(3, 3))
    derivative = tangentish.grad(fn)
    gradient = derivative(x.astype(dtype))
    assert gradient.dtype == dtype
    source = derivative.source
    assert ("zero_index" not in source) is merged, source
    tolerance = 1e-6 if dtype is np.float64 else 2e-4
    np.testing.assert_allclose(gradient, numeric_grad(fn, (x,)), rtol=tolerance, atol=tolerance)
    v, step = np.linspace(1.0, -0.5, x.size).reshape(x.shape), 1e-5
    expected = (derivative(x + step * v) - derivative(x - step * v)) / (2 * step)
    product = tangentish.hvp(fn)(x.astype(dtype), v.astype(dtype))
    assert product.dtype == dtype
    np.testing.assert_allclose(product, expected, rtol=tolerance, atol=tolerance)


PUT_BACK = """def f(n, x, t):
    g = n[0]
{between}    n = _rt.zero_index(n, 0)
    n = _rt.add_at(n, g, x, 0)
    return n
"""


@pytest.mark.parametrize(("between", "kept"), [
    ("", False),  # (the item's own value put back: both go)
    ("    u = g * t\n", False),
    ("    n[0] += t\n", True),  # (changed in place since the read: one write of g)
    ("    g = g * t\n", True),
    ("    n = n * t\n", True),
])
def test_a_pair_putting_back_what_was_read_goes(between, kept):
    import gast

    from tangentish.passes.item_resets import merge_item_resets
    from tangentish.syntax.printer import function_text

    tree = gast.parse(PUT_BACK.format(between=between)).body[0]
    merge_item_resets(tree.body, "_rt")
    text = function_text(tree)
    assert "zero_index" not in text and "add_at" not in text
    assert ("_rt.set_index(n, 0, g)" in text) is kept, text
