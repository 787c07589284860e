"""Copy propagation, the optimizer's repeated step (:func:`propagate_copies`), and what its
rounds remember of the function so that a round after the first looks only at what changed.

``b = e; a = b`` becomes ``a = e``; ``a = b`` with both bound once goes, and ``a``'s reads read
``b``.  A copy the first round kept (``a``'s value changes in place, ``b`` is read twice...) can
go in a later round only when something about ``a`` or ``b`` changed: one of them was renamed,
folded into, or read, bound or mentioned by a statement that went (a copy folded, dead code
removed).  :class:`Rounds` keeps the facts the rounds ask (how many statements bind and read
each name) true as statements go or are renamed, and the names whose facts changed; a later
round looks at those copies only, in the same order, and decides each as a full round would:

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import expression_text
    >>> body = gast.parse("b = x + 1\\ny = b * 2\\na = b\\nc = a\\nd = c * c").body
    >>> fn = Derivative("f", None, body, Namer(set()), protected={"d", "y"})
    >>> rounds = Rounds(fn.body, _Reads())
    >>> [propagate_copies(fn, {"x"}, rounds) for _ in range(3)]  # ``c = a`` waits for ``a = b``
    [True, True, False]
    >>> [f"{s.targets[0].id} = {expression_text(s.value)}" for s in fn.body]
    ['b = x + 1', 'y = b * 2', 'd = b * b']
"""

from __future__ import annotations

import bisect
from collections import Counter

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks, statements, stores, target
from .derivative import Derivative
from .walks import Walks


class _Reads:
    """:func:`header_loads` of each statement, remembered across the rounds: a statement's reads
    change only when copy propagation renames what it reads, and then by that renaming."""

    def __init__(self, walks: Walks | None = None) -> None:
        self.walks = walks or Walks()
        self.known: dict[int, tuple[gast.stmt, set[str]]] = {}  # the statement keeps its id

    def __call__(self, stmt: gast.stmt) -> set[str]:
        found = self.known.get(id(stmt))
        if found is None:
            found = self.known[id(stmt)] = (stmt, self.walks.reads(stmt))
        return found[1]

    def renamed(self, stmt: gast.stmt, renames: dict[str, str]) -> None:
        """``stmt``'s reads were renamed by ``renames``."""
        self.known[id(stmt)] = (stmt, {_final(renames, n) for n in self(stmt)})


def _final(renames: dict[str, str], name: str) -> str:
    """Where a chain of renames ``a → b → c`` ends (a cycle stops where it closes)."""
    seen = set()
    while name in renames and name not in seen:
        seen.add(name)
        name = renames[name]
    return name


