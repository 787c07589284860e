"""A helper that picks a function from a dict display by its argument (``def get_activation(name):
return {"tanh": np.tanh, "relu": relu}[name]``), called in the function (``act =
get_activation(name)``, then ``act(h)``): the call is the display read at the argument, written
in its place, which :mod:`.display_tables` then dispatches per key.  Refused before as a call
to a local value (the local held what a call returned).

Only for a function of the user's (not a closure) whose body is that one ``return`` of a display
of at most :data:`~.function_tables.MOST` constant string or int keys read at one of its
parameters, the argument a constant, a name or a constant path (``CONFIG["act"]``), or at a
path from a global both read as the same object (``CONFIG["act"]`` itself, read when the function
runs); each entry a constant or a name or attribute path that the function's scope resolves to
the very object the helper's resolves it to (``np.tanh`` both ways; the look-ups recorded, and
the helper's code and defaults: redefining either derives again).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def pick(name):
    ...     return {"tanh": np.tanh, "sin": np.sin}[name]
    >>> pick.__module__ = "model"  # (a doctest's functions count as tangentish's own)
    >>> def f(x, kind="sin"):
    ...     act = pick(kind)
    ...     return np.sum(act(x))
    >>> info = parse_function(f)
    >>> inline_function_getters(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x, kind='sin'):
        act = {'tanh': np.tanh, 'sin': np.sin}[kind]
        return np.sum(act(x))
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import constant_path
from ..syntax.tree_walk import walk
from .binding import is_user_function
from .function_tables import MOST
from .helper_bodies import bind, record_inlined


def inline_function_getters(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether a call was."""
    node = info.node
    local = build.parameter_names(node.args) | {
        n.id for n in walk(node) if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    done = False
    for stmt in build.outside_nested(node.body):  # (a nested function's names are its own)
        if isinstance(stmt, gast.Assign) and isinstance(stmt.value, gast.Call) and \
                isinstance(stmt.value.func, gast.Name) and stmt.value.func.id not in local:
            read = _picked(info, stmt.value, local)
            if read is not None:
                stmt.value = gast.copy_location(read, stmt.value)
                done = True
    return done


def _picked(info: SourceInfo, call: gast.Call, local: set[str]) -> gast.Subscript | None:
    found, function = info.lookup(call.func.id)
    if not found or not is_user_function(function) or function is info.fn or \
            not _short(function.__code__):
        return None
    try:
        helper = parse_function(function)
    except Exception:  # (no source: the call stays, refused as before)
        return None
    body = helper.node.body
    if body and isinstance(body[0], gast.Expr) and isinstance(body[0].value, gast.Constant):
        body = body[1:]  # (its docstring)
    read = body[0].value if len(body) == 1 and isinstance(body[0], gast.Return) else None
    if not (isinstance(read, gast.Subscript) and isinstance(read.value, gast.Dict) and
            constant_path(read.slice) is not None and 0 < len(read.value.keys) <= MOST and
            all(isinstance(k, gast.Constant) and type(k.value) in (str, int)
                for k in read.value.keys)):
        return None
    bound = bind(helper.node, call, function)
    key = None if bound is None else bound.get(read.slice.id) if isinstance(
        read.slice, gast.Name) and read.slice.id in bound else read.slice if _same_root(
            info, helper, read.slice, local) else None  # (a parameter, or `CONFIG["act"]`)
    if not (isinstance(key, gast.Constant) or constant_path(key) is not None) or \
            not all(_same_here(info, helper, v, local) for v in read.value.values):
        return None
    record_inlined(info, function)
    return gast.Subscript(value=build.clone(read.value), slice=build.clone(key), ctx=gast.Load())


def _short(code: Any) -> bool:
    """Whether the code may be such a helper's (no variables but its parameters, no closure,
    at most a line per entry and a few more), without parsing it: most calls are of others."""
    lines = [line for _, _, line in code.co_lines() if line is not None]
    return not code.co_freevars and code.co_nlocals == code.co_argcount + \
        code.co_kwonlyargcount and bool(lines) and max(lines) - code.co_firstlineno <= MOST + 4


def _same_root(info: SourceInfo, helper: SourceInfo, key: gast.expr, local: set[str]) -> bool:
    """Whether the path ``key`` starts at the very object in the function as in the helper
    (``CONFIG``: the key is read when the function runs, as the helper reads it)."""
    parts = constant_path(key)
    if parts is None or parts[0] in local:
        return False
    there, value = helper.lookup(parts[0])
    here, held = info.lookup(parts[0])
    return there and here and held is value


def _same_here(info: SourceInfo, helper: SourceInfo, entry: gast.expr, local: set[str]) -> bool:
    """Whether ``entry`` means in the function what it means in the helper."""
    if isinstance(entry, gast.Constant):
        return True
    parts = constant_path(entry)
    if parts is None or parts[0] in local:
        return False
    there, value = helper.lookup_path(parts)
    here, held = info.lookup_path(parts)
    return there and here and held is value
