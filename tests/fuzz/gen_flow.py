"""Blocks and control flow: ``if``/``elif``/``else``, ``for`` over ranges and arrays, ``while`` with
counters and value conditions, ``break``/``continue``, early returns at any depth.

``block`` writes a statement list and says whether it ends in a jump (``return``, ``break``,
``continue``), after which nothing more is written.  Every ``while`` has an integer counter bound, so
every program terminates; the counter is incremented first, so ``continue`` cannot skip it.
Names defined inside a nested block stay inside it, except a value every non-jumping branch of an
``if``/``else`` assigns, and (feature 'loop_last') a value a ``for`` loop that surely runs assigns
first thing in its body: after the loop it holds the last iteration's value.
"""

from __future__ import annotations

from contextlib import contextmanager

from . import gen_stmt as st
from .context import Ctx, Expr, Var
from .gen_complex import s_complex
from .gen_forms import s_out_args
from .gen_functional import s_functional
from .gen_idioms import s_idioms
from .gen_idioms2 import s_idioms2
from .gen_integral import s_integral
from .gen_joins import s_join
from .gen_layers import s_layers
from .gen_orders import s_add_at
from .gen_records import s_partial, s_record
from .gen_views import s_list_methods, s_part_method, s_view_write

MAX_NEST = 3


@contextmanager
def nested(ctx: Ctx, *, loop: bool):
    saved = ctx.scope
    ctx.scope = saved.child(loop=loop)
    try:
        yield ctx.scope
    finally:
        ctx.scope = saved


def block(ctx: Ctx, budget: int, level: int) -> tuple[st.Lines, bool]:
    """Up to ``budget`` statements at nesting ``level``; ``(lines, ends_in_jump)``."""
    lines: st.Lines = []
    depth = 3 if level == 0 else 2
    for _ in range(budget):
        kinds = [(w, (f, k)) for f, w, k in KINDS if _allowed(ctx, f, k, level)]
        for feature, kind in ctx.ordered(kinds):
            written = kind(ctx, depth) if kind in _SIMPLE else kind(ctx, level)
            if written is None:
                continue
            new, jump = written if isinstance(written, tuple) else (written, False)
            if feature:
                ctx.used.add(feature)
            lines += new
            if jump:
                return lines, True
            break
    if not lines:
        lines = st.s_assign(ctx, depth)
    return lines, False


def _allowed(ctx: Ctx, feature: str | None, kind, level: int) -> bool:
    if feature is not None and feature not in ctx.active:
        return False
    if kind is f_jump:
        return ctx.scope.loop_depth > 0
    if kind is f_return:
        return level <= MAX_NEST
    return kind in _SIMPLE or level < MAX_NEST


