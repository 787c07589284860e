"""A local bound to a module (``xp = np``, ``la = np.linalg``) and read only as the root of
attributes (``xp.sum(v)``, ``la.norm(a)``): each read is the module's own path (``np.sum(v)``),
so the call resolves to the module's function and its rule.  Left as a local, ``xp.sum(v)`` is
read as the array method ``.sum()`` of ``xp`` and refused (``activity._receiver_error``).

Guarantee to the next stage: a local bound once, by a statement at the top level of the
function's body that comes before every read of it, to a name or attribute path read from
outside that resolves to a module, every read of it the value of an attribute, and no nested
function reading it, is gone: the binding statement is dropped and each read is the path.  Any
other local is left alone (a module passed as an argument, ``def f(x, xp=np)``, stays refused:
which module it is, is known only when the derivative runs).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     xp = np
    ...     la = xp.linalg
    ...     return xp.sum(x ** 2) + la.norm(x)
    >>> info = parse_function(f)
    >>> replace_module_aliases(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        return np.sum(x ** 2) + np.linalg.norm(x)
"""

from __future__ import annotations

import types

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk


def replace_module_aliases(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring), one alias after another (an
    alias of an alias's attribute, ``la = xp.linalg``, once ``xp`` is replaced)."""
    while (found := _alias(info)) is not None:
        index, name, path = found
        del info.node.body[index]
        for node in walk(info.node):
            for field, value in gast.iter_fields(node):
                if isinstance(value, gast.Name) and value.id == name:
                    setattr(node, field, gast.copy_location(build.clone(path), value))


def _alias(info: SourceInfo) -> tuple[int, str, gast.expr] | None:
    """The first top-level ``name = path`` the module docstring describes: its index in the
    body, the name, and the path."""
    own = build.outside_nested(info.node.body)
    params = build.parameter_names(info.node.args)
    stores: dict[str, int] = {}
    for node in own:
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
    rooted = {id(n.value) for n in own if isinstance(n, gast.Attribute)}
    for index, stmt in enumerate(info.node.body):
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name)):
            continue
        name, parts = stmt.targets[0].id, dotted(stmt.value)
        if name in params or stores.get(name) != 1 or parts is None or parts[0] in stores or \
                parts[0] in params or not isinstance(info.lookup_path(parts)[1], types.ModuleType):
            continue
        reads = [n for n in walk(info.node) if isinstance(n, gast.Name) and n.id == name and
                 isinstance(n.ctx, gast.Load)]
        earlier = {id(n) for before in info.node.body[:index] for n in walk(before)}
        if reads and all(id(n) in rooted and id(n) not in earlier for n in reads) and \
                len(reads) == sum(1 for n in own if isinstance(n, gast.Name) and n.id == name
                                  and isinstance(n.ctx, gast.Load)):
            return index, name, stmt.value
    return None
