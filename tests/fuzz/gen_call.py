"""Calls of the program's own functions: module-level helpers, local closures, and the gradient
of a helper made by ``tangentish.grad`` inside the function (a transform under a transform).

Arguments are passed the ways people pass them: positionally, by keyword (so that every later
argument is a keyword too), keyword-only parameters always by keyword, and defaulted parameters
sometimes left out.
"""

from __future__ import annotations

from .context import Callee, Ctx, Expr, par


def call_text(ctx: Ctx, callee: Callee, depth: int) -> str:
    args: list[str] = []
    by_keyword = False
    for name, shape, default, kwonly in callee.params:
        if default is not None and ctx.rng.random() < 0.4:
            by_keyword = True  # left out: later arguments must name their parameter
            continue
        value = ctx.expr(shape, depth).text
        if shape != () and ctx.reads_integral(value):  # (helpers update their arrays in place)
            value = f"{par(value)} * 1.0"
        if kwonly or by_keyword or ctx.rng.random() < 0.2:
            by_keyword = True
            args.append(f"{name}={value}")
        else:
            args.append(value)
    return f"{callee.name}({', '.join(args)})"


def _call(ctx: Ctx, callees: list[Callee], shape: tuple[int, ...], depth: int) -> Expr | None:
    fitting = [c for c in callees if c.returns == [shape]]
    if not fitting:
        return None
    callee = ctx.pick(fitting)
    return Expr(call_text(ctx, callee, depth), shape, callee.bound, fresh=False)


def p_helper_call(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    return _call(ctx, ctx.helpers, shape, depth)


def p_closure_call(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    return _call(ctx, list(ctx.scope.funcs.values()), shape, depth)


def p_transform_call(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    """``tangentish.grad(h1, wrt='b')(...)`` (or ``value_and_grad(...)(...)[1]``) of a helper
    with a scalar result: the gradient has the shape of the parameter ``b``, always passed; for a
    scalar, sometimes ``tangentish.jvp(h1, wrt='b')(..., b_dot=t)[1]``."""
    if shape == () and ctx.rng.random() < 0.35:
        found = _jvp_call(ctx, depth)
        if found is not None:
            return found
    fitting = [(c, name) for c in ctx.helpers if c.returns == [()] and "." not in c.name
               for name, s, default, kwonly in c.params if s == shape and default is None]
    if not fitting:
        return None
    callee, wrt = ctx.pick(fitting)
    arguments = call_text(ctx, callee, depth)[len(callee.name):]
    if ctx.rng.random() < 0.5:
        text = f"tangentish.grad({callee.name}, wrt={wrt!r}){arguments}"
    else:
        text = f"tangentish.value_and_grad({callee.name}, wrt={wrt!r}){arguments}[1]"
    return Expr(text, shape, 10.0 * callee.bound, fresh=False)


def _jvp_call(ctx: Ctx, depth: int) -> Expr | None:
    """``tangentish.jvp(h1, wrt='b')(..., b_dot=t)[1]`` (a directional derivative, a scalar)."""
    fitting = [(c, name, s) for c in ctx.helpers if c.returns == [()] and "." not in c.name
               for name, s, default, kwonly in c.params if default is None]
    if not fitting:
        return None
    callee, wrt, shape = ctx.pick(fitting)
    arguments = call_text(ctx, callee, depth)[len(callee.name):-1]
    tangent = ctx.expr(shape, min(depth, 1))
    joined = f"{arguments}, " if arguments != "(" else arguments
    text = f"tangentish.jvp({callee.name}, wrt={wrt!r}){joined}{wrt}_dot={tangent.text})[1]"
    size = 1 if shape == () else shape[0] * (shape[1] if len(shape) > 1 else 1)
    return Expr(text, (), 10.0 * callee.bound * tangent.bound * size, fresh=False)


PRODUCTIONS = [
    ("helpers", 2.0, p_helper_call),
    ("closures", 2.0, p_closure_call),
    ("transforms", 1.5, p_transform_call),
]
