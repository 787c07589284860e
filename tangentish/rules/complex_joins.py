"""More complex forms (``rules/complex_forms.py`` states the convention: the adjoint of a complex
``z`` is ``dL/dRe(z) + 1j * dL/dIm(z)``, and a real operand takes the real part of what reaches
it, ``_rt.onto``): joins (``np.concatenate``, ``np.stack``, ``np.hstack``, ``np.vstack``),
``np.where``, products (``@``, ``np.matmul``, ``np.dot``: ``a @ b`` sends ``g @ conj(b).T`` to
``a``), the casts that make complex arrays (``np.array``, ``np.asarray``, ``.astype``; a cast
to a real dtype keeps the real part, so its adjoint is the real part's), an element assignment
(``Z[k] = v``) and ``complex(a, b)`` (``a + 1j * b``: ``a_bar = Re(z_bar)``, ``b_bar =
Im(z_bar)``).  The primal line is the user's;
these keys stand in for the real ones where an operand may be complex.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import operator

import numpy as np

from .. import runtime
from ..extend import d, linear, rule


def concatenate(arrays, axis=0, dtype=None):
    """``np.concatenate(arrays, axis, dtype=dtype)`` where an array may be complex."""
    return np.concatenate(arrays, axis, dtype=dtype)


def stack(arrays, axis=0):
    """``np.stack(arrays, axis)`` where an array may be complex."""
    return np.stack(arrays, axis)


def hstack(tup):
    """``np.hstack(tup)`` where an array may be complex."""
    return np.hstack(tup)


def vstack(tup):
    """``np.vstack(tup)`` where an array may be complex."""
    return np.vstack(tup)


def where(condition, x, y):
    """``np.where(condition, x, y)`` where a choice may be complex."""
    return np.where(condition, x, y)


def matmul(x1, x2):
    """``x1 @ x2``, ``np.matmul(x1, x2)`` where an operand may be complex."""
    return np.matmul(x1, x2)


def dot(a, b):
    """``np.dot(a, b)`` where an operand may be complex."""
    return np.dot(a, b)


def array(object, dtype=None, copy=True, ndmin=0):
    """``np.array(object, dtype)`` of values that may be complex (or of a complex dtype)."""
    return np.array(object, dtype=dtype, copy=copy, ndmin=ndmin)


def asarray(a, dtype=None):
    """``np.asarray(a, dtype)`` of a value that may be complex (or to a complex dtype)."""
    return np.asarray(a, dtype)


def astype(a, dtype, order="K", casting="unsafe", subok=True, copy=True):
    """``a.astype(dtype)`` of a value that may be complex (or to a complex dtype)."""
    return a.astype(dtype, order, casting, subok, copy)


def setitem(a, b, c):
    """``a[b] = c`` (as a value: ``a`` with ``c`` written in) where ``a`` or ``c`` may be
    complex."""
    a[b] = c
    return a


@rule(concatenate)
class Concatenate:  # (each array takes its piece onto itself: a real one its real part)
    def adjoint(out, arrays, axis=0, dtype=None):
        d[arrays] = _rt.onto(_rt.unjoin(d[out], arrays, "concatenate", axis), arrays)

    def tangent(out, arrays, axis=0, dtype=None):
        d[out] = np.concatenate(d[arrays], axis, dtype=dtype)


@rule(stack)
class Stack:
    def adjoint(out, arrays, axis=0):
        d[arrays] = _rt.onto(np.moveaxis(d[out], axis, 0), arrays)

    def tangent(out, arrays, axis=0):
        d[out] = np.stack(d[arrays], axis)


linear(hstack, lambda out, tup: _rt.onto(_rt.unjoin(d[out], tup, "hstack"), tup))
linear(vstack, lambda out, tup: _rt.onto(_rt.unjoin(d[out], tup, "vstack"), tup))


@rule(where)
class Where:
    def adjoint(out, condition, x, y):
        d[x] = _rt.onto(np.where(condition, d[out], 0.0), x)
        d[y] = _rt.onto(np.where(condition, 0.0, d[out]), y)

    def tangent(out, condition, x, y):
        d[out] = np.where(condition, d[x], d[y])


linear(matmul, lambda out, x1, x2: {x1: _rt.onto(_rt.matmul_left(d[out], x1, np.conj(x2)), x1),
                                     x2: _rt.onto(_rt.matmul_right(d[out], np.conj(x1), x2), x2)})
linear(dot, lambda out, a, b: {a: _rt.onto(_rt.dot_left(d[out], a, np.conj(b)), a),
                               b: _rt.onto(_rt.dot_right(d[out], np.conj(a), b), b)})


@rule(array)
class Array:  # (a real dtype keeps the real part: onto the result, the tangent is real too)
    def adjoint(r, object, dtype=None, copy=True, ndmin=0):
        d[object] = _rt.onto(_rt.recast(d[r], object, dtype), object)

    def tangent(r, object, dtype=None, copy=True, ndmin=0):
        d[r] = _rt.onto(_rt.recast(d[object], r, dtype), r)


@rule(asarray)
class AsArray:
    def adjoint(r, a, dtype=None):
        d[a] = _rt.onto(_rt.recast(d[r], a, dtype), a)

    def tangent(r, a, dtype=None):
        d[r] = _rt.onto(_rt.recast(d[a], r, dtype), r)


@rule(astype)
class AsType:
    def adjoint(r, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
        d[a] = _rt.onto(_rt.recast(d[r], a, dtype), a)

    def tangent(r, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
        d[r] = _rt.onto(_rt.recast(d[a], r, dtype), r)


@rule(setitem)
class SetItem:  # (a real array keeps the real part of a complex value written in)
    def adjoint(result, a, b, c):
        d[c] = _rt.onto(_rt.written(d[result], b), c)
        d[a] = _rt.onto(_rt.zero_index(d[result], b), a)

    def tangent(result, a, b, c):
        d[result] = _rt.set_index(d[a], b, _rt.part_of(d[c], result))


@rule((complex, np.complex128))
class Complex:  # complex(real, imag) = real + 1j * imag (either may be complex itself)
    def adjoint(z, real=0, imag=0):
        d[real] = _rt.onto(d[z], real)
        d[imag] = _rt.onto(-1j * d[z], imag)

    def tangent(z, real=0, imag=0):
        d[z] = d[real] + 1j * d[imag]


# The helpers of the products' adjoints (for a derivative of a derivative): bilinear, so each
# operand's complex adjoint is the real one with the other operand conjugated
def matmul_left(g, x1, x2):
    """``_rt.matmul_left(g, x1, x2)`` where an operand may be complex."""
    return runtime.matmul_left(g, x1, x2)


def matmul_right(g, x1, x2):
    """``_rt.matmul_right(g, x1, x2)`` where an operand may be complex."""
    return runtime.matmul_right(g, x1, x2)


def dot_left(g, a, b):
    """``_rt.dot_left(g, a, b)`` where an operand may be complex."""
    return runtime.dot_left(g, a, b)


def dot_right(g, a, b):
    """``_rt.dot_right(g, a, b)`` where an operand may be complex."""
    return runtime.dot_right(g, a, b)


linear(matmul_left, lambda r, g, x1, x2: {
    g: _rt.onto(_rt.fit(np.matmul(d[r], np.conj(x2)), g), g),
    x2: _rt.onto(_rt.matmul_right(np.conj(g), d[r], x2), x2)})
linear(matmul_right, lambda r, g, x1, x2: {
    g: _rt.onto(_rt.fit(np.matmul(np.conj(x1), d[r]), g), g),
    x1: _rt.onto(_rt.matmul_left(np.conj(g), x1, d[r]), x1)})
linear(dot_left, lambda r, g, a, b: {g: _rt.onto(_rt.fit(np.dot(d[r], np.conj(b)), g), g),
                                     b: _rt.onto(_rt.dot_right(np.conj(g), d[r], b), b)})
linear(dot_right, lambda r, g, a, b: {g: _rt.onto(_rt.fit(np.dot(np.conj(a), d[r]), g), g),
                                      a: _rt.onto(_rt.dot_left(np.conj(g), a, d[r]), a)})



def recast(g, like, dtype=None):
    """``_rt.recast(g, like, dtype)`` (the derivative through a cast) where ``g`` or ``like`` may
    be complex: it keeps a complex ``g`` complex, so a real ``g`` takes the real part of its
    adjoint (the adjoint of the embedding of the reals in the complex numbers)."""
    return runtime.recast(g, like, dtype)


linear(recast, lambda r, g, like, dtype=None: _rt.onto(_rt.recast(d[r], g, dtype), g))

FORMS = {runtime.recast: recast, runtime.matmul_left: matmul_left, runtime.matmul_right: matmul_right,
         runtime.dot_left: dot_left, runtime.dot_right: dot_right, np.concatenate: concatenate,
         np.stack: stack, np.hstack: hstack, np.vstack: vstack, np.where: where,
         operator.matmul: matmul, np.matmul: matmul, np.dot: dot, np.array: array,
         np.asarray: asarray, np.ndarray.astype: astype, operator.setitem: setitem}
if hasattr(np, "astype"):  # NumPy >= 2.1
    FORMS[np.astype] = astype
"""The joins, products, casts and writes a complex value may meet → their complex forms."""
