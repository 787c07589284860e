"""Writes through a view or another name of an array the function owns (feature 'view_writes'):
``v = y[1:4]; v *= e``, ``r = y[::-1]; r[0] += e``, ``z = y; z[2] = e``, ``row = Y[i];
row -= row.mean()``, ``col = Y[:, j]; col[1] = col[0] * e``.  The base is made here (arithmetic,
``np.array``, ``np.zeros``, a reshape), so the write changes only the function's own memory; the
view and the base stay in scope, so later statements read (or write) them again.
"""

from __future__ import annotations

from .context import Ctx, Var, par, zeros_text
from .gen_stmt import Lines, local_name

_SLICES = ("{lo}:{hi}", "{lo}:", ":{hi}", "::-1", "{lo}::2", "::2", "{hi}:{lo}:-1")


def s_view_write(ctx: Ctx, depth: int) -> Lines | None:
    matrix = ctx.has(ctx.MN) and ctx.rng.random() < 0.4
    shape = ctx.MN if matrix else ctx.N
    source = ctx.leaf(shape)
    made = [f"{par(source.text)} * 1.0", f"np.array({source.text})", zeros_text(shape)]
    if ctx.reads_integral(source.text):  # (a copy of integers is integers: made float instead)
        made[1] = f"np.array({source.text}, dtype=float)"
    if matrix:
        made[1] = f"np.reshape({source.text}, {shape}) * 1.0"
    base, chosen = local_name(ctx, shape), ctx.pick(made)
    if matrix and ctx.rng.random() < 0.3:
        return _list_item_write(ctx, base, chosen, source.bound, depth)
    view, index, positions, view_shape = _view(ctx, shape, chosen != made[0])
    if index == "" and chosen == made[0]:  # (an alias of `x * 1.0`: a number if x is one)
        chosen = made[1]
    lines = [f"{base} = {chosen}"]
    lines.append(f"{view} = {base}{index}")
    bound = source.bound
    for _ in range(ctx.pick((1, 1, 2))):
        text, bound = _write(ctx, view, positions, bound, depth)
        lines.append(text)
    ctx.scope.vars[base] = Var(base, shape, bound, fresh=True)
    if view_shape is not None:
        ctx.scope.vars[view] = Var(view, view_shape, bound)
    ctx.used.add("view_writes")
    return lines


def _list_item_write(ctx: Ctx, base: str, made: str, bound: float, depth: int) -> Lines:
    """A list of the matrix ``base``'s rows (views, or copies), one item changed by ``op=``:
    ``rows = [Y[0], Y[1]]; rows[1] *= e``.  Python changes the item in place, so a view's base
    (and an item holding the same memory) changes with it; the base and the list stay in scope."""
    m = ctx.MN[0]
    rows = ctx.fresh_name("rows")
    made_rows = ctx.pick((f"[{', '.join(f'{base}[{i}]' for i in range(m))}]",
                          f"[{base}[i] for i in range({m})]", f"list({base})",
                          f"[{base}[i] * 1.0 for i in range({m})]", f"[{base}[0], {base}[0]]"))
    count = 2 if made_rows.endswith("[0]]") else m
    lines = [f"{base} = {made}", f"{rows} = {made_rows}"]
    for _ in range(ctx.pick((1, 1, 2))):
        k = ctx.rng.randrange(count) - (count if ctx.rng.random() < 0.3 else 0)
        e = ctx.expr((), depth)
        lines.append(ctx.pick((f"{rows}[{k}] += {e.text}", f"{rows}[{k}] *= np.tanh({e.text})",
                               f"{rows}[{k}] -= {rows}[{k}].mean()")))
        bound = bound * 2 + 5 * e.bound
    item = ctx.fresh_name("row")
    lines.append(f"{item} = {rows}[{ctx.rng.randrange(count)}]")
    ctx.scope.vars[base] = Var(base, ctx.MN, bound, fresh=True)
    ctx.scope.vars[item] = Var(item, ctx.N, bound)
    ctx.used.add("view_writes")
    return lines


def _view(ctx: Ctx, shape: tuple[int, ...], rows: bool) -> tuple[str, str, list, tuple | None]:
    """A view's name, its subscript (``""``: another name), the index tuples of its elements
    (for element writes), and its shape when other statements may use it (else None);
    ``rows``: the base's rank is plain, so ``Y[i]`` is a row (else ``Y[i, :]``)."""
    view = ctx.fresh_name(ctx.pick(("v", "w", "r")))
    if ctx.rng.random() < 0.25:
        return view, "", _grid(shape), shape
    if len(shape) == 2:
        i, j = ctx.rng.randrange(shape[0]), ctx.rng.randrange(shape[1])
        if ctx.rng.random() < 0.5:
            row = f"[{i}]" if rows else f"[{i}, :]"
            return view, row, [(k,) for k in range(shape[1])], ctx.N
        return view, f"[:, {j}]", [(k,) for k in range(shape[0])], ctx.MV
    n = shape[0]
    lo, hi = sorted(ctx.rng.sample(range(n + 1), 2))
    text = ctx.pick(_SLICES).format(lo=lo, hi=hi)
    parts = [int(p) if p else None for p in text.split(":")]
    length = len(range(n)[slice(*parts)])
    if length == 0:
        text, length = "::-1", n
    return view, f"[{text}]", [(k,) for k in range(length)], ctx.N if length == n else None


