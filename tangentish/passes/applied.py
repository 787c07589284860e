"""NumPy calls that apply a function the caller gives, lowered to code whose parts have rules.

``np.apply_along_axis(F, axis, arr, *args, **kwargs)`` runs ``F`` on each 1-d slice of ``arr``
along ``axis`` and joins the results where that axis was.  It is lowered to the loop NumPy runs,
written out as a local function inlined at the call (:mod:`inline`), ``F`` called by name on each
line, so its derivative is the derivative of ``F`` on each line::

    def _along(arr, axis):
        moved = np.moveaxis(arr, axis, -1)                    # the lines, one per row
        lines = np.reshape(moved, (np.prod(np.shape(moved)[:-1], dtype=int), -1))
        stacked = np.array([F(line) for line in lines])       # one result per line
        shaped = np.reshape(stacked, np.shape(moved)[:-1] + np.shape(stacked)[1:])
        ...                                                    # its axes back where `axis` was
        return np.moveaxis(shaped, tuple(range(n, n + k)), tuple(range(a, a + k)))

``F`` is a lambda written in the call, a local function (``def`` or lambda bound to a name), or a
function read from a module (a NumPy function, a helper); any other value is refused naming it.
As in NumPy, the lines must be there (a ``ValueError`` where an iterated axis has length 0); a
line may be empty (``F`` called on each, ``np.sum`` of it 0.0: the count of lines is the product
of the other axes, not ``-1``, which an array of size 0 cannot resolve).

``np.fromfunction(F, shape, dtype=float, **kwargs)`` is what NumPy runs, ``F`` called once on the
grids of ``np.indices(shape, dtype=dtype)``, one argument per axis (``shape`` a tuple or list
written in the call, so their number is known; ``F`` as above)::

    def _from(shape, dtype):
        grids = np.indices(shape, dtype=dtype)
        return F(grids[0], grids[1])

``np.poly1d(p)(x)``, a polynomial object built and called at once, is ``np.polyval(p, x)``
(``np.poly1d`` with one argument: the coefficients, highest power first); ``P = np.poly1d(p)``
binds ``P`` as a local function, ``lambda t: np.polyval(P_coeffs, t)``, ``P_coeffs = p`` taken
when it is bound (its other uses, ``P.deriv()``, ``P.r``..., are refused as a local function's).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(p, x):
    ...     return np.poly1d(p)(x)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(p, x):
        out = np.polyval(p, x)
        return out
"""

from __future__ import annotations

import copy

import gast
import numpy as np

from ..ir import Op
from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.resolve import dotted, resolve_reference
from .lowering import Lowering
from .synthetic import one_argument_call_of, parsed_at

_ALONG = """
def {fn}({arr}, {axis}{extra}):
    {moved} = {np}.moveaxis({arr}, {axis}, -1)
    {lines} = {np}.reshape({moved}, ({np}.prod({np}.shape({moved})[:-1], dtype=int), -1))
    {stacked} = {np}.array([{call} for {line} in {lines}])
    {shaped} = {np}.reshape({stacked}, {np}.shape({moved})[:-1] + {np}.shape({stacked})[1:])
    {n} = {np}.ndim({moved}) - 1
    {k} = {np}.ndim({stacked}) - 1
    {a} = {axis} % {np}.ndim({arr})
    return {np}.moveaxis({shaped}, tuple(range({n}, {n} + {k})), tuple(range({a}, {a} + {k})))
"""
_NAMES = ("fn", "arr", "axis", "moved", "lines", "stacked", "shaped", "line", "n", "k", "a")


def along_axis(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    """``np.apply_along_axis(F, axis, arr, ...)`` as above: the atom of its result, and the
    (copy) operation the call site records."""
    if len(expr.args) < 3 or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords):
        raise norm.error("`np.apply_along_axis` is differentiated with its function, axis and "
                         "array passed by position", expr,
                         hint="np.apply_along_axis(func1d, axis, arr, *args, **kwargs)")
    function, axis, arr, *extra = expr.args
    names = {key: norm.namer.fresh(f"_along_{key}" if key == "fn" else key) for key in _NAMES}
    called = callee(norm, function, expr, "np.apply_along_axis")
    params = [norm.namer.fresh(f"arg{i}") for i in range(len(extra))]
    keyword_params = {k.arg: norm.namer.fresh(k.arg) for k in expr.keywords}
    passed = params + [f"{key}={name}" for key, name in keyword_params.items()]
    applied = f"{called}({', '.join([names['line'], *passed])})"
    extra_params = "".join(f", {p}" for p in params + list(keyword_params.values()))
    text = _ALONG.format(np=norm.machinery.aliases["np"], call=applied, extra=extra_params,
                         **names)
    from .desugar import desugar
    from .inline import inline_definition  # (loaded when a function has local functions)

    fdef = parsed_at(text, expr)
    desugar(norm.info, fdef)
    call = gast.copy_location(gast.Call(func=build.name(names["fn"]), args=[
        arr, axis, *extra, *[k.value for k in expr.keywords]], keywords=[]), expr)
    try:
        result = inline_definition(norm, names["fn"], fdef, call)
    finally:
        norm.local_functions.pop(called, None)
    return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)


