"""Orderings, running products and differences, scattered sums (feature ``orders``) and solvers
of well-conditioned systems (feature ``solvers``).

``orders`` writes what people write to rank, difference and scatter values::

    np.sort(y), np.sort(Z, axis=0), y[np.argsort(w)], np.take_along_axis(Z, np.argsort(B, axis=1), axis=1)
    np.partition(y, 1)[1], np.sum(np.partition(y, 2)[:2]), np.cumprod(y), np.diff(y, prepend=0.0)
    np.bincount([0, 2, 0], weights=u, minlength=3), buf = np.zeros(3); np.add.at(buf, [0, 2, 0], u)

(a tie among the values ordered is found by ties.py, where ``argsort`` counts as an order too).
``solvers`` builds a symmetric positive definite matrix from a matrix of the program,
``S = Z @ Z.T / k + 2.0 * np.eye(m)`` (eigenvalues at least 2), and writes ``np.linalg.solve``,
``inv``, ``det``, ``slogdet``, ``cholesky``, ``eigh``/``eigvalsh`` and ``pinv`` of it; eigenvectors
only through what their signs do not change (``V @ np.diag(w) @ V.T``, ``V ** 2``).
"""

from __future__ import annotations

import math

from .context import LIMIT, Ctx, Expr, Var, par

Lines = list[str]


def _ints(ctx: Ctx, count: int, below: int) -> str:
    return "[" + ", ".join(str(ctx.rng.randrange(below)) for _ in range(count)) + "]"


def _vector_forms(ctx: Ctx, shape: tuple[int, ...], depth: int) -> list[tuple[str, float]]:
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    t, u, size = par(a.text), par(b.text), shape[0]
    forms = [(f"np.sort({a.text})", a.bound), (f"np.sort({a.text})[::-1]", a.bound),
             (f"-np.sort(-{t})", a.bound), (f"{t}[np.argsort({b.text})]", a.bound),
             (f"np.take_along_axis({a.text}, np.argsort({b.text}), axis=0)", a.bound),
             (f"np.diff({a.text}, prepend=0.0)", 2 * a.bound),
             (f"np.diff({a.text}, append={u}[-1:])", a.bound + b.bound),
             (f"np.cumsum({t}[::-1])[::-1]", size * a.bound)]
    if max(1.0, a.bound) ** size <= LIMIT:
        forms.append((f"np.cumprod({a.text})", max(1.0, a.bound) ** size))
    for other in (ctx.N, ctx.MV):
        count = other[0]
        if ctx.has(other):
            w = ctx.expr(other, depth)
            forms.append((f"np.bincount({_ints(ctx, count, size)}, weights={w.text}, "
                          f"minlength={size})", count * w.bound))
    return forms


def _matrix_forms(ctx: Ctx, depth: int) -> list[tuple[str, float]]:
    a, b = ctx.expr(ctx.MN, depth), ctx.expr(ctx.MN, depth)
    t = par(a.text)
    axis = ctx.pick(("0", "1", "-1", "-2"))
    forms = [(f"np.sort({a.text}, axis={axis})", a.bound),
             (f"np.take_along_axis({a.text}, np.argsort({b.text}, axis={axis}), axis={axis})",
              a.bound),
             (f"np.diff({a.text}, axis={axis}, prepend=0.0)", 2 * a.bound),
             (f"np.diff({a.text}, axis=0, append={t}[-1:])", 2 * a.bound)]
    if max(1.0, a.bound) ** ctx.m <= LIMIT:
        forms.append((f"np.cumprod({a.text}, axis=0)", max(1.0, a.bound) ** ctx.m))
    return forms


def _scalar_forms(ctx: Ctx, depth: int) -> list[tuple[str, float]]:
    source = ctx.pick([s for s in (ctx.N, ctx.MV) if ctx.has(s)] or [ctx.N])
    a = ctx.expr(source, depth)
    t, size = par(a.text), source[0]
    k = ctx.rng.randrange(size)
    return [(f"np.partition({a.text}, {k})[{k}]", a.bound),
            (f"np.sum(np.partition({a.text}, {k})[:{k + 1}])", size * a.bound),
            (f"np.sort({a.text})[-1] - np.sort({a.text})[0]", 2 * a.bound),
            (f"np.sum(np.diff({a.text}) ** 2)", 4 * size * a.bound ** 2),
            (f"np.diff({t}[::-1])[0]", 2 * a.bound)]


