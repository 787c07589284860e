"""A record under ``wrt`` rebuilt with fields replaced: ``p._replace(w=e)`` of a namedtuple
parameter (or of a namedtuple part of one, ``params.enc._replace(...)``) and
``dataclasses.replace(p, w=e)`` of a dataclass one, as the construction they stand for, the class
called with every field (``p.b`` where the call does not give it), so that :mod:`.record_locals`
reads the result as a record local and :mod:`.containers` the remaining field reads as leaves.
The parameter rebound so (``p = p._replace(...)``, in the function's top-level statements, and
bound nowhere else) is first renamed there and in what follows (:func:`rebinds_renamed`).
The class is called by the name the function's scope gives it (recorded: another class bound to
that name derives again); where it has none, or a keyword names no field, the call is left as it
is (and refused by :mod:`.containers`).  ``p._asdict()`` of a namedtuple part is likewise the
display of the new dict it makes, ``{'w': p.w, 'b': p.b}``, a dict local (:mod:`.dict_locals`).

    >>> from collections import namedtuple
    >>> import numpy as np
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> if True:
    ...     P = namedtuple("P", "w b")
    ...     def loss(p, x):
    ...         q = p._replace(w=2.0 * p.w)
    ...         return np.sum(x @ q.w + q.b)
    >>> info = parse_function(loss)
    >>> replaced_as_constructions(info, (("p", structure(P(np.ones(2), 0.5))),))
    >>> print(function_text(info.node), end="")
    def loss(p, x):
        q = P(b=p.b, w=2.0 * p.w)
        return np.sum(x @ q.w + q.b)
"""

from __future__ import annotations

import dataclasses

import gast

from ..arguments.trees import DATACLASS, NAMEDTUPLE, Tree
from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .callable_defaults import value_spelling
from .container_reads import NO_KEY, constant_key


def rebinds_renamed(info: SourceInfo, trees: tuple) -> None:
    """``p = p._replace(w=e)`` (or ``dataclasses.replace``) of a record parameter ``p`` in
    ``trees``, at the function's top level and ``p`` bound nowhere else, as ``p_2 = ...``, the
    statements after it reading ``p_2`` (run before the parts are named: the parameter itself is
    then never assigned)."""
    roots = {name for name, tree in trees if tree.kind in (NAMEDTUPLE, DATACLASS)}
    body = info.node.body
    top = {id(s) for s in body if _rebind(info, s, roots) is not None}
    stored = [n.id for s in body for n in walk(s) if isinstance(n, gast.Name) and
              isinstance(n.ctx, (gast.Store, gast.Del)) and id(s) not in top]
    taken = set(build.names(info.node, functions=True))
    renamed = {}  # (statement index → the rebind's root and its new name, in reading order)
    for at, stmt in enumerate(body):
        root = _rebind(info, stmt, roots) if id(stmt) in top else None
        if root is not None and root not in stored:
            renamed[at] = (root, fresh_name(root, taken))
            taken.add(renamed[at][1])
    for at in sorted(renamed, reverse=True):  # (the last rebind first: each renames the reads
        stmt, (root, fresh) = body[at], renamed[at]  # up to the next, which reads its name)
        later = [n for s in body[at + 1:] for n in walk(s)]
        if any(isinstance(n, (gast.FunctionDef, gast.Lambda)) and root in build.names(n.args)
               for n in later):
            continue  # (a parameter of that name: left as written, refused as a rebinding)
        stmt.targets[0] = gast.copy_location(build.name(fresh, store=True), stmt.targets[0])
        for node in later:
            if isinstance(node, gast.Name) and node.id == root and \
                    isinstance(node.ctx, gast.Load):
                node.id = fresh


