"""Loop-carried values the tape need not keep twice.

A loop-carried variable is read through the iteration's own copy (``h_2 = h_1`` at the top of the
body, see :mod:`flow`) and handed on at the end (``h_1 = h_3``): the value ``h_3`` one iteration
computes *is* the next iteration's ``h_2`` (the same object), and after the last iteration it is
``h_1``.  When the adjoint reads both, the tape keeps ``h_2`` only; the adjoint loop starts with
``h_3 = h_1`` and ends each iteration with ``h_3 = h_2``, so every reverse iteration sees the
``h_3`` of its own primal iteration.  Only for loops without ``break`` whose body binds the
carried name once, at its top level, and its entry copy once (an entry copy rebound later in the
body, in a nested loop or a branch, no longer holds the iteration's value).  The copies of one
loop are one parallel assignment written out one by one: where one value hands on another's entry
copy (``x0, x1 = x1, ...`` hands ``x0`` on as ``x1_2``), the copy reading a name runs before the
copy overwriting it, and values handed round in a cycle (a swap) stay on the tape.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(h, w):
    ...     for t in range(3):
    ...         h = np.tanh(h * w)
    ...     return np.sum(h)
    >>> print(tangentish.grad(f, wrt=1).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_w(h, w, *, out_bar=1.0):
    ...
        for t in range_3:
            h_2 = h
            h = np.tanh(h_2 * w)
            _tape.append(h_2)
    ...
        for t in reversed(range_3):
            h_2 = _tape.pop()
            # adjoint of: h = np.tanh(h * w)  [...]
            h_2_times_w_bar = h_1_bar * (1.0 - h * h)
            h_1_bar = _rt.unbroadcast(h_2_times_w_bar * w, h_2)
            w_bar = w_bar + _rt.unbroadcast(h_2_times_w_bar * h_2, w)
            h = h_2
        return w_bar

(:mod:`.versions` then spells ``h_1`` and ``h_3``, whose lives do not overlap, as the parameter
``h``: the copies ``h_1 = h``, ``h_1 = h_3`` and ``h_3 = h_1`` go.)
"""

from __future__ import annotations

from typing import NamedTuple

import gast

from .. import ir
from ..syntax import build
from .dataflow import LOOPS, statements, stores, target


class Carried(NamedTuple):
    entry: str  # the iteration's own copy of the carried value (``h_2``)
    variable: str  # the loop-carried name (``h_1``)
    out: str  # what the iteration hands on (``h_3``)


def carried(loop: gast.stmt, saved: list[str]) -> list[Carried]:
    """The carried values of ``loop`` whose entry copy and handed-on value are both in ``saved``."""
    body = loop.body
    if any(isinstance(s, gast.Break) for s in statements(body)):
        return []
    binds: dict[str, int] = {}
    for stmt in statements(body):
        for name in stores(stmt):
            binds[name] = binds.get(name, 0) + 1
    found = []
    for index, stmt in enumerate(body):
        variable, out = target(stmt), _copied(stmt)
        if variable is None or out is None or binds.get(variable) != 1 or \
                binds.get(out) != 1 or out not in saved:
            continue
        entries = [target(s) for s in body[:index] if _copied(s) == variable]
        if len(entries) == 1 and binds.get(entries[0]) == 1 and entries[0] in saved and \
                _defined_before(body, out, index):  # (an entry rebound later holds another)
            found.append(Carried(entries[0], variable, out))
    ends, starts = _ordered(found, "entry"), _ordered(found, "variable")
    return [pair for pair in found if pair in ends and pair in starts]


def _ordered(pairs: list[Carried], source: str) -> list[Carried]:
    """The copies ``pair.out = pair.<source>`` that ``share`` writes one after another for what
    is one parallel assignment, in an order where each runs after every copy that reads the name
    it overwrites (``x0, x1 = x1, x1 - dx`` hands ``x0`` on as ``x1``'s entry copy: that copy is
    read first).  Copies in a cycle, or waiting on one, are left out."""
    waiting, done = list(pairs), []
    while waiting:
        ready = [p for p in waiting
                 if not any(getattr(q, source) == p.out for q in waiting if q is not p)]
        if not ready:
            break
        done += ready
        waiting = [p for p in waiting if p not in ready]
    return done


def entry_copies(body: list[gast.stmt]) -> dict[str, str]:
    """``{h_1: h_2}`` for each iteration's own copy ``h_2 = h_1`` at the top of a loop's ``body``
    (before any statement binding ``h_1`` or any compound one; ``h_2`` bound once in the body):
    the name holding, all through the iteration, the value ``h_1`` had as it started."""
    binds: dict[str, int] = {}
    for stmt in statements(body):
        for name in stores(stmt):
            binds[name] = binds.get(name, 0) + 1
    found: dict[str, str] = {}
    bound: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ir.COMPOUND):
            break
        variable, entry = _copied(stmt), target(stmt)
        if variable is not None and variable not in bound and binds.get(entry) == 1:
            found.setdefault(variable, entry)
        bound |= stores(stmt)
    return found


def _copied(stmt: gast.stmt) -> str | None:
    """``b`` for a plain copy ``a = b``."""
    if target(stmt) is not None and isinstance(stmt.value, gast.Name):
        return stmt.value.id
    return None


def _defined_before(body: list[gast.stmt], name: str, index: int) -> bool:
    return any(name in stores(s) for s in body[:index] if not isinstance(s, ir.COMPOUND))


def share(path: list, pairs: list[Carried]) -> bool:
    """Rewrite the adjoint of one loop for ``pairs`` (see the module docstring); ``path`` is the
    (statement list, index) chain down to the pop marker that starts its body.  Returns whether
    it could (the marker is directly in the adjoint loop's body)."""
    if len(path) < 2:
        return False
    loop_list, loop_index = path[-2]
    adjoint_loop, (body, _) = loop_list[loop_index], path[-1]
    if not isinstance(adjoint_loop, LOOPS) or body is not adjoint_loop.body:
        return False
    owner = ir.note(body[path[-1][1]]).owner
    starts = [_copy(pair.out, pair.variable, ir.note(adjoint_loop).owner)
              for pair in _ordered(pairs, "variable")]
    loop_list[loop_index:loop_index] = starts
    body.extend(_copy(pair.out, pair.entry, owner) for pair in _ordered(pairs, "entry"))
    return True


def _copy(name: str, source: str, owner: int | None) -> gast.Assign:
    stmt = build.assign(name, build.name(source))
    ir.note(stmt).adjoint = True
    ir.note(stmt).owner = owner
    return stmt
