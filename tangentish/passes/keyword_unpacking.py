"""``**params`` of a dict parameter whose keys the derivative is built for: its entries by name.

A dict under ``wrt`` is differentiated leaf by leaf, its keys part of the options
(:mod:`.containers`), so a call unpacking it, or a dict inside it reached by constant keys
(``dense(x, **params)``, ``layer(h, **params["out"])``), is the call passing each entry by its
key: ``dense(x, w=params["w"], b=params["b"])``, which the container pass then reads as leaves
(and a helper's derivative takes as any keyword arguments).  Python's own errors stay: a key
that is not a string, or one the call also passes by name, leaves the call as written (refused
as ``**`` unpacking), and a key the callee does not take raises Python's ``TypeError`` when the
call binds its arguments.  A dict the function assigns again is left alone.

    >>> import numpy as np
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def loss(x, params):
    ...     return np.sum(dense(x, **params["layer"], scale=2.0))
    >>> info = parse_function(loss)
    >>> tree = structure({"layer": {"w": np.ones(2), "b": 0.5}})
    >>> expand_keyword_unpacking(info, (("params", tree),))
    >>> print(function_text(info.node), end="")
    def loss(x, params):
        return np.sum(dense(x, w=params['layer']['w'], b=params['layer']['b'], scale=2.0))
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..arguments.trees import DICT, Tree
from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk

_INSTEAD = ((np.seterr, "set NumPy's floating-point error handling for a block with `with "
             "np.errstate(all='ignore'):` (supported; the derivative is quiet there too) instead "
             "of saving and restoring it with `old = np.seterr(...)` and `np.seterr(**old)`"),)
"""Callees whose ``**`` is refused, each with the form that does what it is written for."""


def expand_keyword_unpacking(info: SourceInfo, structure: tuple) -> None:
    """Rewrite the calls of ``info``'s function that unpack a dict of ``structure`` (pairs of
    parameter name and :class:`Tree`) by ``**`` (see the module docstring)."""
    stored = {n.id for n in walk(info.node) if isinstance(n, gast.Name)
              and isinstance(n.ctx, (gast.Store, gast.Del))}
    trees = {root: tree for root, tree in structure if root not in stored}
    if not trees:
        return
    for node in walk(info.node):
        if isinstance(node, gast.Call) and any(k.arg is None for k in node.keywords):
            keywords = _expanded(node.keywords, trees)
            if keywords is not None:
                node.keywords = keywords


def _expanded(keywords: list[gast.keyword], trees: dict[str, Tree]) -> list | None:
    """The keywords with each ``**`` of a known dict replaced by its entries; None where one
    is not known, or a key is not a string or comes twice."""
    out: list[gast.keyword] = []
    for keyword in keywords:
        if keyword.arg is not None:
            out.append(keyword)
            continue
        tree = _dict_tree(keyword.value, trees)
        if tree is None or not all(type(k) is str for k in tree.keys):
            return None
        out += [gast.keyword(arg=key, value=build.subscript(build.clone(keyword.value),
                                                            build.constant(key)))
                for key in tree.keys]
    names = [k.arg for k in out]
    return out if len(set(names)) == len(names) else None


def _dict_tree(node: gast.expr, trees: dict[str, Tree]) -> Tree | None:
    """The dict node of a parameter's structure ``node`` reaches by constant keys, or None."""
    tree = _part(node, trees)
    return tree if tree is not None and tree.kind == DICT else None


def _part(node: gast.expr, trees: dict[str, Tree]) -> Tree | None:
    if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load):
        return trees.get(node.id)
    if isinstance(node, gast.Subscript) and isinstance(node.slice, gast.Constant):
        inner = _part(node.value, trees)
        return inner.child(node.slice.value) if inner is not None else None
    return None


def unpacking_error(norm: Any, expr: gast.Call, value: gast.expr) -> UnsupportedConstructError:
    """The refusal of a ``**`` the rewrite left (a dict not under ``wrt``, a local one); one of
    a parameter is built again per structure when the call passes a dict there
    (``tangentish/structured.py``), where the keys are known."""
    root = value
    while isinstance(root, gast.Subscript):
        root = root.value
    args = norm.info.node.args
    parts = dotted(expr.func)
    callee = norm.info.lookup_path(parts)[1] if parts is not None else None
    error = norm.error(
        "cannot differentiate `**` keyword unpacking", expr,
        hint=next((hint for kind, hint in _INSTEAD if callee is kind),
                  "pass the keyword arguments one by one; a dict parameter differentiated (under "
                  "`wrt`) may be unpacked, its keys read when the derivative is called"))
    from .container_reads import derived_names

    parameters = {a.id for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if isinstance(root, gast.Name) and root.id in derived_names(norm.info.node, parameters):
        error.per_structure = error.handed = True  # (`for p in params["layers"]: h(x, **p)`)
    return error
