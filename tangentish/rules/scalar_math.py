"""Derivatives of the ``math`` module's scalar functions and of the builtins ``abs`` and ``float``."""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import builtins
import math

from ..extend import adjoint, d, given, non_differentiable, tangent

non_differentiable(
    math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite, math.copysign,
    builtins.len, builtins.int, builtins.round, builtins.bool, builtins.range, builtins.print,
    builtins.isinstance, builtins.str,
)


@adjoint(math.sin)
def sin_adjoint(y, x):
    d[x] = d[y] * math.cos(x)


@tangent(math.sin)
def sin_tangent(y, x):
    d[y] = d[x] * math.cos(x)


@adjoint(math.cos)
def cos_adjoint(y, x):
    d[x] = -d[y] * math.sin(x)


@tangent(math.cos)
def cos_tangent(y, x):
    d[y] = -d[x] * math.sin(x)


@adjoint(math.tan)
def tan_adjoint(y, x):
    d[x] = d[y] * (1.0 + y * y)


@tangent(math.tan)
def tan_tangent(y, x):
    d[y] = d[x] * (1.0 + y * y)


@adjoint(math.asin)
def asin_adjoint(y, x):
    d[x] = d[y] / math.sqrt(1.0 - x * x)


@tangent(math.asin)
def asin_tangent(y, x):
    d[y] = d[x] / math.sqrt(1.0 - x * x)


@adjoint(math.acos)
def acos_adjoint(y, x):
    d[x] = -d[y] / math.sqrt(1.0 - x * x)


@tangent(math.acos)
def acos_tangent(y, x):
    d[y] = -d[x] / math.sqrt(1.0 - x * x)


@adjoint(math.atan)
def atan_adjoint(y, x):
    d[x] = d[y] / (1.0 + x * x)


@tangent(math.atan)
def atan_tangent(y, x):
    d[y] = d[x] / (1.0 + x * x)


@adjoint(math.atan2)
def atan2_adjoint(r, y, x):
    d[y] = d[r] * x / (x * x + y * y)
    d[x] = -d[r] * y / (x * x + y * y)


@tangent(math.atan2)
def atan2_tangent(r, y, x):
    d[r] = (d[y] * x - d[x] * y) / (x * x + y * y)


@adjoint(math.sinh)
def sinh_adjoint(y, x):
    d[x] = d[y] * math.cosh(x)


@tangent(math.sinh)
def sinh_tangent(y, x):
    d[y] = d[x] * math.cosh(x)


@adjoint(math.cosh)
def cosh_adjoint(y, x):
    d[x] = d[y] * math.sinh(x)


@tangent(math.cosh)
def cosh_tangent(y, x):
    d[y] = d[x] * math.sinh(x)


@adjoint(math.tanh)
def tanh_adjoint(y, x):
    d[x] = d[y] * (1.0 - y * y)


@tangent(math.tanh)
def tanh_tangent(y, x):
    d[y] = d[x] * (1.0 - y * y)


@adjoint(math.asinh)
def asinh_adjoint(y, x):
    d[x] = d[y] / math.sqrt(x * x + 1.0)


@tangent(math.asinh)
def asinh_tangent(y, x):
    d[y] = d[x] / math.sqrt(x * x + 1.0)


@adjoint(math.acosh)
def acosh_adjoint(y, x):
    d[x] = d[y] / math.sqrt(x * x - 1.0)


@tangent(math.acosh)
def acosh_tangent(y, x):
    d[y] = d[x] / math.sqrt(x * x - 1.0)


@adjoint(math.atanh)
def atanh_adjoint(y, x):
    d[x] = d[y] / (1.0 - x * x)


@tangent(math.atanh)
def atanh_tangent(y, x):
    d[y] = d[x] / (1.0 - x * x)


@adjoint(math.exp)
def exp_adjoint(y, x):
    d[x] = d[y] * y


@tangent(math.exp)
def exp_tangent(y, x):
    d[y] = d[x] * y


@adjoint(math.expm1)
def expm1_adjoint(y, x):
    d[x] = d[y] * (y + 1.0)


