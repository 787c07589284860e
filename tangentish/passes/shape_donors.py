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

A ``t`` read for nothing but its layout (its shape and dtype: those reads, ``_rt.unindex(g, t,
i)``'s and ``_rt.add_at(acc, g, t, i)``'s, and ``t`` in ``u = t[i]`` where ``u`` is such a value
in turn) may also read a value the function computed: a name of ``t``'s shape class bound once,
by a statement of the body's top level before the one binding ``t``, never deleted (so it holds
that value wherever ``t`` is read); of those, the one read last.  A log-softmax read at one
label per row (``logp[np.arange(n), y]``, the mean of the picks) then computes no ``logp``.

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

from .. import ir
from ..syntax import build
from .dataflow import definition_counts, statements, target
from .derivative import Derivative
from .shape_reads import SHAPE_READS
from .spread_facts import Facts
from .walks import Walks

_LENT = {**SHAPE_READS, "unindex": 1, "add_at": 2}  # (shape and dtype read: of a float64
# array or number, its kind too)
_OPAQUE = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Try, gast.With)


def lend_shapes(fn: Derivative, params: set[str], walks: Walks) -> bool:
    """Point each shape read of a value computed in ``fn`` (``t`` in ``_rt.unreduce(g, t)``) at a
    name of its shape and dtype where one is proven; whether any was."""
    if not fn.float64:
        return False
    rt = fn.machinery.aliases["_rt"]
    counts = definition_counts(fn.body)
    donors = [p for p in sorted(params) if counts.get(p, 0) == 0 and p in fn.float64]
    found = _computed(fn, counts, rt, walks)
    only = found[2]
    if not donors and not found[0]:
        return False
    facts = Facts(fn, counts)
    lent: dict[str, str | None] = {}
    changed = False
    for stmt in statements(fn.body):
        for node in walks.nodes(stmt):
            spot = _shape_read(node, rt, SHAPE_READS)
            if spot is None:  # (a layout read, or a subscript's: of a value read for no more)
                spot = _shape_read(node, rt, _LENT) or _sized_base(stmt, node, only)
                if spot is None or spot.id not in only:
                    continue
            name = spot.id
            if name not in lent:
                lent[name] = _donor(name, donors, facts, counts, fn.carried) or \
                    _computed_donor(name, found, facts, counts)
            if lent[name] is not None:
                spot.id = lent[name]
                walks.forget(stmt)
                changed = True
    return changed


def _shape_read(node: gast.AST, rt: str, table: dict[str, int]) -> gast.Name | None:
    """The name ``node`` reads for its shape alone (``t`` of ``_rt.unreduce(g, t)``: a runtime
    call and position of ``table``), if any."""
    if node.__class__ is not gast.Call:
        return None
    func = node.func
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            func.value.id != rt or func.attr not in table:
        return None
    position = table[func.attr]
    read = node.args[position] if len(node.args) > position else None
    return read if read.__class__ is gast.Name and read.ctx.__class__ is gast.Load else None


def _sized_base(stmt: gast.stmt, node: gast.AST, only: set[str]) -> gast.Name | None:
    """``t`` of ``u = t[i]`` where ``t`` and ``u`` are read only for their shapes (then so is
    ``t`` there: ``u``'s shape is the index's and ``t``'s, its dtype ``t``'s)."""
    if node.__class__ is not gast.Subscript or node is not getattr(stmt, "value", None):
        return None
    base, bound = node.value, target(stmt)
    return base if bound in only and base.__class__ is gast.Name and base.id in only else None


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


def _computed(fn: Derivative, counts: dict[str, int], rt: str, walks: Walks
              ) -> tuple[dict[str, int], dict[str, int], set[str], dict[str, int]]:
    """The values ``fn`` computes that may lend their shapes: each float64 name bound once by a
    statement of the body's top level (not in a loop or a branch) and never deleted, with that
    statement's position; the position of the last top-level statement reading each name; the
    names read only for their shapes (:func:`_shape_only`); the position of the top-level
    statement binding each name (first)."""
    bound: dict[str, int] = {}
    lasts: dict[str, int] = {}
    reads: dict[str, list[bool]] = {}
    deleted: set[str] = set()
    home: dict[str, int] = {}
    for position, top in enumerate(fn.body):
        name = target(top)
        if name is not None and counts.get(name) == 1 and name in fn.shaped:
            bound[name] = position
        for stmt in statements([top]):
            if isinstance(stmt, _OPAQUE):
                return {}, {}, set(), {}
            if isinstance(stmt, ir.Marker):
                for read in getattr(stmt, "reads", ()):
                    reads.setdefault(read, []).append(False)
            _sort_loads(stmt, walks.nodes(stmt), rt, reads, deleted)
            for read in walks.reads(stmt):
                lasts[read] = position
            for name in walks.others(stmt):
                home.setdefault(name, position)
    for name in deleted:
        bound.pop(name, None)
    return bound, lasts, _shape_only(reads), home


def _sort_loads(stmt: gast.stmt, nodes: list[gast.AST], rt: str, reads: dict[str, list],
                deleted: set[str]) -> None:
    """Add to ``reads`` what each name ``nodes`` read is read for: True for its shape (a
    :data:`_LENT` position of a runtime call), ``u`` as the ``t`` of ``u = t[i]``, else False."""
    spots = (_shape_read(node, rt, _LENT) for node in nodes)
    shaped = {id(spot) for spot in spots if spot is not None}
    bound, value = target(stmt), getattr(stmt, "value", None)
    base = value.value if bound is not None and value.__class__ is gast.Subscript else None
    for node in nodes:
        if node.__class__ is not gast.Name:
            continue
        ctx = node.ctx.__class__
        if ctx is gast.Del:
            deleted.add(node.id)
        elif ctx is gast.Load:
            entry = True if id(node) in shaped else bound if node is base else False
            reads.setdefault(node.id, []).append(entry)
        elif stmt.__class__ is gast.AugAssign and node is stmt.target:
            reads.setdefault(node.id, []).append(False)


def _shape_only(reads: dict[str, list]) -> set[str]:
    """The names every read of which is for the shape (True), or as ``t`` of ``u = t[i]`` where
    ``u`` is such a name in turn."""
    only = {name for name, entries in reads.items() if False not in entries}
    while True:
        kept = {name for name in only
                if all(entry is True or entry in only for entry in reads[name])}
        if kept == only:
            return only
        only = kept


def _computed_donor(name: str, found: tuple, facts: Facts, counts: dict[str, int]) -> str | None:
    """A value bound before ``name`` (at the top level) proven of its shape and dtype, for a
    ``name`` read only for its shape: the one read last (likely alive there anyway)."""
    bound, lasts, only, home = found
    if name not in only or counts.get(name) != 1 or name not in home:
        return None
    like = build.name(name)
    for donor in sorted((d for d, at in bound.items() if at < home[name] and d not in only),
                        key=lambda d: (-lasts.get(d, -1), bound[d])):
        if facts.alike(build.name(donor), like):
            return donor
    return None
