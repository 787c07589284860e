"""Functions passed as arguments to the helpers and local functions that are inlined
(``passes/inline.py``, ``_literals_in_place``): the parameter is read as the function the caller
named (``rk4_step(rhs, y, h)`` calls ``rhs``; ``apply(np.tanh, x)`` calls ``np.tanh``; a local
``def`` passed along is inlined in turn).  Gradients against finite differences; what stays a call
to a local value (a parameter rebound in the helper) is refused; a lambda passed along is bound
to a name first (syntax/lambdas.py), as a local ``def`` is passed."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

SOURCE = '''
import numpy as np


def rhs(y, k):
    return -k * y + np.sin(y)


def rk4_step(f, y, h, k):
    k1 = f(y, k)
    k2 = f(y + h / 2 * k1, k)
    k3 = f(y + h / 2 * k2, k)
    k4 = f(y + h * k3, k)
    return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def simulate(y0, k):
    y = y0
    for _ in range(8):
        y = rk4_step(rhs, y, 0.1, k)
    return np.sum(y ** 2)


def apply(fn, x):
    return fn(x)


def euler(rhs, y, k):
    return y + 0.1 * rhs(y, k)


def same_name(x, k):  # (the argument spelled as the parameter it binds)
    return np.sum(euler(rhs, x, k) ** 2)


def twice(fn, x, scale=2.0):
    return fn(fn(x)) * scale


def with_numpy(x, k):
    return np.sum(apply(np.tanh, x) * apply(np.exp, -x * k)) + np.sum(twice(np.sin, x))


def with_local(x, k):
    def square(v):
        return v * v + np.sin(v) * k
    return np.sum(apply(square, x) + twice(square, x, scale=0.5))


def rebinding(f, x):
    f = np.cos
    return f(x)


def uses_rebinding(x, k):
    return np.sum(rebinding(np.sin, x)) * k


def with_lambda(x, k):
    return np.sum(apply(lambda v: v ** 3, x)) * k
'''

X = np.array([0.5, 1.2, -0.7])


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("fnargs"), "fn_arguments", SOURCE)


@pytest.mark.parametrize("name", ["simulate", "with_numpy", "with_local", "same_name",
                                  "with_lambda"])
@pytest.mark.parametrize("wrt", [0, 1])
def test_functions_passed_to_inlined_helpers(module, name, wrt):
    f = getattr(module, name)
    args = (X, 0.4)
    assert_grad_close(tangentish.grad(f, wrt=wrt)(*args), numeric_grad(f, args, wrt))
    tangent = np.ones_like(X) if wrt == 0 else 1.0
    param = ("y0" if name == "simulate" else "x") if wrt == 0 else "k"
    _, out_dot = tangentish.jvp(f, wrt=wrt)(*args, **{f"{param}_dot": tangent})
    assert np.isclose(out_dot, np.sum(numeric_grad(f, args, wrt) * tangent), rtol=1e-5, atol=1e-7)


def test_the_named_function_is_called_in_the_generated_code(module):
    code = [line for line in tangentish.grad(module.with_numpy).source.splitlines()
            if not line.strip().startswith("#")]
    assert any("np.tanh(x)" in line for line in code)
    assert not any("fn(" in line for line in code)


@pytest.mark.parametrize("name, match", [("uses_rebinding", "call to a local value")])
def test_what_stays_a_local_value_is_refused(module, name, match):
    with pytest.raises(UnsupportedConstructError, match=match) as info:
        tangentish.grad(getattr(module, name))(X, 0.4)
    assert "fn_arguments.py" in str(info.value)
