"""A value the tape saves that may share memory with an array changed in place later is taken as a
copy where it is made, so that the tape holds no view of an array the primal goes on changing.

``Z[i] *= x`` in a loop is ``Z_item = Z[i]``, ``Z[i] = Z_item * x``: the adjoint reads ``Z_item``
(the row before the change), and the tape saved the view itself, which showed the right values
only because the adjoint puts the row back (``Z[i] = _tape.pop()``) before reading it.  The
derivative was right, but differentiating it again (``hvp``, ``hessian``, ``grad(grad(f))``) met a
list holding a view of an array changed in place afterwards, and refused.  Taken as a copy
(``_rt.private``) where it is made, the value is the one every read of it sees: the primal may not
read such a view after the change (the aliasing pass refuses it, or checks at run time that they
do not share memory), and the adjoint reads it for the values it had before.  Left alone: a value
that another name changed in place may hold through it (a copy, a view or a list of it, made
after it), whose changes must reach it.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     Z = np.outer(x, x)
    ...     for i in range(2):
    ...         Z[i] *= x
    ...     return np.sum(Z)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        for i in range_2:
            Z_item = _rt.private(Z[i])
    ...
            _tape.append((Z_item, _rt.like(Z_item_times_x)))
    ...
"""

from __future__ import annotations

import gast

from .. import ir, runtime
from ..syntax import build
from .dataflow import blocks, statements, stores
from .dataflow import target as target_of
from .derivative import Derivative


def copy_taped_views(fn: Derivative, saved: set[str]) -> None:
    """Make each of the ``saved`` names that may share memory with an array changed in place
    later a copy where it is bound (see the module docstring)."""
    if not fn.sharing or not saved:
        return
    primal = [s for s in statements(fn.body) if not ir.note(s).adjoint]
    bound: dict[str, list[int]] = {}
    for position, stmt in enumerate(primal):
        for name in stores(stmt):
            bound.setdefault(name, []).append(position)
    changes = _changes(fn)
    for name in sorted(saved):
        places = bound.get(name, [])
        writers = {c for c, older in changes if name in fn.shares(c) and name not in older}
        if len(places) != 1 or not writers or writers & _derived(primal, name):
            continue
        stmt = primal[places[0]]
        if isinstance(stmt, gast.Assign) and target_of(stmt) == name:
            private = f"{fn.machinery.aliases['_rt']}.private"
            stmt.value = build.call(private, stmt.value)
            ir.note(stmt).op = ir.Op(runtime.private, [stmt.value.args[0]], label="a copy")


def _changes(fn: Derivative) -> list[tuple[str, set[str]]]:
    """Each in-place change of the primal: the name changed, and the names surely bound before
    its array was made, earlier in the same pass through its block (``b = np.maximum(a, r)``,
    then ``b[0] = v``: ``a`` cannot hold this pass's array, whatever earlier passes left in it)."""
    from .fresh import made_at  # (what only some functions reach)

    found = []
    for block in blocks([s for s in fn.body if not ir.note(s).adjoint]):
        for stmt in block:
            changed = ir.note(stmt).updates
            if changed is None or isinstance(stmt, ir.COMPOUND):
                continue
            made = made_at(block, stmt, changed)
            found.append((changed, set() if made is None else
                          {n for s in block[:made] if not isinstance(s, ir.COMPOUND)
                           for n in stores(s)}))
    return found


def _derived(primal: list[gast.stmt], name: str) -> set[str]:
    """``name`` and the names that may hold it, or a view of it, or a container holding it
    (through anything but an operation making a fresh value): a change made through one of them
    is a change of ``name``'s array, which a copy of it would no longer see."""
    from .fresh import makes_fresh  # (what only some functions reach)

    found, grew = {name}, True
    while grew:
        grew = False
        for stmt in primal:
            if isinstance(stmt, gast.For):
                reads, made = build.loads(stmt.iter), stores(stmt)
            else:
                op = ir.note(stmt).op
                if op is None or op.key is not None and makes_fresh(op):
                    continue
                reads, made = set(op.operand_names()), stores(stmt) | {ir.note(stmt).updates}
            if reads & found and not made - {None} <= found:
                found |= made - {None}
                grew = True
    return found
