"""A nested generator function whose items a builtin takes at once, defined as the list of them.

``def gen(): for v in x: yield v * v`` inside the function, called only as ``sum(gen())``: ``sum``
takes every item before anything else runs, so the list of what the generator yields holds the same
values in the same order, computed from the same closure values (the call runs where the generator
would have).  When each read of the name ``gen`` is a call that is the first positional argument of
``sum``, ``list``, ``tuple``, ``sorted``, ``min`` or ``max`` (the builtins, without ``key=``), or
``math.fsum`` or ``math.prod`` (resolved to those very functions), ``gen`` is bound only by its
``def``, and its ``yield``s are statements (no value sent back, no function nested in it), the
``def`` becomes the function building that list (:func:`.generator_helpers.listed_generator`, as a
module's generator helper is), which :mod:`.inline` then inlines as any nested ``def``.  Any other
use (``next(gen())``, ``zip(gen(), y)``, a ``for`` loop, a name holding the generator) keeps the
generator, which the fence refuses by name.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     def gen():
    ...         for v in x:
    ...             yield v * v
    ...     return sum(gen())
    >>> info = parse_function(f)
    >>> list_nested_generators(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        def gen():
            _items = []
            for v in x:
                _items.append(v * v)
            return _items
        return sum(gen())
"""

from __future__ import annotations

import builtins
import math

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .generator_helpers import listed_generator

_CONSUMERS = (builtins.tuple, builtins.list, builtins.sum, builtins.sorted, builtins.min,
              builtins.max, math.fsum, math.prod)


def list_nested_generators(info: SourceInfo) -> None:
    """Replace, in ``info.node``, each nested generator ``def`` taken at once (module docstring)."""
    fn = info.node
    nodes = [n for stmt in fn.body for n in walk(stmt)]
    stored = [n.id for n in nodes if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)]
    local = set(stored) | set(build.parameter_names(fn.args))
    defined = [n.name for n in nodes if isinstance(n, (gast.FunctionDef, gast.ClassDef))]
    taken = {id(c.args[0]) for c in nodes if isinstance(c, gast.Call) and _consumes(info, c, local)}
    names = set(build.names(fn, functions=True))
    for block in (getattr(n, f, None) for n in [fn, *nodes] for f in ("body", "orelse")):
        if not isinstance(block, list):
            continue
        for i, stmt in enumerate(block):
            if isinstance(stmt, gast.FunctionDef) and _is_generator(stmt) and \
                    defined.count(stmt.name) == 1 and stmt.name not in stored and \
                    _only_taken(nodes, stmt.name, taken):
                listed = listed_generator(stmt, names)
                if listed is not None:
                    block[i] = listed


def _is_generator(fdef: gast.FunctionDef) -> bool:
    """Whether ``fdef`` itself (not a function nested in it) yields."""
    nested = {id(m) for n in walk(fdef) if n is not fdef and
              isinstance(n, (gast.FunctionDef, gast.Lambda)) for m in walk(n)}
    return any(isinstance(n, (gast.Yield, gast.YieldFrom)) and id(n) not in nested
               for n in walk(fdef))


def _consumes(info: SourceInfo, call: gast.Call, local: set[str]) -> bool:
    """Whether ``call`` takes every item of its first argument, a call, before it returns."""
    parts = dotted(call.func)
    if parts is None or parts[0] in local or not call.args or \
            not isinstance(call.args[0], gast.Call) or \
            any(k.arg != "start" for k in call.keywords):
        return False
    found, value = info.lookup_path(parts)
    return found and any(value is consumer for consumer in _CONSUMERS)


def _only_taken(nodes: list, name: str, taken: set[int]) -> bool:
    """Whether each read of ``name`` is the callee of a call in ``taken``, and there is one."""
    calls = {id(n.func) for n in nodes if isinstance(n, gast.Call) and id(n) in taken}
    reads = [n for n in nodes if isinstance(n, gast.Name) and n.id == name and
             isinstance(n.ctx, gast.Load)]
    return bool(reads) and all(id(n) in calls for n in reads)
