"""Control flow for :mod:`normalize`: ``if``, ``for``, ``while``, conditional and boolean expressions.

Single assignment is kept across control flow with explicit copies:

- after an ``if``, a variable that the branches leave with different names gets a fresh merge name,
  assigned at the end of each branch (``y_2 = y_1`` / ``y_2 = y``);
- a variable a loop body assigns is *loop-carried* when its value can cross an iteration: it was
  defined before the loop, it is read after the loop, or the body may read it before assigning it.
  It gets a fresh name before the loop (``s_1 = s``; ``s_1 = None`` if it had no value yet and the
  body may read it first); the body starts by copying it into a name of the iteration's own
  (``s_2 = s_1``), and a copy at the end of the body (before the trailing ``if _brk: break``)
  carries the new value to the next iteration and out of the loop (``s_1 = s_3``).

So every name has one definition per path through one iteration; only merge names and
loop-carried names are assigned in more than one place, and a value read after a loop is always
read through its loop-carried name (whose adjoint the reverse pass hands on, once per iteration).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, n):
    ...     y = x
    ...     if x > 0:
    ...         y = y * 2.0
    ...     s = y
    ...     for i in range(n):
    ...         s = s * y
    ...     return s
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, n):
        _t1 = x > 0
        if _t1:
            y_1 = x * 2.0
            y_2 = y_1
        else:
            y_2 = x
        range_n = range(n)
        s_1 = y_2
        for i in range_n:
            s_2 = s_1
            s_3 = s_2 * y_2
            s_1 = s_3
        return s_1

(``y = x`` is a copy: the copy's readers read ``x`` itself.)
"""

from __future__ import annotations

import operator
from collections import Counter

import gast

from .. import ir
from ..ir import Op
from ..syntax import build
from .dataflow import assigned, must_define, upward_exposed
from .function_bindings import enter_loop, leave_loop, merge_branches
from .list_methods import rebound_lists, stored_plainly
from .lowering import COMPARES, Lowering, is_break_if


def _copy(target: str, source: str) -> gast.Assign:
    """A merge or loop-carry copy (no provenance comment of its own in the adjoint)."""
    stmt = build.assign(target, build.name(source))
    ir.note(stmt).op = Op(None, [build.name(source)])
    return stmt


def _value(norm: Lowering, target: str, atom: gast.expr) -> gast.Assign:
    """``target = atom`` for a name (a copy) or a constant."""
    if isinstance(atom, gast.Name):
        return _copy(target, atom.id)
    stmt = build.assign(target, atom)
    ir.note(stmt).origin = norm.origin
    ir.note(stmt).op = Op(None, [])
    return stmt


def _append_before_break(body: list, stmts: list) -> None:
    index = len(body) - 1 if body and is_break_if(body[-1]) else len(body)
    body[index:index] = stmts


def if_statement(norm: Lowering, stmt: gast.If) -> None:
    test = norm.atom(stmt.test)
    before, functions = dict(norm.current), dict(norm.local_functions)
    norm.branches += 1
    then = norm.block(stmt.body)
    after_then, then_functions = norm.current, norm.local_functions
    norm.current, norm.local_functions = dict(before), functions
    orelse = norm.block(stmt.orelse)
    norm.branches -= 1
    after_else = norm.current
    merge_branches(norm, then_functions, norm.local_functions)
    norm.current = merge(norm, then, after_then, orelse, after_else)
    norm.emit(build.if_(test, then, orelse))


def merge(norm: Lowering, then: list, after_then: dict, orelse: list,
          after_else: dict) -> dict:
    """The variable map after two branches, adding merge copies where their names differ."""
    merged = {}
    made = {"then": None, "else": None}  # names each branch binds, computed when first needed
    for variable in sorted(set(after_then) | set(after_else)):
        a, b = after_then.get(variable), after_else.get(variable)
        if a == b or a is None or b is None:
            merged[variable] = a or b
            side = "then" if b is None else "else"
            if a != b and made[side] is None:
                made[side] = assigned(then if side == "then" else orelse)
            if a != b and (a or b) in made[side]:  # given a value on one path only (an alias
                norm.maybe_unbound.add(a or b)  # of a parameter or a global is always bound)
            continue
        joined = norm.namer.fresh(variable)
        for source in (a, b):  # the copy reads it on every path: give it a value on all of them
            if source in norm.maybe_unbound:
                norm.declare_unbound(source)
        _append_before_break(then, [_copy(joined, a)])
        _append_before_break(orelse, [_copy(joined, b)])
        merged[variable] = joined
    return merged


