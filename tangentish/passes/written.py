"""The adjoint of the value ``v`` in ``x[index] = v``, as plain NumPy where it can be.

With an integer array index a position may be written twice (``y[[0, 0, 1]] = v``); NumPy keeps
the last value, so only that element of ``v`` gets the position's adjoint: the rule reads
``_rt.written(x_bar, index)``, which zeroes the others.  An index that selects each position at
most once (an int, a slice, ``None``, ``...``, a name of proven rank 0 such as a loop counter over
``range``, or a tuple of these) needs none of that: :meth:`BasicIndex.simplify` writes
``x_bar[index]``, as the code read before.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     y = np.zeros(3)
    ...     for i in range(2):
    ...         y[i] = x[i] * 2.0
    ...     y[[2, 2]] = x[1:3]
    ...     return np.sum(y * np.arange(3.0))
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        # adjoint of: y[[2, 2]] = x[1:3]  [...]
        x_slice_bar = _rt.unbroadcast(_rt.written(y_bar, _t1), x_slice)
    ...
            # adjoint of: y[i] = x[i] * 2.0  [...]
            x_item_times_2_bar = _rt.unbroadcast(y_bar[i], x_item_times_2)
    ...
"""

from __future__ import annotations

import operator
from types import SimpleNamespace

import gast

from ..syntax import build
from .slice_shapes import slice_key


class BasicIndex:
    """Rewrite ``_rt.written(g, index)`` as ``g[index]`` when ``index`` selects each position at
    most once (see the module docstring); ``scalars`` are the names of proven rank 0."""

    def __init__(self, runtime_alias: str, scalars: set[str] | frozenset[str]):
        self.runtime, self.scalars = runtime_alias, scalars

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if (func.__class__ is gast.Attribute and func.attr == "written"
                and getattr(func.value, "id", None) == self.runtime and len(node.args) == 2
                and self._basic(node.args[1])):
            return build.subscript(node.args[0], _as_index(node.args[1]))
        return node

    def _basic(self, index: gast.expr) -> bool:
        if isinstance(index, gast.Tuple):
            return all(self._basic(part) for part in index.elts)
        if isinstance(index, gast.Constant):
            return index.value is None or index.value is Ellipsis or (
                type(index.value) is int)
        if isinstance(index, gast.UnaryOp) and isinstance(index.op, gast.USub):
            return isinstance(index.operand, gast.Constant) and type(index.operand.value) is int
        if isinstance(index, gast.Name):
            return index.id in self.scalars
        return _is_slice_call(index)


def _is_slice_call(node: gast.expr) -> bool:
    return isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
        node.func.id == "slice" and not node.keywords


def _as_index(node: gast.expr) -> gast.expr:
    """``slice(1, None, None)`` back to ``1:`` (the inverse of ``build.slice_as_expression``)."""
    if isinstance(node, gast.Tuple):
        return gast.Tuple(elts=[_as_index(e) for e in node.elts], ctx=gast.Load())
    if _is_slice_call(node):
        parts = [None if isinstance(a, gast.Constant) and a.value is None else a
                 for a in node.args] + [None] * (3 - len(node.args))
        if len(node.args) == 1:  # slice(stop)
            parts = [None, parts[0], None]
        return gast.Slice(lower=parts[0], upper=parts[1], step=parts[2])
    return node


def written_alike(op, norm, classes) -> bool:
    """Whether ``a[b] = c`` (``op``) writes ``c`` where ``a[b]`` is proven of ``c``'s very shape:
    a slice of an array of a parameter's class with the trims of a slice bound to a name of
    ``c``'s class (:mod:`.slice_shapes`), so the adjoint ``d[c]`` needs no un-broadcasting."""
    a, b, c = (op.args + [None, None, None])[:3]
    if a.__class__ is not gast.Name or c.__class__ is not gast.Name or op.keywords:
        return False
    read = SimpleNamespace(key=operator.getitem, args=[a, _as_index(b)], keywords={})
    key = slice_key(read, norm, classes.bindings, classes)
    return key is not None and any(
        items == key[1] and classes.same(base, key[0]) and classes.same(name, c.id)
        for (base, items), name in classes.slices.items())


class Unbroadcast:
    """``_rt.unbroadcast(g, c)`` as ``g`` (where :func:`written_alike` proved the shapes one, or
    ``c`` is written into a list of numbers, :func:`.patterns.number_lists`: ``g`` is a number)."""

    def __init__(self, runtime_alias: str):
        self.runtime = runtime_alias

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if func.__class__ is gast.Attribute and func.attr == "unbroadcast" and \
                getattr(func.value, "id", None) == self.runtime and len(node.args) == 2:
            return node.args[0]
        return node
