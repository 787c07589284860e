"""Array productions: reductions, linear algebra, indexing and slicing, methods, stacking.

Each maps operands of other shapes to the requested one (``(m, n)`` to ``(n,)`` by ``axis=0``, two
vectors to a scalar by ``@``, a vector of length ``p`` to one of length ``k`` by a slice, ...).
``derive`` gives a leaf of a shape no variable has, from variables of other shapes.
"""

from __future__ import annotations

import math

from .context import Ctx, Expr, Var, par

_TOTAL = ("np.sum", "np.mean", "np.max", "np.min", "np.var", "np.std", "np.linalg.norm", "np.median",
          "np.quantile")


def _call(fn: str, operand: str, extra: str = "") -> str:
    """``fn(operand, ...)``, with np.quantile's ``q`` (an order statistic between two values)."""
    return f"{fn}({operand}, 0.3{extra})" if fn == "np.quantile" else f"{fn}({operand}{extra})"


def _size(shape: tuple[int, ...]) -> int:
    return math.prod(shape)


def _source(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr:
    """An operand to index or reduce: often a plain variable, as people write it."""
    found = ctx.vars_of(shape)
    if found and ctx.rng.random() < 0.6:
        var = ctx.choose_var(found)
        return Expr(var.name, shape, var.bound, fresh=False)
    e = ctx.expr(shape, depth)
    return Expr(par(e.text), shape, e.bound, fresh=e.fresh)


def _reduced_bound(fn: str, bound: float, size: int) -> float:
    return {"np.sum": size * bound, "np.var": bound * bound, "np.linalg.norm": math.sqrt(size) * bound,
            "np.prod": bound ** size}.get(fn, bound)


def p_reduce_all(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape != ():
        return None
    source = ctx.pick([s for s in ctx.shapes if s] or [ctx.N])
    a = ctx.expr(source, depth)
    fns = list(_TOTAL) + (["np.prod"] if a.bound <= 2.0 and _size(source) <= 6 else [])
    fn = ctx.pick(fns)
    bound = _reduced_bound(fn, a.bound, _size(source))
    if fn in ("np.sum", "np.mean", "np.max", "np.min") and ctx.on("methods", 0.4):
        ctx.used.add("methods")
        return Expr(f"{par(a.text)}.{fn[3:]}()", (), bound)
    return Expr(_call(fn, a.text), (), bound)


def p_reduce_axis(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    keep = ""
    if shape == ctx.N:
        axis = ctx.pick(("0", "-2"))
    elif shape == ctx.MV:
        axis = ctx.pick(("1", "-1"))
    elif shape == (ctx.m, 1):
        axis, keep = "1", ", keepdims=True"
    else:
        return None
    if not ctx.has(ctx.MN):
        return None
    a = ctx.expr(ctx.MN, depth)
    fn = ctx.pick(_TOTAL)
    size = ctx.m if axis in ("0", "-2") else ctx.n
    bound = _reduced_bound(fn, a.bound, size)
    if fn in ("np.sum", "np.mean", "np.max", "np.min") and ctx.on("methods", 0.4):
        ctx.used.add("methods")
        return Expr(f"{par(a.text)}.{fn[3:]}(axis={axis}{keep})", shape, bound)
    return Expr(_call(fn, a.text, f", axis={axis}{keep}"), shape, bound)


def p_masked_sum(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """``np.sum(v[v > 0.5])``: a boolean mask on read (the selection's length varies)."""
    if shape != () or "indexing" not in ctx.active:
        return None
    found = ctx.vars_of(ctx.N) + ctx.vars_of(ctx.MN)
    if not found:
        return None
    var = ctx.choose_var(found)
    mask = ctx.pick([var] + [v for v in found if v.shape == var.shape]).name
    ctx.used.add("indexing")
    return Expr(f"np.sum({var.name}[{mask} {ctx.pick(('>', '<'))} {ctx.pick(('0.0', '0.5'))}])", (),
                _size(var.shape) * var.bound)


def p_dot(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    vectors = [s for s in (ctx.N, ctx.MV) if ctx.has(s)]
    if shape != () or not vectors:
        return None
    vec = ctx.pick(vectors)
    a, b = _source(ctx, vec, depth), _source(ctx, vec, depth)
    bound = vec[0] * a.bound * b.bound
    options = [f"{a.text} @ {b.text}", f"np.dot({a.text}, {b.text})", f"np.inner({a.text}, {b.text})",
               f"np.trace(np.outer({a.text}, {b.text}))"]
    if ctx.rng.random() < 0.3 and ctx.has(ctx.MN):
        u, m = _source(ctx, ctx.MV, depth), _source(ctx, ctx.MN, depth)
        v = _source(ctx, ctx.N, depth)
        return Expr(f"{u.text} @ {m.text} @ {v.text}", (), ctx.m * ctx.n * u.bound * m.bound * v.bound)
    return Expr(ctx.pick(options), (), bound)


def p_matvec(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape not in (ctx.N, ctx.MV) or not ctx.has(ctx.MN):
        return None
    m = _source(ctx, ctx.MN, depth)
    if shape == ctx.MV:
        v = _source(ctx, ctx.N, depth)
        options = [f"{m.text} @ {v.text}", f"np.dot({m.text}, {v.text})", f"np.matmul({m.text}, {v.text})"]
        if ctx.on("methods"):
            options.append(f"{m.text}.dot({v.text})")
        return Expr(ctx.pick(options), shape, ctx.n * m.bound * v.bound)
    u = _source(ctx, ctx.MV, depth)
    options = [f"{u.text} @ {m.text}", f"{m.text}.T @ {u.text}", f"np.dot({u.text}, {m.text})"]
    return Expr(ctx.pick(options), shape, ctx.m * m.bound * u.bound)


def p_outer(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape == (ctx.n, ctx.m):
        a = ctx.expr(ctx.MN, depth)
        text = ctx.pick((f"{par(a.text)}.T", f"np.transpose({a.text})"))
        return Expr(text, shape, a.bound, fresh=False)
    if shape != ctx.MN:
        return None
    if ctx.rng.random() < 0.5:
        u, v = _source(ctx, ctx.MV, depth), _source(ctx, ctx.N, depth)
        fn = ctx.pick(("np.outer", "np.multiply.outer"))
        return Expr(f"{fn}({u.text}, {v.text})", shape, u.bound * v.bound)
    a, b, c = (_source(ctx, ctx.MN, depth) for _ in range(3))
    return Expr(f"{a.text} @ {b.text}.T @ {c.text}", shape, ctx.n * ctx.m * a.bound * b.bound * c.bound)


def p_index_scalar(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape != ():
        return None
    found = ctx.vars_of(ctx.N) + ctx.vars_of(ctx.MV) + ctx.vars_of(ctx.MN)
    if not found:
        return None
    var = ctx.choose_var(found)
    subs = [_int_index(ctx, d) for d in var.shape]
    if len(subs) == 2 and ctx.rng.random() < 0.3:
        return Expr(f"{var.name}[{subs[0]}][{subs[1]}]", (), var.bound)
    return Expr(f"{var.name}[{', '.join(subs)}]", (), var.bound)


def _int_index(ctx: Ctx, length: int) -> str:
    """An int subscript valid for ``length``: a constant (maybe negative) or a loop index."""
    usable = [(n, lo_hi) for n, lo_hi in sorted(ctx.scope.ints.items()) if lo_hi[0] >= 0
              and lo_hi[1] < length]
    if usable and ctx.rng.random() < 0.6:
        name, (_, high) = ctx.pick(usable)
        options = [name, f"-1 - {name}"] + ([f"{name} + 1"] if high + 1 < length else [])
        return ctx.pick(options)
    return str(ctx.rng.randrange(-length, length))


def p_index_array(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """Rows and columns of a matrix, reversed and permuted arrays."""
    if shape == ctx.N and ctx.has(ctx.MN) and ctx.rng.random() < 0.6:
        a = _source(ctx, ctx.MN, depth)
        return Expr(f"{a.text}[{_int_index(ctx, ctx.m)}]", shape, a.bound, fresh=False)
    if shape == ctx.MV and ctx.has(ctx.MN) and ctx.rng.random() < 0.6:
        a = _source(ctx, ctx.MN, depth)
        return Expr(f"{a.text}[:, {_int_index(ctx, ctx.n)}]", shape, a.bound, fresh=False)
    if shape not in (ctx.N, ctx.MV, ctx.MN):
        return None
    a = _source(ctx, shape, depth)
    perm = [ctx.rng.randrange(shape[0]) for _ in range(shape[0])]
    options = [f"{a.text}[::-1]", f"{a.text}[{perm}]"]
    if shape == ctx.MN:
        options.append(f"{a.text}[:, ::-1]")
    return Expr(ctx.pick(options), shape, a.bound, fresh=False)


def p_slice(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """A vector of length k from one of length p > k: ``v[:k]``, ``v[-k:]``, ``v[1:k + 1]``,
    ``v[::2]``, ``v[[2, 0, 2]]``."""
    if len(shape) != 1:
        return None
    k = shape[0]
    longer = [s for s in (ctx.N, ctx.MV) if s[0] > k and ctx.has(s)]
    if not longer:
        return None
    p = longer[0][0]
    a = _source(ctx, longer[0], depth)
    start = ctx.rng.randrange(0, p - k + 1)
    options = [f"{a.text}[:{k}]", f"{a.text}[-{k}:]", f"{a.text}[{start}:{start + k}]",
               f"{a.text}[{[ctx.rng.randrange(p) for _ in range(k)]}]"]
    if (p + 1) // 2 == k:
        options.append(f"{a.text}[::2]")
    if p - k == 1:
        options.append(f"{a.text}[:0:-1]")
    return Expr(ctx.pick(options), shape, a.bound, fresh=False)


def p_method(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape == (ctx.m, 1):
        a = ctx.expr(ctx.MV, depth)
        text = ctx.pick((f"{par(a.text)}.reshape({ctx.m}, 1)", f"{par(a.text)}.reshape(-1, 1)"))
        return Expr(text, shape, a.bound, fresh=False)
    if shape == ctx.MN and ctx.rng.random() < 0.5:
        a = ctx.expr((ctx.n, ctx.m), depth)
        return Expr(f"{par(a.text)}.reshape({ctx.m}, {ctx.n})", shape, a.bound, fresh=False)
    if shape == () or ctx.rng.random() < 0.5:
        return None
    a = ctx.expr(shape, depth)
    if ctx.on("where_clip", 0.4):
        ctx.used.add("where_clip")
        return Expr(f"{par(a.text)}.clip(-1.5, 1.5)", shape, min(a.bound, 1.5))
    return Expr(f"{par(a.text)}.copy()", shape, a.bound)


def p_shape_op(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape == ctx.MN:
        if ctx.rng.random() < 0.5:
            rows = [ctx.expr(ctx.N, depth) for _ in range(ctx.m)]
            fn = ctx.pick(("np.stack", "np.vstack"))
            return Expr(f"{fn}([{', '.join(r.text for r in rows)}])", shape, max(r.bound for r in rows))
        a = ctx.expr(shape, depth)
        return Expr(f"np.cumsum({a.text}, axis={ctx.pick(('0', '1', '-1'))})", shape, ctx.n * a.bound)
    if shape == (ctx.m, 1):
        a = ctx.expr(ctx.MV, depth)
        return Expr(ctx.pick((f"np.expand_dims({a.text}, 1)", f"np.reshape({a.text}, ({ctx.m}, 1))")),
                    shape, a.bound, fresh=False)
    if len(shape) != 1:
        return None
    if shape == ctx.MV and ctx.rng.random() < 0.3:
        a = ctx.expr((ctx.m, 1), depth)
        return Expr(ctx.pick((f"np.squeeze({a.text}, axis=1)", f"{par(a.text)}[:, 0]")), shape, a.bound,
                    fresh=False)
    a = _source(ctx, shape, depth)
    k = ctx.rng.randrange(1, shape[0])
    options = [f"np.cumsum({a.text})", f"np.concatenate([{a.text}[{k}:], {a.text}[:{k}]])",
               f"np.hstack([{a.text}[:{k}], {a.text}[{k}:]])", f"np.maximum.accumulate({a.text})"]
    return Expr(ctx.pick(options), shape, shape[0] * a.bound)


def scalar_from_array(ctx: Ctx) -> Expr | None:
    """A scalar read from an array variable (``v[1]``, ``np.sum(A)``), when there are no scalars."""
    found = [v for s in ctx.shapes if s for v in ctx.vars_of(s) if v not in ctx.globals]
    options = []
    if found and "indexing" in ctx.active:
        options.append("indexing")
    if found and "reductions" in ctx.active:
        options.append("reductions")
    if not options:
        return None
    var, feature = ctx.choose_var(found), ctx.pick(options)
    ctx.used.add(feature)
    if feature == "indexing":
        return Expr(f"{var.name}[{', '.join(_int_index(ctx, d) for d in var.shape)}]", (), var.bound)
    fn = ctx.pick(("np.sum", "np.mean", "np.max"))
    return Expr(f"{fn}({var.name})", (), _reduced_bound(fn, var.bound, _size(var.shape)))


def derive(ctx: Ctx, shape: tuple[int, ...]) -> Expr | None:
    """A leaf of ``shape`` made from a variable of another shape (or ``None``)."""
    options: list[tuple[str, Var]] = []
    reduce = "reductions" in ctx.active
    for var in ctx.vars_of(ctx.MN):
        if shape == ctx.N and reduce:
            options.append((f"np.sum({var.name}, axis=0)", var))
        elif shape == ctx.MV and reduce:
            options.append((f"np.mean({var.name}, axis=1)", var))
        elif shape == (ctx.n, ctx.m) and "linalg" in ctx.active:
            options.append((f"{var.name}.T", var))
        elif shape == (ctx.m, 1) and "indexing" in ctx.active:
            options.append((f"{var.name}[:, :1]", var))
    if shape == ctx.MN and "linalg" in ctx.active:
        options += [(f"np.outer({u.name}, {v.name})", u) for u in ctx.vars_of(ctx.MV)
                    for v in ctx.vars_of(ctx.N)]
    if shape == (ctx.m, 1) and "indexing" in ctx.active:
        options += [(f"{u.name}[:, None]", u) for u in ctx.vars_of(ctx.MV)]
    if not options:
        return None
    text, var = ctx.pick(options)
    if "[" in text:
        ctx.used.add("indexing")
    return Expr(text, shape, var.bound * max(shape + (1,)) ** 2)


def p_windows(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """Sliding windows of a longer vector reduced to length k
    (``np.sum(np.lib.stride_tricks.sliding_window_view(v, 3), axis=1)``), and
    ``np.logaddexp.reduce`` over every axis or one."""
    if shape == ():
        source = ctx.pick([s for s in ctx.shapes if s] or [ctx.N])
        a = ctx.expr(source, depth)
        if len(source) == 1 and source[0] > 2 and ctx.rng.random() < 0.5:
            view = f"np.lib.stride_tricks.sliding_window_view({a.text}, 2)"
            return Expr(f"np.sum(np.max({view}, axis=1) * {view}[:, 0])", (),
                        source[0] * a.bound * a.bound)
        return Expr(f"np.logaddexp.reduce({a.text}, axis=None)", (),
                    a.bound + math.log(_size(source)))
    if shape in (ctx.N, ctx.MV) and ctx.has(ctx.MN) and ctx.rng.random() < 0.4:
        a = _source(ctx, ctx.MN, depth)
        axis = "0" if shape == ctx.N else "1"
        return Expr(f"np.logaddexp.reduce({a.text}, axis={axis})", shape,
                    a.bound + math.log(max(ctx.MN)))
    if len(shape) != 1:
        return None
    k = shape[0]
    longer = [s for s in (ctx.N, ctx.MV) if s[0] > k and ctx.has(s)]
    if not longer:
        return None
    width = longer[0][0] - k + 1
    a = _source(ctx, longer[0], depth)
    view = f"np.lib.stride_tricks.sliding_window_view({a.text}, {width})"
    fn, bound = ctx.pick((("np.sum", width * a.bound), ("np.max", a.bound),
                          ("np.logaddexp.reduce", a.bound + math.log(width))))
    return Expr(f"{fn}({view}, axis={ctx.pick(('1', '-1'))})", shape, bound)


PRODUCTIONS = [
    ("reductions", 3.0, p_reduce_all),
    ("reductions", 2.0, p_reduce_axis),
    ("reductions", 0.5, p_masked_sum),
    ("linalg", 1.5, p_dot),
    ("linalg", 1.5, p_matvec),
    ("linalg", 1.0, p_outer),
    ("indexing", 2.0, p_index_scalar),
    ("indexing", 1.5, p_index_array),
    ("indexing", 1.5, p_slice),
    ("methods", 1.0, p_method),
    ("shape_ops", 1.0, p_shape_op),
    ("windows", 0.8, p_windows),
]
