"""The pieces of a join's adjoint (:mod:`.supports_made`): ``_rt.unjoin(g, ...)`` cuts ``g`` into
one piece per array joined, each 0 where ``g`` is there, and a complex join's adjoint takes each
piece onto its array (``_rt.onto(_rt.unjoin(g, ...), [a, b])``: its real part where ``b`` is
real), which keeps those zeros (``np.concatenate([np.exp(1j * v), np.sqrt(v * v) + 0j])[1]``
left sqrt's partial at 0 meeting an unread 0 as ``0 * inf``):

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.concatenate(([np.exp(1j * x)], [np.sqrt(x) + 0j]))[0].real
    >>> lines = tangentish.grad(f).source.splitlines()
    >>> print(next(line.strip() for line in lines if "_mask =" in line))
    _t2_mask = _rt.unjoin(_rt.reads(concatenate, 0), ([exp_t1], [_t2]), 'concatenate', 0)[1][0]
    >>> float(tangentish.grad(f)(0.0))
    0.0
"""

from __future__ import annotations

import gast

from .supports_base import calls


def cut_piece(value: gast.expr, block: list[gast.stmt],
              adjoint: str | None) -> tuple[gast.Call | None, list[gast.expr]]:
    """The ``_rt.unjoin(g, ...)`` that ``value`` (``pieces_bar[k]``, ``k`` a constant) reads a
    piece of, bound in ``block`` (or ``value`` itself: ``_rt.unjoin(g, (c, 1.0), ...)[0]``, of
    ``np.append(c, 1.0)``), and the indexes ``value`` takes: an item of a piece too, ``[0][0]`` of
    ``np.concatenate(([c], v))`` (unsupported, it left sqrt's NaN at an unread 0: 7732/4 varied)."""
    items: list[gast.expr] = []
    while isinstance(value, gast.Subscript) and isinstance(value.slice, gast.Constant):
        items, value = [value.slice, *items], value.value
    name = getattr(value, "id", None) if isinstance(value, gast.Name) else None
    for call in [value] if name is None else [stmt.value for stmt in block if isinstance(
            stmt, gast.Assign) and len(stmt.targets) == 1 and getattr(stmt.targets[0], "id", None) == name]:
        call = off_onto(call)  # (a complex join's: each piece onto its array, zeros kept)
        if adjoint is not None and items and calls(call, "unjoin") and call.args and \
                getattr(call.args[0], "id", None) == adjoint:
            return call, items
    return None, []


def unjoined(value: gast.expr, adjoint: str | None) -> bool:
    """Whether ``value`` is ``_rt.unjoin(g, x, ...)``: the adjoint ``g`` of a join of the
    elements or rows of one array ``x`` (``np.hstack(x)``), cut back to ``x``'s shape, or of
    the items of a list or tuple ``x`` (``np.column_stack(parts)``), cut into one piece per item
    (the list's mask, :func:`~tangentish.runtime.item_masks.mask_of`, takes piece ``k`` as item
    ``k``'s: ``np.any`` of ``g``'s mask marked every element of every item read, and a zero
    adjoint times an infinite partial at an element the join's reader never reads gave NaN;
    fuzz seed 5354 program 71)."""
    value = off_onto(value)
    return adjoint is not None and calls(value, "unjoin") and len(value.args) >= 2 and \
        getattr(value.args[0], "id", None) == adjoint and isinstance(value.args[1], gast.Name)


def off_onto(value: gast.expr) -> gast.expr:
    """``e`` of ``_rt.onto(e, like)`` (0 where ``e`` is: a complex join's pieces); else ``value``."""
    return value.args[0] if calls(value, "onto") and len(value.args) == 2 else value
