"""Writes into a parameter of an inlined helper by an augmented assignment, made on the array.

A small helper that changes an argument in place (``def sgd_step(w, g, lr): w -= lr * g;
w[w > 1] = 1``) is inlined with its parameters read as the caller's names
(:mod:`.inline_helpers`; one with a loop changing nothing but ``p op= e`` on a parameter is
not).  There,
``w -= lr * g`` would only rebind the helper's ``w``; Python changes the caller's array.  Where
the parameter holds an ndarray, ``w[...] -= lr * g`` does the same and is a write on the
caller's array, which the function's own in-place machinery (:mod:`.aliases`) follows; a number
is rebound, as written.  So the helper's body (its final ``return`` apart) runs as
``if isinstance(w, np.ndarray): <body writing w[...]> else: <body as written>``, for each
parameter changed only by augmented assignments (one also bound otherwise is left alone: the
caller's array is then no longer what it names).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def step(w, g, lr=0.1):
    ...     w -= lr * g
    ...     return np.sum(w)
    >>> info = parse_function(step)
    >>> write_parameters_in_place(info)
    >>> print(function_text(info.node), end="")
    def step(w, g, lr=0.1):
        if isinstance(w, np.ndarray):
            w[...] -= lr * g
        else:
            w -= lr * g
        return np.sum(w)
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .view_writes import ndarray_test


def write_parameters_in_place(info: SourceInfo, numbers: set[str] | frozenset[str] = frozenset()) -> None:
    """In an inlined helper (``info.node``, its parameters the caller's names), ``p op= e`` on a
    parameter never bound otherwise is ``p[...] op= e`` where ``p`` holds an ndarray: the body
    becomes ``if isinstance(p, np.ndarray): <body, writing p[...]> else: <body>`` (its final
    ``return`` after both).  On an array both change it in place, and a write on ``p[...]`` is
    one on the caller's array, which the caller's later reads see as Python's do (``p op= e``
    would only rebind ``p``); a number is rebound, as written: a parameter of ``numbers`` (one
    the call gives a module-level number) only is."""
    from .view_facts import Facts

    fdef = info.node
    params = {a.id for a in fdef.args.posonlyargs + fdef.args.args}
    every = list(walk(fdef))
    bound = {n.id for n in every if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)
             and not any(isinstance(a, gast.AugAssign) and a.target is n for a in every)}
    augmented = sorted({n.target.id for n in every if isinstance(n, gast.AugAssign) and
                        isinstance(n.target, gast.Name) and n.target.id in params - bound - numbers})
    nested = any(isinstance(n, (gast.FunctionDef, gast.Lambda)) and n is not fdef for n in every)
    test = ndarray_test(Facts(info)) if augmented and not nested else None
    if test is None:
        return
    last = fdef.body[-1:] if isinstance(fdef.body[-1], gast.Return) else []
    body = fdef.body[:len(fdef.body) - len(last)]
    written = copy.deepcopy(body)
    for part in [getattr(n, f) for stmt in written for n in walk(stmt) for f in ("body", "orelse")
                 if isinstance(getattr(n, f, None), list)] + [written]:
        part[:] = [_in_place(stmt, set(augmented)) for stmt in part]
    branch = gast.If(test=test(augmented), body=written, orelse=body)
    fdef.body = [gast.fix_missing_locations(gast.copy_location(branch, body[0])), *last]


def _in_place(stmt: gast.stmt, augmented: set[str]) -> gast.stmt:
    if not (isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name) and
            stmt.target.id in augmented):
        return stmt
    whole = build.subscript(build.name(stmt.target.id), gast.Constant(value=Ellipsis, kind=None),
                            store=True)
    return gast.copy_location(gast.AugAssign(target=whole, op=stmt.op, value=stmt.value), stmt)
