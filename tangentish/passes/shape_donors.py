"""Values computed only for their shape: read a parameter of that shape instead.

In a derivative specialized to float64 arguments, the adjoint of ``np.sum(t)`` is
``_rt.unreduce(g, t)``, which reads ``t`` for its shape and dtype alone (as ``_rt.unbroadcast(g,
t)``, its view and ``_rt.reduced_size(t)`` do, :data:`.shape_reads.SHAPE_READS`).
A ``grad`` that computes ``t`` only for that read computes the primal value it never uses.  Where a
parameter ``x`` is proven a float64 value of ``t``'s very shape (:meth:`.spread_facts.Facts.alike`:
one shape class, or one size-one pattern with ``t`` made from ``x`` by elementwise steps), the read
takes ``x`` instead, and dead-code removal drops ``t`` and whatever only it read.  A parameter never
bound again keeps its shape on every path (writes into its items change no shape), so the read
may be anywhere.

    >>> import numpy as np
    >>> import tangentish
    >>> def loss(w, x):
    ...     return np.sum(np.where(x > w, (x - w) ** 2, 0.0))
    >>> df = tangentish.grad(loss)
    >>> w, x = np.zeros(3), np.ones(3)
    >>> df(w, x)  # (the first call runs the generic derivative)
    array([-2., -2., -2.])
    >>> for line in df.source_for(w, x).splitlines()[2:]:  # (the where is not computed)
    ...     print(line)
        _t1 = x > w
        x_minus_w = x - w
        # adjoint of: return np.sum(np.where(x > w, (x - w) ** 2, 0.0))  [<doctest ...>:2]
        w_bar = -(np.where(_t1, _rt.unreduce(1.0, w), 0.0) * 2 * x_minus_w)
        return w_bar
"""

from __future__ import annotations

import gast

from .dataflow import definition_counts, statements
from .derivative import Derivative
from .shape_reads import SHAPE_READS
from .spread_facts import Facts
from .walks import Walks


def lend_shapes(fn: Derivative, params: set[str], walks: Walks) -> bool:
    """Point each shape read of a value computed in ``fn`` (``t`` in ``_rt.unreduce(g, t)``) at a
    parameter of its shape and dtype where one is proven; whether any was."""
    if not fn.float64:
        return False
    rt = fn.machinery.aliases["_rt"]
    counts = definition_counts(fn.body)
    donors = [p for p in sorted(params) if counts.get(p, 0) == 0 and p in fn.float64]
    if not donors:
        return False
    facts = Facts(fn, counts)
    lent: dict[str, str | None] = {}
    changed = False
    for stmt in statements(fn.body):
        for node in walks.nodes(stmt):
            spot = _shape_read(node, rt)
            if spot is None:
                continue
            name = spot.id
            if name not in lent:
                lent[name] = _donor(name, donors, facts, counts, fn.carried)
            if lent[name] is not None:
                spot.id = lent[name]
                walks.forget(stmt)
                changed = True
    return changed


def _shape_read(node: gast.AST, rt: str) -> gast.Name | None:
    """The name ``node`` reads for its shape alone (``t`` of ``_rt.unreduce(g, t)``), if any."""
    if node.__class__ is not gast.Call:
        return None
    func = node.func
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            func.value.id != rt or func.attr not in SHAPE_READS:
        return None
    position = SHAPE_READS[func.attr]
    read = node.args[position] if len(node.args) > position else None
    return read if read.__class__ is gast.Name and read.ctx.__class__ is gast.Load else None


def _donor(name: str, donors: list[str], facts: Facts, counts: dict[str, int],
           carried: frozenset[str]) -> str | None:
    """A parameter proven of ``name``'s shape and dtype (``name`` bound once, or carried around
    a loop with every value proven of one shape class), if any."""
    if counts.get(name, 0) != 1 and name not in carried or name in donors:
        return None
    like = gast.Name(id=name, ctx=gast.Load(), annotation=None, type_comment=None)
    for donor in donors:
        if facts.alike(gast.Name(id=donor, ctx=gast.Load(), annotation=None, type_comment=None),
                       like):
            return donor
    return None
