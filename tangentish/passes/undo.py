"""Undoing an in-place update in the adjoint sweep: whether it must be undone, and the code that
saves the overwritten part in the primal and puts it back in the adjoint (:mod:`tape` places it).

An update is undone only when adjoint code running after its restore point reads what it
overwrote.  For an array made fresh in the same pass through its block (:func:`fresh.made_at`),
only that pass's remaining adjoint can (see :func:`_read_in_its_pass`); when it reads only the
changed name itself, or views of it by constant indices, the values are put back into a copy
(``x = x.copy()``, ``x[i] = saved``, then ``v = x[1:]`` again), which leaves the primal's array
alone, so a gradient whose tape holds that array can be differentiated again:

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     s = 0.0
    ...     for row in x:
    ...         b = np.sin(row)
    ...         t = b * row
    ...         b[0] = 2.0 * b[1]
    ...         s = s + np.sum(t) + np.sum(b * b)
    ...     return s
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
            b = b.copy()
            b[0] = _tape.pop()
    ...
"""

from __future__ import annotations

import copy
import operator
from collections import Counter

import gast

from .. import ir
from ..syntax import build
from .dataflow import LOOPS, path_to, statements, stores
from .dataflow import target as target_of
from .derivative import Derivative
from .fresh import made_outside, new_list
from .shape_reads import value_reads


def undo_pair(fn: Derivative, tape: str, stmt: gast.stmt, into_copy: bool = False,
              views: list[gast.stmt] | None = None) -> tuple[list, list]:
    """What saves and restores the part of a variable an in-place update overwrites (for
    ``x[i] = v`` with ``into_copy``, the restore puts it back into a copy of ``x`` and makes
    ``views`` of it again)."""
    variable = ir.note(stmt).updates
    if isinstance(stmt, gast.Assign):  # x[i] = v: save x[i] before, put it back after
        index = stmt.targets[0].slice
        part = build.subscript(build.name(variable), copy.deepcopy(index))
        saved = build.call(f"{fn.machinery.aliases['np']}.copy", part)
        put_back = build.assign(build.subscript(build.name(variable), copy.deepcopy(index),
                                                store=True),
                                build.call(build.attribute(build.name(tape), "pop")))
        pushed = build.expression(build.call(build.attribute(build.name(tape), "append"), saved))
        ir.note(pushed).save = ir.note(stmt).save  # (a copy: it keeps no view of the variable)
        if into_copy:
            copied = build.call(build.attribute(build.name(variable), "copy"))
            again = [build.assign(target_of(v), build.clone(v.value)) for v in views or ()]
            return [pushed], [build.assign(variable, copied), put_back, *again]
        ir.note(put_back).rewinds = variable
        return [pushed], [put_back]
    call = stmt.value
    method = call.func.attr if isinstance(call.func, gast.Attribute) else None
    if method in ("append", "pop"):  # undo: xs.pop(), or the item put back (`last = xs[-1]`)
        more = [build.clone(ir.note(stmt).op.args[1])] if method == "pop" else []
        undo = build.expression(build.call(build.attribute(
            build.name(variable), "append" if more else "pop"), *more))
        ir.note(undo).rewinds = variable
        if into_copy:  # (a copy: the list a tape holds stays as it was)
            rt = fn.machinery.aliases["_rt"]
            return [], [build.assign(variable, build.call(f"{rt}.own", build.name(variable))), undo]
        return [], [undo]
    if method == "extend":  # undo: del xs[len(xs) - len(more):]
        start = build.binop(build.call("len", build.name(variable)), "-",
                            build.call("len", copy.deepcopy(call.args[0])))
        part = gast.Subscript(value=build.name(variable),
                              slice=gast.Slice(lower=start, upper=None, step=None), ctx=gast.Del())
        undo = gast.Delete(targets=[part])
        ir.note(undo).rewinds = variable
        return [], [undo]
    # any other change (c.fill(v), np.copyto(c, v), helper(..., out=c)): save it all, put it back
    rt = fn.machinery.aliases["_rt"]
    pushed = build.expression(build.call(build.attribute(build.name(tape), "append"),
                                         build.call(f"{rt}.snapshot", build.name(variable))))
    put_back = build.expression(build.call(f"{rt}.put_back", build.name(variable), build.call(
        build.attribute(build.name(tape), "pop"))))
    ir.note(put_back).rewinds = variable
    return [pushed], [put_back]


