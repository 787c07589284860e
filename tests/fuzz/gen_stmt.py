"""Straight-line statements: assignments, reassignments, augmented and tuple assignments, in-place
updates on arrays the function owns, lists fed to ``np.array``/``sum``, closures, returns.

Each ``s_*`` function writes lines (4-space relative indentation) into the current scope and
returns them, or returns ``None`` when it does not apply.  Arrays are updated in place only when
the variable owns a fresh array (``v.copy()``, ``np.zeros``, arithmetic results), never a
parameter or a view of one, so a valid program never changes its inputs.
"""

from __future__ import annotations

from .context import Callee, Ctx, Expr, Var, par, zeros_text
from .gen_call import call_text

Lines = list[str]
SHAPE_WEIGHTS = (4.0, 3.0, 1.0, 2.0)  # (), (n,), (m,), (m, n)


def indent(lines: Lines) -> Lines:
    return ["    " + line for line in lines]


def pick_shape(ctx: Ctx) -> tuple[int, ...]:
    """A shape for a new variable: a scalar or one of the parameters' shapes."""
    weighted = zip(SHAPE_WEIGHTS, ((), ctx.N, ctx.MV, ctx.MN), strict=True)
    return ctx.ordered([(w, s) for w, s in weighted if ctx.has(s)])[0]


def picked_statement(ctx: Ctx, depth: int, kinds: tuple) -> Lines | None:
    """A local of a random shape bound by one of ``kinds`` (each ``(ctx, shape, depth, out)`` ->
    ``(lines, bound)`` or None), the features' statements of one form."""
    shape = pick_shape(ctx)
    out = local_name(ctx, shape)
    made = ctx.pick(kinds)(ctx, shape, depth, out)
    if made is None:
        return None
    lines, bound = made
    define(ctx, out, Expr(out, shape, bound, fresh=False))
    return lines


def define(ctx: Ctx, name: str, e: Expr) -> None:
    """Bind ``name`` to ``e`` in the current scope (a reassignment keeps the Var, widening it);
    a value that may be integral makes ``name`` integral and never updated in place."""
    fresh = e.fresh
    if ctx.reads_integral(e.text):
        ctx.integral.add(name)
        fresh = False
    old = ctx.scope.vars.get(name)
    if old is not None and old.shape == e.shape:
        old.bound = max(old.bound, e.bound)
        old.fresh = old.fresh and fresh
        return
    ctx.scope.vars[name] = Var(name, e.shape, e.bound, fresh)


def share_dtype(ctx: Ctx, group: list[Var]) -> None:
    """Variables that hand their values round (a swap, a rotation): each may hold what any held."""
    if any(v.name in ctx.integral for v in group):
        ctx.integral.update(v.name for v in group)
    fresh = all(v.fresh for v in group)
    for v in group:
        v.fresh = fresh


def local_name(ctx: Ctx, shape: tuple[int, ...]) -> str:
    stems = {0: ("s", "t", "e", "acc", "c"), 1: ("y", "z", "r", "g"), 2: ("Z", "H", "P")}
    return ctx.fresh_name(ctx.pick(stems[len(shape)]))


def s_assign(ctx: Ctx, depth: int) -> Lines:
    return assign_new(ctx, pick_shape(ctx), depth)[1]


def assign_new(ctx: Ctx, shape: tuple[int, ...], depth: int) -> tuple[Var, Lines]:
    e = ctx.expr(shape, depth)
    name = local_name(ctx, shape)
    define(ctx, name, e)
    return ctx.scope.vars[name], [f"{name} = {e.text}"]


