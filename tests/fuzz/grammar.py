"""The expression grammar: ``expr`` picks a production for the requested shape, ``leaf`` ends the
recursion, ``condition`` writes a scalar value condition.  ``bind(ctx)`` installs them on the
context, so productions in ``gen_elem``/``gen_array``/``gen_call`` recurse without importing this
module (no import cycle).
"""

from __future__ import annotations

from . import gen_array, gen_call, gen_elem, gen_forms, gen_functional, gen_orders
from .context import LIMIT, Ctx, Expr, ones_text, par

PRODUCTIONS = gen_elem.PRODUCTIONS + gen_array.PRODUCTIONS + gen_call.PRODUCTIONS + [
    ("scalars_py", 2.0, gen_functional.p_scalars_py), ("dtype_mix", 1.0, gen_forms.p_dtype_mix),
    ("einsum", 1.0, gen_forms.p_einsum), ("axis_tuples", 1.0, gen_forms.p_axis_tuples),
] + gen_orders.PRODUCTIONS


def bind(ctx: Ctx) -> Ctx:
    ctx.expr = lambda shape, depth: expr(ctx, shape, depth)
    ctx.leaf = lambda shape: leaf(ctx, shape)
    ctx.cond = lambda depth: condition(ctx, depth)
    return ctx


def expr(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr:
    """An expression of ``shape`` with at most ``depth`` nested productions."""
    if depth > 0 and ctx.rng.random() > 0.2:
        weighted = [(w, (f, p)) for f, w, p in PRODUCTIONS if f in ctx.active]
        for feature, production in ctx.ordered(weighted):
            found = production(ctx, shape, depth - 1)
            if found is not None and found.bound <= LIMIT:
                ctx.used.add(feature)
                return found
    return leaf(ctx, shape)


def leaf(ctx: Ctx, shape: tuple[int, ...]) -> Expr:
    """A variable of ``shape``, a constant, or (when no variable has the shape) one derived from a
    variable of another shape."""
    local = [v for v in ctx.vars_of(shape) if v not in ctx.globals]
    constants = [v for v in ctx.vars_of(shape) if v in ctx.globals]
    if constants and (not local or ctx.rng.random() < 0.15):
        ctx.used.add("globals")
        var = ctx.choose_var(constants)
        return Expr(var.name, shape, var.bound, fresh=False)
    if local and (shape != () or ctx.rng.random() < 0.8):
        var = ctx.choose_var(local)
        return Expr(var.name, shape, var.bound, fresh=False)
    if shape == ():
        if ctx.rng.random() < 0.5:
            derived = gen_array.scalar_from_array(ctx)
            if derived is not None:
                return derived
        return Expr(ctx.const(), (), 3.0)
    derived = gen_array.derive(ctx, shape)
    if derived is not None:
        return derived
    scale = leaf(ctx, ())
    return Expr(f"{par(scale.text)} * {ones_text(shape)}", shape, scale.bound)


def _comparison(ctx: Ctx, depth: int) -> str:
    ints = sorted(ctx.scope.ints)
    if ints and ctx.rng.random() < 0.15:
        name = ctx.pick(ints)
        return ctx.pick((f"{name} % 2 == 0", f"{name} > 0", f"{name} == 1"))
    left = ctx.expr((), min(depth, 2))
    op = ctx.pick(("<", ">", "<=", ">="))
    if ctx.rng.random() < 0.7:
        right = ctx.pick(("0.0", "0.5", "-0.5", "1.0", "0.2"))
    else:
        right = par(ctx.expr((), min(depth, 1)).text)
    return f"{par(left.text)} {op} {right}"


def condition(ctx: Ctx, depth: int) -> str:
    """A scalar value condition (comparisons; with 'bool_ops', and/or/not and chains)."""
    if not ctx.on("bool_ops", 0.5):
        return _comparison(ctx, depth)
    ctx.used.add("bool_ops")
    kind = ctx.pick(("and", "or", "not", "chain"))
    if kind == "not":
        return f"not {par(_comparison(ctx, depth))}"
    if kind == "chain":
        middle = ctx.expr((), min(depth, 2))
        return f"{ctx.pick(('-1.0', '-0.5', '0.0'))} < {par(middle.text)} < {ctx.pick(('0.5', '1.0', '2.0'))}"
    return f"{par(_comparison(ctx, depth))} {kind} {par(_comparison(ctx, depth))}"
