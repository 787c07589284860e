"""Functional idioms (feature ``functional``) and Python-float code on scalars (``scalars_py``).

``functional``: the walrus operator first in an ``if``'s condition or an assignment's value,
``any``/``all`` of a generator (or of an array's comparison) choosing a branch,
``functools.reduce`` of a lambda or a NumPy function over a list (with an initial value or not),
``itertools.accumulate`` consumed by ``list``/``sum``, ``zip(*pairs)`` unzipping a list of
pairs, ``map``/``filter`` of a lambda handed to ``sum``/``np.array``, and ``sorted`` of floats
(``reverse=``, or of a ``map``).  (A walrus inside a comprehension and ``sorted(key=...)`` are
refused by design: README "Never"; they are not written.)

``scalars_py``: what people write on scalar parameters in plain Python: ``x ** 0.5``, ``x ** y``,
``math.sqrt``/``log``/``exp``/``atan2``/``hypot``/``pow``, ``abs``, ``min(max(x, lo), hi)``,
also at the singular points a user passes (``abs(x) ** 0.5`` and ``math.sqrt(abs(x))`` at
``x = 0.0``, whose derivative is inf there as ``np.sqrt``'s is), and at ones a clamp leaves unused
(``math.sqrt(max(x - 0.125, 0.0))``: derivative 0 below the clamp).
"""

from __future__ import annotations

import math

from .context import Ctx, Expr, par
from .gen_elem import positive
from .gen_stmt import Lines, define, pick_shape, picked_statement

HEADER = "import functools\nimport itertools"

_LAMBDAS = (("lambda e: e * e * 0.5", lambda b: 0.5 * b * b), ("lambda e: np.tanh(e)", lambda b: 1.0),
            ("lambda e: 0.5 * e + 1.0", lambda b: 0.5 * b + 1.0))

_CBRT = "math.cbrt({})" if hasattr(math, "cbrt") else "float(np.cbrt({}))"  # (3.11 on)


def _items(ctx: Ctx, shape: tuple[int, ...], depth: int, count: int) -> list[Expr]:
    return [ctx.expr(shape, depth) for _ in range(count)]