def loop_update(ctx: Ctx, var: Var, depth: int) -> tuple[str, float]:
    """An update of ``var`` that stays bounded when repeated: ``s = 0.5 * s + e``, ``s += e``..."""
    e = ctx.expr(var.shape, depth)
    tame = ctx.pick(("0.5", "0.9", f"np.cos({e.text})", f"np.tanh({e.text})"))
    options = [(f"{var.name} = {tame} * {var.name} + {par(e.text)}", 2 * var.bound + 2 * e.bound),
               (f"{var.name} = {var.name} + {par(e.text)}", var.bound + 5 * e.bound),
               (f"{var.name} = np.sin({var.name}) * {par(e.text)}", e.bound)]
    if var.shape == () or var.fresh:
        options += [(f"{var.name} += {e.text}", var.bound + 5 * e.bound),
                    (f"{var.name} -= {e.text}", var.bound + 5 * e.bound),
                    (f"{var.name} *= {tame}", var.bound),
                    (f"{var.name} /= 1.0 + {par(e.text)} ** 2", var.bound)]
    return ctx.pick(options)


def s_reassign(ctx: Ctx, depth: int) -> Lines | None:
    names = list(ctx.scope.vars.values())
    if not names:
        return None
    var = ctx.pick(names)
    if ctx.scope.loop_depth > 0 or ctx.rng.random() < 0.4:
        text, bound = loop_update(ctx, var, depth)
        var.bound = max(var.bound, bound)
        return [text]
    e = ctx.expr(var.shape, depth)
    define(ctx, var.name, e)
    return [f"{var.name} = {e.text}"]


def s_tuple(ctx: Ctx, depth: int) -> Lines | None:
    pairs = {}
    for v in ctx.scope.vars.values():
        pairs.setdefault(v.shape, []).append(v)
    kind = ctx.pick(("pack", "swap", "swap"))
    same = [vs for vs in pairs.values() if len(vs) >= 2]
    if kind == "swap" and same:
        a, b = ctx.rng.sample(ctx.pick(same), 2)
        product = ctx.rng.random() < 0.5
        bound_a, bound_b = b.bound, (a.bound * b.bound if product else a.bound)
        a.bound, b.bound = max(a.bound, bound_a), max(b.bound, bound_b)
        share_dtype(ctx, [a, b])
        second = f"{a.name} * {b.name}" if product else a.name
        return [f"{a.name}, {b.name} = {b.name}, {second}"]
    e1, e2 = ctx.expr(pick_shape(ctx), depth), ctx.expr(pick_shape(ctx), depth)
    n1, n2 = local_name(ctx, e1.shape), local_name(ctx, e2.shape)
    define(ctx, n1, e1)
    define(ctx, n2, e2)
    return [f"{n1}, {n2} = {e1.text}, {e2.text}"]


def s_rotation(ctx: Ctx, depth: int) -> Lines | None:
    """A loop handing three values of one shape round (feature 'rotation'), the last one new,
    each read nonlinearly: ``for _ in range(3): a, b, c = b, c, np.sin(c) * b + np.cos(a)``.
    Each handed-on value is the next one's entry copy, so the adjoint loop's copies back must
    run in order."""
    groups: dict[tuple[int, ...], list[Var]] = {}
    for v in ctx.scope.vars.values():
        groups.setdefault(v.shape, []).append(v)
    three = [vs for vs in groups.values() if len(vs) >= 3]
    if not three:
        return None
    a, b, c = ctx.rng.sample(ctx.pick(three), 3)
    bounds = (b.bound, c.bound, b.bound + 1.0)
    share_dtype(ctx, [a, b, c])
    for var, bound in zip((a, b, c), bounds, strict=True):
        var.bound = max(var.bound, bound)
    trips = ctx.pick((2, 3))
    return [f"for _ in range({trips}):", f"    {a.name}, {b.name}, {c.name} = {b.name}, "
            f"{c.name}, np.sin({c.name}) * {b.name} + np.cos({a.name})"]


