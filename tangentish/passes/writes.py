"""Calls that write into their arguments: which argument, the methods that change their
receiver, and what returns a view of its operand (the facts :mod:`.helper_changes` reads, at a
call site of the function being differentiated and in a user's helper).

A call in :data:`WRITERS` (``np.copyto``, ``np.fill_diagonal``...), a ``ufunc.at``, a mutating
method called unbound (``np.ndarray.fill(y, v)``), and any call with ``out=`` write into one
argument; :func:`written_position` and :func:`out_argument` say which.

    >>> import numpy as np
    >>> written_position(np.copyto), written_position(np.add.at), written_position(np.sin)
    ((0, 'dst'), (0, 'a'), None)
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

import gast
import numpy as np

from ..positions import signature
from .binding import is_user_function

# NumPy functions that write into an argument: the position and name of that argument.
WRITERS: dict[Any, tuple[int, str]] = {
    np.copyto: (0, "dst"),
    np.fill_diagonal: (0, "a"),
    np.put: (0, "a"),
    np.place: (0, "arr"),
    np.putmask: (0, "a"),
    np.put_along_axis: (0, "arr"),
}
# Writers of modules imported on first use (``np.random``: 25 ms; tangentish's runtime family that
# ``_rt.put_back`` is in), asked for only once they are.
LAZY_WRITERS = {("numpy.random", "shuffle"): (0, "x"),
                ("tangentish.runtime.machinery", "put_back"): (0, "value")}
# Methods that change their receiver (ndarray, list, dict, set).
MUTATING_METHODS = frozenset({
    "fill", "sort", "put", "itemset", "resize", "partition", "setfield", "setflags", "byteswap",
    "append", "extend", "insert", "remove", "pop", "clear", "reverse", "update", "setdefault",
    "popitem", "add", "discard", "__setitem__", "__delitem__",
})
# What returns a view of (or the same object as) its first operand.
VIEW_ATTRIBUTES = frozenset({"T", "mT", "real", "imag", "flat"})
VIEW_METHODS = frozenset({"reshape", "ravel", "view", "transpose", "swapaxes", "squeeze",
                          "diagonal", "__getitem__"})
VIEW_FUNCTIONS = frozenset({np.reshape, np.ravel, np.transpose, np.squeeze, np.asarray,
                            np.asanyarray, np.atleast_1d, np.atleast_2d, np.atleast_3d,
                            np.expand_dims, np.moveaxis, np.swapaxes, np.diagonal,
                            np.broadcast_to, np.lib.stride_tricks.sliding_window_view})

WRITES, REBINDS, ITEMS = "writes", "rebinds", "items"  # (ITEMS: ``for q in p: q += v``)
Changes = dict[str, tuple[str, gast.AST]]  # parameter -> (WRITES, REBINDS or ITEMS, the node)


def ufunc_at(value: Any) -> bool:
    """``np.add.at`` and its siblings: unbuffered in-place operations on their first operand."""
    return getattr(value, "__name__", None) == "at" and isinstance(
        getattr(value, "__self__", None), np.ufunc)


def written_position(value: Any) -> tuple[int, str] | None:
    """Where a NumPy function writes: ``(position, keyword)`` of the argument, or ``None``; a
    method called unbound (``np.ndarray.fill(y, v)``, ``list.append(out, v)``) into its receiver."""
    if ufunc_at(value) or getattr(value, "__objclass__", None) in (
            np.ndarray, list, dict, set, bytearray) and value.__name__ in MUTATING_METHODS:
        return 0, "a"
    try:
        found = WRITERS.get(value)
    except TypeError:  # unhashable callables write nothing we know of
        return None
    if found is None and value is not None:  # (an unresolved callee is none: fuzz 4809/82)
        for (module, name), position in LAZY_WRITERS.items():
            if value is getattr(sys.modules.get(module), name, None):
                return position
    return found


def out_argument(value: Any, args: list, keywords: dict) -> Any:
    """What a call of ``value`` passes as ``out``: by keyword, or at its position (a ufunc's
    first after its operands, ``np.add(x, y, o)``; another function's by its signature, read only
    for a call with that many positional arguments); ``None`` if nothing or a literal ``None``,
    and for a function of the user's (its parameter ``out`` is any parameter: what it changes is
    read from its body, :func:`changed_parameters`)."""
    if is_user_function(value):
        return None
    if "out" in keywords:
        return _written(keywords["out"])
    if len(args) < 2:
        return None
    position = value.nin if isinstance(value, np.ufunc) else None
    if position is None and len(args) > 2 and callable(value):
        found = signature(value)
        for index, parameter in enumerate(found.parameters.values() if found is not None else ()):
            if parameter.kind not in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
                break  # (`out` after `*operands`, np.einsum's, is keyword-only)
            if parameter.name == "out":
                position = index
    if position is None or len(args) <= position or any(
            isinstance(a, gast.Starred) for a in args[:position + 1]):
        return None
    return _written(args[position])


def _written(node: Any) -> Any:
    """``node``, or ``None`` for a literal ``None`` (``np.var(x, 0, None, None, 1)``)."""
    return None if isinstance(node, gast.Constant) and node.value is None else node


def argument(call: gast.Call, position: int, keyword: str) -> gast.expr | None:
    """The argument a call passes at ``position`` or as ``keyword``."""
    if len(call.args) > position and not any(isinstance(a, gast.Starred)
                                             for a in call.args[:position + 1]):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def bound_argument(function: Any, call: gast.Call, param: str) -> gast.expr | None:
    """The argument node a call passes for ``param`` of ``function`` (``None`` if none or if the
    call cannot be matched to the signature)."""
    try:
        bound = inspect.signature(function).bind_partial(*call.args, **{
            k.arg: k.value for k in call.keywords if k.arg is not None})
    except (TypeError, ValueError):
        return None
    value = bound.arguments.get(param)
    if isinstance(value, tuple):  # *args
        return gast.Tuple(elts=[v for v in value if isinstance(v, gast.expr)], ctx=gast.Load())
    if isinstance(value, dict):  # **kwargs
        return gast.Tuple(elts=[v for v in value.values() if isinstance(v, gast.expr)],
                          ctx=gast.Load())
    return value
