"""Unary elementwise functions: each row is dy/dx in terms of the argument ``x`` and the result ``y``.

NumPy's ufuncs and their ``math`` twins are declared together (the ``math`` rule spells
``np.cos`` as ``math.cos``); binary functions are in :mod:`.numpy_binary`.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins
import math
import operator

import numpy as np

from ..extend import d, elementwise, given, linear, non_differentiable, rule, singular

non_differentiable(
    np.sign, np.floor, np.ceil, np.round, np.rint, np.trunc, np.fix, np.isnan, np.isinf,
    np.isfinite, np.greater, np.greater_equal, np.less, np.less_equal, np.equal, np.not_equal,
    np.logical_and, np.logical_or, np.logical_not, np.logical_xor, np.floor_divide,
    np.signbit, np.around,
)

elementwise((np.negative, operator.neg), lambda y, x: -1.0)
elementwise(operator.pos, lambda y, x: 1.0)
elementwise(builtins.float, lambda y, x: 1.0)
linear(np.float64, lambda y, x: d[y])  # (its tangent np.float64(d[x]): float64, as its value)
elementwise((np.abs, np.fabs, math.fabs, builtins.abs), lambda y, x: np.sign(x))

elementwise((np.sin, math.sin), lambda y, x: np.cos(x))
elementwise((np.cos, math.cos), lambda y, x: -np.sin(x))
elementwise((np.tan, math.tan), lambda y, x: 1.0 + y * y)
elementwise((np.arcsin, math.asin), lambda y, x: 1.0 / np.sqrt(1.0 - x * x))
elementwise((np.arccos, math.acos), lambda y, x: -1.0 / np.sqrt(1.0 - x * x))
elementwise((np.arctan, math.atan), lambda y, x: 1.0 / (1.0 + x * x))

elementwise((np.sinh, math.sinh), lambda y, x: np.cosh(x))
elementwise((np.cosh, math.cosh), lambda y, x: np.sinh(x))
elementwise((np.tanh, math.tanh), lambda y, x: 1.0 - y * y)
elementwise((np.arcsinh, math.asinh), lambda y, x: 1.0 / np.sqrt(x * x + 1.0))
elementwise((np.arccosh, math.acosh), lambda y, x: 1.0 / np.sqrt(x * x - 1.0))
elementwise((np.arctanh, math.atanh), lambda y, x: 1.0 / (1.0 - x * x))

elementwise((np.exp, math.exp), lambda y, x: y)
elementwise(np.exp2, lambda y, x: y * math.log(2.0))
elementwise((np.expm1, math.expm1), lambda y, x: y + 1.0)
elementwise(np.log, lambda y, x: 1.0 / x)  # math.log, with its base, is in .scalar_math
elementwise((np.log2, math.log2), lambda y, x: 1.0 / (x * math.log(2.0)))
elementwise((np.log10, math.log10), lambda y, x: 1.0 / (x * math.log(10.0)))
elementwise((np.log1p, math.log1p), lambda y, x: 1.0 / (1.0 + x))

elementwise((np.sqrt, math.sqrt), lambda y, x: 1.0 / (2.0 * y))
elementwise(np.cbrt, lambda y, x: 1.0 / (3.0 * y * y))
elementwise(np.square, lambda y, x: 2.0 * x)
elementwise(np.reciprocal, lambda y, x: -y * y)
elementwise(np.sinc, lambda y, x: _rt.sinc_slope(x, y))
elementwise(np.i0, lambda y, x: _rt.bessel_i(1, x))  # (I_0' = I_1)

# partials inf or NaN at points where the value is finite (sqrt, log at 0) or NaN (below 0): an
# adjoint that is 0 there by structure stays 0 (tangentish.passes.supports)
singular(np.arcsin, math.asin, np.arccos, math.acos, np.arccosh, math.acosh, np.arctanh,
         math.atanh, np.log, np.log2, math.log2, np.log10, math.log10, np.log1p, math.log1p,
         np.sqrt, math.sqrt, np.cbrt, np.reciprocal)

non_differentiable(np.spacing, np.isneginf, np.isposinf, np.iscomplex, np.isreal, np.isnat)

elementwise((np.deg2rad, np.radians), lambda y, x: np.pi / 180.0)
elementwise((np.rad2deg, np.degrees), lambda y, x: 180.0 / np.pi)
elementwise(np.positive, lambda y, x: 1.0)


# Complex parts: rules for real arguments only (a complex argument raises, never a wrong number).
@rule((np.real, np.conjugate))
class RealPart:  # the identity on real numbers
    def adjoint(y, val):
        d[val] = _rt.real_only(d[y], "the real part or conjugate", val)

    def tangent(y, val):
        d[y] = _rt.real_only(d[val], "the real part or conjugate", val)


@rule(np.imag)
class ImaginaryPart:  # identically 0 on real numbers
    def adjoint(y, val):
        d[val] = _rt.chosen(_rt.real_only(d[y], "the imaginary part", val), 0.0)

    def tangent(y, val):
        d[y] = _rt.chosen(_rt.real_only(d[val], "the imaginary part", val), 0.0)


@rule(np.angle)
class Angle:  # 0 or pi on real numbers: piecewise constant
    def adjoint(y, z, deg=False):
        d[z] = _rt.chosen(_rt.real_only(d[y], "the angle", z), 0.0)

    def tangent(y, z, deg=False):
        d[y] = _rt.chosen(_rt.real_only(d[z], "the angle", z), 0.0)


@rule(np.nan_to_num)
class NanToNum:  # the identity on finite numbers; the replacements' derivatives go to them
    def adjoint(y, x, copy=True, nan=0.0, posinf=None, neginf=None):
        d[x] = np.where(np.isfinite(x), d[y], 0.0)
        d[nan] = _rt.unbroadcast(np.where(np.isnan(x), d[y], 0.0), nan)
        d[posinf] = _rt.unbroadcast(np.where(np.isposinf(x), d[y], 0.0), posinf)
        d[neginf] = _rt.unbroadcast(np.where(np.isneginf(x), d[y], 0.0), neginf)

    def tangent(y, x, copy=True, nan=0.0, posinf=None, neginf=None):
        d[y] = (np.where(np.isfinite(x), d[x], 0.0) + np.where(np.isnan(x), d[nan], 0.0)
                + np.where(np.isposinf(x), d[posinf], 0.0) + np.where(np.isneginf(x), d[neginf], 0.0))


@rule(np.unwrap)
class Unwrap:  # p plus a piecewise-constant multiple of the period
    def adjoint(y, p, discont=None, axis=-1, period=2 * np.pi):
        d[p] = d[y]
        d[period] = _rt.no_derivative(period, "np.unwrap's period")

    def tangent(y, p, discont=None, axis=-1, period=2 * np.pi):
        if given(period):
            d[y] = d[p] + _rt.no_tangent(d[period], "np.unwrap's period")
        else:
            d[y] = d[p]
