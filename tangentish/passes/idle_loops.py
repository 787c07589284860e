"""Loops left with nothing to do once the tape is made, removed, and zeroing nothing reads.

The reverse pass keeps each loop of the adjoint sweep for the values its iteration restores, and
each loop of the primal sweep for the values it pushes; once :mod:`.tape` has made the tape, a
restore or a push that turned out to save nothing leaves an empty loop.  An adjoint loop or
branch that holds nothing else goes; so does a primal loop over a ``range`` whose variable is
read nowhere but in a loop that binds it again (the adjoint's): a ``grad`` that reads what the
loop computes for its shape alone (:mod:`.shape_donors`) does not run it.  The adjoint of
``lap[1:-1] = v`` zeroes that part of ``lap_bar`` (``lap_bar = _rt.zero_index(lap_bar, i)``),
which a loop making ``lap`` anew each step never reads: the dead-code removal keeps it because
it marks names, not values (``lap_bar`` is read elsewhere), so here liveness decides.

    >>> import numpy as np
    >>> import tangentish
    >>> def horner(c, x):
    ...     y = np.zeros_like(x)
    ...     for k in range(c.shape[0]):
    ...         y = y * x + c[k]
    ...     return np.sum(y)
    >>> df, c, x = tangentish.grad(horner), np.ones(3), np.linspace(0.0, 1.0, 4)
    >>> _ = df(c, x)  # (the first call runs the generic derivative)
    >>> for line in df.source_for(c, x).splitlines()[2:]:  # (no primal loop)
    ...     print(line)
        c_shape = c.shape
        c_shape0 = c_shape[0]
        range_c_shape0 = range(c_shape0)
        # adjoint of: return np.sum(y)  [<doctest ...>:5]
        y_1_bar = _rt.unreduce(1.0, x)
        c_bar = np.zeros_like(c)
        # adjoint of: for k in range(c.shape[0]):  [<doctest ...>:3]
        for k in reversed(range_c_shape0):
            # adjoint of: y = y * x + c[k]  [<doctest ...>:4]
            c_bar[k] = np.sum(y_1_bar, axis=0)
            y_1_bar = y_1_bar * x
        return c_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.tree_walk import walk
from .dataflow import blocks, drop_empty, header_loads, live_after, statements, target
from .derivative import Derivative
from .item_resets import merge_item_resets


def drop_idle_loops(fn: Derivative) -> None:
    """Remove adjoint loops and branches whose only work was a restore that turned out unneeded,
    and primal loops over a ``range`` whose only work was a push that saved nothing, where the
    loop's variable is not read after it (see the module docstring); and, first, the adjoint's
    zeroing of a part of an adjoint that nothing reads afterwards (``lap_bar =
    _rt.zero_index(lap_bar, i)`` at the end of a loop's step, before the next binds it anew)."""
    _drop_unread_zeroing(fn)
    merge_item_resets(fn.body, fn.machinery.aliases["_rt"])  # (see item_resets.py)
    kept: list[gast.stmt] = []
    for stmt in fn.body:
        alone = [stmt]
        if isinstance(stmt, ir.COMPOUND) and ir.note(stmt).adjoint:
            drop_empty(alone)
        kept.extend(alone)
    fn.body[:] = kept
    idle = [s for s in fn.body if s.__class__ is gast.For and not ir.note(s).adjoint and
            all(isinstance(inner, (ir.Comment, gast.Pass)) for inner in s.body) and not s.orelse
            and s.target.__class__ is gast.Name and s.iter.__class__ is gast.Name]
    if idle:
        ranges = {target(s) for s in fn.body if s.__class__ is gast.Assign and
                  ir.note(s).op is not None and ir.note(s).op.key is range}
        gone = {id(s) for s in idle if s.iter.id in ranges and not _read_outside(fn.body, s)}
        fn.body[:] = [s for s in fn.body if id(s) not in gone]


def _read_outside(body: list[gast.stmt], loop: gast.For) -> bool:
    """Whether the function may read ``loop``'s variable other than inside a ``for`` binding it
    (the adjoint loop, which binds it again)."""
    name = loop.target.id
    for stmt in body:
        if stmt.__class__ is gast.For and stmt.target.__class__ is gast.Name and \
                stmt.target.id == name:
            if name in header_loads(stmt):
                return True
            continue
        if any(n.__class__ is gast.Name and n.id == name and n.ctx.__class__ is gast.Load
               for n in walk(stmt)):
            return True
    return False


def _drop_unread_zeroing(fn: Derivative) -> None:
    """Remove ``n = _rt.zero_index(n, i)`` where ``n``'s new value may be read by nothing (the
    helper changes no other name's array: it writes in place only into an array nothing else
    refers to, else into a copy)."""
    rt = fn.machinery.aliases["_rt"]
    found = [s for s in statements(fn.body) if ir.note(s).adjoint and _zeroing(s, rt)]
    if not found:
        return
    live = live_after(fn.body, {id(s) for s in found})
    gone = {id(s) for s in found if s.targets[0].id not in live[id(s)]}
    kept = [s for s in found if id(s) not in gone]
    if kept:  # (read again, but only other steps' items: see counted_zeroing.py)
        from .counted_zeroing import unread_counted
        from .owned_facts import parameters
        gone |= unread_counted(fn.body, kept, set(parameters(fn)))
    for block in blocks(fn.body):
        if any(id(s) in gone for s in block):
            block[:] = [s for s in block if id(s) not in gone] or [gast.Pass()]


def _zeroing(stmt: gast.stmt, rt: str) -> bool:
    """``n = _rt.zero_index(n, index)`` with an index of names, numbers and slices of them."""
    value = getattr(stmt, "value", None)
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name or value.__class__ is not gast.Call:
        return False
    func = value.func
    return func.__class__ is gast.Attribute and func.attr == "zero_index" and \
        func.value.__class__ is gast.Name and func.value.id == rt and len(value.args) == 2 and \
        not value.keywords and value.args[0].__class__ is gast.Name and \
        value.args[0].id == stmt.targets[0].id and all(
            n.__class__ in _INDEX_PARTS or n.__class__ is gast.Call and
            n.func.__class__ is gast.Name and n.func.id == "slice" for n in walk(value.args[1]))


_INDEX_PARTS = (gast.Name, gast.Constant, gast.Slice, gast.Tuple, gast.Load, gast.UnaryOp,
                gast.USub)
