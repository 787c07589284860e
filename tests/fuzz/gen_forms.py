"""NumPy spellings people write that the other productions do not: float32 and integer constants
mixed with float64 values, ``np.einsum`` strings, reductions over axis tuples and negative axes
with ``keepdims``, ufuncs writing into ``out=`` and ``np.copyto`` (with ``where=``), and the
returned value as a Python float, a NumPy scalar or a 0-d array.

Every form keeps float64 precision where the values vary (a float32 constant times a float64
array is float64; no varying value is cast to float32), so finite differences judge it:

    dtype_mix     np.ones(3, dtype=np.float32) * y, np.arange(3) * y, np.float64(s), y.astype(np.float64)
    einsum        np.einsum('ij,j->i', A, v), np.einsum('i,i->', v, w), np.einsum('ij->j', A)
    axis_tuples   np.sum(A, axis=(0, 1)), A.mean(axis=(-1,)), np.max(A, axis=-2, keepdims=True)[0]
    out_args      buf = np.zeros(3); np.multiply(y, z, out=buf); np.copyto(buf, y, where=z > 0.0)
    return_kinds  return float(e), np.float64(e), np.asarray(e), np.array(e), np.asarray(e).item()
"""

from __future__ import annotations

from .context import Ctx, Expr, Var, par

Lines = list[str]


def _size(shape: tuple[int, ...]) -> str:
    return str(shape[0]) if len(shape) == 1 else str(shape)


