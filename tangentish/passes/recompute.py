"""Recompute a parameter's negation where it is read, instead of keeping its array alive.

``neg_x = -x`` read by the primal and again by the adjoint (the adjoint of ``neg_x * x`` reads
both factors) holds one more array of ``x``'s size from the primal to the end of the gradient.
Negating again where it is read costs one pass over ``x`` (as cheap as reading the array back)
and gives the same values bit for bit; inside an operation NumPy reuses the new temporary for the
result, so no array is held at all:

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     return np.sum(np.exp(-x * x))
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        _t1 = np.exp(-x * x)
    ...
        x_bar = neg_x_times_x_bar * -x
        x_bar = x_bar - neg_x_times_x_bar * x
        return x_bar

``n = -p`` is recomputed when ``p`` is a parameter the function never binds or changes in place
(so ``-p`` means the same everywhere), ``n`` is bound once, by a statement of the function's own
body (not in a loop or a branch), is not returned, and every read of ``n`` is an operand of an
operator (which makes a new array either way) outside any loop (a loop would negate once per
iteration).
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import LOOPS, definition_counts, statements, target
from .derivative import Derivative
from .walks import Walks


def recompute_negations(fn: Derivative, params: set[str], walks: Walks | None = None,
                        counts: dict[str, int] | None = None) -> None:
    """Write ``-p`` for the reads of ``n = -p`` (see the module docstring) and drop ``n``
    (``walks``: the statements' walks, kept true; ``counts``: :func:`definition_counts`, if
    known: they stay true for the names still bound)."""
    walks = walks or Walks()
    counts = definition_counts(fn.body) if counts is None else counts
    negations = {}
    for stmt in fn.body:
        name, value = target(stmt), getattr(stmt, "value", None)
        if name is not None and counts.get(name) == 1 and name not in fn.protected and \
                isinstance(value, gast.UnaryOp) and isinstance(value.op, gast.USub) and \
                isinstance(value.operand, gast.Name) and value.operand.id in params and \
                value.operand.id not in counts and not ir.note(stmt).keep:
            negations[name] = stmt
    if not negations:
        return
    places = _operand_reads(fn.body, set(negations), walks)
    replaced = set()
    for name, stmt in negations.items():
        found = places.get(name)
        if not found:  # read elsewhere (or not at all: dead code's business)
            continue
        for parent, field in found:
            setattr(parent, field, build.negate(build.name(stmt.value.operand.id)))
        fn.body.remove(stmt)
        replaced.add(name)
    for reader in statements(fn.body) if replaced else ():
        if not walks.reads(reader).isdisjoint(replaced):
            walks.forget(reader)  # (it reads ``-p`` now)


def _operand_reads(body: list[gast.stmt], wanted: set[str],
                   walks: Walks) -> dict[str, list | None]:
    """For each name in ``wanted``: where it is read, as (operator node, field), or None when
    some read is not an operand of an operator or is inside a loop."""
    found: dict[str, list | None] = {}
    for top in body:
        looped = isinstance(top, LOOPS)
        for stmt in statements([top]):
            reads = walks.reads(stmt) & wanted
            if not reads:
                continue
            places = _operand_places(stmt) if not looped and not isinstance(
                stmt, (ir.Marker, *ir.COMPOUND)) else []
            for name in reads:
                mine = [p for p in places if getattr(p[0], p[1]).id == name]
                if found.get(name, []) is None or len(mine) != _mentions(stmt, name):
                    found[name] = None
                else:
                    found.setdefault(name, []).extend(mine)
    return found


def _operand_places(stmt: gast.stmt) -> list[tuple[gast.AST, str]]:
    places = []
    for node in build.nodes(stmt):
        fields = ("left", "right") if node.__class__ is gast.BinOp else \
            ("operand",) if node.__class__ is gast.UnaryOp else ()
        for field in fields:
            child = getattr(node, field)
            if child.__class__ is gast.Name and child.ctx.__class__ is gast.Load:
                places.append((node, field))
    return places


def _mentions(stmt: gast.stmt, name: str) -> int:
    return sum(1 for n in build.nodes(stmt) if n.__class__ is gast.Name and n.id == name)
