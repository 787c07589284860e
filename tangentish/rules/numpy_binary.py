"""Derivatives of NumPy's binary elementwise functions, ``where`` and ``clip``, adjoint and tangent
side by side.

Parameter names follow NumPy: ``x1, x2`` are the arguments, ``y`` the result.  Operands broadcast, so
every adjoint un-broadcasts its contribution to the operand's own shape.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import numpy as np

from ..extend import adjoint, d, given, tangent


@adjoint(np.add)
def add_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y], x1)
    d[x2] = _rt.unbroadcast(d[y], x2)


@tangent(np.add)
def add_tangent(y, x1, x2):
    d[y] = d[x1] + d[x2]


@adjoint(np.subtract)
def subtract_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y], x1)
    d[x2] = _rt.unbroadcast(-d[y], x2)


@tangent(np.subtract)
def subtract_tangent(y, x1, x2):
    d[y] = d[x1] - d[x2]


@adjoint(np.multiply)
def multiply_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * x2, x1)
    d[x2] = _rt.unbroadcast(d[y] * x1, x2)


@tangent(np.multiply)
def multiply_tangent(y, x1, x2):
    d[y] = d[x1] * x2 + x1 * d[x2]


@adjoint(np.divide)
def divide_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] / x2, x1)
    d[x2] = _rt.unbroadcast(-d[y] * y / x2, x2)


@tangent(np.divide)
def divide_tangent(y, x1, x2):
    d[y] = (d[x1] - y * d[x2]) / x2


@adjoint(np.power)
def power_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * x2 * x1 ** (x2 - 1), x1)
    d[x2] = _rt.unbroadcast(d[y] * y * _rt.safe_log(x1), x2)


@tangent(np.power)
def power_tangent(y, x1, x2):
    d[y] = d[x1] * x2 * x1 ** (x2 - 1) + d[x2] * y * _rt.safe_log(x1)


@adjoint(np.maximum)
def maximum_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * _rt.pick_first(x1, x2), x1)
    d[x2] = _rt.unbroadcast(d[y] * _rt.pick_first(x2, x1), x2)


@tangent(np.maximum)
def maximum_tangent(y, x1, x2):
    d[y] = d[x1] * _rt.pick_first(x1, x2) + d[x2] * _rt.pick_first(x2, x1)


@adjoint(np.minimum)
def minimum_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * _rt.pick_first(x2, x1), x1)
    d[x2] = _rt.unbroadcast(d[y] * _rt.pick_first(x1, x2), x2)


@tangent(np.minimum)
def minimum_tangent(y, x1, x2):
    d[y] = d[x1] * _rt.pick_first(x2, x1) + d[x2] * _rt.pick_first(x1, x2)


@adjoint(np.arctan2)
def arctan2_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * x2 / (x1 * x1 + x2 * x2), x1)
    d[x2] = _rt.unbroadcast(-d[y] * x1 / (x1 * x1 + x2 * x2), x2)


@tangent(np.arctan2)
def arctan2_tangent(y, x1, x2):
    d[y] = (d[x1] * x2 - d[x2] * x1) / (x1 * x1 + x2 * x2)


@adjoint(np.hypot)
def hypot_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * x1 / y, x1)
    d[x2] = _rt.unbroadcast(d[y] * x2 / y, x2)


@tangent(np.hypot)
def hypot_tangent(y, x1, x2):
    d[y] = (d[x1] * x1 + d[x2] * x2) / y


@adjoint(np.logaddexp)
def logaddexp_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * np.exp(x1 - y), x1)
    d[x2] = _rt.unbroadcast(d[y] * np.exp(x2 - y), x2)


@tangent(np.logaddexp)
def logaddexp_tangent(y, x1, x2):
    d[y] = d[x1] * np.exp(x1 - y) + d[x2] * np.exp(x2 - y)


@adjoint(np.logaddexp2)
def logaddexp2_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * np.exp2(x1 - y), x1)
    d[x2] = _rt.unbroadcast(d[y] * np.exp2(x2 - y), x2)


@tangent(np.logaddexp2)
def logaddexp2_tangent(y, x1, x2):
    d[y] = d[x1] * np.exp2(x1 - y) + d[x2] * np.exp2(x2 - y)


@adjoint(np.fmax)
def fmax_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * _rt.fpick_first(x1, x2), x1)
    d[x2] = _rt.unbroadcast(d[y] * _rt.fpick_first(x2, x1), x2)


@tangent(np.fmax)
def fmax_tangent(y, x1, x2):
    d[y] = d[x1] * _rt.fpick_first(x1, x2) + d[x2] * _rt.fpick_first(x2, x1)


@adjoint(np.fmin)
def fmin_adjoint(y, x1, x2):
    d[x1] = _rt.unbroadcast(d[y] * _rt.fpick_first(x1, x2, smallest=True), x1)
    d[x2] = _rt.unbroadcast(d[y] * _rt.fpick_first(x2, x1, smallest=True), x2)


@tangent(np.fmin)
def fmin_tangent(y, x1, x2):
    d[y] = (d[x1] * _rt.fpick_first(x1, x2, smallest=True)
            + d[x2] * _rt.fpick_first(x2, x1, smallest=True))


@adjoint(np.where)
def where_adjoint(out, condition, x, y):
    d[x] = _rt.unbroadcast(np.where(condition, d[out], 0.0), x)
    d[y] = _rt.unbroadcast(np.where(condition, 0.0, d[out]), y)


@tangent(np.where)
def where_tangent(out, condition, x, y):
    d[out] = np.where(condition, d[x], d[y])


# NumPy >= 2.1 also spells the bounds `min=`/`max=`; a call passes one spelling of each bound at most.
@adjoint(np.clip)
def clip_adjoint(out, a, a_min=None, a_max=None, min=None, max=None):
    if given(min):
        if given(max):
            d[a] = _rt.unbroadcast(d[out] * _rt.clip_inside(a, min, max), a)
        else:
            d[a] = _rt.unbroadcast(d[out] * _rt.clip_inside(a, min, a_max), a)
    elif given(max):
        d[a] = _rt.unbroadcast(d[out] * _rt.clip_inside(a, a_min, max), a)
    else:
        d[a] = _rt.unbroadcast(d[out] * _rt.clip_inside(a, a_min, a_max), a)
    d[a_min] = _rt.unbroadcast(d[out] * _rt.clip_below(a, a_min), a_min)
    d[a_max] = _rt.unbroadcast(d[out] * _rt.clip_below(a_max, a), a_max)
    d[min] = _rt.unbroadcast(d[out] * _rt.clip_below(a, min), min)
    d[max] = _rt.unbroadcast(d[out] * _rt.clip_below(max, a), max)


@tangent(np.clip)
def clip_tangent(out, a, a_min=None, a_max=None, min=None, max=None):
    if given(min):
        if given(max):
            d[out] = (d[a] * _rt.clip_inside(a, min, max) + d[min] * _rt.clip_below(a, min)
                      + d[max] * _rt.clip_below(max, a))
        else:
            d[out] = (d[a] * _rt.clip_inside(a, min, a_max) + d[min] * _rt.clip_below(a, min)
                      + d[a_max] * _rt.clip_below(a_max, a))
    elif given(max):
        d[out] = (d[a] * _rt.clip_inside(a, a_min, max) + d[a_min] * _rt.clip_below(a, a_min)
                  + d[max] * _rt.clip_below(max, a))
    else:
        d[out] = (d[a] * _rt.clip_inside(a, a_min, a_max) + d[a_min] * _rt.clip_below(a, a_min)
                  + d[a_max] * _rt.clip_below(a_max, a))