def _owned(ctx: Ctx, shape: tuple[int, ...], depth: int) -> tuple[Var, Lines]:
    """A variable owning an array of ``shape`` (made here if there is none)."""
    owned = [v for v in ctx.scope.vars.values() if v.shape == shape and v.fresh]
    if owned and ctx.rng.random() < 0.7:
        return ctx.pick(owned), []
    source = ctx.leaf(shape)
    copies = [f"{source.text}.copy()", f"np.copy({source.text})", f"np.array({source.text})"]
    if ctx.reads_integral(source.text):  # (a copy of integers is integers: made float instead)
        copies = [f"np.array({source.text}, dtype=float)"]
    text = ctx.pick((*copies, zeros_text(shape), f"{par(source.text)} * 1.0"))
    name = local_name(ctx, shape)
    ctx.scope.vars[name] = Var(name, shape, source.bound, fresh=True)
    return ctx.scope.vars[name], [f"{name} = {text}"]


def _index(ctx: Ctx, length: int) -> str:
    usable = [n for n, (lo, hi) in sorted(ctx.scope.ints.items()) if lo >= 0 and hi < length]
    if usable and ctx.rng.random() < 0.6:
        return ctx.pick(usable)
    return str(ctx.rng.randrange(-length, length))


def s_inplace(ctx: Ctx, depth: int) -> Lines:
    if ctx.on("item_tuple", 0.4):
        return _item_tuple(ctx, depth)
    shape = ctx.pick((ctx.N, ctx.N, ctx.MV, ctx.MN))
    var, lines = _owned(ctx, shape, depth)
    y, op = var.name, ctx.pick(("=", "+=", "-=", "*="))
    kind = ctx.pick(("element", "slice", "mask")) if len(shape) == 1 else ctx.pick(
        ("row", "column", "element", "mask"))
    if kind == "element":
        subs = ", ".join(_index(ctx, d) for d in shape)
        e = ctx.expr((), depth)
        lines.append(f"{y}[{subs}] {op} {e.text}")
    elif kind == "slice":
        k = shape[0]
        lo = ctx.rng.randrange(0, k - 1)
        hi = ctx.rng.randrange(lo + 1, k + 1)
        e = ctx.expr(shape, depth)
        lines.append(f"{y}[{lo}:{hi}] {op} {par(e.text)}[{lo}:{hi}]")
    elif kind == "mask":
        m = ctx.expr(shape, min(depth, 1))
        value = ctx.pick(("0.0", "0.5", "-1.0")) if op == "=" else ctx.pick(("0.5", "2.0"))
        lines.append(f"{y}[{par(m.text)} {ctx.pick(('>', '<'))} 0.0] {op} {value}")
    elif kind == "row":
        e = ctx.expr(ctx.N, depth)
        lines.append(f"{y}[{_index(ctx, ctx.m)}] {op} {e.text}")
    else:
        e = ctx.expr(ctx.MV, depth)
        lines.append(f"{y}[:, {_index(ctx, ctx.n)}] {op} {e.text}")
    var.bound = var.bound * 3.0 + 3.0 * (e.bound if kind != "mask" else 2.0)
    return lines


def _item_tuple(ctx: Ctx, depth: int) -> Lines:
    """Two writes in one tuple assignment (feature 'item_tuple'): a swap of elements, or of a
    matrix's rows (copied: rows are views), one side scaled: ``y[i], y[j] = y[j] * e, y[i]``."""
    rows = ctx.rng.random() < 0.3
    var, lines = _owned(ctx, ctx.MN if rows else ctx.N, depth)
    y, length = var.name, ctx.m if rows else ctx.n
    i, j = _index(ctx, length), _index(ctx, length)
    e = ctx.expr((), depth)
    second = f"{y}[{i}].copy()" if rows else f"{y}[{i}]"
    lines.append(f"{y}[{i}], {y}[{j}] = {y}[{j}] * {par(e.text)}, {second}")
    var.bound = var.bound * max(1.0, e.bound)
    ctx.used.add("item_tuple")
    return lines


