"""Python-scalar partials at their singular points behave like their NumPy twins' (README
"Singular points"): ``x ** 0.5``, ``pow``, ``math.pow``, ``math.sqrt``, ``math.cbrt``,
``math.asin``/``acos``/``acosh`` of a Python float where the value is finite and the derivative
is not give NumPy's inf or NaN in every mode, never a ``ZeroDivisionError`` or ``ValueError`` raised
inside generated code (``_rt.power``, and ``np.divide`` in a singular ``math`` function's partial:
``tangentish/rule_forms.py`` ``in_math``); a clamp that leaves the singular point unused gives 0,
as ``np.sqrt(np.maximum(...))`` does."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import tangentish

Y = 0.5  # (an exponent that is not a literal: the power rule's partial is not folded)


def py_pow(x):
    return x ** 0.5


def np_pow(x):
    return np.power(x, 0.5)


def py_pow_quarter(x):
    return 2.0 * x ** 0.25


def np_pow_quarter(x):
    return 2.0 * np.power(x, 0.25)


def py_pow_name(x):
    return x ** Y


def np_pow_name(x):
    return np.power(x, Y)


def py_builtin_pow(x):
    return pow(x, 0.5)


def py_math_pow(x):
    return math.pow(x, 0.5)


def py_sqrt(x):
    return math.sqrt(x)


def np_sqrt(x):
    return np.sqrt(x)


def py_cbrt(x):
    return math.cbrt(x)


def np_cbrt(x):
    return np.cbrt(x)


def py_asin(x):
    return math.asin(x)


def np_asin(x):
    return np.arcsin(x)


def py_acos(x):
    return math.acos(x)


def np_acos(x):
    return np.arccos(x)


def py_acosh(x):
    return math.acosh(x)


def np_acosh(x):
    return np.arccosh(x)


def py_clamped(x):
    return math.sqrt(max(x - 0.125, 0.0)) + max(x, 0.0) ** 0.5


def np_clamped(x):
    return np.sqrt(np.maximum(x - 0.125, 0.0)) + np.maximum(x, 0.0) ** 0.5


def py_abs_pow(x):
    return abs(x) ** 0.5


def np_abs_pow(x):
    return np.abs(x) ** 0.5


# (Python function, NumPy twin, the singular point, the one-sided derivative there: closed form)
CASES = [
    (py_pow, np_pow, 0.0, math.inf),
    (py_pow_quarter, np_pow_quarter, 0.0, math.inf),
    (py_pow_name, np_pow_name, 0.0, math.inf),
    (py_builtin_pow, np_pow, 0.0, math.inf),
    (py_math_pow, np_pow, 0.0, math.inf),
    (py_sqrt, np_sqrt, 0.0, math.inf),
    *([(py_cbrt, np_cbrt, 0.0, math.inf)] if hasattr(math, "cbrt") else []),  # (3.11 on)
    (py_asin, np_asin, 1.0, math.inf),
    (py_asin, np_asin, -1.0, math.inf),
    (py_acos, np_acos, 1.0, -math.inf),
    (py_acosh, np_acosh, 1.0, math.inf),
    (py_clamped, np_clamped, -1.0, 0.0),  # (unused: the clamps choose their constant)
    (py_abs_pow, np_abs_pow, 0.0, math.nan),  # (a cusp: 0 * inf)
]

MODES = {
    "grad": lambda f, x: tangentish.grad(f)(x),
    "jvp": lambda f, x: tangentish.jvp(f)(x, x_dot=1.0)[1],
    "vjp": lambda f, x: tangentish.vjp(f)(x)[1](1.0),
    "hvp": lambda f, x: tangentish.hvp(f)(x, 1.0),
}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize(("python", "twin", "at", "slope"), CASES,
                         ids=[f"{c[0].__name__}@{c[2]}" for c in CASES])
def test_python_scalar_partials_at_singular_points_are_numpys(python, twin, at, slope, mode):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's divide-by-zero, as the twin's)
        assert python(at) == twin(at)  # (the value is finite there)
        got, expected = MODES[mode](python, at), MODES[mode](twin, at)
    assert np.array_equal(got, expected, equal_nan=True), (got, expected)
    if mode in ("grad", "vjp", "jvp"):
        assert np.array_equal(got, slope, equal_nan=True), (got, slope)


def log_of_an_overwritten_zero(x, y):  # (grammar fuzz seed 9050 program 2, shrunk)
    for _ in range(1):
        if y < 1.0:
            pass
        else:  # (never taken at y = 0: y's tangent is a zero made for a Python number)
            for _ in range(2):
                items = iter([y, np.exp(x)])
                a = next(items)
                b = next(items, 0.5)
                if a > 0.2:
                    return a * b
            while y < 3.0:
                y /= 1.0 + x * x
    for k in range(2):  # (at k = 0, np.log of a Python 0.0: -inf, overwritten at k = 1)
        out = x * x + y + np.log((y * 3.0 * (y * 3.0) + 0.5) * k + k)
    return out


def test_an_overwritten_log_of_zero_has_the_closed_form_hvp():
    """``hvp`` of ``x * x + ...`` is 2 (closed form): the ``np.log(0.0)`` of the first iteration
    is overwritten, and its tangent, a zero made for the Python number ``y``, divided by a Python
    0.0 raised ``ZeroDivisionError`` inside the generated ``jvp`` of the gradient."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert tangentish.hvp(log_of_an_overwritten_zero)(0.9, 0.0, 1.0) == 2.0