def _carried(norm: Lowering, loop: gast.For | gast.While) -> tuple[list[str], set[str], set[str]]:
    """The variables whose values may cross an iteration of ``loop`` (see the module docstring),
    those of them that need a value when the body starts (defined before the loop, read by the
    body before it assigns them, or not assigned on every path through the body), and the lists
    the body changes only by list methods (still lists at the loop's head: list_methods.py)."""
    body_assigned = assigned(loop.body)
    targets: set[str] = set()
    if isinstance(loop, gast.For):
        targets = {n.id for n in build.nodes(loop.target) if isinstance(n, gast.Name)}
    inside = Counter(n.id for s in loop.body for n in build.nodes(s) if isinstance(n, gast.Name))
    everywhere = norm.name_counts()
    listed = rebound_lists(norm, loop.body)
    changed = body_assigned | targets | listed
    read_elsewhere = {v for v in changed if everywhere[v] > inside[v] + (v in targets)}
    exposed = upward_exposed(loop.body) - targets
    crossing = (set(norm.current) & changed) | read_elsewhere | (exposed & changed)
    carried = sorted(v for v in crossing if v not in norm.local_functions)
    needs_entry = {v for v in carried if v in norm.current or v in exposed
                   or (v not in must_define(loop.body) and v not in targets)}
    return carried, needs_entry, listed - stored_plainly(loop.body)


def carry(norm: Lowering, carried: list[str], needs_entry: set[str], lists: set[str]) -> None:
    """Give each loop-carried variable a fresh name before the loop, holding its value there
    (``_rt.UNBOUND`` for a variable with no value yet, which the loop may read first: using it
    raises, as reading an unbound variable does in Python); those of ``lists`` are marked as
    lists (``norm.carried_lists``, which :func:`open_loop` hands on)."""
    for variable in carried:
        fresh = norm.namer.fresh(variable)
        if variable in norm.current:
            source = norm.current[variable]
            if source in norm.maybe_unbound:  # bound on some paths only: declare it first
                norm.declare_unbound(source)
            norm.body.append(_copy(fresh, source))
        elif variable in needs_entry:
            norm.body.append(unbound_placeholder(norm, fresh))
        else:  # the loop may run zero times: after it, the name may have no value
            norm.maybe_unbound.add(fresh)
        norm.current[variable] = fresh
        if variable in lists:
            norm.carried_lists.add(fresh)


def unbound_placeholder(norm: Lowering, target: str) -> gast.Assign:
    """``target = _rt.UNBOUND``: a variable that has no value yet."""
    stmt = build.assign(target, build.attribute(build.name(norm.machinery.aliases["_rt"]),
                                                "UNBOUND"))
    ir.note(stmt).origin = norm.origin
    ir.note(stmt).op = Op(None, [])
    ir.note(stmt).placeholder = True
    return stmt


def open_loop(norm: Lowering, carried: list[str], needs_entry: set[str],
              entry: dict) -> list:
    """Inside the body, read each loop-carried value through a name of the iteration's own
    (``s_2 = s_1``), so the tape can save it with the body's other values."""
    copies = []
    for variable in carried:
        if variable in needs_entry:
            local = norm.namer.fresh(variable)
            copies.append(_copy(local, entry[variable]))
            norm.current[variable] = local
            if entry[variable] in norm.carried_lists:
                norm.carried_lists.add(local)
        else:  # assigned before any read in every iteration: the body starts without it
            del norm.current[variable]
    return copies


def close_loop(norm: Lowering, body: list, carried: list[str], entry: dict) -> None:
    """Copy the values the body computed into the loop-carried names (the back edge)."""
    copies = [_copy(entry[v], norm.current[v]) for v in carried
              if v in norm.current and norm.current[v] != entry[v]]
    _append_before_break(body, copies)
    norm.current.update({v: entry[v] for v in carried})


def for_statement(norm: Lowering, stmt: gast.For) -> None:
    if not isinstance(stmt.target, gast.Name):
        raise norm.error("cannot differentiate a loop with this target", stmt.target,
                         hint="loop over `range(...)` with a plain variable")
    iterable = norm.atom(stmt.iter)
    carried, needs_entry, lists = _carried(norm, stmt)
    carry(norm, carried, needs_entry, lists)
    entry = dict(norm.current)
    target = stmt.target.id
    head = open_loop(norm, [v for v in carried if v != target], needs_entry, entry)
    own = norm.namer.fresh(target) if target in entry else norm.define(target)
    norm.current[target] = own
    if isinstance(stmt.iter, gast.Call) and isinstance(stmt.iter.func, gast.Name) and \
            stmt.iter.func.id == "range" and "range" not in norm.locals and \
            norm.info.is_builtin("range"):
        norm.integers.add(own)  # (an index of a basic subscript: receiver_writes.py)
    functions = enter_loop(norm, stmt.body)
    body = head + norm.block(stmt.body)
    leave_loop(norm, functions)
    close_loop(norm, body, carried, entry)
    norm.emit(build.for_(own, iterable, body))


