"""A generator helper whose items are taken at once, inlined as the list of what it yields.

``def pairs(x): for i in range(len(x) - 1): yield x[i], x[i + 1]`` runs lazily: each item is
computed when its consumer asks for it.  Where the consumer takes every item before anything
else runs (the first argument of ``tuple``, ``list``, ``sum``, ``sorted``, ``min``, ``max``,
``math.fsum`` or ``math.prod``: a ``for`` loop over a generator function's call is read as
``tuple(...)`` of it, :mod:`.loop_orders`, refused by :mod:`.desugar_loops` where its body
changes in place what the call's arguments reach), and the generator itself changes nothing in
place, the items are the same taken at once: the helper is inlined (:mod:`.inline_helpers`) as
the function building their list, ``yield e`` as ``items.append(e)``, ``yield from e`` as
``items.extend(e)`` and ``return`` as ``return items`` (``items`` a fresh name: ``_items``).
Anything else (a ``yield`` read as a value, a nested function, a generator handed elsewhere:
``next(g)``) keeps the generator, refused as before.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def pairs(x):
    ...     for i in range(len(x) - 1):
    ...         yield x[i], x[i + 1]
    >>> print(function_text(listed_generator(parse_function(pairs).node, set())), end="")
    def pairs(x):
        _items = []
        for i in range(len(x) - 1):
            _items.append((x[i], x[i + 1]))
        return _items
"""

from __future__ import annotations

import builtins
import copy
import inspect
import math
from typing import TYPE_CHECKING, Any

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .dataflow import assigned

if TYPE_CHECKING:
    from .lowering import Lowering

_CONSUMERS = (builtins.tuple, builtins.list, builtins.sum, builtins.sorted, builtins.min,
              builtins.max, math.fsum, math.prod)
_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)


def note_consumer(norm: Lowering, call: gast.Call) -> None:
    """Where ``call`` takes every item of its first argument, a call, at once (``tuple(g(x))``),
    note that argument: a generator helper called there may be inlined as a list."""
    parts = dotted(call.func)
    if not call.args or not isinstance(call.args[0], gast.Call) or parts is None or \
            parts[0] in norm.current:
        return
    found, value = norm.info.lookup_path(parts)
    if found and any(value is consumer for consumer in _CONSUMERS):
        norm.consumed.add(id(call.args[0]))


def listed_generator(fdef: gast.FunctionDef, taken: set[str]) -> gast.FunctionDef | None:
    """A copy of the generator function ``fdef`` returning the list of what it yields (see the
    module docstring), or None where it cannot say that."""
    statements = {id(s.value) for s in walk(fdef) if isinstance(s, gast.Expr)}
    for node in walk(fdef):
        if isinstance(node, _NESTED) and node is not fdef or \
                isinstance(node, (gast.Yield, gast.YieldFrom)) and id(node) not in statements:
            return None
    fdef = copy.deepcopy(fdef)
    items = fresh_name("items", taken | set(build.names(fdef, functions=True)))
    for node in list(walk(fdef)):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                block[:] = [_listed(stmt, items) for stmt in block]
        for handler in getattr(node, "handlers", ()):
            handler.body = [_listed(stmt, items) for stmt in handler.body]
    fdef.body = [gast.copy_location(build.assign(items, gast.List(elts=[], ctx=gast.Load())),
                                    fdef.body[0]), *fdef.body,
                 gast.copy_location(gast.Return(value=build.name(items)), fdef.body[-1])]
    return fdef


def _listed(stmt: gast.stmt, items: str) -> gast.stmt:
    if isinstance(stmt, gast.Return):
        return gast.copy_location(gast.Return(value=build.name(items)), stmt)
    if not (isinstance(stmt, gast.Expr) and isinstance(stmt.value, (gast.Yield, gast.YieldFrom))):
        return stmt
    value: Any = stmt.value.value if stmt.value.value is not None else build.constant(None)
    method = "append" if isinstance(stmt.value, gast.Yield) else "extend"
    call = build.call(build.attribute(build.name(items), method), value)
    new = gast.Expr(value=call)
    for part in walk(new):
        gast.copy_location(part, stmt)
    return new


