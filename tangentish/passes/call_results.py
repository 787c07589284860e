"""What a call of a generated function may return: a new value, or (a view of) its first operand.

:mod:`.points_to` takes, for the calls it meets, whether each makes a new object
(:func:`makes_new`) and which operands its result may hold (:func:`returned_operands`); without
them a call may return any of its arguments.  :mod:`.unit_seed` asks which gradients may be the
caller's arrays, :mod:`.owned` which adjoints are the derivative's own to write in place: both
read the helpers and NumPy functions alike from the tables here.

    >>> import gast
    >>> call = gast.parse("_rt.unbroadcast(_rt.chosen(g, w), x)").body[0].value
    >>> [a.func.attr for a in returned_operands(call, "np", "_rt")], makes_new(call.args[0], "np")
    (['chosen'], True)
    >>> makes_new(gast.parse("_rt.unreduce(g, x, view=True)").body[0].value, "np")
    False
"""

from __future__ import annotations

import gast
import numpy as np

from .unreduce_views import asks_view, is_unreduce_view, plain_keywords

_NEW_ARRAYS = frozenset(("sum", "mean", "dot", "matmul", "outer", "where", "zeros_like",
                         "ones_like", "full_like", "zeros", "ones", "full"))
"""NumPy functions (besides ufuncs) whose result is a new array, never an argument or a view."""


_FIRST_ONLY = frozenset(("unbroadcast",))
"""Runtime helpers that return their first operand, a view of it or a new array, and read the
others for their shapes only (``unbroadcast(g, x)`` is never ``x``; so does ``unreduce(g, x,
view=True)``)."""

_VIEWS = frozenset(("transpose", "swapaxes", "moveaxis", "reshape", "ravel", "squeeze",
                    "expand_dims", "flip"))
"""NumPy functions that return a view of their first operand (writable, as the operand is) or a
new array, and read the others as axes or shapes (``np.swapaxes(k_bar, -1, -2)``: a view of
``k_bar``, never of another operand)."""


def returned_operands(node: gast.Call, numpy: str, runtime: str) -> list[gast.expr] | None:
    """The operands a call of a :data:`_FIRST_ONLY` helper or a NumPy function of :data:`_VIEWS`
    may return (its first); ``None`` (any) for every other call."""
    func = node.func
    if func.__class__ is gast.Attribute and func.value.__class__ is gast.Name and \
            (func.value.id == runtime and func.attr in _FIRST_ONLY or
             func.value.id == numpy and func.attr in _VIEWS) and node.args and \
            node.args[0].__class__ is not gast.Starred and not node.keywords:
        return [node.args[0]]
    if is_unreduce_view(node, runtime) and node.args and not plain_keywords(node) and \
            node.args[0].__class__ is not gast.Starred:
        return [node.args[0]]
    return None


_NEW_RUNTIME = frozenset(("unindex", "unreduce", "chosen"))
"""Runtime helpers whose result is a new array (or a NumPy or Python scalar), never an argument
or a view of one: ``unindex`` fills zeros, ``unreduce`` fills or copies, ``chosen`` multiplies."""


def makes_new(node: gast.expr, numpy: str, runtime: str = "_rt") -> bool:
    """Whether ``node`` (arithmetic, or a call) makes a new value: arithmetic (of arrays and
    numbers: a gradient is never a list), a NumPy ufunc, a function of :data:`_NEW_ARRAYS` without
    ``out=`` (or ``**kwargs``) or a helper of :data:`_NEW_RUNTIME`; any other call may return
    what it is given."""
    if node.__class__ is not gast.Call:
        return True
    func = node.func
    if any(k.arg in ("out", None) for k in node.keywords) or func.__class__ is not gast.Attribute or \
            func.value.__class__ is not gast.Name:
        return False
    if func.value.id == runtime:
        return func.attr in _NEW_RUNTIME and not asks_view(node)
    return func.value.id == numpy and (
        func.attr in _NEW_ARRAYS or isinstance(getattr(np, func.attr, None), np.ufunc))
