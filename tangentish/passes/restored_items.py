"""An adjoint's item read, zeroed and added back unchanged: left as it was.

The adjoint of ``acc[k] += v`` (``acc[k] = acc[k] + v``: an item read, then written) reads the
item's adjoint, zeroes it (the write's adjoint) and adds back what the read receives, which is
what was read:

    g = acc_bar[1]
    acc_bar[1] = 0.0          # the write's adjoint
    v_bar = 2 * (g * v)
    acc_bar[1] += g           # the read's adjoint

Where both updates are :mod:`.owned`'s (adjoint code writing in place into an array it proved
the derivative's own, of a floating dtype; the item read before the zero is a number, not a view,
or the zero would not be in place) and no statement between them mentions the array or binds
``g`` or a name of the index, the item ends as it began: ``0.0 + g`` is ``g`` (only a zero's sign
may differ: ``-0.0`` stays ``-0.0`` instead of becoming ``0.0``).  Both updates go: two NumPy item
writes per loop step of a list accumulated in a loop (``acc = [0.0, 0.0]; for ...: acc[0] +=
v``).

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def f(v, acc_bar):\\n"
    ...                   "    g = acc_bar[1]\\n"
    ...                   "    acc_bar[1] = 0.0\\n"
    ...                   "    v_bar = 2 * (g * v)\\n"
    ...                   "    acc_bar[1] += g\\n"
    ...                   "    return v_bar\\n").body[0]
    >>> for stmt in tree.body[1], tree.body[3]:  # (as owned.py marks its updates)
    ...     ir.note(stmt).updates, ir.note(stmt).adjoint = "acc_bar", True
    >>> keep_restored_items(tree.body)
    >>> print(function_text(tree), end="")
    def f(v, acc_bar):
        g = acc_bar[1]
        v_bar = 2 * (g * v)
        return v_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.build import node_list
from .dataflow import blocks


def keep_restored_items(body: list[gast.stmt]) -> None:
    """Drop, in every block of ``body``, each zeroing of an item and the addition that puts back
    what was read before it (see above)."""
    for block in blocks(body):
        dropped: set[int] = set()
        for i in range(1, len(block)):
            add = _restoring(block, i)
            if add is not None:
                dropped |= {id(block[i]), id(add)}
        if dropped:
            block[:] = [s for s in block if id(s) not in dropped]


def _restoring(block: list[gast.stmt], i: int) -> gast.stmt | None:
    """The ``a[k] += g`` of ``block`` that restores the item ``block[i]`` (``a[k] = 0.0``)
    zeroes just after ``g = a[k]``; None if there is none."""
    zero, read = block[i], block[i - 1]
    item = _item(zero)
    if item is None or zero.__class__ is not gast.Assign or \
            not _zero(zero.value) or _read_into(read, item) is None:
        return None
    array, index = item
    held = _read_into(read, item)
    fixed = {held} | {n.id for n in node_list(index) if n.__class__ is gast.Name}
    for stmt in block[i + 1:]:
        if stmt.__class__ is gast.AugAssign and stmt.op.__class__ is gast.Add and \
                _item(stmt) is not None and _same(_item(stmt), item) and \
                stmt.value.__class__ is gast.Name and stmt.value.id == held:
            return stmt
        for node in node_list(stmt):
            if node.__class__ is gast.Name and (node.id == array or (
                    node.id in fixed and node.ctx.__class__ is not gast.Load)):
                return None
    return None


def _item(stmt: gast.stmt) -> tuple[str, gast.expr] | None:
    """``(a, k)`` for an in-place update of :mod:`.owned`'s, ``a[k] = ...`` or ``a[k] += ...``,
    whose index is ints and names (no slice: the item is a number)."""
    target = stmt.targets[0] if stmt.__class__ is gast.Assign and len(stmt.targets) == 1 else \
        getattr(stmt, "target", None)
    if target.__class__ is not gast.Subscript or target.value.__class__ is not gast.Name:
        return None
    array, note = target.value.id, ir.note(stmt)
    if note.updates != array or not note.adjoint or not _plain_index(target.slice):
        return None  # (an update of the primal's, normalize's: its array may be the caller's)
    return array, target.slice


def _plain_index(index: gast.expr) -> bool:
    parts = index.elts if index.__class__ is gast.Tuple else [index]
    return all(p.__class__ is gast.Name or (p.__class__ is gast.Constant and
                                             type(p.value) is int) for p in parts)


def _zero(value: gast.expr) -> bool:
    return value.__class__ is gast.Constant and type(value.value) is float and value.value == 0.0


def _read_into(stmt: gast.stmt, item: tuple[str, gast.expr]) -> str | None:
    """``g`` for ``g = a[k]`` reading ``item``."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name:
        return None
    value = stmt.value
    if value.__class__ is not gast.Subscript or value.value.__class__ is not gast.Name or \
            not _same((value.value.id, value.slice), item):
        return None
    return stmt.targets[0].id


def _same(one: tuple[str, gast.expr], other: tuple[str, gast.expr]) -> bool:
    return one[0] == other[0] and gast.dump(one[1]) == gast.dump(other[1])
