"""Lists built by ``append`` and joined into one array: what the join is made of, for :mod:`.dtypes`.

``parts = []``, ``parts.append(v)`` in a loop, then ``np.stack(parts, axis=1)`` (what a list
comprehension becomes once desugared): the array the join makes holds the items' values, so it is
float64 when every item is (NumPy's promotion of float64 arrays, and of Python floats with them,
gives float64; no item at all, or items of different shapes, make the join raise).  A list
qualifies when it is not a parameter, is bound by one list display, and every other mention of its
name is ``name.append(v)`` (a statement) or the first operand of a join bound to a name
(``np.stack``, ``np.concatenate``, ``np.vstack``, ``np.hstack``, ``np.dstack``,
``np.column_stack``, with no operand but an axis: no ``dtype``, no ``out``): nothing else can
reach it (a call handed it, a copy, ``parts.extend``, an item written, a loop over it, a closure,
``del``).  Flow-insensitive: every item ever put in the list counts, so a join anywhere reads
only such items.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes import dataflow, desugar, normalize
    >>> def f(x):
    ...     feats = np.stack([x ** k for k in range(3)], axis=1)
    ...     return np.sum(feats)
    >>> info = parse_function(f); desugar.desugar(info); norm = normalize.normalize(info)
    >>> lists = AppendedLists(norm.body, dataflow.definitions(norm.body), set(norm.params))
    >>> [(name, len(items)) for name, items in lists.given.items()]
    [('_list', 1)]
    >>> list(lists.joins.values())
    ['_list']
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from ..syntax.tree_walk import walk
from .dataflow import statements
from .list_items import JOINS, made_once, mention_counts


class AppendedLists:
    """The qualifying lists of a normalized body (see the module docstring): ``given[name]``, the
    expressions of the items it is made with and appended; ``joins[id(stmt)]``, the list the
    simple binding ``stmt`` joins."""

    def __init__(self, body: list[gast.stmt], sites: dict[str, list[gast.stmt]],
                 params: set[str]):
        self.given: dict[str, list[gast.expr]] = {}
        self.joins: dict[int, str] = {}
        self._made: dict[str, list[gast.stmt]] = {}  # (the display and the appends)
        self._body, self._sites = body, sites
        candidates = {name: stmts for name, stmts in sites.items()
                      if name not in params and len(stmts) > 1 and made_once(stmts)}
        if not candidates:
            return
        mentions = mention_counts(body, candidates)
        joins: dict[str, list[gast.stmt]] = {name: [] for name in candidates}
        for stmt in statements(body):
            joined = _joined(stmt)
            if joined in joins:
                joins[joined].append(stmt)
        for name, stmts in candidates.items():
            given = [_appended(stmt, name) for stmt in stmts[1:]]
            if any(item is None for item in given) or \
                    mentions[name] != len(stmts) + len(joins[name]):
                continue  # (the display, each append and each join mention the name once)
            self.given[name] = [*stmts[0].value.elts, *given]
            self.joins.update((id(stmt), name) for stmt in joins[name])
            self._made[name] = stmts

    def pattern(self, join: gast.stmt, item: object, unknown: object) -> object:
        """The size-one pattern of the join ``join`` of items of pattern ``item`` (a tuple: see
        :func:`stacked`; ``unknown`` when that says None; ``item`` itself when no tuple)."""
        if item.__class__ is not tuple:
            return item  # (no value yet, or unknown)
        found = stacked(ir.note(join).op, item, self.length(join))
        return unknown if found is None else found

    def length(self, join: gast.stmt) -> int | None:
        """How many items the list the join ``join`` reads holds there, when the body fixes it:
        the display, the join and every append at the function's top level or directly in the
        body of a top-level loop over ``range`` of int literals with no ``break`` or
        ``continue``, in that order (an append counts once, or once per trip); else None."""
        stmts = self._made.get(self.joins.get(id(join), ""))
        if stmts is None:
            return None
        appends, count = {id(stmt) for stmt in stmts[1:]}, None
        for stmt in self._body:
            if stmt is stmts[0]:
                count = len(stmt.value.elts)
            elif count is None:
                continue
            elif id(stmt) in appends:
                count, appends = count + 1, appends - {id(stmt)}
            elif stmt.__class__ is gast.For and any(id(s) in appends for s in statements([stmt])):
                direct = {id(s) for s in stmt.body} & appends
                trips = _trips(stmt, self._sites)
                if trips is None or direct != appends & {id(s) for s in statements([stmt])}:
                    return None
                count, appends = count + trips * len(direct), appends - direct
            elif stmt is join:
                return None if appends else count
        return None


def stacked(op: ir.Op, item: tuple[bool, ...], length: int | None) -> tuple[bool, ...] | None:
    """The size-one pattern of ``np.stack(parts, axis)`` (``op``) of ``length`` items of pattern
    ``item`` (the new axis is of length 1 when the list holds one item); None when ``op`` is
    another join, or the length or the axis is not known."""
    axis = op.args[1] if len(op.args) == 2 else op.keywords.get("axis", gast.Constant(0, None))
    axis = -axis.operand.value if axis.__class__ is gast.UnaryOp and \
        axis.op.__class__ is gast.USub else axis.value if axis.__class__ is gast.Constant else None
    if op.key is not np.stack or length is None or type(axis) is not int or \
            not -len(item) - 1 <= axis <= len(item):
        return None
    axis = axis + len(item) + 1 if axis < 0 else axis
    return (*item[:axis], length == 1, *item[axis:])


def _trips(loop: gast.For, sites: dict[str, list[gast.stmt]]) -> int | None:
    """How many times ``for t in r:`` runs its body, ``r`` bound once to ``range`` of int
    literals, with no ``break`` or ``continue`` anywhere in it (nor an ``else``); else None."""
    bound = sites.get(getattr(loop.iter, "id", ""), ())
    op = ir.note(bound[0]).op if len(bound) == 1 else None
    if op is None or op.key is not range or op.keywords or loop.orelse or \
            not all(a.__class__ is gast.Constant and type(a.value) is int for a in op.args):
        return None
    if any(node.__class__ in (gast.Break, gast.Continue) for node in walk(loop)):
        return None
    try:
        return len(range(*[a.value for a in op.args]))
    except (TypeError, ValueError):  # (range(), range(1, 2, 0): a call that raises)
        return None


def _appended(stmt: gast.stmt, name: str) -> gast.expr | None:
    """The value of the statement ``name.append(value)``, else None."""
    op = ir.note(stmt).op
    if stmt.__class__ is not gast.Expr or op is None or op.key is not list.append or \
            len(op.args) != 2 or op.keywords or ir.note(stmt).updates != name:
        return None
    receiver = op.args[0]
    return op.args[1] if receiver.__class__ is gast.Name and receiver.id == name else None


def _joined(stmt: gast.stmt) -> str | None:
    """The list ``name`` of ``y = np.stack(name, ...)`` (a join of :data:`JOINS` with at most an
    axis besides), else None."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name or ir.note(stmt).updates is not None:
        return None
    op = ir.note(stmt).op
    if op is None or not _is_join(op.key) or not 1 <= len(op.args) <= 2 or \
            set(op.keywords) - {"axis"} or op.args[0].__class__ is not gast.Name:
        return None
    if len(op.args) == 2 and op.key is not np.stack and op.key is not np.concatenate:
        return None  # (np.vstack's second operand is no axis)
    return op.args[0].id


def _is_join(key: object) -> bool:
    try:
        return key in JOINS
    except TypeError:
        return False
