"""A value the tape saves that may share memory with an array changed in place later is taken as a
copy where it is made, so that the tape holds no view of an array the primal goes on changing.

``Z[i] *= x`` in a loop is ``Z_item = Z[i]``, ``Z[i] = Z_item * x``: the adjoint reads ``Z_item``
(the row before the change), and the tape saved the view itself, which showed the right values
only because the adjoint puts the row back (``Z[i] = _tape.pop()``) before reading it.  The
derivative was right, but differentiating it again (``hvp``, ``hessian``, ``grad(grad(f))``) met a
list holding a view of an array changed in place afterwards, and refused.  Taken as a copy
(``_rt.private``) where it is made, the value is the one the adjoint reads, the values it had
before the change.  The same holds for a value the adjoint reads directly, with no tape (``t = y
if c else v``, then ``y[0:1] += ...``): each binding whose value may share that memory is a copy.
Left alone: a value the primal itself reads after the change (it must see the change; the
aliasing pass checks at run time that they do not share memory, which a copy would hide), a
binding after the change in a block that makes the changed array anew in each pass, and a value
that another name changed in place may hold through it (a copy, a view or a list of it, made
after it), whose changes must reach it.  A saved value left alone so (``y`` carried out of a
loop that tapes it, then ``y[0] = v`` after the loop) is copied where the tape saves it instead
(``_tape.append((t, _rt.private(y)))``), when nothing in the block that saves it changes it in
place: the copy holds the values the block read, which the adjoint reads.

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
from .dataflow import blocks, path_to, statements, stores
from .dataflow import target as target_of
from .derivative import Derivative
from .shape_reads import value_reads


def copy_taped_views(fn: Derivative, saved: set[str]) -> set[str]:
    """Make each of the ``saved`` names, and each name the adjoint reads for its values, that
    may share memory with an array changed in place later a copy where it is bound (see the
    module docstring): at each of its bindings whose value may share that memory.  Returns the
    ``saved`` names left exposed (the array changed reaches them through the primal's own names,
    ``y`` carried out of a loop that tapes it and changed after it): the tape may take copies of
    those where it saves them (:func:`copy_at_push`)."""
    if not fn.sharing:
        return set()
    primal = [s for s in statements(fn.body) if not ir.note(s).adjoint]
    bound: dict[str, list[gast.stmt]] = {}
    for stmt in primal:
        for name in stores(stmt):
            bound.setdefault(name, []).append(stmt)
    changes, (checked, checked_changed) = _changes(fn), _checked(primal)
    left: set[str] = set()
    edges = None
    for name in sorted((saved | _adjoint_reads(fn)) & set(bound)):
        places = bound[name]
        exposed = {id(s): {c for c, older, later in changes if name in fn.shares(c)
                           and name not in older and id(s) not in later} for s in places}
        writers = set().union(*exposed.values())
        if not writers:
            continue
        edges = _edges(primal) if edges is None else edges
        if name in checked or writers & _derived(edges, name) or not all(
                isinstance(s, gast.Assign) and target_of(s) == name for s in places):
            left |= {name} & saved
            continue
        copies = [s for s in places if exposed[id(s)] and _may_share(fn, s, exposed[id(s)])]
        if copies and name in checked_changed:
            made = _keep_seen(fn, name, places, {id(s) for s in copies}, primal)
            copies = [made[id(s)] for s in copies]
        for stmt in copies:
            _privatize(fn, stmt)
            edges = None  # (a copy now: what reads it no longer holds the array)
    return left


def copy_at_push(fn: Derivative, block: list[gast.stmt], names: list[str], left: set[str]
                 ) -> set[str]:
    """Which of the ``names`` a push at the end of ``block`` saves as copies: those ``left``
    exposed by :func:`copy_taped_views` that nothing in ``block`` changes in place (through any
    name sharing their memory), so that the value at the push is the value the block read.  The
    adjoint reads the same values (the restores of later changes give them back), and a
    derivative of this gradient sees a tape that holds no array the primal changes afterwards."""
    candidates = left.intersection(names)
    if not candidates:
        return set()
    changed = {ir.note(s).updates or (None if _rebinds(s) else ir.note(s).augments)
               for s in statements(block)} - {None}
    return {n for n in candidates if not any(n in fn.shares(c) for c in changed)}


def _rebinds(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` binds a name to a new value (``y_4 = y * t``, what the derivative makes
    of ``y *= t``) rather than writing into an array."""
    return isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)


