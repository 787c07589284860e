"""More forms people write around the values (feature ``idioms2``)::

    rc = Tally(a, b); s = rc.scaled + rc.s * t     (a plain class: a field computed in __init__,
                                                  a @property reading it)
    p = {'w': y, 'b': s}; r = weigh(**p)         (keyword arguments spread from a dict, with
    q = {'scale': 0.5}; r = weigh(y, s, **q)      a default left or given)
    np.var(y, correction=1), np.std(y, ddof=1), y.var(ddof=1)
    np.pad(y, (1, 2), mode='mean', stat_length=2)[2:-1]   (mean/median/maximum/minimum)
    special.expit(e), special.erf(e), special.gammaln(1.5 + e ** 2), ...   (SciPy, when present)
    if np.any(y > 0.5) and not np.all(z < c) or s > c: ...

Every value read is of a shape the scope knows.  Without SciPy, no ``special`` form is written
(and no import of it); a program is the same with or without SciPy otherwise.
"""

from __future__ import annotations

import importlib.util
import inspect

import numpy as np

from .context import Ctx, par
from .gen_stmt import Lines, picked_statement

HEADER = '''class Tally:
    def __init__(self, a, b):
        self.a = a
        self.s = a * b + 0.5

    @property
    def scaled(self):
        return self.s * 2.0 + self.a


def weigh(w, b, scale=1.0):
    return np.tanh(w) * scale + b'''

SPECIAL = importlib.util.find_spec("scipy") is not None
IMPORT = "from scipy import special"
_CORRECTION = "correction" in inspect.signature(np.var).parameters


def _record(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    a, b, t = ctx.expr(shape, depth), ctx.expr(shape, depth), ctx.expr((), depth)
    rc = ctx.fresh_name("rc")
    s = a.bound * b.bound + 0.5
    read = ctx.pick((f"{rc}.scaled + {rc}.s * {par(t.text)}", f"{rc}.scaled",
                     f"{rc}.s - {rc}.a * 0.5"))
    lines = [f"{rc} = Tally({a.text}, {b.text})"]
    if ctx.rng.random() < 0.3:  # (a field set again, the property reading it)
        lines.append(f"{rc}.s = {rc}.s * 0.5")
    return lines + [f"{out} = {read}"], 2.0 * s + a.bound + s * t.bound


def _spread(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float]:
    w, b = ctx.expr(shape, depth), ctx.expr(shape if ctx.rng.random() < 0.5 else (), depth)
    p = ctx.fresh_name("kw")
    if ctx.rng.random() < 0.5:
        scale = ctx.pick(("", ", 'scale': 0.5", ", 'scale': 2.0"))
        return [f"{p} = {{'w': {w.text}, 'b': {b.text}{scale}}}", f"{out} = weigh(**{p})"], \
            2.0 + b.bound
    return [f"{p} = {{'scale': {ctx.pick(('0.5', '1.5'))}}}",
            f"{out} = weigh({w.text}, {b.text}, **{p})"], 1.5 + b.bound


def _spreads(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    """A variance or deviation with a correction (``ddof=``, NumPy 2's ``correction=``)."""
    vectors = [s for s in ctx.shapes if len(s) == 1 and s[0] >= 3]
    if shape != () or not vectors:
        return None
    a = ctx.expr(ctx.pick(vectors), depth)
    fn = ctx.pick(("var", "std"))
    keyword = ctx.pick(("ddof=1", "correction=1", "correction=0.5") if _CORRECTION else ("ddof=1",))
    text = f"{par(a.text)}.{fn}({keyword})" if keyword.startswith("ddof") and \
        ctx.rng.random() < 0.3 else f"np.{fn}({a.text}, {keyword})"
    return [f"{out} = {text}"], 2.0 * a.bound * a.bound if fn == "var" else 2.0 * a.bound


def _pad(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    """``np.pad`` by a statistic of the edge (sliced back to the shape)."""
    if len(shape) != 1 or shape[0] < 2:
        return None
    a = ctx.expr(shape, depth)
    mode = ctx.pick(("mean", "median", "maximum", "minimum"))
    length = ctx.pick(("", ", stat_length=2", ", stat_length=(1, 2)"))
    return [f"{out} = np.pad({a.text}, (1, 2), mode={mode!r}{length})[2:-1]"], a.bound


_SPECIAL = (("special.expit({})", lambda b: 1.0), ("special.erf({})", lambda b: 1.0),
            ("special.erfc({})", lambda b: 2.0), ("special.log_expit({})", lambda b: b + 1.0),
            ("special.gammaln(1.5 + {} ** 2)", lambda b: b * b + 1.0),
            ("special.xlogy({0}, 1.0 + {0} ** 2)", lambda b: b * (b * b + 1.0)))


def _special(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    if not SPECIAL:
        return None
    a = ctx.expr(shape, depth)
    form, bound = ctx.pick(_SPECIAL)
    return [f"{out} = {form.format(par(a.text))}"], bound(a.bound)


def _any_all(ctx: Ctx, shape: tuple[int, ...], depth: int, out: str) -> tuple[Lines, float] | None:
    """``np.any``/``np.all`` of comparisons, in ``and``/``or``/``not`` conditions."""
    vectors = [s for s in ctx.shapes if s]
    if not vectors:
        return None
    u, v = ctx.expr(ctx.pick(vectors), depth), ctx.expr(ctx.pick(vectors), depth)
    first, second = ctx.pick(("np.any", "np.all")), ctx.pick(("np.any", "np.all"))
    c, d = ctx.pick(("0.0", "0.5", "-0.5")), ctx.pick(("0.0", "1.0", "-1.0"))
    test = ctx.pick((f"{first}({par(u.text)} > {c}) and {second}({par(v.text)} < {d})",
                     f"{first}({par(u.text)} > {c}) or not {second}({par(v.text)} > {d})",
                     f"not ({first}({par(u.text)} < {c}) and {ctx.cond(1)})"))
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    return [f"if {test}:", f"    {out} = {a.text}", "else:", f"    {out} = {b.text}"], \
        max(a.bound, b.bound)


_KINDS = (_record, _spread, _spreads, _pad, _special, _any_all)


def s_idioms2(ctx: Ctx, depth: int) -> Lines | None:
    return picked_statement(ctx, depth, _KINDS)
