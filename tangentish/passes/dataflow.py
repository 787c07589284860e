"""Dataflow over structured code: the one module every pass asks "where is this defined, is it
defined on every path, is it read before it is written, which statements does the result need".

Everything here works on statement lists whose compound statements are ``If``, ``For`` and
``While`` (what :mod:`normalize` produces and the derivative passes emit), in time linear in the
number of statements (loops are summarised, never iterated to a fixpoint).

    >>> import gast
    >>> body = gast.parse("a = x\\nif c:\\n    b = a\\nelse:\\n    b = 2\\n    d = b").body
    >>> sorted(must_define(body)), sorted(upward_exposed(body))
    (['a', 'b'], ['c', 'x'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import gast

from .. import ir
from ..syntax.build import loads, nodes

LOOPS = (gast.For, gast.While)
# Markers that neither need anything nor keep their block alive: they stay while it does.
_PASSIVE = (ir.Comment, ir.Push, ir.Pop)
_PLAIN_TARGETS = (gast.Name, gast.Tuple)
_ASSIGN, _NAME = gast.Assign, gast.Name


def statements(body: list[gast.stmt]) -> Iterator[gast.stmt]:
    """Every statement of ``body``, nested blocks included, in source order."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ir.COMPOUND):
            yield from statements(stmt.body)
            yield from statements(stmt.orelse)


def blocks(body: list[gast.stmt]) -> Iterator[list[gast.stmt]]:
    """Every statement list: ``body`` and the bodies of the compound statements in it."""
    yield body
    for stmt in body:
        if isinstance(stmt, ir.COMPOUND):
            yield from blocks(stmt.body)
            yield from blocks(stmt.orelse)


def path_to(body: list[gast.stmt], target: gast.stmt, trail: list) -> list | None:
    """The (statement list, index) chain from ``body`` down to ``target``."""
    for index, stmt in enumerate(body):
        if stmt is target:
            return [*trail, (body, index)]
        if isinstance(stmt, ir.COMPOUND):
            for inner in (stmt.body, stmt.orelse):
                found = path_to(inner, target, [*trail, (body, index)])
                if found is not None:
                    return found
    return None


def target(stmt: gast.stmt) -> str | None:
    """The name a plain ``name = value`` statement assigns."""
    if stmt.__class__ is _ASSIGN:  # (asked of every statement by most passes: kept cheap)
        targets = stmt.targets
        if len(targets) == 1 and targets[0].__class__ is _NAME:
            return targets[0].id
    return None


def item_read(stmt: gast.stmt) -> bool:
    """``t = a[k]`` of an integer literal ``k`` (the statements :mod:`.invariant_items` moves)."""
    value = getattr(stmt, "value", None)
    return target(stmt) is not None and value.__class__ is gast.Subscript and \
        value.value.__class__ is _NAME and value.slice.__class__ is gast.Constant and \
        value.slice.value.__class__ is int


def defined_name(stmt: gast.stmt) -> str | None:
    """The variable a statement gives a value: its target, or the variable it changes in place
    (``x[i] = v``, ``xs.append(v)``)."""
    updated = ir.note(stmt).updates
    return updated if updated is not None else target(stmt)


def stores(stmt: gast.stmt) -> set[str]:
    """Names a simple statement binds (tuple targets included; not the variable of ``x[i] = v``)."""
    if isinstance(stmt, gast.Assign):
        targets = stmt.targets
        if len(targets) == 1 and targets[0].__class__ is gast.Name:  # the common case, fast
            return {targets[0].id} if targets[0].ctx.__class__ is gast.Store else set()
        return {n.id for t in targets for n in nodes(t)
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}
    if isinstance(stmt, gast.For):
        return {n.id for n in nodes(stmt.target) if isinstance(n, gast.Name)}
    if isinstance(stmt, (gast.AugAssign, gast.AnnAssign)) and isinstance(stmt.target, gast.Name):
        return {stmt.target.id}
    return set()


