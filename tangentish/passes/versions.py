r"""Versions of one variable share a name where their lives do not overlap: no join copies.

Normalizing gives each binding of a variable its own name (``s``, ``s_1``, ``s_2``...), and the
lowering of loops, branches, early returns and ``break`` joins them again with copies: ``s_2 =
s_1`` at the top of an iteration, ``s_1 = s_3`` at its end, ``_brk_4 = _brk_1`` in the branch that
does not break.  This pass is copy coalescing out of single assignment, as a register allocator
does it.  Two names *interfere* when one is bound (assigned, popped from the tape, deleted) where
the other's value may still be read afterwards (:func:`.dataflow.live_after`), a copy ``a = b``
itself excepted (after it both hold one value).  For each copy, in source order, the classes of
its two names merge when no name of one interferes with a name of the other; every name of a
class is then spelled as one of them, and the copies within a class (``s_1 = s_1``) go.

Where two names do not interfere, wherever either one's value is read, no binding of the other
happened since that value was given: reading the shared name there reads the same value.  A
parameter is bound on entry (a class holding one is spelled with it, and holds one at most); a
name is never merged when it is a global, a loop's target, or read by a ``lambda`` or a
comprehension (they read a variable when they run, not when they are made).

Then a binding of a constant or a name that nothing reads before the next binding (``result_bar =
None`` in a branch that leaves for a join) goes too.

    >>> import gast
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, n, _tape):
    ...     s_1 = 0.0
    ...     brk_1 = False
    ...     for i in range(n):
    ...         s_2 = s_1
    ...         s_3 = s_2 * x
    ...         _tape.append(s_2)
    ...         t = s_3 > 1.0
    ...         if t:
    ...             brk_4 = True
    ...         else:
    ...             brk_4 = brk_1
    ...         brk_1 = brk_4
    ...         s_1 = s_3
    ...         if brk_4:
    ...             break
    ...     return s_1
    ... ''').body[0]
    >>> fn = Derivative(node.name, node.args, node.body, Namer(set()))
    >>> share_versions(fn)
    >>> print(function_text(node), end="")
    def f(x, n, _tape):
        s_1 = 0.0
        brk_1 = False
        for i in range(n):
            s_3 = s_1 * x
            _tape.append(s_1)
            t = s_3 > 1.0
            if t:
                brk_1 = True
            s_1 = s_3
            if brk_1:
                break
        return s_1

(``s_3`` keeps its name: the tape reads the iteration's first version, now ``s_1``, after
``s_3`` is bound.)
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks, header_loads, heads, live_after, statements, stores, target, upward_exposed
from .derivative import Derivative

_SIMPLE = (gast.Constant, gast.Name)  # values a dead binding may drop: they do nothing else


def share_versions(fn: Derivative) -> None:
    """Merge the copies' names that do not interfere (module docstring), drop the copies left
    within one name and the simple bindings nothing reads."""
    signature = fn.args
    params = {a.id for a in (*signature.posonlyargs, *signature.args, *signature.kwonlyargs,
                             *(p for p in (signature.vararg, signature.kwarg) if p is not None))}
    pinned = _pinned(fn.body)
    local = params | {name for stmt in statements(fn.body) for name in _bound(stmt)}
    copies = [s for s in statements(fn.body) if _is_copy(s, pinned) and s.value.id in local]
    if copies:
        names = _classes(fn.body, copies, params)
        if names:
            _rename(fn.body, names)
    _drop_unread(fn.body, pinned | params)


def _is_copy(stmt: gast.stmt, pinned: set[str]) -> bool:
    name = target(stmt)
    return (name is not None and stmt.value.__class__ is gast.Name and
            name not in pinned and stmt.value.id not in pinned)


def _pinned(body: list[gast.stmt]) -> set[str]:
    """Names that keep theirs: loop targets, and names a ``lambda`` or a comprehension reads or
    binds."""
    found: set[str] = set()
    for stmt in statements(body):
        if isinstance(stmt, gast.For):
            found |= stores(stmt)
        for node in heads(stmt):
            for inner in gast.walk(node):
                if isinstance(inner, (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                                      gast.GeneratorExp, gast.FunctionDef)):
                    found |= {n.id for n in gast.walk(inner) if isinstance(n, gast.Name)}
    return found


def _bound(stmt: gast.stmt) -> set[str]:
    """The names a statement gives a value or takes it from (``del``)."""
    if isinstance(stmt, gast.Delete):
        return {n.id for t in stmt.targets if isinstance(t, gast.Name) for n in (t,)}
    if isinstance(stmt, ir.COMPOUND):
        return set()  # (a loop's target is pinned)
    return stores(stmt)


def _classes(body: list[gast.stmt], copies: list[gast.stmt], params: set[str]) -> dict[str, str]:
    """Each merged name → the name its class is spelled with (a parameter's own, if it has
    one: the parameters are bound on entry, where they interfere with each other and with what
    the body may read before binding it)."""
    candidates = {target(c) for c in copies} | {c.value.id for c in copies}
    binders = [s for s in statements(body) if not candidates.isdisjoint(_bound(s))]
    live = live_after(body, {id(s) for s in binders})
    clash: dict[str, set[str]] = {name: set() for name in candidates}
    entry = candidates & (upward_exposed(body) | params)
    for name in candidates & params:
        clash[name] |= entry - {name}
        for other in entry - {name}:
            clash[other].add(name)
    first: dict[str, int] = {}
    for position, stmt in enumerate(binders):
        after = live.get(id(stmt), set())
        exempt = stmt.value.id if target(stmt) is not None and \
            stmt.value.__class__ is gast.Name else None
        for name in candidates.intersection(_bound(stmt)):
            first.setdefault(name, position)
            for other in candidates.intersection(after):
                if other != name and other != exempt:
                    clash[name].add(other)
                    clash[other].add(name)
    root = {name: name for name in candidates}
    members = {name: [name] for name in candidates}

    def find(name: str) -> str:
        while root[name] != name:
            name = root[name]
        return name

    for copy in copies:
        a, b = find(target(copy)), find(copy.value.id)
        if a == b or not clash[a].isdisjoint(members[b]):
            continue
        root[b] = a
        members[a] += members.pop(b)
        clash[a] |= clash.pop(b)
    weight = _mentions(body, candidates)
    names: dict[str, str] = {}
    for group in members.values():
        spelled = next((n for n in group if n in params), None) or \
            _spelling(group, weight, first)
        names.update((name, spelled) for name in group if name != spelled)
    return names


def _spelling(group: list[str], weight: dict[str, int], first: dict[str, int]) -> str:
    """The name a class is spelled with: of the variable its names mention most (``s`` for
    ``s_1_bar``, ``s_3_bar`` and ``result_5_bar``), the version bound first."""
    stems: dict[str, int] = {}
    for name in group:
        stems[_stem(name)] = stems.get(_stem(name), 0) + weight[name]
    return min(group, key=lambda n: (-stems[_stem(n)], first.get(n, len(first)), n))


def _stem(name: str) -> str:
    """The variable a version's name spells: ``s_1_bar`` → ``s_bar``."""
    return "_".join(part for part in name.split("_") if not part.isdigit())