def test_a_tangent_made_for_a_python_number_divides_as_numpy_does():
    """A zero tangent made for a Python number (a name differentiated on some paths only) is a
    float64, as a tangent given for one is (``check_tangent``), and a masked quotient divides in
    NumPy's arithmetic: ``np.log`` of a Python 0.0 whose tangent is 0 gives NaN with NumPy's
    warning, never a ``ZeroDivisionError`` in generated code (``log_of_an_overwritten_zero``)."""
    from tangentish import runtime as rt

    zero = rt.zeros_like(0.0, listed=True)
    assert type(zero) is np.float64 and zero == 0.0
    assert [type(z) for z in rt.zeros_like([0.0, 2], listed=True)] == [np.float64, np.float64]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert np.isnan(zero / 0.0) and np.isnan(rt.divided(True, 0.0, 0.0))
        assert rt.divided(False, 0.0, 0.0) == 0.0


# A NumPy function of a Python float at its singular point, its value used where it is finite
# (math.exp(-inf) is 0): the ufunc computed with the float as a NumPy scalar, and so does the
# adjoint, whose seed (or cotangent) of a Python-float output is a float64 (``_rt.seed``,
# ``runtime._common.in_output_dtype``, as a Python float's tangent is); in Python's arithmetic
# ``g / x`` of ``np.log``'s adjoint raised ``ZeroDivisionError`` where a float64 argument gives
# NaN (as README "Singular points" says); a tuple's items each have a cotangent of their own.
# (jvp: a Python float's tangent is a float64 already.)
def np_log_of_zero(x):
    return math.exp(np.log(x * 0.0)) + x


def np_log2_of_zero(x):
    return math.exp(np.log2(x * 0.0)) + x


def np_log10_of_zero(x):
    return math.exp(np.log10(x * 0.0)) + x


def np_log1p_of_minus_one(x):
    return math.exp(np.log1p(x * 0.0 - 1.0)) + x


def np_arctanh_of_one(x):
    return math.exp(-np.arctanh(1.0 + x * 0.0)) + x


def tuple_log_of_zero(x):
    return math.exp(np.log(x * 0.0)) + x, x


OPERAND_QUOTIENTS = [np_log_of_zero, np_log2_of_zero, np_log10_of_zero, np_log1p_of_minus_one,
                     np_arctanh_of_one]


@pytest.mark.parametrize("mode", ["grad", "hvp", "vjp"])
@pytest.mark.parametrize("f", OPERAND_QUOTIENTS, ids=lambda f: f.__name__)
def test_a_numpy_partial_of_a_python_float_divides_as_numpy_does(f, mode):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's divide-by-zero and 0 * inf)
        assert f(0.9) == f(np.float64(0.9)) == 0.9
        got, expected = MODES[mode](f, 0.9), MODES[mode](f, np.float64(0.9))
    assert np.array_equal(got, expected, equal_nan=True), (got, expected)


def test_a_tuple_output_of_python_floats_has_float64_cotangents():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got = tangentish.vjp(tuple_log_of_zero)(0.9)[1]((1.0, 1.0))
        expected = tangentish.vjp(tuple_log_of_zero)(np.float64(0.9))[1]((1.0, 1.0))
    assert np.isnan(got) and np.isnan(expected)
