"""Integer-array indices that select no element twice: ``x[np.arange(n), y]``.

``_rt.unindex(g, x, index)``, the adjoint of ``x[index]``, accumulates with ``np.add.at`` where an
integer array may repeat a position, several times slower than an assignment.  An index tuple one
of whose items is a name bound once to ``np.arange(n)`` (distinct positions, rank 1), whose other
items are int literals or names of proven rank 0 or 1 (:mod:`.ranks`), broadcasts to rank 1 and
pairs each value of the ``arange`` with one element of each other item: no position repeats (or
the primal's indexing fails first).  :class:`UniqueIndex` says so to the helper (``unique=True``:
``g`` assigned, not accumulated), in a derivative whose ranks are proven (a specialized one).

    >>> import numpy as np
    >>> import tangentish
    >>> def pick(logp, y):
    ...     return np.sum(logp[np.arange(logp.shape[0]), y])
    >>> derivative = tangentish.grad(pick)
    >>> args = (np.zeros((3, 2)), np.array([1, 0, 1]))
    >>> [line.strip() for line in derivative.source_for(*args).splitlines() if "unindex" in line]
    ['logp_bar = _rt.unindex(1.0, logp, (_t1, y), unique=True)']
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from .dataflow import statements, target


def aranges(body: list[gast.stmt], definitions: dict[str, int]) -> set[str]:
    """The names bound once, to ``np.arange(n)`` (``0, 1, ..., n - 1``: distinct positions; not
    ``np.arange(-2, 2)``, whose -2 and 0 are one position of a length-2 axis)."""
    found = set()
    for stmt in statements(body):
        name, op = target(stmt), ir.note(stmt).op
        if name is not None and op is not None and op.key is np.arange and \
                len(op.args) == 1 and definitions.get(name, 0) == 1 and \
                not op.keywords.keys() - {"dtype"}:
            found.add(name)
    return found


class UniqueIndex:
    """Add ``unique=True`` to ``_rt.unindex(g, x, (a, y))`` where ``a`` is one of ``aranges`` and
    the other items are ints or of proven rank 0 or 1: :meth:`simplify` is asked of each call a
    template instantiates."""

    def __init__(self, aranges: set[str], ranks: dict[str, int], runtime_alias: str):
        self.aranges, self.ranks, self.runtime = aranges, ranks, runtime_alias

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if not (func.__class__ is gast.Attribute and func.attr == "unindex"
                and getattr(func.value, "id", None) == self.runtime and len(node.args) == 3
                and not node.keywords and node.args[2].__class__ is gast.Tuple):
            return node
        items = node.args[2].elts
        if not any(item.__class__ is gast.Name and item.id in self.aranges for item in items):
            return node
        for item in items:
            if item.__class__ is gast.Name:
                if item.id not in self.aranges and self.ranks.get(item.id) not in (0, 1):
                    return node
            elif not (item.__class__ is gast.Constant and type(item.value) is int):
                return node
        return gast.Call(func=func, args=node.args, keywords=[
            gast.keyword(arg="unique", value=gast.Constant(value=True, kind=None))])
