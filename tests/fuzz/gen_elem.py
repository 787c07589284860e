"""Elementwise productions: arithmetic, division, powers, NumPy and math functions, where/clip.

A production is a function ``(ctx, shape, depth) -> Expr | None`` that writes an expression
of exactly ``shape`` (``None``: not applicable to this shape or scope); it recurses through
``ctx.expr`` (``grammar.expr``).  Domains are kept by construction: ``log``, ``sqrt`` and
divisors only see values wrapped to be positive (``1.0 + e ** 2``, ``2.0 + np.sin(e)``, ...), and
``exp`` and powers only see expressions whose bound is small.
"""

from __future__ import annotations

import math

from .context import Ctx, Expr, par


def positive(ctx: Ctx, shape: tuple[int, ...], depth: int) -> tuple[Expr, float]:
    """An expression of ``shape`` that is positive by construction, and a lower bound on it."""
    e = ctx.expr(shape, depth)
    t = par(e.text)
    options = [(f"1.0 + {t} ** 2", 1.0 + e.bound ** 2, 1.0), (f"2.0 + np.sin({t})", 3.0, 1.0),
               (f"np.abs({t}) + 0.5", e.bound + 0.5, 0.5), (f"{t} * {t} + 0.5", e.bound ** 2 + 1, 0.5)]
    if e.bound <= 3.0:
        options += [(f"np.exp({t})", math.exp(e.bound), math.exp(-e.bound)),
                    (f"np.cosh({t})", math.cosh(e.bound), 1.0)]
    text, bound, low = ctx.pick(options)
    return Expr(text, shape, bound), low


