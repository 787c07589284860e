"""``np.piecewise(x, condlist, funclist, *args, **kw)``, lowered to the loop NumPy runs, written
out as a local function inlined at the call (as :mod:`.applied` does), so each function is
differentiated on the elements its condition selects::

    def _piecewise(x, c0, c1):
        x = np.asanyarray(x)
        y = np.zeros_like(x)                      # x's dtype, as NumPy's
        c0 = np.asarray(c0, dtype=bool)           # (one per condition, and for one function
        c1 = np.asarray(c1, dtype=bool)           # more than conditions, the "otherwise":
        if (np.ndim(c0), np.ndim(c1)) != ...:     #  c2 = ~(c0 | c1))
            raise ValueError(...)
        if np.any(c0):                            # (NumPy calls a function only on elements)
            y[c0] = F0(x[c0])
        y[c1] = 0.5                               # a constant instead of a function
        return y

Later conditions win where they overlap, as in NumPy.  ``condlist`` and ``funclist`` are lists or
tuples written in the call; each function is a lambda written there, a local function or a
module's function (:func:`.applied.callee`), or a number.  A condition of another rank than ``x``
(NumPy then reads a list of scalars as one condition) raises ``ValueError``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     return np.piecewise(x, [x < 0], [np.sin, 1.0])
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")  # doctest: +ELLIPSIS
    def f(x):
        _t1 = x < 0
        x_1_1 = np.asanyarray(x)
        y_1 = np.zeros_like(x_1_1)
        c0_1 = np.asarray(_t1, dtype=bool)
        ...
        c1_1 = ~c0_1
        any_c0_1 = np.any(c0_1)
        if any_c0_1:
            x_1_1_item = x_1_1[c0_1]
            sin_x_1_1_item = np.sin(x_1_1_item)
            y_1[c0_1] = sin_x_1_1_item
        y_1[c1_1] = 1.0
        return y_1
"""

from __future__ import annotations

import gast

from ..ir import Op
from ..syntax import build
from ..syntax.printer import expression_text
from .applied import callee
from .lowering import Lowering
from .synthetic import parsed_at

_HINT = "np.piecewise(x, [cond0, cond1], [func0, func1]) with the lists written in the call"


def piecewise(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    """The atom of ``np.piecewise(...)``'s result and the (copy) operation the call records."""
    if len(expr.args) < 3 or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords) or \
            not all(isinstance(a, (gast.List, gast.Tuple)) for a in expr.args[1:3]):
        raise norm.error("`np.piecewise` is differentiated with its conditions and functions "
                         "as lists written in the call", expr, hint=_HINT)
    x, conds, funcs, *extra = expr.args
    conditions, functions = list(conds.elts), list(funcs.elts)
    if len(functions) not in (len(conditions), len(conditions) + 1) or not conditions:
        raise norm.error(f"`np.piecewise` with {len(conditions)} conditions and "
                         f"{len(functions)} functions", expr,
                         hint="give one function per condition, and maybe one more for where "
                         "none holds")
    fresh = norm.namer.fresh
    names = {"fn": fresh("_piecewise"), "x": fresh("x"), "y": fresh("y")}
    cs = [fresh(f"c{k}") for k in range(len(functions))]
    params = [fresh(f"arg{i}") for i in range(len(extra))]
    keyword_params = {k.arg: fresh(k.arg) for k in expr.keywords}
    passed = "".join(f", {p}" for p in params) + \
        "".join(f", {key}={name}" for key, name in keyword_params.items())
    pieces = [_piece(norm, f, names, c, passed, expr) for f, c in zip(functions, cs, strict=True)]
    text = _text(norm, names, cs, len(conditions), pieces,
                 "".join(f", {p}" for p in params + list(keyword_params.values())))
    from .desugar import desugar
    from .inline import inline_definition  # (loaded when a function has local functions)

    fdef = parsed_at(text, expr)
    desugar(norm.info, fdef)
    call = gast.copy_location(gast.Call(func=build.name(names["fn"]), args=[
        x, *conditions, *extra, *[k.value for k in expr.keywords]], keywords=[]), expr)
    try:
        result = inline_definition(norm, names["fn"], fdef, call)
    finally:  # (the lambdas written in the call, bound to names for it)
        for f, name in zip(functions, pieces, strict=True):
            if isinstance(f, gast.Lambda):
                norm.local_functions.pop(name[1], None)
    return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)


def _text(norm: Lowering, names: dict[str, str], cs: list[str], given: int,
          pieces: list[tuple[str, str | None]], extra: str) -> str:
    np_ = norm.machinery.aliases["np"]
    x, y = names["x"], names["y"]
    lines = [f"def {names['fn']}({x}, {', '.join(cs[:given])}{extra}):",
             f"    {x} = {np_}.asanyarray({x})", f"    {y} = {np_}.zeros_like({x})"]
    lines += [f"    {c} = {np_}.asarray({c}, dtype=bool)" for c in cs[:given]]
    ranks = "".join(f"{np_}.ndim({c}), " for c in cs[:given])
    lines += [f"    if ({ranks}) != ({np_}.ndim({x}),) * {given}:",
              "        raise ValueError('np.piecewise: each condition must have the rank of x "
              "(tangentish differentiates this form only)')"]
    if len(cs) > given:  # (the "otherwise": where no condition holds)
        lines.append(f"    {cs[-1]} = ~({' | '.join(cs[:given])})")
    lines += [line for piece, _ in pieces for line in piece.splitlines()]
    return "\n".join([*lines, f"    return {y}"])


def _piece(norm: Lowering, function: gast.expr, names: dict[str, str], c: str, passed: str,
           expr: gast.Call) -> tuple[str, str | None]:
    """The statements for one condition: a constant assigned, or the function called on the
    selected elements when there are any (and the name it is called by)."""
    x, y, np_ = names["x"], names["y"], norm.machinery.aliases["np"]
    value = function.operand if isinstance(function, gast.UnaryOp) and \
        isinstance(function.op, (gast.USub, gast.UAdd)) else function
    if isinstance(value, gast.Constant) and type(value.value) in (int, float, bool):
        return f"    {y}[{c}] = {expression_text(function)}", None
    name = callee(norm, function, expr, "np.piecewise")
    return f"    if {np_}.any({c}):\n        {y}[{c}] = {name}({x}[{c}]{passed})", name