def s_list(ctx: Ctx, depth: int) -> Lines:
    """A list built by a loop, a literal or a comprehension, consumed by np.array/np.stack/sum."""
    kind = ctx.pick(("append", "literal", "comprehension"))
    name = local_name(ctx, ())
    if kind == "literal":
        count = ctx.pick((ctx.n, ctx.m))
        items = [ctx.expr((), depth) for _ in range(count)]
        text = ", ".join(i.text for i in items)
        if ctx.rng.random() < 0.5:
            e = Expr(f"np.array([{text}])", (count,), max(i.bound for i in items))
        else:
            e = Expr(f"sum([{text}])", (), sum(i.bound for i in items))
        define(ctx, name, e)
        return [f"{name} = {e.text}"]
    vectors = ctx.vars_of(ctx.N)
    if kind == "comprehension" and vectors:
        v = ctx.pick(vectors)
        saved = ctx.scope
        ctx.scope = saved.child()
        ctx.scope.vars["q"] = Var("q", (), v.bound)
        body = ctx.expr((), depth)
        ctx.scope = saved
        e = Expr(f"np.array([{body.text} for q in {v.name}])", ctx.N, body.bound)
        define(ctx, name, e)
        return [f"{name} = {e.text}"]
    return _append_loop(ctx, name, depth)


def _append_loop(ctx: Ctx, name: str, depth: int) -> Lines:
    parts, count = ctx.fresh_name("parts"), ctx.rng.randrange(1, 5)
    index = ctx.fresh_name("i")
    item_shape = ctx.pick(((), (), ctx.N))
    saved = ctx.scope
    ctx.scope = saved.child(loop=True)
    ctx.scope.ints[index] = (0, count - 1)
    item = ctx.expr(item_shape, depth)
    ctx.scope = saved
    lines = [f"{parts} = []", f"for {index} in range({count}):", f"    {parts}.append({item.text})"]
    # one consumer, or two of the same list (their adjoints add up in the list's adjoint)
    consumers = _ITEM_CONSUMERS if item_shape == () else _ROW_CONSUMERS
    chosen = [ctx.pick(consumers) for _ in range(ctx.pick((1, 2)))]
    consumer = " + ".join(c.format(parts=parts, n=ctx.n) for c in chosen)
    if item_shape != ():
        name = local_name(ctx, ctx.N)
    define(ctx, name, Expr(consumer, item_shape or (), len(chosen) * count * item.bound))
    return [*lines, f"{name} = {consumer}"]


# Consumers of a list of numbers (a number each), and of a list of length-n vectors (a vector each).
_ITEM_CONSUMERS = ("np.sum(np.array({parts}))", "sum({parts})", "np.mean(np.array({parts}))",
                   "np.max(np.array({parts}))", "np.sum(np.hstack({parts}))", "{parts}[-1]",
                   "np.sum(np.stack({parts}) ** 2)")
_ROW_CONSUMERS = ("np.sum(np.stack({parts}), axis=0)", "np.array({parts})[-1]",
                  "np.mean(np.array({parts}), axis=0)", "np.sum(np.vstack({parts}), axis=0)",
                  "np.concatenate({parts})[:{n}]", "np.hstack({parts})[-{n}:]", "{parts}[0]",
                  "np.column_stack({parts})[:, -1]", "sum({parts})",
                  "np.sum(np.dstack({parts}), axis=2)[0]")


