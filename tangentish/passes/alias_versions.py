"""A local bound to a function more than once, in straight-line code (``act = np.tanh``, calls,
``act = np.sin``, calls: what a record's function field becomes when the local holding the
record is built again, ``layer = Dense(W1, b1)`` then ``layer = Dense(W2, b2, act=np.sin)``),
given a name per binding, so that each is a local bound once, which :mod:`.partial_locals`
follows to the function it holds; a copy of such a local (``layer_act = l0_act``, a record
copied) first reads the function it holds.

Guarantee to the next stage: a local (not a parameter, read in no nested function or lambda)
every read of which is a call, every binding of which is a statement of the function's own
top level ``name = F`` with ``F`` a function read from outside
(:func:`.partial_locals.function_value`), bound at least twice and read nowhere before its
first binding, is read under the name of the binding that reaches each read: the first binding
keeps the name, the next ones get fresh names (``act_2``).  Any other local is left as it is.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     act = np.tanh
    ...     y = act(x)
    ...     act = np.sin
    ...     return act(y)
    >>> from tangentish.passes.partial_locals import function_value
    >>> info = parse_function(f)
    >>> version_function_aliases(info, function_value)
    >>> print(function_text(info.node), end="")
    def f(x):
        act = np.tanh
        y = act(x)
        act_2 = np.sin
        return act_2(y)
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.naming import names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk


def version_function_aliases(info: SourceInfo, function_value: Callable[..., bool]) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); ``function_value(info, value,
    local)`` says whether ``value`` is a function read from outside (the caller's test)."""
    own = build.outside_nested(info.node.body)
    params = build.parameter_names(info.node.args)
    local = params | {n.id for n in own if isinstance(n, gast.Name)
                      and not isinstance(n.ctx, gast.Load)}
    nested = {n.id for node in own if isinstance(node, (gast.FunctionDef, gast.Lambda))
              for n in walk(node) if isinstance(n, gast.Name)}
    _copies_forwarded(info, function_value, local)
    stores: dict[str, list[int]] = {}
    for node in own:
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
            stores.setdefault(node.id, []).append(id(node))
    top = {id(stmt.targets[0]): stmt for stmt in info.node.body
           if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
           isinstance(stmt.targets[0], gast.Name)}
    calls = {id(n.func) for n in own if isinstance(n, gast.Call)}
    called = {n.id for n in own if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)}
    called -= {n.id for n in own if isinstance(n, gast.Name) and
               isinstance(n.ctx, gast.Load) and id(n) not in calls}
    taken = names_in(info.node)
    for name, ids in stores.items():
        if len(ids) < 2 or name in params or name in nested or name not in called or \
                not all(i in top and function_value(info, top[i].value, local) for i in ids):
            continue
        per_binding(info.node.body, name, {id(top[i]) for i in ids}, taken)


def _copies_forwarded(info: SourceInfo, function_value: Callable[..., bool], local: set[str]
                      ) -> None:
    """A top-level copy ``a = b`` of a local ``b`` whose binding reaching it is a top-level
    ``b = F`` (``F`` a function read from outside) becomes ``a = F`` (a record's function field
    copied with the record: ``layer = l0``, ``layer_act = l0_act``)."""
    known: dict[str, gast.expr] = {}
    for stmt in info.node.body:
        simple = isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
            isinstance(stmt.targets[0], gast.Name)
        if simple and isinstance(stmt.value, gast.Name) and stmt.value.id in known:
            stmt.value = gast.copy_location(build.clone(known[stmt.value.id]), stmt.value)
        for n in walk(stmt):
            if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load):
                known.pop(n.id, None)
        if simple and function_value(info, stmt.value, local) and \
                not isinstance(stmt.value, gast.Subscript):
            known[stmt.targets[0].id] = stmt.value


def per_binding(body: list[gast.stmt], name: str, binding: set[int], taken: set[str]) -> None:
    """Each read of ``name`` renamed after the binding (a statement of ``body`` in ``binding``)
    that reaches it; nothing when a read comes before the first binding."""
    current, count, plan = None, 0, []
    for stmt in body:
        if id(stmt) in binding:
            count += 1
            current = name if count == 1 else _fresh(f"{name}_{count}", taken)
            plan.append((stmt.targets[0], current))
            continue
        reads = [n for n in walk(stmt) if isinstance(n, gast.Name) and n.id == name]
        if reads and current is None:
            return
        plan.extend((n, current) for n in reads)
    for node, new in plan:
        node.id = new


def _fresh(word: str, taken: set[str]) -> str:
    candidate, k = word, 1
    while candidate in taken:
        k += 1
        candidate = f"{word}_{k}"
    taken.add(candidate)
    return candidate
