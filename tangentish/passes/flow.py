"""Control flow for :mod:`normalize`: ``if``, ``for``, ``while``, conditional and boolean expressions.

Single assignment is kept across control flow with explicit merge copies:

- after an ``if``, a variable that the branches leave with different names gets a fresh merge name,
  assigned at the end of each branch (``y_2 = y_1`` / ``y_2 = y``);
- a variable assigned in a loop body and defined before the loop is *loop-carried*: it gets a
  fresh name before the loop (``s_1 = s``); the body starts by copying it into a name of the
  iteration's own (``s_2 = s_1``), and a copy at the end of the body (before the trailing
  ``if _brk: break``) carries the new value to the next iteration (``s_1 = s_3``).

So every name has one definition per path through one iteration; only merge names and
loop-carried names are assigned in more than one place.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

import gast

from .normalize import Op, assign, name

if TYPE_CHECKING:
    from .normalize import Normalizer


def _copy(norm: Normalizer, target: str, source: str) -> gast.Assign:
    """A merge or loop-carry copy (no provenance comment of its own in the adjoint)."""
    stmt = assign(target, name(source))
    stmt.origin = None
    stmt.op = Op(None, [name(source)])
    return stmt


def is_break_if(stmt: gast.stmt) -> bool:
    """``if flag: break``, the last statement of a desugared loop body."""
    return (isinstance(stmt, gast.If) and len(stmt.body) == 1
            and isinstance(stmt.body[0], gast.Break) and not stmt.orelse)


def _append_before_break(body: list, stmts: list) -> None:
    index = len(body) - 1 if body and is_break_if(body[-1]) else len(body)
    body[index:index] = stmts


def if_statement(norm: Normalizer, stmt: gast.If) -> None:
    test = norm.atom(stmt.test)
    before = dict(norm.current)
    then = norm.block(stmt.body)
    after_then = norm.current
    norm.current = dict(before)
    orelse = norm.block(stmt.orelse)
    after_else = norm.current
    norm.current = merge(norm, then, after_then, orelse, after_else)
    norm.emit(gast.If(test=test, body=then, orelse=orelse))


def merge(norm: Normalizer, then: list, after_then: dict, orelse: list,
          after_else: dict) -> dict:
    """The variable map after two branches, adding merge copies where their names differ."""
    merged = {}
    for variable in sorted(set(after_then) | set(after_else)):
        a, b = after_then.get(variable), after_else.get(variable)
        if a == b or a is None or b is None:
            merged[variable] = a or b
            continue
        joined = norm.namer.fresh(variable)
        _append_before_break(then, [_copy(norm, joined, a)])
        _append_before_break(orelse, [_copy(norm, joined, b)])
        merged[variable] = joined
    return merged


def _assigned(stmts: list) -> set[str]:
    return {n.id for s in stmts for n in gast.walk(s)
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}


def carry(norm: Normalizer, body: list) -> list[str]:
    """Give each loop-carried variable a fresh name before the loop; returns the variables."""
    carried = sorted(v for v in _assigned(body) if v in norm.current)
    for variable in carried:
        fresh = norm.namer.fresh(variable)
        norm.body.append(_copy(norm, fresh, norm.current[variable]))
        norm.current[variable] = fresh
    return carried


def open_loop(norm: Normalizer, carried: list[str]) -> list:
    """Inside the body, read each loop-carried value through a name of the iteration's own
    (``s_2 = s_1``), so the tape can save it with the body's other values."""
    copies = []
    for variable in carried:
        local = norm.namer.fresh(variable)
        copies.append(_copy(norm, local, norm.current[variable]))
        norm.current[variable] = local
    return copies


def close_loop(norm: Normalizer, body: list, carried: list[str], entry: dict) -> None:
    """Copy the values the body computed into the loop-carried names (the back edge)."""
    copies = [_copy(norm, entry[v], norm.current[v]) for v in carried
              if norm.current[v] != entry[v]]
    _append_before_break(body, copies)
    norm.current.update({v: entry[v] for v in carried})


def for_statement(norm: Normalizer, stmt: gast.For) -> None:
    if not isinstance(stmt.target, gast.Name):
        raise norm.error("cannot differentiate a loop with this target", stmt.target,
                         hint="loop over `range(...)` with a plain variable")
    iterable = norm.atom(stmt.iter)
    carried = carry(norm, stmt.body)
    target = norm.define(stmt.target.id)
    entry = dict(norm.current)
    head = open_loop(norm, carried)
    body = head + norm.block(stmt.body)
    close_loop(norm, body, carried, entry)
    loop = gast.For(target=name(target, store=True), iter=iterable, body=body, orelse=[],
                    type_comment=None)
    norm.emit(loop)


def while_statement(norm: Normalizer, stmt: gast.While) -> None:
    carried = carry(norm, stmt.body)
    test = norm.atom(stmt.test)  # a constant, a loop-carried variable, or recomputed below
    entry = dict(norm.current)
    head = open_loop(norm, carried)
    body = head + norm.block(stmt.body)
    if isinstance(test, gast.Name) and test.id not in entry.values():
        saved, norm.body = norm.body, []
        value, op = norm.lower(stmt.test)
        norm.emit(assign(test.id, value), op)
        _append_before_break(body, norm.body)
        norm.body = saved
    close_loop(norm, body, carried, entry)
    norm.emit(gast.While(test=test, body=body, orelse=[]))


def ifexp(norm: Normalizer, expr: gast.IfExp) -> tuple[gast.expr, Op]:
    """``a if c else b`` → an ``if`` statement assigning one fresh name in both branches."""
    test = norm.atom(expr.test)
    result = norm.namer.temp()
    branches = []
    for value in (expr.body, expr.orelse):
        saved, norm.body = norm.body, []
        atom = norm.atom(value)
        norm.body.append(_copy(norm, result, atom.id) if isinstance(atom, gast.Name)
                         else _constant_assign(norm, result, atom))
        branches.append(norm.body)
        norm.body = saved
    norm.emit(gast.If(test=test, body=branches[0], orelse=branches[1]))
    return name(result), Op(None, [name(result)], node=expr)


def _constant_assign(norm: Normalizer, target: str, value: gast.expr) -> gast.Assign:
    stmt = assign(target, value)
    stmt.origin = norm.origin
    stmt.op = Op(None, [])
    return stmt


def boolop(norm: Normalizer, expr: gast.BoolOp) -> tuple[gast.expr, Op]:
    """``a and b`` → ``r = a; if r: r = b`` (``or``: ``if not r``), evaluating lazily."""
    result = norm.namer.temp()
    first = norm.atom(expr.values[0])
    norm.body.append(_copy(norm, result, first.id) if isinstance(first, gast.Name)
                     else _constant_assign(norm, result, first))
    for value in expr.values[1:]:
        test: gast.expr = name(result)
        if isinstance(expr.op, gast.Or):
            negated = norm.namer.temp()
            operand = name(result)
            norm.emit(assign(negated, gast.UnaryOp(op=gast.Not(), operand=operand)),
                      Op(operator.not_, [operand], label="`not`"))
            test = name(negated)
        saved, norm.body = norm.body, []
        atom = norm.atom(value)
        norm.body.append(_copy(norm, result, atom.id) if isinstance(atom, gast.Name)
                         else _constant_assign(norm, result, atom))
        branch, norm.body = norm.body, saved
        norm.emit(gast.If(test=test, body=branch, orelse=[]))
    return name(result), Op(None, [name(result)], node=expr)