def _checked(primal: list[gast.stmt]) -> tuple[set[str], set[str]]:
    """The names an in-place change's check reads (``_rt.check_unshared(y, t, ...)`` guards
    each change of ``y`` that ``t``, read after it, may share memory with; ``check_not_module``
    and ``check_not_array`` likewise): the names read after (``t``), which must show the change,
    or the check must refuse, so are never taken as a copy; and the names changed (``y``),
    which the check must see uncopied (:func:`_keep_seen`)."""
    read, changed, checks = set(), set(), _checks()
    for stmt in primal:
        call = _check_call(stmt, checks)
        if call is not None:
            changed |= {a.id for a in call.args[:1] if isinstance(a, gast.Name)}
            read |= {a.id for a in call.args[1:2] if isinstance(a, gast.Name)}
    return read, changed


def _checks() -> tuple:
    """The run-time checks of in-place changes (read here, not on import: the runtime family
    is imported where it is needed)."""
    return runtime.check_unshared, runtime.check_not_module, runtime.check_not_array


def _check_call(stmt: gast.stmt, checks: tuple) -> gast.Call | None:
    op, call = ir.note(stmt).op, getattr(stmt, "value", None)
    return call if op is not None and op.key in checks and isinstance(call, gast.Call) else None


def _keep_seen(fn: Derivative, name: str, places: list[gast.stmt], copied: set[int],
               primal: list[gast.stmt]) -> dict[int, gast.stmt]:
    """Before ``name`` is taken as a copy at the ``places`` whose ids are ``copied``, bind what
    it would have held to ``name_seen`` at each of its places, and let the checks of its changes
    read that: ``rows[0] *= v`` of a list of the rows of ``Y`` changes the row ``rows_item =
    rows[0]`` in place, in ``Y``, which its check must see, and a copy shares nothing
    (``list(Y)``, ``rows[-3] *= t``, then ``np.mean(Y)`` gave the value of an unchanged ``Y``:
    fuzz seed 5004, program 91).  The statements changed are new ones in their places (the
    optimizer's walks of the old ones stay true); returns the place's new statement by the old
    one's id, for the places taking a copy."""
    seen, made = fn.namer.fresh(f"{name}_seen"), {}
    for stmt in places:  # (where no copy is taken, ``name_seen = name`` after: no view seen)
        first, then = (build.assign(seen, stmt.value), build.assign(name, build.name(seen))) \
            if id(stmt) in copied else (stmt, build.assign(seen, build.name(name)))
        ir.note(then).origin, ir.note(then).op = ir.note(stmt).origin, ir.Op(None, [then.value])
        ir.note(then).keep = True  # (two names for two values once one is a copy: not folded)
        if first is not stmt:
            ir.note(first).origin, ir.note(first).op = ir.note(stmt).origin, ir.note(stmt).op
        _replace(fn, stmt, [first, then])
        if first is not stmt:
            made[id(stmt)] = then
    checks = _checks()
    for stmt in primal:
        call = _check_call(stmt, checks)
        if call is not None and isinstance(call.args[0], gast.Name) and call.args[0].id == name:
            old, args = ir.note(stmt).op, [build.name(seen), *call.args[1:]]
            again = gast.Expr(gast.Call(call.func, args, call.keywords))
            ir.note(again).__dict__.update(vars(ir.note(stmt)))
            operands = [args[0] if a is call.args[0] else a for a in old.args]  # (as they were)
            ir.note(again).op = ir.Op(old.key, operands, label=old.label)
            _replace(fn, stmt, [again])
    return made