def _walrus(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    w, a, b = ctx.fresh_name("w"), ctx.expr((), depth), ctx.expr(shape, depth)
    define(ctx, w, Expr(w, (), a.bound, fresh=False))
    if ctx.rng.random() < 0.4:  # in an assignment's value, first in it
        return [f"{out} = ({w} := {a.text}) * 0.5 + {w} * {par(b.text)}"], a.bound * (0.5 + b.bound)
    c = ctx.pick(("0.0", "0.5", "-0.5"))
    return [f"if ({w} := {a.text}) > {c}:", f"    {out} = {w} * {par(b.text)}", "else:",
            f"    {out} = {par(b.text)} - {w}"], a.bound * b.bound + a.bound + b.bound


def _any_all(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    which, c = ctx.pick(("any", "all")), ctx.pick(("0.0", "0.5", "-0.5"))
    vector = [s for s in ctx.shapes if len(s) == 1]
    if vector and ctx.rng.random() < 0.4:
        v = ctx.expr(ctx.pick(vector), depth)
        test = f"{which}({par(v.text)} > {c})" if ctx.rng.random() < 0.5 else \
            f"{which}((e > {c} for e in {par(v.text)}))"
    else:
        items = _items(ctx, (), depth, ctx.pick((2, 3)))
        test = f"{which}((e > {c} for e in ({', '.join(i.text for i in items)},)))"
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    return [f"if {test}:", f"    {out} = {a.text}", "else:", f"    {out} = {b.text}"], \
        max(a.bound, b.bound)


def _reduce(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    items = _items(ctx, shape, depth, ctx.pick((2, 3)))
    listed = f"[{', '.join(i.text for i in items)}]"
    total = sum(i.bound for i in items)
    kind = ctx.pick(("lambda", "np.add", "np.maximum", "np.multiply"))
    if kind == "lambda":
        return [f"{out} = functools.reduce(lambda acc, e: acc * 0.5 + e, {listed})"], total
    if kind == "np.multiply":
        if math.prod(max(1.0, i.bound) for i in items) > 1e3:
            return [f"{out} = functools.reduce(np.add, {listed})"], total
        return [f"{out} = functools.reduce(np.multiply, {listed}, 1.0)"], \
            math.prod(max(1.0, i.bound) for i in items)
    start = ", 0.0" if kind == "np.add" and ctx.rng.random() < 0.5 else ""
    return [f"{out} = functools.reduce({kind}, {listed}{start})"], total


def _accumulate(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    items = _items(ctx, shape, depth, 3)
    listed = f"[{', '.join(i.text for i in items)}]"
    total = sum(i.bound for i in items)
    func = ctx.pick(("", ", lambda a, b: a * 0.5 + b", ", np.maximum"))
    if shape == () and ctx.rng.random() < 0.3:
        return [f"{out} = {ctx.pick(('sum', 'max', 'min'))}(itertools.accumulate({listed}{func}))"], \
            3 * total
    acc = ctx.fresh_name("acc")
    return [f"{acc} = list(itertools.accumulate({listed}{func}))",
            f"{out} = {acc}[-1] * 0.5 + {acc}[0]"], 1.5 * total


def _unzip(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    other = pick_shape(ctx)
    pairs = [(ctx.expr(shape, depth), ctx.expr(other, depth)) for _ in range(ctx.pick((2, 3)))]
    p, a, b = ctx.fresh_name("pairs"), ctx.fresh_name("firsts"), ctx.fresh_name("seconds")
    listed = ", ".join(f"({x.text}, {y.text})" for x, y in pairs)
    tail = f"{b}[0]" if other == shape else f"{b}[-1]" if other == () else f"np.sum({b}[-1])"
    return [f"{p} = [{listed}]", f"{a}, {b} = zip(*{p})", f"{out} = sum({a}) * 0.5 + {tail}"], \
        sum(x.bound for x, _ in pairs) + 16.0 * max(y.bound for _, y in pairs)


def _map_filter(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    if len(shape) == 1 and ctx.rng.random() < 0.5:  # n scalars mapped into a vector
        items = _items(ctx, (), depth, shape[0])
        text, bound = ctx.pick(_LAMBDAS)
        listed = ", ".join(i.text for i in items)
        return [f"{out} = np.array(list(map({text}, [{listed}])))"], \
            bound(max(i.bound for i in items))
    if shape == () and ctx.rng.random() < 0.6:
        items = _items(ctx, (), depth, 3)
        c = ctx.pick(("0.0", "0.5", "-0.5"))
        listed = ", ".join(i.text for i in items)
        return [f"{out} = sum(filter(lambda e: e > {c}, [{listed}]), 0.0)"], \
            sum(i.bound for i in items)
    items = _items(ctx, shape, depth, ctx.pick((2, 3)))
    text, bound = ctx.pick(_LAMBDAS)
    listed = ", ".join(i.text for i in items)
    return [f"{out} = sum(map({text}, [{listed}]))"], \
        len(items) * bound(max(i.bound for i in items))


def _sorted(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    if shape != ():
        return None
    items = _items(ctx, (), depth, 3)
    listed = f"[{', '.join(i.text for i in items)}]"
    srt = ctx.fresh_name("srt")
    made = ctx.pick((f"sorted({listed})", f"sorted({listed}, reverse=True)",
                     f"sorted(map(lambda e: e * 0.5 - 0.25, {listed}))"))
    return [f"{srt} = {made}", f"{out} = {srt}[0] * 0.5 + {srt}[-1]"], \
        2 * max(i.bound for i in items) + 1.0


_KINDS = (_walrus, _any_all, _reduce, _accumulate, _unzip, _map_filter, _sorted)


def s_functional(ctx: Ctx, depth: int) -> Lines | None:
    return picked_statement(ctx, depth, _KINDS)


def p_scalars_py(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """Python-float arithmetic and ``math`` on scalars, at singular points too."""
    if shape != ():
        return None
    a, b = ctx.expr((), depth), ctx.expr((), depth)
    t, u = par(a.text), par(b.text)
    p, low = positive(ctx, (), depth)
    q = par(p.text)
    root = (a.bound + 1.0) ** 0.5
    options = [
        (f"abs({t}) ** 0.5", root), (f"math.sqrt(abs({t}))", root),
        (f"({t} * {t} + 0.5) ** 0.5", a.bound + 1.0), (f"{q} ** 0.5", p.bound ** 0.5),
        (f"math.sqrt(max({t}, 0.0))", root), (f"max({t} - 0.125, 0.0) ** 0.5", root),
        (f"math.sqrt(max({t} - 0.125, 0.0))", root), (f"abs({t}) ** 1.5", (a.bound + 1.0) ** 1.5),
        (f"math.pow(abs({t}), 0.5)", root), (f"math.log({p.text})", abs(math.log(low)) +
                                             math.log(p.bound)),
        (f"math.atan2({t}, {u})", 3.2), (f"math.hypot({t}, {u})", a.bound + b.bound),
        (f"abs({t}) * {u}", a.bound * b.bound), (f"min(max({t}, -0.5), 1.0)", 1.0),
        (f"{t} * 0.5 - {u} / 3.0", a.bound + b.bound), (_CBRT.format(t), root),
    ]
    if a.bound <= 3.0:
        options += [(f"math.exp({t})", math.exp(a.bound)),
                    (f"{q} ** {t}", max(p.bound, 1.0 / low) ** a.bound)]
    text, bound = ctx.pick(options)
    return Expr(text, (), bound)
