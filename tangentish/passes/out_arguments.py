"""A NumPy ufunc (or ``np.clip``) given ``out=``: ``np.add(a, b, out=c)`` writes ``a + b`` into
``c`` and returns ``c``, so it is the write ``c[...] = np.add(a, b)`` (and ``z = c`` where its
value is bound): the write into an existing array that the passes after this one follow
(views, other names and the caller's arrays as for ``c[i] = v``).  The value is cast to
``c``'s dtype as NumPy casts a ufunc's result into ``out``, by the rule ``same_kind``
(``.astype(c.dtype, casting='same_kind', copy=False)``, no copy where the dtypes agree): a
float result into an integer ``c`` raises NumPy's error, where the item assignment alone
would truncate it and return a gradient of a function that fails.  ``out`` may be given at its
position (``np.add(a, b, c)``: a ufunc's first after its inputs) and may be a basic slice of a
local array (``out=c[1:]``, ``c[:, 0:2]``, ``c[..., 1]``: a view, which NumPy writes through;
slices, ``...`` and integer literals only, so never a copy a fancy index would make).

A reduction or product of :data:`_CHECKED` or a generalized ufunc (``np.matmul``, whose ``out``
NumPy never broadcasts into along its core axes) given ``out=`` (``np.sum(a, axis=0, out=r)``,
also at its position) is the write ``r[...] = _out_written(np.sum(a, axis=0), r, 'np.sum')``:
``tangentish.runtime.out_written`` passes the value on where it has ``r``'s shape and dtype, and
raises where NumPy refuses that ``out`` (another shape) or where NumPy versions compute it
differently (another dtype).

A ufunc given ``out=`` and ``where=`` (``np.divide(a, b, out=np.zeros_like(a), where=b != 0)``)
is the write of ``np.where`` over ``c`` (:mod:`.masked_ufuncs`).  Only a function reached
through a name the function does not bind is rewritten, given no other keyword that changes what
is written (a ufunc's ``casting=``, ``dtype=``), and only as a statement of its own or the value
of one name; anything else keeps the refusal of ``out=``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     y = x * 1.0
    ...     np.multiply(y, 2.0, out=y)
    ...     z = np.sin(y[:2], y[1:])
    ...     r = np.zeros(())
    ...     np.sum(z, 0, None, r)
    ...     return np.sum(z * x) + r
    >>> info = parse_function(f)
    >>> write_out_arguments(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        y = x * 1.0
        y[...] = np.multiply(y, 2.0).astype(y.dtype, casting='same_kind', copy=False)
        y[1:] = np.sin(y[:2]).astype(y.dtype, casting='same_kind', copy=False)
        z = y[1:]
        r = np.zeros(())
        r[...] = _out_written(np.sum(z, 0, None), r, 'np.sum')
        return np.sum(z * x) + r
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..positions import signature
from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from .module_probes import bound_names

_BLOCKS = ("body", "orelse", "finalbody")
# Functions whose ``out=`` receives their result as it is: checked, then written.
_CHECKED = ("sum", "prod", "mean", "std", "var", "max", "min", "amax", "amin", "cumsum",
            "cumprod", "dot", "nansum", "nanprod", "nanmean", "nanmax", "nanmin")


def write_out_arguments(info: SourceInfo) -> None:
    """Rewrite the calls given ``out=`` in ``info``'s function (see the module docstring)."""
    local = bound_names(info.node)
    if any("out=" in line for line in info.lines):  # (np.sum(np.divide(a, b, out=np.zeros_like(a),
        from .nested_out import hoist_nested_out  # where=b != 0)): the ufunc's own statement)

        hoist_nested_out(info, local)
    pending = [info.node.body]
    while pending:
        body = pending.pop()
        out: list[gast.stmt] = []
        for stmt in body:
            out += _written(info, local, stmt) or [stmt]
            pending += [getattr(stmt, f) for f in _BLOCKS if isinstance(getattr(stmt, f, None), list)]
            pending += [handler.body for handler in getattr(stmt, "handlers", ())]
        body[:] = out


