"""The value a derivative function returns is the value ``f`` returns, of its type and dtype, for
every spelling of a magnitude squared (passes/squared_magnitudes.py lowers each to
``_rt.squared_magnitude``, which computes the value as written and differentiates it as a sum of
squares).  ``np.abs(1.0) ** 2`` is a float64 where ``abs(1.0) ** 2`` is a Python float, a float32
scalar squared is a float64 under NumPy 1's promotion of scalars, an int squared with ``** 2.0`` is
a float: each function is run by ``value_and_grad``, ``jvp`` and ``vjp`` at a table of arguments
and the value compared with ``f``'s exactly, and the derivative with the closed form ``2 x``."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish


def np_abs_int_power(x):
    return np.abs(x) ** 2


def np_abs_float_power(x):
    return np.abs(x) ** 2.0


def np_square_of_np_abs(x):
    return np.square(np.abs(x))


def np_power_of_np_abs(x):
    return np.power(np.abs(x), 2)


def np_power_float_of_np_abs(x):
    return np.power(np.abs(x), 2.0)


def abs_int_power(x):
    return abs(x) ** 2


def abs_float_power(x):
    return abs(x) ** 2.0


def np_square_of_abs(x):
    return np.square(abs(x))


def np_power_of_abs(x):
    return np.power(abs(x), 2)


def constant_magnitude(x):  # (seed 9304, program 3: the value a float where f gave a float64)
    import numpy

    return numpy.abs(1.0) ** 2 + 0.0 * x


FUNCTIONS = [np_abs_int_power, np_abs_float_power, np_square_of_np_abs, np_power_of_np_abs,
             np_power_float_of_np_abs, abs_int_power, abs_float_power, np_square_of_abs,
             np_power_of_abs]
POINTS = [-1.5, np.float32(-1.5), np.float16(0.75), np.float64(0.5), np.array(-0.25),
          np.array([0.5, -2.0], dtype=np.float32)]


def _value(mode, fn, x):
    if mode == "value_and_grad":
        seed = np.ones_like(fn(x))[()] if np.ndim(x) else 1.0
        value, grad = tangentish.value_and_grad(fn)(x, out_bar=seed)
    elif mode == "jvp":
        value, grad = tangentish.jvp(fn)(x, x_dot=np.ones_like(x)[()] if np.ndim(x) else 1.0)
    else:
        value, pullback = tangentish.vjp(fn)(x)
        grad = pullback(np.ones_like(value)[()] if np.ndim(value) else 1.0)
    return value, grad


@pytest.mark.parametrize("mode", ["value_and_grad", "jvp", "vjp"])
@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda fn: fn.__name__)
def test_the_value_is_fs_own(fn, mode):
    for x in POINTS:
        expected = fn(x)
        value, grad = _value(mode, fn, x)
        assert type(value) is type(expected), (x, value, expected)
        assert np.asarray(value).dtype == np.asarray(expected).dtype, (x, value, expected)
        np.testing.assert_array_equal(value, expected)
        reference = 2.0 * np.asarray(x, dtype=np.float64)  # (d |x|^2 / dx, its own closed form)
        np.testing.assert_allclose(np.asarray(grad, dtype=np.float64), reference, rtol=1e-3)


@pytest.mark.parametrize("mode", ["value_and_grad", "jvp", "vjp"])
def test_a_constant_magnitude_keeps_its_float64(mode):
    value, _ = _value(mode, constant_magnitude, -1.0957927387203643)
    assert type(value) is np.float64


def test_a_complex_magnitude_is_computed_as_written():
    """``abs(1 + 2j) ** 2`` a Python float, ``np.abs(...)`` a float64, each the very value."""
    def python_complex(x):
        return abs(x * (1 + 2j)) ** 2

    def numpy_complex(x):
        return np.abs(x * (1 + 2j)) ** 2

    for fn in (python_complex, numpy_complex):
        value, grad = tangentish.value_and_grad(fn)(0.7)
        assert type(value) is type(fn(0.7)) and value == fn(0.7)
        assert grad == pytest.approx(2.0 * 5.0 * 0.7)
