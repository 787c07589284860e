"""Writes through a row of the transpose of a local matrix, spelled on the matrix.

``B.T[j] = v``, ``B.T[j] op= v`` and ``B.T[j].sort()`` (``fill``...) change column ``j`` of
``B`` in place; the program's assignments into a nested element are refused, as a method's
receiver written through an expression is.  Where ``B`` is a local array of proven rank 2 (see
:mod:`.view_facts`), ``B.T[j]`` is the view ``B[:, j]`` (same memory, same shape: a vector) and
``B.T[i, j]`` the element ``B[j, i]``, so this pass (on the function's AST, before desugaring)
writes that instead, which the machinery of element writes follows:

==========================  ==========================
``B.T[j] = v``              ``B[:, j] = v``
``B.T[j] op= v``            ``B[:, j] op= v``
``B.T[i, j] = v``           ``B[j, i] = v``
``B.T[j].sort()``           ``B[:, j].sort()``
==========================  ==========================

Only int indices (constants, loop counters over ``range``, ``len``...) are rewritten: a slice
``B.T[1:3]`` has the transposed shape of ``B[:, 1:3]``, and a value written into it would need
transposing too.  Of a parameter or a local array of a rank not proven 2, ``B.T[j] = v`` and
``B.T[j] op= v`` (elementwise) are ``B[..., j]`` written with ``v`` broadcast to the shape of
``B.T[j]`` and transposed: ``B[..., j]`` is that view's transpose at every rank.  Anything else
is left as written (and refused as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     B = np.outer(x, x)
    ...     B.T[0] *= 2.0
    ...     B.T[1].sort()
    ...     return np.sum(B)
    >>> info = parse_function(f)
    >>> rewrite_transposed_writes(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        B = np.outer(x, x)
        B[:, 0] *= 2.0
        B[:, 1].sort()
        return np.sum(B)
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.parse import SourceInfo
from .writes import MUTATING_METHODS


def rewrite_transposed_writes(info: SourceInfo) -> None:
    """Rewrite the writes described in the module docstring, in place."""
    targets = [t for node in build.nodes(info.node) for t in _written(node)]
    if not any(_transposed(t) is not None for t in targets):
        return  # (no write through a transpose: nothing to rewrite)
    from .view_facts import Facts

    facts = Facts(info)
    for target in targets:
        name = _transposed(target)
        kind = facts.kind(name) if name is not None and name.id in facts.locals else None
        if kind is None or not kind.array or kind.rank != 2:
            continue
        entries = target.slice.elts if isinstance(target.slice, gast.Tuple) else [target.slice]
        if len(entries) > 2 or not all(facts.is_int(e) for e in entries):
            continue
        whole = gast.Slice(lower=None, upper=None, step=None)
        swapped = entries[::-1] if len(entries) == 2 else [whole, entries[0]]
        target.value = gast.copy_location(build.name(name.id), target.value)
        target.slice = build.tuple_([build.clone(e) for e in swapped])
    _rewrite_any_rank(info, facts)


def _rewrite_any_rank(info: SourceInfo, facts: Any) -> None:
    """``B.T[j] = v`` and ``B.T[j] op= v`` left (``B`` a parameter, or a local array of a rank
    not proven 2; ``op`` elementwise): ``B[j]`` where ``B`` is proven 1-d; else ``B[..., j]``
    (whose transpose is the view ``B.T[j]``) given ``v`` broadcast to that view's shape and
    transposed (an np.matrix, whose indexing keeps two axes, is refused as an argument)."""
    parameters = build.parameter_names(info.node.args)  # (in facts.locals, of no kind)
    numpy = next((n for n in ("np", "numpy") if n not in facts.locals
                  and info.lookup(n) == (True, np)), None)
    for stmt in build.nodes(info.node):
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 or
                isinstance(stmt, gast.AugAssign) and not isinstance(stmt.op, gast.MatMult)):
            continue
        target = build.write_target(stmt)
        name = _transposed(target)
        kind = facts.kind(name) if name is not None and name.id in facts.kinds else None
        if name is None or not (name.id in parameters or kind is not None and kind.array) \
                or isinstance(target.slice, gast.Tuple) or not facts.is_int(target.slice):
            continue
        if kind is None or kind.rank != 1:
            if numpy is None:
                continue  # (no name of the function's holds NumPy: left, and refused)
            shape = build.subscript(build.attribute(build.name(name.id), "shape"), gast.Slice(
                lower=build.constant(-2), upper=None, step=build.constant(-1)))
            stmt.value = gast.copy_location(build.call(
                f"{numpy}.transpose", build.call(f"{numpy}.broadcast_to", stmt.value, shape)),
                stmt.value)
            target.slice = build.tuple_([gast.Constant(value=Ellipsis, kind=None), target.slice])
        target.value = gast.copy_location(build.name(name.id), target.value)  # (1-d: `B.T` is B)


def _written(node: gast.AST) -> list[gast.AST]:
    """The subscripts ``node`` writes into: an assignment's targets, an augmented assignment's,
    the receiver of a method that changes it (``r.sort()``)."""
    if isinstance(node, gast.Assign):
        return list(node.targets)
    if isinstance(node, gast.AugAssign):
        return [node.target]
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
            node.func.attr in MUTATING_METHODS:
        return [node.func.value]
    return []


def _transposed(node: gast.AST) -> gast.Name | None:
    """``B`` of ``B.T[...]``, or None."""
    if isinstance(node, gast.Subscript) and isinstance(node.value, gast.Attribute) and \
            node.value.attr == "T" and isinstance(node.value.value, gast.Name):
        return node.value.value
    return None