def heads(stmt: gast.stmt) -> list[gast.AST]:
    """What a statement evaluates itself: a simple statement whole, a compound one's test (or
    loop target and iterable), not its blocks."""
    if isinstance(stmt, (gast.If, gast.While)):
        return [stmt.test]
    if isinstance(stmt, gast.For):
        return [stmt.target, stmt.iter]
    return [stmt]


def header_loads(stmt: gast.stmt) -> set[str]:
    """Names a statement reads itself (for compound statements: only the test or iterable)."""
    if isinstance(stmt, (gast.If, gast.While)):
        return loads(stmt.test)
    if isinstance(stmt, gast.For):
        return loads(stmt.iter)
    if isinstance(stmt, ir.Marker):
        return set(getattr(stmt, "reads", ()))
    if isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
        return loads(stmt) | {stmt.target.id}
    return loads(stmt)


def assigned(stmts: list[gast.stmt]) -> set[str]:
    """Every name bound anywhere in ``stmts`` (nested blocks and loop targets included)."""
    found: set[str] = set()
    for stmt in statements(stmts):
        found |= stores(stmt)
    return found


def must_define(stmts: list[gast.stmt]) -> set[str]:
    """Names every path through ``stmts`` binds to a value (a loop may run zero times; a
    placeholder ``x = None`` for a variable with no value yet does not count)."""
    found: set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, gast.If):
            found |= must_define(stmt.body) & must_define(stmt.orelse)
        elif not isinstance(stmt, LOOPS) and not ir.note(stmt).placeholder:
            found |= stores(stmt)
    return found


def bound_before(body: list[gast.stmt], target: gast.stmt) -> set[str]:
    """Names every path from the start of ``body`` to ``target`` (a statement in it, at any
    depth) binds (:func:`must_define` of the statements before it in each block around it)."""
    return {name for block, index in path_to(body, target, []) or ()
            for name in must_define(block[:index])}


def upward_exposed(stmts: list[gast.stmt],
                   reads: Callable[[gast.stmt], set[str]] = header_loads) -> set[str]:
    """Names ``stmts`` may read before binding them (their values come from before ``stmts``;
    ``reads`` answers :func:`header_loads`)."""
    exposed: set[str] = set()
    defined: set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, gast.If):
            inner = reads(stmt) | upward_exposed(stmt.body, reads) | \
                upward_exposed(stmt.orelse, reads)
            exposed |= inner - defined
            defined |= must_define(stmt.body) & must_define(stmt.orelse)
        elif isinstance(stmt, LOOPS):
            inner = upward_exposed(stmt.body, reads) - stores(stmt)
            exposed |= (reads(stmt) | inner) - defined
        else:
            exposed |= reads(stmt) - defined
            defined |= stores(stmt)
    return exposed


def definitions(body: list[gast.stmt]) -> dict[str, list[gast.stmt]]:
    """For each name, the statements that bind it or change it in place."""
    found: dict[str, list[gast.stmt]] = {}
    slot, store, name_kind, assign = ir.SLOT, gast.Store, gast.Name, gast.Assign
    for stmt in statements(body):
        marks = stmt.__dict__.get(slot)
        updated = marks.updates if marks is not None else None
        if updated is None and stmt.__class__ is assign and len(stmt.targets) == 1:
            first = stmt.targets[0]  # the common case, fast: ``name = value``
            if first.__class__ is name_kind and first.ctx.__class__ is store:
                found.setdefault(first.id, []).append(stmt)
                continue
        names = stores(stmt)
        if updated is not None:
            names = names | {updated}
        for identifier in (names if len(names) < 2 else sorted(names)):
            found.setdefault(identifier, []).append(stmt)
    return found


def definition_counts(body: list[gast.stmt]) -> dict[str, int]:
    return {k: len(v) for k, v in definitions(body).items()}


def has_effects(stmt: gast.stmt, pure: Callable[[gast.stmt], bool]) -> bool:
    """Whether a simple statement must run even if nothing reads what it binds.  An in-place update
    (``x[i] = v``, ``xs.append(v)``) is needed exactly when its variable is."""
    if isinstance(stmt, _PASSIVE):
        return False
    if isinstance(stmt, ir.Marker):
        return True
    marks = ir.note(stmt)
    if marks.keep:
        return True
    if marks.updates is not None:
        return False
    if isinstance(stmt, gast.Assign) and (
            stmt.targets[0].__class__ in _PLAIN_TARGETS if len(stmt.targets) == 1 else
            all(isinstance(t, _PLAIN_TARGETS) for t in stmt.targets)):
        return not pure(stmt)
    return not isinstance(stmt, gast.Pass)


