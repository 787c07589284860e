"""Python idioms around the values (feature ``idioms``): the statements README lists as
differentiated since refusals6/idioms18, written as people write them::

    try: L = np.linalg.cholesky(S)            match k:                 it = iter([e1, e2, e3])
    except np.linalg.LinAlgError: L = ...       case 0: s = ...        a = next(it); b = next(it, 0.5)
    try: s = e  finally: t = s * 0.5             case 1 | 2: s = ...    for e in it: ...
                                                 case _: s = ...

    h = make(e); s = h(a) + h(b)              (a closure factory, local or of the module)
    act = np.tanh if c else np.sin; if c: g = lambda t: ... else: g = lambda t: ...
    bx = Box(a, b); bx.b = ...; s = bx.total(t)   (a plain class whose __init__ stores its fields)
    params = {'w': y, 'b': s}; sum(np.sum(v ** 2) for v in params.values()); for key in params
    for p, q, r in zip(*[y, z, w]); cols = list(zip(*rows))

Every value read is of a shape the scope knows; the bodies are single assignments, so names
defined inside stay inside (but for the one every arm assigns).
"""

from __future__ import annotations

from .context import Ctx, Expr, par
from .gen_stmt import Lines, define, local_name, pick_shape

HEADER = '''class Box:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def total(self, t):
        return self.a * t + self.b


def make_scaled(c):
    def scaled(t):
        return c * np.tanh(t) + 0.5 * t
    return scaled'''


def _spd(ctx: Ctx, depth: int) -> tuple[str, int] | None:
    if not ctx.has(ctx.MN):
        return None
    a = ctx.leaf(ctx.MN)
    scale = max(1.0, round(a.bound * a.bound * ctx.n, 1))
    return f"{par(a.text)} @ {par(a.text)}.T / {scale} + 2.0 * np.eye({ctx.m})", ctx.m


