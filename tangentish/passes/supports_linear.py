'''Supports that a (bi)linear operation's tangent hands on (forward mode, :mod:`.supports_moved`).

The tangent of ``np.outer(w, c)``, ``W @ c``, ``np.convolve(w, c)``, ``np.einsum('i,j->ij', w,
c)``, ``np.kron(w, c)``... is the same operation of the tangents (one term per operand with a
tangent).  An element of it is 0 by structure where every product that sums into it has a
factor 0 by structure: the same operation of the masks (``True`` where a tangent may be
non-zero, and everywhere for an operand without one: a 0 it holds is a value), which on
booleans has no cancellation (an ``and`` of factors, an ``or`` of terms), is where it may be
non-zero.  ``np.sqrt`` of a row that reads only zeroed elements then meets a tangent 0, not
``0 * inf`` (jvp gave NaN there where ``grad`` and the differences give the derivative;
``np.any`` of the masks stood for it).

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.sum(np.sqrt(np.outer(np.where(x > 0, x, 0.0), np.ones(2))))
    >>> print(tangentish.jvp(f).source.splitlines()[-4].strip())
    _t2_dot = _rt.divided(np.outer(_t1, np.full(np.shape(ones_2), True)), outer_where_t1_dot, 2.0 * _t2)

A seed's support is not taken through them (:class:`.supports_base.Seeded`: what is 0 only
where the seed is, a caller rarely asks for).
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .supports_base import NOWHERE, Seeded

_DATA = {"outer": 2, "kron": 2, "matmul": 2, "dot": 2, "inner": 2, "tensordot": 2,
         "convolve": 2, "correlate": 2}
"""NumPy's (bi)linear functions, and how many of their first arguments are arrays (the rest say
how: ``mode``, ``axes``); ``np.einsum`` takes its subscripts first."""

_HOW = frozenset({"mode", "axes", "optimize"})
"""The keywords a mask's operation keeps (not ``out=``, which would write into an array)."""


def linear_mask(sweep: Any, value: gast.expr, primals: dict[str, str],
                mask_of: Any) -> gast.expr | None:
    """Where ``value``, a (bi)linear operation of tangents (a sum of such terms), may be
    non-zero: the same operation of their masks (``mask_of(primal, support)``) and of the other
    operands' ``!= 0``; None if ``value`` is anything else, or no tangent it reads has a support
    of its own (or one is a seed's)."""
    found: list = []
    mask = _term(sweep, value, primals, mask_of, found)
    if mask is not None and NOWHERE in found and any(isinstance(s, Seeded) for s in found):
        mask = _term(sweep, value, primals, lambda sweep, primal, support: mask_of(
            sweep, primal, None if isinstance(support, Seeded) else support), [])
        return mask  # (zeros a constant put there: a seed's tangent as one without a support)
    if mask is None or not found or any(isinstance(s, Seeded) for s in found) or \
            all(s is None for s in found):
        return None
    return mask


def _term(sweep: Any, node: gast.expr, primals: dict[str, str], mask_of: Any,
          found: list) -> gast.expr | None:
    numpy = sweep.machinery.aliases["np"]
    if isinstance(node, gast.BinOp) and isinstance(node.op, (gast.Add, gast.Sub)):
        left = _term(sweep, node.left, primals, mask_of, found)
        right = None if left is None else _term(sweep, node.right, primals, mask_of, found)
        return None if right is None else build.call(f"{numpy}.logical_or", left, right)
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        return _term(sweep, node.operand, primals, mask_of, found)
    if isinstance(node, gast.BinOp) and isinstance(node.op, gast.MatMult):
        operands = [_operand(sweep, n, primals, mask_of, found, weights=True)
                    for n in (node.left, node.right)]
        return None if None in operands else gast.BinOp(left=operands[0], op=gast.MatMult(),
                                                       right=operands[1])
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and
            getattr(node.func.value, "id", None) == numpy):
        return None
    name, args = node.func.attr, node.args
    if name in _DIFFERENCES:
        return _differences(sweep, node, primals, mask_of, found)
    first = 1 if name == "einsum" and args and isinstance(args[0], gast.Constant) and \
        isinstance(args[0].value, str) else 0
    count = len(args) - 1 if first else _DATA.get(name)
    reads = sweep.derivative_names
    if count is None or len(args) < first + count or any(
            build.loads(n) & reads for n in [*args[first + count:], *node.keywords]) or any(
            k.arg not in _HOW for k in node.keywords):
        return None
    operands = [_operand(sweep, n, primals, mask_of, found) for n in args[first:first + count]]
    if None in operands:
        return None
    return gast.Call(func=build.clone(node.func), args=[
        *map(build.clone, args[:first]), *operands, *map(build.clone, args[first + count:])],
        keywords=[build.clone(k) for k in node.keywords])


def _operand(sweep: Any, node: gast.expr, primals: dict[str, str], mask_of: Any,
             found: list, weights: bool = False) -> gast.expr | None:
    """An operand's mask: a tangent's (its primal's support); True everywhere for a value (a
    0 the function computes is a value, not a structural 0: README, "Structural zeros"), but
    for a value's ``weights`` in ``@``, where it is not 0: ``(m @ t)[i]`` does not vary with
    ``t[k]`` where ``m[i, k]`` is 0 (``np.linalg.inv(a) @ u`` of a block-diagonal ``a``, the
    adjoint's :func:`tangentish.runtime.products.reached_product` alike)."""
    if not build.loads(node) & sweep.derivative_names:
        numpy = sweep.machinery.aliases["np"]
        if weights:
            return build.call(f"{numpy}.not_equal", build.clone(node), build.constant(0))
        return build.call(f"{numpy}.full", build.call(f"{numpy}.shape", build.clone(node)),
                          build.constant(True))
    if not isinstance(node, gast.Name) or node.id not in primals:
        return None
    primal = primals[node.id]
    support = sweep.supports.get(primal)
    if support is NOWHERE:
        return None
    found.append(support)
    return mask_of(sweep, primal, support)


_DIFFERENCES = {"diff": ("diff_mask", ("n", "axis"), 2), "ediff1d": ("diff_mask", (), 0),
                "gradient": ("gradient_mask", ("axis", "edge_order"), None)}
"""Differences of neighbours: the runtime helper that makes a mask of theirs, the keywords it
takes, and how many arguments after the array (None: any, ``np.gradient``'s spacings).
``np.ediff1d`` is ``np.diff`` of the flattened array (not with ``to_begin``/``to_end``; a
tangent's ``prepend``/``append`` are joined in front by then, passes/numpy_forms.py)."""


def _differences(sweep: Any, node: gast.Call, primals: dict[str, str], mask_of: Any,
                 found: list) -> gast.expr | None:
    """The mask of ``np.diff(t, n, axis)``, ``np.ediff1d(t)`` or ``np.gradient(t, ...)``:
    ``_rt.diff_mask`` or ``_rt.gradient_mask`` of ``t``'s (each element the ``or`` of the
    neighbours it reads)."""
    helper, how, most = _DIFFERENCES[node.func.attr]
    ends = {k.arg: k.value for k in node.keywords if most == 0 and k.arg in _ENDS}
    rest = [k for k in node.keywords if k.arg not in ends]
    if not node.args or most is not None and len(node.args) > 1 + most or any(
            k.arg not in how for k in rest) or any(
            build.loads(n) & sweep.derivative_names for n in [*node.args[1:], *rest]):
        return None
    operand = _operand(sweep, node.args[0], primals, mask_of, found)
    if operand is None:
        return None
    numpy = sweep.machinery.aliases["np"]
    if most == 0:
        operand = build.call(f"{numpy}.ravel", operand)
    mask = build.call(f"{sweep.machinery.aliases['_rt']}.{helper}", operand,
                      *map(build.clone, node.args[1:]), **{k.arg: build.clone(k.value) for k in rest})
    if not ends:
        return mask
    parts = [_end(sweep, ends.get("to_begin"), found), mask, _end(sweep, ends.get("to_end"), found)]
    return build.call(f"{numpy}.concatenate", build.tuple_([p for p in parts if p is not None]))


_ENDS = ("to_begin", "to_end")
"""``np.ediff1d``'s keywords that put values around the differences: a constant's tangent there
is 0 by structure, a source of zeros even where no tangent the call reads has a support."""


def _end(sweep: Any, end: gast.expr | None, found: list) -> gast.expr | None:
    """The mask of ``np.ediff1d``'s ``to_begin`` or ``to_end`` tangent ``end``: False where it is
    a constant's (marking ``found`` with :data:`NOWHERE`: the mask says something), True where
    it is a tangent (None when there is none)."""
    if end is None or isinstance(end, gast.Constant) and end.value is None:
        return None
    from .zeros import finish  # (forward mode's: a first reverse-mode grad() does not load it)

    varies = bool(build.loads(end) & sweep.derivative_names)
    if not varies:
        found.append(NOWHERE)
    numpy = sweep.machinery.aliases["np"]
    return build.call(f"{numpy}.full", build.call(
        f"{numpy}.size", finish(build.clone(end), sweep.zeros_like)), build.constant(varies))


def weighted(sweep: Any, node: gast.expr, primals: dict[str, str],
             defs: dict) -> gast.Name | None:
    """The tangent ``t`` of ``node`` when it is ``t`` or a product of ``t`` and values no wider
    than ``t`` (:func:`_narrow`: ``np.var``'s tangent sums ``t * (deviation - np.mean(deviation,
    axis, keepdims=True)) * c``, ``deviation`` one of a rule's statements ``defs`` defines),
    which is 0 where ``t`` is, element for element; else None."""
    if isinstance(node, gast.Name):
        return node if node.id in primals else None
    chosen = isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
        node.func.attr == "chosen" and getattr(node.func.value, "id", None) == \
        sweep.machinery.aliases["_rt"] and len(node.args) == 2 and not node.keywords
    if not (chosen or isinstance(node, gast.BinOp) and isinstance(node.op, gast.Mult)):
        return None  # (``_rt.chosen(t, w)``, 0 where ``t`` is: ``np.max(t, axis)``'s, 8013/0)
    sides = tuple(node.args) if chosen else (node.left, node.right)
    reads = sweep.derivative_names
    left, right = (build.loads(side) & reads for side in sides)
    if bool(left) == bool(right):
        return None
    inner, other = sides if left else sides[::-1]
    tangent = weighted(sweep, inner, primals, defs)
    return tangent if tangent is not None and _narrow(
        sweep, other, primals[tangent.id], defs) else None


_SHRINK = frozenset({"mean", "sum"})
_WEIGHTS = frozenset({"ties", "prod_others", "quantile_weights"})


def _narrow(sweep: Any, node: gast.expr, primal: str, defs: dict) -> bool:
    """Whether ``node`` (reading no tangent) is no wider than ``primal``: constants, names of its
    shape or of a number's, arithmetic of those, ``np.mean``/``np.sum`` of one with
    ``keepdims=True``, counts (``np.shape(v)[k]``, ``np.size(v)``, ``_rt.reduced_size``)."""
    if isinstance(node, gast.Constant):
        return isinstance(node.value, (int, float))
    if isinstance(node, gast.Name):
        return node.id == primal or node.id in sweep.numbers or sweep.shapes.same(
            node.id, primal) or node.id in defs and _narrow(sweep, defs[node.id], primal, {})
    if isinstance(node, gast.BinOp):
        return _narrow(sweep, node.left, primal, defs) and _narrow(sweep, node.right, primal, defs)
    if isinstance(node, gast.UnaryOp):
        return _narrow(sweep, node.operand, primal, defs)
    numpy = sweep.machinery.aliases["np"]
    if isinstance(node, gast.Subscript):  # (``np.shape(v)[0]``: a number)
        inner = node.value
        return isinstance(inner, gast.Call) and isinstance(inner.func, gast.Attribute) and \
            inner.func.attr == "shape" and getattr(inner.func.value, "id", None) == numpy and \
            isinstance(node.slice, gast.Constant) and type(node.slice.value) is int
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)):
        return False
    owner = getattr(node.func.value, "id", None)
    if owner == sweep.machinery.aliases["_rt"] and node.func.attr == "reduced_size" or \
            owner == numpy and node.func.attr == "size":  # (a count: a number)
        return True
    if owner == sweep.machinery.aliases["_rt"] and node.func.attr in _WEIGHTS and node.args and \
            getattr(node.args[0], "id", None) == primal:  # (a reduction's weights, of its shape;
        return node.func.attr != "quantile_weights" or len(node.args) > 1 and isinstance(  # a
            node.args[1], gast.Constant) and type(node.args[1].value) in (int, float)  # number q)
    return node.func.attr in _SHRINK and owner == numpy and \
        len(node.args) == 1 and _narrow(sweep, node.args[0], primal, defs) and any(
            k.arg == "keepdims" and isinstance(k.value, gast.Constant) and k.value.value is True
            for k in node.keywords)


def factor_item(test: gast.expr | None, aliases: dict[str, str]) -> bool:
    """Whether ``test`` is ``_rt.factor_masks(r, kind)[k]``: an item of a factorization's tuple,
    an array (which a name the sequence analysis counts as maybe a list holds all the same)."""
    return isinstance(test, gast.Subscript) and isinstance(test.value, gast.Call) and \
        isinstance(test.value.func, gast.Attribute) and test.value.func.attr == "factor_masks" \
        and getattr(test.value.func.value, "id", None) == aliases["_rt"]
