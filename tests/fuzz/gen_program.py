"""Program k of seed s: module constants, helpers, and the function ``f`` under test.

``generate(seed, index, without)`` is a pure function of its arguments: all randomness comes from a
``random.Random`` seeded with the string ``"tangentish-fuzz:<seed>:<index>"`` (string seeds are
hashed with SHA-512, not with the salted ``hash()``), and no set or hash order is ever iterated.
The text is normalised by an ``ast`` round trip, so it is canonical Python.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Iterable

from . import gen_flow, gen_forms, gen_functional, gen_idioms, gen_idioms2, gen_layers, gen_records, gen_stmt
from .context import Callee, Ctx, Scope, Var, par
from .features import FEATURES, LATE, check_names
from .gen_elem import positive
from .grammar import bind
from .program import ENTRY, Param, Program

_NAMES = {(): ("x", "y", "z"), 1: ("v", "w", "u"), 2: ("A", "B"), "m": ("p", "r")}


def generate(seed: int, index: int, without: Iterable[str] = ()) -> Program:
    without = set(check_names(without))
    rng = random.Random(f"tangentish-fuzz:{seed}:{index}")
    late = random.Random(f"tangentish-fuzz:{seed}:{index}:late")  # (see features.LATE)
    draws = [late.random() if f.name in LATE else rng.random() for f in FEATURES]
    active = {f.name for f, d in zip(FEATURES, draws, strict=True) if d < f.probability} - without
    ctx = bind(Ctx(rng, active))
    parts = ["import math\nimport numpy as np"]
    params = _params(ctx)
    ctx.shapes = [()] + sorted({p.shape for p in params if p.shape}, key=lambda s: (len(s), s))
    parts += _globals(ctx)
    helpers = rng.randrange(1, 3) if "helpers" in active else 0
    if helpers and "objects" in active:
        parts.append(_methods(ctx, helpers))
    for i in range(0 if "objects" in ctx.used else helpers):
        parts.append(_helper(ctx, f"h{i + 1}", tuple_result=False))
    if "tuple_return" in active:
        parts.append(_helper(ctx, "pair", tuple_result=True))
    if "layers" in active:
        parts.append(gen_layers.module_text(ctx))
    ctx.int_params = [(p.name, p.value) for p in params if p.kind == "int"]
    parts.append(_main(ctx, params))
    if "transforms" in ctx.used:
        parts[0] += "\nimport tangentish"
    if ctx.used & {"records", "partials"}:
        parts.insert(1, gen_records.HEADER)
    if "idioms" in ctx.used:
        parts.insert(1, gen_idioms.HEADER)
    if "idioms2" in ctx.used:
        parts.insert(1, gen_idioms2.HEADER)
    if "idioms2" in ctx.used and any("special." in part for part in parts):
        parts[0] += "\n" + gen_idioms2.IMPORT
    if "functional" in ctx.used:  # (functools, maybe imported again: a program as people write it)
        parts[0] += "\n" + gen_functional.HEADER
    text = _canonical(parts)
    return Program(text, tuple(params), tuple(sorted(ctx.used)), seed, index,
                   origin=f"seed {seed}, program {index}")


def _canonical(parts: list[str]) -> str:
    blocks = []
    for part in parts:
        tree = ast.parse(part)
        blocks.append("\n".join(ast.unparse(node) for node in tree.body))
    return "\n\n\n".join(blocks) + "\n"


def _globals(ctx: Ctx) -> list[str]:
    if "globals" not in ctx.active:
        return []
    w = [round(ctx.rng.uniform(-1, 1), 2) for _ in range(ctx.n)]
    c = [[round(ctx.rng.uniform(-1, 1), 2) for _ in range(ctx.n)] for _ in range(ctx.m)]
    scale = round(ctx.rng.uniform(0.2, 2.0), 2)
    ctx.globals = [Var("W", ctx.N, 1.0), Var("C", ctx.MN, 1.0), Var("SCALE", (), 2.0)]
    return [f"W = np.array({w})\nC = np.array({c})\nSCALE = {scale}"]


def _methods(ctx: Ctx, count: int) -> str:
    """The helpers as methods of ``class Model`` (feature 'objects'): bodies that read ``self.k``
    and ``self.v`` as constants and call the methods before them as ``self.h1(...)``; then
    ``MODEL = Model()``, whose methods ``f`` calls as ``MODEL.h1(...)``."""
    k = round(ctx.rng.uniform(0.3, 1.5), 2)
    v = [round(ctx.rng.uniform(-1, 1), 2) for _ in range(ctx.n)]
    saved, had = ctx.globals, "globals" in ctx.active
    ctx.globals = saved + [Var("self.k", (), 1.5), Var("self.v", ctx.N, 1.0)]
    ctx.active.add("globals")
    try:
        methods = [_helper(ctx, f"h{i + 1}", tuple_result=False, method=True)
                   for i in range(count)]
    finally:
        ctx.globals = saved
        if not had:
            ctx.active.discard("globals")
            ctx.used.discard("globals")
    for callee in ctx.helpers:
        callee.name = callee.name.replace("self.", "MODEL.")
    ctx.used.add("objects")
    init = f"    def __init__(self):\n        self.k = {k}\n        self.v = np.array({v})"
    body = "\n\n".join([init] + ["\n".join("    " + line for line in m.splitlines())
                                 for m in methods])
    return f"class Model:\n{body}\n\n\nMODEL = Model()"


def _helper(ctx: Ctx, name: str, tuple_result: bool, method: bool = False) -> str:
    count = ctx.rng.randrange(1, 4)
    shapes = [ctx.pick(ctx.shapes + [()]) for _ in range(count)]
    names = ["a", "b", "d"][:count]
    params = [(n, s, None, False) for n, s in zip(names, shapes, strict=True)]
    if shapes[-1] == () and count > 1 and ctx.rng.random() < 0.6:
        params[-1] = (names[-1], (), ctx.pick(("0.5", "2.0", "1.5")), False)
    if ctx.rng.random() < 0.4:
        params.append(("scale", (), ctx.pick(("1.0", "0.5", "2.0")), True))
    returns = [(), shapes[0]] if tuple_result else [ctx.pick(((), shapes[0]))]
    ctx.scope = Scope({n: Var(n, s, 2.0) for n, s, _, _ in params}, returns=returns)
    body, jump = gen_flow.block(ctx, ctx.rng.randrange(1, 4), 1)
    if not jump:
        body.append(gen_stmt.return_line(ctx, 2, final=True))
    ctx.helpers.append(Callee(f"self.{name}" if method else name, params, returns, 20.0))
    ctx.used.add("tuple_return" if tuple_result else "helpers")
    signature = ("self, " if method else "") + _signature(params)
    return f"def {name}({signature}):\n" + "\n".join(gen_stmt.indent(body))


def _signature(params: list[tuple[str, tuple[int, ...], str | None, bool]]) -> str:
    out, star = [], False
    for name, _, default, kwonly in params:
        if kwonly and not star:
            out.append("*")
            star = True
        out.append(name if default is None else f"{name}={default}")
    return ", ".join(out)


def _params(ctx: Ctx) -> list[Param]:
    kinds = [ctx.pick(((), ctx.N, ctx.MN, (), ctx.N, ctx.MV)) for _ in range(ctx.rng.randrange(1, 4))]
    params, taken = [], set()
    for shape in kinds:
        key = "m" if shape == ctx.MV else (len(shape) if shape else ())
        name = next((n for n in _NAMES[key] if n not in taken), None)
        if name is None:
            continue
        taken.add(name)
        params.append(Param(name, "float" if shape == () else "array", shape))
    if "int_param" in ctx.active:
        value = ctx.rng.randrange(0, 4)
        params.insert(ctx.rng.randrange(len(params) + 1), Param("n", "int", (), value))
    return params


def _returned(ctx: Ctx, line: str) -> list[str]:
    """``return e``, or sometimes (feature 'loop_last') ``e`` computed in a loop and its last value
    returned by name: ``for _ in range(2): res = e`` then ``return res`` (a bare returned name that
    the adjoint may restore from the tape); or (feature 'dead_iterations') a loop whose earlier
    iterations, overwritten, meet a singular point: ``for k in range(3): res = e + np.sqrt(q *
    k)``, ``q`` positive (at ``k = 0`` the partial is inf, where the adjoint is 0 by structure)."""
    if ctx.on("dead_iterations", 0.6):
        ctx.used.add("dead_iterations")
        k, name, trips = ctx.fresh_name("k"), ctx.fresh_name("res"), ctx.pick((2, 3))
        shape = ctx.pick(ctx.shapes)
        q = par(positive(ctx, shape, 1)[0].text)
        terms = [f"np.sqrt({q} * {k})", f"np.cbrt({q} * {k})", f"np.log({q} * {k} + {k})",
                 f"np.arcsin(np.tanh({q}) * ({k} - 1))"] + ([f"math.sqrt({q} * {k})"] if shape == ()
                                                             else [])
        value = f"{line[len('return '):]} + {ctx.pick(('np.sum', 'np.mean'))}({ctx.pick(terms)})"
        if ctx.rng.random() < 0.5:  # (the value made by a reduction, not an elementwise op)
            value = f"np.sum({ctx.pick(terms)} + {par(line[len('return '):])})"
        return [f"for {k} in range({trips}):", f"    {name} = {value}", f"return {name}"]
    if not ctx.on("loop_last", 0.4):
        return [line]
    ctx.used.add("loop_last")
    name = ctx.fresh_name("res")
    trips = ctx.pick((1, 2, 3))
    return [f"for _ in range({trips}):", f"    {name} = {line[len('return '):]}",
            f"return {name}"]


def _main(ctx: Ctx, params: list[Param]) -> str:
    ctx.scope = Scope({p.name: Var(p.name, p.shape, 1.5) for p in params if p.kind != "int"},
                      returns=[()])
    body, jump = gen_flow.block(ctx, ctx.rng.randrange(2, 6), 0)
    if not jump:
        body += _returned(ctx, gen_forms.returned_kind(ctx, gen_stmt.return_line(ctx, 3, final=True)))
    signature = ", ".join(p.name for p in params)
    body = gen_records.own_imports(ctx, body)
    return f"def {ENTRY}({signature}):\n" + "\n".join(gen_stmt.indent(body))
