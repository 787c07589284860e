"""Shape classes (tangentish/passes/shapes.py): a reduction that broadcasts back takes no part in
the result's shape, and what the reverse pass then leaves out."""

import numpy as np
import pytest

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.shapes import analyze_shapes
from tangentish.syntax.parse import parse_function


def shifted(x, w):
    z = x - np.max(x, axis=1, keepdims=True)
    s = np.sum(w)
    c = x * s
    d = w - np.max(x, axis=0, keepdims=True)  # x's reduction, against w: shape unknown
    e = x - np.max(x, axis=1)  # no keepdims: may broadcast
    f = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    g = w - 2.0 * np.log(np.sum(np.exp(z), axis=1, keepdims=True))  # w: shape unknown
    return np.sum(z) + np.sum(c) + np.sum(d) + np.sum(e) + np.sum(f) + np.sum(g)


def _classes(fn):
    info = parse_function(fn)
    desugar(info)
    return analyze_shapes(normalize(info))


@pytest.mark.parametrize("name, same", [("z", True), ("c", True), ("d", False), ("e", False),
                                        ("f", True), ("g", False)])
def test_a_reduction_that_broadcasts_back_keeps_the_shape(name, same):
    assert _classes(shifted).same("x", name) is same


def test_the_unbroadcast_it_drops_and_the_gradient():
    source = tangentish.source(shifted)
    assert "x_bar = _rt.unbroadcast(z_bar, x)" not in source
    rng = np.random.default_rng(2)
    tangentish.check_grads(shifted, (rng.standard_normal((4, 4)), rng.standard_normal((4, 4))))


def assigned_items(x, w):
    y = np.sin(x)
    y[0] = 2.0 * w[1]  # values change, the shape does not
    z = y * x
    y[1:3] = w[0]
    u = np.tanh(y)
    return np.sum(z * u)


def spliced_list(x, w):
    xs = [x, x]
    v = np.negative(xs)  # shaped like xs before the splice
    xs[0:1] = [w, w]  # a slice assignment into a list makes it longer (xs_1 = xs[:0] + ...)
    return np.sum(v) + np.sum(np.stack(xs))


@pytest.mark.parametrize("fn, name, other, same", [
    (assigned_items, "y", "x", True), (assigned_items, "z", "x", True),
    (assigned_items, "u", "x", True), (spliced_list, "xs", "v", True),
    (spliced_list, "xs_1", "v", False)])
def test_an_item_assignment_keeps_an_arrays_shape_not_a_lists(fn, name, other, same):
    assert _classes(fn).same(name, other) is same


def test_item_assignments_and_their_gradients():
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal(4), rng.standard_normal(4)
    assert "_rt.unbroadcast(z_bar * u, y)" not in tangentish.source(assigned_items)
    tangentish.check_grads(assigned_items, (x, w))
