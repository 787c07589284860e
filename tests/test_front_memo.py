"""The front half a function's transforms share (tangentish/front.py): the same text as built
afresh, and never stale (a global rebound, a default changed, the code swapped, a rule added:
each a fresh build, checked against closed forms); a kept one keeps no function alive."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

import tangentish
from tangentish import extend
from tangentish.cache import CACHE
from tangentish.front import FRONTS

ACT = np.sin


def _acted(x, y):
    z = ACT(x) * y
    for k in range(2):
        z = z + x * k
    return np.sum(z * z)


def test_the_shared_front_half_gives_the_text_of_a_fresh_build():
    """(The golden tests build each mode of their functions in one process: shared there.)"""
    CACHE.clear()
    tangentish.source(_acted, (0, 1))
    shared = tangentish.source(_acted, (0, 1), mode="jvp")  # (grad's front half, x_dot reserved)
    assert FRONTS.hits == 1
    CACHE.clear()  # (the kept front halves too)
    assert tangentish.source(_acted, (0, 1), mode="jvp") == shared and FRONTS.hits == 0


def test_a_rebound_global_a_changed_default_or_code_and_a_new_rule_build_afresh():
    global ACT
    x, y = np.array([0.3, -1.1]), 0.7
    CACHE.clear()
    dx = tangentish.grad(_acted)(x, y)
    assert dx == pytest.approx(2 * (np.sin(x) * y + x) * (np.cos(x) * y + 1))
    ACT = np.tanh
    try:
        value, dx = tangentish.value_and_grad(_acted)(x, y)
    finally:
        ACT = np.sin
    assert dx == pytest.approx(2 * (np.tanh(x) * y + x) * ((1 - np.tanh(x) ** 2) * y + 1))

    def scaled(x, act=np.sin):
        return np.sum(act(x))

    assert tangentish.grad(scaled)(x) == pytest.approx(np.cos(x))
    scaled.__defaults__ = (np.exp,)
    assert tangentish.value_and_grad(scaled)(x)[1] == pytest.approx(np.exp(x))
    scaled.__code__ = (lambda x, act=np.sin: np.sum(x * x)).__code__
    assert tangentish.vjp(scaled)(x)[1](1.0) == pytest.approx(2 * x)


def _twice(x):
    return 2.0 * x


def test_a_rule_added_after_the_front_half_was_kept_is_used():
    def f(x):
        return np.sum(_twice(x))

    x = np.array([0.5, 2.0])
    assert tangentish.grad(f)(x) == pytest.approx([2.0, 2.0])
    extend.elementwise(_twice, lambda y, x: 3.0 + 0.0 * x)  # (not its derivative: on purpose)
    assert tangentish.value_and_grad(f)(x)[1] == pytest.approx([3.0, 3.0])


def test_a_kept_front_half_keeps_no_function_alive():
    def made(k):
        def f(x):
            return k * np.sin(x)
        return f

    f = made(2.0)
    tangentish.grad(f)
    alive = weakref.ref(f)
    del f
    gc.collect()
    assert alive() is None and len(FRONTS._kept) > 0