def _mentions(body: list[gast.stmt], names: set[str]) -> dict[str, int]:
    """How often each of ``names`` is mentioned: a class is spelled as its most mentioned name
    (the variable's, usually: a join's version is mentioned by its copies only)."""
    found = dict.fromkeys(names, 0)
    for stmt in statements(body):
        for node in heads(stmt):
            for inner in gast.walk(node):
                if inner.__class__ is gast.Name and inner.id in found:
                    found[inner.id] += 1
    return found


def _rename(body: list[gast.stmt], names: dict[str, str]) -> None:
    """Spell every name of ``names`` as the name it maps to; drop the copies ``a = a`` left."""
    for stmt in statements(body):
        for node in heads(stmt):
            for inner in gast.walk(node):
                if inner.__class__ is gast.Name and inner.id in names:
                    inner.id = names[inner.id]
        marks = stmt.__dict__.get(ir.SLOT)
        if marks is not None:
            for field in ("updates", "augments", "contribution", "rewinds"):
                value = getattr(marks, field)
                if value in names:
                    setattr(marks, field, names[value])
    for block in blocks(body):
        block[:] = [s for s in block if not (target(s) is not None and
                                             s.value.__class__ is gast.Name and
                                             s.value.id == target(s))]
    _tidy(body)


def _drop_unread(body: list[gast.stmt], pinned: set[str]) -> None:
    """Remove ``name = <constant or name>`` where nothing reads ``name`` before it is bound
    again (a reset a later binding overwrites, a copy nothing reads)."""
    simple = [s for s in statements(body) if target(s) is not None and
              isinstance(s.value, _SIMPLE) and target(s) not in pinned and
              not ir.note(s).keep]
    if not simple:
        return
    live = live_after(body, {id(s) for s in simple}, header_loads)
    gone = {id(s) for s in simple if target(s) not in live.get(id(s), ())}
    if gone:
        for block in blocks(body):
            block[:] = [s for s in block if id(s) not in gone]
        _tidy(body)


def _tidy(body: list[gast.stmt]) -> None:
    """Branches left empty: ``if t: (nothing) else: B`` → ``if not t: B``; an ``if`` with
    nothing in either branch goes (its test only reads a name or compares)."""
    kept = []
    for stmt in body:
        if isinstance(stmt, ir.COMPOUND):
            _tidy(stmt.body)
            _tidy(stmt.orelse)
            if isinstance(stmt, gast.If):
                if not _works(stmt.body) and not _works(stmt.orelse):
                    continue
                if not _works(stmt.body):
                    stmt.body, stmt.orelse = stmt.orelse, stmt.body
                    stmt.test = _negated(stmt.test)
                if not _works(stmt.orelse):
                    stmt.orelse = []
            elif not stmt.body:
                stmt.body = [gast.Pass()]
        kept.append(stmt)
    body[:] = kept


def _works(stmts: list[gast.stmt]) -> bool:
    return any(not isinstance(s, (ir.Comment, gast.Pass)) for s in stmts)


def _negated(test: gast.expr) -> gast.expr:
    if isinstance(test, gast.UnaryOp) and isinstance(test.op, gast.Not):
        return test.operand
    return build.not_(test)