def _grid(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    if len(shape) == 1:
        return [(k,) for k in range(shape[0])]
    return [(i, j) for i in range(shape[0]) for j in range(shape[1])]


def _write(ctx: Ctx, view: str, positions: list, bound: float, depth: int) -> tuple[str, float]:
    """One write through ``view``: the whole of it, or one element (a negative position
    too), the right side reading the view or other values."""
    e = ctx.expr((), depth)
    tame = f"np.tanh({e.text})"
    if ctx.rng.random() < 0.5:
        text = ctx.pick((f"{view} += {e.text}", f"{view} -= {view}.mean()",
                         f"{view} *= {tame}", f"{view} /= 1.0 + {par(e.text)} ** 2"))
        return text, bound + 5 * e.bound
    at = ctx.pick(positions)
    if ctx.rng.random() < 0.3:
        at = tuple(a - len(positions) if len(at) == 1 else a for a in at)
    other = ctx.pick(positions)
    target = f"{view}[{', '.join(map(str, at))}]"
    read = f"{view}[{', '.join(map(str, other))}]"
    op = ctx.pick(("=", "+=", "-=", "*="))
    value = tame if op == "*=" else ctx.pick((e.text, f"{read} * {tame}"))
    return f"{target} {op} {value}", bound * 2 + 5 * e.bound


def s_part_method(ctx: Ctx, depth: int) -> Lines:
    """A method changing its receiver called on a part of an array the function owns (feature
    'part_methods'): ``y[1:4].sort()``, ``y[::-1].fill(e)``, ``Y[i].sort()``, ``Y[:, j].fill(e)``,
    ``Y[1:3].sort(axis=0)``.  The part is a view, so the call changes the base, read afterwards."""
    matrix = ctx.has(ctx.MN) and ctx.rng.random() < 0.4
    shape = ctx.MN if matrix else ctx.N
    source = ctx.leaf(shape)
    base = local_name(ctx, shape)
    made = f"np.reshape({source.text}, {shape}) * 1.0" if matrix else f"{par(source.text)} * 1.0"
    lines, bound = [f"{base} = {made}"], source.bound
    for _ in range(ctx.pick((1, 1, 2))):
        if matrix:
            i, j = ctx.rng.randrange(shape[0]), ctx.rng.randrange(shape[1])
            part = ctx.pick((f"[{i}]", f"[:, {j}]", f"[{i - shape[0]}, :]", "[::-1]"))
        else:
            lo, hi = sorted(ctx.rng.sample(range(shape[0] + 1), 2))
            text = ctx.pick(_SLICES).format(lo=lo, hi=hi)
            parts = [int(p) if p else None for p in text.split(":")]
            part = f"[{text}]" if len(range(shape[0])[slice(*parts)]) else "[::-1]"
        if ctx.rng.random() < 0.5:
            e = ctx.expr((), depth)
            lines.append(f"{base}{part}.fill({e.text})")
            bound = max(bound, e.bound)
        else:
            axis = ctx.pick(("", "", "axis=0", "-1")) if matrix else ctx.pick(("", "0", "axis=-1"))
            lines.append(f"{base}{part}.sort({axis})")
    ctx.scope.vars[base] = Var(base, shape, bound, fresh=True)
    ctx.used.add("part_methods")
    return lines


def s_list_methods(ctx: Ctx, depth: int) -> Lines:
    """A list of numbers the function made, changed by the list methods that rebind it (feature
    'list_methods'): ``xs.sort()``, ``xs.sort(reverse=True)``, ``xs.reverse()``, ``xs.insert(j,
    e)``, ``v = xs.pop(j)`` and ``xs.pop(j)`` (any valid ``j``, negative too), then read."""
    xs = ctx.fresh_name("xs")
    items = [ctx.expr((), depth) for _ in range(ctx.pick((2, 3, 4)))]
    lines, length = [f"{xs} = [{', '.join(i.text for i in items)}]"], len(items)
    bound, popped = sum(i.bound for i in items), []
    for _ in range(ctx.pick((1, 2, 3))):
        kind = ctx.pick(("sort", "sort_reverse", "reverse", "insert", "pop", "pop_value"))
        if kind.startswith("pop") and length > 1:
            j = ctx.rng.randrange(-length, length)
            if kind == "pop_value":
                value = ctx.fresh_name("v")
                lines.append(f"{value} = {xs}.pop({j})")
                popped.append(value)
            else:
                lines.append(f"{xs}.pop({j})")
            length -= 1
        elif kind == "insert" or kind.startswith("pop"):
            e = ctx.expr((), depth)
            lines.append(f"{xs}.insert({ctx.rng.randrange(-length - 2, length + 3)}, {e.text})")
            length, bound = length + 1, bound + e.bound
        else:
            lines.append({"sort": f"{xs}.sort()", "sort_reverse": f"{xs}.sort(reverse=True)",
                          "reverse": f"{xs}.reverse()"}[kind])
    read = ctx.pick((f"sum({xs})", f"{xs}[0] * {xs}[-1]", f"np.sum(np.array({xs}) ** 2)",
                     f"{xs}[-1] - 2.0 * {xs}[0]"))
    name = local_name(ctx, ())
    lines.append(f"{name} = {' + '.join([read, *popped])}")
    ctx.scope.vars[name] = Var(name, (), (bound + 1.0) ** 2)
    ctx.used.add("list_methods")
    return lines
