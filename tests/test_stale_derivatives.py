"""A derivative already held follows the function it differentiates (tangentish/stale.py).

Rebinding a helper's name, swapping its code or defaults, or rebinding a global or closure name
bound to a function after ``g = grad(f)`` used to leave ``g`` the derivative of the old ``f``:
a silently wrong gradient.  Each case is checked against central differences of ``f`` as it is
when ``g`` is called."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.cache import CACHE

X = np.array([0.4, -1.1, 0.7])


def square(x):
    return x ** 2


def cube(x):
    return x ** 3


def refused(x):
    try:
        return x * 2.0
    finally:
        pass


def scaled(x, k=2.0):
    return k * np.sin(x)


ACT = np.tanh
HELPER = square


def calls_helper(x):
    return np.sum(HELPER(x) * x) + np.sum(ACT(x))


def calls_scaled(x):
    return np.sum(scaled(x))


def make_closure(act):
    def closure(x):
        return np.sum(act(x) * x)

    def rebind(new):
        nonlocal act
        act = new

    return closure, rebind


def _agrees(derivative, f, *args):
    got = derivative(*args)
    np.testing.assert_allclose(got, numeric_grad(f, args), rtol=1e-6, atol=1e-8)


@pytest.fixture
def restore_globals():
    saved = dict(globals())
    yield
    globals().update({k: saved[k] for k in ("ACT", "HELPER", "square")})
    scaled.__defaults__ = (2.0,)


@pytest.mark.parametrize("change", ["rebind_helper", "rebind_act", "swap_code", "defaults"])
def test_a_held_gradient_follows_what_its_function_calls_now(change, restore_globals):
    global ACT, HELPER
    f = calls_scaled if change == "defaults" else calls_helper
    g = tangentish.grad(f)
    _agrees(g, f, X)
    if change == "rebind_helper":
        HELPER = cube
    elif change == "rebind_act":
        ACT = np.arctan
    elif change == "swap_code":
        square.__code__ = cube.__code__
    else:
        scaled.__defaults__ = (5.0,)
    _agrees(g, f, X)
    _agrees(g, f, X)  # (again: the held one keeps answering for the function as it is)


def test_a_held_value_and_grad_and_jvp_follow_a_rebound_helper(restore_globals):
    global HELPER
    both = tangentish.value_and_grad(calls_helper)
    forward = tangentish.jvp(calls_helper)
    direction = np.array([1.0, -2.0, 0.5])
    both(X), forward(X, x_dot=direction)
    HELPER = cube
    value, gradient = both(X)
    assert value == calls_helper(X)
    np.testing.assert_allclose(gradient, numeric_grad(calls_helper, (X,)), rtol=1e-6)
    value, tangent = forward(X, x_dot=direction)
    np.testing.assert_allclose(tangent, numeric_grad(calls_helper, (X,)) @ direction, rtol=1e-6)


def test_a_held_gradient_follows_a_closure_cell_rebound():
    closure, rebind = make_closure(np.sin)
    g = tangentish.grad(closure)
    _agrees(g, closure, X)
    rebind(np.cos)
    _agrees(g, closure, X)


def test_a_rebinding_to_what_cannot_be_differentiated_raises_from_the_held_gradient(
        restore_globals):
    global HELPER
    g = tangentish.grad(calls_helper)
    g(X)
    HELPER = refused
    with pytest.raises(tangentish.UnsupportedConstructError, match="try"):
        g(X)


def test_nothing_is_rebuilt_while_nothing_changed():
    g = tangentish.grad(calls_helper)
    g(X)
    misses = CACHE.stats.misses
    for _ in range(3):
        _agrees(g, calls_helper, X)
    assert CACHE.stats.misses == misses


def test_a_function_reaching_no_function_by_name_is_not_watched():
    def plain(x):
        return np.sum(np.tanh(x) * x)

    assert not hasattr(tangentish.grad(plain), "unguarded")
    assert hasattr(tangentish.grad(calls_helper), "unguarded")


@pytest.mark.parametrize("form", ["positional", "keyword", "seed"])
def test_a_gradient_checks_its_helpers_in_its_own_frame(form, restore_globals):
    """The gradient users call is the plain call path's own function (tangentish/fastcall.py),
    checking the helpers first: no wrapper frame (it cost the helpers workload ~1 us a call),
    the same code as its ``unguarded`` twin; a rebound helper is followed by every call form."""
    global HELPER
    g = tangentish.grad(calls_helper)
    assert g.__code__ is g.unguarded.__code__ and g is not g.unguarded
    call = {"positional": lambda: g(X), "keyword": lambda: g(x=X),
            "seed": lambda: g(X, out_bar=1.0)}[form]
    for helper in (square, cube, square):
        HELPER = helper
        np.testing.assert_allclose(call(), numeric_grad(calls_helper, (X,)), rtol=1e-6,
                                   atol=1e-8)


ONES = np.ones(3)


def with_defaults(x, a=2.0, *, w=ONES):
    return np.sum(a * np.sin(x) * w * x)


class Model:
    def loss(self, x, a=2.0):
        return np.sum(a * x ** 3)


@pytest.mark.parametrize("change", ["positional", "keyword_item", "keyword_dict", "method"])
def test_a_held_gradient_follows_its_own_functions_defaults(change):
    # the derivative is bound with f's defaults when made: f.__defaults__ = (5.0,) after
    # g = grad(f) left g computing with a = 2.0, silently wrong, while grad(f) asked again was right
    f = Model().loss if change == "method" else with_defaults
    owner = Model.loss if change == "method" else with_defaults
    saved = owner.__defaults__, owner.__kwdefaults__ and dict(owner.__kwdefaults__)
    g, v = tangentish.grad(f), tangentish.value_and_grad(f)
    _agrees(g, f, X)
    try:
        if change in ("positional", "method"):
            owner.__defaults__ = (5.0,)
        elif change == "keyword_item":
            owner.__kwdefaults__["w"] = np.array([1.0, -3.0, 0.5])
        else:
            owner.__kwdefaults__ = {"w": np.array([2.0, 0.0, 1.0])}
        _agrees(g, f, X)
        _agrees(g, f, X)
        assert v(X)[0] == f(X)
    finally:
        owner.__defaults__, owner.__kwdefaults__ = saved
