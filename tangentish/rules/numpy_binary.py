"""Binary elementwise functions: each row is the pair of partials dy/dx1, dy/dx2 (``y`` the result),
with the operator and ``math`` twins declared together; ``where`` and ``clip`` as full templates.

Operands broadcast: the shortcut un-broadcasts each contribution to its operand's shape (not for
``math``, whose functions take Python floats).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import inspect
import math
import operator

import numpy as np

from ..extend import d, elementwise, given, rule, singular

elementwise((np.add, operator.add), lambda y, x1, x2: 1.0, lambda y, x1, x2: 1.0)
elementwise((np.subtract, operator.sub), lambda y, x1, x2: 1.0, lambda y, x1, x2: -1.0)
elementwise((np.multiply, operator.mul), lambda y, x1, x2: x2, lambda y, x1, x2: x1)
elementwise((np.divide, operator.truediv),
            lambda y, x1, x2: 1.0 / x2,
            lambda y, x1, x2: -y / x2)
# x1 ** (x2 - 1) where x2 is not 0 (there x2 * x1 ** x2 is the 0 it must be): for an exponent 0,
# x2 - 1 is a pole at x1 = 0 (0 * inf is NaN: x ** np.arange(d) at 0) and wraps for unsigned
# dtypes (uint8 0 - 1 is 255); a literal exponent folds, x ** 3 still gives 3 * x ** 2.  np.power's
# in NumPy's arithmetic, as its value: of a negative Python float to a fractional power it is NaN
# (in a branch np.where discards), where Python's ** is complex (as the value of x ** 0.5 is);
# _rt.power takes a Python float as np.float64, so x ** 0.5 at x = 0.0 has np.power's inf as its
# partial, not a ZeroDivisionError (a literal exponent from 1 up folds back to x ** k)
elementwise((operator.pow, math.pow),
            lambda y, x1, x2: x2 * _rt.power(x1, x2 - (x2 != 0)),
            lambda y, x1, x2: y * _rt.safe_log(x1))
elementwise(np.power, lambda y, x1, x2: x2 * np.power(x1, x2 - (x2 != 0)),
            lambda y, x1, x2: y * _rt.safe_log(x1))
elementwise(operator.mod, lambda y, x1, x2: 1.0, lambda y, x1, x2: -np.floor_divide(x1, x2))
# (x1**2 + x2**2 as np.hypot(x1, x2) ** 2: computed in the float dtype NumPy gives arctan2, where a
# small integer operand squared by itself would wrap, uint8 253 * 253 is 9)
# 0 at the origin, where neither has a derivative (the convention of norms, see _rt.ratio): a
# direction along which the point does not move, as in arctan2(a - a, 0.0), gets 0, not NaN
singular(np.divide, operator.truediv, np.power, operator.pow, math.pow)  # (x2 = 0; x1 = 0)
elementwise((np.arctan2, math.atan2),
            lambda y, x1, x2: _rt.ratio(x2, np.hypot(x1, x2) ** 2),
            lambda y, x1, x2: -_rt.ratio(x1, np.hypot(x1, x2) ** 2))
elementwise((np.hypot, math.hypot),
            lambda y, x1, x2: _rt.ratio(x1, y), lambda y, x1, x2: _rt.ratio(x2, y))
# |x1| with x2's sign: the sign of x2 is piecewise constant
elementwise((np.copysign, math.copysign),
            lambda y, x1, x2: np.copysign(1.0, x1) * np.copysign(1.0, x2),
            lambda y, x1, x2: 0.0)
# The share of each operand, 1 / (1 + exp(other - self)) (as exp(self - y)), reads the operands
# alone: a gradient that needs no value of the sum computes none (softplus's is the sigmoid).
# _rt.share(other - self), not its arithmetic: its own derivative at an operand of -inf (a running
# np.logaddexp from -np.inf) is 0, where that of 1 / (1 + exp(inf)) is inf / inf
elementwise(np.logaddexp, lambda y, x1, x2: _rt.share(x2 - x1),
            lambda y, x1, x2: _rt.share(x1 - x2))
elementwise(np.logaddexp2, lambda y, x1, x2: _rt.share2(x2 - x1),
            lambda y, x1, x2: _rt.share2(x1 - x2))

# Ties: maximum/minimum split the derivative evenly; fmax/fmin take the non-NaN operand.
elementwise(np.maximum,
            lambda y, x1, x2: _rt.pick_first(x1, x2),
            lambda y, x1, x2: _rt.pick_first(x2, x1))
elementwise(np.minimum,
            lambda y, x1, x2: _rt.pick_first(x2, x1),
            lambda y, x1, x2: _rt.pick_first(x1, x2))
elementwise(np.fmax,
            lambda y, x1, x2: _rt.fpick_first(x1, x2),
            lambda y, x1, x2: _rt.fpick_first(x2, x1))
elementwise(np.fmin,
            lambda y, x1, x2: _rt.fpick_first(x1, x2, smallest=True),
            lambda y, x1, x2: _rt.fpick_first(x2, x1, smallest=True))


@rule(np.where)
class Where:
    def adjoint(out, condition, x, y):
        d[x] = _rt.unbroadcast(np.where(condition, d[out], 0.0), x)
        d[y] = _rt.unbroadcast(np.where(condition, 0.0, d[out]), y)

    def tangent(out, condition, x, y):
        d[out] = np.where(condition, d[x], d[y])


# clip(a, lo, hi) is minimum(maximum(a, lo), hi): where the bounds cross (lo > hi) it is hi.  Where
# a ties with a bound that varies, a takes the derivative and the bound 0 times its own, which is
# NaN where the bound's is not finite (the derivative exists there only if it is a's; it may not).
if "min" not in inspect.signature(np.clip).parameters:  # NumPy < 2.1: the bounds are a_min, a_max
    @rule(np.clip)
    class Clip:
        def adjoint(r, a, a_min=None, a_max=None):  # (x.clip(min=0.0): a_max left out)
            d[a] = _rt.unbroadcast(_rt.chosen(d[r], _rt.clip_inside(a, a_min, a_max)), a)
            d[a_min] = _rt.unbroadcast(np.where(_rt.clip_reaches_lower(a, a_min, a_max),
                                              d[r] * _rt.clip_lower(a, a_min, a_max), 0.0), a_min)
            d[a_max] = _rt.unbroadcast(np.where(_rt.clip_reaches_upper(a, a_min, a_max),
                                              d[r] * _rt.clip_upper(a, a_min, a_max), 0.0), a_max)

        def tangent(r, a, a_min=None, a_max=None):
            d[r] = (_rt.chosen(d[a], _rt.clip_inside(a, a_min, a_max))
                    + np.where(_rt.clip_reaches_lower(a, a_min, a_max),
                               d[a_min] * _rt.clip_lower(a, a_min, a_max), 0.0)
                    + np.where(_rt.clip_reaches_upper(a, a_min, a_max),
                               d[a_max] * _rt.clip_upper(a, a_min, a_max), 0.0))
else:  # NumPy >= 2.1 also spells them min=, max=; a call passes one spelling of each at most
    @rule(np.clip)
    class Clip:  # each operand's weight selects (_rt.chosen: 0 where it is not returned)
        def adjoint(r, a, a_min=None, a_max=None, out=None, min=None, max=None):
            if given(min):
                if given(max):
                    d[a] = _rt.unbroadcast(_rt.chosen(d[r], _rt.clip_inside(a, min, max)), a)
                    d[min] = _rt.unbroadcast(np.where(_rt.clip_reaches_lower(a, min, max),
                                                      d[r] * _rt.clip_lower(a, min, max), 0.0), min)
                    d[max] = _rt.unbroadcast(np.where(_rt.clip_reaches_upper(a, min, max),
                                                      d[r] * _rt.clip_upper(a, min, max), 0.0), max)
                else:
                    d[a] = _rt.unbroadcast(_rt.chosen(d[r], _rt.clip_inside(a, min, a_max)), a)
                    d[min] = _rt.unbroadcast(np.where(_rt.clip_reaches_lower(a, min, a_max),
                                                      d[r] * _rt.clip_lower(a, min, a_max), 0.0), min)
                    d[a_max] = _rt.unbroadcast(np.where(_rt.clip_reaches_upper(a, min, a_max),
                                                      d[r] * _rt.clip_upper(a, min, a_max), 0.0), a_max)
            elif given(max):
                d[a] = _rt.unbroadcast(_rt.chosen(d[r], _rt.clip_inside(a, a_min, max)), a)
                d[a_min] = _rt.unbroadcast(np.where(_rt.clip_reaches_lower(a, a_min, max),
                                                  d[r] * _rt.clip_lower(a, a_min, max), 0.0), a_min)
                d[max] = _rt.unbroadcast(np.where(_rt.clip_reaches_upper(a, a_min, max),
                                                  d[r] * _rt.clip_upper(a, a_min, max), 0.0), max)
            else:
                d[a] = _rt.unbroadcast(_rt.chosen(d[r], _rt.clip_inside(a, a_min, a_max)), a)
                d[a_min] = _rt.unbroadcast(np.where(_rt.clip_reaches_lower(a, a_min, a_max),
                                                  d[r] * _rt.clip_lower(a, a_min, a_max), 0.0), a_min)
                d[a_max] = _rt.unbroadcast(np.where(_rt.clip_reaches_upper(a, a_min, a_max),
                                                  d[r] * _rt.clip_upper(a, a_min, a_max), 0.0), a_max)

        def tangent(r, a, a_min=None, a_max=None, out=None, min=None, max=None):
            if given(min):
                if given(max):
                    d[r] = (_rt.chosen(d[a], _rt.clip_inside(a, min, max))
                            + np.where(_rt.clip_reaches_lower(a, min, max),
                                       d[min] * _rt.clip_lower(a, min, max), 0.0)
                            + np.where(_rt.clip_reaches_upper(a, min, max),
                                       d[max] * _rt.clip_upper(a, min, max), 0.0))
                else:
                    d[r] = (_rt.chosen(d[a], _rt.clip_inside(a, min, a_max))
                            + np.where(_rt.clip_reaches_lower(a, min, a_max),
                                       d[min] * _rt.clip_lower(a, min, a_max), 0.0)
                            + np.where(_rt.clip_reaches_upper(a, min, a_max),
                                       d[a_max] * _rt.clip_upper(a, min, a_max), 0.0))
            elif given(max):
                d[r] = (_rt.chosen(d[a], _rt.clip_inside(a, a_min, max))
                        + np.where(_rt.clip_reaches_lower(a, a_min, max),
                                   d[a_min] * _rt.clip_lower(a, a_min, max), 0.0)
                        + np.where(_rt.clip_reaches_upper(a, a_min, max),
                                   d[max] * _rt.clip_upper(a, a_min, max), 0.0))
            else:
                d[r] = (_rt.chosen(d[a], _rt.clip_inside(a, a_min, a_max))
                        + np.where(_rt.clip_reaches_lower(a, a_min, a_max),
                                   d[a_min] * _rt.clip_lower(a, a_min, a_max), 0.0)
                        + np.where(_rt.clip_reaches_upper(a, a_min, a_max),
                                   d[a_max] * _rt.clip_upper(a, a_min, a_max), 0.0))

# x1 minus a piecewise-constant multiple of x2: floor for mod/remainder, trunc for fmod.
elementwise(np.remainder, lambda y, x1, x2: 1.0, lambda y, x1, x2: -np.floor_divide(x1, x2))
elementwise(np.fmod, lambda y, x1, x2: 1.0, lambda y, x1, x2: -np.trunc(x1 / x2))
# math's: the multiple itself, (x1 - y) / x2 rounded, in double precision as math computes y
# (math.trunc of a float32 quotient raised TypeError, and its rounding may cross an integer)
elementwise(math.fmod, lambda y, x1, x2: 1.0,
            lambda y, x1, x2: -float(round((float(x1) - y) / float(x2))))
elementwise(math.remainder, lambda y, x1, x2: 1.0,
            lambda y, x1, x2: -float(round((float(x1) - y) / float(x2))))
singular(np.float_power)
elementwise(np.float_power,
            lambda y, x1, x2: x2 * np.float_power(x1, x2 - (x2 != 0)),
            lambda y, x1, x2: y * _rt.safe_log(x1))
# x1 * 2**x2 (x2 an integer; its partial is what a real exponent would have); 2**x2 in x1's dtype
elementwise(np.ldexp, lambda y, x1, x2: np.ldexp(np.ones_like(x1), x2),
            lambda y, x1, x2: y * math.log(2.0))
elementwise(math.ldexp, lambda y, x, i: math.ldexp(1.0, i), lambda y, x, i: y * math.log(2.0))
# one representable step from x1 towards x2: the direction is piecewise constant
elementwise(np.nextafter, lambda y, x1, x2: 1.0, lambda y, x1, x2: 0.0)
# 0 or 1 off zero; x2 where x1 == 0
elementwise(np.heaviside, lambda y, x1, x2: 0.0, lambda y, x1, x2: np.equal(x1, 0) * 1.0)