class Rounds:
    """What the rounds of :func:`propagate_copies` ask, kept true between them: how many
    statements bind each name (:func:`definition_counts`), how many read it, how many change it
    in place, and which statements bind it (:func:`definitions`, for :func:`needed`); the
    copies (``a = b``) of the body, in order; and what changed since the last round
    looked: names (``dirty``), copies (``again``: one a rename of its round stood in the way of),
    or anything (``everything``: a compound statement went, the copies behind it see past it)."""

    def __init__(self, body: list[gast.stmt], reads: _Reads):
        self.reads = reads
        self.counts: dict[str, int] = {}
        self.binders: dict[str, list[gast.stmt]] = {}
        self.updated: dict[str, int] = {}
        read: list[str] = []  # every statement's reads, counted at the end (in one C loop)
        self.copies: list[tuple[list[gast.stmt], gast.stmt]] = []
        counts, binders, slot = self.counts, self.binders, ir.SLOT
        store, name_kind = gast.Store, gast.Name
        for block in blocks(body):
            for stmt in block:
                read.extend(reads(stmt))
                name = target(stmt)
                if name is not None:
                    if isinstance(stmt.value, name_kind):
                        self.copies.append((block, stmt))
                    marks = stmt.__dict__.get(slot)
                    if (marks is None or marks.updates is None) and \
                            stmt.targets[0].ctx.__class__ is store:  # ``name = value``: fast
                        counts[name] = counts.get(name, 0) + 1
                        binders.setdefault(name, []).append(stmt)
                        continue
                self._count(stmt, 1)
        self.uses: dict[str, int] = Counter(read)
        self.dirty: set[str] = set()
        self.again: set[int] = set()
        self.gone: set[int] = set()  # ids of the copies removed
        self.everything = True  # (the first round looks at every copy)

    def _count(self, stmt: gast.stmt, sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) what ``stmt`` binds and changes in place."""
        marks = stmt.__dict__.get(ir.SLOT)
        changed = marks.updates if marks is not None else None
        if changed:
            self.updated[changed] = self.updated.get(changed, 0) + sign
        bound = stores(stmt)
        if changed is not None:
            bound = bound | {changed}
        for identifier in bound:
            self.counts[identifier] = self.counts.get(identifier, 0) + sign
            if sign > 0:
                self.binders.setdefault(identifier, []).append(stmt)
            else:
                self.binders[identifier].remove(stmt)

    def removed(self, gone: list[gast.stmt]) -> None:
        """The statements ``gone`` left the body (nested statements listed too)."""
        for stmt in gone:
            self._count(stmt, -1)
            for identifier in self.reads(stmt):
                self.uses[identifier] -= 1
            self.dirty.update(self.reads(stmt), stores(stmt), build.names(stmt))
            marks = stmt.__dict__.get(ir.SLOT)
            if marks is not None and marks.updates is not None:
                self.dirty.add(marks.updates)
            if isinstance(stmt, ir.COMPOUND):
                self.everything = True
            self.gone.add(id(stmt))

    def rebound(self, changed: dict[int, tuple[gast.stmt, str]]) -> None:
        """Each statement's plain target was renamed (once or more) from the name given
        (:func:`_fold_backward`)."""
        for stmt, old in changed.values():
            new, stmt.targets[0].id = stmt.targets[0].id, old  # (counted as it was, then is)
            self._count(stmt, -1)
            stmt.targets[0].id = new
            self._count(stmt, 1)
            self.dirty.update((old, new))
            self.reads.walks.renamed(stmt)  # (the names its walk saw)

    def reread(self, stmt: gast.stmt, before: set[str]) -> None:
        """``stmt`` read ``before``; it reads :attr:`reads` of it now."""
        for identifier in before:
            self.uses[identifier] -= 1
        for identifier in self.reads(stmt):
            self.uses[identifier] = self.uses.get(identifier, 0) + 1

    def looked(self) -> tuple[bool, set[str], set[int]]:
        """Whether to look at every copy, the names and copies to look at; forgotten (a round
        looks now)."""
        found = self.everything, self.dirty, self.again
        self.everything, self.dirty, self.again = False, set(), set()
        return found


def propagate_copies(fn: Derivative, params: set[str], rounds: Rounds | None = None) -> bool:
    """Fold copies ``a = b``.  When ``b`` is bound once, just before in the same block, and read
    only by the copy, ``b``'s definition takes the name ``a`` (``b = e; a = b`` → ``a = e``).
    Otherwise, when ``a`` is bound once and ``b`` once too (or ``b`` is not bound again before
    the last read of ``a``, see :func:`_confined`), the uses of ``a`` read ``b``.  ``rounds``:
    what the earlier rounds left (see :class:`Rounds`)."""
    rounds = rounds or Rounds(fn.body, _Reads())
    counts, uses, updated = rounds.counts, rounds.uses, rounds.updated
    everything, dirty, again = rounds.looked()
    renames: dict[str, str] = {}
    renamed_to: set[str] = set()  # renames.values(), without a walk of them per statement
    folded: dict[str, str] = {}
    removed: set[int] = set()
    rebound: dict[int, tuple[gast.stmt, str]] = {}  # id → (definition, name it had first)
    places: dict[int, dict[int, int]] = {}  # id(block) → id(stmt) → index, made when asked
    orders: dict[int, _Order] = {}
    for block, stmt in rounds.copies:
        if id(stmt) in rounds.gone:
            continue
        name, source = target(stmt), stmt.value.id
        if not everything and name not in dirty and source not in dirty and \
                id(stmt) not in again:  # what the last round decided still holds
            continue
        if name in renames or name in renamed_to or source in renames or source in renamed_to:
            rounds.again.add(id(stmt))  # (an earlier copy of this round stands in the way)
            continue
        if ir.note(stmt).keep or updated.get(name) or source == name or updated.get(source):
            continue
        where = places.get(id(block))
        if where is None:
            where = places[id(block)] = {id(s): i for i, s in enumerate(block)}
        index = where[id(stmt)]
        if source not in fn.protected and \
                _fold_backward(block, index, source, name, counts, uses, params, removed, rebound):
            folded[source] = name
            removed.add(id(stmt))
        elif counts.get(name, 0) == 1 and name not in params and name not in fn.protected:
            if counts.get(source, 0) != 1 and source not in params:
                order = orders.get(id(block))
                if order is None:
                    order = orders[id(block)] = _Order(block, rounds.reads, [
                        s for b, s in rounds.copies if b is block and id(s) not in rounds.gone])
                if not _confined(order, index, name, source, uses):
                    continue
            renames[name] = source
            renamed_to.add(source)
            removed.add(id(stmt))
    if not removed:
        return False
    gone = []
    for block in blocks(fn.body):
        if any(id(s) in removed for s in block):
            gone.extend(s for s in block if id(s) in removed)
            block[:] = [s for s in block if id(s) not in removed]
    rounds.removed(gone)
    rounds.rebound(rebound)
    _rename_reads(fn.body, renames, rounds.reads, rounds)
    rounds.dirty |= set(renames) | renamed_to | set(folded) | set(folded.values())
    _rename_sharing(fn, {**folded, **renames})
    return True


def _rename_reads(body: list[gast.stmt], renames: dict[str, str], reads: _Reads,
                  rounds: Rounds | None = None) -> None:
    """Make the statements that read a renamed name read its new name (only those are walked:
    a renamed name is bound nowhere any more, its one binding was the copy removed)."""
    renamed, name_kind, walks = set(renames), gast.Name, reads.walks
    for stmt in statements(body):
        before = reads(stmt)
        if before.isdisjoint(renamed):
            continue
        for node in walks.value(stmt) if isinstance(stmt, gast.For) else walks.nodes(stmt):
            if node.__class__ is name_kind and node.id in renamed:
                node.id = _final(renames, node.id)
        if isinstance(stmt, ir.Restore):  # what its undo reads (kept alive by it) is renamed too
            stmt.reads = tuple(sorted({_final(renames, n) for n in stmt.reads}))
        walks.renamed(stmt)
        reads.renamed(stmt, renames)
        if rounds is not None:
            rounds.reread(stmt, before)


class _Order:
    """Where in one block the names of its copies are read and bound: for each copy's name, the
    indices of the block's statements whose code (nested blocks included) reads it (once per
    reading statement); for each copy's source, those that bind it; in order."""

    def __init__(self, block: list[gast.stmt], reads: _Reads, copies: list[gast.stmt]):
        self.length = len(block)
        self.readers: dict[str, list[int]] = {target(c): [] for c in copies}
        self.binders: dict[str, list[int]] = {c.value.id: [] for c in copies}
        names, sources = set(self.readers), set(self.binders)
        assign, name_kind, store = gast.Assign, gast.Name, gast.Store
        for index, top in enumerate(block):
            for stmt in statements([top]) if isinstance(top, ir.COMPOUND) else (top,):
                found = reads(stmt)
                if not names.isdisjoint(found):
                    for identifier in names.intersection(found):
                        self.readers[identifier].append(index)
                if stmt.__class__ is assign and len(stmt.targets) == 1 and \
                        stmt.targets[0].__class__ is name_kind:  # (``name = value``: fast)
                    if stmt.targets[0].id in sources and stmt.targets[0].ctx.__class__ is store:
                        self.binders[stmt.targets[0].id].append(index)
                    continue
                for identifier in sources.intersection(stores(stmt)):
                    self.binders[identifier].append(index)


