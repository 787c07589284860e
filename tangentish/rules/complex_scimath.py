"""``np.emath.power`` and ``np.emath.logn`` (``np.lib.scimath``'s): of two arguments, complex
where a real base or argument is negative (``np.emath.power(-4.0, 0.5)`` is ``2j``,
``np.emath.logn(2.0, -8.0)`` is ``3 + 4.53j``), on the principal branch of ``np.emath.log``.

Convention as ``rules/complex_holomorphic.py``'s: both are holomorphic in each argument, so the
adjoint of an operand is ``w_bar * conj(dw/dz)`` (its real part for a real operand: ``_rt.onto``)
and the tangent ``dw/dz * z_dot``.  ``power(x, p)`` has ``dw/dx = p * x ** (p - 1)``, written as
``np.emath.power`` of ``x`` so that a negative ``x`` takes the same branch as the value (along the
real axis, as a real base can only move), and ``dw/dp = w * log(x)``, ``0`` where ``x`` is ``0``
(as the real ``np.power``'s: ``0 ** p`` is ``0`` for every ``p > 0``);
``logn(n, x) = log(x) / log(n)`` has ``dw/dx = 1 / (x log(n))`` and ``dw/dn = -w / (n log(n))``.

    >>> import numpy as np
    >>> x, p = np.array([4.0, -4.0]), 1.5
    >>> w = np.emath.power(x, p)
    >>> np.round(p * np.emath.power(x, p - 1.0), 6)  # dw/dx: (w(x + h) - w(x - h)) / 2h
    array([3.+0.j, 0.+3.j])
    >>> h = 1e-6
    >>> np.round((np.emath.power(x + h, p) - np.emath.power(x - h, p)) / (2 * h), 6)
    array([3.+0.j, 0.+3.j])
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from ..extend import d, rule


@rule(np.emath.power)
class EmathPower:  # (x ** (p - 1) where p is not 0: there p * x ** p is the 0 it must be)
    def adjoint(y, x, p):
        d[x] = _rt.onto(d[y] * np.conj(p * np.emath.power(x, p - (p != 0))), x)
        d[p] = _rt.onto(d[y] * np.conj(y * np.emath.log(np.where(x == 0, 1.0, x))), p)

    def tangent(y, x, p):
        d[y] = d[x] * (p * np.emath.power(x, p - (p != 0))) + \
            d[p] * (y * np.emath.log(np.where(x == 0, 1.0, x)))


@rule(np.emath.logn)
class EmathLogn:
    def adjoint(y, n, x):
        d[n] = _rt.onto(d[y] * np.conj(-y / (n * np.emath.log(n))), n)
        d[x] = _rt.onto(d[y] * np.conj(1.0 / (x * np.emath.log(n))), x)

    def tangent(y, n, x):
        d[y] = d[n] * (-y / (n * np.emath.log(n))) + d[x] * (1.0 / (x * np.emath.log(n)))
