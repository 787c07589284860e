"""Derivatives of building and updating containers: element assignment, list ``append`` and
``extend``, ``np.stack``/``np.concatenate`` and friends, and the builtin ``sum``.

The adjoint of a list is an array (or a list) whose first axis runs over the list's items, so
``xs.append(v)`` takes its item's adjoint from the end: ``v_bar = xs_bar[-1]``.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import builtins
import operator

import numpy as np

from ..extend import adjoint, d, given, tangent


@adjoint(operator.setitem)
def setitem_adjoint(result, a, b, c):
    d[c] = _rt.unbroadcast(d[result][b], c)
    d[a] = _rt.zero_index(d[result], b)


@tangent(operator.setitem)
def setitem_tangent(result, a, b, c):
    d[result] = _rt.set_index(d[a], b, d[c])


@adjoint(list.append)
def append_adjoint(result, self, object):  # noqa: A002 (list.append's own parameter names)
    d[object] = d[result][-1]
    d[self] = d[result][:-1]


@tangent(list.append)
def append_tangent(result, self, object):  # noqa: A002
    d[result] = _rt.appended(d[self], d[object])


@tangent(list.pop)
def pop_tangent(result, self, index=-1):
    d[result] = d[self].pop(index)


@adjoint(list.extend)
def extend_adjoint(result, self, iterable):
    kept = len(d[result]) - len(iterable)
    d[iterable] = d[result][kept:]
    d[self] = d[result][:kept]


@tangent(list.extend)
def extend_tangent(result, self, iterable):
    d[result] = _rt.extended(d[self], d[iterable])


@adjoint(np.stack)
def stack_adjoint(out, arrays, axis=0):
    d[arrays] = np.moveaxis(d[out], axis, 0)


@tangent(np.stack)
def stack_tangent(out, arrays, axis=0):
    d[out] = np.stack(d[arrays], axis=axis)


@adjoint(np.concatenate)
def concatenate_adjoint(out, arrays, axis=0):
    d[arrays] = _rt.unconcatenate(d[out], arrays, axis)


@tangent(np.concatenate)
def concatenate_tangent(out, arrays, axis=0):
    d[out] = np.concatenate(d[arrays], axis=axis)


@adjoint(np.vstack)
def vstack_adjoint(out, tup):
    d[tup] = _rt.unvstack(d[out], tup)


@tangent(np.vstack)
def vstack_tangent(out, tup):
    d[out] = np.vstack(d[tup])


@adjoint(np.hstack)
def hstack_adjoint(out, tup):
    d[tup] = _rt.unconcatenate(d[out], tup, 0 if np.ndim(out) == 1 else 1)


@tangent(np.hstack)
def hstack_tangent(out, tup):
    d[out] = np.hstack(d[tup])


@adjoint(builtins.sum)
def builtin_sum_adjoint(r, iterable, start=0):
    d[iterable] = _rt.spread(d[r], iterable)
    if given(start):
        d[start] = _rt.unbroadcast(d[r], start)


@tangent(builtins.sum)
def builtin_sum_tangent(r, iterable, start=0):
    d[r] = sum(d[iterable]) + d[start]
