"""Slices of one array of one shape (tangentish/passes/slice_shapes.py): which names the shape
classes then join, what a specialized derivative leaves out, and its gradients at the lengths
where a slice is of length 1 or empty."""

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad, specialized_calls

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.shapes import analyze_shapes
from tangentish.syntax.parse import parse_function


def shifted(x):
    a = x[1:]
    b = x[:-1]
    c = x[1:-1]
    d = x[2:]
    e = x[:3]  # of length min(3, n): not keyed
    f = x[-2:]  # likewise
    g = x[:]
    h = x[1:, :]  # x[1:]
    i = x[1:, 0]
    j = x[2:, 0]
    k = x[:, :]
    return np.sum(a) + np.sum(b) + np.sum(c) + np.sum(d) + np.sum(e) + np.sum(f) + np.sum(g) + \
        np.sum(h) + np.sum(i) + np.sum(j) + np.sum(k)


def _classes(fn, facts):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    norm.facts = facts
    return analyze_shapes(norm)


@pytest.mark.parametrize("a, b, same", [
    ("a", "b", True), ("a", "h", True), ("c", "d", True), ("a", "c", False), ("e", "f", False),
    ("e", "a", False), ("g", "x", True), ("k", "x", True), ("i", "a", False), ("i", "j", False),
    ("b", "x", False)])
def test_slices_of_one_ndarray_parameter(a, b, same):
    assert _classes(shifted, {"x": (False, False)}).same(a, b) is same


@pytest.mark.parametrize("facts", [{}, {"x": None}, {"x": ()}])
def test_no_fact_of_an_ndarray_no_slice_joined(facts):
    """A generic derivative (no facts), an argument of no pattern (a list: its slices of one
    length may hold items of other shapes) or a scalar: nothing is joined."""
    classes = _classes(shifted, facts)
    assert not classes.same("a", "b") and not classes.same("g", "x")


def rebound(x):
    x = x * 2.0
    return np.sum(x[1:] * x[:-1])


def shrunk(x):
    y = x[1:]
    return np.sum(y[1:] * x[1:]) + np.sum(x[:-1])


def _slices(fn):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    norm.facts = {"x": (False,)}
    classes = analyze_shapes(norm)
    return classes, sorted(name for name in classes.bindings if "slice" in name)


def test_slices_of_an_array_made_from_a_parameter_by_elementwise_steps_are_joined():
    """``x = x * 2.0`` (normalized ``x_1 = x * 2.0``) has ``x``'s shape: its slices of one trim
    have one shape (:mod:`passes.carried_shapes` reads them through ``x``'s class)."""
    classes, slices = _slices(rebound)
    assert len(slices) == 2 and classes.same(*slices)


def test_slices_of_a_slice_are_not_joined_with_the_parameter_s():
    """``y = x[1:]`` is of no parameter's class: its slices get no key (``y[1:]`` is one
    shorter than ``x[1:]``, which has ``x[:-1]``'s shape)."""
    classes, slices = _slices(shrunk)
    y_slice = [s for s in slices if s.startswith("y_slice")]
    x_slices = [s for s in slices if s.startswith("x_slice")]
    assert y_slice and x_slices
    assert not any(classes.same(y_slice[0], s) for s in x_slices)
    assert len(x_slices) == 2 and classes.same(*x_slices)


def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def smooth2d(u, f):
    dx = u[1:, :] - u[:-1, :]
    dy = u[:, 1:] - u[:, :-1]
    inner = u[1:-1, 1:-1] * (u[2:, 1:-1] + u[:-2, 1:-1] - 2.0 * u[1:-1, 2:])
    return 0.5 * np.sum((u - f) ** 2) + np.sum(dx ** 2) + np.sum(dy ** 2) + np.sum(inner)


@pytest.mark.parametrize("fn, shape", [
    (rosen, (7,)), (rosen, (2,)), (rosen, (1,)), (smooth2d, (5, 6)), (smooth2d, (2, 3)),
    (smooth2d, (3, 2)), (smooth2d, (1, 4)), (smooth2d, (2, 2))])
def test_specialized_gradients_where_slices_are_short(fn, shape):
    """At length 2 the slices are of length 1 (they would broadcast against a longer one), at
    1 empty: the specialized derivative (second and third calls) agrees with finite differences,
    and its code un-broadcasts nothing."""
    rng = np.random.default_rng(sum(shape))
    args = tuple(rng.standard_normal(shape) for _ in range(fn.__code__.co_argcount))
    derivative = tangentish.grad(fn)
    expected = numeric_grad(fn, args)
    for got in specialized_calls(derivative, args, 3):
        assert_grad_close(got, expected, label=f"{fn.__name__}{shape}")
    assert "unbroadcast" not in derivative.source_for(*args)
    assert "unbroadcast" in derivative.source  # (the generic derivative knows no shapes)


def test_a_sums_adjoint_over_slices_is_spread_by_the_arithmetic():
    """``np.sum(t)`` of ``t`` made from slices of one length: the operands of its adjoint's
    arithmetic have ``t``'s shape and dtype (spread_facts.Facts: one shape class, both float64),
    so the seed is spread by broadcasting, not as an array of ``t``'s shape (nor ``t`` computed
    for its shape alone); a float32 argument (no float64 fact) keeps the view."""
    x = np.random.default_rng(4).standard_normal(6)
    derivative = tangentish.grad(rosen)
    special = derivative.source_for(x)
    assert "unreduce" not in special and "100.0 * _t2 ** 2" not in special
    for _ in range(3):
        assert_grad_close(derivative(x), numeric_grad(rosen, (x,)))
    x32 = x.astype(np.float32)
    assert "unreduce" in derivative.source_for(x32)
    for _ in range(3):
        got = derivative(x32)
        assert got.dtype == np.float32
        assert_grad_close(got, derivative(x), rtol=1e-4, atol=1e-4)
