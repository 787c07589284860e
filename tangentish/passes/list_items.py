"""Numbers kept in a list: the pattern of its items, for :mod:`.patterns`.

``acc = [0.0, 0.0]`` then ``acc[i] += v`` in a loop (normalized: ``a = acc[0]``, ``b = a + v``,
``acc[0] = b``): a read of an item is a number on every run when every item the list is made
with or given is one.  A list qualifies when it is not a parameter, is bound by one list display,
and every other mention of its name is a simple binding that reads one item (``a = acc[0]``) or
a statement that writes one (``acc[1] = b``), each by an int literal or a loop counter over
``range(...)``: nothing else can reach it (a call handed it, a copy, ``acc.append``, a loop over
it, a closure, ``del``).  Its *item pattern* is the join of the patterns of the items it is made
with and given, solved with the names' own by :func:`.patterns.size_one_patterns`; an item read
has that pattern.  The list itself gets none (it is no array).

A list of float64 numbers (:func:`.patterns.number_lists`) has a float64 array of its length as
adjoint; :func:`spread_by_position` writes the adjoint of reading one of its items by an int
literal, ``_rt.unindex(g, acc, 1)`` (which asks the list for its layout, item by item), as that
array: ``np.array([0.0, g])``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.dataflow import definitions
    >>> def f(x):
    ...     acc = [0.0, 0.0]
    ...     for i in range(3):
    ...         acc[0] += x
    ...     return acc[0] + acc[1]
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> items = ListItems(norm.body, definitions(norm.body), set(norm.params), set())
    >>> {name: len(given) for name, given in items.given.items()}
    {'acc': 3}
    >>> sorted(items.reads.values())
    ['acc', 'acc', 'acc']
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import blocks, statements
from .derivative import Derivative

JOINS = {np.stack, np.concatenate, np.vstack, np.hstack, np.dstack, np.column_stack}
"""Functions whose result holds the values of the arrays of a list, in their promoted dtype
(:mod:`.appended_lists`' joins; here, where :mod:`.ranks` reads them before a join is met)."""


class ListItems:
    """The qualifying lists of a normalized body (see the module docstring): ``given[name]``, the
    expressions of the items it is made with and given; ``reads[id(stmt)]``, the list whose item
    the simple binding ``stmt`` reads."""

    def __init__(self, body: list[gast.stmt], sites: dict[str, list[gast.stmt]],
                 params: set[str], counters: set[str]):
        self.given: dict[str, list[gast.expr]] = {}
        self.reads: dict[int, str] = {}
        candidates = {name: stmts for name, stmts in sites.items()
                      if name not in params and made_once(stmts)}
        if not candidates:
            return
        mentions = mention_counts(body, candidates)
        reads: dict[str, list[gast.stmt]] = {name: [] for name in candidates}
        for stmt in _simple(body):
            read = _item_read(stmt, counters)
            if read in reads:
                reads[read].append(stmt)
        for name, stmts in candidates.items():
            given = [_written(stmt, name, counters) for stmt in stmts]
            if any(item is None for item in given[1:]) or \
                    mentions[name] != len(stmts) + len(reads[name]):
                continue  # (each write and read mentions the name once, the display too)
            self.given[name] = [*stmts[0].value.elts, *given[1:]]
            self.reads.update((id(stmt), name) for stmt in reads[name])


def mention_counts(body: list[gast.stmt], names: Iterable[str]) -> dict[str, int]:
    """How many times ``body`` mentions each of ``names`` (nested functions included)."""
    mentions: dict[str, int] = dict.fromkeys(names, 0)
    for node in walk(gast.Module(body=body, type_ignores=[])):
        if node.__class__ is gast.Name and node.id in mentions:
            mentions[node.id] += 1
    return mentions


def made_once(stmts: list[gast.stmt]) -> bool:
    """Whether the first of a name's definitions ``stmts`` binds it to a list display (what the
    others do, its callers say: :func:`_written` here)."""
    first = stmts[0]
    return first.__class__ is gast.Assign and len(first.targets) == 1 and \
        first.targets[0].__class__ is gast.Name and first.value.__class__ is gast.List and \
        ir.note(first).op is not None and ir.note(first).op.key is ir.LIST and \
        ir.note(first).updates is None


def _simple(body: list[gast.stmt]):
    for stmt in statements(body):
        if stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
                stmt.targets[0].__class__ is gast.Name and ir.note(stmt).updates is None:
            yield stmt


def _item_read(stmt: gast.Assign, counters: set[str]) -> str | None:
    """The list ``name`` of ``y = name[k]``, ``k`` an int literal or a loop counter."""
    op = ir.note(stmt).op
    if op is None or op.key is not operator.getitem or len(op.args) != 2 or op.keywords:
        return None
    value = stmt.value
    if value.__class__ is not gast.Subscript or value.value.__class__ is not gast.Name or \
            not _int_index(value.slice, counters):
        return None
    return value.value.id


def _written(stmt: gast.stmt, name: str, counters: set[str]) -> gast.expr | None:
    """The value of ``name[k] = value`` (``k`` an int literal or a loop counter), else None."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            ir.note(stmt).updates != name:
        return None
    written = stmt.targets[0]
    if written.__class__ is not gast.Subscript or written.value.__class__ is not gast.Name or \
            written.value.id != name or not _int_index(written.slice, counters):
        return None
    return stmt.value


def _int_index(node: gast.expr, counters: set[str]) -> bool:
    if node.__class__ is gast.Name:
        return node.id in counters
    return node.__class__ is gast.Constant and type(node.value) is int


def spread_by_position(fn: Derivative) -> None:
    """``n = _rt.unindex(g, acc, k)`` as ``n = np.array([0.0, g])`` where ``acc`` is a list of
    float64 numbers (``fn.number_lists``: its length) and ``k`` an int literal: the same float64
    array (``g`` in the one slot, a float64 number), without the helper's walk of the list.  (A
    new statement: the optimizer's walks of the old one stay as they were.)"""
    if not fn.number_lists:
        return
    rt, np_alias = fn.machinery.aliases["_rt"], fn.machinery.aliases["np"]
    for block in blocks(fn.body):
        for position, stmt in enumerate(block):
            items = _spread(stmt, fn.number_lists, rt)
            if items is not None:
                new = build.assign(stmt.targets[0].id, build.call(f"{np_alias}.array",
                                                                  build.list_(items)))
                note, old = ir.note(new), ir.note(stmt)
                note.owner, note.contribution, note.adjoint = old.owner, old.contribution, old.adjoint
                block[position] = gast.copy_location(new, stmt)


def _spread(stmt: gast.stmt, lengths: dict[str, int], rt: str) -> list[gast.expr] | None:
    """The items of the array ``stmt``, ``n = _rt.unindex(g, acc, k)``, makes (see above)."""
    call = getattr(stmt, "value", None)
    func = getattr(call, "func", None)
    if func.__class__ is not gast.Attribute or func.attr != "unindex" or \
            getattr(func.value, "id", None) != rt or len(call.args) != 3 or call.keywords or \
            len(stmt.targets) != 1 or stmt.targets[0].__class__ is not gast.Name:
        return None
    g, like, index = call.args
    length, position = lengths.get(getattr(like, "id", None)), _position(index)
    if length is None or position is None or not -length <= position < length:
        return None
    items: list[gast.expr] = [build.constant(0.0) for _ in range(length)]
    items[position] = g
    return items


def _position(node: gast.expr) -> int | None:
    """The int a literal index is (``1``, ``-1``), else None."""
    sign = 1
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        node, sign = node.operand, -1
    return sign * node.value if node.__class__ is gast.Constant and type(node.value) is int \
        else None