def _try(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    if ctx.rng.random() < 0.3:  # try/finally: the two blocks in turn
        e, f = ctx.expr(shape, depth), ctx.expr(shape, depth)
        return ["try:", f"    {out} = {e.text}", "finally:",
                f"    {out} = 0.5 * {out} + {par(f.text)}"], 0.5 * e.bound + f.bound
    made = _spd(ctx, depth)
    if made is None:
        return None
    spd, order = made
    s, low = ctx.fresh_name("S"), ctx.fresh_name("L")
    head = [f"{s} = {spd}"]
    if shape == (order,) and ctx.rng.random() < 0.5:
        b = ctx.expr(shape, depth)
        bn = ctx.fresh_name("rhs")
        return head + [f"{bn} = {b.text}", "try:", f"    {out} = np.linalg.solve({s}, {bn})",
                       "except np.linalg.LinAlgError:", f"    {out} = {bn}"], b.bound
    e = ctx.expr(shape, depth)
    clause = ctx.pick(("except np.linalg.LinAlgError:", "except (np.linalg.LinAlgError, ValueError):",
                       "except Exception:"))
    tail = ["else:", f"    {low} = {low} * 1.0"] if ctx.rng.random() < 0.3 else []  # (bound)
    return head + ["try:", f"    {low} = np.linalg.cholesky({s})", clause,
                   f"    {low} = np.eye({order})", *tail,
                   f"{out} = np.sum(np.log(np.diag({low}))) * {par(e.text)}"], 3.0 * e.bound


def _match(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    ints = sorted(ctx.scope.ints)
    if ints and ctx.rng.random() < 0.6:
        subject, cases = ctx.pick(ints), ("0", "1 | 2", "3")
        lines = []
    else:
        subject = ctx.fresh_name("mode")
        lines = [f"{subject} = {ctx.pick(('l1', 'l2', 'huber'))!r}"]
        cases = ("'l1'", "'l2' | 'sq'", "'huber'")
    lines.append(f"match {subject}:")
    bound = 0.0
    for case in cases[:ctx.rng.randrange(1, 4)] + ("_",):
        e = ctx.expr(shape, depth)
        bound = max(bound, e.bound)
        lines += [f"    case {case}:", f"        {out} = {e.text}"]
    return lines, bound


def _iterate(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    it = ctx.fresh_name("it")
    if shape == () and ctx.has(ctx.N) and ctx.rng.random() < 0.4:
        v = ctx.expr(ctx.N, depth)
        first = ctx.fresh_name("first")
        return [f"{it} = iter(list({v.text}))", f"{first} = next({it})", f"{out} = {first}",
                f"for e in {it}:", f"    {out} = {out} * 0.5 + e"], 2 * v.bound
    items = [ctx.expr(shape, depth) for _ in range(ctx.pick((2, 3)))]
    a, b = ctx.fresh_name("a"), ctx.fresh_name("b")
    bound = max(i.bound for i in items)
    lines = [f"{it} = iter([{', '.join(i.text for i in items)}])", f"{a} = next({it})",
             f"{b} = next({it}, 0.5)"]
    if ctx.rng.random() < 0.5:
        c = ctx.fresh_name("c")
        lines += [f"{c} = next({it}, {a})", f"{out} = {a} * {b} + {c}"]
        return lines, bound * bound + bound
    rest = ctx.fresh_name("rest")
    lines += [f"{rest} = list({it})", f"{out} = {a} - {b} * 0.5 + sum({rest}, 0.0)"]
    return lines, 3 * bound


def _factory(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    c, a, b = ctx.expr((), depth), ctx.expr(shape, depth), ctx.expr(shape, depth)
    h = ctx.fresh_name("h")
    bound = (c.bound + 0.5) * (a.bound + b.bound + 2.0)
    if "closures" not in ctx.active or ctx.rng.random() < 0.34:
        return [f"{h} = make_scaled({c.text})", f"{out} = {h}({a.text}) + {h}({b.text})"], bound
    mk = ctx.fresh_name("make")
    if ctx.rng.random() < 0.5:
        define_lines = [f"def {mk}(k):", "    return lambda t: k * np.sin(t) + t"]
    else:
        define_lines = [f"def {mk}(k):", "    def inner(t):", "        return k * np.sin(t) - t",
                        "    return inner"]
    return define_lines + [f"{h} = {mk}({c.text})", f"{out} = {h}({a.text}) - {h}({b.text})"], \
        bound


def _chosen(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    """A function chosen by a branch, in the function's own body (README: a local bound to
    functions in a nested block or a loop stays refused as a call to a local value)."""
    if ctx.scope.level > 0:
        return None
    g = ctx.fresh_name("act")
    a = ctx.expr(shape, depth)
    if "closures" not in ctx.active or ctx.rng.random() < 0.5:
        if "ternary" not in ctx.active:
            return [f"{g} = np.tanh", f"{out} = {g}({a.text}) * 2.0"], 2.0
        cond = ctx.cond(1)
        pair = ctx.pick((("np.tanh", "np.sin"), ("np.cos", "np.tanh"), ("np.sin", "np.arctan")))
        return [f"{g} = {pair[0]} if {cond} else {pair[1]}", f"{out} = {g}({a.text}) * 2.0"], 2.0
    return [f"if {ctx.cond(1)}:", f"    {g} = lambda t: np.tanh(t) * 1.5", "else:",
            f"    {g} = lambda t: 0.5 * t", f"{out} = {g}({a.text}) + {g}({par(a.text)} * 0.5)"], \
        3.0 + a.bound


def _box(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    a, b, t = ctx.expr(shape, depth), ctx.expr(shape, depth), ctx.expr((), depth)
    bx = ctx.fresh_name("bx")
    lines = [f"{bx} = Box({a.text}, b={b.text})" if ctx.rng.random() < 0.5 else
             f"{bx} = Box({a.text}, {b.text})"]
    bound = a.bound * t.bound + b.bound
    if ctx.rng.random() < 0.5:
        lines.append(f"{bx}.b = {bx}.b * 0.5 + {bx}.a")
        bound += a.bound
    read = ctx.pick((f"{bx}.total({t.text})", f"{bx}.a * {par(t.text)} + {bx}.b"))
    return lines + [f"{out} = {read}"], bound


def _params(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    w, b = ctx.expr(shape, depth), ctx.expr((), depth)
    p = ctx.fresh_name("params")
    lines = [f"{p} = {{'w': {w.text}, 'b': {b.text}}}"]
    bound = w.bound + b.bound
    kind = ctx.pick(("gen", "loop", "in", "comp", "keys"))
    if kind == "gen":
        lines.append(f"{out} = {p}['w'] * 0.5 + sum((np.sum(v ** 2) for v in {p}.values()))")
        bound = 0.5 * w.bound + 16 * bound * bound
    elif kind == "loop":
        lines += [f"{out} = {p}['w'] * 0.0", f"for key in {p}:",  # (sorted(p), a key
                  f"    {out} = {out} + {p}[key]"]  # not a constant there, is refused)
    elif kind == "in":
        lines += [f"{out} = {p}['w'] + {p}.get('z', 0.5)", f"if 'b' in {p}:",
                  f"    {out} = {out} + {p}['b']"]
        bound += 0.5
    elif kind == "comp":
        q = ctx.fresh_name("scaled")
        lines += [f"{q} = {{k: 2.0 * v for k, v in {p}.items()}}", f"{out} = {q}['w'] - {q}['b']"]
        bound *= 2.0
    else:
        key = ctx.fresh_name("key")  # (a key computed in a loop is refused for a dict local)
        lines += [f"{p}['w1'] = {p}['w'] * 0.5", f"{out} = {p}['b'] + {p}['w1']",
                  f"for {key} in {p}.keys():", f"    {out} = {out} + {p}[{key}] * 0.5"]
    return lines, bound


def _unzip_rows(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    vectors = [s for s in (ctx.N, ctx.MV) if ctx.has(s)]
    if shape != () or not vectors:
        return None
    row = ctx.pick(vectors)
    items = [ctx.expr(row, depth) for _ in range(3)]
    rows = ctx.fresh_name("rows")
    bound = max(i.bound for i in items)
    lines = [f"{rows} = [{', '.join(i.text for i in items)}]"]
    if ctx.rng.random() < 0.5:
        p, q, r = ctx.fresh_name("p"), ctx.fresh_name("q"), ctx.fresh_name("r")
        return lines + [f"{out} = 0.0", f"for {p}, {q}, {r} in zip(*{rows}):",
                        f"    {out} = {out} + {p} * {q} - {r}"], row[0] * (bound * bound + bound)
    cols = ctx.fresh_name("cols")
    return lines + [f"{cols} = list(zip(*{rows}))", f"{out} = sum({cols}[0]) + {cols}[-1][1]"], \
        4 * bound


_KINDS = (_try, _match, _iterate, _factory, _chosen, _box, _params, _unzip_rows)


def s_idioms(ctx: Ctx, depth: int) -> Lines | None:
    shape = pick_shape(ctx)
    out = local_name(ctx, shape)
    kind = ctx.pick(_KINDS)
    made = kind(ctx, shape, depth, out)
    if made is None:
        return None
    lines, bound = made
    define(ctx, out, Expr(out, shape, bound, fresh=False))
    return lines
