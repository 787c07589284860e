"""A helper inlined into the differentiated function (passes/inline_helpers.py) gets the rewrites
of source forms its own derivative gets (passes/source_forms.py): a ufunc's ``out=``,
``np.ndarray.sum(a)``, ``getattr(np, "name", None)``.  They ran on the differentiated function
only, so ``np.multiply(a, 2.0, out=o)`` in a helper was refused ("the argument `out=` ... writes
into an existing array") where the helper differentiated alone worked (fuzz seed 5402, program 94:
a tuple-returning helper filling a buffer by ``np.subtract(a, -acc, out=buf)``).  Each form, in
a helper and called from ``f``, against finite differences at first and second order."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from test_second_order import MODES, check

import tangentish


def binary_out(a):
    o = np.zeros(3)
    np.multiply(a, 2.0, out=o)
    return np.sum(o * a)


def unary_out(a):
    o = np.empty(3)
    np.sin(a, out=o)
    return np.sum(o * a)


def clip_out(a):
    o = np.zeros(3)
    r = np.clip(a * a, 0.1, 2.0, out=o)
    return np.sum(r * a)


def unbound_method(a):
    return np.ndarray.sum(a * a * a)


def probed(a):
    total = getattr(np, "sum", None)
    return total(np.exp(a * 0.5))


def in_a_pair(a):
    acc = np.sum(a) * 0.5
    buf = np.zeros(3)
    np.subtract(a, -acc, out=buf)
    return np.inner(a, buf), -np.cumsum(a)


def calls_binary_out(v):
    return binary_out(v * 1.5) + 1.0


def calls_unary_out(v):
    return unary_out(v) * 2.0


def calls_clip_out(v):
    return clip_out(v) + np.sum(v)


def calls_unbound_method(v):
    return unbound_method(v - 0.5)


def calls_probed(v):
    return probed(v) * probed(2.0 * v)


def calls_in_a_pair(v):
    s, c = in_a_pair(v * 2.0)
    return s + np.sum(c)


CALLERS = [calls_binary_out, calls_unary_out, calls_clip_out, calls_unbound_method, calls_probed,
           calls_in_a_pair]
POINT = np.array([0.5, -1.1, 1.3])


@pytest.mark.parametrize("f", CALLERS, ids=lambda f: f.__name__)
def test_a_helpers_source_forms_are_rewritten_when_it_is_inlined(f):
    gradient = tangentish.grad(f)(POINT.copy())
    assert_grad_close(gradient, numeric_grad(f, [POINT.copy()]), label=f.__name__)
    value, tangent = tangentish.jvp(f)(POINT.copy(), v_dot=np.ones(3))
    np.testing.assert_allclose(value, f(POINT.copy()))
    np.testing.assert_allclose(tangent, np.sum(numeric_grad(f, [POINT.copy()])), rtol=1e-6)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("f", CALLERS, ids=lambda f: f.__name__)
def test_a_helpers_source_forms_at_second_order(f, mode):
    check(mode, f, [POINT.copy()], 0)
