"""A loop over a list of objects built in the function (``layers = [Dense(W1, b1), Dense(W2,
b2)]`` then ``for layer in layers: x = layer(x)``, or ``for reg in [L2(0.1), L1(0.01)]``),
unrolled over them, so that :mod:`.record_locals` sees a local bound to constructions (each item
bound to a name of its own where the list is built, the loop's variable a copy of each in turn).

Guarantee to the next stage: a list or tuple display of at most :data:`MOST` constructions of
record classes (:func:`.record_locals.record_of`: dataclasses, named tuples, plain classes),
either a ``for`` loop's iterable itself or the value of a local bound once (outside nested
functions) and read only as ``for`` loops' iterables or at constant indexes in range
(``layers[0](x)``: read as the item's name) or by ``len`` (its length, a number), has each
item assigned to a fresh name, in
order, where it is built (``_layers_0 = Dense(W1, b1)``); each such loop whose target is a name
(or ``i, layer`` of ``enumerate(layers)``: each copy then after ``i = k``), whose ``break`` and
``continue`` statements are under ``if`` statements only, and which, where it has some, reads
its target nowhere after it, becomes its body once per item, each copy reading its item's name
for the target (then ``layer = _layers_1``, the last, if the function reads ``layer``
elsewhere), or, where the body binds the target too, each copy after ``layer = _layers_k``;
an alias ``l = layer`` the body binds first and only reads after is that item too.  A
``break`` sets a flag ``_brk`` that each later copy and the loop's ``else`` run under (``if
not _brk:``), a ``continue`` a flag ``_cont`` the rest of its copy runs under
(:func:`.desugar_loops.flagged`, as desugaring any loop does); the ``else`` follows the
copies.  ``for i in range(len(layers))`` (or ``range(2)``, the list's length) reading the list
only at ``i`` is first ``for i, _layers_i in enumerate(layers)`` (:mod:`.positional_loops`).
Any other loop is left as it is.  A local bound to such displays several times, each by a
statement of the function's top level, is first a local per binding (its reads renamed after
the binding that reaches them, as :mod:`.alias_versions` does).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> class Scale:
    ...     def __init__(self, a):
    ...         self.a = a
    >>> def f(x):
    ...     layers = [Scale(2.0), Scale(x)]
    ...     for layer in layers:
    ...         x = layer.a * x
    ...     return x
    >>> info = parse_function(f)
    >>> unroll_record_loops(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        _layers_0 = Scale(2.0)
        _layers_1 = Scale(x)
        x = _layers_0.a * x
        x = _layers_1.a * x
        return x

A ``break``, as a flag:

    >>> def g(x):
    ...     for layer in [Scale(2.0), Scale(x)]:
    ...         x = layer.a * x
    ...         if x > 4.0:
    ...             break
    ...     return x
    >>> info = parse_function(g)
    >>> unroll_record_loops(info)
    >>> print(function_text(info.node), end="")
    def g(x):
        _layer_0 = Scale(2.0)
        _layer_1 = Scale(x)
        _brk = False
        x = _layer_0.a * x
        if x > 4.0:
            _brk = True
        if not _brk:
            x = _layer_1.a * x
            if x > 4.0:
                _brk = True
        return x
"""

from __future__ import annotations

import copy
from collections import Counter

import gast

from ..syntax import build
from ..syntax.naming import dotted, names_in
from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path
from ..syntax.tree_walk import walk
from .alias_versions import per_binding
from .desugar_loops import flagged, jumps_of
from .positional_loops import builtin_named, loop_parts, positional_loops
from .record_calls import each_statement
from .record_locals import record_of

MOST = 8
_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)


