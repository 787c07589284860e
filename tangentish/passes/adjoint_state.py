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

    >>> meet([({"a": LIVE}, {"a"}), ({}, {"a"})])
    ({'a': 'live'}, [{}, {'a': 'zeros'}])
    >>> meet([({"a": LIVE}, set()), ({}, set())])
    ({'a': 'maybe'}, [{}, {'a': 'none'}])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import gast

from .. import ir
from .dataflow import assigned, must_define

LIVE, MAYBE = "live", "maybe"
State = dict[str, str]


@dataclass(frozen=True)
class Scope:
    """What the primal knows at a point: names that may have a value there, and names that have
    one on every path."""

    defined: frozenset[str]
    surely: frozenset[str]

    def extended(self, stmts: list[gast.stmt]) -> Scope:
        return Scope(self.defined | assigned(stmts), self.surely | must_define(stmts))


@dataclass(frozen=True)
class Effect:
    """What one simple statement's adjoint does: it uses up ``target``'s adjoint and adds to the
    adjoints of ``adds`` (which may name ``target`` itself, for an in-place update)."""

    target: str
    adds: tuple[str, ...]


def meet(paths: list[tuple[State, set[str] | frozenset[str]]]) -> tuple[State, list[dict]]:
    """Merge the states of paths that join (each with the names surely defined on it); returns
    the merged state and, per path, what to materialize on it (name → ``"zeros"`` or ``"none"``)."""
    merged: State = {}
    fixes: list[dict[str, str]] = [{} for _ in paths]
    for name in sorted(set().union(*(state for state, _ in paths))):
        kinds = [state.get(name) for state, _ in paths]
        if all(kind == LIVE for kind in kinds):
            merged[name] = LIVE
            continue
        zeros_everywhere = all(kind is not None or name in surely
                               for kind, (_, surely) in zip(kinds, paths, strict=True))
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
    """The state after one statement's adjoint."""
    kind = state.pop(effect.target, None)
    if kind is None:
        return
    for name in effect.adds:
        if kind == LIVE or state.get(name) == LIVE:
            state[name] = LIVE
        else:
            state[name] = MAYBE


@dataclass
class LoopHead:
    """The state at the top of a reverse loop body, and what the two edges into it materialize:
    ``entry`` before the loop (the adjoints arriving from after the primal loop), ``back`` at the
    end of each reverse iteration."""

    state: State
    entry: dict[str, str] = field(default_factory=dict)
    back: dict[str, str] = field(default_factory=dict)


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
            state.update(_restrict(head.state, before.defined))
        elif not isinstance(stmt, ir.Marker):
            effect = self.effect(stmt)
            if effect is not None:
                apply(effect, state)

    @staticmethod
    def join_if(then: State, orelse: State, before: Scope) -> tuple[State, list[dict]]:
        paths = [(_restrict(then, before.defined), before.surely),
                 (_restrict(orelse, before.defined), before.surely)]
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
        inside = Scope(inside.defined, before.surely)
        head = LoopHead(dict(entry))
        for _ in range(4 * len(crossing) + 2):
            end = self.block(loop.body, dict(head.state), inside)
            end = {k: v for k, v in end.items() if k in crossing}
            merged, (at_entry, at_back) = meet([(entry, before.surely), (end, set())])
            if merged == head.state:
                head.entry, head.back = at_entry, at_back
                break
            head.state = merged
        else:  # pragma: no cover - the states only rise, so this cannot happen
            raise RuntimeError("the zero analysis of a loop did not converge")
        self._heads[key] = head
        return head


def prefix_scopes(stmts: list[gast.stmt], scope: Scope) -> list[Scope]:
    """For each statement of ``stmts``, the scope just before it."""
    scopes = []
    defined, surely = set(scope.defined), set(scope.surely)
    for stmt in stmts:
        scopes.append(Scope(frozenset(defined), frozenset(surely)))
        defined |= assigned([stmt])
        surely |= must_define([stmt])
    return scopes


def _restrict(state: State, names: frozenset[str] | set[str]) -> State:
    return {k: v for k, v in state.items() if k in names}
