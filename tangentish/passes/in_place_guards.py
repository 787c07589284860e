'''Run-time checks that ``x op= v`` on an array leaves what NumPy would.

Python's ``x += v`` on an ndarray changes the array in place (``np.add(x, v, out=x)``), so NumPy
keeps ``x``'s shape and dtype: a ``v`` that broadcasts ``x`` larger raises, a result NumPy will
not cast back (``int += float``) raises, ``@=`` raises before NumPy 2, and a ``float32`` array
keeps ``float32`` values.  The derivative binds the name to ``x op v`` instead (:mod:`normalize`;
:mod:`aliases` makes that safe for other names), which would do none of that: it would return a
gradient of a function that fails, or of values the function never had.  So each such update
whose result the facts do not prove of ``x``'s shape and dtype (specialized code: both float64,
of one size-one pattern or shape class; generic code: of one shape class, and made from ``v`` by
operations whose result's dtype NumPy's promotion with ``v``'s keeps, :mod:`.promotion`) is
followed by ``new = _rt.in_place(new, old, 'op=')``, which raises as NumPy would (naming the
user's line) or gives what NumPy leaves: ``new`` rounded into ``old``'s dtype where NumPy's
``same_kind`` cast rounds (``float32 += float64``: its derivatives pass through the rounding, as
through ``astype``; the rule is :mod:`tangentish.rules.runtime_helpers`' row); a number is
rebound by ``op=`` as by the derivative, and passes.  A list join (``xs += [v]``, and those
``xs.insert(i, v)`` lowers to: ``old`` surely a list or tuple, :mod:`.sequences`) changes nothing
NumPy casts, and gets no check (rebinding it through the check would hide that it is a list).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, a):
    ...     m = a * 1.0
    ...     m += x
    ...     return np.sum(m)
    >>> print(tangentish.grad(f).source.splitlines()[4])
        m_1 = _rt.in_place(m_1, m, '+=')
    >>> tangentish.grad(f)(np.ones((2, 3)), np.ones(3))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tangentish.errors.ArgumentValueError: `+=` cannot change an array of shape (3,) in place ...
'''

from __future__ import annotations

from typing import TYPE_CHECKING

import gast

from .. import ir, runtime
from ..ir import Op
from ..loader import is_generated
from ..syntax import build
from ..syntax.printer import operator_symbol
from .dataflow import blocks
from .derivative import Derivative
from .normalize import Normalized
from .sequences import surely_sequences

if TYPE_CHECKING:  # (imported where an update needs the proof: most functions have none)
    from .promotion import Promotion


def guard_in_place(fn: Derivative, norm: Normalized) -> None:
    """Put the check after each ``name op= v`` of ``fn``'s primal not proven to keep the array's
    shape and dtype (see the module docstring); none in a derivative differentiated again (its
    own updates are of adjoints it made)."""
    if is_generated(norm.info.fn):
        return
    promotion: Promotion | None = None  # (the generic proof's facts, made if asked)
    sequences: set[str] | None = None  # (the names surely lists or tuples, made if asked)
    for block in blocks(fn.body):
        if not any(ir.note(s).augments is not None for s in block):
            continue
        out: list[gast.stmt] = []
        for stmt in block:
            out.append(stmt)
            pair = _updated(stmt)
            if pair is None or _kept(fn, *pair):
                continue
            sequences = surely_sequences(norm) if sequences is None else sequences
            if pair[1] in sequences:  # (a list join: nothing in place to check or round)
                continue
            if promotion is None:  # (imported where an update needs the proof)
                from .promotion import Promotion
                promotion = Promotion(norm)
            if not promotion.keeps(stmt.value, *pair):
                out.append(_check(fn, stmt, *pair))
        block[:] = out


def _updated(stmt: gast.stmt) -> tuple[str, str] | None:
    """``(new, old)`` for the primal ``new = old op v`` of ``old op= v``, else None."""
    note = ir.note(stmt)
    if note.augments is None or note.adjoint or not isinstance(stmt, gast.Assign) or \
            len(stmt.targets) != 1 or not isinstance(stmt.targets[0], gast.Name) or \
            not isinstance(stmt.value, gast.BinOp) or not isinstance(stmt.value.left, gast.Name):
        return None
    return stmt.targets[0].id, stmt.value.left.id


def _kept(fn: Derivative, new: str, old: str) -> bool:
    """Whether the facts prove ``new`` of ``old``'s shape and dtype: both float64 of one
    size-one pattern (then no axis grew) or of one shape class."""
    shaped = fn.shaped.get(old)
    if shaped is not None and shaped == fn.shaped.get(new):
        return True
    pattern = fn.float64.get(old)
    return pattern is not None and pattern == fn.float64.get(new)


def _check(fn: Derivative, stmt: gast.stmt, new: str, old: str) -> gast.stmt:
    op = operator_symbol(stmt.value.op) + "="
    call = build.call(f"{fn.machinery.aliases['_rt']}.in_place", build.name(new), build.name(old),
                      build.constant(op))
    check = build.assign(new, call)  # (the value NumPy leaves: maybe rounded, see the module)
    note = ir.note(check)
    note.op, note.keep, note.origin = Op(runtime.in_place, [], label="a check"), True, \
        ir.note(stmt).origin
    return check
