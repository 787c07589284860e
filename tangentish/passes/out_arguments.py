"""A NumPy ufunc (or ``np.clip``) given ``out=``: ``np.add(a, b, out=c)`` writes ``a + b`` into
``c`` and returns ``c``, so it is the write ``c[...] = np.add(a, b)`` (and ``z = c`` where its
value is bound): the write into an existing array that the passes after this one follow
(views, other names and the caller's arrays as for ``c[i] = v``).  The value is cast to
``c``'s dtype as NumPy casts a ufunc's result into ``out``, by the rule ``same_kind``
(``.astype(c.dtype, casting='same_kind', copy=False)``, no copy where the dtypes agree): a
float result into an integer ``c`` raises NumPy's error, where the item assignment alone
would truncate it and return a gradient of a function that fails.  Only a ufunc
reached through a name the function does not bind is rewritten, given exactly its inputs and
``out=`` one name (or a one-item tuple of it), with no other keyword (``where=`` writes part of
``c``), and only as a statement of its own or the value of one name; anything else keeps the
refusal of ``out=``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     y = x * 1.0
    ...     np.multiply(y, 2.0, out=y)
    ...     z = np.sin(y, out=y)
    ...     return np.sum(z * x)
    >>> info = parse_function(f)
    >>> write_out_arguments(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        y = x * 1.0
        y[...] = np.multiply(y, 2.0).astype(y.dtype, casting='same_kind', copy=False)
        y[...] = np.sin(y).astype(y.dtype, casting='same_kind', copy=False)
        z = y
        return np.sum(z * x)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from .module_probes import bound_names

_BLOCKS = ("body", "orelse", "finalbody")


def write_out_arguments(info: SourceInfo) -> None:
    """Rewrite the ufunc calls given ``out=`` in ``info``'s function (see the module docstring)."""
    local = bound_names(info.node)
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
    if not isinstance(call, gast.Call):
        return None
    target = _out(call)
    parts = dotted(call.func)
    if target is None or parts is None or parts[0] in local:
        return None
    found, ufunc = info.lookup_path(parts)
    inputs = 3 if found and ufunc is np.clip else getattr(ufunc, "nin", None)  # (np.clip: the
    if not found or not (isinstance(ufunc, np.ufunc) and ufunc.nout == 1 or ufunc is np.clip) \
            or len(call.args) != inputs or any(isinstance(a, gast.Starred) for a in call.args):
        return None  # clip ufunc's wrapper, out= as the ufunc's)
    kept = [k for k in call.keywords if k.arg != "out"]
    value = gast.copy_location(gast.Call(func=call.func, args=call.args, keywords=kept), call)
    value = build.call(build.attribute(value, "astype"), build.attribute(build.name(target),
                       "dtype"), casting=build.constant("same_kind"), copy=build.constant(False))
    place = build.subscript(build.name(target), build.constant(Ellipsis), store=True)
    written = [gast.copy_location(gast.Assign(targets=[place], value=value), stmt)]
    if bound:
        written.append(gast.copy_location(build.assign(stmt.targets[0].id, build.name(target)),
                                          stmt))
    return written


def _out(call: gast.Call) -> str | None:
    """The name ``call`` writes into (``out=c``, ``out=(c,)``) where that is its only keyword
    (``where=`` writes part of ``c``; ``casting=``, ``dtype=`` change what is written); None
    otherwise."""
    keywords = {k.arg: k.value for k in call.keywords}
    if "out" not in keywords or None in keywords or not set(keywords) <= {"out"}:
        return None
    value = keywords["out"]
    if isinstance(value, gast.Tuple) and len(value.elts) == 1:
        value = value.elts[0]
    return value.id if isinstance(value, gast.Name) else None