def _replace(fn: Derivative, stmt: gast.stmt, new: list[gast.stmt]) -> None:
    block, index = path_to(fn.body, stmt, [])[-1]
    block[index:index + 1] = new


def _adjoint_reads(fn: Derivative) -> set[str]:
    """The names the adjoint code reads for their values (not only for their layout)."""
    rt = fn.machinery.aliases["_rt"]
    found: set[str] = set()
    for stmt in statements(fn.body):
        if ir.note(stmt).adjoint:
            part = stmt.test if isinstance(stmt, (gast.If, gast.While)) else \
                stmt.iter if isinstance(stmt, gast.For) else stmt
            found |= value_reads(part, rt)
    return found


def _may_share(fn: Derivative, stmt: gast.Assign, writers: set[str]) -> bool:
    """Whether the value ``stmt`` binds may share memory with an array one of ``writers``
    changes: it is not made fresh, and it reads a name that may share that memory."""
    from .fresh import makes_fresh  # (what only some functions reach)

    op = ir.note(stmt).op
    if op is None or op.key is not None and makes_fresh(op):
        return op is None
    reads = set(op.operand_names())
    return any(reads & fn.shares(w) for w in writers)


def _privatize(fn: Derivative, stmt: gast.Assign) -> None:
    private = f"{fn.machinery.aliases['_rt']}.private"
    stmt.value = build.call(private, stmt.value)
    ir.note(stmt).op = ir.Op(runtime.private, [stmt.value.args[0]], label="a copy")


def _changes(fn: Derivative) -> list[tuple[str, set[str], set[int]]]:
    """Each in-place change of the primal: the name changed, the names surely bound before its
    array was made, earlier in the same pass through its block (``b = np.maximum(a, r)``, then
    ``b[0] = v``: ``a`` cannot hold this pass's array, whatever earlier passes left in it), and
    the statements (ids) binding a name after it in that block (``a = b`` at the end of a loop's
    body: the next pass changes the array it makes anew, never the one ``a`` holds)."""
    from .fresh import made_at  # (what only some functions reach)

    found = []
    for block in blocks([s for s in fn.body if not ir.note(s).adjoint]):
        for position, stmt in enumerate(block):
            changed = ir.note(stmt).updates
            if changed is None or isinstance(stmt, ir.COMPOUND):
                continue
            made = made_at(block, stmt, changed)
            if made is None:
                found.append((changed, set(), set()))
                continue
            found.append((changed, {n for s in block[:made] if not isinstance(s, ir.COMPOUND)
                                    for n in stores(s)},
                          {id(s) for s in block[position + 1:] if not isinstance(s, ir.COMPOUND)}))
    return found


def _derived(edges: dict[str, list[set[str]]], name: str) -> set[str]:
    """``name`` and the names that may hold it, or a view of it, or a container holding it
    (through anything but an operation making a fresh value: :func:`_edges`): a change made
    through one of them is a change of ``name``'s array, which a copy of it would no longer see."""
    found, waiting = {name}, [name]
    while waiting:  # (each name's statements walked once: the closure, not a pass per growth)
        for made in edges.get(waiting.pop(), ()):
            new = made - found
            found |= new
            waiting.extend(new)
    return found


def _edges(primal: list[gast.stmt]) -> dict[str, list[set[str]]]:
    """For each name, the names each statement reading it binds, where the value may be (a view
    of) what it read: not an operation making a fresh value.  (Made once for every name
    :func:`_derived` follows: fuzz seed 5004 program 164 walked the primal once per name and
    growth, 24 of its 377 s profiled.)"""
    from .fresh import makes_fresh  # (what only some functions reach)

    edges: dict[str, list[set[str]]] = {}
    for stmt in primal:
        if isinstance(stmt, gast.For):
            reads, made = build.loads(stmt.iter), stores(stmt)
        else:
            op = ir.note(stmt).op
            if op is None or op.key is not None and makes_fresh(op):
                continue
            reads, made = set(op.operand_names()), stores(stmt) | {ir.note(stmt).updates}
        for name in reads:
            edges.setdefault(name, []).append(made - {None})
    return edges
