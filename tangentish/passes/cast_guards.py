'''Run-time guards on writes whose target's dtype is unproven: an in-place write (``y[i] = v``,
``y.fill(v)``, ``np.put(y, i, v)``) of a value that varies with ``wrt`` into an array that
:mod:`.integral` proves neither integral (then nothing flows, see :mod:`.activity`) nor floating
nor a list gets ``_rt.float_target(y, line)`` before it, in the primal of every mode: an integer
or bool array there would truncate the value and lose its derivative, so the derivative raises,
naming the user's line, instead of returning a wrong number.  Proven floating targets (a copy of a
``wrt`` argument, ``np.zeros(n)``) cost nothing.  So is checked, after it, the varying result of
a call given a dtype the transform cannot resolve (``np.sum(x, dtype=d)``, ``d`` a variable) whose
rule does not take the run's dtype itself.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.forward import forward
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, buf):
    ...     y = buf.copy()
    ...     y[0] = x * 2.0
    ...     return np.sum(y)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info, reverse=False)
    >>> activity = analyze(norm, ["x"])
    >>> derivative = forward(norm, activity, ["x"], fn_name="jvp_f")
    >>> guard_writes(derivative, activity, norm)
    >>> print(generate(derivative, "Tangent of f."), end="")
    def jvp_f(x, buf, *, x_dot):
        """Tangent of f."""
        y = buf.copy()
        y_dot = np.zeros_like(y)
        x_times_2 = x * 2.0
        x_times_2_dot = x_dot * 2.0
        _rt.float_target(y, 3)
        y[0] = x_times_2
        y_dot = _rt.set_index(y_dot, 0, x_times_2_dot)
        out = np.sum(y)
        out_dot = np.sum(y_dot)
        return out, out_dot
'''

from __future__ import annotations

from collections.abc import Iterable

import gast

from .. import ir, runtime
from ..errors import UnsupportedConstructError
from ..ir import Op
from ..syntax import build
from .activity import Activity
from .complex_paths import element_write
from .dataflow import blocks, statements, target
from .derivative import Derivative
from .in_place_guards import guard_in_place
from .integral import FLOATING, INTEGRAL, SEQUENCE, unresolved_casts
from .normalize import Normalized


def guard_writes(fn: Derivative, activity: Activity, norm: Normalized) -> None:
    """Insert the guards (see the module docstring) into ``fn``'s primal statements, and the
    checks of updates in place (:mod:`.in_place_guards`)."""
    guard_in_place(fn, norm)
    proven, active, varied = activity.kinds, activity.active, activity.varied
    if norm.facts:
        _leave_truncations(norm, proven, varied)
    rows = activity.rows or []
    casts = unresolved_casts(norm, rows, varied) & active
    for block in blocks(fn.body):
        if not casts and not any(ir.note(s).updates for s in block):
            continue
        out: list[gast.stmt] = []
        for position, stmt in enumerate(block):
            note = ir.note(stmt)
            name = note.updates
            if name is not None and not note.adjoint and name in active and \
                    proven.get(name) not in (FLOATING, SEQUENCE) and note.op is not None and \
                    (_spliced(note.op) or  # (a list's length changing moves its items)
                     any(n != name and n in varied for n in note.op.operand_names())) and \
                    not _guards(_primal(reversed(block[:position])), name):
                saves = isinstance(out[-1], ir.Save) if out else False  # (before the save:
                out.insert(len(out) - saves, _guard(fn, name, note.origin,  # read, not undone)
                                                    _spliced(note.op)))
            out.append(stmt)
            if casts and not note.adjoint and name is None and target(stmt) in casts and \
                    not _guards(_primal(block[position + 1:]), target(stmt)):
                out.append(_guard(fn, target(stmt), note.origin))
        block[:] = out


def _leave_truncations(norm: Normalized, proven: dict, varied: set[str]) -> None:
    """In a derivative specialized to its arguments, a write of a varying value into an integral
    array gives up the specialization (the generic derivative runs): where the generic code
    cannot prove the target integral (a copy of an int argument) it refuses at run time, naming
    the line, and a specialized one letting nothing flow through the truncation would answer
    the call the generic one refused."""
    for stmt in statements(norm.body):
        note = ir.note(stmt)
        name = note.updates
        if name is not None and proven.get(name) == INTEGRAL and note.op is not None and \
                any(n != name and n in varied for n in note.op.operand_names()):
            raise UnsupportedConstructError(
                f"a varying value is written into the integral array {name!r}: left to the "
                "generic derivative", norm.info.location(stmt))


def _primal(stmts: Iterable[gast.stmt]) -> gast.stmt | None:
    """The first of ``stmts`` that is not derivative code (a marker included)."""
    return next((s for s in stmts if not ir.note(s).adjoint and not ir.is_marker(s)), None)


def _guards(stmt: gast.stmt | None, name: str) -> bool:
    """Whether ``stmt`` is already a guard of ``name`` (a first derivative's own, met again when
    it is differentiated: it names the user's line, which this one could not)."""
    op = ir.note(stmt).op if stmt is not None else None
    return op is not None and op.key is runtime.float_target and bool(op.args) and \
        isinstance(op.args[0], gast.Name) and op.args[0].id == name


def _spliced(op: Op) -> bool:
    """Whether ``op`` writes a slice (``y[a:b] = v``: a list's would change its length)."""
    return element_write(op) and len(op.args) > 1 and isinstance(op.args[1], gast.Slice)


def _guard(fn: Derivative, name: str, origin: int | None, spliced: bool = False) -> gast.stmt:
    extra = [build.constant(True)] if spliced else []
    call = build.call(f"{fn.machinery.aliases['_rt']}.float_target", build.name(name),
                      build.constant(origin or 0), *extra)
    stmt = build.expression(call)
    note = ir.note(stmt)
    note.op, note.keep, note.origin = Op(runtime.float_target, [], label="a check"), True, origin
    return stmt
