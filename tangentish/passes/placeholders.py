"""Placeholders no read can see: ``x = _rt.UNBOUND`` goes where every read of ``x`` follows a binding.

A variable bound on some paths only gets a placeholder, ``x = _rt.UNBOUND``, so that code reading
it on every path (a loop's entry copy, the tape) works, and raises where the value is used
(:func:`.flow.carry`).  An early ``return`` inside a loop is lowered with flags (``_done = True``
next to ``result = ...``, then ``if not _done: result = s`` after the loop): ``result`` is bound
on every path that reaches the read after the loop, but only through the flag, which a
must-define that ignores tests cannot see.  This pass asks a path-sensitive must-define
(:func:`unsure_reads`), which follows what a flag says: ``f = True`` records "``f`` truthy means
every name bound here is bound", ``t = not f`` and ``t = f`` carry that over, a test ``if t:``
assumes it in the branch it enters, and ``f = False`` makes ``if f:`` unreachable.  A
placeholder whose every read is proven to follow a binding is dropped; one that some read may
meet stays (the runtime's helpers that treat it as "no value", ``_rt.zeros_like``, read it so),
and so does every one where a name is bound inside an expression (``:=``), a ``lambda`` reads
it (it may run at any time), or a statement this analysis does not model (``try``, ``with``, a
nested function) is there.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x):
    ...     done = False
    ...     result = _rt.UNBOUND
    ...     for v in x:
    ...         if v > 2.0:
    ...             result = v * 10.0
    ...             done = True
    ...             break
    ...     t = not done
    ...     if t:
    ...         result = 0.0
    ...     return result
    ... ''').body[0]
    >>> drop_placeholders(node.body, "_rt")
    1
    >>> print(function_text(node), end="")
    def f(x):
        done = False
        for v in x:
            if v > 2.0:
                result = v * 10.0
                done = True
                break
        t = not done
        if t:
            result = 0.0
        return result
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.build import loads, nodes
from .dataflow import blocks, header_loads, statements, stores

_ALL = frozenset({"<every name>"})  # what a flag's fact says where its value is impossible
_NONE = frozenset()
_BINDS_INSIDE = (gast.NamedExpr, gast.Global, gast.Nonlocal, gast.Yield, gast.YieldFrom)
_ROUNDS = 64  # a loop's fixpoint (each round can only shrink what is known): else give up


class _GiveUp(Exception):
    """A statement this analysis does not model: every placeholder stays."""


def _eff(facts: frozenset, defined: frozenset) -> frozenset:
    return _ALL if facts is _ALL else facts | defined


def _meet_sets(a: frozenset, b: frozenset) -> frozenset:
    return b if a is _ALL else a if b is _ALL else a & b


class State:
    """The names surely bound here, and for each flag what its truthiness proves bound:
    ``facts[f] = (when_true, when_false)``, each a set of names beyond ``defined`` or
    :data:`_ALL` (that value is impossible here)."""

    __slots__ = ("defined", "facts")

    def __init__(self, defined: frozenset, facts: dict[str, tuple[frozenset, frozenset]]):
        self.defined = defined
        self.facts = {}
        for name, (true, false) in facts.items():
            true = true if true is _ALL else true - defined
            false = false if false is _ALL else false - defined
            if true or false:
                self.facts[name] = (true, false)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, State) and self.defined == other.defined and \
            self.facts == other.facts

    __hash__ = None  # type: ignore[assignment]

    def bind(self, names: set[str], fact: tuple | None = None) -> State:
        """After binding ``names`` (``fact``: what the one name bound, a flag, now says)."""
        facts = {n: f for n, f in self.facts.items() if n not in names}
        if fact is not None:
            facts[next(iter(names))] = fact
        return State(self.defined | names, facts)

    def unbind(self, names: set[str]) -> State:
        """After ``del`` (or a placeholder): ``names`` have no value, and no fact proves them."""
        facts = {n: tuple(s if s is _ALL else s - names for s in f)
                 for n, f in self.facts.items() if n not in names}
        return State(self.defined - names, facts)

    def assume(self, name: str, truthy: bool) -> State | None:
        """Where ``name`` is truthy (or falsy); None where that is impossible."""
        true, false = self.facts.get(name, (_NONE, _NONE))
        extra = true if truthy else false
        if extra is _ALL:
            return None
        facts = dict(self.facts)
        facts[name] = (_NONE, _ALL) if truthy else (_ALL, _NONE)
        return State(self.defined | extra, facts)


def meet(a: State | None, b: State | None) -> State | None:
    """What holds on both paths (None: a path that never gets here)."""
    if a is None or b is None:
        return b if a is None else a
    facts = {}
    for name in a.facts.keys() | b.facts.keys():
        fa, fb = a.facts.get(name, (_NONE, _NONE)), b.facts.get(name, (_NONE, _NONE))
        facts[name] = tuple(_meet_sets(_eff(x, a.defined), _eff(y, b.defined))
                            for x, y in zip(fa, fb, strict=True))
    return State(a.defined & b.defined, facts)


def _test(test: gast.expr) -> tuple[str | None, bool]:
    """``(name, truthy)``: the test holds where ``name`` is truthy (or falsy); ``name`` None for
    a test this analysis does not follow."""
    truthy = True
    while test.__class__ is gast.UnaryOp and test.op.__class__ is gast.Not:
        test, truthy = test.operand, not truthy
    return (test.id, truthy) if test.__class__ is gast.Name else (None, truthy)


def _fact(value: gast.expr, state: State) -> tuple | None:
    """What the flag ``value`` is bound to says: of ``True``/``False``/``None``, of ``not f``
    and of a copy of ``f``."""
    if value.__class__ is gast.Constant and (value.value is None or type(value.value) is bool):
        return (_NONE, _ALL) if value.value else (_ALL, _NONE)
    name, truthy = _test(value)
    if name is None or value.__class__ is gast.Constant:
        return None
    true, false = state.facts.get(name, (_NONE, _NONE))
    return (true, false) if truthy else (false, true)


class _Reads:
    """One walk (loops to their fixpoint) finding the placeholders' names a read may meet
    without a value."""

    def __init__(self, candidates: set[str], rt: str):
        self.candidates, self.rt = candidates, rt
        self.unsure: set[str] = set()
        self.loops: list[tuple[list, list]] = []  # (breaks, continues) of each enclosing loop

    def read(self, names: set[str], state: State) -> None:
        self.unsure |= (names & self.candidates) - state.defined

    def block(self, stmts: list[gast.stmt], state: State | None) -> State | None:
        for stmt in stmts:
            if state is None:  # (after a break, a continue or a return: never runs)
                return None
            state = self.statement(stmt, state)
        return state

    def statement(self, stmt: gast.stmt, state: State) -> State | None:
        kind = stmt.__class__
        if kind is gast.If:
            self.read(loads(stmt.test), state)
            name, truthy = _test(stmt.test)
            inside = state if name is None else state.assume(name, truthy)
            other = state if name is None else state.assume(name, not truthy)
            return meet(self.block(stmt.body, inside), self.block(stmt.orelse, other))
        if kind in (gast.For, gast.While):
            return self.loop(stmt, state)
        if kind in (gast.Break, gast.Continue):
            self.loops[-1][kind is gast.Continue].append(state)
            return None
        if kind is gast.Delete:
            names = {n.id for t in stmt.targets for n in nodes(t) if n.__class__ is gast.Name}
            self.read(loads(stmt) | names, state)
            return state.unbind(names)
        if not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Expr, gast.Return, gast.Raise,
                                 gast.Pass, ir.Marker)):
            raise _GiveUp
        self.read(header_loads(stmt), state)
        if kind in (gast.Return, gast.Raise):
            return None
        names = stores(stmt)
        if _is_placeholder(stmt, self.rt):
            return state.unbind(names)
        fact = _fact(stmt.value, state) if len(names) == 1 and kind is gast.Assign and \
            len(stmt.targets) == 1 and stmt.targets[0].__class__ is gast.Name else None
        return state.bind(names, fact) if names else state

    def loop(self, stmt: gast.stmt, state: State) -> State | None:
        """A loop, from its entry to its exits: its head's state is a fixpoint (entry, end of
        the body, each continue); it leaves by its test failing or its iterable running out
        (then ``else``), or by a break."""
        if stmt.__class__ is gast.For:
            self.read(loads(stmt.iter), state)
        head: State | None = state
        for _ in range(_ROUNDS):
            self.loops.append(([], []))
            end = self.block(stmt.body, self.enter(stmt, head))
            breaks, continues = self.loops.pop()
            new = state
            for other in (end, *continues):
                new = meet(new, other)
            if new == head:
                break
            head = new
        else:
            raise _GiveUp
        out = self.block(stmt.orelse, self.leave(stmt, head))
        for other in breaks:
            out = meet(out, other)
        return out

    def enter(self, stmt: gast.stmt, head: State) -> State | None:
        if stmt.__class__ is gast.For:
            return head.bind({n.id for n in nodes(stmt.target) if n.__class__ is gast.Name})
        self.read(loads(stmt.test), head)
        return self._branch(stmt.test, head, True)

    def leave(self, stmt: gast.stmt, head: State) -> State | None:
        return head if stmt.__class__ is gast.For else self._branch(stmt.test, head, False)

    @staticmethod
    def _branch(test: gast.expr, state: State, holds: bool) -> State | None:
        if test.__class__ is gast.Constant:
            return state if bool(test.value) is holds else None
        name, truthy = _test(test)
        return state if name is None else state.assume(name, truthy is holds)


def _is_placeholder(stmt: gast.stmt, rt: str) -> bool:
    """``x = <rt>.UNBOUND``."""
    value = getattr(stmt, "value", None)
    return stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
        stmt.targets[0].__class__ is gast.Name and value.__class__ is gast.Attribute and \
        value.attr == "UNBOUND" and value.value.__class__ is gast.Name and value.value.id == rt


def unsure_reads(body: list[gast.stmt], candidates: set[str], rt: str) -> set[str]:
    """Those of ``candidates`` that some read in ``body`` may meet with no value (bound nowhere
    before it on some path; a placeholder ``x = <rt>.UNBOUND`` counts as no value, and a read
    in a ``lambda`` as one that may come at any time); all of them where ``body`` holds what
    this analysis does not model (a ``try``, a ``with``, a nested function)."""
    reads = _Reads(candidates, rt)
    for stmt in body:
        for node in nodes(stmt):
            if node.__class__ is gast.Lambda:
                reads.unsure |= loads(node) & candidates
            elif isinstance(node, _BINDS_INSIDE):  # (a flag bound where no statement says)
                return set(candidates)
    try:
        reads.block(body, State(_NONE, {}))
    except _GiveUp:
        return set(candidates)
    return reads.unsure


def drop_placeholders(body: list[gast.stmt], rt: str) -> int:
    """Remove from ``body`` each ``x = <rt>.UNBOUND`` whose ``x`` no read can meet unbound
    (see the module docstring); returns how many went."""
    found = [s for s in statements(body) if _is_placeholder(s, rt)]
    if not found:
        return 0
    candidates = {s.targets[0].id for s in found}
    gone = candidates - unsure_reads(body, candidates, rt)
    if not gone:
        return 0
    dropped = {id(s) for s in found if s.targets[0].id in gone}
    for block in blocks(body):
        block[:] = [s for s in block if id(s) not in dropped]
    return len(dropped)