def while_statement(norm: Lowering, stmt: gast.While) -> None:
    carried, needs_entry, lists = _carried(norm, stmt)
    carry(norm, carried, needs_entry, lists)
    test = norm.atom(stmt.test)  # a constant, a loop-carried variable, or recomputed below
    entry = dict(norm.current)
    head = open_loop(norm, carried, needs_entry, entry)
    functions = enter_loop(norm, stmt.body)
    body = head + norm.block(stmt.body)
    leave_loop(norm, functions)
    if isinstance(test, gast.Name) and test.id not in entry.values():
        saved, norm.body = norm.body, []
        value, op = norm.lower(stmt.test)
        norm.emit(build.assign(test.id, value), op)
        _append_before_break(body, norm.body)
        norm.body = saved
    close_loop(norm, body, carried, entry)
    norm.emit(build.while_(test, body))


def ifexp(norm: Lowering, expr: gast.IfExp) -> tuple[gast.expr, Op]:
    """``a if c else b`` → an ``if`` statement assigning one fresh name in both branches."""
    test = norm.atom(expr.test)
    result = norm.namer.temp()
    branches = []
    norm.branches += 1
    norm.value_branches += 1
    for value in (expr.body, expr.orelse):
        saved, norm.body = norm.body, []
        atom = norm.atom(value)
        norm.body.append(_value(norm, result, atom))
        branches.append(norm.body)
        norm.body = saved
    norm.branches -= 1
    norm.value_branches -= 1
    norm.emit(build.if_(test, branches[0], branches[1]))
    return build.name(result), Op(None, [build.name(result)], node=expr)


def boolop(norm: Lowering, expr: gast.BoolOp) -> tuple[gast.expr, Op]:
    """``a and b`` → ``r = a; if a: r = b`` (``or``: ``if not a``), evaluating lazily; a third
    operand is tested inside (``if b: r = c``).  Each ``if`` tests an operand's own value,
    never ``r``, which its branch binds again: the adjoint of the ``if`` reads its test after
    the primal ran, and must take the branch the primal took (``r`` tested there skipped the
    adjoint of ``b``'s loop when ``a`` held and ``b`` did not: its tape pops went missing, fuzz
    seed 4802 program 2)."""
    result = norm.namer.temp()
    negated = isinstance(expr.op, gast.Or)
    opened: list[tuple[list[gast.stmt], gast.expr]] = []
    for index, value in enumerate(expr.values):
        atom = norm.atom(value)
        norm.body.append(_value(norm, result, atom))
        if index + 1 < len(expr.values):
            opened.append((norm.body, _test(norm, atom, negated)))
            norm.body = []
            norm.branches += 1
            norm.value_branches += 1
    while opened:
        branch = norm.body
        norm.body, test = opened.pop()
        norm.branches -= 1
        norm.value_branches -= 1
        norm.emit(build.if_(test, branch))
    return build.name(result), Op(None, [build.name(result)], node=expr)


def _test(norm: Lowering, atom: gast.expr, negated: bool) -> gast.expr:
    if not negated:
        return build.clone(atom)
    flipped = norm.namer.temp()
    norm.emit(build.assign(flipped, build.not_(build.clone(atom))),
              Op(operator.not_, [build.clone(atom)], label="`not`"))
    return build.name(flipped)


def chained_comparison(norm: Lowering, expr: gast.Compare) -> tuple[gast.expr, Op]:
    """``a < b < c`` → ``t = a < b; r = t; if t: r = b < c``: ``b`` evaluated once, ``c`` only
    when needed, as Python does; each ``if`` tests a comparison's own value, not ``r`` (see
    :func:`boolop`)."""
    result = norm.namer.temp()
    left = norm.atom(expr.left)
    opened: list[tuple[list[gast.stmt], gast.expr]] = []
    for index, (op, comparator) in enumerate(zip(expr.ops, expr.comparators, strict=True)):
        right = norm.atom(comparator)
        function = COMPARES.get(type(op))
        if function is None:
            raise norm.error("cannot differentiate this comparison", expr,
                             hint="use <, <=, >, >=, ==, !=, is, is not, in (or not in, outside a chain)")
        last = index + 1 == len(expr.ops)
        target = result if last else norm.namer.temp()
        compare = gast.Compare(left=left, ops=[op], comparators=[right])
        norm.emit(build.assign(target, compare), Op(function, [left, right], {}, "a comparison",
                                                    expr))
        if not last:
            norm.body.append(_copy(result, target))
            opened.append((norm.body, build.name(target)))
            norm.body = []
        left = right
    while opened:
        branch = norm.body
        norm.body, test = opened.pop()
        norm.emit(build.if_(test, branch))
    return build.name(result), Op(None, [build.name(result)], node=expr)
