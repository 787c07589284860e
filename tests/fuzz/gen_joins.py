"""Lists and tuples joined by ``+`` (feature ``joins``): two displays joined and stacked or summed,
tuples joined and indexed, and a history grown by ``hs = hs + [h]`` in a loop (the joins have
rules of their own: tangentish/passes/sequences.py)."""

from __future__ import annotations

from .context import Ctx, Expr, par
from .gen_stmt import Lines, define, local_name, pick_shape


def s_join(ctx: Ctx, depth: int) -> Lines:
    shape = pick_shape(ctx)
    kind = ctx.pick(("stacked", "tuples", "carried"))
    items = [ctx.expr(shape, depth) for _ in range(ctx.pick((2, 3)))]
    left, right = items[:1], items[1:]
    out = local_name(ctx, shape)
    if kind == "stacked":
        joined = f"[{', '.join(i.text for i in left)}] + [{', '.join(i.text for i in right)}]"
        total = sum(i.bound for i in items)
        text = ctx.pick((f"np.sum(np.stack({joined}), axis=0)", f"sum({joined})"))
        define(ctx, out, Expr(out, shape, total, fresh=False))
        return [f"{out} = {text}"]
    if kind == "tuples":
        t = ctx.fresh_name("tj")
        lines = [f"{t} = ({left[0].text},) + ({', '.join(i.text for i in right)},)",
                 f"{out} = {t}[0] * 0.5 + {t}[-1] - {t}[1]"]
        define(ctx, out, Expr(out, shape, 0.5 * left[0].bound + 2.0 * max(
            i.bound for i in right), fresh=False))
        return lines
    hs, k = ctx.fresh_name("hs"), ctx.fresh_name("k")
    steps = ctx.pick((1, 2, 3))
    lines = [f"{hs} = [{items[0].text}]", f"for {k} in range({steps}):",
             f"    {hs} = {hs} + [np.tanh({hs}[-1]) * 0.5 + {par(items[1].text)}]",
             f"{out} = np.sum(np.stack({hs}), axis=0)"]
    define(ctx, out, Expr(out, shape, items[0].bound + steps * (0.5 + items[1].bound),
                          fresh=False))
    return lines
