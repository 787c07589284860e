'''Reverse mode: the entries of an operand a rule's adjoint leaves 0 of its own (:mod:`.supports`).

A rule that reads one triangle of a matrix (``scipy.linalg.solve_triangular``, ``np.linalg.
cholesky``, ``np.linalg.eigh``, ``scipy.linalg.solve(..., assume_a="sym")``, ``np.triu``...)
gives the other triangle the adjoint 0 by structure: ``_rt.triangle(e, lower, unit)``,
``_rt.fold_reads(e, kind, lower)``, ``np.triu(g, k)``.  Where no support of the incoming adjoint
is known (``grad``'s seed), nothing said so, and an unread entry made by a singular function
(``np.sqrt(v ** 2)`` at ``v = 0``) met that 0 as ``0 * inf``: NaN where the derivative is 0.  The
support of such a contribution is the same call of ones, of the operand's shape (``!= 0``: the
weights of ``_rt.fold_reads`` are sums of ones), or of the target's, when the call moves the
adjoint ``g`` itself (:func:`.supports_apart.moved_mask`).

    >>> import numpy as np, scipy.linalg, tangentish
    >>> def f(v):
    ...     a = np.array([[1.0 + v[1], 0.0], [np.sqrt(v[0] ** 2), 2.0]])
    ...     return np.sum(scipy.linalg.solve_triangular(a, np.array([1.0, 2.0])))
    >>> print(tangentish.grad(f)(np.array([0.0, 1.0])))
    [ 0.   -0.25]
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .supports_base import Support, calls

FILLS = {"triangle": "_rt", "fold_reads": "_rt", "triu": "np", "tril": "np"}
"""Adjoints that put zeros of their own into their first argument's shape (its other arguments
no derivative): ``_rt.triangle(e, lower, unit_diagonal)`` (a triangular solve's, which reads one
triangle), ``_rt.fold_reads(e, assume_a, lower)`` (a symmetric read's), ``np.triu``/``np.tril``
(theirs), by the alias of the module holding them."""


def unread(sweep: Any, value: gast.expr, target: str, operand: str) -> Support | None:
    """The support of ``value``, a contribution to ``operand``'s adjoint made by the adjoint of
    ``target``'s statement, whose support is not known: where a call of :data:`FILLS` in it may
    be non-zero (a sum of such calls: where either may).  None where it has none."""
    adjoint = sweep.adjoints.get(target)
    if operand not in sweep.sequences and adjoint in build.loads(value) and \
            target not in sweep.sequences and any(
            _fills(sweep, node) for node in build.nodes(value)):
        from .supports_apart import moved_mask  # (as supports_made's overwritten)

        runtime = sweep.machinery.aliases["_rt"]
        full = build.call(f"{runtime}.read_mask", build.name(target), build.constant(True))
        mask = moved_mask(sweep, value, adjoint, full)
        if mask is not None:
            return Support(mask)
    mask = _top(sweep, value, operand)  # (of the matrix the rule read: a helper's result,
    return None if mask is None else Support(mask)  # maybe a list by what is known, too)


def _top(sweep: Any, value: gast.expr, operand: str, shape: gast.expr | None = None
         ) -> gast.expr | None:
    """``value``'s mask where it is a call of :data:`FILLS` (its result of ``operand``'s shape,
    as a contribution to it is, or of ``shape``), its negation, or a sum or difference of such;
    ``_rt.as_lower`` of one (a transpose), or ``_rt.unindex`` of one into item ``k`` of the tuple
    ``operand`` (``scipy.linalg.cho_solve``'s factor, read with its ``lower`` flag as ``(c,
    lower)``: the item's mask, the flag's False)."""
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, gast.USub):
        return _top(sweep, value.operand, operand, shape)
    if isinstance(value, gast.BinOp) and isinstance(value.op, (gast.Add, gast.Sub)):
        left = _top(sweep, value.left, operand, shape)
        right = _top(sweep, value.right, operand, shape)
        return None if left is None or right is None else build.call(
            f"{sweep.machinery.aliases['np']}.logical_or", left, right)
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    if _runtime_call(sweep, value, "as_lower", 2):
        inner = _top(sweep, value.args[0], operand, shape)
        return None if inner is None else build.call(f"{runtime}.as_lower", inner,
                                                     build.clone(value.args[1]))
    if shape is None and _runtime_call(sweep, value, "unindex", 3) and getattr(
            value.args[1], "id", None) == operand and isinstance(value.args[2], gast.Constant) \
            and type(value.args[2].value) is int:
        item = build.subscript(build.name(operand), build.clone(value.args[2]))
        inner = _top(sweep, value.args[0], operand, build.call(f"{numpy}.shape", item))
        return None if inner is None else build.call(
            f"{runtime}.reads", build.name(operand), build.clone(value.args[2]), inner)
    if isinstance(value, gast.Subscript) and _runtime_call(sweep, value.value, "unindex", 3) and \
            isinstance(value.slice, gast.Constant) and isinstance(value.value.args[2], gast.Constant) \
            and value.slice.value == value.value.args[2].value:  # (the item put into a display,
        return _top(sweep, value.value.args[0], operand, shape)  # read back: its adjoint)
    if not _fills(sweep, value) or value.keywords or \
            any(build.loads(arg) & sweep.derivative_names for arg in value.args[1:]):
        return None
    if shape is None:
        shape = build.call(f"{numpy}.shape", build.name(operand))
    ones = build.call(f"{numpy}.ones", shape)
    return gast.Compare(left=gast.Call(func=build.clone(value.func), args=[
        ones, *map(build.clone, value.args[1:])], keywords=[]), ops=[gast.NotEq()],
        comparators=[build.constant(0)])


def _runtime_call(sweep: Any, node: gast.expr, name: str, arity: int) -> bool:
    return calls(node, name) and len(node.args) == arity and not node.keywords and \
        getattr(node.func.value, "id", None) == sweep.machinery.aliases["_rt"] and \
        not build.loads(node.args[1]) & sweep.derivative_names


def _fills(sweep: Any, node: gast.AST) -> bool:
    """Whether ``node`` calls one of :data:`FILLS` (by its module's alias), with arguments."""
    aliases = sweep.machinery.aliases
    return isinstance(node, gast.Call) and bool(node.args) and any(
        calls(node, name) and getattr(node.func.value, "id", None) == aliases[owner]
        for name, owner in FILLS.items())
