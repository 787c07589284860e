'''Checked mode: generated code that asserts, statement by statement, that every derivative has
its value's shape and dtype.

Guarantee: after each assignment to an adjoint (``x_bar``) or a tangent (``x_dot``) the function
calls ``_rt.check_like(x_bar, x, "x_bar", where)``, which raises :class:`InternalError` naming the
generated line, the variable, both shapes and dtypes, and the user's line the statement comes from
(``where``, a line number: user text never reaches generated code).  A derivative that may still
be ``None`` (no contribution on some path) or a value that has none yet is skipped.  Checks read
the values they compare, so the tape saves what they need: checked code is a debugging aid,
slower than the plain one.  The pipeline inserts the checks before optimizing, so nothing they
read is removed as dead.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.optimize import optimize
    >>> from tangentish.passes.reverse import reverse
    >>> from tangentish.passes.tape import materialize
    >>> def f(x):
    ...     y = np.sin(x)
    ...     return np.sum(y * x)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = reverse(norm, analyze(norm, ["x"]), ["x"], single=True, with_value=False,
    ...                      fn_name="grad_f")
    >>> add_checks(derivative)
    >>> derivative = optimize(derivative, set(norm.params)); materialize(derivative)
    0
    >>> print(generate(derivative, "Gradient of f."), end="")
    def grad_f(x, *, out_bar=1.0):
        """Gradient of f."""
        y = np.sin(x)
        y_times_x = y * x
        out = np.sum(y_times_x)
        out_bar = _rt.seed(out, out_bar, 'f')
        _rt.check_like(out_bar, out, 'out_bar', 'the function')
        # adjoint of: return np.sum(y * x)  [...]
        y_times_x_bar = _rt.unreduce(out_bar, x)
        _rt.check_like(y_times_x_bar, y_times_x, 'y_times_x_bar', 'line 3')
        y_bar = y_times_x_bar * x
        _rt.check_like(y_bar, y, 'y_bar', 'line 3')
        x_bar = y_times_x_bar * y
        _rt.check_like(x_bar, x, 'x_bar', 'line 3')
        # adjoint of: y = np.sin(x)  [...]
        x_bar = x_bar + y_bar * np.cos(x)
        _rt.check_like(x_bar, x, 'x_bar', 'line 2')
        return x_bar
'''

from __future__ import annotations

import gast

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from .dataflow import blocks, definition_counts, target
from .derivative import Derivative


def _check(fn: Derivative, derivative: str, primal: str, where: str, stored: bool) -> gast.stmt:
    extra = [build.constant(True)] if stored else []
    call = build.call(f"{fn.machinery.aliases['_rt']}.check_like", build.name(derivative),
                      build.name(primal), build.constant(derivative), build.constant(where), *extra)
    stmt = build.expression(call)
    note = ir.note(stmt)
    note.op, note.keep, note.adjoint = Op(runtime.check_like, [], label="a check"), True, True
    return stmt


def _is_none(node: gast.expr) -> bool:
    """``v_bar = None``: no contribution on this path (and ``v`` may have no value here)."""
    return isinstance(node, gast.Constant) and node.value is None


def _stored(body: list[gast.stmt]) -> set[str]:
    """The names a primal statement writes into an array (``a[i] = t``): such a value is rounded
    to the array's dtype, and its adjoint, read from the array's, has that dtype (``v32[1:] = t64``:
    ``t_bar`` is float32, grammar seed 8927 program 9)."""
    return {stmt.value.id for block in blocks(body) for stmt in block
            if stmt.__class__ is gast.Assign and not ir.note(stmt).adjoint
            and stmt.targets[0].__class__ is gast.Subscript and stmt.value.__class__ is gast.Name}


def add_checks(fn: Derivative) -> None:
    """Insert the checks (see the module docstring); ``fn.primal_of`` maps each derivative
    variable to its value.  Values assigned in
    several places (merge and loop-carried names, whose variable may hold another iteration's
    value where the adjoint is computed) are checked through the names they are copied to."""
    primal_defs = definition_counts([s for s in fn.body if not ir.note(s).adjoint])
    single = {d for d, p in fn.primal_of.items() if primal_defs.get(p, 0) <= 1}
    stored = _stored(fn.body)
    for block in blocks(fn.body):
        out: list[gast.stmt] = []
        for stmt in block:
            out.append(stmt)
            name = target(stmt)
            if name in single and ir.note(stmt).adjoint and not _is_none(stmt.value):
                origin = ir.note(stmt).origin
                where = f"line {origin}" if origin else "the function"
                check = _check(fn, name, fn.primal_of[name], where, fn.primal_of[name] in stored)
                ir.note(check).owner = ir.note(stmt).owner
                out.append(check)
        block[:] = out