def how_to_undo(fn: Derivative, places: list, update: gast.stmt) -> tuple[str | None, list]:
    """How the adjoint must undo ``update`` at its restore ``places``: not at all (``None``) when
    no code after them reads what it overwrote; ``"copy"`` when only the changed name itself, or
    views of it by constant indices, are read, in the same pass through a block that made the
    array (:func:`_read_in_its_pass`), so the restore may put the values back into a copy (``x =
    x.copy()``, ``x[i] = saved``, then the views again: the statements returned) and leave the
    primal's array, which a tape may hold, alone (a list ``xs.append(v)`` or ``xs.pop()``
    changed, read after by its own name only: ``xs = _rt.own(xs)``, then the undo on that
    copy); else ``"in place"``."""
    variable = ir.note(update).updates
    sharing = fn.shares(variable)
    paths = [path_to(fn.body, marker, []) for _, marker in places]
    if any(path is None for path in paths):
        return "in place", []
    made = _made_in_pass(fn, update, variable)
    if made is None or any(len(path) != made[3] for path in paths):  # (not mirrored: no proof)
        return ("in place" if any(_read_after(path, sharing) for path in paths) else None), []
    block, start, end = made[:3]
    bound = Counter(n for s in statements(fn.body) if not ir.note(s).adjoint for n in stores(s))
    earlier = _views_of(bound, block[start + 1:end], _bound_only_before(bound, block, start))
    # a list's length and items are its layout: a read of it sees an append, a pop, a new item
    # (not in a list of float64 numbers, patterns.number_lists: its items stay numbers)
    layout = isinstance(update, gast.Assign) and (new_list(block[start]) is None or
                                                  variable in fn.number_lists)
    read = set().union(*(_read_in_its_pass(fn, path, sharing - earlier, made[4] - 1, places,
                                           layout) for path in paths))
    if not read:
        return None, []
    views = _constant_views(bound, _since_changed(block[start + 1:end], sharing), variable,
                            sharing)
    if isinstance(update, gast.Assign) and made[4] == 1 and read - {variable} <= set(views):
        needed = set().union(*(views[name][1] for name in read - {variable}))
        return "copy", [stmt for name, (stmt, _) in views.items() if name in needed]
    if _list_method(update) in ("append", "pop") and made[4] == 1 and read <= {variable}:
        return "copy", []  # (a list read by its own name only: its copy, grown or cut back)
    return "in place", []


def _list_method(update: gast.stmt) -> str | None:
    """``append`` of ``xs.append(v)``, ``pop`` of ``xs.pop()`` (as statements), else None."""
    call = update.value if isinstance(update, gast.Expr) else None
    return call.func.attr if isinstance(call, gast.Call) and \
        isinstance(call.func, gast.Attribute) else None


def _since_changed(between: list[gast.stmt], sharing: frozenset[str]) -> list[gast.stmt]:
    """The statements of ``between`` after the last one that changes in place (or holds a change
    of) a name in ``sharing``: a view made before such an earlier change (``first = t[0]``, then
    ``t[0] = ...``) saw values that change still overwrites when this update is undone, so it
    cannot be made again from the restored copy."""
    last = max((i for i, stmt in enumerate(between) for s in statements([stmt])
                if (ir.note(s).updates or ir.note(s).augments) in sharing), default=-1)
    return between[last + 1:]


def _constant_views(bound: Counter, between: list[gast.stmt], variable: str,
                    sharing: frozenset[str]) -> dict:
    """The statements ``v = w[<index>]`` among ``between``, where ``w`` is ``variable`` or such a
    view of it (``r20 = r19[1:4]``, ``r200 = r20[0]``), by ``v`` (a name bound nowhere else in the
    primal: ``bound`` counts its bindings), each with the views it is made from and itself: a
    restore into a copy of ``variable`` makes them again, in order.  The index is constant or
    reads names bound once in the primal that share nothing with ``variable`` (``s[i - 1]``:
    ``i_minus_1``, which the tape gives back to the restore as it was)."""
    views: dict[str, tuple[gast.stmt, frozenset[str]]] = {}
    for stmt in between:
        name, op = target_of(stmt), ir.note(stmt).op
        if name is None or op is None or op.key is not operator.getitem or bound[name] != 1 or \
                len(op.args) != 2 or not isinstance(op.args[0], gast.Name) or \
                any(bound[n] != 1 or n in sharing for n in build.names(op.args[1])):
            continue
        base = op.args[0].id
        if base == variable:
            views[name] = (stmt, frozenset({name}))
        elif base in views:
            views[name] = (stmt, views[base][1] | {name})
    return views


def _read_after(path: list, sharing: frozenset[str]) -> bool:
    """Whether code that runs after the restore at the end of ``path`` (later statements; for a
    restore inside a loop, the whole loop again) uses a name in ``sharing``."""
    for depth, (body, index) in enumerate(path):
        after = body[index + 1:]
        owner = path[depth - 1][0][path[depth - 1][1]] if depth else None
        if isinstance(owner, LOOPS):
            after = body
        for stmt in after:
            if sharing.intersection(build.names(stmt)):
                return True
    return False


def _made_in_pass(fn: Derivative, update: gast.stmt,
                  variable: str) -> tuple[list[gast.stmt], int, int, int, int] | None:
    """When ``update`` changes an array (or list) made fresh earlier in the same pass through its
    block or an enclosing one (:func:`fresh.made_outside`): that block, where the value was made,
    where the statement holding the update is, the depth of the update's block and how many
    blocks out the value was made (1: the update's own block)."""
    path = path_to(fn.body, update, [])
    made = made_outside(path, variable) if path else None
    if made is None:
        return None
    depth, start = made
    block, end = path[depth]
    return block, start, end, len(path), len(path) - depth


