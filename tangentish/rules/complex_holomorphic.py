"""Holomorphic functions of values that may be complex: ``np.sqrt``, ``np.log``, ``np.sin``...
where an operand may be complex (``passes/complex_paths.py`` puts these forms' keys in place of the
real ones), and ``np.emath``'s (``np.lib.scimath``'s) functions, whose value is complex where a
real argument leaves the real function's domain (``np.emath.sqrt(-4.0)`` is ``2j``).

Convention (``rules/complex_forms.py``): for ``w = f(z)`` with ``f`` holomorphic, the adjoint is
``z_bar = w_bar * conj(f'(z))`` (the real part of it for a real ``z``: ``_rt.onto``), the tangent
``w_dot = f'(z) * z_dot``.  Each row gives ``f'`` from the result and the argument, written so
that it is the derivative of the branch NumPy's value lies on (``1 / cos(y)`` for ``arcsin``: on
its cuts, where ``1 / sqrt(1 - z * z)`` takes the other side); a real argument only moves along
the real axis, so on a cut (``np.emath.sqrt`` of a negative number) it is the derivative along
it.  At a branch point (``sqrt``, ``log`` at 0) the partial is not finite, as the real rules',
and is declared singular as theirs are: a tangent or adjoint 0 by structure there stays 0
(``passes/supports.py``; a partial ``1 / q`` is written as the quotient ``d[x] / q``, which a
support keeps to where it divides).

    >>> import numpy as np
    >>> z = np.emath.sqrt(np.array([4.0, -4.0]))
    >>> z, 0.5 / z  # its value and f'(x) = 1 / (2 sqrt(x)), along the real axis on both sides
    (array([2.+0.j, 0.+2.j]), array([0.25+0.j  , 0.  -0.25j]))
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

from __future__ import annotations

import math
from collections.abc import Callable

import gast
import numpy as np

from ..extend import _pairs, _submit, _wanted, singular
from ..registry import ADJOINT, TANGENT, Template
from ..rule_forms import d_of, is_one, label_of, parse_shortcut, set_d, times
from ..syntax import build


def holomorphic(fn: object, partial: Callable) -> None:
    """Register ``fn`` (holomorphic, of one argument that may be complex) from ``f'`` as a lambda
    of the result and the argument: adjoint ``d[x] = onto(d[y] * conj(f'), x)``, tangent
    ``d[y] = d[x] * f'``."""
    _submit(partial, _pairs(fn), lambda only: _templates(fn, partial, only))


def _templates(fn: object, partial: Callable, only: object) -> list[Template]:
    lam = parse_shortcut(partial, f"the derivative of {label_of(fn)}")
    (x,), y = lam.params, lam.result
    body = lam.body  # (f' = 1 / q: d[y] / conj(q), d[x] / q, quotients that a support keeps
    if body.__class__ is gast.BinOp and body.op.__class__ is gast.Div and is_one(body.left):
        conj = build.call(build.dotted("np.conj"), build.clone(body.right))  # dividing only on
        back = build.binop(d_of(y), "/", conj)  # it, passes/masked_ratios.py: no 0 * inf there)
    else:
        back = build.binop(d_of(y), "*", build.call(build.dotted("np.conj"), build.clone(body)))
    back = build.call(build.dotted("_rt.onto"), back, build.name(x))
    ahead = times(d_of(x), build.clone(body), frozenset([y, x]))
    made = []
    for each in fn if isinstance(fn, tuple) else (fn,):  # (twins: a form and np.emath's)
        if _wanted(only, ADJOINT, each):
            made.append(lam.template(each, ADJOINT, [set_d(x, back)]))
        if _wanted(only, TANGENT, each):
            made.append(lam.template(each, TANGENT, [set_d(y, build.clone(ahead))]))
    return made


def _form(ufunc: np.ufunc) -> Callable:
    """The complex form of the ufunc ``ufunc`` (a function of its own, the key of its rule)."""
    def form(x):
        return ufunc(x)
    form.__name__ = form.__qualname__ = ufunc.__name__
    form.__module__ = __name__
    form.__doc__ = f"``np.{ufunc.__name__}(x)`` of a value that may be complex."
    return form


FORMS = {ufunc: _form(ufunc) for ufunc in (
    np.sqrt, np.log, np.log2, np.log10, np.log1p, np.expm1, np.sin, np.cos, np.tan, np.sinh,
    np.cosh, np.tanh, np.arcsin, np.arccos, np.arctan, np.arcsinh, np.arccosh, np.arctanh,
    np.reciprocal)}
"""The holomorphic ufuncs → their complex forms."""

holomorphic((FORMS[np.sqrt], np.emath.sqrt), lambda y, x: 1.0 / (2.0 * y))
holomorphic((FORMS[np.log], np.emath.log), lambda y, x: 1.0 / x)
holomorphic((FORMS[np.log2], np.emath.log2), lambda y, x: 1.0 / (x * math.log(2.0)))
holomorphic((FORMS[np.log10], np.emath.log10), lambda y, x: 1.0 / (x * math.log(10.0)))
holomorphic(FORMS[np.log1p], lambda y, x: 1.0 / (1.0 + x))
holomorphic(FORMS[np.expm1], lambda y, x: y + 1.0)
holomorphic(FORMS[np.sin], lambda y, x: np.cos(x))
holomorphic(FORMS[np.cos], lambda y, x: -np.sin(x))
holomorphic(FORMS[np.tan], lambda y, x: 1.0 + y * y)
holomorphic(FORMS[np.sinh], lambda y, x: np.cosh(x))
holomorphic(FORMS[np.cosh], lambda y, x: np.sinh(x))
holomorphic(FORMS[np.tanh], lambda y, x: 1.0 - y * y)
holomorphic((FORMS[np.arcsin], np.emath.arcsin), lambda y, x: 1.0 / np.cos(y))
holomorphic((FORMS[np.arccos], np.emath.arccos), lambda y, x: -1.0 / np.sin(y))
holomorphic(FORMS[np.arctan], lambda y, x: 1.0 / (1.0 + x * x))
holomorphic(FORMS[np.arcsinh], lambda y, x: 1.0 / np.cosh(y))
holomorphic(FORMS[np.arccosh], lambda y, x: 1.0 / np.sinh(y))
holomorphic((FORMS[np.arctanh], np.emath.arctanh), lambda y, x: 1.0 / (1.0 - x * x))
holomorphic(FORMS[np.reciprocal], lambda y, x: -y * y)

SCIMATH = (np.emath.sqrt, np.emath.log, np.emath.log2, np.emath.log10, np.emath.arcsin,
           np.emath.arccos, np.emath.arctanh)
"""``np.emath``'s functions with a rule: their value may be complex for a real argument."""

singular(*SCIMATH)  # (inf at 0, or at +-1, as their real twins: a tangent 0 by structure stays 0)
singular(*(FORMS[ufunc] for ufunc in (np.sqrt, np.log, np.log2, np.log10, np.log1p, np.arcsin,
                                      np.arccos, np.arccosh, np.arctanh, np.reciprocal)))