def changed_while_running(fn: gast.FunctionDef, iterable: gast.Call,
                          loop: gast.For) -> gast.AST | None:
    """The first change in place in ``loop``'s body (over ``iterable``, a call read at once as
    ``tuple(...)``) of a value its arguments or the loop's items may reach (a name bound,
    anywhere in ``fn``, to or from an expression reading one of them, and so on): the lazy
    generator would read that change, the items taken at once do not.  None where there is
    none."""
    from .writes import MUTATING_METHODS

    reached = set(build.names(iterable)) - set(build.names(iterable.func))
    reached |= set(build.names(loop.target))
    own = set(assigned(fn.body)) | set(build.parameter_names(fn.args))  # (not ``np``: a module)
    links = [(set(build.names(t)) & own, set(build.names(s.value)) & own) for s in walk(fn)
             if isinstance(s, gast.Assign) for t in s.targets]
    while True:
        more = {n for targets, values in links if (targets | values) & reached
                for n in targets | values}
        if more <= reached:
            break
        reached |= more
    for node in (n for stmt in loop.body for n in walk(stmt)):
        root = _root(node.target if isinstance(node, gast.AugAssign) else node)
        if isinstance(node, gast.AugAssign) or isinstance(node, (gast.Subscript, gast.Attribute)) \
                and isinstance(node.ctx, (gast.Store, gast.Del)):
            if root in reached:
                return node
        elif isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                node.func.attr in MUTATING_METHODS and _root(node.func.value) in reached:
            return node
    return None


def generator_call(info: SourceInfo | None, fn: gast.FunctionDef | None, call: gast.expr) -> Any:
    """The generator function ``call`` calls by a module's or closure's name, or None."""
    parts = dotted(call.func) if isinstance(call, gast.Call) else None
    if parts is None or info is None or fn is None or \
            parts[0] in build.parameter_names(fn.args) or parts[0] in assigned(fn.body):
        return None
    found, value = info.lookup_path(parts)
    return value if found and inspect.isgeneratorfunction(value) else None


def left_early(loop: gast.For, generator: Any) -> gast.AST | None:
    """A ``break`` of ``loop`` or a ``return`` in it, where ``generator`` has a ``while`` loop
    (which may never end: its items taken at once would be taken for ever), or None."""
    try:
        looping = "while" in inspect.getsource(generator)
    except (OSError, TypeError):
        looping = True
    inner = [n for s in loop.body for n in walk(s) if isinstance(n, (gast.For, gast.While))]
    nested = {id(m) for n in inner for s in n.body + n.orelse for m in walk(s)}
    return next((n for s in loop.body for n in walk(s) if looping and (
        isinstance(n, gast.Return) or isinstance(n, gast.Break) and id(n) not in nested)), None)


def _root(node: gast.AST) -> str | None:
    while isinstance(node, (gast.Subscript, gast.Attribute)):
        node = node.value
    return node.id if isinstance(node, gast.Name) else None


def taken_at_once(owner: Any, iterable: gast.expr, loop: gast.For) -> None:
    """Refuse a ``for`` loop over a generator function's call (read at once, ``tuple(...)``)
    that leaves early where the generator may never end (:func:`left_early`), or whose body
    changes in place what the generator reads (:func:`changed_while_running`)."""
    node = getattr(owner, "node", None)
    generator = generator_call(getattr(owner, "info", None), node, iterable)
    if generator is None:
        return
    left = left_early(loop, generator)
    if left is not None:
        raise owner.error("cannot differentiate a loop leaving early over the items of a "
                          "generator with a `while` loop: its items are taken at once, which "
                          "may never end", left, hint="make the generator stop by itself (a "
                          "`for` over a bounded range), or build the items in a list here")
    changed = changed_while_running(node, iterable, loop)
    if changed is not None:
        raise owner.error(
            "cannot differentiate a loop over a generator's items that changes in place what "
            "the generator reads: it runs lazily, and its items are taken at once", changed,
            hint="change a copy, or build the list of the items first (`items = "
            "list(g(...))`) and loop over it, as the derivative does")
