"""``import`` statements at the top level of a differentiated function: names fixed at transform time.

``import numpy as np`` or ``from scipy.special import gammaln`` inside a function binds a local name
to an object the import system already holds (or loads once): each call of the function finds the
same object again.  So such a statement is *hoisted*: it is removed from the function's tree, the
import is made once now, and the name it binds resolves through
:meth:`~tangentish.syntax.parse.SourceInfo.lookup` like a closure variable holding that object.  The
generated code reads it from a closure cell of its own (``pipeline._record``), and a dependency of
scope :data:`~.scope.IMPORTED` (the module, then the attribute path, read again from
:data:`sys.modules`) keeps a cached derivative from outliving a module attribute replaced later.

An import is hoisted only where this is exactly what Python does; otherwise it is refused, naming the
statement (:class:`~tangentish.errors.UnsupportedConstructError`):

- it is a statement of the function's own body, not inside a branch, loop or nested function (a
  conditional import binds the name on some paths only: :mod:`.fence` refuses it);
- no other statement binds or deletes the name, and it is not a parameter;
- no statement before it reads the name (Python would raise ``UnboundLocalError``);
- the import succeeds now (a missing module is reported here, with Python's message).

    >>> import types
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     from math import sin as s
    ...     return s(x) * 2.0
    >>> info = parse_function(f)
    >>> print(function_text(info.node), end="")
    def f(x):
        return s(x) * 2.0
    >>> info.lookup("s")
    (True, <built-in function sin>)
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from . import build
from .tree_walk import walk

SourceInfo = Any  # (syntax/parse.py's SourceInfo, which imports this module)

_KINDS = (gast.Import, gast.ImportFrom)


def hoist(info: SourceInfo) -> None:
    """Remove each top-level import of ``info.node`` and fill ``info.imported`` (see the module
    docstring); refuse what cannot be hoisted."""
    body = info.node.body
    params = build.parameter_names(info.node.args)
    kept: list[gast.stmt] = []
    for index, stmt in enumerate(body):
        if stmt.__class__ not in _KINDS:
            kept.append(stmt)
            continue
        for name, module, attrs, value in _bindings(info, stmt):
            where = _refusal(name, body, index, params, info.imported)
            if where is not None:
                raise UnsupportedConstructError(
                    f"cannot differentiate an `import` of {name!r} {where}",
                    info.location(stmt),
                    hint="import once at the top of the function, or at module level, and use "
                         "another name for other values")
            info.imported[name] = (module, attrs, value)
    if not kept:  # (a body of imports only)
        kept.append(gast.copy_location(gast.Pass(), body[-1]))
    info.node.body = kept


def _bindings(info: SourceInfo, stmt: gast.stmt) -> list[tuple[str, str, tuple, Any]]:
    """``(name, module, attribute path, value)`` for each name ``stmt`` binds, importing now."""
    try:
        if stmt.__class__ is gast.Import:
            found = []
            for alias in stmt.names:
                module = importlib.import_module(alias.name)
                if alias.asname is not None:
                    found.append((alias.asname, alias.name, (), module))
                else:  # `import a.b` binds `a`
                    root = alias.name.partition(".")[0]
                    found.append((root, root, (), importlib.import_module(root)))
            return found
        package = info.fn.__globals__.get("__package__") or None
        name = importlib.util.resolve_name("." * stmt.level + (stmt.module or ""), package) \
            if stmt.level else stmt.module
        module = importlib.import_module(name)
        return [(alias.asname or alias.name, name, (alias.name,), _member(module, name, alias.name))
                for alias in stmt.names]
    except ImportError as exc:
        raise UnsupportedConstructError(
            f"cannot differentiate this `import`: {exc}", info.location(stmt),
            hint="the function itself would fail here: install or name the module") from None


def _member(module: Any, name: str, attr: str) -> Any:
    """``from name import attr``: the attribute, or else the submodule (as Python looks)."""
    if attr == "*":
        raise ImportError("`import *` binds names no one can list")
    try:
        return getattr(module, attr)
    except AttributeError:
        return importlib.import_module(f"{name}.{attr}")


def _refusal(name: str, body: list[gast.stmt], index: int, params: set[str],
             imported: dict) -> str | None:
    if name in params:
        return "that is a parameter"
    if name in imported:
        return "imported twice"
    for position, stmt in enumerate(body):
        if position == index:
            continue
        for node in walk(stmt):
            kind = node.__class__
            if kind in _KINDS and position > index and any(
                    (a.asname or a.name.partition(".")[0]) == name for a in node.names):
                continue  # (refused as imported twice when its turn comes)
            if kind is gast.Name and node.id == name:
                if node.ctx.__class__ is not gast.Load:
                    return "that the function also assigns"
                if position < index:
                    return "read before the import"
            elif kind in _KINDS and any((a.asname or a.name.partition(".")[0]) == name
                                        for a in node.names):
                return "inside a branch or loop as well"
            elif kind in (gast.FunctionDef, gast.ClassDef) and node.name == name:
                return "that the function also defines"
    return None
