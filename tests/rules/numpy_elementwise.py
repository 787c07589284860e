"""Rule-table rows of NumPy's unary elementwise functions (``tangentish/rules/numpy_elementwise.py``).
"""

from __future__ import annotations

import numpy as np

from .common import POSITIVE, UNIT, W4, W23, W34, Row


def np_negative(x):
    return np.sum(np.negative(x) * W4)


def np_sin(x):
    return np.sum(np.sin(x) * W34)


def np_cos(x):
    return np.cos(x) * 2.0


def np_tan(x):
    return np.sum(np.tan(x) * W4)


def np_arcsin(x):
    return np.sum(np.arcsin(x) * W4)


def np_arccos(x):
    return np.sum(np.arccos(x) * W23)


def np_arctan(x):
    return np.sum(np.arctan(x) * W4)


def np_sinh(x):
    return np.sum(np.sinh(x) * W4)


def np_cosh(x):
    return np.sum(np.cosh(x) * W34)


def np_tanh(x):
    return np.sum(np.tanh(x))


def np_arcsinh(x):
    return np.sum(np.arcsinh(x) * W4)


def np_arccosh(x):
    return np.sum(np.arccosh(x) * W4)


def np_arctanh(x):
    return np.sum(np.arctanh(x) * W4)


def np_exp(x):
    return np.sum(np.exp(x) * W34)


def np_exp_float(x):
    return np.exp(x)


def np_exp2(x):
    return np.sum(np.exp2(x) * W4)


def np_expm1(x):
    return np.sum(np.expm1(x) * W4)


def np_log(x):
    return np.sum(np.log(x) * W34)


def np_log2(x):
    return np.sum(np.log2(x) * W4)


def np_log10(x):
    return np.sum(np.log10(x) * W4)


def np_log1p(x):
    return np.sum(np.log1p(x) * W4)


def np_sqrt(x):
    return np.sum(np.sqrt(x) * W4)


def np_cbrt(x):
    return np.sum(np.cbrt(x) * W4)


def np_square(x):
    return np.sum(np.square(x) * W4)


def np_reciprocal(x):
    return np.sum(np.reciprocal(x) * W4)


def np_abs(x):
    return np.sum(np.abs(x) * W34)


def np_fabs(x):
    return np.sum(np.fabs(x) * W4)


def np_sinc(x):
    return np.sum(np.sinc(x) * W4)


def np_i0(x):  # (I_0' = I_1, and I_1' = (I_0 + I_2) / 2 for second order: _rt.bessel_i)
    return np.sum(np.i0(x * 3.0) * W4)


def np_i0_at_zero(x):
    return np.i0(x * 0.0) + np.log(np.i0(x))


def np_sinc_at_zero(x):
    return np.sinc(x * 0.0) + np.sinc(x)


def np_arctan2(x, y):
    return np.sum(np.arctan2(x, y) * W34)


def np_arctan2_hypot_at_origin(x):
    # both operands are 0 whatever x is: the function is constant, its derivative 0 (not NaN)
    still = x - x
    return np.sum(np.arctan2(still, still) * W4) + np.sum(np.hypot(still, still) * W4) + x[0]


ROWS: list[Row] = [
    Row(np_negative, ((4,),)),
    Row(np_sin, ((3, 4),)),
    Row(np_cos, ((),)),
    Row(np_tan, ((4,),), domain=(-1.2, 1.2)),
    Row(np_arcsin, ((4,),), domain=UNIT),
    Row(np_arccos, ((2, 3),), domain=UNIT),
    Row(np_arctan, ((4,),)),
    Row(np_sinh, ((4,),)),
    Row(np_cosh, ((3, 4),)),
    Row(np_tanh, ((2, 3, 4),)),
    Row(np_arcsinh, ((4,),)),
    Row(np_arccosh, ((4,),), domain=(1.1, 3.0)),
    Row(np_arctanh, ((4,),), domain=UNIT),
    Row(np_exp, ((3, 4),)),
    Row(np_exp_float, (float,)),
    Row(np_exp2, ((4,),)),
    Row(np_expm1, ((4,),)),
    Row(np_log, ((3, 4),), domain=POSITIVE),
    Row(np_log2, ((4,),), domain=POSITIVE),
    Row(np_log10, ((4,),), domain=POSITIVE),
    Row(np_log1p, ((4,),), domain=(-0.8, 2.0)),
    Row(np_sqrt, ((4,),), domain=POSITIVE),
    Row(np_cbrt, ((4,),), domain=(-2.0, -0.2)),
    Row(np_square, ((4,),)),
    Row(np_reciprocal, ((4,),), domain=POSITIVE),
    Row(np_abs, ((3, 4),)),
    Row(np_fabs, ((4,),)),
    Row(np_sinc, ((4,),)),
    Row(np_sinc_at_zero, ((),)),
    Row(np_i0, ((4,),)),
    Row(np_i0_at_zero, ((),)),
    Row(np_arctan2, ((3, 4), (4,)), wrt=(0, 1)),
    Row(np_arctan2_hypot_at_origin, ((4,),)),
]