def unroll_record_loops(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    _versioned(info)
    positional_loops(info, _records)
    own = build.outside_nested(info.node.body)
    parents = {id(child): parent for parent in walk(info.node)
               for child in gast.iter_child_nodes(parent)}
    stores = Counter(n.id for n in own if isinstance(n, gast.Name)
                     and not isinstance(n.ctx, gast.Load))
    comprehended = {id(n.generators[0].iter): n for n in own if _taken_whole(info, n, parents)}
    iterables = {id(loop_parts(info, n)[0]) for n in own if isinstance(n, gast.For)} | \
        set(comprehended)
    indexed = {id(n.value): (n, _index(n)) for n in own if isinstance(n, gast.Subscript) and
               isinstance(n.ctx, gast.Load) and _index(n) is not None}
    lengths = {id(n.args[0]): n for n in own if isinstance(n, gast.Call) and len(n.args) == 1
               and builtin_named(info, n.func, "len") and isinstance(n.args[0], gast.Name)}
    other_reads = {n.id for n in own if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)
                   and id(n) not in iterables | set(indexed) | set(lengths)}
    nested = {n.id for node in own if isinstance(node, _NESTED) for n in walk(node)
              if isinstance(n, gast.Name)}
    lists = {}
    for node in own:
        if isinstance(node, gast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], gast.Name) and _records(info, node.value):
            name = node.targets[0].id
            if stores[name] == 1 and name not in other_reads and name not in nested and all(
                    -len(node.value.elts) <= k < len(node.value.elts)
                    for read, k in indexed.values() if read.value.id == name):
                lists[name] = node
    reads = Counter(n.id for n in own if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load))
    for loop in own:  # (a list some loop over it cannot unroll stays a list)
        iterable = loop_parts(info, loop)[0] if isinstance(loop, gast.For) else None
        if isinstance(iterable, gast.Name) and iterable.id in lists and \
                not _plain_loop(info, loop, reads):
            del lists[iterable.id]
    unroller = _Unroller(info, lists, names_in(info.node))
    unroller.reads, unroller.stores = reads, stores
    for name, node in lists.items():  # (`layers[0](x)`: the item's own name; len: a number)
        unroller.items[name] = names = unroller.fresh(name, len(node.value.elts))
        for call in (c for c in lengths.values() if c.args[0].id == name):
            build.replace_child(parents[id(call)], call, gast.copy_location(
                build.constant(len(names)), call))
        for read, k in indexed.values():
            if read.value.id == name:
                item = build.name(names[k % len(names)])
                build.replace_child(parents[id(read)], read, gast.copy_location(item, read))
        for made in (c for c in comprehended.values() if c.generators[0].iter.id == name):
            build.replace_child(parents[id(made)], made, _display(made, names))
    info.node.body = each_statement(info.node.body, unroller.statement)


def _versioned(info: SourceInfo) -> None:
    """A local bound several times, each time by a statement of the function's top level to a
    display of record constructions, read under a name per binding (``layers``, ``layers_2``:
    :func:`.alias_versions.per_binding`), so that each is a list bound once."""
    own = build.outside_nested(info.node.body)
    stores = Counter(n.id for n in own if isinstance(n, gast.Name)
                     and not isinstance(n.ctx, gast.Load))
    top = {stmt.targets[0].id: [] for stmt in info.node.body if isinstance(stmt, gast.Assign)
           and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name)}
    for stmt in info.node.body:
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name) and _records(info, stmt.value):
            top[stmt.targets[0].id].append(stmt)
    taken = names_in(info.node)
    for name, bindings in top.items():
        if len(bindings) > 1 and stores[name] == len(bindings):
            per_binding(info.node.body, name, {id(b) for b in bindings}, taken)


def _taken_whole(info: SourceInfo, node: gast.AST, parents: dict[int, gast.AST]) -> bool:
    """Whether ``node`` is ``[f(layer) for layer in layers]``, or such a generator the builtin
    ``sum``, ``list`` or ``tuple`` takes as its one argument (its items all taken at once, in
    order): one ``for`` over a name, its target a name, no ``if``, its item binding nothing."""
    if not isinstance(node, (gast.ListComp, gast.GeneratorExp)) or len(node.generators) != 1:
        return False
    loop, parent = node.generators[0], parents.get(id(node))
    if isinstance(node, gast.GeneratorExp) and not (
            isinstance(parent, gast.Call) and parent.args == [node] and not parent.keywords and
            any(builtin_named(info, parent.func, name) for name in ("sum", "list", "tuple"))):
        return False
    return isinstance(loop.iter, gast.Name) and isinstance(loop.target, gast.Name) and \
        not loop.ifs and not loop.is_async and not any(
            isinstance(n, (*_NESTED, gast.comprehension, gast.NamedExpr)) for n in walk(node.elt))


