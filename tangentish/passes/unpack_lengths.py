"""Unpacking checks the length Python checks.

:mod:`normalize` binds ``a, b = t`` by index (``a = t[0]``, ``b = t[1]``), which alone would
silently take the first two items of a ``t`` of three, where Python raises ``ValueError``.  So the
binding is preceded by Python's check, kept in the primal of every mode (the adjoint has nothing
to do for it): ``len(t)`` must equal the number of names (with a starred name, be at least the
number of the others).  The check is dropped again where ``t`` surely has that length: a name
bound once in the whole function, to a tuple display (or a copy of one; a tuple cannot grow).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, parts):
    ...     t = (x, 2.0 * x)
    ...     a, b = t
    ...     c, d = parts
    ...     return a * b + c * d
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, parts):
        x_times_2 = 2.0 * x
        t = (x, x_times_2)
        a = x
        b = x_times_2
        len_parts = len(parts)
        _t2 = len_parts != 2
        if _t2:
            raise ValueError('wrong number of values to unpack (expected 2)')
        c = parts[0]
        d = parts[1]
        a_times_b = a * b
        c_times_d = c * d
        out = a_times_b + c_times_d
        return out
"""

from __future__ import annotations

import builtins
import operator

import gast

from .. import ir
from ..ir import Op
from ..loader import is_generated
from ..syntax import build
from .dataflow import definitions, statements, sweep
from .lowering import Lowering


def guard(norm: Lowering, target: gast.Tuple | gast.List, value: gast.expr,
          checks: list[tuple[str, int, bool, list[gast.stmt]]]) -> None:
    """Emit Python's length check for unpacking ``value`` (an atom) into ``target``; record the
    statements it took in ``checks`` (see :func:`drop_known`)."""
    if not isinstance(value, gast.Name) or is_generated(norm.info.fn):
        return  # (a constant: Python's own error; generated code unpacks what it packed itself)
    starred = any(isinstance(e, gast.Starred) for e in target.elts)
    count = len(target.elts) - starred
    start = len(norm.body)
    sequence = build.name(value.id)
    length = build.call("len", sequence)
    counted = norm.namer.derived(length)
    norm.emit(build.assign(counted, length), Op(builtins.len, [sequence], {}, "`len`", target))
    test, limit = norm.namer.temp(), build.constant(count)
    compare = gast.Compare(left=build.name(counted), ops=[gast.Lt() if starred else gast.NotEq()],
                           comparators=[limit])
    norm.emit(build.assign(test, compare), Op(operator.lt if starred else operator.ne,
                                              [build.name(counted), limit], {}, "a comparison",
                                              target))
    message = (f"not enough values to unpack (expected at least {count})" if starred
               else f"wrong number of values to unpack (expected {count})")
    failure = gast.Raise(exc=build.call("ValueError", build.constant(message)), cause=None)
    ir.note(failure).origin = norm.origin
    norm.emit(build.if_(build.name(test), [failure]))
    checks.append((value.id, count, starred, norm.body[start:]))


def drop_known(body: list[gast.stmt], checks: list[tuple[str, int, bool, list[gast.stmt]]]) -> None:
    """Remove the checks of values whose length is known to pass them."""
    if not checks:
        return
    lengths = _tuple_lengths(body)
    dropped = set()
    for name, count, starred, stmts in checks:
        length = lengths.get(name)
        if length is not None and (length >= count if starred else length == count):
            dropped.update(id(s) for s in stmts)
    if dropped:
        sweep(body, {id(s) for s in statements(body)} - dropped)


def _tuple_lengths(body: list[gast.stmt]) -> dict[str, int]:
    """The names bound exactly once, to a tuple display without a starred item (or to a name that
    is), with its length."""
    found = definitions(body)
    single = {name: stmts[0] for name, stmts in found.items() if len(stmts) == 1}
    lengths: dict[str, int] = {}

    def length(name: str, depth: int = 0) -> int | None:
        stmt = single.get(name)
        if name in lengths or stmt is None or not isinstance(stmt, gast.Assign) or depth > 50:
            return lengths.get(name)
        value = stmt.value
        if isinstance(value, gast.Tuple) and \
                not any(isinstance(e, gast.Starred) for e in value.elts):
            lengths[name] = len(value.elts)
        elif isinstance(value, gast.Name):
            known = length(value.id, depth + 1)
            if known is not None:
                lengths[name] = known
        return lengths.get(name)

    try:
        for name in single:
            length(name)
    finally:
        length = None  # (a recursive closure: a reference cycle keeping the trees)
    return lengths
