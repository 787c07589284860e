"""``math`` functions of float32 and float64 numbers: the derivatives have the primal's dtype.

``math.sin(x[0])`` of a float32 ``x`` is a Python float (computed in double precision), so its
tangent is one too, while the gradient of ``x`` is float32, as ``x`` is; and each is the
derivative: ``jvp`` and ``grad`` against central differences of the function in float64 (a
float32 point is exact in float64; second order: the rule table's rows, test_second_order).  Every
``math`` function with a rule has a row (:func:`test_every_math_rule_has_a_row`).
``math.fmod``'s partial in its divisor, ``-float(math.trunc(x1 / x2))``, raised TypeError ('type
numpy.float32 doesn't define __trunc__ method') in every mode on float32 items (stop 61); it
and ``math.remainder``'s are now the multiple itself, ``(x1 - y) / x2`` rounded in double.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import tangentish
from tangentish.registry import REGISTRY, TANGENT


def _times(fn):
    return lambda x: fn(x[0]) * x[1]


# name: (function of a vector x of 2 elements, the point, in float64)
ROWS = {name: (_times(getattr(math, name)), (0.4, 1.3)) for name in (
    "sin", "cos", "tan", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "tanh",
    "sinh", "cosh", "atan", "asinh", "erf", "erfc", "lgamma", "gamma", "asin", "acos",
    "atanh", "fabs", "degrees", "radians", "cbrt", "exp2") if hasattr(math, name)}  # (cbrt, exp2:
# Python 3.11 on)
ROWS.update({
    "acosh": (lambda x: math.acosh(x[0]) * x[1], (1.4, 0.7)),
    "atan2": (lambda x: math.atan2(x[0], x[1]), (0.4, 1.3)),
    "hypot": (lambda x: math.hypot(x[0], x[1], 2.0), (0.4, 1.3)),
    "pow": (lambda x: math.pow(x[0], x[1]), (0.4, 1.3)),
    "copysign": (lambda x: math.copysign(x[0], x[1]) * x[1], (0.4, -1.3)),
    "fmod": (lambda x: math.fmod(x[1], x[0]), (0.4, 1.3)),
    "remainder": (lambda x: math.remainder(x[1], x[0]), (0.4, 1.3)),
    "dist": (lambda x: math.dist((x[0], 1.0), (x[1], 0.0)), (0.4, 1.3)),
    "ldexp": (lambda x: math.ldexp(x[0], 3) * x[1], (0.4, 1.3)),
    "fsum": (lambda x: math.fsum([x[0] * x[1], x[1]]), (0.4, 1.3)),
    "prod": (lambda x: math.prod([x[0], x[1], x[0]]), (0.4, 1.3)),
    "nextafter": (lambda x: math.nextafter(x[0], 2.0) * x[1], (0.4, 1.3)),
})

if hasattr(math, "sumprod"):  # (Python 3.12 on)
    ROWS["sumprod"] = (lambda x: math.sumprod((x[0], x[1]), (x[1], 2.0)), (0.4, 1.3))
if hasattr(math, "fma"):  # (Python 3.13 on)
    ROWS["fma"] = (lambda x: math.fma(x[0], x[1], x[0]), (0.4, 1.3))

STEP = 1e-6


def _gradient(f, x: np.ndarray) -> np.ndarray:
    return np.array([(f(x + STEP * e) - f(x - STEP * e)) / (2 * STEP) for e in np.eye(x.size)])


@pytest.mark.parametrize("name", sorted(ROWS))
def test_math_derivatives_have_the_primal_dtype(name: str) -> None:
    f, point = ROWS[name]
    direction = np.array([0.7, -0.4])
    for dtype in (np.float32, np.float64):
        x = np.array(point, dtype=dtype)
        wide = x.astype(np.float64)
        primal = f(x)
        value, tangent = tangentish.jvp(f)(x, x_dot=direction.astype(dtype))
        gradient = tangentish.grad(f)(x)
        assert np.result_type(value) == np.result_type(tangent) == np.result_type(primal), name
        assert gradient.dtype == dtype, name
        expected = _gradient(f, wide)
        tolerance = 1e-6 if dtype is np.float64 else 2e-4
        np.testing.assert_allclose(tangent, expected @ direction, rtol=tolerance, atol=tolerance)
        np.testing.assert_allclose(gradient, expected, rtol=tolerance, atol=tolerance)


def test_every_math_rule_has_a_row() -> None:
    ruled = {name for name in dir(math) if callable(getattr(math, name)) and
             REGISTRY.lookup(TANGENT, getattr(math, name)) is not None}
    assert ruled <= set(ROWS), sorted(ruled - set(ROWS))