def _display(made: gast.AST, names: list[str]) -> gast.List:
    """The items of the comprehension ``made`` over the items named ``names``, as a list."""
    target = made.generators[0].target.id

    def item(name: str) -> gast.expr:
        elt = build.clone(made.elt)
        for n in walk(elt):
            if isinstance(n, gast.Name) and n.id == target:
                n.id = name
        return elt

    return gast.copy_location(build.list_([item(name) for name in names]), made)


def _index(read: gast.Subscript) -> int | None:
    """``k`` of ``name[k]``, ``k`` a constant int (``-1`` too); None for any other read."""
    parts = constant_path(read)
    return parts[1] if parts is not None and len(parts) == 2 and type(parts[1]) is int else None


def _records(info: SourceInfo, value: gast.expr) -> bool:
    """Whether ``value`` is a display of at most :data:`MOST` record constructions."""
    return isinstance(value, (gast.List, gast.Tuple)) and 0 < len(value.elts) <= MOST and \
        all(_construction(info, item) for item in value.elts)


def _construction(info: SourceInfo, value: gast.expr) -> bool:
    """Whether ``value`` calls a record class (:func:`.record_locals.record_of`)."""
    parts = dotted(value.func) if isinstance(value, gast.Call) else None
    if parts is None:
        return False
    found, cls = info.lookup_path(parts)
    return found and isinstance(cls, type) and record_of(cls) is not None


def held_records(info: SourceInfo, value: gast.expr) -> bool:
    """Whether ``value`` is a record construction or a display of them (:func:`_records`)."""
    return _construction(info, value) or _records(info, value)


def _plain_loop(info: SourceInfo, loop: gast.For, reads: Counter[str]) -> bool:
    """A loop whose target is a name (or ``i, item`` of ``enumerate``), each ``break`` or
    ``continue`` of it under ``if`` statements only (:func:`.desugar_loops.flagged` sets flags
    for them), and, where it has some, whose target is read only in it (after a ``break`` it
    holds the item it stopped at)."""
    _, target, _ = loop_parts(info, loop)
    if not isinstance(target, gast.Name):
        return False
    own = _own_jumps(loop.body)
    if not own:
        return True
    inside = sum(isinstance(n, gast.Name) and n.id == target.id and
                 isinstance(n.ctx, gast.Load) for s in loop.body for n in walk(s))
    return len(own) == _counted_jumps(loop.body) and reads[target.id] == inside


