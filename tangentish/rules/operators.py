"""Derivatives of Python's operators (``+ - * / ** @``, unary ``-``/``+``, indexing).

Every binary adjoint un-broadcasts its contribution to the input's shape.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import operator

from ..extend import adjoint, d, non_differentiable, tangent
from ..syntax.methods import NONDIFFERENTIABLE_ATTRIBUTES

non_differentiable(
    operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne,
    operator.floordiv, operator.not_, operator.is_, operator.is_not, operator.contains,
)


@adjoint(operator.add)
def add_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z], x)
    d[y] = _rt.unbroadcast(d[z], y)


@tangent(operator.add)
def add_tangent(z, x, y):
    d[z] = d[x] + d[y]


@adjoint(operator.sub)
def sub_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z], x)
    d[y] = _rt.unbroadcast(-d[z], y)


@tangent(operator.sub)
def sub_tangent(z, x, y):
    d[z] = d[x] - d[y]


@adjoint(operator.mul)
def mul_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z] * y, x)
    d[y] = _rt.unbroadcast(d[z] * x, y)


@tangent(operator.mul)
def mul_tangent(z, x, y):
    d[z] = d[x] * y + x * d[y]


@adjoint(operator.truediv)
def truediv_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z] / y, x)
    d[y] = _rt.unbroadcast(-d[z] * z / y, y)


@tangent(operator.truediv)
def truediv_tangent(z, x, y):
    d[z] = (d[x] - z * d[y]) / y


@adjoint(operator.pow)
def pow_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z] * y * x ** (y - 1), x)
    d[y] = _rt.unbroadcast(d[z] * z * _rt.safe_log(x), y)


@tangent(operator.pow)
def pow_tangent(z, x, y):
    d[z] = d[x] * y * x ** (y - 1) + d[y] * z * _rt.safe_log(x)


@adjoint(operator.mod)
def mod_adjoint(z, x, y):
    d[x] = _rt.unbroadcast(d[z], x)
    d[y] = _rt.unbroadcast(-d[z] * np.floor_divide(x, y), y)


@tangent(operator.mod)
def mod_tangent(z, x, y):
    d[z] = d[x] - d[y] * np.floor_divide(x, y)


@adjoint(operator.matmul)
def matmul_adjoint(z, x, y):
    d[x] = _rt.matmul_left(d[z], x, y)
    d[y] = _rt.matmul_right(d[z], x, y)


@tangent(operator.matmul)
def matmul_tangent(z, x, y):
    d[z] = d[x] @ y + x @ d[y]


@adjoint(operator.neg)
def neg_adjoint(z, x):
    d[x] = -d[z]


@tangent(operator.neg)
def neg_tangent(z, x):
    d[z] = -d[x]


@adjoint(operator.pos)
def pos_adjoint(z, x):
    d[x] = d[z]


@tangent(operator.pos)
def pos_tangent(z, x):
    d[z] = d[x]


@adjoint(operator.getitem)
def getitem_adjoint(z, a, b):
    d[a] = _rt.unindex(d[z], a, b)


@tangent(operator.getitem)
def getitem_tangent(z, a, b):
    d[z] = d[a][b]


non_differentiable(*(("attribute", name) for name in NONDIFFERENTIABLE_ATTRIBUTES))
