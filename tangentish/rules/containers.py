"""Building and updating containers: element assignment, list ``append``/``extend``/``pop``,
``np.stack``/``np.concatenate`` and friends (linear), and the builtin ``sum`` (``xs.pop()`` as a
statement, ``_rt.drop_last``: rules/runtime_forms.py).

The adjoint of a list is an array (or a list) whose first axis runs over the list's items, so
``xs.append(v)`` takes its item's adjoint from the end: ``v_bar = xs_bar[-1]``.  A family on
demand (:data:`tangentish.rules.ON_DEMAND`): imported at the first question about a key of its names.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins
import operator

import numpy as np

from ..extend import d, given, linear, returns_sequence, rule, tangent

linear(np.concatenate, lambda out, arrays, axis=0, dtype=None:
       _rt.unjoin(d[out], arrays, "concatenate", axis))
linear(np.vstack, lambda out, tup: _rt.unjoin(d[out], tup, "vstack"))
linear(np.hstack, lambda out, tup: _rt.unjoin(d[out], tup, "hstack"))
# `list(x)` / `tuple(x)` of an array (its rows) or of a list (a copy)
linear((list, tuple), lambda out, iterable: _rt.unlisted(d[out], iterable))
returns_sequence(list, tuple)


@rule(operator.setitem)
class SetItem:  # `a[b] = c` as a value: the result is `a` with `c` written in
    def adjoint(result, a, b, c):
        d[c] = _rt.unbroadcast(_rt.written(d[result], b), c)  # (d[result][b] for a basic b)
        d[a] = _rt.zero_index(d[result], b)

    def tangent(result, a, b, c):
        d[result] = _rt.set_index(d[a], b, d[c])


@rule(np.stack)
class Stack:  # linear; the items run along `axis` of the result (the first: its adjoint as is)
    def adjoint(out, arrays, axis=0):
        if given(axis):
            d[arrays] = np.moveaxis(d[out], axis, 0)
        else:
            d[arrays] = d[out]

    def tangent(out, arrays, axis=0):
        if given(axis):
            d[out] = np.stack(d[arrays], axis=axis)
        else:
            d[out] = np.stack(d[arrays])


@rule(list.append)
class Append:
    def adjoint(result, self, object):
        d[object] = d[result][-1]
        d[self] = d[result][:-1]

    def tangent(result, self, object):
        d[result] = _rt.appended(d[self], d[object])


@rule(list.extend)
class Extend:
    def adjoint(result, self, iterable):
        kept = len(d[result]) - len(iterable)
        d[iterable] = d[result][kept:]
        d[self] = d[result][:kept]

    def tangent(result, self, iterable):
        d[result] = _rt.extended(d[self], d[iterable])


@tangent(list.pop)  # `_tape.pop()` in derivative code that is differentiated again (jvp of grad)
def pop_tangent(result, self, index=-1):
    d[result] = d[self].pop(index)


@rule(builtins.sum)
class BuiltinSum:
    def adjoint(r, iterable, start=0):
        d[iterable] = _rt.spread(d[r], iterable)
        if given(start):
            d[start] = _rt.unbroadcast(d[r], start)

    def tangent(r, iterable, start=0):
        d[r] = sum(d[iterable], d[start])
