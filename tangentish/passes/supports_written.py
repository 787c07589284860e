'''Forward mode: where the tangent of an array may be non-zero after a statement writes elements
of it (:mod:`.supports_moved`, :func:`.supports_bound.forget_changed`).

``z[i] = v`` puts ``v``'s tangent at ``i`` and leaves the others as they were, so the support
after it is the one before (everywhere, when none is known) with ``v``'s mask at ``i``: a
written element that ``v``'s selection left out (``u = np.where(v > .5, v, 0.0)``, ``z[0] =
u[0]``) has the tangent 0 by structure, and a singular function of it (``np.sqrt``) meets that
0, not ``0 * inf``.  Into zeros (``z = np.zeros(2)``): the elements written and where their
values may vary; overwritten by a constant: False at ``i``; all of it (``z[...] = v``): ``v``'s.

    >>> import numpy as np, tangentish
    >>> def f(v):
    ...     u = np.where(v > 0.5, v, 0.0)
    ...     z = np.sin(v)
    ...     z[0] = u[0]
    ...     return np.sum(np.sqrt(np.abs(z[:1])))
    >>> print(tangentish.jvp(f)(np.array([0.0, 1.1]), v_dot=np.ones(2))[1])
    0.0
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .complex_paths import element_write
from .supports_base import NOWHERE, Seeded, Support, union
from .supports_moved import Moved, tangent_mask


def written_support(sweep: Any, stmt: gast.stmt, changed: str | None) -> Support | None:
    """Forward mode: the support of the tangent of an array ``stmt`` writes elements of
    (``z[0::2] = v``, a write through a view of ``z`` too), where its tangent was 0 by
    structure (``z = np.zeros(2)``, :data:`NOWHERE`) or 0 but at elements written before: those
    elements and the ones written now (``np.sqrt(z)[1]``'s tangent then 0, not ``0 * inf``:
    fuzz seed 4701 program 148).  None otherwise: unknown."""
    op = ir.note(stmt).op
    before = sweep.supports.get(changed) if changed is not None else None
    return _whole(sweep, op, changed) or _zeroed(sweep, op, changed, before) or \
        _indexed(sweep, op, changed, before) or _overwritten(sweep, op, changed, before)


def _indexed(sweep: Any, op: Any, changed: str | None, before: Support | None) -> Support | None:
    """After ``changed[i] = v`` where ``changed``'s tangent was 0 by structure (:data:`NOWHERE`)
    or 0 but at elements written before: those and ``i`` (where ``v``'s mask holds, into zeros)."""
    parts = () if before is None or before is NOWHERE else before.parts or (before,)
    if before is None or not element_write(op) or len(op.args) != 3 or \
            changed in sweep.sequences or any(p.index is None or p.inner is not None for p in parts):
        return None
    index = build.slice_as_expression(build.clone(op.args[1]))
    if before is NOWHERE and (inner := _written_mask(sweep, op.args[2])) is not None:
        return Support(None, index=index, inner=inner)  # (buf[...] = np.where(m, v, buf): m)
    index = Support(None, index=index)
    return index if before is NOWHERE else union(before, index, changed, sweep.machinery.aliases)


def _whole(sweep: Any, op: Any, changed: str | None) -> Support | None:
    """Forward mode: the support of ``changed``'s tangent after ``changed[...] = v`` (or
    ``changed[:] = v``: every element written, how ``np.add.at`` into it is lowered), ``v`` a
    name whose tangent has a support of its own: ``v``'s mask, in ``changed``'s shape.  None for
    anything else."""
    if not element_write(op) or len(op.args) != 3 or changed is None or \
            changed in sweep.sequences or getattr(op.args[0], "id", None) != changed or \
            not isinstance(op.args[2], gast.Name):
        return None
    index = op.args[1]
    if not (isinstance(index, gast.Constant) and index.value is Ellipsis or isinstance(
            index, gast.Slice) and index.lower is index.upper is index.step is None):
        return None
    support = sweep.supports.get(op.args[2].id)
    if support is None or support is NOWHERE or isinstance(support, Seeded):
        return None
    mask = tangent_mask(sweep, op.args[2].id, support)
    if mask is None:
        return None
    if not sweep.shapes.same(op.args[2].id, changed):
        mask = build.call(f"{sweep.machinery.aliases['_rt']}.read_mask", build.name(changed), mask)
    return Moved(mask, of=changed)


def _zeroed(sweep: Any, op: Any, changed: str | None, before: Support | None) -> Support | None:
    """Forward mode: the support of ``changed``'s tangent after ``changed[i] = c``, ``c`` reading
    no value with a tangent (0 by symbol there): the support it had (everywhere, if none is
    known) with False at ``i``, so ``np.sqrt(x)``'s tangent at an element overwritten by 0 is 0,
    not ``0 * inf`` (``r = np.copy(v); r[v < 0] = 0.0; np.sqrt(r)``: NaN in jvp where the
    other modes gave 0; fuzz seed 5541 program 12).  None for anything else."""
    if not element_write(op) or len(op.args) != 3 or \
            changed is None or before is NOWHERE or changed in sweep.sequences or \
            getattr(op.args[0], "id", None) != changed or \
            any(sweep.tangent(name) is not None for name in build.loads(op.args[2])) or \
            build.loads(op.args[1]) & set(sweep.tangents):  # (a name whose tangent is 0 by
        return None  # symbol, ``z[0] = old`` of ``old = z[0]`` read from zeros: 9616/8)
    mask = tangent_mask(sweep, changed, before)
    if mask is None:
        return None
    index = build.slice_as_expression(build.clone(op.args[1]))
    return Support(build.call(f"{sweep.machinery.aliases['_rt']}.set_index", mask, index,
                              build.constant(False)))


def _written_mask(sweep: Any, value: gast.expr) -> gast.expr | None:
    """Where the tangent of ``value`` (a name written into elements of an array whose tangent
    was 0 by structure) may be non-zero, as a mask broadcasting to the elements written: the
    written elements' tangent is 0 off it (``np.copyto(buf, v, where=m)`` into zeros: ``m``,
    where ``np.sqrt(buf)``'s tangent is otherwise ``0 * inf``: fuzz seed 5583 program 22).
    None for a value with no known support, or the caller's seed."""
    support = sweep.supports.get(value.id) if isinstance(value, gast.Name) else None
    if support is None or any(isinstance(p, Seeded) for p in support.parts or (support,)):
        return None
    aliases = sweep.machinery.aliases
    return support.mask(value.id, aliases["np"], aliases["_rt"])


def _overwritten(sweep: Any, op: Any, changed: str | None, before: Support | None
                 ) -> Support | None:
    """After ``changed[i] = v``, ``v`` a name whose tangent has a support of its own: the support
    before (everywhere, if none is known) with ``v``'s mask at ``i``, so an element written from
    what a selection left out keeps its tangent 0 by structure (``z = np.sin(v); z[0] = u[0]``,
    ``u = np.where(v > .5, v, 0.0)``: ``np.sqrt(z[:1])`` at ``v[0] = 0`` was ``0 * inf`` in
    jvp).  Not where the support before reads ``changed`` (its mask would be taken after the
    write) ; None for anything else."""
    if not element_write(op) or len(op.args) != 3 or changed is None or \
            before is NOWHERE or changed in sweep.sequences or \
            getattr(op.args[0], "id", None) != changed or \
            build.loads(op.args[1]) & set(sweep.tangents) or \
            before is not None and not sweep.norm.sharing.get(
                changed, frozenset({changed})).isdisjoint(before.names()):
        return None
    inner = _written_mask(sweep, op.args[2])
    if inner is None and before is not None:  # (a value whose support is unknown: its
        inner = build.constant(True)  # elements may vary, the others keep the support before)
    mask = None if inner is None else tangent_mask(sweep, changed, before)
    if mask is None:
        return None
    index = build.slice_as_expression(build.clone(op.args[1]))
    return Moved(build.call(f"{sweep.machinery.aliases['_rt']}.set_index", mask, index, inner),
                 of=changed)