@tangent(math.expm1)
def expm1_tangent(y, x):
    d[y] = d[x] * (y + 1.0)


@adjoint(math.log)
def log_adjoint(y, x, base=None):
    if given(base):
        d[x] = d[y] / (x * math.log(base))
        d[base] = -d[y] * y / (base * math.log(base))
    else:
        d[x] = d[y] / x


@tangent(math.log)
def log_tangent(y, x, base=None):
    if given(base):
        d[y] = d[x] / (x * math.log(base)) - d[base] * y / (base * math.log(base))
    else:
        d[y] = d[x] / x


@adjoint(math.log1p)
def log1p_adjoint(y, x):
    d[x] = d[y] / (1.0 + x)


@tangent(math.log1p)
def log1p_tangent(y, x):
    d[y] = d[x] / (1.0 + x)


@adjoint(math.log2)
def log2_adjoint(y, x):
    d[x] = d[y] / (x * math.log(2.0))


@tangent(math.log2)
def log2_tangent(y, x):
    d[y] = d[x] / (x * math.log(2.0))


@adjoint(math.log10)
def log10_adjoint(y, x):
    d[x] = d[y] / (x * math.log(10.0))


@tangent(math.log10)
def log10_tangent(y, x):
    d[y] = d[x] / (x * math.log(10.0))


@adjoint(math.sqrt)
def sqrt_adjoint(y, x):
    d[x] = d[y] / (2.0 * y)


@tangent(math.sqrt)
def sqrt_tangent(y, x):
    d[y] = d[x] / (2.0 * y)


@adjoint(math.pow)
def pow_adjoint(z, x, y):
    d[x] = d[z] * y * x ** (y - 1)
    d[y] = d[z] * z * _rt.safe_log(x)


@tangent(math.pow)
def pow_tangent(z, x, y):
    d[z] = d[x] * y * x ** (y - 1) + d[y] * z * _rt.safe_log(x)


@adjoint(math.hypot)
def hypot_adjoint(r, x, y):
    d[x] = d[r] * x / r
    d[y] = d[r] * y / r


@tangent(math.hypot)
def hypot_tangent(r, x, y):
    d[r] = (d[x] * x + d[y] * y) / r


@adjoint(math.fabs)
def fabs_adjoint(y, x):
    d[x] = d[y] * np.sign(x)


@tangent(math.fabs)
def fabs_tangent(y, x):
    d[y] = d[x] * np.sign(x)


@adjoint(math.erf)
def erf_adjoint(y, x):
    d[x] = d[y] * 2.0 / math.sqrt(math.pi) * math.exp(-x * x)


@tangent(math.erf)
def erf_tangent(y, x):
    d[y] = d[x] * 2.0 / math.sqrt(math.pi) * math.exp(-x * x)


@adjoint(math.erfc)
def erfc_adjoint(y, x):
    d[x] = -d[y] * 2.0 / math.sqrt(math.pi) * math.exp(-x * x)


@tangent(math.erfc)
def erfc_tangent(y, x):
    d[y] = -d[x] * 2.0 / math.sqrt(math.pi) * math.exp(-x * x)


@adjoint(math.degrees)
def degrees_adjoint(y, x):
    d[x] = d[y] * (180.0 / math.pi)


@tangent(math.degrees)
def degrees_tangent(y, x):
    d[y] = d[x] * (180.0 / math.pi)


@adjoint(math.radians)
def radians_adjoint(y, x):
    d[x] = d[y] * (math.pi / 180.0)


@tangent(math.radians)
def radians_tangent(y, x):
    d[y] = d[x] * (math.pi / 180.0)


@adjoint(builtins.abs)
def builtin_abs_adjoint(y, x):
    d[x] = d[y] * np.sign(x)


@tangent(builtins.abs)
def builtin_abs_tangent(y, x):
    d[y] = d[x] * np.sign(x)


@adjoint(builtins.float)
def builtin_float_adjoint(y, x):
    d[x] = d[y]


@tangent(builtins.float)
def builtin_float_tangent(y, x):
    d[y] = d[x]
