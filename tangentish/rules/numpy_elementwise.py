"""Unary elementwise functions: each row is dy/dx in terms of the argument ``x`` and the result ``y``.

NumPy's ufuncs and their ``math`` twins are declared together (the ``math`` rule spells
``np.cos`` as ``math.cos``); binary functions are in :mod:`.numpy_binary`.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins
import math
import operator

import numpy as np

from ..extend import elementwise, non_differentiable

non_differentiable(
    np.sign, np.floor, np.ceil, np.round, np.rint, np.trunc, np.fix, np.isnan, np.isinf,
    np.isfinite, np.greater, np.greater_equal, np.less, np.less_equal, np.equal, np.not_equal,
    np.logical_and, np.logical_or, np.logical_not, np.logical_xor, np.floor_divide,
    np.signbit, np.heaviside, np.around,
)

elementwise((np.negative, operator.neg), lambda y, x: -1.0)
elementwise(operator.pos, lambda y, x: 1.0)
elementwise(builtins.float, lambda y, x: 1.0)
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
