"""Integer and bool arrays that varying values are written into: ``k = np.zeros(n, dtype=int)``,
``np.arange(n)``, ``np.array([0, 2, 1])``, ``np.ones(n, dtype=np.uint8)``, a bool mask, then
``k[i] = e``, ``k[lo:hi] = e[lo:hi]``, ``k[r] = v`` or ``k[i] += e``.  NumPy truncates what is written (a bool
keeps only whether it is non-zero), so the program is piecewise constant in it: its derivative
through the write is zero (the reference rejects the rare point whose stencil crosses a jump).
An integer array joins the scope for later arithmetic (never updated in place as a whole, which
NumPy refuses for a float); a bool one is read at once, multiplied by a float value.
"""

from __future__ import annotations

from .context import Ctx, Var, par

Lines = list[str]
_LARGEST = 1e6  # values beyond this are not written into integers (no overflow)


def _maker(ctx: Ctx, shape: tuple[int, ...]) -> tuple[str, float]:
    """An integral array of ``shape`` and a bound on its values."""
    size = str(shape[0]) if len(shape) == 1 else str(shape)
    options = [(f"np.zeros({size}, dtype=int)", 0.0), (f"np.ones({size}, dtype=np.int32)", 1.0),
               (f"np.full({size}, 2)", 2.0), (f"np.ones({size}, dtype=np.uint8)", 255.0)]
    if len(shape) == 1:
        ints = ", ".join(str(ctx.rng.randrange(-3, 4)) for _ in range(shape[0]))
        options += [(f"np.arange({shape[0]})", float(shape[0])), (f"np.array([{ints}])", 3.0)]
    return ctx.pick(options)


def _write(ctx: Ctx, name: str, shape: tuple[int, ...], depth: int) -> tuple[str, float] | None:
    """``name[...] = e`` (or ``+=``) and the bound of what it writes."""
    if len(shape) == 2 and ctx.rng.random() < 0.5:
        e = ctx.expr(ctx.N, depth)
        line = f"{name}[{ctx.rng.randrange(shape[0])}] = {e.text}"
    elif len(shape) == 1 and ctx.rng.random() < 0.4:
        lo = ctx.rng.randrange(0, shape[0] - 1)
        hi = ctx.rng.randrange(lo + 1, shape[0] + 1)
        e = ctx.expr(shape, depth)
        line = f"{name}[{lo}:{hi}] = {par(e.text)}[{lo}:{hi}]"
    else:  # (an element's += reads it, adds, writes back: a slice's would be an in-place ufunc,
        e = ctx.expr((), depth)  # which NumPy refuses for a float into integers)
        index = ", ".join(str(ctx.rng.randrange(-d, d)) for d in shape)
        line = f"{name}[{index}] {ctx.pick(('=', '=', '+='))} {e.text}"
    return None if e.bound > _LARGEST else (line, e.bound)


def s_integral(ctx: Ctx, depth: int) -> Lines | None:
    shape = ctx.pick((ctx.N, ctx.N, ctx.MN))
    if ctx.rng.random() < 0.3:  # a bool mask, read at once
        mask = ctx.fresh_name("mask")
        written = _write(ctx, mask, shape, depth)
        if written is None:
            return None
        factor = ctx.expr(shape, depth)
        name = ctx.fresh_name(ctx.pick(("y", "z")) if len(shape) == 1 else "Z")
        ctx.scope.vars[name] = Var(name, shape, factor.bound)
        return [f"{mask} = np.zeros({shape[0] if len(shape) == 1 else shape}, dtype=bool)",
                written[0], f"{name} = {mask} * {par(factor.text)}"]
    made, start = _maker(ctx, shape)
    name = ctx.fresh_name(ctx.pick(("k", "counts")))
    written = _write(ctx, name, shape, depth)
    if written is None:
        return None
    bound = 255.0 if "uint8" in made else start + written[1] + 1.0
    ctx.scope.vars[name] = Var(name, shape, bound, fresh=False)  # (no whole-array update)
    ctx.integral.add(name)  # (nor of a copy or a result that may be integral: fuzz/context.py)
    return [f"{name} = {made}", written[0]]
