"""Feature 'layers': a module list of layer objects (``LAYERS``), a tuple of functions (``ACTS``)
and a dict of them (``TABLE``), and statements of ``f`` that loop over them (``for layer in
LAYERS: v = layer(v)``, through ``zip``, ``enumerate``, ``reversed``, a display of functions,
``TABLE.values()``, the dict's keys as a variable ``TABLE[name](v)``, a comprehension, an index),
which the transform unrolls (``passes/object_loops.py``); and list comprehensions with two
``for``s and an ``if``, which it writes as nested loops.

Each layer is bounded (``k * tanh(a) + 0.5 * sin(a)``), so any number of them in a row is.
"""

from __future__ import annotations

from .context import Ctx, Expr, Var
from .gen_stmt import Lines, define, local_name, pick_shape

_LAYER = 1.7  # a bound of what a layer returns (|k| <= 1.2)


def module_text(ctx: Ctx) -> str:
    """The class, ``LAYERS`` (one to three layers) and ``ACTS``."""
    ks = [round(ctx.rng.uniform(-1.2, 1.2), 2) for _ in range(ctx.rng.randrange(1, 4))]
    return ("class Layer:\n"
            "    def __init__(self, k):\n        self.k = k\n\n"
            "    def __call__(self, a):\n        return self.k * np.tanh(a) + 0.5 * np.sin(a)\n\n"
            "    def forward(self, a):\n        return np.cos(self(a)) * self.k\n\n\n"
            f"LAYERS = [{', '.join(f'Layer({k})' for k in ks)}]\nACTS = (np.tanh, np.sin)\n"
            "TABLE = {'tanh': np.tanh, 'sin': np.sin}")


def s_layers(ctx: Ctx, depth: int) -> Lines | None:
    form = ctx.pick(("loop", "loop", "functions", "zip", "comprehension", "index", "two_fors"))
    if form == "two_fors":
        return _two_fors(ctx, depth)
    if form in ("comprehension", "index"):
        e = ctx.expr(pick_shape(ctx), depth)
        if form == "index":
            name, call = local_name(ctx, e.shape), f"LAYERS[{ctx.pick((0, -1))}]({e.text})"
            define(ctx, name, Expr(call, e.shape, _LAYER))
            return [f"{name} = {call}"]
        name, text = local_name(ctx, ()), f"sum([np.sum(layer({e.text})) for layer in LAYERS])"
        size = 1 if not e.shape else e.shape[0] * (e.shape[1] if len(e.shape) > 1 else 1)
        define(ctx, name, Expr(text, (), 3 * size * _LAYER))
        return [f"{name} = {text}"]
    names = list(ctx.scope.vars.values())
    if not names:
        return None
    var = ctx.pick(names)
    if form == "functions":
        over = ctx.pick(("ACTS", "(np.tanh, np.sin)", "(np.sin, np.tanh, np.sin)",
                         "TABLE.values()", "names"))
        var.bound = max(var.bound, 1.0)
        if over == "names":  # (passes/function_tables.py: one copy per key)
            return ["for name in ('sin', 'tanh', 'sin'):",
                    f"    {var.name} = TABLE[name]({var.name}) * 0.9"]
        return [f"for act in {over}:", f"    {var.name} = act({var.name}) * 0.9"]
    if form == "zip":
        var.bound = max(var.bound, 1.5 * _LAYER)
        return ["for layer, s in zip(LAYERS, (0.5, -1.0, 1.5)):",
                f"    {var.name} = layer({var.name}) * s"]
    header = ctx.pick(("for layer in LAYERS:", "for layer in reversed(LAYERS):",
                       "for i, layer in enumerate(LAYERS):"))
    call = ctx.pick((f"layer({var.name})", f"0.5 * layer.forward({var.name})"))
    var.bound = max(var.bound, _LAYER)
    return [header, f"    {var.name} = {call}"]


def _two_fors(ctx: Ctx, depth: int) -> Lines | None:
    """``t = sum([q1 * np.sin(q2) for q1 in u if q1 > c for q2 in w])`` over two vectors."""
    vectors = ctx.vars_of(ctx.N)
    if not vectors:
        return None
    u, w = ctx.pick(vectors), ctx.pick(vectors)
    q1, q2 = ctx.fresh_name("q"), ctx.fresh_name("q")
    saved = ctx.scope
    ctx.scope = saved.child()
    ctx.scope.vars[q1], ctx.scope.vars[q2] = Var(q1, (), u.bound), Var(q2, (), w.bound)
    item = ctx.expr((), depth)
    ctx.scope = saved
    first, second = ctx.pick(("", f" if {q1} > 0.1")), ctx.pick(("", f" if {q2} < {q1}"))
    name = local_name(ctx, ())
    text = f"sum([{item.text} for {q1} in {u.name}{first} for {q2} in {w.name}{second}])"
    define(ctx, name, Expr(text, (), ctx.n * ctx.n * item.bound))
    return [f"{name} = {text}"]
