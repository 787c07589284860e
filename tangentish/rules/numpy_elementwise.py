"""Derivatives of NumPy's unary elementwise functions (ufuncs and friends), adjoint and tangent side
by side.  Parameter names follow NumPy: ``x`` is the argument, ``y`` the result.  Binary ufuncs,
``where`` and ``clip`` are in :mod:`.numpy_binary`.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import math

import numpy as np

from ..extend import adjoint, d, non_differentiable, tangent

non_differentiable(
    np.sign, np.floor, np.ceil, np.round, np.rint, np.trunc, np.fix, np.isnan, np.isinf,
    np.isfinite, np.greater, np.greater_equal, np.less, np.less_equal, np.equal, np.not_equal,
    np.logical_and, np.logical_or, np.logical_not, np.logical_xor, np.floor_divide,
    np.signbit, np.heaviside, np.around,
)


@adjoint(np.negative)
def negative_adjoint(y, x):
    d[x] = -d[y]


@tangent(np.negative)
def negative_tangent(y, x):
    d[y] = -d[x]


@adjoint(np.sin)
def sin_adjoint(y, x):
    d[x] = d[y] * np.cos(x)


@tangent(np.sin)
def sin_tangent(y, x):
    d[y] = d[x] * np.cos(x)


@adjoint(np.cos)
def cos_adjoint(y, x):
    d[x] = -d[y] * np.sin(x)


@tangent(np.cos)
def cos_tangent(y, x):
    d[y] = -d[x] * np.sin(x)


@adjoint(np.tan)
def tan_adjoint(y, x):
    d[x] = d[y] * (1.0 + y * y)


@tangent(np.tan)
def tan_tangent(y, x):
    d[y] = d[x] * (1.0 + y * y)


@adjoint(np.arcsin)
def arcsin_adjoint(y, x):
    d[x] = d[y] / np.sqrt(1.0 - x * x)


@tangent(np.arcsin)
def arcsin_tangent(y, x):
    d[y] = d[x] / np.sqrt(1.0 - x * x)


@adjoint(np.arccos)
def arccos_adjoint(y, x):
    d[x] = -d[y] / np.sqrt(1.0 - x * x)


@tangent(np.arccos)
def arccos_tangent(y, x):
    d[y] = -d[x] / np.sqrt(1.0 - x * x)


@adjoint(np.arctan)
def arctan_adjoint(y, x):
    d[x] = d[y] / (1.0 + x * x)


@tangent(np.arctan)
def arctan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@adjoint(np.sinh)
def sinh_adjoint(y, x):
    d[x] = d[y] * np.cosh(x)


@tangent(np.sinh)
def sinh_tangent(y, x):
    d[y] = d[x] * np.cosh(x)


@adjoint(np.cosh)
def cosh_adjoint(y, x):
    d[x] = d[y] * np.sinh(x)


@tangent(np.cosh)
def cosh_tangent(y, x):
    d[y] = d[x] * np.sinh(x)


@adjoint(np.tanh)
def tanh_adjoint(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent(np.tanh)
def tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@adjoint(np.arcsinh)
def arcsinh_adjoint(y, x):
    d[x] = d[y] / np.sqrt(x * x + 1.0)


@tangent(np.arcsinh)
def arcsinh_tangent(y, x):
    d[y] = d[x] / np.sqrt(x * x + 1.0)


@adjoint(np.arccosh)
def arccosh_adjoint(y, x):
    d[x] = d[y] / np.sqrt(x * x - 1.0)


@tangent(np.arccosh)
def arccosh_tangent(y, x):
    d[y] = d[x] / np.sqrt(x * x - 1.0)


@adjoint(np.arctanh)
def arctanh_adjoint(y, x):
    d[x] = d[y] / (1.0 - x * x)


@tangent(np.arctanh)
def arctanh_tangent(y, x):
    d[y] = d[x] / (1.0 - x * x)


@adjoint(np.exp)
def exp_adjoint(y, x):
    d[x] = d[y] * y


@tangent(np.exp)
def exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(np.exp2)
def exp2_adjoint(y, x):
    d[x] = d[y] * y * math.log(2.0)


@tangent(np.exp2)
def exp2_tangent(y, x):
    d[y] = d[x] * y * math.log(2.0)


@adjoint(np.expm1)
def expm1_adjoint(y, x):
    d[x] = d[y] * (y + 1.0)


@tangent(np.expm1)
def expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@adjoint(np.log)
def log_adjoint(y, x):
    d[x] = d[y] / x


@tangent(np.log)
def log_tangent(y, x):
    d[y] = d[x] / x


@adjoint(np.log2)
def log2_adjoint(y, x):
    d[x] = d[y] / (x * math.log(2.0))


@tangent(np.log2)
def log2_tangent(y, x):
    d[y] = d[x] / (x * math.log(2.0))


@adjoint(np.log10)
def log10_adjoint(y, x):
    d[x] = d[y] / (x * math.log(10.0))


@tangent(np.log10)
def log10_tangent(y, x):
    d[y] = d[x] / (x * math.log(10.0))


@adjoint(np.log1p)
def log1p_adjoint(y, x):
    d[x] = d[y] / (1.0 + x)


@tangent(np.log1p)
def log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@adjoint(np.sqrt)
def sqrt_adjoint(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent(np.sqrt)
def sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(np.cbrt)
def cbrt_adjoint(y, x):
    d[x] = d[y] / (3.0 * y * y)


@tangent(np.cbrt)
def cbrt_tangent(y, x):
    d[y] = d[x] / (3.0 * y * y)


@adjoint(np.square)
def square_adjoint(y, x):
    d[x] = d[y] * 2.0 * x


@tangent(np.square)
def square_tangent(y, x):
    d[y] = d[x] * 2.0 * x


@adjoint(np.reciprocal)
def reciprocal_adjoint(y, x):
    d[x] = -d[y] * y * y


@tangent(np.reciprocal)
def reciprocal_tangent(y, x):
    d[y] = -d[x] * y * y


@adjoint(np.abs)
def abs_adjoint(y, x):
    d[x] = d[y] * np.sign(x)


@tangent(np.abs)
def abs_tangent(y, x):
    d[y] = d[x] * np.sign(x)


@adjoint(np.fabs)
def fabs_adjoint(y, x):
    d[x] = d[y] * np.sign(x)


@tangent(np.fabs)
def fabs_tangent(y, x):
    d[y] = d[x] * np.sign(x)


@adjoint(np.sinc)
def sinc_adjoint(y, x):
    d[x] = d[y] * _rt.sinc_slope(x, y)


@tangent(np.sinc)
def sinc_tangent(y, x):
    d[y] = d[x] * _rt.sinc_slope(x, y)