def _confined(order: _Order, index: int, name: str, source: str, uses: dict[str, int]) -> bool:
    """For a copy ``name = source`` at ``index`` of a block with ``source`` bound more than once
    (a loop-carried adjoint: ``s_5_bar = s_1_bar`` at the top of an iteration): whether every
    read of ``name`` follows the copy in this block before anything binds ``source`` again, so
    that reading ``source`` there instead gives the same value."""
    binds = order.binders.get(source, [])
    later = bisect.bisect_right(binds, index)
    end = binds[later] if later < len(binds) else order.length
    readers = order.readers.get(name, [])
    inside = bisect.bisect_left(readers, end) - bisect.bisect_right(readers, index)
    return inside == uses.get(name, 0)


def _rename_sharing(fn: Derivative, mapping: dict[str, str]) -> None:
    """Keep the aliasing facts the tape reads in step with renamed variables."""
    fn.sharing = {_final(mapping, k): frozenset(_final(mapping, n) for n in v)
                  for k, v in fn.sharing.items()}


def _fold_backward(block: list[gast.stmt], index: int, source: str, name: str,
                   counts: dict[str, int], uses: dict[str, int], params: set[str],
                   removed: set[int], rebound: dict[int, tuple[gast.stmt, str]]) -> bool:
    """``b = e ... a = b`` in one block, ``b`` bound once and read only by the copy, nothing in
    between touching ``a``: ``b``'s definition becomes ``a = e`` (copies already folded in this
    round, still in the block, are skipped: a chain of copies folds into its first statement).
    The definition and the name it had before this round go into ``rebound``."""
    if source in params or counts.get(source, 0) != 1 or uses.get(source, 0) != 1:
        return False
    for earlier in range(index - 1, -1, -1):
        stmt = block[earlier]
        if id(stmt) in removed:
            continue
        if target(stmt) == source and not ir.note(stmt).keep:
            stmt.targets[0].id = name
            rebound.setdefault(id(stmt), (stmt, source))
            return True
        if isinstance(stmt, ir.COMPOUND) or name in build.names(stmt) or \
                source in build.names(stmt):
            return False
    return False
