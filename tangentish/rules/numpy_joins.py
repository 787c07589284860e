"""Joining and splitting: ``append``, ``column_stack``, ``row_stack``, ``dstack``, the ``split``
family, ``unstack``, and the ranges ``linspace``/``logspace`` (linear in their end points) and
``arange(start, stop, step)`` (``start + i * step``: linear in ``start`` and ``step`` while the
length, fixed by the three values, does not change; refused in ``stop``, which moves only the
length, and so in the one-argument form ``arange(stop)``).  The
adjoint of a join cuts the gradient back into the pieces (``_rt.unjoin``); of a split, joins the
pieces' gradients (``_rt.unsplit``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, given, linear, non_differentiable, returns_sequence, rule

linear(np.column_stack, lambda r, tup: _rt.unjoin(d[r], tup, "column_stack"))
linear(np.dstack, lambda r, tup: _rt.unjoin(d[r], tup, "dstack"))
_ROW_STACK = getattr(np, "row_stack", None)  # removed in NumPy 2.5
if _ROW_STACK is not None and _ROW_STACK is not np.vstack:  # deprecated, its own function on 2.x
    linear(_ROW_STACK, lambda r, tup: _rt.unjoin(d[r], tup, "vstack"))
linear((np.split, np.array_split), lambda r, ary, indices_or_sections, axis=0:
       _rt.unsplit(d[r], r, ary, axis))
linear(np.hsplit, lambda r, ary, indices_or_sections:
       _rt.unsplit(d[r], r, ary, _rt.split_axis(ary, "h")))
linear(np.vsplit, lambda r, ary, indices_or_sections: _rt.unsplit(d[r], r, ary, 0))
linear(np.dsplit, lambda r, ary, indices_or_sections: _rt.unsplit(d[r], r, ary, 2))
returns_sequence(np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit)
if hasattr(np, "unstack"):  # NumPy >= 2.1
    linear(np.unstack, lambda r, x, axis=0: _rt.rejoin(d[r], r, "stack", axis))
    returns_sequence(np.unstack)

non_differentiable(runtime.split_axis)


@rule(np.linspace)
class Linspace:  # start + (stop - start) * t, with t fixed by num and endpoint
    def adjoint(r, start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
        t = _rt.linspace_steps(r, num, endpoint, axis)
        g = _rt.recast(d[r], r, dtype)  # an integer dtype rounds: derivative 0
        d[start] = _rt.unbroadcast(np.sum(g * (1.0 - t), axis), start)
        d[stop] = _rt.unbroadcast(np.sum(g * t, axis), stop)

    def tangent(r, start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
        d[r] = _rt.recast(np.linspace(d[start], d[stop], num, endpoint, retstep, None, axis), r,
                          dtype)


@rule(np.logspace)
class Logspace:  # base ** linspace(start, stop)
    def adjoint(r, start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
        t = _rt.linspace_steps(r, num, endpoint, axis)
        scaled = _rt.recast(d[r], r, dtype) * r * np.log(base)
        d[start] = _rt.unbroadcast(np.sum(scaled * (1.0 - t), axis), start)
        d[stop] = _rt.unbroadcast(np.sum(scaled * t, axis), stop)
        d[base] = _rt.no_derivative(base, "np.logspace's base")

    def tangent(r, start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
        if given(base):
            d[r] = _rt.recast(r * np.log(base) * np.linspace(
                d[start], d[stop], num, endpoint, False, None, axis), r, dtype) + _rt.no_tangent(
                d[base], "np.logspace's base")
        else:
            d[r] = _rt.recast(r * np.log(base) * np.linspace(
                d[start], d[stop], num, endpoint, False, None, axis), r, dtype)


_ARANGE_STOP = ("np.arange in its stop (it only changes how many values there are): write "
                "start + step * np.arange(n) with n an integer")


@rule(np.arange)  # (NumPy 2 names the first parameter start_or_stop; 1.x has no signature)
class Arange:  # r[i] = start + i * step, i < n
    def adjoint(r, start_or_stop, stop=None, step=1, dtype=None):
        g = _rt.recast(d[r], r, dtype)  # an integer dtype rounds: derivative 0
        if given(stop):
            d[start_or_stop] = _rt.unbroadcast(np.sum(g), start_or_stop)
            d[stop] = _rt.no_derivative(stop, _ARANGE_STOP)
        else:
            d[start_or_stop] = _rt.no_derivative(start_or_stop, _ARANGE_STOP)
        d[step] = _rt.unbroadcast(np.sum(g * np.arange(np.size(r))), step)

    def tangent(r, start_or_stop, stop=None, step=1, dtype=None):
        if given(stop):
            d[r] = _rt.recast(d[start_or_stop] + d[step] * np.arange(np.size(r)), r, dtype) \
                + _rt.no_tangent(d[stop], _ARANGE_STOP)
        else:
            d[r] = _rt.recast(0.0 * r + d[step] * np.arange(np.size(r)), r, dtype) \
                + _rt.no_tangent(d[start_or_stop], _ARANGE_STOP)


@rule(np.append)
class Append:  # linear in (arr, values) jointly
    def adjoint(r, arr, values, axis=None):
        d[arr] = _rt.unjoin(d[r], (arr, values), "concatenate", axis)[0]
        d[values] = _rt.unjoin(d[r], (arr, values), "concatenate", axis)[1]

    def tangent(r, arr, values, axis=None):
        d[r] = np.append(d[arr], d[values], axis)


# meshgrid and broadcast_arrays of up to three arrays: each result depends on one input, repeated
# along the other axes; its adjoint sums the gradient back to the input's shape (for meshgrid,
# the shape of that input's sparse grid, then the input's own shape).
returns_sequence(np.meshgrid, np.broadcast_arrays)


@rule(np.meshgrid)
class Meshgrid:
    def adjoint(r, xi, b=None, c=None, copy=True, sparse=False, indexing="xy"):
        if given(c):
            s = np.meshgrid(xi, b, c, sparse=True, indexing=indexing)
            d[xi] = np.reshape(_rt.unbroadcast(_rt.part(d[r], r, 0), s[0]), np.shape(xi))
            d[b] = np.reshape(_rt.unbroadcast(_rt.part(d[r], r, 1), s[1]), np.shape(b))
            d[c] = np.reshape(_rt.unbroadcast(_rt.part(d[r], r, 2), s[2]), np.shape(c))
        elif given(b):
            s = np.meshgrid(xi, b, sparse=True, indexing=indexing)
            d[xi] = np.reshape(_rt.unbroadcast(_rt.part(d[r], r, 0), s[0]), np.shape(xi))
            d[b] = np.reshape(_rt.unbroadcast(_rt.part(d[r], r, 1), s[1]), np.shape(b))
        else:
            d[xi] = np.reshape(_rt.part(d[r], r, 0), np.shape(xi))

    def tangent(r, xi, b=None, c=None, copy=True, sparse=False, indexing="xy"):
        if given(c):
            d[r] = np.meshgrid(d[xi], d[b], d[c], copy=copy, sparse=sparse, indexing=indexing)
        elif given(b):
            d[r] = np.meshgrid(d[xi], d[b], copy=copy, sparse=sparse, indexing=indexing)
        else:
            d[r] = np.meshgrid(d[xi], copy=copy, sparse=sparse, indexing=indexing)


@rule(np.broadcast_arrays)
class BroadcastArrays:
    def adjoint(r, args, b=None, c=None, subok=False):
        d[args] = _rt.unbroadcast(_rt.part(d[r], r, 0), args)
        d[b] = _rt.unbroadcast(_rt.part(d[r], r, 1), b)
        d[c] = _rt.unbroadcast(_rt.part(d[r], r, 2), c)

    def tangent(r, args, b=None, c=None, subok=False):
        if given(c):
            d[r] = np.broadcast_arrays(d[args], d[b], d[c], subok=subok)
        elif given(b):
            d[r] = np.broadcast_arrays(d[args], d[b], subok=subok)
        else:
            d[r] = np.broadcast_arrays(d[args], subok=subok)
