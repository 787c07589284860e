"""passes/step_signs.py: a ReLU's step and an ``abs``'s adjoint of one value read one
``np.sign``, and the gradient is still the function's (closed form and finite differences)."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import specialized_calls

import tangentish
from tangentish.passes.derivative import Derivative
from tangentish.passes.step_signs import share_step_signs
from tangentish.passes.walks import Walks
from tangentish.runtime import selection
from tangentish.syntax.naming import Namer
from tangentish.syntax.printer import function_text


def softplus_sum(z):
    return np.sum(np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0))


def relu_first(z, w):
    a = np.maximum(z * w, 0.0)
    return np.sum(a * np.abs(z * w)) + np.sum(np.abs(z) * w)


SIZES = (1, 7, selection._BRANCHY, selection._BRANCHY + 1, 3000)


def _points(size):
    z = np.random.default_rng(size).normal(size=size) * 3.0
    z[: min(size, 3)] = [0.0, -0.0, 1e-300][: min(size, 3)]
    return z


@pytest.mark.parametrize("size", SIZES)
def test_softplus_reads_one_sign_and_is_the_sigmoid(size):
    z = _points(size)
    df = tangentish.grad(softplus_sum)
    first, second = specialized_calls(df, (z,), 2)  # (the generic derivative, then the specialized one)
    source = df.source_for(z)
    assert source.count("np.sign(") == 1, source
    assert "_rt.step(z, sign_z)" in source, source
    expected = 1.0 / (1.0 + np.exp(-z))  # softplus' (closed form; 0.5 at either zero)
    np.testing.assert_allclose(second, expected, rtol=1e-14, atol=0)
    np.testing.assert_allclose(first, expected, rtol=1e-14, atol=0)


@pytest.mark.parametrize("size", (5, 400))
def test_relu_and_abs_of_one_product_against_finite_differences(size):
    rng = np.random.default_rng(77)
    z, w = rng.normal(size=size), rng.normal(size=size)
    df = tangentish.grad(relu_first, wrt=(0, 1))
    df(z, w)
    source = df.source_for(z, w)
    assert "sign_" in source and source.count("np.sign(") == 2, source  # (z * w's and z's)
    report = tangentish.check_grads(relu_first, (z, w), wrt=(0, 1), seed=5, warn=False,
                                    raise_on_failure=False)
    assert report.ok, str(report)
    again = df(z, w)
    for got, want in zip(again, tangentish.grad(relu_first, wrt=(0, 1), optimized=False)(z, w),
                         strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)


def _derivative(text: str) -> Derivative:
    node = gast.parse(text).body[0]
    return Derivative(node.name, node.args, node.body, Namer({"z", "g", "u", "v", "m"}))


def _shared(text: str) -> str:
    fn = _derivative(text)
    share_step_signs(fn, Walks())
    return function_text(gast.Module(body=[gast.FunctionDef(
        name=fn.name, args=fn.args, body=fn.body, decorator_list=[], returns=None,
        type_comment=None, type_params=[])], type_ignores=[]).body[0])


SHARED = """
def f(z, g, m):
    u = _rt.chosen(g, _rt.step(z))
    v = u - m * np.sign(z)
    return v
"""

REBOUND = """
def f(z, g, m):
    u = _rt.chosen(g, _rt.step(z))
    z = 2.0 * z
    v = u - m * np.sign(z)
    return v
"""

IN_PLACE = """
def f(z, g, m):
    u = _rt.chosen(g, _rt.step(z))
    m += z
    v = u - m * np.sign(z)
    return v
"""

CALLED = """
def f(z, g, m):
    u = _rt.chosen(g, _rt.step(z))
    m = write(z)
    v = u - m * np.sign(z)
    return v
"""


def test_the_sign_is_computed_once_before_the_first_read():
    text = _shared(SHARED)
    assert text.splitlines()[1:4] == ["    sign_z = np.sign(z)",
                                      "    u = _rt.chosen(g, _rt.step(z, sign_z))",
                                      "    v = u - m * sign_z"], text


@pytest.mark.parametrize("text", [REBOUND, IN_PLACE, CALLED], ids=["rebound", "in place", "call"])
def test_nothing_is_shared_across_a_binding_or_a_possible_write(text):
    shared = _shared(text)
    assert "sign_z" not in shared and "_rt.step(z))" in shared, shared
