"""Rule-table rows of the ``math`` module and builtins on Python floats.  Rules: the ``math`` twins
in ``tangentish/rules/numpy_elementwise.py`` and ``numpy_binary.py``, and ``scalar_math.py``.
"""

from __future__ import annotations

import math

import numpy as np

from .common import POSITIVE, UNIT, W3, W34, Row


def math_sin(x):
    return math.sin(x)


def math_cos(x):
    return math.cos(x)


def math_tan(x):
    return math.tan(x)


def math_asin(x):
    return math.asin(x)


def math_acos(x):
    return math.acos(x)


def math_atan(x):
    return math.atan(x)


def math_atan2(y, x):
    return math.atan2(y, x)


def math_sinh(x):
    return math.sinh(x)


def math_cosh(x):
    return math.cosh(x)


def math_tanh(x):
    return math.tanh(x)


def math_asinh(x):
    return math.asinh(x)


def math_acosh(x):
    return math.acosh(x)


def math_atanh(x):
    return math.atanh(x)


def math_exp(x):
    return math.exp(x)


def math_expm1(x):
    return math.expm1(x)


def math_log(x):
    return math.log(x)


def math_log_base(x, b):
    return math.log(x, b)


def math_log1p(x):
    return math.log1p(x)


def math_log2(x):
    return math.log2(x)


def math_log10(x):
    return math.log10(x)


def math_sqrt(x):
    return math.sqrt(x)


def math_pow(x, y):
    return math.pow(x, y)


def math_hypot(x, y):
    return math.hypot(x, y)


def math_fabs(x):
    return math.fabs(x)


def builtin_max_min(x, y):  # two numbers (ties split evenly; x * 1.5 and y do not meet here)
    return max(x * 1.5, y) * min(x, y - 3.0) + max(y, 0.25) - min(0.5, x)


def builtin_sorted(x, y, z):  # a list of numbers, a 1-d array, reversed, of a comprehension
    low, mid, high = sorted([x * 2.0, np.sin(y), z ** 2])
    ranked = sorted(np.array([x, y, z]) * W3, reverse=True)
    squares = sorted([v * v for v in (x, y - 1.0)])
    return low * high ** 2 + 3.0 * mid + ranked[0] - 2.0 * ranked[2] + squares[0] * squares[1]


def builtin_max_min_of_several(x, y, z):  # nested two-value maxes (passes/call_forms.py)
    return max(x, y * 0.5, z + 0.25) * min([x * 2.0, y, z]) + max((y, x - 1.0, z * 3.0, 0.1))


def builtin_pow(x, y):
    return pow(x, y) + pow(x, 3) * pow(2.0, y)


def builtin_divmod(x, y):  # (the quotient piecewise constant, as `//`; the remainder as `%`)
    quotient, remainder = divmod(x * 3.0, y)
    return remainder * remainder + quotient * y + math.sin(remainder) * x


def builtin_divmod_arrays(x, y):  # (np.divmod's, broadcasting)
    quotient, remainder = divmod(x * 3.0, y)
    return np.sum(remainder * remainder * W34) + np.sum(quotient * y) + divmod(x[0, 0], 0.3)[1]


def math_erf(x):
    return math.erf(x)


def math_erfc(x):
    return math.erfc(x)


def math_degrees(x):
    return math.degrees(x)


def math_radians(x):
    return math.radians(x)


def builtin_abs(x):
    return abs(x) * 2.0


def builtin_float(x):
    return float(np.sum(x)) * 3.0


def math_copysign(x, y):
    return math.copysign(x, y) * 3.0


def math_mixed_expression(x, y):
    return math.exp(-x * x) * math.sin(y) + x / (1.0 + y * y)


ROWS: list[Row] = [
    Row(math_sin, (float,)),
    Row(math_cos, (float,)),
    Row(math_tan, (float,), domain=(-1.2, 1.2)),
    Row(math_asin, (float,), domain=UNIT),
    Row(math_acos, (float,), domain=UNIT),
    Row(math_atan, (float,)),
    Row(math_atan2, (float, float), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(math_sinh, (float,)),
    Row(math_cosh, (float,)),
    Row(math_tanh, (float,)),
    Row(math_asinh, (float,)),
    Row(math_acosh, (float,), domain=(1.1, 3.0)),
    Row(math_atanh, (float,), domain=UNIT),
    Row(math_exp, (float,)),
    Row(math_expm1, (float,)),
    Row(math_log, (float,), domain=POSITIVE),
    Row(math_log_base, (float, float), wrt=(0, 1), domain=(POSITIVE, (1.5, 4.0))),
    Row(math_log1p, (float,), domain=(-0.8, 2.0)),
    Row(math_log2, (float,), domain=POSITIVE),
    Row(math_log10, (float,), domain=POSITIVE),
    Row(math_sqrt, (float,), domain=POSITIVE),
    Row(math_pow, (float, float), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(math_hypot, (float, float), wrt=(0, 1)),
    Row(math_copysign, (float, float), wrt=(0, 1), domain=((-2.0, -0.2), (0.2, 2.0))),
    Row(math_fabs, (float,)),
    Row(builtin_max_min, (float, float), wrt=(0, 1)),
    Row(builtin_max_min_of_several, (float, float, float), wrt=(0, 1, 2)),
    Row(builtin_sorted, (float, float, float), wrt=(0, 1, 2)),
    Row(builtin_pow, (float, float), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(builtin_divmod, (float, float), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 0.9))),
    Row(builtin_divmod_arrays, ((3, 4), (4,)), wrt=(0, 1),
        domain=((-2.0, 2.0), (-0.9, -0.3))),
    Row(math_erf, (float,)),
    Row(math_erfc, (float,)),
    Row(math_degrees, (float,)),
    Row(math_radians, (float,)),
    Row(builtin_abs, (float,)),
    Row(builtin_float, ((3,),)),
    Row(math_mixed_expression, (float, float), wrt=(0, 1)),
]
