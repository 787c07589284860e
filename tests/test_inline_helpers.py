"""Small helpers of the differentiated function's own module are inlined where they are called
(``passes/inline_helpers.py``); every other helper keeps a derivative function of its own.  Each
condition for inlining is tested both ways, and every result against finite differences."""

from __future__ import annotations

import importlib
import sys
import textwrap

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.passes.inline_helpers import BUDGET, MAX_STATEMENTS

HELPER_DERIVATIVE = "# derivative of the helper"

MODULE = '''
import numpy as np
import tangentish
from other_helpers import elsewhere

scale = 3.0


def softplus(z):
    return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)


def layer(v, w, shift=0.1):
    return softplus(v * w + shift) - 0.5 * v


def two_layers(x, w):
    return np.sum(layer(layer(x, w), w, shift=-0.2) ** 2)


def pair(a, b):
    return a * b, np.sum(a + b)


def uses_pair(x, y):
    p, q = pair(x, y)
    return np.sum(p * q)


def cell(h, v, *, rate=0.5):
    return np.tanh(h * rate + v)


def in_loop(x):
    h = np.zeros_like(x)
    for t in range(3):
        h = cell(h, x * (t + 1))
    return np.sum(h * h)


def with_early_return(v):
    if np.sum(v) > 0:
        return v * v
    return -v


def calls_branchy(x):
    return np.sum(with_early_return(x) + with_early_return(-x))


def uses_scale(v):
    return v * scale


def clash(x):
    scale = 10.0  # the helper's `scale` is the module's 3.0, not this one
    return np.sum(uses_scale(x) * scale)


def accumulate(v):
    s = 0.0
    for k in range(3):
        s += v * (k + 1.0)
    return s


def calls_accumulate(x):
    return np.sum(accumulate(x) ** 2)


def bump(v):
    w = v  # another name for the caller's array: `w += 1.0` would change it
    w += 1.0
    return w * 2.0


def calls_bump(x):
    y = x * 1.0
    z = bump(y)
    return np.sum(z * y)


tanh_x = 5.0  # a global named as generated code names the temporary np.tanh(x)


def reads_tanh_x(v):
    return v * tanh_x


def temporary_clash(x):
    return np.sum(np.tanh(x) + reads_tanh_x(x))


def writes(v):
    w = v * 1.0
    w[0] = 0.0
    return w * v


def calls_writer(x):
    return np.sum(writes(x))


@tangentish.checkpoint
def marked(v):
    return np.sin(v) * v


def calls_marked(x):
    return np.sum(marked(x))


def array_default(v, w=np.arange(3.0)):
    return v * w


def calls_array_default(x):
    return np.sum(array_default(x) ** 2)


def numpy_bool_default(v, double=np.True_):
    return v * 2.0 if double else v


def calls_numpy_bool_default(x):
    return np.sum(numpy_bool_default(x) ** 2)


def calls_elsewhere(x):
    return np.sum(elsewhere(x) ** 2)


def big(v):
''' + "".join(f"    v = np.sin(v) * 0.9 + 0.01 * {i}\n" for i in range(MAX_STATEMENTS)) + '''    return v


def calls_big(x):
    return np.sum(big(x))


def small(v):
''' + "".join(f"    v = np.cos(v) * 0.9 + 0.01 * {i}\n" for i in range(9)) + '''    return v


def many_calls(x):
''' + "".join("    x = small(x) * 0.5\n" for _ in range(BUDGET // 10 + 3)) + '''    return np.sum(x)
'''

OTHER = '''
import numpy as np


def elsewhere(v):
    return np.tanh(v) * v
'''


@pytest.fixture(scope="module")
def mod(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inline_helpers")
    (folder / "inlining.py").write_text(MODULE)
    (folder / "other_helpers.py").write_text(textwrap.dedent(OTHER))
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("inlining")
    finally:
        sys.path.remove(str(folder))
        for name in ("inlining", "other_helpers"):
            sys.modules.pop(name, None)


RNG = np.random.default_rng(11)
X, Y = RNG.normal(size=3), RNG.normal(size=3)
W = 0.7


def _check_all_modes(f, args, wrt=0):
    reference = numeric_grad(f, args, wrt)
    assert_grad_close(tangentish.grad(f, wrt=wrt)(*args), reference, label=f.__name__)
    value, pullback = tangentish.vjp(f, wrt)(*args)
    assert value == pytest.approx(f(*args))
    assert_grad_close(pullback(1.0), reference, label=f"vjp {f.__name__}")
    direction = np.linspace(-1.0, 1.0, np.size(args[wrt]))
    tangents = tuple(direction if i == wrt else np.zeros_like(a) for i, a in enumerate(args))
    _, tangent = tangentish.jvp(f, args, tangents)
    scale = max(1.0, float(np.max(np.abs(reference))))
    assert tangent == pytest.approx(reference @ direction, rel=1e-6, abs=1e-7 * scale)


@pytest.mark.parametrize("name, args", [
    ("two_layers", (X, W)), ("uses_pair", (X, Y)), ("in_loop", (X,)), ("calls_branchy", (X,)),
    ("calls_branchy", (-X,)), ("calls_accumulate", (X,)),
])
def test_inlined_helpers_match_finite_differences(mod, name, args):
    f = getattr(mod, name)
    source = tangentish.grad(f).source
    assert HELPER_DERIVATIVE not in source, source  # inlined: no derivative of its own
    _check_all_modes(f, args)


def test_inlined_helpers_at_second_order(mod):
    hessian = tangentish.hessian(mod.in_loop)(X)
    for i in range(X.size):
        row = numeric_grad(lambda x, i=i: tangentish.grad(mod.in_loop)(x)[i], (X,))
        assert_grad_close(hessian[i], row, rtol=1e-4, atol=1e-6, label=f"row {i}")


def test_an_inlined_helpers_lines_are_cited(mod):
    source = tangentish.grad(mod.two_layers).source
    assert "# adjoint of: return softplus(v * w + shift) - 0.5 * v  [inlining.py:14]" in source
    assert "# adjoint of: return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)  " \
        "[inlining.py:10]" in source


def test_a_helper_changing_an_argument_through_another_name_is_differentiated(mod):
    """``w = v; w += 1.0`` changes the caller's array (Python's semantics): the helper, handed a
    name, is inlined (passes/helper_writes.py), and the change through another name is followed
    (passes/view_writes.py; refused until stop 59), in every mode, the caller's array kept."""
    given = X.copy()
    _check_all_modes(mod.calls_bump, (given,))
    assert np.array_equal(given, X)


@pytest.mark.parametrize("name", ["clash", "temporary_clash", "calls_writer", "calls_marked",
                                  "calls_array_default", "calls_numpy_bool_default",
                                  "calls_elsewhere", "calls_big"])
def test_helpers_that_are_not_inlined_keep_a_derivative_of_their_own(mod, name):
    f = getattr(mod, name)
    assert HELPER_DERIVATIVE in tangentish.grad(f).source
    _check_all_modes(f, (X,))


def test_a_helper_called_often_is_inlined_up_to_the_budget(mod):
    source = tangentish.grad(mod.many_calls).source
    assert source.count("= grad_small_wrt_v(") == 3  # the calls past the budget
    _check_all_modes(mod.many_calls, (X,))


def test_changing_an_inlined_helper_derives_again(mod):
    before = tangentish.grad(mod.two_layers)(X, W)
    mod.layer.__defaults__ = (0.3,)
    try:
        after = tangentish.grad(mod.two_layers)(X, W)
        assert_grad_close(after, numeric_grad(mod.two_layers, (X, W)))
        assert not np.allclose(before, after)
    finally:
        mod.layer.__defaults__ = (0.1,)
    original = mod.softplus
    mod.softplus = lambda z: np.tanh(z)  # (a lambda of this module: not inlined)
    try:
        assert_grad_close(tangentish.grad(mod.two_layers)(X, W),
                          numeric_grad(mod.two_layers, (X, W)))
    finally:
        mod.softplus = original


def test_a_rule_registered_later_for_an_inlined_helper_is_used(mod):
    from tangentish import extend
    from tangentish.registry import REGISTRY

    assert HELPER_DERIVATIVE not in tangentish.grad(mod.calls_branchy).source
    before = tangentish.grad(mod.clash)(X)
    extend.elementwise(mod.uses_scale, lambda y, v: 4.0 + 0.0 * v)  # deliberately not 3.0
    try:
        np.testing.assert_allclose(tangentish.grad(mod.clash)(X), 40.0 * np.ones(3))
    finally:
        REGISTRY.entries.pop(("adjoint", mod.uses_scale), None)
        REGISTRY.entries.pop(("tangent", mod.uses_scale), None)
        REGISTRY._bump(mod.uses_scale)
    np.testing.assert_allclose(tangentish.grad(mod.clash)(X), before)
