'''Run the generated statements that come from a user's ``with np.errstate(...)`` block under the
same settings, and those of a ``with warnings.catch_warnings():`` block under its filters (``with
_rt.catch_warnings():`` whose body makes the block's filter calls first, ``_rt.simplefilter('ignore',
RuntimeWarning)``: :class:`tangentish.syntax.quiet_blocks.Filters`).

Guarantee: every statement whose user line (:attr:`tangentish.ir.Note.origin`; one without, made
by a pass, continues the simple statement just before it in its block, if any) lies inside the
lines of one or more of ``quiet`` (:class:`tangentish.syntax.quiet_blocks.Quiet`, outermost first)
runs inside ``with np.errstate(<settings>), ...:`` of those blocks (the derivative's own code of a
line where the user ignores ``divide`` or ``invalid`` ignores both: :func:`_widened`); every other
statement runs as it was.  Neighbouring statements under the same blocks share one ``with``; a
loop or branch all of whose statements do is wrapped whole, one that mixes them has its own blocks
wrapped; comments that open a run stay above its ``with`` (those that end it, below), and the
derivative's closing ``return`` of its gradients (no user line of its own) outside it.  So the
primal's statements warn as the user's did, and the derivative's own statements of those lines
(``g / x``, the adjoint of ``np.log(x)``) are silenced as the user silenced the line, and nowhere
else.  (The optimizer moves no expression between statements under different blocks:
``Derivative.quiet_apart``.)

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax import build
    >>> from tangentish.syntax.printer import statement_lines
    >>> from tangentish.syntax.quiet_blocks import Quiet
    >>> body = [build.assign("y", build.call("np.log", build.name("x"))),
    ...         build.assign("z", build.name("y")),
    ...         build.assign("x_bar", build.binop(build.name("y_bar"), "/", build.name("x")))]
    >>> for stmt, line in zip(body, (3, 4, 3)):
    ...     ir.note(stmt).origin = line
    >>> wrap_quiet(body, [Quiet(2, 3, (("divide", "ignore"),))], {"np": "np", "_rt": "_rt"})
    set()
    >>> print("\\n".join(line for s in body for line in statement_lines(s)))
    with np.errstate(divide='ignore'):
        y = np.log(x)
    z = y
    with np.errstate(divide='ignore'):
        x_bar = y_bar / x
'''

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.quiet_blocks import Filters, Quiet

_MIXED = object()  # (a compound statement whose statements run under different blocks)


def wrap_quiet(body: list[gast.stmt], quiet: list[Quiet], aliases: dict[str, str]) -> set[str]:
    """Wrap, in place, ``body``'s statements of ``quiet``'s lines (see above); ``aliases``: the
    generated code's NumPy (``"np"``) and runtime (``"_rt"``) aliases.  The runtime's helpers it
    calls: those of a ``catch_warnings`` block's filters that run."""
    if not quiet:
        return set()
    keys: dict[int, tuple[Quiet, ...]] = {}
    _keys(body, quiet, keys)
    _wrap(body, keys, aliases)
    return {name for settings in {s for key in keys.values() for s in key}
            if isinstance(settings, Filters) for name in ("catch_warnings", *(
                call[0] for call in settings))}


def _keys(body: list[gast.stmt], quiet: list[Quiet], keys: dict) -> None:
    """Record in ``keys`` the blocks each statement of ``body`` (nested ones too) runs under (a
    statement made by a pass, with no user line of its own, takes the line of the simple
    statement just before it in its block; first in a block or after a loop or branch, none: it
    runs as it is, never under a block of another branch)."""
    line = None
    for stmt in body:
        found = stmt.__dict__.get(ir.SLOT)
        if found is not None and found.origin is not None:
            line = found.origin
        own = found is not None and found.adjoint  # (the derivative's own code)
        keys[id(stmt)] = () if line is None or (stmt.__class__ is gast.Return and (
            found is None or found.origin is None)) else tuple(
            _widened(q.settings) if own and not isinstance(q.settings, Filters) else q.settings
            for q in quiet if q.holds(line))
        for field in ("body", "orelse"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list):
                _keys(inner, quiet, keys)
        if isinstance(stmt, ir.COMPOUND):
            line = None


def _widened(settings: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The settings the derivative's own code of a line runs under: where the user ignores
    division by zero or invalid operations there (a log or a square root at 0), both, which its
    partials meet at the same points (``g / x`` at 0 is inf, or 0/0 where ``g`` is 0)."""
    given = dict(settings)
    if "ignore" not in (given.get("divide"), given.get("invalid"), given.get("all")):
        return settings
    return (*settings, *((k, "ignore") for k in ("divide", "invalid") if given.get(k, "ignore") !=
                         "ignore" or k not in given and given.get("all") != "ignore"))


def _whole(stmt: gast.stmt, keys: dict) -> object:
    """The blocks ``stmt`` and every statement in it run under, or ``_MIXED``."""
    key = keys[id(stmt)]
    for field in ("body", "orelse"):
        for inner in getattr(stmt, field, None) or ():
            if _whole(inner, keys) != key:
                return _MIXED
    return key


def _wrap(body: list[gast.stmt], keys: dict, aliases: dict[str, str]) -> None:
    out: list[gast.stmt] = []
    run: list[gast.stmt] = []
    run_key: object = ()
    for stmt in body:
        key = _whole(stmt, keys)
        if key != run_key or key is _MIXED:
            _flush(out, run, run_key, aliases)
            run, run_key = [], key
        if key is _MIXED:
            for field in ("body", "orelse"):
                if getattr(stmt, field, None):
                    _wrap(getattr(stmt, field), keys, aliases)
            out.append(stmt)
            run_key = ()
        else:
            run.append(stmt)
    _flush(out, run, run_key, aliases)
    body[:] = out


def _flush(out: list[gast.stmt], run: list[gast.stmt], key: object, aliases: dict[str, str]) -> None:
    if not run:
        return
    lead = 0
    while lead < len(run) and isinstance(run[lead], ir.Comment):  # (``# adjoint of: ...``
        lead += 1  # introducing the block: above it)
    out.extend(run[:lead])
    run = run[lead:]
    end = len(run)
    while end and isinstance(run[end - 1], ir.Comment):  # (one introducing what follows the
        end -= 1  # block: below it)
    if not key or not end:
        out.extend(run)
        return
    run, trailing = run[:end], run[end:]
    numpy, runtime = aliases["np"], aliases["_rt"]
    items = [gast.withitem(context_expr=build.call(f"{runtime}.catch_warnings") if isinstance(
        settings, Filters) else build.call(f"{numpy}.errstate", **{
            name: build.constant(value) for name, value in settings}), optional_vars=None)
        for settings in key]
    calls = [_filter(call, runtime) for settings in key if isinstance(settings, Filters)
             for call in settings]
    block = gast.With(items=items, body=[*calls, *run], type_comment=None)
    first = run[0].__dict__.get(ir.SLOT)
    if first is not None and first.origin is not None:
        for stmt in (block, *calls):  # (a traceback at the ``with`` line, or a filter: its first)
            ir.note(stmt).origin = first.origin
    out.append(block)
    out.extend(trailing)


def _filter(call: tuple, runtime: str) -> gast.stmt:
    """The statement of one of a ``catch_warnings`` block's filter calls (:class:`Filters`)."""
    name, args, keywords = call
    value = {"constant": build.constant, "builtin": build.name}
    return build.expression(build.call(f"{runtime}.{name}", *(value[k](v) for k, v in args),
                                       **{key: value[k](v) for key, (k, v) in keywords}))
