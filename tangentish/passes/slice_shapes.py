"""Slices of one array that provably have one shape: ``x[1:]``, ``x[:-1]`` and ``x[2:-1, 0]``...

A finite difference reads an array twice, shifted: ``x[1:] - x[:-1]``.  Neither slice has a known
length (``x`` may be of length 2, leaving 1, which broadcasts), so without more the adjoint keeps
``_rt.unbroadcast`` on both, and everything computed from them is of unknown shape.  What is
known is that the two are of *one* length: along an axis of length ``n``, a slice ``[a:-b]``
with literal ``a >= 0`` and ``b > 0`` (or ``[a:]``, ``b = 0``) has ``max(0, n - a - b)`` items,
so it depends on ``a + b`` alone.  :func:`slice_key` names that shape: the array and, per axis
it indexes, what the index does to it (trimmed by ``a + b``, taken away by an int, a new axis
by ``None``); slices of one array with equal keys have equal shapes, and a key that trims
nothing names the array's own shape.  :func:`shapes.analyze_shapes` unions such names.

Guarantee: ``slice_key`` gives a key only for basic indexing of a parameter that the call's
facts prove an ndarray of rank 1 or more (a specialized derivative, :mod:`tangentish.specialize`)
and that the body never binds: a list's slices of one length may hold items of other shapes,
and a generic derivative knows no argument's type.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.shapes import analyze_shapes
    >>> def f(x):
    ...     d = x[1:] - x[:-1]
    ...     return np.sum(d * x[2:])
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> norm.facts = {"x": (False,)}
    >>> shapes = analyze_shapes(norm)
    >>> shapes.same("d", "x_slice"), shapes.same("d", "x_slice_1"), shapes.same("d", "x_slice_2")
    (True, True, False)
"""

from __future__ import annotations

import operator
from collections import Counter

import gast

from .. import ir
from .normalize import Normalized


def slice_key(op: ir.Op, norm: Normalized, bindings: Counter, classes=None) -> tuple | None:
    """The shape of ``x[index]`` as ``(x, items)`` (see the module docstring), for ``op`` the
    operation of ``name = x[index]`` and ``bindings`` how often the body binds each name;
    ``(x, ())`` when the result has ``x``'s shape; None when the index is not one this module
    reads.  With the shape ``classes`` found so far, ``x`` may be a name of such a parameter's
    class (``u_2 = u_1`` of a loop-carried ``u_1``, :mod:`.carried_shapes`): it is an array of
    that shape, and the key names the class by its representative then."""
    if op.key is not operator.getitem or len(op.args) != 2 or op.keywords or \
            op.args[0].__class__ is not gast.Name:
        return None
    base = op.args[0].id
    pattern = norm.facts.get(base) if base in norm.params else None
    if (bindings[base] or not pattern) and classes is not None and (
            bindings[base] <= 1 or base in classes.carried):
        base, pattern = array_class(base, norm, bindings, classes)
    elif bindings[base]:  # (rebound: see above)
        return None
    if not pattern:  # (not an ndarray of rank >= 1: see above)
        return None
    index = op.args[1]
    items = index.elts if index.__class__ is gast.Tuple else [index]
    found = [_item(item) for item in items]
    if None in found or sum(item != "new" for item in found) > len(pattern):
        return None
    while found and found[-1] == 0:  # (``x[1:, :]`` is ``x[1:]``)
        found.pop()
    return base, tuple(found)


def array_class(name: str, norm: Normalized, bindings: Counter, classes) -> tuple:
    """``name``'s class representative and the pattern of a parameter in that class which the
    call's facts prove an ndarray and the body never binds, or ``(name, None)``."""
    root = classes.find(name)
    for param in norm.params:
        pattern = norm.facts.get(param)
        if pattern and not bindings[param] and classes.find(param) == root:
            return root, pattern
    return name, None


def _item(node: gast.expr) -> int | str | None:
    """What one index item does to its axis: an int ``c``, the slice trims ``c`` items; ``"int"``,
    an int literal takes the axis away; ``"new"``, ``None`` adds one."""
    if node.__class__ is gast.Constant and node.value is None:
        return "new"
    if int_value(node) is not None:
        return "int"
    if node.__class__ is not gast.Slice or node.step is not None:
        return None
    lower = 0 if node.lower is None else int_value(node.lower)
    upper = 0 if node.upper is None else int_value(node.upper)
    if lower is None or upper is None or lower < 0 or upper > 0 or \
            node.upper is not None and upper == 0:  # (``x[:0]`` is empty, not ``x``)
        return None
    return lower - upper


def indexed_rank(index: gast.expr, rank: int) -> int | None:
    """The rank of ``x[index]`` for ``x`` of rank ``rank`` and a basic ``index`` of int literals
    (an axis taken away), slices with int literal bounds or none (kept) and ``None`` (one added);
    None for any other index."""
    items = index.elts if index.__class__ is gast.Tuple else [index]
    kinds = [_item(item) if item.__class__ is not gast.Slice else _bounded(item) for item in items]
    if None in kinds or sum(kind != "new" for kind in kinds) > rank:
        return None
    return rank - kinds.count("int") + kinds.count("new")


def _bounded(node: gast.Slice) -> str | None:
    parts = (node.lower, node.upper, node.step)
    return "slice" if all(p is None or int_value(p) is not None for p in parts) else None


def int_value(node: gast.expr | None) -> int | None:
    """An int literal's value, maybe negated (``-1``); None for anything else."""
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        value = int_value(node.operand)
        return None if value is None else -value
    return node.value if node.__class__ is gast.Constant and type(node.value) is int else None
