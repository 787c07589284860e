"""The adjoint of a Python number made from a NumPy value is widened to that value's precision.

``float(a)`` and the ``math`` module's functions return Python floats, which NumPy 2 promotes as
weak: ``math.sin(a) * x`` of a float64 ``a`` and a float32 ``x`` is float32, and so is the
adjoint of ``math.sin(a)``; ``a``'s, taken from it (``e_bar * math.cos(a)``, or ``e_bar`` itself
for ``float(a)``), was then float32 under a float64 value: rounded once more than the primal
rounded, and checked mode's InternalError (grammar fuzz seed 9871 program 8, float32 mode).  So
the adjoint of such a call's result is first widened to each operand's floating dtype
(``_rt.widen_to``: the adjoint itself where it is as precise already), where the operand may hold
a NumPy value: not where it is surely a Python number (bound once, to a number or to another such
call's result), which has no dtype to keep.  (What reaches the call was computed in the output's
precision, as the primal computed it: NumPy's promotion rounded there.)

    >>> import math
    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, w):
    ...     e = math.sin(np.asarray(w))
    ...     return math.exp(e) * x
    >>> print(tangentish.source(f, wrt=1).split("# adjoint of: e =")[1].strip())
    math.sin(np.asarray(w))  [...]
        e_bar_1 = _rt.widen_to(e_bar, asarray_w)
        w_bar = _rt.recast(e_bar_1 * math.cos(asarray_w), w, None)
        return w_bar
    >>> tangentish.grad(f, wrt=1)(np.float32(0.5), np.float64(0.3)).dtype
    dtype('float64')
"""

from __future__ import annotations

import builtins
import math

import gast

from .. import ir
from ..rule_forms import is_scalar
from ..syntax import build
from .dataflow import statements
from .sweep import Sweep

_WEAK = frozenset({id(builtins.float)})
"""Besides ``math``'s: functions whose result is a Python number whatever their operands."""


def weak_result(key: object) -> bool:
    """Whether a call of ``key`` returns a Python number, whatever NumPy values it is given."""
    return id(key) in _WEAK or is_scalar(key) and key is not math.modf and key is not math.frexp


def python_numbers(sweep: Sweep) -> frozenset[str]:
    """The names surely holding a Python number: bound once, to a number literal or to the result
    of a :func:`weak_result` call."""
    found = set()
    for stmt in statements(sweep.norm.body):
        if not isinstance(stmt, gast.Assign) or not isinstance(stmt.targets[0], gast.Name) or \
                sweep.definitions.get(stmt.targets[0].id, 0) != 1:
            continue
        value = stmt.value
        if isinstance(value, gast.Constant) and type(value.value) in (int, float) or \
                ir.has_op(stmt) and ir.note(stmt).op.key is not None and \
                weak_result(ir.note(stmt).op.key):
            found.add(stmt.targets[0].id)
    return frozenset(found)


def widened(sweep: Sweep, op: ir.Op, target: str) -> tuple[list[gast.stmt], str]:
    """``t_bar_1 = _rt.widen_to(t_bar, a)`` for each operand ``a`` of the weak call ``op`` (which
    gives ``target``) that is active and may hold a NumPy value (none for any other call), and
    the name holding the result's adjoint after them, which its template reads."""
    read = sweep.adjoint(target)
    if op.key is None or not weak_result(op.key):
        return [], read
    if sweep.python_numbers is None:
        sweep.python_numbers = python_numbers(sweep)
    helper, out, seen = f"{sweep.machinery.aliases['_rt']}.widen_to", [], set()
    for name in op.operand_names():
        if name in seen or not sweep.is_active(name) or name in sweep.python_numbers:
            continue
        seen.add(name)
        wide = sweep.namer.fresh(sweep.adjoint(target))
        out.append(build.assign(wide, build.call(helper, build.name(read), build.name(name))))
        read = wide
    return out, read