def _own_jumps(stmts: list[gast.stmt]) -> list[gast.stmt]:
    """The ``break`` and ``continue`` statements of a loop body (not of loops inside it)."""
    found: list[gast.stmt] = []
    for stmt in stmts:
        if isinstance(stmt, (gast.Break, gast.Continue)):
            found.append(stmt)
        elif not isinstance(stmt, (*_NESTED, gast.For, gast.While)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                found += _own_jumps(getattr(stmt, field, []))
    return found


def _counted_jumps(stmts: list[gast.stmt]) -> int:
    """How many jumps of :func:`_own_jumps` are under ``if`` statements only."""
    return sum(isinstance(s, (gast.Break, gast.Continue)) or isinstance(s, gast.If) and
               _counted_jumps(s.body) + _counted_jumps(s.orelse) for s in stmts)


class _Unroller:
    def __init__(self, info: SourceInfo, lists: dict[str, gast.Assign], taken: set[str]):
        self.info, self.lists, self.taken = info, lists, taken
        self.items: dict[str, list[str]] = {}  # a list local → its items' names
        self.reads: Counter[str] = Counter()  # a name → how many times the function reads it
        self.stores: Counter[str] = Counter()  # ... and binds it

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        if any(stmt is s for s in self.lists.values()):
            return self._bound(stmt, self.items[stmt.targets[0].id], stmt.value)
        if isinstance(stmt, gast.For) and self._unrollable(stmt):
            return self._unrolled(stmt)
        return [stmt]

    def _bound(self, where: gast.stmt, names: list[str], display: gast.expr
               ) -> list[gast.stmt]:
        return [gast.copy_location(build.assign(n, item), where)
                for n, item in zip(names, display.elts, strict=True)]

    def fresh(self, word: str, count: int) -> list[str]:
        """``_word_0``, ``_word_1``...: ``count`` names not taken (now taken)."""
        names = []
        for k in range(count):
            name = f"_{word}_{k}"
            while name in self.taken:
                name += "_"
            self.taken.add(name)
            names.append(name)
        return names

    def flag(self, name: str) -> str:
        """``name``, or ``name_``..., not taken (now taken)."""
        while name in self.taken:
            name += "_"
        self.taken.add(name)
        return name

    def _unrollable(self, loop: gast.For) -> bool:
        iterable = loop_parts(self.info, loop)[0]
        listed = isinstance(iterable, gast.Name) and iterable.id in self.items
        return (listed or _records(self.info, iterable)) and \
            _plain_loop(self.info, loop, self.reads)

    def _unrolled(self, loop: gast.For) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        iterable, target_node, index = loop_parts(self.info, loop)
        target = target_node.id
        if isinstance(iterable, gast.Name):
            names = self.items[iterable.id]
        else:  # (a display in the loop: its items bound first, in order)
            names = self.fresh(target, len(iterable.elts))
            out.extend(self._bound(loop, names, iterable))
        self._unaliased(loop, target)
        inside = [target_node, *(n for s in loop.body for n in walk(s)
                                 if isinstance(n, gast.Name) and n.id == target)]
        copies = []
        for k, name in enumerate(names):
            body = copy.deepcopy(loop.body)
            if any(not isinstance(n.ctx, gast.Load) for n in inside[1:]):  # (rebound in it)
                body.insert(0, gast.copy_location(build.assign(target, build.name(name)), loop))
            else:  # (each copy reads its item: the items may be of several classes)
                for n in (n for stmt in body for n in walk(stmt)):
                    if isinstance(n, gast.Name) and n.id == target:
                        n.id = name
            if index is not None:  # (`for i, layer in enumerate(layers)`: i is k)
                body.insert(0, gast.copy_location(build.assign(index, build.constant(k)), loop))
            copies.append(body)
        if self.reads[target] > len(inside) - 1 and not _own_jumps(loop.body) and \
                all(isinstance(n.ctx, gast.Load) for n in inside[1:]):  # (read after it, in
            copies[-1].append(gast.copy_location(  # its `else` too: the last item)
                build.assign(target, build.name(names[-1])), loop))
        return out + self._jumped(loop, copies)

    def _unaliased(self, loop: gast.For, target: str) -> None:
        """``layer = item`` of the loop's variable ``item`` (``layer = layers[i]`` in ``for i in
        range(len(layers))``, :func:`_enumerated`), a statement of the body itself binding a
        name only there and read only after it in the body, dropped, each read of ``layer``
        reading ``item`` (then each copy's item: the items may be of several classes)."""
        body = loop.body
        if any(isinstance(n, gast.Name) and n.id == target and not isinstance(n.ctx, gast.Load)
               for s in body for n in walk(s)):
            return
        for stmt in list(body):
            alias = stmt.targets[0].id if isinstance(stmt, gast.Assign) and \
                len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name) and \
                isinstance(stmt.value, gast.Name) and stmt.value.id == target else None
            if alias is None or alias == target or self.stores[alias] != 1:
                continue
            before = [n for s in body[:body.index(stmt)] for n in walk(s)
                      if isinstance(n, gast.Name) and n.id == alias]
            after = [n for s in body[body.index(stmt) + 1:] for n in walk(s)
                     if isinstance(n, gast.Name) and n.id == alias]
            if before or len(after) != self.reads[alias]:
                continue
            body.remove(stmt)
            for n in after:
                n.id = target

    def _jumped(self, loop: gast.For, copies: list[list[gast.stmt]]) -> list[gast.stmt]:
        """The copies in order, then the loop's ``else``; where the loop breaks, each copy after
        the first and the ``else`` under ``if not _brk:``; where it continues, each copy with
        its own ``_cont`` flag (:func:`.desugar_loops.flagged`)."""
        kinds = jumps_of(loop.body)
        brk = self.flag("_brk") if gast.Break in kinds else None
        cont = self.flag("_cont") if gast.Continue in kinds else None
        out = [gast.copy_location(build.assign(brk, build.constant(False)), loop)] if brk else []
        for k, body in enumerate([*copies, copy.deepcopy(loop.orelse)]):
            if k < len(copies) and kinds:
                body = flagged(body, brk, cont, cont or brk)[0]
                if cont:
                    body.insert(0, gast.copy_location(build.assign(cont, build.constant(False)),
                                                      loop))
            if body and brk and k:
                body = [gast.copy_location(build.if_(build.not_(build.name(brk)), body), loop)]
            out.extend(body)
        return out