def needed(body: list[gast.stmt], roots: set[str], pure: Callable[[gast.stmt], bool],
           reads: Callable[[gast.stmt], set[str]] = header_loads,
           binders: dict[str, list[gast.stmt]] | None = None) -> set[int]:
    """Mark and sweep: the ids of the statements the result needs.  A statement is needed if it has
    an effect, binds a name a needed statement reads (or ``roots``), or is a compound statement
    holding a needed one (its test and iterable are then read).  ``reads`` answers
    :func:`header_loads` (a caller may remember its answers); ``binders``: :func:`definitions`
    (their order aside), if known."""
    binders = definitions(body) if binders is None else binders
    parents: dict[int, gast.stmt] = {}
    work: list[gast.stmt] = []
    for stmt in statements(body):
        if isinstance(stmt, ir.COMPOUND):
            for inner in [*stmt.body, *stmt.orelse]:
                parents[id(inner)] = stmt
        elif has_effects(stmt, pure):
            work.append(stmt)
    marked: set[int] = set()
    wanted: list[str] = sorted(roots)
    seen_names: set[str] = set()
    while work or wanted:
        if work:
            stmt = work.pop()
            if id(stmt) in marked:
                continue
            marked.add(id(stmt))
            wanted.extend(reads(stmt))  # (the marked set does not depend on the order)
            parent = parents.get(id(stmt))
            if parent is not None:
                work.append(parent)
            if isinstance(stmt, gast.While):  # its test is recomputed in the body
                wanted.extend(loads(stmt.test))
            continue
        identifier = wanted.pop()
        if identifier in seen_names:
            continue
        seen_names.add(identifier)
        work.extend(binders.get(identifier, []))
    return marked


def sweep(body: list[gast.stmt], keep: set[int], gone: list[gast.stmt] | None = None) -> bool:
    """Remove the statements whose ids are not in ``keep``; returns whether anything went (and
    adds to ``gone`` each statement that went, nested ones included)."""
    changed = False
    for block in blocks(body):  # (a block is changed before its statements' blocks are visited)
        kept = [s for s in block if id(s) in keep or isinstance(s, _PASSIVE)]
        if len(kept) != len(block):
            changed = True
            if gone is not None:
                _went([s for s in block if id(s) not in keep and not isinstance(s, _PASSIVE)],
                      gone)
            block[:] = kept
    return changed


def _went(stmts: list[gast.stmt], gone: list[gast.stmt]) -> None:
    gone.extend(statements(stmts))


def drop_empty(body: list[gast.stmt], gone: list[gast.stmt] | None = None) -> bool:
    """Remove the compound statements left with nothing to do (only comments or tape-pop markers),
    innermost first, so a loop emptied that way goes too; a ``while`` stays (its test runs).
    Returns whether anything went (and adds to ``gone`` each statement that went, nested ones
    included)."""
    changed = False
    kept = []
    for stmt in body:
        if isinstance(stmt, ir.COMPOUND):
            changed = drop_empty(stmt.body, gone) | drop_empty(stmt.orelse, gone) | changed
            if not _works(stmt.body) and not _works(stmt.orelse) \
                    and not isinstance(stmt, gast.While):
                changed = True
                if gone is not None:
                    _went([stmt], gone)
                continue
        kept.append(stmt)
    body[:] = kept
    return changed


def _works(stmts: list[gast.stmt]) -> bool:
    return any(not isinstance(s, (ir.Comment, ir.Pop, gast.Pass)) for s in stmts)


