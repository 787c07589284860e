"""Which objects each name of a generated function may hold: a points-to analysis.

A statement that may make a new object is a *site* (named by the statement's id); a name's value
is described by the set of sites it may hold.  A view, an item or an attribute of a value counts
as the value itself (``b = a[1:]`` holds what ``a`` holds), a container holds what was put in it
(``t.append(b)``, ``[a, b]``, ``xs[i] = b``), and a call may return any of its arguments (unless
the caller's ``fresh`` says it makes a new object, ``np.zeros_like(x)``).  Parameters hold
:data:`PARAM`, names from outside (globals) :data:`UNKNOWN`.  Loops are iterated to a fixpoint, so
the sets are exactly as large as every path allows (a may-analysis: it only errs towards sharing).
Sites a statement hands to code that may keep them (an expression statement's call that is not a
method of a name) are :attr:`PointsTo.escaped`.

    >>> import gast
    >>> body = gast.parse("a = np.zeros(3)\\nb = a[1:]\\nc = a * 2.0\\nt.append(c)").body
    >>> def fresh(node):  # np.zeros(...) and arithmetic make new objects
    ...     return node.__class__ is not gast.Call or node.func.attr == "zeros"
    >>> state = PointsTo(body, {"t"}, fresh=fresh).run().after
    >>> site = {id(stmt): name for stmt, name in zip(body, "abct")}
    >>> site[PARAM] = "the caller's"
    >>> {name: sorted(site[s] for s in held) for name, held in state.items()}
    {'t': ['c', "the caller's"], 'a': ['a'], 'b': ['a'], 'c': ['c']}
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from .. import ir
from ..syntax.tree_walk import walk

PARAM, UNKNOWN = -1, -2  # a parameter's value (the caller's), a global's
_EMPTY: frozenset[int] = frozenset()
_LIMIT = 50  # rounds of a loop's fixpoint (each round only grows the sets: far more than needed)
_ARITHMETIC = (gast.BinOp, gast.UnaryOp, gast.Compare)
State = dict[str, frozenset[int]]


class Unsupported(Exception):
    """A statement the analysis does not model (a nested ``def``, ``try``...): no answer."""


def _merge(a: State, b: State) -> State:
    if a is b:
        return a
    out = dict(a)
    for name, sites in b.items():
        held = out.get(name)
        if held is not sites:
            out[name] = sites if held is None else held | sites
    return out


class PointsTo:
    """The sets before each statement (:attr:`before`, by statement id, over all the times it
    runs) and at the end (:attr:`after`).  ``fresh(call)``: the call returns a new object that
    holds none of its arguments, or arithmetic that makes an array or a number (of lists or
    tuples ``a + b`` holds their items); ``element(subscript)``: ``a[i]`` is a number (a copy, no
    view); ``updates``: ids of statements ``n = f(n, ...)`` whose result may be ``n``'s own object;
    ``watch``: the ids of the statements whose :attr:`before` is wanted (``None``: every one's);
    ``returns(call)``: the operands whose objects the call may return or hold, besides a new
    object (``None``: any of them, and a method's object).

    A loop inside a loop starts each of its fixpoints from the sets it ended with the last time
    (the enclosing loop's sets only grow, so those are below the new fixpoint): without that,
    every round of an enclosing loop ran the inner one's rounds again, exponential in the depth
    (fuzz seed 2000 program 13: a gradient of a gradient, loops four deep, 11 s in here)."""

    def __init__(self, body: list[gast.stmt], params: set[str], *,
                 fresh: Callable[[gast.expr], bool],
                 element: Callable[[gast.Subscript], bool] = lambda node: False,
                 updates: frozenset[int] | set[int] = frozenset(),
                 watch: frozenset[int] | set[int] | None = None,
                 returns: Callable[[gast.Call], list[gast.expr] | None] = lambda node: None):
        self.body, self.params = body, params
        self.fresh, self.element, self.updates = fresh, element, updates
        self.returns = returns
        self.watch = watch
        self.before: dict[int, State] = {}
        self._entries: dict[int, State] = {}  # per loop: the entry sets of its last fixpoint
        self.escaped: set[int] = set()
        self.after: State = {}
        self._exits: list[list[State]] = []  # per enclosing loop: states at `break` / `continue`

    def run(self) -> PointsTo:
        self.after = self._block(self.body, {p: frozenset({PARAM}) for p in self.params})
        return self

    def _block(self, stmts: list[gast.stmt], state: State) -> State:
        for stmt in stmts:
            state = self._stmt(stmt, state)
        return state

    def _stmt(self, stmt: gast.stmt, state: State) -> State:
        key = id(stmt)
        if self.watch is None or key in self.watch:
            seen = self.before.get(key)
            self.before[key] = state if seen is None else _merge(seen, state)
        kind = stmt.__class__
        if kind is gast.If:
            return _merge(self._block(stmt.body, state), self._block(stmt.orelse, state))
        if kind is gast.For or kind is gast.While:
            return self._loop(stmt, state)
        if kind is gast.Assign:
            if ir.note(stmt).copied:  # (values into a float64 array of its own: as it was)
                return state
            value = self.of(stmt.value, state, key)
            if key in self.updates:  # (its object, or a new one)
                value = state.get(stmt.targets[0].id, _EMPTY) | {key}
            return self._bind(stmt.targets, value, state)
        if kind is gast.AugAssign:
            if ir.note(stmt).summed:  # into an array of its own: it holds what it held
                return self._summed(stmt.target, state, key)
            value = self.of(stmt.value, state, key)
            if stmt.target.__class__ is gast.Name:
                value |= state.get(stmt.target.id, _EMPTY) | {key}
            return self._bind([stmt.target], value, state)
        if kind is gast.Expr:
            return self._effect(stmt.value, state, key)
        if kind is gast.Delete:
            return {n: s for n, s in state.items()
                    if n not in {t.id for t in stmt.targets if t.__class__ is gast.Name}}
        if kind is gast.Break or kind is gast.Continue:
            if self._exits:
                self._exits[-1].append(state)
            return state
        if kind in (gast.Return, gast.Pass, gast.Raise, gast.Assert, ir.Comment):
            return state
        raise Unsupported(kind.__name__)

    @staticmethod
    def _summed(target: gast.expr, state: State, key: int) -> State:
        """After ``v += e`` or ``v[i] += e`` summing into an array of ``v``'s own (``summed``,
        :class:`ir.Note`): ``ndarray.__iadd__`` writes ``e``'s values into ``v``'s array, which
        holds none of ``e``'s objects then (a NumPy scalar ``v`` is a new number: ``key``)."""
        if target.__class__ is not gast.Name:
            return state
        state = dict(state)
        state[target.id] = state.get(target.id, _EMPTY) | {key}
        return state

    def _loop(self, stmt: gast.For | gast.While, state: State) -> State:
        last = self._entries.get(id(stmt))
        entry = state if last is None else _merge(last, state)
        for _ in range(_LIMIT):
            inner = entry
            if stmt.__class__ is gast.For:  # its target holds the iterable's items
                inner = self._bind([stmt.target], self.of(stmt.iter, entry, id(stmt)), entry)
            self._exits.append([])
            out = self._block(stmt.body, inner)
            exits = self._exits.pop()
            grown = _merge(entry, out)
            for extra in exits:
                grown = _merge(grown, extra)
            if grown == entry:
                self._entries[id(stmt)] = entry
                return self._block(stmt.orelse, entry)
            entry = grown
        raise Unsupported("a loop whose sets keep growing")

    def _bind(self, targets: list[gast.expr], value: frozenset[int], state: State) -> State:
        state = dict(state)
        for node in targets:
            kind = node.__class__
            if kind is gast.Name:
                state[node.id] = value
            elif kind is gast.Tuple or kind is gast.List:  # each item may be any of it
                state = self._bind(node.elts, value, state)
            elif kind is gast.Starred:
                state = self._bind([node.value], value, state)
            else:  # `a[i] = v`, `a.b = v`: the container now holds v
                base = _base(node)
                if base is None:
                    raise Unsupported("an assignment to an expression")
                state[base] = state.get(base, frozenset({UNKNOWN})) | value
        return state

    def _effect(self, value: gast.expr, state: State, key: int) -> State:
        """An expression statement: a method of a name may keep its arguments in its object
        (``tape.append(v)``); any other call may keep them anywhere."""
        held = self.of(value, state, key)
        if value.__class__ is gast.Call and value.func.__class__ is gast.Attribute:
            base = _base(value.func.value)
            if base is not None and base in state:
                state = dict(state)
                state[base] = state[base] | held - {key}
                return state
        self.escaped |= held
        return state

    def of(self, node: gast.expr, state: State, site: int) -> frozenset[int]:
        """The sites ``node``'s value may hold (``site``: the statement evaluating it)."""
        kind = node.__class__
        if kind is gast.Name:
            return state.get(node.id, frozenset({UNKNOWN}))
        if kind is gast.Constant or kind is gast.Slice:
            return _EMPTY
        if kind in _ARITHMETIC:  # a new object; of lists or tuples, one holding their items
            if kind is gast.Compare or self.fresh(node):
                return frozenset({site})
            return frozenset({site}).union(*(self.of(o, state, site) for o in _operands(node)))
        if kind is gast.Subscript:
            return _EMPTY if self.element(node) else self.of(node.value, state, site)
        if kind is gast.Attribute:
            return self.of(node.value, state, site)
        if kind is gast.BoolOp:  # `a or b` is one of them
            return frozenset().union(*(self.of(v, state, site) for v in node.values))
        if kind is gast.IfExp:
            return self.of(node.body, state, site) | self.of(node.orelse, state, site)
        if kind is gast.Call:  # a new object, or one that holds (or is) what it is given
            if self.fresh(node):
                return frozenset({site})
            parts = self.returns(node)
            if parts is None:
                parts = [*node.args, *(k.value for k in node.keywords)]
                if node.func.__class__ is gast.Attribute:  # a method's object (a module: UNKNOWN)
                    parts.append(node.func.value)
            return frozenset({site}).union(*(self.of(p, state, site) for p in parts))
        if kind in (gast.Tuple, gast.List, gast.Set, gast.Starred):
            items = node.elts if kind is not gast.Starred else [node.value]
            return frozenset({site}).union(*(self.of(e, state, site) for e in items))
        held = frozenset({site})  # a lambda, a comprehension...: it may hold what it reads
        for child in _reads(node):
            held |= state.get(child, frozenset({UNKNOWN}))
        return held


def _operands(node: gast.expr) -> list[gast.expr]:
    if node.__class__ is gast.BinOp:
        return [node.left, node.right]
    if node.__class__ is gast.UnaryOp:
        return [node.operand]
    return [node.left, *node.comparators]


def _base(node: gast.expr) -> str | None:
    while node.__class__ in (gast.Subscript, gast.Attribute):
        node = node.value
    return node.id if node.__class__ is gast.Name else None


def _reads(node: gast.AST) -> set[str]:
    """The names read anywhere in ``node``."""
    return {n.id for n in walk(node) if n.__class__ is gast.Name
            and n.ctx.__class__ is gast.Load}