def operand_shapes(ctx: Ctx, shape: tuple[int, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Pairs of operand shapes whose broadcast is ``shape`` (a scalar with an array is plain
    arithmetic; two arrays of different shapes need 'broadcasting')."""
    pairs = [(shape, shape)]
    if shape != ():
        pairs += [(shape, ()), ((), shape)]
    if "broadcasting" in ctx.active:
        if shape == ctx.MN:
            pairs += [(ctx.MN, ctx.N), (ctx.N, ctx.MN), ((ctx.m, 1), ctx.N), (ctx.MN, (ctx.m, 1)),
                      ((ctx.m, 1), ctx.MN)]
        elif shape == (ctx.n, ctx.m):
            pairs += [((ctx.n, ctx.m), ctx.MV)]
    return pairs


def _pair(ctx: Ctx, shape: tuple[int, ...], depth: int) -> tuple[Expr, Expr]:
    left, right = ctx.pick(operand_shapes(ctx, shape))
    if left != right and left != () and right != ():
        ctx.used.add("broadcasting")
    return ctx.expr(left, depth), ctx.expr(right, depth)


def p_binop(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a, b = _pair(ctx, shape, depth)
    op = ctx.pick(("+", "-", "*", "*"))
    bound = a.bound * b.bound if op == "*" else a.bound + b.bound
    return Expr(f"{par(a.text)} {op} {par(b.text)}", shape, bound)


def p_unary_minus(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a = ctx.expr(shape, depth)
    return Expr(f"-{par(a.text)}", shape, a.bound)


def p_scale(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a = ctx.expr(shape, depth)
    c = ctx.const()
    text = f"{c} * {par(a.text)}" if ctx.rng.random() < 0.5 else f"{par(a.text)} * {c}"
    return Expr(text, shape, a.bound * float(c))


def p_divide(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if ctx.rng.random() < 0.3:
        a = ctx.expr(shape, depth)
        return Expr(f"{par(a.text)} / {ctx.pick(('2.0', '3.0', '0.5'))}", shape, a.bound * 2.0)
    left, right = ctx.pick(operand_shapes(ctx, shape))
    a = ctx.expr(left, depth)
    b, low = positive(ctx, right, depth)
    return Expr(f"{par(a.text)} / {par(b.text)}", shape, a.bound / low)


def p_power(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a = ctx.expr(shape, depth)
    t = par(a.text)
    options = [(f"{t} ** 2", a.bound ** 2), (f"np.square({t})", a.bound ** 2),
               (f"{t} ** 3", a.bound ** 3)]
    if a.bound <= 3.0:
        options.append((f"2.0 ** {t}", 2.0 ** a.bound))
    if shape and shape[-1] <= 4:  # integer exponents from 0 (x ** (0 - 1) is a pole at x = 0)
        n, top = shape[-1], max(1.0, a.bound) ** (shape[-1] - 1)
        options += [(f"{t} ** np.arange({n})", top),
                    (f"np.power({t}, np.arange({n}, dtype=np.uint8))", top)]
    p, _ = positive(ctx, shape, depth)
    q = par(p.text)
    options += [(f"{q} ** 0.5", p.bound ** 0.5), (f"{q} ** 1.5", p.bound ** 1.5),
                (f"np.sqrt({p.text})", p.bound ** 0.5), (f"np.power({p.text}, 1.5)", p.bound ** 1.5)]
    text, bound = ctx.pick(options)
    return Expr(text, shape, bound)


_BOUNDED = ("np.sin", "np.cos", "np.tanh", "np.arctan")


def p_np_unary(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a = ctx.expr(shape, depth)
    t = a.text
    options = [(f"{fn}({t})", 1.6) for fn in _BOUNDED]
    options += [(f"np.arcsinh({t})", a.bound), (f"np.arcsin(0.9 * np.tanh({t}))", 1.2),
                (f"np.arccos(0.5 * np.sin({t}))", 3.2), (f"np.log1p({par(t)} ** 2)", a.bound),
                (f"np.sinc({t})", 1.0), (f"np.cbrt({par(t)} * {par(t)} + 1.0)", a.bound)]
    if a.bound <= 3.0:
        options += [(f"np.exp({t})", math.exp(a.bound)), (f"np.expm1({t})", math.exp(a.bound)),
                    (f"np.sinh({t})", math.sinh(a.bound)), (f"np.cosh({t})", math.cosh(a.bound)),
                    (f"np.exp2({t})", 2.0 ** a.bound)]
    p, low = positive(ctx, shape, depth)
    options += [(f"np.log({p.text})", abs(math.log(low)) + math.log(p.bound)),
                (f"np.log2({p.text})", 1.5 * (abs(math.log(low)) + math.log(p.bound))),
                (f"np.log10({p.text})", abs(math.log(low)) + math.log(p.bound)),
                (f"np.reciprocal({p.text})", 1.0 / low)]
    text, bound = ctx.pick(options)
    return Expr(text, shape, bound)


def p_math(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape != ():
        return None
    a = ctx.expr((), depth)
    t = a.text
    options = [(f"math.sin({t})", 1.0), (f"math.cos({t})", 1.0), (f"math.tanh({t})", 1.0),
               (f"math.atan({t})", 1.6), (f"math.erf({t})", 1.0), (f"abs({t})", a.bound),
               (f"float({t})", a.bound)]
    if a.bound <= 3.0:
        options.append((f"math.exp({t})", math.exp(a.bound)))
    p, low = positive(ctx, (), depth)
    options += [(f"math.log({p.text})", abs(math.log(low)) + math.log(p.bound)),
                (f"math.sqrt({p.text})", p.bound ** 0.5), (f"math.pow({p.text}, 1.5)", p.bound ** 1.5),
                (f"math.atan2({t}, {p.text})", 1.6), (f"math.hypot({t}, {p.text})", a.bound + p.bound)]
    text, bound = ctx.pick(options)
    return Expr(text, (), bound)


def p_np_binary(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a, b = _pair(ctx, shape, depth)
    fn = ctx.pick(("np.maximum", "np.minimum", "np.hypot", "np.logaddexp", "np.fmax", "np.fmin",
                   "np.arctan2"))
    bound = {"np.hypot": a.bound + b.bound, "np.arctan2": 3.2,
             "np.logaddexp": max(a.bound, b.bound) + 0.7}.get(fn, max(a.bound, b.bound))
    return Expr(f"{fn}({a.text}, {b.text})", shape, bound)


def p_where_clip(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a = ctx.expr(shape, depth)
    kind = ctx.pick(("where", "clip", "abs", "relu"))
    if kind == "where":
        b = ctx.expr(shape, depth)
        c = ctx.expr(shape, max(depth - 1, 0))
        op = ctx.pick((">", "<"))
        mask = f"{par(c.text)} {op} {ctx.pick(('0.0', '0.5'))}"
        form = ctx.pick(("plain", "plain", "invert", "and", "or", "xor"))  # masks combined
        if form == "invert":
            mask = f"~({mask})"
        elif form != "plain":
            other = ctx.expr(shape, max(depth - 1, 0))
            symbol = {"and": "&", "or": "|", "xor": "^"}[form]
            mask = f"({mask}) {symbol} ({par(other.text)} {ctx.pick(('>', '<'))} -0.5)"
        return Expr(f"np.where({mask}, {a.text}, {b.text})", shape, max(a.bound, b.bound))
    if kind == "clip":
        return Expr(f"np.clip({a.text}, -1.0, {ctx.pick(('0.5', '1.0'))})", shape, 1.0)
    if kind == "abs":
        return Expr(f"np.abs({a.text})", shape, a.bound)
    return Expr(f"np.maximum({a.text}, 0.0)", shape, a.bound)


def p_unused_domain(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """A function outside its domain or at a singular point (sqrt, log, arccos... of any sign,
    of 0, of +-1) where a selection does not use it: the value stays finite, the derivative must
    too (0 where nothing reads the element, not ``0 * inf = NaN``).  Arrays only: a Python
    float's tangent divides as Python does (``jvp`` of ``np.where(x > 0.5, np.log(x), x)`` at
    ``x = 0.0`` raises ZeroDivisionError in ``x_dot / x``), and its power is complex below 0."""
    if not shape:
        return None
    a = ctx.expr(shape, depth)
    t = par(a.text)
    s = f"({t} - 0.125)"  # (clamped: an input of exactly 0 would tie, a used singular point)
    root = (a.bound + 1.0) ** 0.5
    options = [
        (f"np.where({t} > 0.0, np.sqrt({t}), 0.0)", root),
        (f"np.where({t} < 0.5, 0.5, np.sqrt({t}))", root),
        (f"np.where({t} > 0.5, np.log({t}), {t})", a.bound),
        (f"np.where(np.abs({t}) < 1.0, np.arccos({t}), 1.0)", 3.2),
        (f"np.sqrt(np.maximum({s}, 0.0))", root),
        (f"np.sqrt(np.fmax({s}, 0.0))", root),
        (f"np.cbrt(np.maximum({s}, 0.0))", root),
        (f"np.maximum({s}, 0.0) ** 0.5", root),
        (f"np.arccos(np.clip({t}, -1.0, 1.0))", 3.2),
        (f"np.arcsin(np.clip({t}, -1.0, 0.5))", 1.6),
        (f"np.log1p(np.clip({s}, -1.0, None) + 1.0)", a.bound + 1.0),
        (f"np.fmax(np.sqrt({t}), 0.5)", root),
        (f"np.clip(np.log(np.abs({t})), -1.0, 1.0)", 1.0),
    ]
    options.append((f"np.where({t} > 0.0, np.power({t}, 0.5), -{t})", max(root, a.bound)))
    if len(shape) == 1:  # an element no slice, gather or mask reads: sqrt(-1), sqrt(0)
        n, bad = shape[0], f"np.sqrt(np.concatenate(({t} * {t}, [-1.0, 0.0])))"
        options += [(f"{bad}[:{n}]", a.bound),
                    (f"np.log(np.concatenate(([0.0], np.exp({t}))))[1:]", a.bound),
                    (f"np.take({bad}, np.arange({n}))", a.bound),
                    (f"np.compress([True] * {n} + [False, False], {bad})", a.bound),
                    (f"np.take_along_axis({bad}, np.arange({n - 1}, -1, -1), axis=0)", a.bound),
                    (f"{bad}[{list(range(n))}]", a.bound),
                    (f"{bad}[np.arange({n + 2}) < {n}]", a.bound),
                    (f"np.tanh({bad})[:{n}]", 1.0),  # (tanh' read at sqrt(-1): NaN)
                    (f"({bad} * np.cos(np.concatenate(({t}, [0.0, 0.0]))))[:{n}]", a.bound)]
    text, bound = ctx.pick(options)
    return Expr(text, shape, bound)


def p_unused_chain(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """A scalar from a chain of selections (feature 'unused_chains'): a singular function's
    value with elements outside its domain (``np.sqrt`` of ``-1`` and ``0``), read by a slice, a
    gather, a mask or a piece of a join, selected again (``np.fmax``...), reduced, and the
    reduction selected against a constant: the derivative must be 0 where nothing uses an
    element, not ``0 * inf = NaN``, however many selections lie in between."""
    if shape:
        return None
    n, a = ctx.n, ctx.expr(ctx.N, depth)
    t = par(a.text)
    bad = f"np.sqrt(np.concatenate(({t} * {t}, [-1.0, 0.0])))"
    read = ctx.pick((f"{bad}[:{n}]", f"np.take({bad}, np.arange({n}))",
                     f"{bad}[np.arange({n + 2}) < {n}]", f"np.concatenate(({bad}, [1.0]))[:{n}]"))
    inner = ctx.pick((read, f"np.fmax({read}, 0.25)", f"np.maximum({read}, 0.25)",
                      f"np.clip({read}, 0.25, None)", f"np.where({read} > 0.25, {read}, 0.25)"))
    reduced = ctx.pick((f"np.sum({inner})", f"np.mean({inner})", f"np.max({inner})",
                        f"({inner}).min()", f"np.amax({inner})", f"np.linalg.norm({inner})"))
    limit = ctx.pick(("0.5", "1.0"))
    text = ctx.pick((reduced, f"np.minimum({reduced}, {limit})", f"np.maximum({reduced}, {limit})"))
    return Expr(text, (), n * max(a.bound, 1.0))


def p_ternary(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    return Expr(f"{par(a.text)} if {ctx.cond(depth)} else {par(b.text)}", shape,
                max(a.bound, b.bound), fresh=a.fresh and b.fresh)


def p_loop_index(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """A loop index used as a number: ``(i + 1) * 0.5``, ``float(i)``."""
    if shape != () or not ctx.scope.ints:
        return None
    name = ctx.pick(sorted(ctx.scope.ints))
    high = ctx.scope.ints[name][1]
    text = ctx.pick((f"({name} + 1) * 0.5", f"float({name})", f"{name} * 0.25", f"0.5 ** {name}"))
    return Expr(text, (), max(abs(high) + 1, 1.0))


PRODUCTIONS = [
    ("arith", 5.0, p_binop),
    ("arith", 1.0, p_unary_minus),
    ("arith", 1.5, p_scale),
    ("division", 1.5, p_divide),
    ("power", 1.5, p_power),
    ("np_unary", 3.0, p_np_unary),
    ("math_scalar", 2.0, p_math),
    ("np_binary", 1.0, p_np_binary),
    ("where_clip", 1.0, p_where_clip),
    ("unused_domain", 3.0, p_unused_domain),
    ("ternary", 0.7, p_ternary),
    ("for_range", 1.0, p_loop_index),
    ("unused_chains", 1.5, p_unused_chain),
]
