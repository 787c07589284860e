"""A local name bound once to a display of functions or objects, which a loop runs over, read as
that display (for :mod:`object_loops`): ``acts = [np.sin, np.cos]`` then ``for f in acts:`` is
the loop over ``[np.sin, np.cos]``, unrolled as one over the display written in the ``for`` is.

Only where that is what Python does: the function binds the name once, by a statement of its
own body (not in a branch or a loop) that comes before the loop, to a list or tuple display of
names and attribute paths (``np.tanh``, ``LAYER``; no call, which Python would run once), and
reads it nowhere but as what a ``for`` or a comprehension iterates (through ``zip``,
``enumerate``, ``reversed`` too) or the argument of ``len`` (nothing can change the list).

    >>> import numpy as np
    >>> from tangentish.passes.object_loops import unroll_object_loops
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     acts = (np.sin, np.cos)
    ...     for act in acts:
    ...         x = act(x)
    ...     return x
    >>> info = parse_function(f)
    >>> unroll_object_loops(info, info.node)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        acts = (np.sin, np.cos)
        x = np.sin(x)
        x = np.cos(x)
        return x
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.resolve import constant_path

_ITERATING = frozenset({"zip", "enumerate", "reversed", "len"})


def bound_display(function: gast.FunctionDef, read: gast.Name,
                  item: Callable[[gast.expr], bool] | None = None) -> gast.expr | None:
    """The display ``read`` (a local name a loop iterates) holds there, or None (see the
    module); ``item``: which items it may hold (default: names and attribute paths; the keys of
    :func:`.dict_loops.constant_keys` are str and int constants)."""
    name = read.id
    binding = [s for s in function.body if isinstance(s, gast.Assign) and len(s.targets) == 1
               and isinstance(s.targets[0], gast.Name) and s.targets[0].id == name]
    if len(binding) != 1 or not isinstance(binding[0].value, (gast.List, gast.Tuple)):
        return None
    stmt, display = binding[0], binding[0].value
    if any(isinstance(e, gast.Starred) or not (item(e) if item is not None else
                                                constant_path(e) is not None)
           for e in display.elts) or \
            (getattr(stmt, "lineno", None) or 0) >= (getattr(read, "lineno", None) or 0):
        return None
    stores = [n for n in build.nodes(function) if isinstance(n, gast.Name) and n.id == name
              and not isinstance(n.ctx, gast.Load)]
    if len(stores) != 1 or not _only_iterated(function, name):
        return None
    return display


def _only_iterated(function: gast.FunctionDef, name: str) -> bool:
    """Whether every read of ``name`` is what a loop or comprehension iterates, or an argument
    of ``zip``/``enumerate``/``reversed``/``len`` (the builtins are assumed: a local of those
    names is checked by the caller's unrolling, which reads the call's name)."""
    allowed: set[int] = set()
    for node in build.nodes(function):
        if isinstance(node, (gast.For, gast.comprehension)):
            allowed.add(id(node.iter))
        elif isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
                node.func.id in _ITERATING:
            allowed.update(id(a) for a in node.args)
    return all(id(n) in allowed for n in build.nodes(function)
               if isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load))
