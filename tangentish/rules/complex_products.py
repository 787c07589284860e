"""More complex forms (``rules/complex_forms.py`` states the convention: the adjoint of a complex
``z`` is ``dL/dRe(z) + 1j * dL/dIm(z)``; a real operand takes the real part of what reaches it,
``_rt.onto``): ``np.vdot`` (which conjugates its first operand), ``np.polyval`` (a polynomial,
holomorphic in its coefficients and its point), ``np.real_if_close`` (the real part, where NumPy drops an
imaginary part that is close to 0: its value is taken as real, and raises when the derivative
runs where it is not), ``np.linalg.norm``'s 2-norm
(``sqrt(sum(|z| ** 2))``: ``z_bar = r_bar * z / r``; its other orders are refused), and the
runtime's masked quotient ``_rt.divided(c, a, b)`` (a first derivative's, of a holomorphic
function's singular partial: a second derivative differentiates it as ``/`` on ``c``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, given, linear, rule, singular


def vdot(a, b):
    """``np.vdot(a, b)`` where an operand may be complex."""
    return np.vdot(a, b)


def polyval(p, x):
    """``np.polyval(p, x)`` where an operand may be complex."""
    return np.polyval(p, x)


def real_if_close(a, tol=100):
    """``np.real_if_close(a, tol)`` of a value that may be complex."""
    return np.real_if_close(a, tol)


def norm(x, ord=None, axis=None, keepdims=False):
    """``np.linalg.norm(x, ord, axis, keepdims)`` of a value that may be complex."""
    return np.linalg.norm(x, ord, axis, keepdims)


def divided(c, a, b):
    """``_rt.divided(c, a, b)`` where ``a`` or ``b`` may be complex."""
    return runtime.divided(c, a, b)


_KEPT = "np.real_if_close (which kept the imaginary part, not close enough to 0)"

# sum(conj(a) * b): b takes d[out] * a, a takes conj(d[out]) * b (conj(a)'s adjoint conjugated)
linear(vdot, lambda out, a, b: {
    a: _rt.onto(np.reshape(np.conj(d[out]) * np.ravel(b), np.shape(a)), a),
    b: _rt.onto(np.reshape(d[out] * np.ravel(a), np.shape(b)), b)})


@rule(polyval)
class Polyval:  # sum p[i] x**(n-1-i): holomorphic in p and in x
    def adjoint(r, p, x):
        d[p] = _rt.onto(_rt.unpolyval(d[r], p, np.conj(x)), p)
        d[x] = _rt.onto(d[r] * np.conj(np.polyval(np.polyder(p), x)), x)

    def tangent(r, p, x):
        d[r] = np.polyval(d[p], x) + d[x] * np.polyval(np.polyder(p), x)


@rule(real_if_close)
class RealIfClose:  # taken as real (passes/complex_paths.py): where it is not, the rules of the
    def adjoint(r, a, tol=100):  # operations after it were real ones, and this raises
        d[a] = _rt.onto(_rt.real_only(d[r], _KEPT, r), a)

    def tangent(r, a, tol=100):
        d[r] = np.real(_rt.real_only(d[a], _KEPT, r))


@rule(norm)
class Norm:  # (x / r, the real rule's for the 2-norm of a vector and the Frobenius norm)
    def adjoint(r, x, ord=None, axis=None, keepdims=False):
        if given(ord):
            d[x] = _rt.no_derivative(x, "np.linalg.norm of a complex value with ord=")
        elif given(axis):
            d[x] = _rt.onto(_rt.unnorm(_rt.real_seed(d[r]), x, r, axis=axis,
                                       keepdims=keepdims), x)
        else:  # (_rt.phase has a rule for complex values: a second derivative)
            d[x] = _rt.onto(_rt.real_seed(d[r]) * _rt.phase(x, r), x)

    def tangent(r, x, ord=None, axis=None, keepdims=False):
        if given(ord):
            d[r] = _rt.no_tangent(d[x], "np.linalg.norm of a complex value with ord=")
        elif given(axis):
            d[r] = np.real(np.sum(np.conj(_rt.unnorm(1.0, x, r, axis=axis, keepdims=keepdims))
                                  * d[x], axis=axis, keepdims=keepdims))
        else:
            d[r] = np.real(np.sum(np.conj(_rt.phase(x, r)) * d[x], keepdims=keepdims))


singular(divided)  # (b = 0 off c, as the real helper's)


@rule(divided)
class Divided:  # np.where(c, a / b, 0.0): divide's complex rule kept on c (as np.where's)
    def adjoint(r, c, a, b):  # (written as np.where: passes/masked_ratios.py divides on c only)
        d[a] = _rt.onto(np.where(c, d[r] / np.conj(b), 0.0), a)
        d[b] = _rt.onto(np.where(c, -d[r] * np.conj(r) / np.conj(b), 0.0), b)

    def tangent(r, c, a, b):
        d[r] = np.where(c, d[a] / b, 0.0) - np.where(c, d[b] * r / b, 0.0)


FORMS = {np.vdot: vdot, np.polyval: polyval, np.real_if_close: real_if_close,
         np.linalg.norm: norm, runtime.divided: divided}
"""``np.vdot``, ``np.polyval``, ``np.real_if_close``, ``np.linalg.norm`` and ``_rt.divided`` →
their complex forms."""
