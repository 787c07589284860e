"""Records and partials built in ``f`` (features ``records`` and ``partials``), and ``f``'s own
imports (feature ``local_imports``).

``records``: a dataclass ``Rec(a, b=0.5)`` or a named tuple ``Frame(a, b=0.5)`` built from
expressions (positional, keyword or default ``b``), a field of a ``Rec`` maybe written again, then
read by its fields (a ``Frame`` also by ``[0]``/``[-1]``).  ``partials``: a
``functools.partial`` of a NumPy function with an argument or keywords bound, called once or
twice.  ``local_imports``: ``f`` imports NumPy (and math) itself under other names and uses only
those (``import numpy as onp``; the module's ``np`` is still there for the helpers).
"""

from __future__ import annotations

import re

from .context import Ctx, Expr, par
from .gen_stmt import Lines, define, local_name, pick_shape

HEADER = """import collections
import dataclasses
import functools


@dataclasses.dataclass
class Rec:
    a: object
    b: object = 0.5


Frame = collections.namedtuple("Frame", "a b", defaults=(0.5,))"""


def s_record(ctx: Ctx, depth: int) -> Lines:
    shape, r = pick_shape(ctx), ctx.fresh_name("rec")
    cls = ctx.pick(("Rec", "Frame"))
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    kind = ctx.pick(("positional", "keywords", "default"))
    if kind == "positional":
        lines, bound = [f"{r} = {cls}({a.text}, {b.text})"], max(a.bound, b.bound)
    elif kind == "keywords":
        lines, bound = [f"{r} = {cls}(b={b.text}, a={a.text})"], max(a.bound, b.bound)
    else:
        lines, bound = [f"{r} = {cls}({a.text})"], max(a.bound, 0.5)
    if cls == "Rec" and ctx.rng.random() < 0.5:
        e = ctx.expr(shape, depth)
        lines.append(f"{r}.b = 0.5 * {r}.b + {par(e.text)}")
        bound = max(bound, 0.5 * bound + e.bound)
    out = local_name(ctx, shape)
    first, last = (f"{r}[0]", f"{r}[-1]") if cls == "Frame" and ctx.rng.random() < 0.5 else \
        (f"{r}.a", f"{r}.b")
    lines.append(f"{out} = {first} * 0.5 + {last}")
    define(ctx, out, Expr(out, shape, 1.5 * bound, fresh=False))
    return lines


_BINARY = ("np.maximum", "np.minimum", "np.hypot", "np.logaddexp", "np.multiply", "np.add")


def s_partial(ctx: Ctx, depth: int) -> Lines:
    shape, g = pick_shape(ctx), ctx.fresh_name("pf")
    a, b = ctx.expr(shape, depth), ctx.expr(shape, depth)
    out = local_name(ctx, shape)
    if ctx.rng.random() < 0.3:
        lines = [f"{g} = functools.partial(np.clip, a_min=-1.0, a_max=2.0)",
                 f"{out} = {g}({a.text}) + {g}({b.text}, a_max=1.0)"]
        bound = 4.0
    else:
        func = ctx.pick(_BINARY)
        lines = [f"{g} = functools.partial({func}, {a.text})", f"{out} = {g}({b.text})"]
        bound = a.bound * b.bound + a.bound + b.bound + 1.0
    define(ctx, out, Expr(out, shape, bound, fresh=False))
    return lines


_NP = re.compile(r"(?<![\w.])np\.")
_MATH = re.compile(r"(?<![\w.])math\.")


def own_imports(ctx: Ctx, body: Lines) -> Lines:
    """``body`` reading NumPy and math through ``f``'s own imports (feature ``local_imports``)."""
    if not ctx.on("local_imports", 1.0):
        return body
    ctx.used.add("local_imports")
    if ctx.rng.random() < 0.5:
        head = ["import numpy as onp", "import math as pymath"]
        body = [_MATH.sub("pymath.", _NP.sub("onp.", line)) for line in body]
    else:
        head = ["from numpy import linalg", "import numpy"]
        body = [_NP.sub("numpy.", line).replace("numpy.linalg.", "linalg.") for line in body]
    return head + body
