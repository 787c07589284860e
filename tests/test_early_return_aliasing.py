"""An in-place change on the path that did not return early, while another path returned a value
that may share memory with the changed one (``return x`` in a branch, ``x += ...`` after it).

Desugaring assigns an early return's value to the result variable only together with the flag
``_done``, after which nothing but the final ``return`` runs, so that variable never holds
anything where the change runs; the alias check used to refuse it as "maybe unbound, read
later" (found by the fuzzer, seed 800, program 159).  Each function is checked against central
differences in reverse and forward mode and at second order, on both sides of its branches."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, call_unchanged, numeric_grad, numeric_jacobian
from test_second_order import MODES, check

import tangentish


def two_returns_then_a_change(x):
    if np.cos(x) > -2.0:
        if x < 0.5:
            if x > -0.5:
                return x
            elif np.tanh(x) < 0.0:
                return np.sin(x) - 1.0
        x += np.cos(x)
    return x * x


def returns_the_array_then_changes_it(v):
    w = v * 1.5
    if np.max(v) > -5.0:
        if np.sum(v) < 0.0:
            if np.max(v) > 0.5:
                return np.sum(w * 2.0)
            elif np.min(v) < -2.0:
                return np.sum(np.exp(w))
        w += np.sin(w)
        w[0] = w[1] * w[2]
    return np.sum(w * w)


def returns_a_parameter_then_changes_it(v):  # a vector: its Jacobian
    if np.max(v) > -5.0:
        if np.sum(v) < 0.0:
            if np.max(v) > 0.5:
                return v
            elif np.min(v) < -2.0:
                return np.exp(v)
        v += np.sin(v)
        v[0] = v[1] * v[2]
    return v * v


def returns_from_a_loop_then_changes(v):
    acc = v * 1.0
    for i in range(3):
        if np.sum(acc) < 4.0:
            if np.sum(acc) > 3.0:
                return acc[0]
            if acc[0] < -3.0:
                return np.sum(acc * acc)
            acc += np.tanh(acc) * (i + 1)
    acc[1] = acc[0] * 2.0
    return np.sum(acc)


FLOATS = [0.3, 3.0, -0.8]
VECTORS = [np.array([0.2, -0.9, 0.4]), np.array([-0.4, 0.7, -0.6]),
           np.array([-1.2, 0.1, -0.9]), np.array([-2.5, -0.3, 0.2])]


@pytest.mark.parametrize("fn, point", [(two_returns_then_a_change, x) for x in FLOATS]
                         + [(returns_the_array_then_changes_it, v) for v in VECTORS]
                         + [(returns_from_a_loop_then_changes, v) for v in VECTORS])
def test_first_order_on_every_path(fn, point):
    args = [np.array(point) if isinstance(point, np.ndarray) else point]
    got = call_unchanged(tangentish.grad(fn), args)
    assert_grad_close(got, numeric_grad(fn, args, 0))
    value, tangent = tangentish.jvp(fn)(*args, **{next(iter(tangentish.jvp(fn).record.tangents
                                                            .values())): np.ones_like(point)})
    assert value == pytest.approx(fn(*[np.copy(a) for a in args]), rel=1e-12)
    assert tangent == pytest.approx(float(np.sum(numeric_grad(fn, args, 0))), rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("point", VECTORS)
def test_the_jacobian_of_a_returned_parameter_on_every_path(point):
    fn = returns_a_parameter_then_changes_it
    got = call_unchanged(tangentish.jacobian(fn), [np.copy(point)])
    assert_grad_close(got, numeric_jacobian(fn, [np.copy(point)], 0))
    cotangent = np.array([0.5, -1.0, 2.0])
    value, pullback = tangentish.vjp(fn)(np.copy(point))
    np.testing.assert_allclose(value, fn(np.copy(point)))
    assert_grad_close(pullback(cotangent), cotangent @ numeric_jacobian(fn, [np.copy(point)], 0))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn, point", [(returns_the_array_then_changes_it, v) for v in VECTORS]
                         + [(two_returns_then_a_change, x) for x in FLOATS])
def test_second_order_on_every_path(fn, point, mode):
    check(mode, fn, [np.copy(point) if isinstance(point, np.ndarray) else point], 0)
