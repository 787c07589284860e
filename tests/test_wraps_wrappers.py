"""A ``functools.wraps`` wrapper advertises the wrapped function's signature (``inspect.signature``
follows ``__wrapped__``), but what tangentish differentiates is the wrapper's own code: ``wrt``
must name that code's parameters.  Resolved against the advertised signature instead, ``wrt``
named a parameter the generated code does not have, which it then read as a global of the
user's module (a silently wrong gradient) or failed on (a raw ``NameError``)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

import tangentish
from tangentish.errors import ArgumentValueError, UnsupportedConstructError


def renamed(fn):
    @functools.wraps(fn)
    def wrapper(v):  # its own parameter is not the wrapped one's
        return 2.0 * fn(v)
    return wrapper


def star_only(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return 2.0 * fn(*args)
    return wrapper


def passes_star(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper


def passes_keywords(fn):
    @functools.wraps(fn)
    def wrapper(**kwargs):
        return fn(**kwargs)
    return wrapper


p = np.array([10.0, 20.0, 30.0])  # a global with the wrapped parameter's name


@renamed
def doubled(p):
    return np.sum(np.sin(p) * p)


@star_only
def doubled_star(p):
    return np.sum(p ** 3)


@passes_star
def logged(p):
    return np.sum(np.exp(p))


@passes_keywords
def keyword_logged(p):
    return np.sum(np.exp(p))


def central(f, x, h=1e-6):
    out = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        out[i] = (f(x + e) - f(x - e)) / (2 * h)
    return out


@pytest.fixture
def x():
    return np.random.default_rng(7).uniform(-1.0, 1.0, 3)


@pytest.mark.parametrize("transform", ["grad", "value_and_grad"])
@pytest.mark.parametrize("wrt", [0, "v", -1])
def test_a_wrapper_with_its_own_parameter_is_differentiated_against_it(transform, wrt, x):
    got = getattr(tangentish, transform)(doubled, wrt=wrt)(x)
    gradient = got[1] if transform == "value_and_grad" else got
    expected = central(doubled, x)
    assert np.allclose(gradient, expected, rtol=1e-6, atol=1e-8)
    assert np.allclose(gradient, 2.0 * (np.cos(x) * x + np.sin(x)))


def test_the_wrapped_functions_name_is_refused_naming_the_wrapper():
    with pytest.raises(ArgumentValueError, match="has no parameter 'p'") as info:
        tangentish.grad(doubled, wrt="p")
    assert "['v']" in info.value.hint and "functools.wraps wrapper" in info.value.hint
    assert info.value.location.function == "wrapper"


def test_jvp_and_vjp_of_a_wrapper_with_its_own_parameter(x):
    direction = np.array([0.3, -1.0, 0.5])
    value, tangent = tangentish.jvp(doubled)(x, v_dot=direction)
    assert value == pytest.approx(doubled(x))
    assert tangent == pytest.approx(central(doubled, x) @ direction, rel=1e-6)
    value, pullback = tangentish.vjp(doubled)(x)
    assert np.allclose(pullback(1.5), 1.5 * central(doubled, x), rtol=1e-6)


def test_a_wrapper_taking_only_star_args_that_changes_the_result_is_refused():
    with pytest.raises(UnsupportedConstructError, match="does more than pass its arguments on"):
        tangentish.grad(doubled_star)


@pytest.mark.parametrize("fn", [logged, keyword_logged], ids=["*args", "**kwargs"])
def test_a_wrapper_passing_only_star_args_on_is_the_wrapped_function(fn, x):
    assert np.allclose(tangentish.grad(fn)(x), np.exp(x))
    assert np.allclose(tangentish.grad(fn, wrt="p")(x), central(fn.__wrapped__, x), rtol=1e-6)
