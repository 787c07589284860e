"""A ``for`` loop that writes a dict local at a key its target gives (``for k, v in
enumerate(ws): d[k] = v * x``), unrolled before anything else reads the function, so that
:mod:`dict_locals` sees a constant key in each copy.

The loop is unrolled where the items it runs over are known now, as for a dict comprehension
(:mod:`dict_comprehensions`): a sequence of str/int constants (a display, a string, a name bound
once to one and never changed, a constant tuple of the module, ``range`` of constants,
``enumerate`` or ``zip`` of those), or ``zip`` of such keys with other values, or ``enumerate``
of values whose number is known now; those values are read from one ``list`` of them, checked to
hold as many items as the keys (``ValueError`` otherwise, where another number would make
another dict), where the body reads no name the loop's sequence does (it could change it while
``zip`` or ``enumerate`` reads it).  Each copy of the body starts by binding the target to its
item (``k = 0``, ``v = _items[0]``), so the target holds the last item after the loop, as in
Python; the ``else`` clause follows the copies.  A loop with ``break`` or ``continue``, or over
anything else, stays a loop (and a key that is not a constant is refused there,
:mod:`dict_locals`).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     ws = [1.0, x]
    ...     d = {}
    ...     for k, w in enumerate(ws):
    ...         d[k] = w * x
    ...     for name, i in zip("ab", range(2)):
    ...         d[name] = d[i]
    ...     return d
    >>> info = parse_function(f)
    >>> unroll_keyed_loops(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        ws = [1.0, x]
        d = {}
        _items = list(ws)
        if len(_items) != 2:
            raise ValueError('enumerate() of ws is differentiated for ws of the 2 items it is built with')
        k = 0
        w = _items[0]
        d[k] = w * x
        k = 1
        w = _items[1]
        d[k] = w * x
        name = 'a'
        i = 0
        d[name] = d[i]
        name = 'b'
        i = 1
        d[name] = d[i]
        return d
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .dict_comprehensions import (
    _MOST,
    _constant_sequences,
    _constants,
    _display_lengths,
    _Free,
    _located,
    _parts,
    _shaped,
    _zipped,
)

_JUMPS = (gast.Break, gast.Continue)


def unroll_keyed_loops(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    dicts = _dict_names(node)
    loops = [n for n in build.nodes(node) if isinstance(n, gast.For) and _keyed(n, dicts)]
    if not loops:
        return
    constants, lengths = _constant_sequences(node), _display_lengths(node)
    local = {n.id for n in walk(node) if isinstance(n, gast.Name) and
             not isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
    free, namer = _Free(info, local), Namer(names_in(node))
    chosen = {id(loop) for loop in loops}
    _rewrite(node.body, chosen, constants, namer, free, lengths)
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)


def _rewrite(body: list[gast.stmt], chosen: set[int], *known: object) -> None:
    """Unroll the chosen loops of ``body`` and of the statements it holds (inner ones first)."""
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and not isinstance(stmt, gast.FunctionDef):
                _rewrite(inner, chosen, *known)
        made = _unrolled(stmt, *known) if id(stmt) in chosen else None
        out.extend([stmt] if made is None else made)
    body[:] = out


def _unrolled(loop: gast.For, constants: dict, namer: Namer, free: _Free,
              lengths: dict) -> list[gast.stmt] | None:
    """The copies of ``loop``'s body, each after the binding of the target to its item, then
    its ``else`` clause; None where the items are not known now."""
    if loop.type_comment or any(isinstance(n, _JUMPS) for n in build.nodes(loop)):
        return None
    made: list[gast.stmt] = []
    items = _constants(loop.iter, constants, free)
    if items is None:
        if set(build.names(loop.iter)) & set(build.names(gast.Module(body=loop.body,
                                                                      type_ignores=[]))):
            return None  # (the body may change what the loop reads lazily: `list` reads it once)
        generator = gast.comprehension(target=loop.target, iter=loop.iter, ifs=[], is_async=0)
        zipped = _zipped(generator, constants, free, namer, lengths)
        if zipped is None:
            return None
        made, items = zipped
    if not items or len(items) > _MOST or not _shaped(loop.target, items):
        return None
    for item in items:
        for name, value in _parts(loop.target, item):
            value = copy.deepcopy(value) if isinstance(value, gast.AST) else \
                build.constant(value)
            made.append(build.assign(name, value))
        made.extend(copy.deepcopy(loop.body))
    return _located(made, loop) + loop.orelse


def _keyed(loop: gast.For, dicts: set[str]) -> bool:
    """Whether ``loop``'s body writes one of ``dicts`` at a key that reads the loop's target."""
    targets = {n.id for n in walk(loop.target) if isinstance(n, gast.Name)}
    return any(isinstance(n, gast.Subscript) and not isinstance(n.ctx, gast.Load)
               and isinstance(n.value, gast.Name) and n.value.id in dicts
               and targets & set(build.names(n.slice))
               for stmt in loop.body for n in build.nodes(stmt))


def _dict_names(node: gast.FunctionDef) -> set[str]:
    """The names the function binds only by ``name = {...}``, ``name = {k: v for ...}`` or
    ``name = dict(...)`` (dicts wherever they are bound), once at least."""
    made: set[str] = set()
    other: set[str] = set(build.parameter_names(node.args))
    bound = set()
    for child in build.nodes(node):
        if isinstance(child, gast.Assign) and len(child.targets) == 1 and \
                isinstance(child.targets[0], gast.Name) and _makes_dict(child.value):
            made.add(child.targets[0].id)
            bound.add(id(child.targets[0]))
    for child in build.nodes(node):
        if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load) and \
                id(child) not in bound:
            other.add(child.id)
        elif isinstance(child, (gast.FunctionDef, gast.ClassDef)):
            other.add(child.name)
    return made - other


def _makes_dict(value: gast.expr) -> bool:
    return isinstance(value, (gast.Dict, gast.DictComp)) or (
        isinstance(value, gast.Call) and isinstance(value.func, gast.Name)
        and value.func.id == "dict")
