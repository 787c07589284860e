"""Forward mode: a tangent's support computed before an array it reads changes in place, where
a name the support reads may have no value yet.

:func:`.support_flow.after_compound` keeps, after an ``if`` or a loop, the support a block left
for a name bound there alone (``P = H / H[:, :1]`` in the ``else`` branch: its tangent's support
reads ``P`` and ``H``).  Read where ``P``'s tangent is read, it is read where ``P`` is bound.  But
a statement that changes ``H`` in place later (``H[:, -2] = 1.0``) computes the supports reading
``H`` into names of their own first (:func:`forget_changed`), on every path: where the branch
did not run, reading ``P`` raised ``UnboundLocalError`` (fuzz seed 5560 program 60; a loop
that ran no iteration, the same).  Such a support (:func:`partly_bound` records it) is computed
into its mask in the block that bound its names instead, so the mask is bound where they are
(``P_mask = ...`` in the ``else`` branch, which :mod:`.common` moves up to the tangent computing
it too), and read where they are.

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
    >>> lines = [line.strip() for line in h.source.splitlines()]
    >>> at = next(k for k, line in enumerate(lines) if line.startswith("P_mask = "))
    >>> for line in lines[at - 1:at + 2]:  # (in the else branch)
    ...     print(line)
    P = H / H_slice
    P_mask = np.logical_or(_rt.reads(P, 1), np.any(_rt.reads(H, 1)[:, :1]))
    P_dot = _rt.divided(P_mask, H_dot - H_slice_dot * P, H_slice)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from .. import ir
from ..syntax import build
from .dataflow import bound_before, defined_name, statements, stores
from .supports_base import Support

EXITS = (gast.Return, gast.Raise, gast.Break, gast.Continue)  # (statements that leave a block)


def partly_bound(sweep: Any, stmt: gast.stmt, block: int, name: str, support: Support,
                 top: set[str]) -> None:
    """Record that ``support``, kept for ``name`` after ``stmt`` from its ``block`` (0: body,
    1: ``orelse``), reads names that block alone binds (``top``), which another path (the other
    branch, no iteration of a loop) leaves unbound: with the block, where a mask of it can be
    computed (None where it ends by leaving: the code after ``stmt`` never reads it)."""
    aliases = sweep.machinery.aliases  # (a support at an index reads ``name`` itself too)
    own, other = (stmt.body, stmt.orelse)[::-1 if block else 1]
    if isinstance(stmt, gast.If) and other and isinstance(other[-1], EXITS) or build.loads(
            support.mask(name, aliases["np"], aliases["_rt"])).isdisjoint(top):
        return  # (the other path leaves: bound wherever the code after it runs)
    sweep.partly[name] = (support, None if own and isinstance(own[-1], EXITS) else own)


def forget_changed(sweep: Any, stmt: gast.stmt, mark: Callable[[gast.stmt], gast.stmt]
                   ) -> list[gast.stmt]:
    """Forward mode, before ``stmt``: the supports of the names it binds go (their new tangents
    have their own, if any); where it changes a name in place (``y[1] = v``), that name's goes
    too, and one whose test reads it (or a view of it) is computed before the change, into a
    name of its own (``u_mask = _rt.fpick_first(y, 0.0) != 0``: the statements returned,
    ``mark`` made derivative code), which it reads then; one reading a name bound on some paths
    only, at the end of the block that bound it (:func:`partly_bound`), where what it reads has
    the values it has here (the support held from there: a name it reads bound or changed in
    between would have dropped or computed it)."""
    from .supports_written import written_support  # (forward mode's only)
    changed = ir.note(stmt).updates
    saved: list[gast.stmt] = []
    aliases = sweep.machinery.aliases
    written = written_support(sweep, stmt, changed)
    own = sweep.supports.get(changed) if changed is not None else None
    if written is None and own is not None and changed not in sweep.partly and \
            changed not in sweep.sequences and changed in own.names():  # (its mask as it is,
        mask = sweep.namer.fresh(f"{changed}_mask")  # first: the write's support reads it then)
        saved.append(mark(build.assign(mask, own.mask(changed, aliases["np"], aliases["_rt"]))))
        sweep.supports[changed] = Support(build.name(mask))
        written = written_support(sweep, stmt, changed)
    for name in stores(stmt) | ({changed} if changed is not None else set()):
        sweep.supports.pop(name, None)
    shared = sweep.norm.sharing.get(changed, frozenset({changed}))  # (a view of it changes too)
    for name, support in list(sweep.supports.items()) if changed is not None else ():
        if shared.isdisjoint(support.names()):  # (.supports_frozen.reads)
            continue
        partly = sweep.partly.get(name, (None,))
        if partly[0] is support and partly[1] is None:
            del sweep.supports[name]  # (bound in a block that leaves: never read from here)
            continue
        mask = sweep.namer.fresh(f"{name}_mask")
        made = mark(build.assign(mask, support.mask(name, aliases["np"], aliases["_rt"])))
        (partly[1] if partly[0] is support else saved).append(made)
        sweep.supports[name] = Support(build.name(mask))
    if written is not None:
        sweep.supports[changed] = written
    return saved


def zeroed_names(sweep: Any, body: list[gast.stmt]) -> set[str]:
    """The active names a statement of ``body`` (a loop's) binds to a value of no active name:
    its tangent 0 by structure (:data:`NOWHERE`) after it.  :func:`.support_flow.carried`
    carries their masks from everywhere (``True``) where not known as the loop starts, so that
    the zero holds after a run that bound them (a helper's parameter, handed no mask, bound to
    ``np.max(b - b)`` in a loop, then ``math.sqrt(max(a, 0.0))``: fuzz seed 5790 program 35)."""
    found: set[str] = set()
    copies = []  # (the joins' copies of one, ``a_3 = a_2``, carry the zero: those names too)
    for inner in statements(body):
        op = ir.note(inner).op if isinstance(inner, gast.Assign) else None
        target = defined_name(inner) if op is not None else None
        if target not in sweep.active or ir.note(inner).placeholder or \
                ir.note(inner).updates is not None:
            continue
        if all(n not in sweep.active for n in op.operand_names()):
            found.add(target)
        elif isinstance(inner.value, gast.Name):
            copies.append((target, inner.value.id))
    while found and (more := {t for t, source in copies if source in found} - found):
        found |= more
    return found


def unsure_lists(sweep: Any, loop: gast.stmt) -> set[str]:
    """The lists and tuples (``sweep.sequences``) that may have no value as ``loop`` starts (not
    parameters, nor bound on every path to it): :func:`.support_flow.carried` carries no mask
    of theirs, since the mask reads the list for its items (``_rt.read_mask(xi, True)`` before
    the loop that binds ``xi``: ``UnboundLocalError`` in a jvp, fuzz seed 5918 program 18)."""
    if not sweep.sequences:
        return set()
    return set(sweep.sequences) - set(sweep.norm.params) - bound_before(sweep.norm.body, loop)
