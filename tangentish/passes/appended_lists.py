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
from .dataflow import statements
from .list_items import made_once, mention_counts

JOINS = {np.stack, np.concatenate, np.vstack, np.hstack, np.dstack, np.column_stack}
"""Functions whose result holds the values of the arrays of a list, in their promoted dtype."""


class AppendedLists:
    """The qualifying lists of a normalized body (see the module docstring): ``given[name]``, the
    expressions of the items it is made with and appended; ``joins[id(stmt)]``, the list the
    simple binding ``stmt`` joins."""

    def __init__(self, body: list[gast.stmt], sites: dict[str, list[gast.stmt]],
                 params: set[str]):
        self.given: dict[str, list[gast.expr]] = {}
        self.joins: dict[int, str] = {}
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