def p_dtype_mix(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    e = ctx.expr(shape, depth)
    t, b = par(e.text), e.bound
    if shape == ():
        options = [(f"np.float64({e.text})", b), (f"{t} * np.int64(2)", 2 * b),
                   (f"np.sum({t} * np.ones(3, dtype=np.float32))", 3 * b),
                   (f"float(np.asarray({e.text}, dtype=np.float64))", b),
                   (f"np.asarray({e.text}) * np.float32(0.5)", b)]
    else:
        size, last = _size(shape), shape[-1]
        options = [(f"{t} * np.ones({size}, dtype=np.float32)", b),
                   (f"np.full({size}, 0.5, dtype=np.float32) * {t}", b),
                   (f"{t} * np.float32(0.5)", b), (f"np.arange({last}) * {t}", last * b),
                   (f"{t}.astype(np.float64)", b), (f"{t} + np.zeros({size}, dtype=np.int32)", b),
                   (f"np.float64(2.0) * {t}", 2 * b),
                   (f"np.asarray({e.text}, dtype=np.float64)", b)]
    text, bound = ctx.pick(options)  # (np.asarray of a float64 array is that array)
    return Expr(text, shape, bound, fresh=e.fresh or not text.startswith("np.asarray("))


def _einsum_forms(ctx: Ctx, shape: tuple[int, ...]) -> list[tuple[str, list[tuple[int, ...]], float]]:
    """``(subscripts, operand shapes, size summed over)`` giving ``shape``."""
    n, m, N, MV, MN = ctx.n, ctx.m, ctx.N, ctx.MV, ctx.MN
    forms = []
    if shape == ():
        forms += [("i,i->", [N, N], n), ("i,i", [N, N], n), ("i->", [N], n)]
        if ctx.has(MN):
            forms += [("ij,ij->", [MN, MN], n * m), ("ij->", [MN], n * m),
                      ("i,ij,j->", [MV, MN, N], n * m)]
    elif shape == N:
        forms += [("i,i->i", [N, N], 1), ("i->i", [N], 1)]
        if ctx.has(MN):
            forms += [("ij->j", [MN], m), ("ij,i->j", [MN, MV], m)]
    elif shape == MV and ctx.has(MN):
        forms += [("ij->i", [MN], n), ("ij,j->i", [MN, N], n), ("ij,j", [MN, N], n)]
    elif shape == MN:
        forms += [("i,j->ij", [MV, N], 1), ("ij,j->ij", [MN, N], 1), ("ij,ij->ij", [MN, MN], 1),
                  ("ik,kj->ij", [(m, m), MN], m)]
    return forms


def p_einsum(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    forms = _einsum_forms(ctx, shape)
    if not forms:
        return None
    subscripts, shapes, summed = ctx.pick(forms)
    operands = [ctx.expr(s, depth) for s in shapes]
    bound = summed
    for o in operands:
        bound *= o.bound
    if len(shapes) == 1 and "->" not in subscripts and ctx.rng.random() < 0.5:
        subscripts += "->" + subscripts.split(",")[0]
    return Expr(f"np.einsum('{subscripts}', {', '.join(o.text for o in operands)})", shape, bound)


_AXES_FNS = ("np.sum", "np.mean", "np.max", "np.min", "np.var", "np.std")


def _reduced(fn: str, bound: float, size: int) -> float:
    return size * bound if fn == "np.sum" else bound * bound if fn == "np.var" else bound


def p_axis_tuples(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """A reduction of a matrix over an axis tuple or a negative axis, kept dims indexed away."""
    if not ctx.has(ctx.MN) and shape != ():
        return None
    fn = ctx.pick(_AXES_FNS)
    if shape == ():
        source = ctx.MN if ctx.has(ctx.MN) else ctx.N
        whole = ("(0, 1)", "(-2, -1)", "(1, 0)", "(-1, 0)") if len(source) == 2 else ("(0,)", "(-1,)", "-1")
        axis, size, tail = ctx.pick(whole), ctx.n * (ctx.m if len(source) == 2 else 1), \
            "[0, 0]" if len(source) == 2 else "[0]"
    elif shape in (ctx.N, ctx.MV):
        source = ctx.MN
        first = shape == ctx.N
        axis = ctx.pick(("(0,)", "(-2,)", "-2") if first else ("(1,)", "(-1,)", "-1"))
        size, tail = (ctx.m if first else ctx.n), ("[0]" if first else "[:, 0]")
    elif shape == ctx.MN:
        inner = p_axis_tuples(ctx, ctx.pick((ctx.N, ctx.MV)), depth)
        a = ctx.expr(ctx.MN, depth)
        if inner is None:
            return None
        row = inner.text if inner.shape == ctx.N else f"{par(inner.text)}[:, None]"
        return Expr(f"{par(a.text)} * {par(row)}", shape, a.bound * inner.bound)
    else:
        return None
    a = ctx.expr(source, depth)
    keep = ctx.rng.random() < 0.4
    extra = f", axis={axis}" + (", keepdims=True" if keep else "")
    if fn in ("np.sum", "np.mean", "np.max", "np.min") and ctx.on("methods", 0.3):
        text = f"{par(a.text)}.{fn[3:]}({extra[2:]})"
    else:
        text = f"{fn}({a.text}{extra})"
    return Expr(text + (tail if keep else ""), shape, _reduced(fn, a.bound, size))


_BINARY = (("np.add", lambda a, b: a + b), ("np.subtract", lambda a, b: a + b),
           ("np.multiply", lambda a, b: a * b), ("np.maximum", max), ("np.minimum", max))
_UNARY = (("np.sin", 1.0), ("np.cos", 1.0), ("np.tanh", 1.0), ("np.negative", None))


def s_out_args(ctx: Ctx, depth: int) -> Lines | None:
    """A new array filled by a ufunc's ``out=`` or ``np.copyto`` (``where=`` a value condition)."""
    shapes = [s for s in (ctx.N, ctx.MV, ctx.MN) if ctx.has(s)]
    if not shapes:
        return None
    shape = ctx.pick(shapes)
    name = ctx.fresh_name(ctx.pick(("buf", "out")))
    kind = ctx.rng.random()
    a = ctx.expr(shape, depth)
    if kind < 0.4:
        b = ctx.expr(ctx.pick((shape, ())), depth)
        fn, bound = ctx.pick(_BINARY)
        lines = [f"{name} = np.{ctx.pick(('zeros', 'empty'))}({_size(shape)})",
                 f"{fn}({a.text}, {b.text}, out={name})"]
        value = bound(a.bound, b.bound)
    elif kind < 0.6:
        fn, bound = ctx.pick(_UNARY)
        lines = [f"{name} = np.zeros({_size(shape)})", f"{fn}({a.text}, out={name})"]
        value = bound or a.bound
    else:
        lines = [f"{name} = np.zeros({_size(shape)})"]
        if ctx.rng.random() < 0.5:
            c = ctx.expr(shape, min(depth, 1))
            lines.append(f"np.copyto({name}, {a.text}, where={par(c.text)} > "
                         f"{ctx.pick(('0.0', '0.5', '-0.5'))})")
        else:
            lines.append(f"np.copyto({name}, {a.text})")
        value = a.bound
    ctx.scope.vars[name] = Var(name, shape, value, fresh=True)
    return lines


def returned_kind(ctx: Ctx, line: str) -> str:
    """``return e`` as ``return float(e)``, ``np.float64(e)``, ``np.asarray(e)``... (feature
    'return_kinds': the value a transform returns must be of the type ``f`` returns)."""
    if not ctx.on("return_kinds", 0.6):
        return line
    ctx.used.add("return_kinds")
    e = line[len("return "):]
    form = ctx.pick(("float({})", "np.float64({})", "np.asarray({})", "np.array({})",
                     "np.asarray({}).item()", "np.array([{}])[0]", "np.asarray({}, dtype=float)"))
    return "return " + form.format(e)
