"""A dict local of constant keys read at a key that a loop over a dict argument gives
(``terms = {"data": ..., "l2": ...}``, then ``for name, w in weights.items(): total += w *
terms[name]`` with ``weights`` a constant config dict passed in): the statement holding the read
becomes one copy per key of the local, chosen by comparing the key, with ``KeyError`` for any
other, as :mod:`.display_tables` dispatches a display read so.  :mod:`.dict_locals` then reads
each copy's constant key (it refused the read: "a key of 'terms' that is not a constant", the
argument's keys being unknown until the function runs).

Only for a local bound once, by a top-level statement, to a display of at most
:data:`~.function_tables.MOST` constant string (or int) keys, and read nowhere but at a key
(nothing can add, remove or alias its keys), read at a name that only the target of a ``for``
over a parameter (``w``, ``w.items()``, ``w.keys()``) binds (the key the loop gives, or the first
name of its target's tuple), or at a parameter the function never binds again (``scales[size]``
of ``size="large"``: mutation fuzz 305/29).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, weights):
    ...     terms = {"data": np.sum(x), "l2": np.sum(x * x)}
    ...     total = 0.0
    ...     for name, w in weights.items():
    ...         total = total + w * terms[name]
    ...     return total
    >>> info = parse_function(f)
    >>> dispatch_local_tables(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x, weights):
        terms = {'data': np.sum(x), 'l2': np.sum(x * x)}
        total = 0.0
        for name, w in weights.items():
            if name == 'data':
                total = total + w * terms['data']
            elif name == 'l2':
                total = total + w * terms['l2']
            else:
                raise KeyError(name)
        return total
"""

from __future__ import annotations

from collections import Counter

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .display_tables import _SIMPLE, MOST, dispatched
from .record_calls import each_statement


def dispatch_local_tables(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether a read was."""
    node = info.node
    names = [n for n in walk(node) if isinstance(n, gast.Name)]
    stores = Counter(n.id for n in names if not isinstance(n.ctx, gast.Load))
    keys = _loop_keys(node, stores) | {  # (or a parameter never bound again: ``d[size]``)
        p for p in build.parameter_names(node.args) if stores[p] == 1}
    tables = _tables(node, stores) if keys else {}
    if not tables:
        return False
    taken = {n.id for n in names}
    done: list[gast.stmt] = []

    def known(key: gast.expr) -> bool:
        return isinstance(key, gast.Name) and key.id in keys

    def statement(stmt: gast.stmt) -> list[gast.stmt]:
        new = dispatched(stmt, taken, MOST * MOST, known, tables) \
            if isinstance(stmt, _SIMPLE) else stmt
        if new is not stmt:
            done.append(new)
        return [new]

    node.body = each_statement(node.body, statement)
    return bool(done)


def _loop_keys(node: gast.FunctionDef, stores: Counter) -> set[str]:
    """The names only the target of a ``for`` over a parameter binds (its first name)."""
    params = build.parameter_names(node.args)
    found = set()
    for loop in walk(node):
        if not isinstance(loop, gast.For):
            continue
        source, target = loop.iter, loop.target
        if isinstance(source, gast.Call) and isinstance(source.func, gast.Attribute) and \
                source.func.attr in ("items", "keys") and not source.args and \
                not source.keywords:
            items = source.func.attr == "items"
            source = source.func.value
            if items:
                target = target.elts[0] if isinstance(target, gast.Tuple) and \
                    len(target.elts) == 2 else None
        if isinstance(source, gast.Name) and source.id in params and \
                isinstance(target, gast.Name) and stores[target.id] == 1:
            found.add(target.id)
    return found


def _tables(node: gast.FunctionDef, stores: Counter) -> dict[str, dict]:
    """``{name: {key: key}}`` of the locals a top-level statement binds to a display of
    constant keys of one type, read nowhere but at a key."""
    found = {}
    for stmt in node.body:
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Dict) and \
                stores[stmt.targets[0].id] == 1 and 0 < len(stmt.value.keys) <= MOST and \
                all(isinstance(k, gast.Constant) and type(k.value) in (str, int)
                    for k in stmt.value.keys) and \
                len({type(k.value) for k in stmt.value.keys}) == 1:
            found[stmt.targets[0].id] = {k.value: k.value for k in stmt.value.keys}
    parents = {id(c): p for p in walk(node) for c in gast.iter_child_nodes(p)}
    for n in walk(node):
        if isinstance(n, gast.Name) and n.id in found and isinstance(n.ctx, gast.Load):
            parent = parents.get(id(n))
            if not (isinstance(parent, gast.Subscript) and parent.value is n and
                    isinstance(parent.ctx, gast.Load)):
                found.pop(n.id)
    return found
