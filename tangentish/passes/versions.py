r"""Versions of one variable share a name where their lives do not overlap: no join copies.

Normalizing gives each binding of a variable its own name (``s``, ``s_1``, ``s_2``...), and the
lowering of loops, branches, early returns and ``break`` joins them again with copies: ``s_2 =
s_1`` at the top of an iteration, ``s_1 = s_3`` at its end, ``_brk_4 = _brk_1`` in the branch that
does not break.  This pass is copy coalescing out of single assignment, as a register allocator
does it.  Two names *interfere* when one is bound (assigned, popped from the tape, deleted) where
the other's value may still be read afterwards (:func:`.dataflow.live_after`), a copy ``a = b``
itself excepted (after it both hold one value).  For each copy, in source order, the classes of
its two names merge when no name of one interferes with a name of the other; every name of a
class is then spelled as one of them, and the copies within a class (``s_1 = s_1``) go.  A copy
between two variables' names (``x_bar = y_bar``, ``result = s``) joins them only where the
source's life ends at the copy: the reader never meets one name standing for two variables at once.

Where two names do not interfere, wherever either one's value is read, no binding of the other
happened since that value was given: reading the shared name there reads the same value.  A
parameter is bound on entry (a class holding one is spelled with it, and holds one at most, and
no other variable bound more than once: ``out_bar = out_bar + g`` would read as the caller's
cotangent changed); a name is never merged when it is a global or a loop's target.  (Generated code holds no
``lambda``, comprehension or nested ``def``, which read a variable when they run rather than
where they are written: the printer writes none.)

A copy between two variables' names also merges them where it is the target's only binding (``value
= y``: the target is the source under another name for all its life).  Two steps come first: reads
of a copy between two variables that only the copy's value reaches read its source
(:mod:`.copy_reads`); and where a copy's names interfere because a binding of one comes before the
last read of the other in its block (a loop body reading the iteration's first version after
computing the next), that binding moves below the read when it commutes with what it passes
(:mod:`.sink`), kept only if fewer copies are left.

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
from .copy_reads import Mentions, read_through_copies, stem
from .dataflow import blocks, live_after, statements, stores, target, upward_exposed
from .derivative import Derivative
from .sink import Pure, sink_below_reads, undo
from .walks import Walks
from .webs import split_webs

_SIMPLE = (gast.Constant, gast.Name)  # values a dead binding may drop: they do nothing else


def share_versions(fn: Derivative, walks: Walks | None = None) -> None:
    """Merge the copies' names that do not interfere (module docstring), drop the copies left
    within one name and the simple bindings nothing reads (``walks``: the statements' walks, if
    known and true; renamed statements are told).  Where a binding overlaps the life of the name
    a copy joins it to, it is first moved below that life's last read if it may be
    (:mod:`.sink`), and kept there if the copy then goes."""
    walks = walks or Walks()
    signature = fn.args
    params = {a.id for a in (*signature.posonlyargs, *signature.args, *signature.kwonlyargs,
                             *(p for p in (signature.vararg, signature.kwarg) if p is not None))}
    mentions, pure = Mentions(fn.body, walks), Pure(fn.machinery, fn.tapes)
    if read_through_copies(fn.body, walks, params, pure, mentions):
        mentions = Mentions(fn.body, walks)  # (a copy left the body: the positions moved)
    returned = {n for s in fn.body if s.__class__ is gast.Return for n in walks.reads(s)}
    webs = split_webs(fn.body, walks, params | returned, mentions)
    plan = _Plan(fn.body, params, walks, webs)
    wanted = plan.overlaps()
    if wanted:
        plan = _sunk(fn.body, plan, wanted, (params, walks, pure, webs))
    _rename(fn.body, plan.names, plan.dead, walks)


def _sunk(body: list[gast.stmt], plan: _Plan, wanted: list, context: tuple) -> _Plan:
    """Move the bindings ``wanted`` names (:meth:`_Plan.overlaps`) below the reads they overlap
    (:mod:`.sink`) and plan again; keep the moves only if each lets its copy go and fewer copies
    are left, trying a second time with those that did; else undo them all (``context``: the
    parameters, the walks and :class:`.sink.Pure`)."""
    params, walks, pure, webs = context
    for _ in range(2):
        moves = sink_below_reads(body, [w for w, _ in wanted], walks, pure)
        if not moves:
            return plan
        after = _Plan(body, params, walks, webs)
        moved = {id(stmt) for stmt, _, _ in moves}
        wanted = [(w, copy) for w, copy in wanted if id(w[0]) in moved and after.merged(copy)]
        if {id(w[0]) for w, _ in wanted} == moved and after.left() < plan.left():
            return after
        undo(moves)
    return plan


class _Plan:
    """The copies of a body, the liveness after the statements binding their names, and what
    merging them gives: ``names`` (each merged name → its spelling) and ``dead`` (ids of the
    simple bindings nothing reads)."""

    def __init__(self, body: list[gast.stmt], params: set[str], walks: Walks,
                 webs: dict[str, str]):
        pinned: set[str] = set()  # (loop targets; generated code holds no lambda or comprehension)
        local = set(params)
        binding: list[tuple[gast.stmt, set[str]]] = []
        copies, simple = [], []
        for stmt in statements(body):
            if stmt.__class__ is gast.For:
                pinned |= stores(stmt)
                continue
            bound = _bound(stmt)
            if bound:
                local |= bound
                binding.append((stmt, bound))
            name = target(stmt)
            if name is not None and stmt.value.__class__ in _SIMPLE:
                if stmt.value.__class__ is gast.Name:
                    copies.append(stmt)
                if not ir.note(stmt).keep:
                    simple.append(stmt)
        self.copies = [c for c in copies if c.value.id in local and not pinned.intersection(
            (target(c), c.value.id))]
        candidates = {target(c) for c in self.copies} | {c.value.id for c in self.copies} | \
            set(webs) | set(webs.values())
        self.binders = [(s, bound & candidates) for s, bound in binding
                        if not candidates.isdisjoint(bound)]
        self.live = live = live_after(body, {id(s) for s, _ in self.binders} |
                                      {id(s) for s in simple}, walks.reads)
        kept = pinned | params
        self.dead = {id(s) for s in simple if target(s) not in kept and
                     target(s) not in live.get(id(s), (target(s),))}
        returned = {n for s in body if s.__class__ is gast.Return for n in walks.reads(s)
                    if n.endswith("_bar")}  # (the gradients: named after their parameters)
        self.names = _classes(body, self.copies, self.binders, live, (params, returned, webs),
                              walks) if self.copies or webs else {}

    def merged(self, copy: gast.stmt) -> bool:
        names = self.names
        return names.get(target(copy), target(copy)) == names.get(copy.value.id, copy.value.id)

    def left(self) -> int:
        """How many copies stay."""
        return sum(not self.merged(c) for c in self.copies)

    def overlaps(self) -> list[tuple[tuple[gast.stmt, str], gast.stmt]]:
        """For each copy ``a = b`` left: each statement binding a name of ``a``'s class (of
        ``b``'s) with a value other than a name while a name of the other class is live, with
        that name, and the copy."""
        left = [c for c in self.copies if not self.merged(c)]
        if not left:
            return []
        names = self.names
        members: dict[str, set[str]] = {}
        for name in {n for _, bound in self.binders for n in bound}:
            members.setdefault(names.get(name, name), set()).add(name)
        by_name: dict[str, list[gast.stmt]] = {}
        for stmt, bound in self.binders:
            if getattr(stmt, "value", None).__class__ is gast.Name:
                continue  # (a copy: merged or not by itself)
            for name in bound:
                by_name.setdefault(name, []).append(stmt)
        found = []
        for copy in left:
            one, other = (members.get(names.get(n, n), {n}) for n in (target(copy), copy.value.id))
            for mine, theirs in ((one, other), (other, one)):
                found.extend(((stmt, name), copy) for each in sorted(mine)
                             for stmt in by_name.get(each, ()) if stmt is not copy
                             for name in sorted(theirs & self.live[id(stmt)]))
        return found


def _bound(stmt: gast.stmt) -> set[str]:
    """The names a simple statement gives a value or takes it from (``del``)."""
    if stmt.__class__ is gast.Delete:
        return {t.id for t in stmt.targets if t.__class__ is gast.Name}
    if isinstance(stmt, ir.COMPOUND):
        return set()  # (a loop's target is pinned)
    return stores(stmt)


def _classes(body: list[gast.stmt], copies: list[gast.stmt],
             binders: list[tuple[gast.stmt, set[str]]], live: dict[int, set[str]],
             named: tuple[set[str], set[str], dict[str, str]], walks: Walks) -> dict[str, str]:
    """Each merged name → the name its class is spelled with: a parameter's own, or a returned
    gradient's, if it has one (``named``: the parameters, the adjoints returned and the webs
    :mod:`.webs` split apart, each new name → the one it had; the parameters are bound on
    entry, where they interfere with each other and with what the body may read before binding
    it).  ``binders``: the statements binding the copies' names, and which; ``live``:
    :func:`live_after` of them."""
    params, returned, webs = named
    candidates = {target(c) for c in copies} | {c.value.id for c in copies} | set(webs) | \
        set(webs.values())
    clash: dict[str, set[str]] = {name: set() for name in candidates}
    entry = candidates & (upward_exposed(body, walks.reads) | params) \
        if not candidates.isdisjoint(params) else set()
    for name in candidates & params:
        clash[name] |= entry - {name}
        for other in entry - {name}:
            clash[other].add(name)
    first: dict[str, int] = {}
    for position, (stmt, bound) in enumerate(binders):
        after = candidates.intersection(live[id(stmt)])
        exempt = stmt.value.id if target(stmt) is not None and \
            stmt.value.__class__ is gast.Name else None
        for name in bound:
            first.setdefault(name, position)
            for other in after:
                if other != name and other != exempt:
                    clash[name].add(other)
                    clash[other].add(name)
    root = {name: name for name in candidates}
    members = {name: [name] for name in candidates}

    def find(name: str) -> str:
        while root[name] != name:
            name = root[name]
        return name

    pairs = _pairs(copies, binders, live, params)  # then the webs of one name join again
    for one, other in pairs + sorted((old, new) for new, old in webs.items()):
        a, b = find(one), find(other)
        if a != b and clash[a].isdisjoint(members[b]):
            root[b] = a
            members[a] += members.pop(b)
            clash[a] |= clash.pop(b)
    weight = _mentions(copies, binders)
    names: dict[str, str] = {}
    for group in members.values():
        if len(group) > 1:
            spelled = next((n for n in group if n in params), None) or \
                _spelling(group, weight, first, (returned, webs))
            names.update((name, spelled) for name in group if name != spelled)
    return names


def _pairs(copies: list[gast.stmt], binders: list[tuple[gast.stmt, set[str]]],
           live: dict[int, set[str]], params: set[str]) -> list[tuple[str, str]]:
    """The copies whose two names may join: versions of one variable; two variables' names only
    where the source's life ends at the copy, or where the copy is the target's only binding
    (one value, ``value = y``); never a parameter with a variable bound again, which would read
    as the parameter changed (``x = x + g``)."""
    times: dict[str, int] = {}
    for _, bound in binders:
        for name in bound:
            times[name] = times.get(name, 0) + 1
    return [(target(c), c.value.id) for c in copies if stem(target(c)) == stem(c.value.id) or
            (c.value.id not in live[id(c)] or times[target(c)] == 1) and not (
                params & {target(c), c.value.id} and times[target(c)] > 1)]


def _spelling(group: list[str], weight: dict[str, int], first: dict[str, int],
              named: tuple[set[str], dict[str, str]]) -> str:
    """The name a class is spelled with: a returned gradient's (``x_bar``), else a name the
    program had (not one :mod:`.webs` gave), of the variable its names mention most (``s`` for
    ``s_1_bar``, ``s_3_bar`` and ``result_5_bar``), the version bound first."""
    returned, webs = named
    stems: dict[str, int] = {}
    for name in group:
        stems[stem(name)] = stems.get(stem(name), 0) + weight.get(name, 0)
    return min(group, key=lambda n: (n not in returned, n in webs, -stems[stem(n)],
                                     first.get(n, len(first)), n))


def _mentions(copies: list[gast.stmt],
              binders: list[tuple[gast.stmt, set[str]]]) -> dict[str, int]:
    """How often each name is bound or copied: a class is spelled as its most mentioned
    variable's name (a join's version is mentioned by its copies only)."""
    found: dict[str, int] = {}
    for _, bound in binders:
        for name in bound:
            found[name] = found.get(name, 0) + 1
    for copy in copies:
        found[copy.value.id] = found.get(copy.value.id, 0) + 1
    return found


def _rename(body: list[gast.stmt], names: dict[str, str], dead: set[int], walks: Walks) -> None:
    """Spell every name of ``names`` as the name it maps to; drop the statements ``dead`` and
    the copies ``a = a`` left."""
    if names:
        for stmt in statements(body):
            if names.keys().isdisjoint(walks.reads(stmt)) and \
                    names.keys().isdisjoint(walks.others(stmt)):
                continue
            for node in walks.nodes(stmt):
                if node.__class__ is gast.Name and node.id in names:
                    node.id = names[node.id]
            walks.renamed(stmt)
            marks = stmt.__dict__.get(ir.SLOT)
            if marks is not None:
                for field in ("updates", "augments", "contribution", "rewinds"):
                    value = getattr(marks, field)
                    if value in names:
                        setattr(marks, field, names[value])
    if not names and not dead:
        return
    for block in blocks(body):
        block[:] = [s for s in block if id(s) not in dead and not (
            target(s) is not None and s.value.__class__ is gast.Name and
            s.value.id == target(s))]
    _tidy(body, walks)


def _tidy(body: list[gast.stmt], walks: Walks) -> None:
    """Branches left empty: ``if t: (nothing) else: B`` → ``if not t: B``; an ``if`` with
    nothing in either branch goes when its test only reads a name."""
    kept = []
    for stmt in body:
        if isinstance(stmt, ir.COMPOUND):
            _tidy(stmt.body, walks)
            _tidy(stmt.orelse, walks)
            if isinstance(stmt, gast.If) and not _works(stmt.body):
                if not _works(stmt.orelse) and stmt.test.__class__ is gast.Name:
                    continue
                stmt.body, stmt.orelse = stmt.orelse, stmt.body
                stmt.test = _negated(stmt.test)
                walks.forget(stmt)
            if isinstance(stmt, gast.If) and not _works(stmt.orelse):
                stmt.orelse = []
            if not stmt.body:
                stmt.body = [gast.Pass()]
        kept.append(stmt)
    body[:] = kept


def _works(stmts: list[gast.stmt]) -> bool:
    return any(not isinstance(s, (ir.Comment, gast.Pass)) for s in stmts)


def _negated(test: gast.expr) -> gast.expr:
    if isinstance(test, gast.UnaryOp) and isinstance(test.op, gast.Not):
        return test.operand
    return build.not_(test)