def maybe_unbound(body: list[gast.stmt]) -> frozenset[str]:
    """Names that may hold the placeholder for "no value yet" (``x = _rt.UNBOUND``, see
    flow.carry), directly or through copies: their derivatives are never made from that value."""
    found = {name for s in statements(body) if ir.note(s).placeholder for name in stores(s)}
    copies = []
    for stmt in statements(body):
        op = ir.note(stmt).op
        name = target(stmt)
        if op is not None and op.key is None and name and op.args and \
                isinstance(op.args[0], gast.Name):
            copies.append((name, op.args[0].id))
    grew = True
    while grew:
        grew = False
        for copied, source in copies:
            if source in found and copied not in found:
                found.add(copied)
                grew = True
    return frozenset(found)


def live_after(body: list[gast.stmt], wanted: set[int],
               reads: Callable[[gast.stmt], set[str]] = header_loads) -> dict[int, set[str]]:
    """For the statements whose ids are in ``wanted``: the names whose current value may be read
    after the statement runs (a loop's next iteration included), before being bound again.  One
    backward pass; a loop is summarised by what its body may read first, so the answer can only
    err on the side of "live"."""
    found: dict[int, set[str]] = {}

    def block(stmts: list[gast.stmt], live: set[str]) -> set[str]:
        live = set(live)  # (changed in place below: one copy per block, not two per statement)
        for stmt in reversed(stmts):
            if id(stmt) in wanted:
                found[id(stmt)] = set(live)
            live = transfer(stmt, live)
        return live

    def transfer(stmt: gast.stmt, live: set[str]) -> set[str]:
        if isinstance(stmt, gast.If):
            return reads(stmt) | block(stmt.body, live) | block(stmt.orelse, live)
        if isinstance(stmt, LOOPS):
            around = live | reads(stmt) | upward_exposed(stmt.body, reads)  # next iteration
            block(stmt.orelse, live)
            return (block(stmt.body, around) - stores(stmt)) | around
        live -= stores(stmt)  # (the block's own set)
        live |= reads(stmt)
        return live

    try:
        block(body, set())
    finally:
        block = transfer = None  # (recursive closures: a reference cycle keeping the trees)
    return found


def idle_copies(body: list[gast.stmt]) -> set[int]:
    """The ids of the copies ``a = b`` whose value nothing reads but other such copies (the chains
    a loop's normal form makes to carry a name out of it, ``x_1 = x``, when nothing reads ``x_1``
    after all): a read that only they make is not a read of the value."""
    copies: dict[int, str] = {}
    readers: dict[str, set[int]] = {}
    for stmt in statements(body):
        if isinstance(stmt, gast.Assign) and isinstance(stmt.value, gast.Name) and \
                len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
            copies[id(stmt)] = stmt.targets[0].id
        for name in header_loads(stmt):
            readers.setdefault(name, set()).add(id(stmt))
    idle, changed = set(copies), True
    while changed:  # (a greatest fixpoint: a cycle of copies that nothing else reads is idle)
        busy = {key for key in idle if not readers.get(copies[key], set()) <= idle}
        idle -= busy
        changed = bool(busy)
    return idle


def maybe_defined_before(body: list[gast.stmt], wanted: set[int],
                         initial: set[str]) -> dict[int, set[str]]:
    """For the statements whose ids are in ``wanted``: the names that may have a value when the
    statement starts (bound on some path reaching it, an earlier iteration included; a
    placeholder ``x = _rt.UNBOUND`` for a variable with no value yet does not count)."""
    found: dict[int, set[str]] = {}

    def block(stmts: list[gast.stmt], defined: set[str]) -> set[str]:
        defined = set(defined)  # grown in place below: one copy per block, not per statement
        for stmt in stmts:
            if id(stmt) in wanted:
                found[id(stmt)] = set(defined)
            if isinstance(stmt, gast.If):
                defined = block(stmt.body, defined) | block(stmt.orelse, defined)
            elif isinstance(stmt, LOOPS):
                entry = defined | assigned(stmt.body) | stores(stmt)
                defined = block(stmt.body, entry) | block(stmt.orelse, entry)
            elif not ir.note(stmt).placeholder:
                defined |= stores(stmt)
        return defined

    try:
        block(body, set(initial))
    finally:
        block = None  # (a recursive closure: a reference cycle keeping the trees)
    return found