_FROM = """
def {fn}({shape}, {dtype}{extra}):
    {grids} = {np}.indices({shape}, dtype={dtype})
    return {call}
"""


def from_function(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    """``np.fromfunction(F, shape, ...)`` as above: the atom of its result and the (copy)
    operation the call site records."""
    keywords = {k.arg: k.value for k in expr.keywords}
    shape = expr.args[1] if len(expr.args) == 2 else keywords.pop("shape", None)
    if not expr.args or len(expr.args) > 2 or "like" in keywords or None in keywords or \
            not isinstance(shape, (gast.Tuple, gast.List)) or \
            any(isinstance(e, gast.Starred) for e in shape.elts):
        raise norm.error("`np.fromfunction` is differentiated with its function and a shape "
                         "written in the call", expr,
                         hint="np.fromfunction(lambda i, j: ..., (n, m), dtype=float)")
    dtype = keywords.pop("dtype", None)
    names = {key: norm.namer.fresh(key) for key in ("shape", "dtype", "grids")}
    names["fn"] = norm.namer.fresh("_from")
    called = callee(norm, expr.args[0], expr, "np.fromfunction")
    params = {key: norm.namer.fresh(key) for key in keywords}
    grids = [f"{names['grids']}[{k}]" for k in range(len(shape.elts))]
    applied = f"{called}({', '.join(grids + [f'{k}={v}' for k, v in params.items()])})"
    text = _FROM.format(np=norm.machinery.aliases["np"], call=applied,
                        extra="".join(f", {p}" for p in params.values()), **names)
    from .desugar import desugar
    from .inline import inline_definition  # (loaded when a function has local functions)

    fdef = parsed_at(text, expr)
    desugar(norm.info, fdef)
    call = gast.copy_location(gast.Call(func=build.name(names["fn"]), args=[
        shape, build.name("float") if dtype is None else dtype, *keywords.values()],
        keywords=[]), expr)
    try:
        result = inline_definition(norm, names["fn"], fdef, call)
    finally:  # (a lambda written in the call, bound to a name for it)
        if isinstance(expr.args[0], gast.Lambda):
            norm.local_functions.pop(called, None)
    return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)


def callee(norm: Lowering, function: gast.expr, expr: gast.Call, spelled: str) -> str:
    """How the lowered loop calls ``F`` (of the call ``spelled``, ``np.apply_along_axis``): a
    lambda bound to a fresh local name, a local function's name, or a module's function as
    written."""
    if isinstance(function, gast.Lambda):
        name = norm.namer.fresh("func1d")
        norm.local_functions[name] = copy.deepcopy(function)
        return name
    if isinstance(function, gast.Name) and function.id in norm.local_functions and \
            function.id not in norm.current:
        return function.id
    if dotted(function) is not None and not norm.is_local_root(function):
        found = resolve_reference(norm.info, function, norm.machinery)
        if found is not None and callable(found.value):
            return expression_text(function)
    raise norm.error(
        f"`{spelled}` of `{expression_text(function)}`: its function is not one the "
        "derivative can call by name", function,
        hint="pass a lambda, a function defined in this function, or a module's function")


def poly1d_call(norm: Lowering, expr: gast.Call) -> gast.Call | None:
    """``np.poly1d(p)(x)`` as ``np.polyval(p, x)``; None for any other call."""
    inner = expr.func
    if not _is_poly1d(norm, inner) or len(expr.args) != 1 or expr.keywords or \
            isinstance(expr.args[0], gast.Starred):
        return None
    polyval = build.dotted(f"{norm.machinery.aliases['np']}.polyval")
    return gast.copy_location(gast.Call(func=polyval, args=[inner.args[0], expr.args[0]],
                                        keywords=[]), expr)


def poly1d_binding(norm: Lowering, stmt: gast.stmt) -> bool:
    """``P = np.poly1d(p)``: ``P_coeffs = p``, and ``P`` bound to ``lambda t:
    np.polyval(P_coeffs, t)``; False for any other statement."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and _is_poly1d(norm, stmt.value)):
        return False
    name = stmt.targets[0].id
    coeffs, item = norm.namer.fresh(f"{name}_coeffs"), norm.namer.fresh("t")
    norm.statement(gast.copy_location(build.assign(coeffs, stmt.value.args[0]), stmt))
    text = f"lambda {item}: {norm.machinery.aliases['np']}.polyval({coeffs}, {item})"
    norm.local_functions[name] = parsed_at(text, stmt)
    return True


def _is_poly1d(norm: Lowering, node: gast.expr) -> bool:
    return one_argument_call_of(norm, node, np.poly1d)