def _written(info: SourceInfo, local: set[str], stmt: gast.stmt) -> list[gast.stmt] | None:
    """``[c[...] = f(a, b), (z = c)]`` for ``stmt`` of the form ``[z =] f(a, b, out=c)``."""
    bound = isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
        isinstance(stmt.targets[0], gast.Name)
    call = stmt.value if bound or isinstance(stmt, gast.Expr) else None
    parts = dotted(call.func) if isinstance(call, gast.Call) else None
    if parts is None or parts[0] in local or any(k.arg is None for k in call.keywords) \
            or any(isinstance(a, gast.Starred) for a in call.args):
        return None
    found, fn = info.lookup_path(parts)
    split = (_ufunc_out(fn, call) or _checked_out(fn, call)) if found else None
    masked = None
    if found and split is None and any(k.arg == "where" for k in call.keywords):
        from .masked_ufuncs import where_out  # (out= and where=: imported where met)
        masked = where_out(fn, call)
    if split is None and masked is None:
        return None
    from .masked_ufuncs import made_array, masked_value  # (a call given out=)
    value, target = split or masked[:2]
    if isinstance(target, gast.Tuple) and len(target.elts) == 1:
        target = target.elts[0]
    before: list[gast.stmt] = []
    if masked is not None:
        target, value = masked_value(info, local, fn, value, target, masked[2], before)
    elif made_array(target, ".".join(parts[:-1]) or "np"):  # (out=np.empty_like(x): a local)
        name = fresh_name("out", set(build.names(info.node, functions=True)) | set(info.imported)
                          | local)
        before.append(build.assign(name, target))
        local.add(name)
        target = build.name(name)
    base = _base(target, local)
    if base is None:
        return None
    if isinstance(fn, np.ufunc) and fn.signature is None or fn is np.clip:
        value = build.call(build.attribute(value, "astype"), build.attribute(build.name(base),
                           "dtype"), casting=build.constant("same_kind"), copy=build.constant(False))
    else:
        value = build.call(_checker(info), value, build.clone(target),
                           build.constant(".".join(parts)))
    place = target if isinstance(target, gast.Subscript) else \
        build.subscript(target, build.constant(Ellipsis))
    place = build.clone(place)
    place.ctx = gast.Store()
    written = [gast.copy_location(node, stmt) for node in before]
    written.append(gast.copy_location(gast.Assign(targets=[place], value=value), stmt))
    if bound:
        written.append(gast.copy_location(build.assign(stmt.targets[0].id, build.clone(target)),
                                          stmt))
    return written


def _ufunc_out(fn: Any, call: gast.Call) -> tuple[gast.Call, gast.expr] | None:
    """``(the call without out, out)`` for a one-result ufunc (or ``np.clip``) given its inputs
    and ``out`` only, by keyword or at its position."""
    if not (isinstance(fn, np.ufunc) and fn.nout == 1 or fn is np.clip):
        return None
    inputs = 3 if fn is np.clip else fn.nin  # (np.clip: the clip ufunc's wrapper, out= as its)
    keywords = {k.arg for k in call.keywords}
    if keywords == {"out"} and len(call.args) == inputs:
        target = next(k.value for k in call.keywords)
    elif not keywords and len(call.args) == inputs + 1:
        target = call.args[-1]
    else:
        return None
    return gast.copy_location(gast.Call(func=call.func, args=call.args[:inputs], keywords=[]),
                              call), target


def _checked_out(fn: Any, call: gast.Call) -> tuple[gast.Call, gast.expr] | None:
    """``(the call without out, out)`` for a function of :data:`_CHECKED` given ``out`` (by
    keyword or at its position) and no ``where=``; positional arguments after ``out`` are
    passed by their names."""
    if not any(fn is getattr(np, name, None) for name in _CHECKED):
        return None
    found = signature(fn)
    names = [p.name for p in (found.parameters.values() if found is not None else ())
             if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(call.args) > len(names):
        return None
    given = dict(zip(names, call.args, strict=False)) | {k.arg: k.value for k in call.keywords}
    if "out" not in given or "where" in given:
        return None
    cut = names.index("out") if "out" in names[:len(call.args)] else len(call.args)
    keywords = [gast.keyword(arg=n, value=v) for n, v in given.items()
                if n != "out" and n not in names[:cut]]
    return gast.copy_location(gast.Call(func=call.func, args=call.args[:cut],
                                        keywords=keywords), call), given["out"]


def _base(target: gast.expr, local: set[str]) -> str | None:
    """The local array ``target`` names or slices (``c``, ``c[1:]``, ``c[..., 0]``): a view of
    it; None for anything else (an index that may be an array makes a copy)."""
    if isinstance(target, gast.Name):
        return target.id if target.id in local else None
    if not isinstance(target, gast.Subscript) or not isinstance(target.value, gast.Name) \
            or target.value.id not in local:
        return None
    parts = target.slice.elts if isinstance(target.slice, gast.Tuple) else [target.slice]
    if not any(isinstance(p, gast.Slice) or _literal(p, type(Ellipsis)) for p in parts):
        return None  # (c[0] of a 1-d c is a number, not a view)
    simple = all(_literal(p, int, type(Ellipsis)) or isinstance(p, gast.Slice) and all(
        b is None or _literal(b, int) or isinstance(b, gast.Name) for b in (p.lower, p.upper, p.step))
        for p in parts)
    return target.value.id if simple else None


def _literal(node: gast.expr, *kinds: type) -> bool:
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        node = node.operand
    return isinstance(node, gast.Constant) and isinstance(node.value, kinds) and \
        not isinstance(node.value, bool)


def _checker(info: SourceInfo) -> str:
    """The name the function reads ``tangentish.runtime.out_written`` by (bound once)."""
    from .. import runtime

    for name, (module, attrs, _) in info.imported.items():
        if (module, attrs) == ("tangentish.runtime", ("out_written",)):
            return name
    name = fresh_name("out_written", set(build.names(info.node, functions=True)) | set(info.imported))
    info.imported[name] = ("tangentish.runtime", ("out_written",), runtime.out_written)
    return name
