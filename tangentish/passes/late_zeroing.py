"""A zeroing moved after the reads of what it zeroes, so :mod:`.owned` can write it in place.

The adjoint of ``y[0] = z[2]`` reads ``y_bar[0]`` (``z2_bar``, a view where ``y`` is a matrix), zeroes
it (``y_bar = _rt.zero_index(y_bar, 0)``), then adds ``z2_bar`` into ``z_bar[2]``.  Written in place,
the zeroing would change ``z2_bar`` before that addition reads it, so :mod:`.owned` keeps the helper
(which copies ``y_bar`` while a view of it is alive).  Moved after the addition, the zeroing meets no
view alive and :mod:`.owned` writes ``y_bar[0] = 0.0``.  This module finds where to move it:
right after the last statement of its block that reads a name holding the array (the *holders*),
where none of them is live any more.  The move keeps every value, as each statement moved over:

- is a plain assignment (``=``, ``+=``) with no call (a call may change its arguments), in the same
  block, and mentions neither the zeroed name nor a name the zeroing reads (its index);
- changes in place (``a[k] = v``, ``a += v``) only a name that holds none of the array's objects
  before the zeroing (:mod:`.points_to`), is not a holder, and is not bound again on the way;
- binds a name from a holder (``w = z2_bar``): that name becomes a holder too.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     y = np.sin(x)
    ...     z = np.tanh(x)
    ...     y[0] = z[1]
    ...     return np.sum(y * z)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        # adjoint of: y[0] = z[1]  [<doctest ...>:4]
        z1_bar = _rt.unbroadcast(y_bar[0], z1)
        z_bar[1] += z1_bar
        y_bar[0] = 0.0
    ...
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from ..syntax.tree_walk import walk
from .dataflow import blocks, header_loads, live_after, stores
from .walks import Walks


def move_zeroings(body: list[gast.stmt],
                  moves: list[tuple[gast.stmt, set[str], Callable[[str], bool]]],
                  updates: set[int], walks: Walks | None = None) -> bool:
    """Move each zeroing of ``moves`` (the statement, its holders, its ``apart``: see
    :func:`later`) where :func:`later` says; whether one moved.  ``walks``: what statements read."""
    moved = False
    for stmt, holders, apart in moves:
        block = next(b for b in blocks(body) if any(s is stmt for s in b))
        at = next(i for i, s in enumerate(block) if s is stmt)
        live = live_after(body, {id(s) for s in block[at + 1:]},
                          header_loads if walks is None else walks.reads)
        place = later(block, at, holders, lambda s, live=live: live[id(s)], apart, updates)
        if place is not None:
            block.insert(place, block.pop(at))  # (after block[place], which moved up one)
            moved = True
    return moved


def later(block: list[gast.stmt], at: int, holders: set[str],
          live_after: Callable[[gast.stmt], set[str]],
          apart: Callable[[str], bool], updates: set[int] | frozenset[int] = frozenset()) -> int | None:
    """Where in ``block`` the zeroing ``block[at]`` (``n = _rt.zero_index(n, i)``) may go so that
    none of ``holders`` is live after it: the index of the statement it goes after, or None.
    ``live_after(stmt)``: the names live after ``stmt``; ``apart(name)``: ``name`` holds none of
    ``n``'s objects before the zeroing; ``updates``: the ids of statements ``m = _rt.add_at(m, g,
    x, i)`` (and the other helpers of :mod:`.owned`), which change ``m``'s array alone and keep
    none of their other arguments (as :mod:`.points_to` takes them)."""
    zeroing = block[at]
    kept = {node.id for node in walk(zeroing.targets[0]) if node.__class__ is gast.Name} | {
        node.id for arg in zeroing.value.args for node in walk(arg) if node.__class__ is gast.Name}
    holders, rebound = set(holders), set()
    for place in range(at + 1, len(block)):
        stmt = block[place]
        update = id(stmt) in updates  # (z_bar = _rt.add_at(z_bar, g, z, 2): into z_bar alone)
        if stmt.__class__ not in (gast.Assign, gast.AugAssign) or not update and \
                any(node.__class__ is gast.Call for node in walk(stmt)):
            return None
        names = {node.id for node in walk(stmt) if node.__class__ is gast.Name}
        if names & kept:
            return None
        for changed in stores(stmt) if update else _changed_in_place(stmt):
            if changed in holders or changed in rebound or not apart(changed):
                return None
        bound = stores(stmt)
        if names & holders and not update:
            holders |= bound  # (w = z2_bar: w holds the array too)
        else:
            holders -= bound
        rebound |= bound
        if not holders & live_after(stmt):
            return place
    return None


def _changed_in_place(stmt: gast.stmt) -> list[str]:
    """The names whose objects ``stmt`` writes into: ``a[k] = v``, ``a.f = v``, ``a += v``."""
    targets = stmt.targets if stmt.__class__ is gast.Assign else [stmt.target]
    changed = []
    for place in targets:
        if stmt.__class__ is gast.AugAssign and place.__class__ is gast.Name:
            changed.append(place.id)
        while place.__class__ in (gast.Subscript, gast.Attribute):
            place = place.value
            if place.__class__ is gast.Name:
                changed.append(place.id)
        if place.__class__ in (gast.Tuple, gast.List):
            changed += [n for e in place.elts for n in _changed_in_place(gast.Assign(
                targets=[e], value=None))]
    return changed