def _rebind(info: SourceInfo, stmt: gast.stmt, roots: set[str]) -> str | None:
    """The parameter ``stmt`` rebinds to a record rebuilt from it (``p = p._replace(...)``)."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and stmt.targets[0].id in roots and
            isinstance(stmt.value, gast.Call)):
        return None
    call, name = stmt.value, stmt.targets[0].id
    if isinstance(call.func, gast.Attribute) and call.func.attr == "_replace":
        source = call.func.value
    elif len(call.args) == 1 and (parts := dotted(call.func)) is not None and \
            info.lookup_path(parts) == (True, dataclasses.replace):
        source = call.args[0]
    else:
        return None
    return name if isinstance(source, gast.Name) and source.id == name else None


def replaced_as_constructions(info: SourceInfo, trees: tuple) -> None:
    """Rewrite ``info.node`` in place (see the module) for the container parameters in
    ``trees`` (pairs of parameter name and :class:`Tree`)."""
    roots = {name: tree for name, tree in trees if tree.is_container}
    stored = {n.id for n in walk(info.node) if isinstance(n, gast.Name) and
              isinstance(n.ctx, (gast.Store, gast.Del))}  # (a parameter rebound: left alone)
    for node in list(walk(info.node)):
        for field, value in gast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            for at, item in enumerate(items):
                made = _construction(info, item, roots, stored) if \
                    isinstance(item, gast.Call) else None
                if made is None:
                    continue
                if isinstance(value, list):
                    value[at] = made
                else:
                    setattr(node, field, made)


def _construction(info: SourceInfo, call: gast.Call, roots: dict[str, Tree],
                  stored: set[str]) -> gast.expr | None:
    """``Cls(f=..., g=source.g)`` for ``source._replace(f=...)`` or ``dataclasses.replace(source,
    f=...)`` of a record part of a parameter in ``roots``, ``{'f': source.f, ...}`` for
    ``source._asdict()``; else None."""
    if isinstance(call.func, gast.Attribute) and call.func.attr == "_asdict" and not call.args \
            and not call.keywords:
        tree = _part(call.func.value, roots, stored)
        return None if tree is None or tree.kind != NAMEDTUPLE else gast.copy_location(gast.Dict(
            keys=[build.constant(f) for f in tree.keys],
            values=[build.attribute(build.clone(call.func.value), f) for f in tree.keys]), call)
    if isinstance(call.func, gast.Attribute) and call.func.attr == "_replace" and not call.args:
        source, kind = call.func.value, NAMEDTUPLE
    elif len(call.args) == 1 and (parts := dotted(call.func)) is not None and \
            info.lookup_path(parts) == (True, dataclasses.replace):
        source, kind = call.args[0], DATACLASS
    else:
        return None
    tree = _part(source, roots, stored)
    given = [k.arg for k in call.keywords]
    if tree is None or tree.kind != kind or None in given or \
            not set(given) <= set(tree.keys):
        return None
    spelled = value_spelling(info, tree.type)
    if spelled is None:
        return None
    keywords = [gast.keyword(arg=f, value=build.attribute(build.clone(source), f))
                for f in tree.keys if f not in given] + list(call.keywords)
    return gast.copy_location(gast.Call(func=build.dotted(spelled), args=[],
                                        keywords=keywords), call)


def _part(node: gast.expr, roots: dict[str, Tree], stored: set[str]) -> Tree | None:
    """The part of a parameter in ``roots`` that ``node`` reads by constant fields, keys and
    indices (``p``, ``params.enc``, ``layers[0]``), or None."""
    if isinstance(node, gast.Name):
        return roots.get(node.id) if node.id not in stored else None
    if isinstance(node, gast.Attribute):
        inner = _part(node.value, roots, stored)
        return inner.child(node.attr) if inner is not None and \
            inner.kind in (NAMEDTUPLE, DATACLASS) else None
    if isinstance(node, gast.Subscript):
        inner = _part(node.value, roots, stored)
        key = constant_key(node.slice)
        return inner.child(key) if inner is not None and key is not NO_KEY and \
            inner.kind != DATACLASS else None
    return None
