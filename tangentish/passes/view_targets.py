"""A write into a view made in the assignment's target, with the view bound to a name first.

``y.reshape(-1)[1] = v`` changes ``y`` through a view that has no name; the fence refuses an
assignment into an item of anything but a variable.  Written with the view named, ``flat =
y.reshape(-1)`` then ``flat[1] = v``, it is the program :mod:`.view_writes` makes a write on
``y`` of (a ``reshape``/``ravel`` view through ``y``'s positions, :mod:`.view_positions`), or
that the aliasing checks refuse, naming the line, where the view is not proven.  Python
computes both alike: the view is made of ``y``'s memory whenever it is made, and the value
written does not depend on it.  So this pass (on the function's AST, before the fence) names
the view, for ``y.reshape(...)``, ``y.ravel()``, ``y.transpose(...)`` and NumPy's
``reshape``, ``ravel`` and ``transpose`` of a variable ``y`` (``y.T[j]`` is
:mod:`.transposed_writes`'), in ``=`` and ``op=``; anything else is left as written:

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, v):
    ...     y = x.copy()
    ...     y.reshape(-1)[1] = v
    ...     np.ravel(y)[0] *= 2.0
    ...     return np.sum(y * y)
    >>> info = parse_function(f)
    >>> name_view_targets(info)
    >>> print(function_text(info.node), end="")
    def f(x, v):
        y = x.copy()
        _y_view = y.reshape(-1)
        _y_view[1] = v
        _y_view2 = np.ravel(y)
        _y_view2[0] *= 2.0
        return np.sum(y * y)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_METHODS = ("reshape", "ravel", "transpose")
_FUNCTIONS = (np.reshape, np.ravel, np.transpose)


def name_view_targets(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    taken: set[str] | None = None
    for owner in build.node_list(info.node):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(owner, field, None)
            if not isinstance(block, list) or not any(_view_of(info, s) for s in block):
                continue
            taken = taken if taken is not None else set(build.names(info.node, functions=True))
            setattr(owner, field, [new for stmt in block for new in _named(info, stmt, taken)])


def _named(info: SourceInfo, stmt: gast.stmt, taken: set[str]) -> list[gast.stmt]:
    base = _view_of(info, stmt)
    if base is None:
        return [stmt]
    target = build.write_target(stmt)
    view = fresh_name(f"{base}_view", taken)
    made = gast.copy_location(build.assign(view, target.value), stmt)
    target.value = gast.copy_location(build.name(view), target.value)
    return [made, stmt]


def _view_of(info: SourceInfo, stmt: gast.stmt) -> str | None:
    """The variable whose view ``stmt`` writes into (``y`` of ``y.reshape(-1)[1] = v``)."""
    target = build.write_target(stmt)
    if not isinstance(target, gast.Subscript) or not isinstance(target.value, gast.Call):
        return None
    call = target.value
    if any(isinstance(a, gast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords):
        return None
    func, bound = call.func, _bound(info.node)
    if isinstance(func, gast.Attribute) and func.attr in _METHODS and \
            isinstance(func.value, gast.Name) and func.value.id in bound:  # (`np.ravel`: below)
        return func.value.id
    parts = dotted(func)
    if parts is None or not call.args or not isinstance(call.args[0], gast.Name) or \
            parts[0] in bound:  # (a local of that name: not NumPy's)
        return None
    found, value = info.lookup_path(parts)
    return call.args[0].id if found and any(value is f for f in _FUNCTIONS) else None


def _bound(node: gast.FunctionDef) -> set[str]:
    """The names the function binds (its parameters too)."""
    return {n.id for n in walk(node) if isinstance(n, gast.Name) and
            not isinstance(n.ctx, gast.Load)}