def _bound_only_before(bound: Counter, block: list[gast.stmt], start: int) -> set[str]:
    """The names bound nowhere but in ``block`` before ``start`` (they never hold what
    ``block[start]`` makes); ``bound`` counts each name's bindings in the whole primal."""
    before = Counter(n for s in statements(block[:start]) for n in stores(s))
    return {name for name, count in before.items() if bound[name] == count}


def _views_of(bound: Counter, between: list[gast.stmt], earlier: set[str]) -> set[str]:
    """``earlier`` (names that never hold the array made at the start of ``between``) and the
    names ``between`` binds, once in the whole primal, to an item, a view or another name of one
    of them (``a_2_last = a_2[-1]``): an array made before shares no memory with a new one."""
    earlier = set(earlier)
    for stmt in between:
        name, op = target_of(stmt), ir.note(stmt).op
        if name is not None and op is not None and bound[name] == 1 and \
                (op.key is operator.getitem or op.is_copy) and op.args and \
                isinstance(op.args[0], gast.Name) and op.args[0].id in earlier:
            earlier.add(name)
    return earlier


def _read_in_its_pass(fn: Derivative, path: list, names: set[str], inside: int,
                      places: list, layout: bool = True) -> set[str]:
    """Which of ``names`` the adjoint code after the restore at the end of ``path``, in the same
    pass through its block, reads for their values.

    The restore undoes an update of an array made fresh in that pass through the primal block.
    Adjoint code reads primal values as they were at points before the update; outside this pass
    (in the adjoints of earlier iterations and of the code before the block) the array did not
    exist yet, so no value read there is it.  Within the pass, only the given names can hold it
    (names bound earlier in the block before it was made cannot), and a read of its shape or
    dtype (``_rt.add_at(acc, g, x, i)``) sees nothing the update changed (``layout``: an array's
    items changed; not a list's length or items).  The walk goes out to
    the enclosing adjoint loop's body (more than the pass, never less), not around it.  For an
    update ``inside`` compound statements of the block that made the value (an append in a loop),
    the adjoint blocks of those statements are read whole, around their loops, but for the
    restores of the update itself (``places``), which go together."""
    rt = fn.machinery.aliases["_rt"]
    read: set[str] = set()
    own = {id(marker) for _, marker in places}
    for depth in range(len(path) - 1, -1, -1):
        body, index = path[depth]
        for stmt in body if len(path) - depth <= inside else body[index + 1:]:
            if id(stmt) not in own:
                read |= names & (_restore_reads(fn, stmt, rt) if layout else
                                 set(getattr(stmt, "reads", ())) if isinstance(stmt, ir.Marker)
                                 else build.loads(stmt))
        if len(path) - depth > inside and depth and \
                isinstance(path[depth - 1][0][path[depth - 1][1]], LOOPS):
            break
    return read


def _restore_reads(fn: Derivative, stmt: gast.stmt, rt: str) -> set[str]:
    """The names ``stmt`` reads for their items' values, where the restore of another in-place
    update of an array (its marker, or ``x[i] = _tape.pop()``) only writes into that array."""
    if isinstance(stmt, ir.Restore):
        update = fn.saves.get(stmt.block)
        rewound = ir.note(update).updates if update is not None and \
            isinstance(update, gast.Assign) else None
        return set(stmt.reads) - {rewound}
    if isinstance(stmt, ir.Marker):
        return set(getattr(stmt, "reads", ()))
    target = stmt.targets[0] if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 else None
    if ir.note(stmt).rewinds is not None and isinstance(target, gast.Subscript) and \
            isinstance(target.value, gast.Name) and target.value.id == ir.note(stmt).rewinds:
        return value_reads(target.slice, rt) | value_reads(stmt.value, rt)
    return value_reads(stmt, rt)


def undo_reads(stmt: gast.stmt) -> tuple[str, ...]:
    """What undoing the in-place update ``stmt`` may read: its names and its operation's operands
    (``xs.pop()`` puts back ``last``, which the statement itself never mentions)."""
    op = ir.note(stmt).op
    return tuple(sorted(build.loads(stmt) | set(op.operand_names() if op is not None else ())))


def undone_after(stmt: gast.stmt) -> bool:
    """Whether an in-place update is undone after its adjoint (``x[i] = v``, ``xs.append(v)``,
    ``xs.pop()``, whose adjoints read no value the update changed) rather than before it (any
    other call that changes its argument: its adjoint recomputes from the values it was called
    with)."""
    if isinstance(stmt, gast.Assign):
        return True
    call = stmt.value if isinstance(stmt, gast.Expr) else None
    method = call.func.attr if isinstance(call, gast.Call) and isinstance(
        call.func, gast.Attribute) else None
    return method in ("append", "extend", "pop")