def s_dict(ctx: Ctx, depth: int) -> Lines:
    """A dict local (a display, ``{}`` and writes, or ``dict(...)``), one key maybe written again,
    read by its keys, ``.get`` or a loop over its items."""
    shape, d = pick_shape(ctx), ctx.fresh_name("d")
    keys = ["a", "b", "c"][:ctx.rng.randrange(2, 4)]
    items = [(k, ctx.expr(shape, depth)) for k in keys]
    bound = max(e.bound for _, e in items)
    kind = ctx.pick(("display", "writes", "call"))
    if kind == "display":
        lines = [f"{d} = {{{', '.join(f'{k!r}: {e.text}' for k, e in items)}}}"]
    elif kind == "call":
        lines = [f"{d} = dict({', '.join(f'{k}={e.text}' for k, e in items)})"]
    else:
        lines = [f"{d} = {{}}", *(f"{d}[{k!r}] = {e.text}" for k, e in items)]
    if ctx.rng.random() < 0.5:
        k, e = ctx.pick(keys), ctx.expr(shape, depth)
        lines.append(f"{d}[{k!r}] = 0.5 * {d}[{k!r}] + {par(e.text)}")
        bound = max(bound, 0.5 * bound + e.bound)
    out = local_name(ctx, shape)
    use = ctx.pick(("reads", "get", "items"))
    if use == "reads":
        lines.append(f"{out} = {' + '.join(f'{d}[{k!r}]' for k in keys)}")
    elif use == "get":
        lines.append(f"{out} = {d}.get({keys[0]!r}, 0.0) * {d}.get('z', 1.0) + {d}[{keys[-1]!r}]")
    else:
        lines += [f"{out} = 0.0", f"for key, val in {d}.items():", f"    {out} = {out} + val"]
    define(ctx, out, Expr(out, shape, len(keys) * bound + bound * bound, fresh=False))
    return lines


def s_closure(ctx: Ctx, depth: int) -> Lines:
    """``def g(t, c=0.5): return ...`` or ``g = lambda t: ...``, reading enclosing variables."""
    shape = ctx.pick(((), ctx.N))
    name = ctx.fresh_name(ctx.pick(("g", "act", "fn")))
    saved = ctx.scope
    ctx.scope = saved.child()
    ctx.scope.vars["t"] = Var("t", shape, 2.0)
    with_default = ctx.rng.random() < 0.4
    if with_default:
        ctx.scope.vars["c"] = Var("c", (), 2.0)
    body = ctx.expr(shape, depth)
    ctx.scope = saved
    params = [("t", shape, None, False)] + ([("c", (), "0.5", False)] if with_default else [])
    ctx.scope.funcs[name] = Callee(name, params, [shape], body.bound)
    if not with_default and ctx.rng.random() < 0.5:
        return [f"{name} = lambda t: {body.text}"]
    signature = "t, c=0.5" if with_default else "t"
    return [f"def {name}({signature}):", f"    return {body.text}"]


def s_tuple_call(ctx: Ctx, depth: int) -> Lines | None:
    pairs = [h for h in ctx.helpers if len(h.returns) == 2]
    if not pairs:
        return None
    helper = ctx.pick(pairs)
    names = [local_name(ctx, s) for s in helper.returns]
    text = call_text(ctx, helper, depth)
    for n, s in zip(names, helper.returns, strict=True):
        define(ctx, n, Expr(n, s, helper.bound, fresh=False))
    return [f"{names[0]}, {names[1]} = {text}"]


def return_line(ctx: Ctx, depth: int, *, final: bool = False) -> str:
    """``return e`` (``return e1, e2`` for a tuple); a function's last return also adds the scalar
    variables and reductions of the arrays nothing has read yet, so every statement matters."""
    values = [ctx.expr(shape, depth).text for shape in ctx.scope.returns]
    if final and ctx.scope.returns[0] == ():
        unread = [v for v in ctx.scope.vars.values() if v.reads == 0][-3:]
        terms = [_as_scalar(ctx, v) for v in unread]
        values[0] = " + ".join([par(values[0])] + [t for t in terms if t])
    return "return " + ", ".join(values)


def _as_scalar(ctx: Ctx, var: Var) -> str | None:
    if var.shape == ():
        return ctx.read(var)
    if "reductions" in ctx.active:
        return f"{ctx.pick(('np.sum', 'np.mean', 'np.max'))}({ctx.read(var)})"
    if "indexing" in ctx.active:
        return f"{ctx.read(var)}[{', '.join('0' for _ in var.shape)}]"
    return None
