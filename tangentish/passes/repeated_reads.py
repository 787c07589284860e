"""One read written twice: ``x[i]`` and ``x[i]`` again are one value, so they have one shape.

A loop body that reads an item twice (``out[i] = np.sin(x[i]) * x[i]``) gets two names for it
(``x_item = x[i]``, ``x_item_1 = x[i]``), which the shape analysis knew nothing about: their
product kept ``_rt.unbroadcast`` on both factors' adjoints.  :func:`read_key` names such a read
by its syntax (a tuple of its parts, made in the walk that checks them: ``gast.dump`` of it cost
a transform a few hundred microseconds); :func:`.shapes.analyze_shapes` unions the names bound to
reads of one key.

Guarantee: two reads get one key only when they index the same name by the same index, every
name in them is bound at most once in the body (a ``for`` target is bound once, each iteration
its own: the two reads of one iteration read one ``i``) and none is changed in place (no
``x[j] = v``, ``x += v`` or ``xs.append(v)``, which may change what ``x[i]`` is, a list's item
included).  The index holds names, int or ``None`` constants and slices of them only.
Then both evaluate the same subscript of the same objects, whatever their types: one value.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.shapes import analyze_shapes
    >>> def f(x, k):
    ...     t = 0.0
    ...     for i in range(k):
    ...         t = t + np.sin(x[i]) * x[i] + x[i + 1]
    ...     return t
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> shapes = analyze_shapes(norm)
    >>> shapes.same("x_item", "x_item_1"), shapes.same("x_item", "x_i_plus_1")
    (True, False)
"""

from __future__ import annotations

import operator
from collections import Counter

import gast

from .. import ir


def changed_in_place(stmts: list[gast.stmt]) -> set[str]:
    """The names some statement changes in place (``x[i] = v``, ``x += v``, ``xs.append(v)``)."""
    found = set()
    for stmt in stmts:
        note = ir.note(stmt)
        found.update(n for n in (note.updates, note.augments) if n is not None)
    return found


def read_key(op: ir.Op, bindings: Counter, changed: set[str]) -> tuple | None:
    """``x[index]``'s key (its syntax: equal for equal reads) when the module's guarantee holds,
    else None."""
    if op.key is not operator.getitem or len(op.args) != 2 or op.keywords or \
            op.args[0].__class__ is not gast.Name:
        return None
    names = [op.args[0].id]
    index = _plain(op.args[1], names)
    if index is None or any(bindings[n] > 1 or n in changed for n in names):
        return None
    return names[0], index


def _plain(node: gast.expr | None, names: list[str]) -> tuple | None:
    """``node``'s syntax as a tuple when it holds names (collected into ``names``), int or
    ``None`` constants and slices of them only (a slice's part left out: ``()``), else None."""
    if node is None:
        return ()
    kind = node.__class__
    if kind is gast.Name:
        names.append(node.id)
        return "name", node.id
    if kind is gast.Constant:
        return ("constant", node.value) if node.value is None or type(node.value) is int else None
    if kind is gast.UnaryOp and node.op.__class__ is gast.USub:
        inner = _plain(node.operand, names)
        return None if inner is None else ("-", inner)
    if kind is gast.Slice or kind is gast.Tuple:
        parts = [_plain(part, names) for part in (
            (node.lower, node.upper, node.step) if kind is gast.Slice else node.elts)]
        return None if None in parts else (kind.__name__, *parts)
    return None
