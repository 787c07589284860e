"""Forward mode: a tangent's support computed before an array it reads changes in place, where
a name the support reads may have no value yet.

:func:`.support_flow.after_compound` keeps, after an ``if`` or a loop, the support a block left
for a name bound there alone (``P = H / H[:, :1]`` in the ``else`` branch: its tangent's support
reads ``P`` and ``H``).  Read where ``P``'s tangent is read, it is read where ``P`` is bound.  But
a statement that changes ``H`` in place later (``H[:, -2] = 1.0``) computes the supports reading
``H`` into names of their own first (:func:`forget_changed`), on every path: where the branch
did not run, reading ``P`` raised ``UnboundLocalError`` (fuzz seed 5560 program 60).  Such a
support (:func:`partly_bound` records it) is computed there only where its block ran: under the
``if``'s test (``P_mask = True if c else <support>``, the test bound once, or a constant, so it
is the test the ``if`` read); otherwise (a loop, which may run no iteration, or a test bound
again) it is forgotten, and the tangents reading it are kept everywhere.

    >>> import numpy as np, tangentish
    >>> def f(v, A, c):
    ...     H = np.array(A)
    ...     H[1] -= v
    ...     if c > 0:
    ...         Z = A
    ...     else:
    ...         P = H / H[:, :1]
    ...         Z = 0.5 * P
    ...     H[:, -2] = 1.0
    ...     return Z[1, 1] * Z[1, 1]
    >>> A = np.array([[0.3, 0.1], [-0.5, -0.2], [1.1, -1.2]])
    >>> h = tangentish.hvp(f)
    >>> for c in (1.0, -1.0):  # (the else branch runs at c = -1 only)
    ...     print(np.round(h(np.array([-1.4, -0.8]), A, c, np.ones(2)), 6) + 0.0)
    [0. 0.]
    [ 0.       -0.205761]
    >>> print(next(line.strip() for line in h.source.splitlines() if "P_mask = " in line))
    P_mask = True if _t1 else np.logical_or(_rt.reads(P, 1), np.any(_rt.reads(H, 1)[:, :1]))
"""

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .dataflow import stores
from .supports_base import Support

EXITS = (gast.Return, gast.Raise, gast.Break, gast.Continue)  # (statements that leave a block)


def partly_bound(sweep: Any, stmt: gast.stmt, block: int, name: str, support: Support,
                 top: set[str]) -> None:
    """Record that ``support``, kept for ``name`` after ``stmt`` from its ``block`` (0: body,
    1: ``orelse``), reads names that block alone binds (``top``), which another path leaves
    unbound: with the test under which they are bound (None where there is none to read)."""
    aliases = sweep.machinery.aliases  # (a support at an index reads ``name`` itself too)
    if build.loads(support.mask(name, aliases["np"], aliases["_rt"])).isdisjoint(top):
        return
    other = (stmt.body, stmt.orelse)[1 - block]
    if isinstance(stmt, gast.If) and other and isinstance(other[-1], EXITS):
        return  # (the other path leaves: bound wherever the code after it runs)
    test = stmt.test if isinstance(stmt, gast.If) and _fixed(sweep, stmt.test) else None
    sweep.partly[name] = (support, test, block == 0)


def forget_changed(sweep: Any, stmt: gast.stmt) -> list[gast.stmt]:
    """Forward mode, before ``stmt``: the supports of the names it binds go (their new tangents
    have their own, if any); where it changes a name in place (``y[1] = v``), that name's goes
    too, and one whose test reads it (or a view of it) is computed before the change, into a
    name of its own (``u_mask = _rt.fpick_first(y, 0.0) != 0``: the statements returned), which
    it reads then; one reading a name bound on some paths only, under the test that bound it
    (:func:`partly_bound`)."""
    from .supports_moved import written_support  # (forward mode's only)
    changed = ir.note(stmt).updates
    written = written_support(sweep, stmt, changed)
    for name in stores(stmt) | ({changed} if changed is not None else set()):
        sweep.supports.pop(name, None)
    saved: list[gast.stmt] = []
    aliases = sweep.machinery.aliases
    shared = sweep.norm.sharing.get(changed, frozenset({changed}))  # (a view of it changes too)
    for name, support in list(sweep.supports.items()) if changed is not None else ():
        if shared.isdisjoint(support.names()):  # (.supports.reads)
            continue
        test = support.mask(name, aliases["np"], aliases["_rt"])
        partly = sweep.partly.get(name)
        if partly is not None and partly[0] is support:
            if partly[1] is None:
                del sweep.supports[name]  # (no test to read: not known from here on)
                continue
            cases = (test, build.constant(True))[::1 if partly[2] else -1]
            test = gast.IfExp(test=build.clone(partly[1]), body=cases[0], orelse=cases[1])
        mask = sweep.namer.fresh(f"{name}_mask")
        saved.append(build.assign(mask, test))
        sweep.supports[name] = Support(build.name(mask))
    if written is not None:
        sweep.supports[changed] = written
    return saved


def _fixed(sweep: Any, test: gast.expr) -> bool:
    """Whether ``test`` reads the same values wherever it is read after the ``if``: constants
    and names bound once (no derivative)."""
    names = build.loads(test)
    return sweep.derivative_names.isdisjoint(names) and all(
        sweep.definitions.get(name, 0) <= 1 for name in names)
