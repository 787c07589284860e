"""Derivatives of Python's operators (``+ - * / ** @``, unary ``-``/``+``, indexing).

Every binary adjoint un-broadcasts its contribution to the input's shape.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import operator

from ..extend import adjoint, d, non_differentiable, tangent
from ..syntax.methods import NONDIFFERENTIABLE_ATTRIBUTES
from . import numpy_binary

non_differentiable(
    operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne,
    operator.floordiv, operator.not_, operator.is_, operator.is_not, operator.contains,
)


# ``a + b`` is ``np.add(a, b)`` for differentiation: the same templates serve both.
for _operator, _ufunc in ((operator.add, "add"), (operator.sub, "subtract"),
                          (operator.mul, "multiply"), (operator.truediv, "divide"),
                          (operator.pow, "power")):
    adjoint(_operator)(getattr(numpy_binary, f"{_ufunc}_adjoint"))
    tangent(_operator)(getattr(numpy_binary, f"{_ufunc}_tangent"))


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
