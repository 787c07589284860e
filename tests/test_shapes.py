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
