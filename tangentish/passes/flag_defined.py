"""Must-define that follows flags: which reads may meet a name with no value, path by path.

:func:`.dataflow.must_define` ignores tests, so a value bound on the paths where a flag is set
(an early ``return`` inside a loop, lowered as ``result = ...`` next to ``_done = True``, then
``if not _done: result = s`` after the loop) looks maybe-unbound after the loop.  This analysis
keeps, for each flag, what its truthiness proves bound: ``f = True``/``False``/``None`` and
``t = not f`` or ``t = f`` record it, a test ``if t:`` (or ``while``) assumes it in the branch
it enters, and a value that is impossible makes that branch unreachable; loops run to a
fixpoint with their ``break`` and ``continue`` states; ``del`` and a placeholder ``x =
_rt.UNBOUND`` unbind.  Its question, :func:`unsure_reads`: which of some names a read may meet
unbound (:mod:`.placeholders` drops the placeholders of the others).

    >>> import gast
    >>> body = gast.parse('''
    ... done = False
    ... for v in x:
    ...     if v > 2.0:
    ...         result = v
    ...         done = True
    ...         break
    ... if done:
    ...     y = result
    ... z = result
    ... ''').body
    >>> sorted(unsure_reads(body, {"result"}))  # (the read in `z = result` may meet it)
    ['result']
    >>> sorted(unsure_reads(body[:-1], {"result"}))  # (the one under `if done:` never)
    []
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.build import loads, nodes
from .dataflow import header_loads, stores

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

    def __init__(self, candidates: set[str], placeholders: set[int]):
        self.candidates, self.placeholders = candidates, placeholders
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
        if id(stmt) in self.placeholders:
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


def unsure_reads(body: list[gast.stmt], candidates: set[str],
                 placeholders: set[int] = frozenset()) -> set[str]:
    """Those of ``candidates`` that some read in ``body`` may meet with no value (bound nowhere
    before it on some path; the statements whose ids are ``placeholders``, ``x =
    _rt.UNBOUND``, count as giving none, and a read in a ``lambda`` as one that may come at any
    time); all of them where ``body`` holds what this analysis does not model (a ``try``, a
    ``with``, a nested function, a name bound inside an expression)."""
    reads = _Reads(candidates, placeholders)
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
