"""Which adjoints hold a value at each point of the adjoint sweep (the zero analysis).

The adjoint sweep keeps a variable ``v_bar`` for every active ``v``.  At each point of the sweep,
statically, ``v_bar`` is in one of three states:

- *zero* (absent from a state dict): nothing has been added since ``v``'s adjoint was last used
  up; the runtime variable means nothing, the next contribution assigns (``v_bar = c``) and the
  adjoint of ``v``'s definition is skipped (it would only add zeros);
- ``LIVE``: it holds the adjoint, an array or number shaped like ``v``;
- ``MAYBE``: it holds the adjoint or ``None`` (a path without contributions); code reading it
  checks ``v_bar is None`` first.

Where paths meet (after an ``if``, at the head of a loop) a variable that is zero on one path and
not on another is *materialized* on the zero path: ``np.zeros_like(v)`` where ``v`` surely has a
value there (the usual case), else ``None``.  An adjoint whose variable has no definition left on
any path (an iteration's own temporaries at the loop head) is dead and simply dropped.  The loop
head's state is a fixpoint over the loop body, computed by :class:`Zeros`, which the reverse pass
consults so that the code it emits and this analysis agree by construction.

    >>> meet([({"a": LIVE}, {"a"}.__contains__), ({}, {"a"}.__contains__)])
    ({'a': 'live'}, [{}, {'a': 'zeros'}])
    >>> meet([({"a": LIVE}, set().__contains__), ({}, set().__contains__)])
    ({'a': 'maybe'}, [{}, {'a': 'none'}])
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from .. import ir
from ..errors import Frozen
from .dataflow import assigned, must_define, stores

LIVE, MAYBE = "live", "maybe"
State = dict[str, str]


class Scope:
    """What the primal knows at a point: which names may have a value there (``may``), and which
    have one on every path (``sure``).  Scopes chain to the enclosing block, so asking costs the
    nesting depth, not the size of the function."""

    def __init__(self, defined: frozenset[str] = frozenset(), surely: frozenset[str] = frozenset(),
                 parent: Scope | None = None, unbound: frozenset[str] = frozenset()):
        self.defined, self.surely, self.parent = defined, surely, parent
        # names that may hold the None standing for "no value yet" (see flow.carry): never sure
        self.unbound = parent.unbound if parent is not None else unbound

    def may(self, name: str) -> bool:
        return name in self.defined or (self.parent is not None and self.parent.may(name))

    def sure(self, name: str) -> bool:
        if name in self.unbound:
            return False
        return name in self.surely or (self.parent is not None and self.parent.sure(name))

    def extended(self, stmts: list[gast.stmt]) -> Scope:
        """Inside a loop over ``stmts``: anything they assign may hold a value (from an earlier
        iteration), nothing more is sure."""
        return Scope(frozenset(assigned(stmts)), frozenset(), self)


class _Before(Scope):
    """The scope just before statement ``index`` of a block."""

    def __init__(self, first_may: dict[str, int], first_sure: dict[str, int], index: int,
                 parent: Scope):
        super().__init__(parent=parent)
        self.first_may, self.first_sure, self.index = first_may, first_sure, index

    def may(self, name: str) -> bool:
        return self.first_may.get(name, self.index) < self.index or self.parent.may(name)

    def sure(self, name: str) -> bool:
        if name in self.unbound:
            return False
        return self.first_sure.get(name, self.index) < self.index or self.parent.sure(name)


class Effect(Frozen):
    """What one simple statement's adjoint does: it uses up ``target``'s adjoint and adds to the
    adjoints of ``adds`` (which may name ``target`` itself, for an in-place update)."""

    __slots__ = ("target", "adds", "copy")
    target: str
    adds: tuple[str, ...]
    copy: bool  # a plain copy ``target = adds[0]``

    def __init__(self, target: str, adds: tuple[str, ...], copy: bool = False):
        self._set(target=target, adds=adds, copy=copy)


Sure = Callable[[str], bool]


def meet(paths: list[tuple[State, Sure]]) -> tuple[State, list[dict]]:
    """Merge the states of paths that join (each with a test of the names surely defined on it);
    returns the merged state and, per path, what to materialize on it (name → ``"zeros"`` or
    ``"none"``)."""
    merged: State = {}
    fixes: list[dict[str, str]] = [{} for _ in paths]
    for name in sorted(set().union(*(state for state, _ in paths))):
        kinds = [state.get(name) for state, _ in paths]
        if all(kind == LIVE for kind in kinds):
            merged[name] = LIVE
            continue
        zeros_everywhere = all(kind is not None or sure(name)
                               for kind, (_, sure) in zip(kinds, paths, strict=True))
        if MAYBE in kinds or not zeros_everywhere:
            merged[name] = MAYBE
            fill = "none"
        else:
            merged[name] = LIVE
            fill = "zeros"
        for index, kind in enumerate(kinds):
            if kind is None:
                fixes[index][name] = fill
    return merged, fixes


def apply(effect: Effect, state: State) -> None:
    """The state after one statement's adjoint.  A copy of an adjoint that may be ``None`` into
    one that is zero writes zeros of the copy's shape instead (one line, instead of guards on
    everything downstream)."""
    kind = state.pop(effect.target, None)
    if kind is None:
        return
    if effect.copy and kind == MAYBE and state.get(effect.adds[0]) is None:
        state[effect.adds[0]] = LIVE
        return
    for name in effect.adds:
        if kind == LIVE or state.get(name) == LIVE:
            state[name] = LIVE
        else:
            state[name] = MAYBE


class LoopHead:
    """The state at the top of a reverse loop body, and what the two edges into it materialize:
    ``entry`` before the loop (the adjoints arriving from after the primal loop), ``back`` at the
    end of each reverse iteration."""

    __slots__ = ("state", "entry", "back")

    def __init__(self, state: State):
        self.state = state
        self.entry: dict[str, str] = {}
        self.back: dict[str, str] = {}


class Zeros:
    """The zero analysis over a structured body.  ``effect(stmt)`` gives a simple statement's
    :class:`Effect` (``None`` when its adjoint does nothing); ``carried(loop)`` the names whose
    adjoints cross iterations of ``loop`` (loop-carried names and names defined outside it)."""

    def __init__(self, effect: Callable[[gast.stmt], Effect | None],
                 carried: Callable[[gast.stmt], set[str]]):
        self.effect = effect
        self.carried = carried
        self._heads: dict[tuple, LoopHead] = {}

    def block(self, stmts: list[gast.stmt], state: State, scope: Scope) -> State:
        """The state before ``stmts``' adjoint, given the state after it (walks backwards)."""
        scopes = prefix_scopes(stmts, scope)
        for stmt, before in zip(reversed(stmts), reversed(scopes), strict=True):
            self.statement(stmt, state, before)
        return state

    def statement(self, stmt: gast.stmt, state: State, before: Scope) -> None:
        if isinstance(stmt, gast.If):
            then = self.block(stmt.body, dict(state), before)
            orelse = self.block(stmt.orelse, dict(state), before)
            merged, _ = self.join_if(then, orelse, before)
            state.clear()
            state.update(merged)
        elif isinstance(stmt, (gast.For, gast.While)):
            head = self.loop_head(stmt, state, before)
            state.clear()
            state.update(_restrict(head.state, before))
        elif not isinstance(stmt, ir.Marker):
            effect = self.effect(stmt)
            if effect is not None:
                apply(effect, state)

    @staticmethod
    def join_if(then: State, orelse: State, before: Scope) -> tuple[State, list[dict]]:
        paths = [(_restrict(then, before), before.sure), (_restrict(orelse, before), before.sure)]
        return meet(paths)

    def loop_head(self, loop: gast.stmt, after: State, before: Scope) -> LoopHead:
        """The fixpoint state at the head of ``loop``'s reverse body, given the state arriving
        from after the primal loop."""
        crossing = self.carried(loop)
        entry = {k: v for k, v in after.items() if k in crossing}
        key = (id(loop), tuple(sorted(entry.items())))
        if key in self._heads:
            return self._heads[key]
        inside = before.extended(loop.body)
        head = LoopHead(dict(entry))
        for _ in range(4 * len(crossing) + 2):
            end = self.block(loop.body, dict(head.state), inside)
            end = {k: v for k, v in end.items() if k in crossing}
            merged, (at_entry, at_back) = meet([(entry, before.sure), (end, _never)])
            if merged == head.state:
                head.entry, head.back = at_entry, at_back
                break
            head.state = merged
        else:  # pragma: no cover - the states only rise, so this cannot happen
            raise RuntimeError("the zero analysis of a loop did not converge")
        self._heads[key] = head
        return head


def prefix_scopes(stmts: list[gast.stmt], scope: Scope) -> list[Scope]:
    """For each statement of ``stmts``, the scope just before it (built in one pass)."""
    first_may: dict[str, int] = {}
    first_sure: dict[str, int] = {}
    for index, stmt in enumerate(stmts):
        if isinstance(stmt, ir.COMPOUND):
            may, sure = assigned([stmt]), must_define([stmt])
        else:  # (a simple statement: both are what it binds, unless it is a placeholder)
            may = stores(stmt)
            sure = () if ir.note(stmt).placeholder else may
        for name in may:
            first_may.setdefault(name, index + 1)
        for name in sure:
            first_sure.setdefault(name, index + 1)
    return [_Before(first_may, first_sure, index + 1, scope) for index in range(len(stmts))]


def _never(name: str) -> bool:
    return False


def _restrict(state: State, scope: Scope) -> State:
    return {k: v for k, v in state.items() if scope.may(k)}
