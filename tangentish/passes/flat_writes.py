"""Writes through ``.flat``, spelled as the ``put`` NumPy's flat iterator makes.

``y.flat[s] = v`` writes ``v`` at the positions ``s`` picks in ``y``'s C order, ``v`` repeated
over them as ``np.put`` repeats it (``K.flat[::n + 1] += noise`` adds to a square matrix's
diagonal).  That is ``y.put(np.arange(np.size(y))[s], v)``, which :mod:`.in_place_calls` lowers
to an element assignment (``y[_rt.put_index(...)] = ...``) where ``y`` is a local array or a
parameter under ``wrt``; ``y.flat[s] op= v`` reads ``y.flat[s]`` first (a read through ``.flat``
is differentiated as ``np.ravel(y)[s]``).  So this pass (on the function's AST, before the fence,
which refuses the write) writes that instead:

==============================  ==========================================================
``y.flat[s] = v``               ``y.put(np.arange(np.size(y))[s], v)``
``y.flat[s] op= v``             ``y.put(np.arange(np.size(y))[s], y.flat[s] op v)``
==============================  ==========================================================

Only where ``y`` is a name and a name of the function's module holds NumPy (``np``, never bound in
the function); an index that calls something (``y.flat[y.ravel() > 0.5]``) is bound to a name of
its own first (``flat_index = ...``: it is read twice for ``op=``), unless it holds a slice.
Anything else is left as written (and refused as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     K = np.outer(x, x)
    ...     K.flat[::3] += 0.5
    ...     return np.sum(K)
    >>> info = parse_function(f)
    >>> rewrite_flat_writes(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        K = np.outer(x, x)
        K.put(np.arange(np.size(K))[::3], K.flat[::3] + 0.5)
        return np.sum(K)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_BLOCKS = ("body", "orelse", "finalbody")


def rewrite_flat_writes(info: SourceInfo) -> None:
    """Rewrite the writes described in the module docstring, in place."""
    stored = {n.id for n in walk(info.node) if isinstance(n, gast.Name) and
              not isinstance(n.ctx, gast.Load)} | build.parameter_names(info.node.args)
    numpy = next((n for n in ("np", "numpy") if n not in stored and
                  info.lookup(n) == (True, np)), None)
    if numpy is None:
        return
    taken = set(build.names(info.node, functions=True))
    for node in list(walk(info.node)):
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], gast.stmt):
                block[:] = [new for stmt in block for new in _put(stmt, numpy, taken) or [stmt]]


def _put(stmt: gast.stmt, numpy: str, taken: set[str]) -> list[gast.stmt] | None:
    """``y.put(...)`` (after the index bound to a name, where it calls something) of a write
    ``stmt`` through ``y.flat``, or None."""
    if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, gast.AugAssign) and not isinstance(stmt.op, gast.MatMult):
        target = stmt.target
    else:
        return None
    if not (isinstance(target, gast.Subscript) and isinstance(target.value, gast.Attribute) and
            target.value.attr == "flat" and isinstance(target.value.value, gast.Name)):
        return None
    out: list[gast.stmt] = []
    if any(isinstance(n, gast.Call) for n in walk(target.slice)):
        if any(isinstance(n, gast.Slice) for n in walk(target.slice)):
            return None  # (a slice is no value to bind)
        index = fresh_name("flat_index", taken)
        out.append(build.assign(index, target.slice))
        target.slice = build.name(index)
    name = target.value.value.id
    positions = build.subscript(build.call(f"{numpy}.arange", build.call(
        f"{numpy}.size", build.name(name))), build.clone(target.slice))
    value = stmt.value
    if isinstance(stmt, gast.AugAssign):
        read = build.subscript(build.attribute(build.name(name), "flat"), build.clone(target.slice))
        value = gast.BinOp(left=read, op=stmt.op, right=stmt.value)
    call = build.call(build.attribute(build.name(name), "put"), positions, value)
    out.append(gast.Expr(value=call))
    for new in out:
        for part in walk(new):
            gast.copy_location(part, stmt)
    return out
