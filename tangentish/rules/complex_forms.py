"""The complex forms of the operations a complex value may meet (``passes/complex_paths.py``
puts these keys in place of ``operator.mul``, ``np.abs``... where an operand may be complex: the
primal line is unchanged, the derivative follows the convention there).

Convention: the adjoint of a complex ``z`` is ``z_bar = dL/dRe(z) + 1j * dL/dIm(z)``.  Then for
``w = f(z)`` holomorphic (``+``, ``*``, ``/``, ``**``, ``exp``), ``z_bar = w_bar * conj(f'(z))``;
for ``w = conj(z)``, ``z_bar = conj(w_bar)``; for a real ``r = g(z)`` (``real``, ``imag``,
``abs``, ``angle``), ``z_bar = r_bar * p`` with ``p = dg/dRe(z) + 1j * dg/dIm(z)`` (``1``,
``1j``, ``z / |z|``, ``1j * z / |z| ** 2``), and its tangent is ``Re(conj(p) * z_dot)``.  A real
operand takes the real part of what reaches it (``_rt.onto``).  Tangents of complex values are
``Re(z_dot) + 1j * Im(z_dot)``: the holomorphic ones are the real rules'.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import operator

import numpy as np

from .. import runtime
from ..extend import d, linear, rule
from . import complex_scimath  # noqa: F401  (np.emath.power and logn: rules of their own)
from .complex_holomorphic import FORMS as HOLOMORPHIC_FORMS
from .complex_joins import FORMS as JOIN_FORMS
from .complex_products import FORMS as PRODUCT_FORMS


def add(x1, x2):
    """``x1 + x2`` where an operand may be complex."""
    return x1 + x2


def subtract(x1, x2):
    """``x1 - x2`` where an operand may be complex."""
    return x1 - x2


def multiply(x1, x2):
    """``x1 * x2`` where an operand may be complex."""
    return x1 * x2


def divide(x1, x2):
    """``x1 / x2`` where an operand may be complex."""
    return x1 / x2


def negative(x):
    """``-x`` of a value that may be complex."""
    return -x


def power(x1, x2):
    """``x1 ** x2`` of a base that may be complex (the exponent not differentiated)."""
    return x1 ** x2


def exp(x):
    """``np.exp(x)`` of a value that may be complex."""
    return np.exp(x)


def square(x):
    """``np.square(x)`` of a value that may be complex."""
    return np.square(x)


def conjugate(x):
    """``np.conj(x)`` of a value that may be complex."""
    return np.conjugate(x)


def real(val):
    """``np.real(val)``, ``val.real`` of a value that may be complex."""
    return np.real(val)


def imag(val):
    """``np.imag(val)``, ``val.imag`` of a value that may be complex."""
    return np.imag(val)


def absolute(x):
    """``np.abs(x)``, ``abs(x)`` of a value that may be complex."""
    return np.abs(x)


def angle(z, deg=False):
    """``np.angle(z, deg)`` of a value that may be complex."""
    return np.angle(z, deg)


@rule(add)
class Add:
    def adjoint(y, x1, x2):
        d[x1] = _rt.onto(d[y], x1)
        d[x2] = _rt.onto(d[y], x2)

    def tangent(y, x1, x2):
        d[y] = d[x1] + d[x2]


@rule(subtract)
class Subtract:
    def adjoint(y, x1, x2):
        d[x1] = _rt.onto(d[y], x1)
        d[x2] = _rt.onto(-d[y], x2)

    def tangent(y, x1, x2):
        d[y] = d[x1] - d[x2]


@rule(multiply)
class Multiply:
    def adjoint(y, x1, x2):
        d[x1] = _rt.onto(d[y] * np.conj(x2), x1)
        d[x2] = _rt.onto(d[y] * np.conj(x1), x2)

    def tangent(y, x1, x2):
        d[y] = d[x1] * x2 + x1 * d[x2]


@rule(divide)
class Divide:
    def adjoint(y, x1, x2):
        d[x1] = _rt.onto(d[y] / np.conj(x2), x1)
        d[x2] = _rt.onto(-d[y] * np.conj(y / x2), x2)

    def tangent(y, x1, x2):
        d[y] = d[x1] / x2 - y / x2 * d[x2]


@rule(negative)
class Negative:
    def adjoint(y, x):
        d[x] = -d[y]

    def tangent(y, x):
        d[y] = -d[x]


@rule(power)
class Power:  # (x2 ** (x2 - 1) where x2 is not 0, as the real rule: at x1 = 0 it is not a pole)
    def adjoint(y, x1, x2):
        d[x1] = _rt.onto(d[y] * np.conj(x2 * x1 ** (x2 - (x2 != 0))), x1)
        d[x2] = _rt.no_derivative(d[y], "the exponent of a power of a complex value")

    def tangent(y, x1, x2):
        d[y] = d[x1] * (x2 * x1 ** (x2 - (x2 != 0))) + _rt.no_tangent(
            d[x2], "the exponent of a power of a complex value")


@rule(exp)
class Exp:
    def adjoint(y, x):
        d[x] = _rt.onto(d[y] * np.conj(y), x)

    def tangent(y, x):
        d[y] = d[x] * y


@rule(square)
class Square:
    def adjoint(y, x):
        d[x] = _rt.onto(2.0 * d[y] * np.conj(x), x)

    def tangent(y, x):
        d[y] = 2.0 * x * d[x]


@rule(conjugate)
class Conjugate:
    def adjoint(y, x):
        d[x] = _rt.onto(np.conj(d[y]), x)

    def tangent(y, x):
        d[y] = np.conj(d[x])


@rule(real)
class Real:
    def adjoint(y, val):
        d[val] = _rt.onto(_rt.real_seed(d[y]), val)

    def tangent(y, val):
        d[y] = np.real(d[val])


@rule(imag)
class Imag:
    def adjoint(y, val):
        d[val] = _rt.onto(1j * _rt.real_seed(d[y]), val)

    def tangent(y, val):
        d[y] = np.imag(d[val])


@rule(absolute)
class Absolute:
    def adjoint(y, x):
        d[x] = _rt.onto(_rt.real_seed(d[y]) * _rt.phase(x, y), x)

    def tangent(y, x):
        d[y] = np.real(np.conj(_rt.phase(x, y)) * d[x])


@rule(angle)
class Angle:
    def adjoint(y, z, deg=False):
        d[z] = _rt.onto(_rt.real_seed(d[y]) * _rt.angle_partial(z, deg), z)

    def tangent(y, z, deg=False):
        d[y] = np.real(np.conj(_rt.angle_partial(z, deg)) * d[z])


# The helpers of complex adjoints, for a derivative of a derivative (``_rt.onto`` and
# ``_rt.dft_adjoint`` are linear in the gradient; ``phase(z, r) = z / r`` with r real;
# ``angle_partial(z) = 1j / conj(z)``, a holomorphic function of conj(z))
linear(runtime.onto, lambda y, grad, like: _rt.unonto(d[y], grad, like))
linear(runtime.unonto, lambda r, g, grad, like: _rt.onto(d[r], like))  # (onto is its adjoint)
linear(runtime.real_seed, lambda y, grad: d[y])
linear(runtime.part_of, lambda y, value, into: _rt.onto(d[y], value))
linear(runtime.dft_adjoint, lambda y, grad, x, kind, s, axes, norm:
       _rt.dft(d[y], grad, x, kind, s, axes, norm))
linear(runtime.dft, lambda y, value, grad, x, kind, s, axes, norm:
       _rt.onto(_rt.dft_adjoint(d[y], x, kind, s, axes, norm), value))


@rule(runtime.phase)
class Phase:
    def adjoint(y, z, r):
        d[z] = _rt.onto(_rt.phase(d[y], np.conj(r)), z)
        d[r] = _rt.onto(-d[y] * np.conj(_rt.phase(y, r)), r)

    def tangent(y, z, r):
        d[y] = _rt.phase(d[z], r) - _rt.phase(y * d[r], r)


@rule(runtime.angle_partial)
class AnglePartial:
    def adjoint(y, z, deg):
        d[z] = _rt.onto(_rt.phase(-np.conj(d[y]) * y, np.conj(z)), z)

    def tangent(y, z, deg):
        d[y] = _rt.phase(-np.conj(d[z]) * y, np.conj(z))


FORMS = {operator.add: add, np.add: add, operator.sub: subtract, np.subtract: subtract,
         operator.mul: multiply, np.multiply: multiply, operator.truediv: divide,
         np.divide: divide, operator.neg: negative, np.negative: negative, operator.pow: power,
         np.power: power, np.exp: exp, np.square: square, np.conjugate: conjugate, np.real: real,
         np.imag: imag, np.absolute: absolute, abs: absolute, np.angle: angle, **JOIN_FORMS,
         **HOLOMORPHIC_FORMS, **PRODUCT_FORMS}
"""The real operations a complex value may meet → their complex forms (the keys of the rules)."""

STANDS_FOR: dict = {}
"""Each complex form → a real operation it stands for (the first: ``np.ndarray.astype`` for
``astype``): what it shares memory with is what that operation's result does."""
for _real, _form in FORMS.items():
    STANDS_FOR.setdefault(_form, _real)