def p_orders(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    if shape == ():
        forms = _scalar_forms(ctx, depth)
    elif len(shape) == 1:
        forms = _vector_forms(ctx, shape, depth)
    elif shape == ctx.MN:
        forms = _matrix_forms(ctx, depth)
    else:
        return None
    text, bound = ctx.pick(forms)
    return Expr(text, shape, bound)


def s_add_at(ctx: Ctx, depth: int) -> Lines | None:
    """``buf = np.zeros(n); np.add.at(buf, [0, 2, 0], u)`` (repeated indices add up)."""
    shape = ctx.pick([s for s in (ctx.N, ctx.MV) if ctx.has(s)] or [ctx.N])
    source = ctx.pick([s for s in (ctx.N, ctx.MV, ()) if s == () or ctx.has(s)])
    count = source[0] if source else ctx.rng.randrange(1, 4)
    a = ctx.expr(source, depth)
    name = ctx.fresh_name("acc")
    lines = [f"{name} = np.zeros({shape[0]})",
             f"np.add.at({name}, {_ints(ctx, count, shape[0])}, {a.text})"]
    ctx.scope.vars[name] = Var(name, shape, count * a.bound, fresh=True)
    return lines


def _spd(ctx: Ctx, depth: int) -> tuple[str, int, float] | None:
    """A symmetric positive definite matrix, its order and a bound on its entries."""
    if not ctx.has(ctx.MN):
        return None
    a = ctx.expr(ctx.MN, depth)
    if a.bound > 30.0:
        a = ctx.leaf(ctx.MN)
    t = par(a.text)
    scale = max(1.0, round(a.bound * a.bound * ctx.n, 1))
    if ctx.rng.random() < 0.5:
        return f"{t} @ {t}.T / {scale} + 2.0 * np.eye({ctx.m})", ctx.m, 3.0
    return f"{t}.T @ {t} / {scale} + 2.0 * np.eye({ctx.n})", ctx.n, 3.0


def p_solvers(ctx: Ctx, shape: tuple[int, ...], depth: int) -> Expr | None:
    made = _spd(ctx, depth)
    if made is None:
        return None
    s, order, bound = made
    s = par(s)
    vector = (order,)
    if shape == ():
        options = [(f"np.linalg.det({s})", bound ** order * math.factorial(order)),
                   (f"np.linalg.slogdet({s})[1]", order * math.log(order * bound)),
                   (f"np.sum(np.linalg.eigvalsh({s}))", order * order * bound),
                   (f"np.linalg.eigh({s})[0][-1]", order * bound),
                   (f"np.trace(np.linalg.inv({s}))", order),
                   (f"np.sum(np.linalg.pinv({s}))", order),
                   (f"np.sum(np.log(np.diag(np.linalg.cholesky({s}))))", order * math.log(3 * order))]
    elif shape == vector:
        b = ctx.expr(vector, depth)
        options = [(f"np.linalg.solve({s}, {b.text})", b.bound * order),
                   (f"np.linalg.inv({s}) @ {par(b.text)}", b.bound * order),
                   (f"np.linalg.cholesky({s}) @ {par(b.text)}", b.bound * order * 2),
                   (f"np.linalg.eigvalsh({s})", order * bound),
                   (f"np.sum(np.linalg.eigh({s})[1] ** 2, axis=0) * {par(b.text)}", b.bound),
                   (f"np.linalg.pinv({s}) @ {par(b.text)}", b.bound * order),
                   (f"np.linalg.eigh({s})[1] @ np.diag(np.linalg.eigh({s})[0]) @ "
                    f"np.linalg.eigh({s})[1].T @ {par(b.text)}", b.bound * order * bound)]
    elif shape == ctx.MN:
        b = ctx.expr(ctx.MN, depth)
        solve = f"np.linalg.solve({s}, {b.text})" if order == ctx.m else \
            f"np.linalg.solve({s}, {par(b.text)}.T).T"
        options = [(solve, b.bound * order)]
    else:
        return None
    text, value = ctx.pick(options)
    return Expr(text, shape, value)


PRODUCTIONS = [("orders", 2.0, p_orders), ("solvers", 2.5, p_solvers)]
