"""Complex intermediates (feature ``complex``): a complex value made from real ones
(``np.exp(1j * e)``, ``a + 1j * b``, ``complex(a, b)``, ``np.fft.fft``, ``np.array([...],
dtype=complex)``, ``.astype(complex)``), carried through the operations a complex value may meet
(products, ``np.conj``, ``np.where``, ``np.concatenate``, ``np.stack``, ``@``, ``np.dot``, element
writes ``Z[i] = c``, ``Z[a:b] *= c``) and made real again (``.real``, ``.imag``,
``np.abs(z) ** 2``): tangentish/passes/complex_paths.py."""

from __future__ import annotations

from .context import LIMIT, Ctx, Expr, par
from .gen_stmt import Lines, define, local_name, pick_shape


def _complex(ctx: Ctx, shape: tuple[int, ...], depth: int) -> tuple[str, float]:
    """A complex expression of ``shape`` and a bound on its magnitude."""
    e = ctx.expr(shape, depth)
    options = [(f"np.exp(1j * {par(e.text)})", 1.0)]
    if depth <= 0:
        return ctx.pick(options)
    b = ctx.expr(shape, depth - 1)
    options.append((f"{par(e.text)} + 1j * {par(b.text)}", e.bound + b.bound))
    inner, bound = _complex(ctx, shape, depth - 1)
    options += [(f"{par(inner)} * {par(b.text)}", bound * b.bound),
                (f"{par(inner)} - {par(b.text)}", bound + b.bound),
                (f"np.conj({inner}) * 0.5j", 0.5 * bound),
                (f"np.where({par(b.text)} > 0.0, {inner}, {e.text})", max(bound, e.bound))]
    other, second = _complex(ctx, shape, depth - 1)
    options.append((f"{par(inner)} * {par(other)}", bound * second))
    if shape == ():
        options += [(f"complex({e.text}, {b.text})", e.bound + b.bound),
                    (f"np.complex128({e.text}) * (1.0 - 2j)", 3.0 * e.bound)]
        if ctx.has(ctx.N):
            v, w = ctx.expr(ctx.N, depth - 1), _complex(ctx, ctx.N, depth - 1)
            options.append((f"np.dot({w[0]}, {v.text})", ctx.n * w[1] * v.bound))
        return ctx.pick(options)
    length = shape[0]
    options += [(f"{par(inner)}.conj()", bound),  # (a Python complex has no .conj())
                (f"np.stack([{e.text}, {inner}])[{ctx.pick((0, 1))}]", max(bound, e.bound)),
                (f"np.stack([{inner}, {e.text}], axis=-1)[..., 0]", bound),
                (f"np.concatenate([{par(inner)}[:1], {par(b.text)}[1:]])", max(bound, b.bound)),
                (f"{par(e.text)}.astype(complex) * (0.5 + 1j)", 1.5 * e.bound)]
    if len(shape) == 1:
        options += [(f"np.fft.fft({e.text})", length * e.bound), (f"np.fft.ifft({inner})", bound)]
        items = [_complex(ctx, (), 0)]
        items += [(item.text, item.bound) for item in (ctx.expr((), 0) for _ in range(length - 1))]
        options.append((f"np.array([{', '.join(t for t, _ in items)}], dtype=complex)",
                        max(b for _, b in items)))
    if shape == ctx.MV and ctx.has(ctx.MN) and ctx.has(ctx.N):
        mat, vec = _complex(ctx, ctx.MN, depth - 1), ctx.expr(ctx.N, depth - 1)
        options.append((f"{par(mat[0])} @ {par(vec.text)}", ctx.n * mat[1] * vec.bound))
    return ctx.pick(options)


def _writes(ctx: Ctx, name: str, shape: tuple[int, ...], depth: int) -> tuple[Lines, float]:
    """Element and slice writes into the complex array ``name``, and a factor on its bound."""
    lines, factor = [], 1.0
    for _ in range(ctx.pick((1, 2))):
        if ctx.rng.random() < 0.5:
            index = ", ".join(str(ctx.rng.randrange(-d, d)) for d in shape)
            value, bound = _complex(ctx, (), 0) if ctx.rng.random() < 0.7 else (
                ctx.expr((), 0).text, ctx.expr((), 0).bound + 10.0)
            lines.append(f"{name}[{index}] {ctx.pick(('=', '*=', '+='))} {value}")
            factor = factor * (1.0 + bound) + bound
        else:
            lo = ctx.rng.randrange(0, shape[0] - 1)
            value, bound = _complex(ctx, shape, min(depth, 1))
            lines.append(f"{name}[{lo}:] *= {par(value)}[{lo}:]")
            factor *= max(1.0, bound)
    return lines, factor


def s_complex(ctx: Ctx, depth: int) -> Lines:
    shape = pick_shape(ctx)
    text, bound = _complex(ctx, shape, min(depth, 2))
    if bound > LIMIT:
        text, bound = f"np.exp(1j * {par(ctx.leaf(shape).text)})", 1.0
    z = ctx.fresh_name("zc")
    lines = [f"{z} = np.array({text}, dtype=complex)" if shape else f"{z} = {text}"]
    if shape and ctx.rng.random() < 0.6:
        written, factor = _writes(ctx, z, shape, depth)
        lines += written
        bound *= factor
    real = [(f"{z}.real", bound), (f"{z}.imag", bound), (f"np.real({z} * 0.5j)", bound)]
    if bound * bound <= LIMIT:
        real += [(f"np.abs({z}) ** 2", bound * bound), (f"({z} * np.conj({z})).real", bound * bound)]
    out_text, out_bound = ctx.pick(real)
    out = local_name(ctx, shape)
    define(ctx, out, Expr(out, shape, out_bound))
    return [*lines, f"{out} = {out_text}"]
