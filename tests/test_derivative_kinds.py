"""What every transform returns, by the kind of argument and of output, on one table: functions
that mix their argument with float64 values (so the generated code computes in float64 where the
argument is float32), return a Python float, or have a constant gradient, times every kind of
differentiated argument (a Python float, NumPy float32 and float64 scalars, 0-d arrays of both,
float32 and float64 vectors).

The README's rules: a gradient has its argument's dtype (float64 for a Python float), of a NumPy
scalar or a 0-d array a NumPy scalar; a value is what ``f`` returns, of its type and dtype; a
``jvp`` tangent has the output's floating dtype (a Python float's is float64) and is a scalar
where the output is; a transform of a gradient (``jvp(grad(f))``, ``value_and_grad(grad(f))``,
``hessian``) sees the gradient as ``grad(f)`` returns it.  Found by probing the argument kinds
the fuzzer did not pass: ``hessian`` of a float32 argument mixed with float64 values was float64
(hvp float32), a Python float output got a float32 tangent, and a 0-d argument's gradient was a
Python float, a NumPy scalar or a 0-d array depending on the function's body.
Values are checked against finite differences at the float64 point (float32 arguments: to float32
precision)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def mixed(x):
    return np.sum(np.arange(1.0, 4.0)[: np.size(x)] * x ** 3)


def python_float(x):
    return float(np.sum(x ** 2)) * 1.5


def constant_gradient(x):
    return np.sum(3.0 * x)


def item_of_array(x):
    return np.asarray(x).sum().item() * 2.0 + float(np.sum(np.sin(x)))


def zero_d_output(x):
    return np.array(np.sum(np.exp(x * 0.5)))


def scaled(x):  # (of a scalar only: a gradient that is a literal)
    return 3.0 * x


def as_array(x):  # (of a scalar only: a 0-d array's gradient)
    return np.asarray(x) * 2.0


FUNCTIONS = [mixed, python_float, constant_gradient, item_of_array, zero_d_output]
SCALAR_ONLY = [scaled, as_array]

POINT = [0.5, -1.25, 2.0]
ARGUMENTS = {
    "float": lambda: 0.5,
    "np.float32": lambda: np.float32(0.5),
    "np.float64": lambda: np.float64(0.5),
    "0d": lambda: np.array(0.5),
    "0d_f32": lambda: np.array(0.5, dtype=np.float32),
    "f32": lambda: np.array(POINT, dtype=np.float32),
    "f64": lambda: np.array(POINT),
}


def _dtype(value):
    """The floating dtype a derivative keeps for ``value`` (float64 for a Python float)."""
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else np.dtype(np.float64)


def _kind(value):
    return "array" if isinstance(value, np.ndarray) and value.ndim else \
        "float" if type(value) is float else "numpy scalar"


def _assert_gradient(gradient, x, reference, label):
    """Of ``x``'s dtype and kind (an ndarray for an array argument, a NumPy scalar for a NumPy
    scalar or a 0-d array, a float for a Python float), close to the reference."""
    assert np.shape(gradient) == np.shape(x), label
    assert np.asarray(gradient).dtype == _dtype(x), f"{label}: {np.asarray(gradient).dtype}"
    if isinstance(x, np.ndarray) and x.ndim:
        assert type(gradient) is np.ndarray, f"{label}: {type(gradient)}"
    elif type(x) is not float:
        assert isinstance(gradient, np.generic), f"{label}: {type(gradient)} for {type(x)}"
    else:
        assert isinstance(gradient, float), f"{label}: {type(gradient)}"
    rtol = 2e-3 if _dtype(x) == np.float32 else 1e-6
    np.testing.assert_allclose(np.asarray(gradient, np.float64), reference, rtol=rtol, atol=1e-5,
                               err_msg=label)


def _assert_value(value, expected, label):
    assert type(value) is type(expected), f"{label}: {type(value)} where f returns {type(expected)}"
    assert np.asarray(value).dtype == np.asarray(expected).dtype, label
    np.testing.assert_allclose(value, expected, rtol=1e-6, err_msg=label)


def _reference(f, x):
    """Finite differences at the float64 point ``x`` stands for."""
    point = np.asarray(x, dtype=np.float64)
    return np.asarray(numeric_grad(f, [point if point.ndim else float(point)], 0))


CASES = [(f, kind) for f in FUNCTIONS for kind in ARGUMENTS] + \
    [(f, kind) for f in SCALAR_ONLY for kind in ARGUMENTS if kind not in ("f32", "f64")]


@pytest.mark.parametrize(("f", "kind"), CASES, ids=[f"{f.__name__}-{k}" for f, k in CASES])
def test_first_order_results_have_their_arguments_and_outputs_kinds(f, kind):
    x = ARGUMENTS[kind]()
    expected, reference = f(x), _reference(f, x)
    _assert_gradient(tangentish.grad(f)(x), x, reference, "grad")
    value, gradient = tangentish.value_and_grad(f)(x)
    _assert_value(value, expected, "value_and_grad value")
    _assert_gradient(gradient, x, reference, "value_and_grad")
    value, pullback = tangentish.vjp(f)(x)
    _assert_value(value, expected, "vjp value")
    _assert_gradient(pullback(1.0), x, reference, "pullback")
    direction = np.ones_like(x) if isinstance(x, np.ndarray) else type(x)(1.0)
    value, tangent = tangentish.jvp(f)(x, x_dot=direction)
    _assert_value(value, expected, "jvp value")
    assert np.asarray(tangent).dtype == _dtype(expected), f"tangent {np.asarray(tangent).dtype}"
    assert isinstance(tangent, np.ndarray) == isinstance(expected, np.ndarray), type(tangent)
    np.testing.assert_allclose(tangent, np.sum(reference), rtol=2e-3, atol=1e-5)


@pytest.mark.parametrize("kind", list(ARGUMENTS))
@pytest.mark.parametrize("f", [mixed, python_float, zero_d_output], ids=lambda f: f.__name__)
def test_transforms_of_a_gradient_see_it_as_grad_returns_it(f, kind):
    x = ARGUMENTS[kind]()
    gradient = tangentish.grad(f)
    returned = gradient(x)
    direction = np.ones_like(x) if isinstance(x, np.ndarray) else type(x)(1.0)
    value, tangent = tangentish.jvp(gradient)(x, x_dot=direction)
    _assert_value(value, returned, "jvp(grad(f)) value")
    assert np.asarray(tangent).dtype == _dtype(x), f"jvp(grad(f)) tangent {np.asarray(tangent).dtype}"
    hessian = tangentish.hessian(f)(x)
    assert hessian.dtype == _dtype(x), f"hessian {hessian.dtype} for {_dtype(x)}"
    product = tangentish.hvp(f)(x, direction)
    # the reference: finite differences of the float64 gradient at the same point
    point = np.asarray(x, dtype=np.float64)
    at = point if point.ndim else float(point)
    along = np.asarray(direction, dtype=np.float64)
    columns = np.asarray(numeric_grad(lambda y: np.sum(tangentish.grad(f)(y) * along), [at]))
    _assert_gradient(product, x, columns, "hvp")
    rtol = 2e-3 if _dtype(x) == np.float32 else 1e-6
    matrix = np.reshape(hessian, (np.size(x), np.size(x)))
    np.testing.assert_allclose(matrix @ np.ravel(along), np.ravel(columns), rtol=rtol, atol=1e-4)
    if np.ndim(x) == 0:
        value, second = tangentish.value_and_grad(gradient)(x)
        _assert_value(value, returned, "value_and_grad(grad(f)) value")
        _assert_gradient(second, x, columns, "grad(grad(f))")