def f_if(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    merge = ctx.rng.random() < 0.5
    has_else = merge or ctx.rng.random() < 0.5
    arms = 1 + (ctx.rng.randrange(1, 3) if ctx.on("elif", 0.6) else 0)
    if arms > 1:
        ctx.used.add("elif")
    shape = st.pick_shape(ctx)
    name = st.local_name(ctx, shape)
    lines, jumps, exprs = [], [], []
    for arm in range(arms + (1 if has_else else 0)):
        header = "else:" if arm == arms else f"{'if' if arm == 0 else 'elif'} {ctx.cond(2)}:"
        with nested(ctx, loop=False):
            body, jump = block(ctx, ctx.rng.randrange(1, 3), level + 1)
            if merge and not jump:
                e = ctx.expr(shape, 2)
                body.append(f"{name} = {e.text}")
                exprs.append(e)
        lines += [header, *st.indent(body)]
        jumps.append(jump)
    if merge and exprs:
        st.define(ctx, name, Expr(name, shape, max(e.bound for e in exprs),
                                  fresh=all(e.fresh for e in exprs)))
    return lines, has_else and all(jumps)


def _range_header(ctx: Ctx) -> tuple[str, int, int]:
    """``range(...)`` text and the index's low and high values."""
    count = ctx.pick((0, 1, 2, 3, 3, 4))
    options = [(f"range({count})", 0, count - 1, ""), (f"range(1, {count + 1})", 1, count, ""),
               (f"reversed(range({count}))", 0, count - 1, ""),
               (f"range({count} - 1, -1, -1)", 0, count - 1, ""),
               (f"range(0, {count + 2}, 2)", 0, count + 1, "")]
    for v in ctx.vars_of(ctx.N) + ctx.vars_of(ctx.MN):
        options.append((f"range(len({v.name}))", 0, v.shape[0] - 1, ""))
        if "methods" in ctx.active:
            options.append((f"range({v.name}.shape[0])", 0, v.shape[0] - 1, "methods"))
    for name, value in ctx.int_params:
        options += [(f"range({name})", 0, value - 1, "int_param"),
                    (f"range(1, {name} + 1)", 1, value, "int_param")]
    text, low, high, feature = ctx.pick(options)
    if feature:
        ctx.used.add(feature)
    return text, low, high


def _index_name(ctx: Ctx) -> str:
    for name in ("i", "j", "k"):
        if name not in ctx.scope.ints and name not in ctx.scope.vars:
            return name
    return ctx.fresh_name("i")


def _last_value(ctx: Ctx, runs: bool) -> tuple[st.Lines, tuple[str, Expr] | None]:
    """Sometimes (feature 'loop_last', in a loop that surely runs) the body's first line
    ``name = expr``, and what ``name`` holds after the loop (the last iteration's value)."""
    if not runs or not ctx.on("loop_last", 0.5):
        return [], None
    shape = st.pick_shape(ctx)
    e = ctx.expr(shape, 2)
    name = st.local_name(ctx, shape)
    integral = ctx.reads_integral(e.text)
    if integral:
        ctx.integral.add(name)
    return [f"{name} = {e.text}"], (name, Expr(name, shape, e.bound, fresh=e.fresh and not integral))


def _escapes(ctx: Ctx, last: tuple[str, Expr] | None) -> None:
    """``last`` (from :func:`_last_value`) is readable after the loop."""
    if last is not None:
        ctx.used.add("loop_last")
        st.define(ctx, *last)


def f_for_range(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    header, low, high = _range_header(ctx)
    index = _index_name(ctx)
    with nested(ctx, loop=True) as scope:
        scope.ints[index] = (low, high)
        first, last = _last_value(ctx, high >= low)
        body, _ = block(ctx, ctx.rng.randrange(1, 3), level + 1)
    _escapes(ctx, last)
    return [f"for {index} in {header}:", *st.indent(first + body)], False


def f_for_array(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    kind = ctx.pick(("rows", "elements", "enumerate", "zip", "columns"))
    with nested(ctx, loop=True) as scope:
        if kind in ("rows", "columns"):
            source = ctx.leaf(ctx.MN)
            item = ctx.fresh_name("row" if kind == "rows" else "col")
            text = source.text if kind == "rows" else f"{source.text}.T"
            scope.vars[item] = Var(item, ctx.N if kind == "rows" else ctx.MV, source.bound)
            if ctx.reads_integral(source.text):  # (a row of integers)
                ctx.integral.add(item)
            header = f"for {item} in {text}:"
        elif kind == "zip":
            a, b = ctx.leaf(ctx.N), ctx.leaf(ctx.N)
            p, q = ctx.fresh_name("a"), ctx.fresh_name("b")
            scope.vars[p], scope.vars[q] = Var(p, (), a.bound), Var(q, (), b.bound)
            header = f"for {p}, {q} in zip({a.text}, {b.text}):"
        else:
            v = ctx.leaf(ctx.N)
            item = ctx.fresh_name("xi")
            scope.vars[item] = Var(item, (), v.bound)
            header = f"for {item} in {v.text}:"
            if kind == "enumerate":
                index = _index_name(ctx)
                scope.ints[index] = (0, ctx.n - 1)
                header = f"for {index}, {item} in enumerate({v.text}):"
        first, last = _last_value(ctx, True)  # (no parameter is empty)
        body, _ = block(ctx, ctx.rng.randrange(1, 3), level + 1)
    _escapes(ctx, last)
    return [header, *st.indent(first + body)], False


def _counter(ctx: Ctx) -> str:
    return ctx.fresh_name(ctx.pick(("k", "it", "count")))


def f_while_counter(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    k, trips = _counter(ctx), ctx.rng.randrange(0, 5)
    down = ctx.rng.random() < 0.4
    with nested(ctx, loop=True) as scope:
        scope.ints[k] = (0, trips - 1) if down else (1, trips)
        body, _ = block(ctx, ctx.rng.randrange(1, 3), level + 1)
    if down:
        return [f"{k} = {trips}", f"while {k} > 0:", f"    {k} -= 1", *st.indent(body)], False
    return [f"{k} = 0", f"while {k} < {trips}:", f"    {k} += 1", *st.indent(body)], False


def f_while_value(ctx: Ctx, level: int) -> tuple[st.Lines, bool] | None:
    """``while s < 2.0 and k < 6:`` with ``s`` updated in the body, or ``while True:`` starting with
    ``if k > 6 or not s < 2.0: break`` (without 'bool_ops', two ``if ...: break``; without
    'break_continue' either: not written).  The stop comes first, so ``continue`` cannot skip it."""
    logic, jumps = "bool_ops" in ctx.active, "break_continue" in ctx.active
    if not (logic or jumps):
        return None
    scalars = [v for v in ctx.scope.vars.values() if v.shape == ()]
    lines: st.Lines = []
    if scalars and ctx.rng.random() < 0.7:
        s = ctx.pick(scalars)
    else:
        s, lines = st.assign_new(ctx, (), 2)
    k, trips = _counter(ctx), ctx.rng.randrange(1, 7)
    test, negated = ctx.pick(((f"{s.name} < 2.0", f"{s.name} >= 2.0"),
                              (f"{s.name} > -1.0", f"{s.name} <= -1.0"),
                              (f"abs({s.name}) < 3.0", f"abs({s.name}) >= 3.0"),
                              (f"{s.name} * {s.name} < 4.0", f"{s.name} * {s.name} >= 4.0")))
    with nested(ctx, loop=True) as scope:
        scope.ints[k] = (1, trips)
        body, _ = block(ctx, ctx.rng.randrange(0, 3), level + 1)
        update, bound = st.loop_update(ctx, s, 2)
    s.bound = max(s.bound, bound)
    body = [*st.indent(body), f"    {update}"]
    if jumps and (not logic or ctx.rng.random() < 0.3):
        ctx.used.add("break_continue")
        if logic:
            stop = [f"    if {k} > {trips} or not {test}:"]
        else:
            stop = [f"    if {k} > {trips}:", "        break", f"    if {negated}:"]
        ctx.used.update(("bool_ops",) if logic else ())
        return [*lines, f"{k} = 0", "while True:", f"    {k} += 1", *stop, "        break", *body], False
    ctx.used.add("bool_ops")
    return [*lines, f"{k} = 0", f"while {test} and {k} < {trips}:", f"    {k} += 1", *body], False


def f_jump(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    """``if cond: break`` / ``continue``; sometimes unconditional at the end of a nested branch."""
    word = ctx.pick(("break", "continue"))
    if level > 1 and ctx.rng.random() < 0.2:
        return [word], True
    return [f"if {ctx.cond(2)}:", f"    {word}"], False


def f_return(ctx: Ctx, level: int) -> tuple[st.Lines, bool]:
    """``if cond: return ...`` (or a bare return closing a nested branch)."""
    if level > 0 and ctx.rng.random() < 0.25:
        return [st.return_line(ctx, 2)], True
    with nested(ctx, loop=False):
        body, jump = ([], False)
        if ctx.rng.random() < 0.4:
            body, jump = block(ctx, ctx.rng.randrange(0, 2), MAX_NEST + 1)
        if not jump:
            body.append(st.return_line(ctx, 2))
    return [f"if {ctx.cond(2)}:", *st.indent(body)], False


_SIMPLE = {st.s_assign, st.s_reassign, st.s_tuple, st.s_inplace, st.s_list, st.s_closure,
           st.s_tuple_call, s_integral, st.s_dict, st.s_rotation, s_view_write, s_layers, s_record,
           s_partial, s_functional, s_part_method, s_list_methods, s_out_args, s_add_at,
           s_idioms, s_idioms2, s_complex}

KINDS = [
    (None, 4.0, st.s_assign),
    ("reassign", 3.0, st.s_reassign),
    ("tuple_unpack", 1.0, st.s_tuple),
    ("rotation", 1.0, st.s_rotation),
    ("inplace", 1.5, st.s_inplace),
    ("view_writes", 1.5, s_view_write),
    ("part_methods", 1.0, s_part_method),
    ("list_methods", 1.0, s_list_methods),
    ("integral", 1.0, s_integral),
    ("lists", 1.0, st.s_list),
    ("dicts", 1.0, st.s_dict),
    ("closures", 1.0, st.s_closure),
    ("tuple_return", 1.5, st.s_tuple_call),
    ("if_else", 2.0, f_if),
    ("for_range", 2.0, f_for_range),
    ("for_array", 1.5, f_for_array),
    ("while_counter", 1.0, f_while_counter),
    ("while_value", 1.0, f_while_value),
    ("break_continue", 1.5, f_jump),
    ("early_return", 1.0, f_return),
    ("layers", 1.0, s_layers),
    ("records", 1.0, s_record),
    ("partials", 1.0, s_partial),
    ("joins", 1.0, s_join),
    ("functional", 1.5, s_functional),
    ("out_args", 1.0, s_out_args),
    ("orders", 0.5, s_add_at),
    ("idioms", 2.0, s_idioms),
    ("idioms2", 2.0, s_idioms2),
    ("complex", 1.5, s_complex),
]
