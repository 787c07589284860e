"""Closure factories inside the differentiated function (passes/closures.py): ``h = make(a)``
with ``make`` returning a function it defines, then calls of ``h``; every mode against central
finite differences, and the shapes not recognised refused naming the function."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import call_unchanged, numeric_jacobian

import tangentish

X = np.array([0.3, -0.5, 0.9])


def returns_a_def(x, w):
    def make(a):
        def g(t):
            return a * np.sin(t)
        return g
    h = make(w)
    return np.sum(h(x))


def returns_a_lambda(x, w):  # two closures of one factory, a default and a keyword
    def make(a, b=1.0):
        s = a * b
        return lambda t: s * t ** 2
    h1 = make(w)
    h2 = make(w, b=3.0)
    return np.sum(h1(x) + h2(x))


def keeps_its_cells(x, w):  # h keeps the a it was made with after w changes
    def make(a):
        return lambda t: a * t
    h = make(w)
    y = h(x)
    w = w * 2.0
    z = h(x)
    h = make(w)
    return np.sum(y * z * h(x))


def made_in_a_loop(x, w):
    def make(k):
        def step(v):
            return v + k * np.tanh(v)
        return step
    v = x
    for i in range(3):
        f = make(w * (i + 1))
        v = f(v)
    return np.sum(v ** 2)


def made_in_each_branch(x, w):
    def make(a):
        return lambda t: a * t * t
    if w > 0:  # noqa: SIM108  (each branch binds h)
        h = make(w)
    else:
        h = make(-w)
    return np.sum(h(x))


CASES = {f.__name__: f for f in (returns_a_def, returns_a_lambda, keeps_its_cells, made_in_a_loop,
                                 made_in_each_branch)}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("w", [0.7, -0.4])
def test_closure_factories_match_finite_differences(name, w):
    fn, args = CASES[name], (X, w)
    refs = [numeric_jacobian(fn, args, p) for p in (0, 1)]
    value, grads = call_unchanged(tangentish.value_and_grad(fn, wrt=(0, 1)), args)
    assert value == pytest.approx(fn(*args))
    for got, ref in zip(grads, refs, strict=True):
        np.testing.assert_allclose(got, ref, rtol=1e-6, atol=1e-8)
    _, pullback = tangentish.vjp(fn, wrt=(0, 1))(*args)
    for got, ref in zip(pullback(-1.5), refs, strict=True):
        np.testing.assert_allclose(got, -1.5 * ref, rtol=1e-6, atol=1e-8)
    direction = np.array([0.4, -1.0, 0.7])
    _, tangent = tangentish.jvp(fn, wrt=(0, 1))(*args, x_dot=direction, w_dot=0.3)
    np.testing.assert_allclose(tangent, refs[0] @ direction + 0.3 * refs[1], rtol=1e-6,
                               atol=1e-8)


def stale_in_a_loop(x, w):  # the first iteration calls the h made before the loop
    def make(k):
        return lambda v: v * k
    h = make(w)
    total = 0.0
    for _ in range(2):
        total = total + np.sum(h(x))
        h = make(w * 2.0)
    return total


def reads_another_local_function(x, w):
    def make(a):
        def inner(t):
            return a * t
        return lambda t: inner(t) ** 2
    h = make(w)
    return np.sum(h(x))


@pytest.mark.parametrize("fn, text", [(stale_in_a_loop, "'h' varies"),
                                      (reads_another_local_function, "local function 'inner'")])
def test_closures_not_differentiated_are_refused_naming_them(fn, text):
    with pytest.raises(tangentish.UnsupportedConstructError, match=text) as info:
        tangentish.grad(fn)(X, 0.7)
    assert "test_closures.py" in str(info.value)
