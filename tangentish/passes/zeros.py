"""Symbolic zeros for forward mode: a tangent known to be zero, and the shape it stands for.

A :class:`Zero` remembers the primal expression whose tangent it is.  :func:`simplify` lets zeros
vanish from the (linear-in-tangents) expressions templates produce: a product or quotient with a
zero factor is zero, a sum keeps its other terms, a call whose tangent arguments are all zero is
zero.  Dropping a term must not change the result's shape: when the surviving terms cannot be
shown to have the result's shape (``w = s + w`` with a scalar ``s``), the sum is broadcast to it.
What survives inside a larger expression becomes ``np.zeros_like(<primal>)`` (:func:`finish`),
never a bare ``0.0`` that would break ``@``, indexing or a reshape.

    >>> import gast
    >>> from tangentish.syntax.printer import expression_text
    >>> tree = gast.parse("a_dot * w + x * b_dot", mode="eval").body
    >>> tree.right.right = Zero(gast.parse("b", mode="eval").body)
    >>> expression_text(finish(simplify(tree, {"a_dot": "a"}, None, None), lambda p: p))
    'a_dot * w'
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from typing import Any

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.resolve import DEFAULT, Machinery


class Zero(gast.expr):
    """The tangent of ``primal``, known to be zero.  ``full`` zeros stand for a whole term that
    vanished (``0 @ y``), shaped like the result; the others for one operand's tangent."""

    _fields = ("primal", "full")
    _attributes = ()

    def __init__(self, primal: gast.expr | None = None, full: bool = False, **fields: Any):
        super().__init__(primal=primal, full=full, **fields)


def is_zero(node: gast.AST) -> bool:
    return isinstance(node, Zero)


def _mentions(node: gast.AST, names: Collection[str]) -> bool:
    return any(isinstance(n, Zero) or isinstance(n, gast.Name) and n.id in names
               for n in build.nodes(node))


def _vanishes(op: gast.operator, left: bool, right: bool) -> bool:
    """A product with a zero factor, or a quotient (power, remainder) of a zero, is zero."""
    if isinstance(op, (gast.Mult, gast.MatMult)):
        return left or right
    return isinstance(op, (gast.Div, gast.Pow, gast.FloorDiv, gast.Mod)) and left


def _values(node: gast.expr, tangents: dict[str, str]) -> set[str]:
    """The names of the values ``node`` reads, each tangent as its primal (not the names it reads
    as modules or machinery, ``np.``/``_rt.``), a zero as the primal it stands for."""
    node = _PrimalOf(tangents).visit(build.clone(node))
    roots = {id(n.value) for n in build.nodes(node) if isinstance(n, gast.Attribute)}
    return {n.id for n in build.nodes(node) if isinstance(n, gast.Name) and id(n) not in roots}


class _Simplify(build.Transformer):
    def __init__(self, primal_of: dict[str, str], shapes: Any, target: str | None,
                 operands: set[str] | None = None):
        self.primal_of, self.shapes, self.target = primal_of, shapes, target
        self.operands = operands  # (the values the result's shape is the broadcast of)
        self.names = primal_of.keys()  # (a view: a set of every name per statement was quadratic)
        self.narrowed = False  # a zero term was dropped whose shape the rest may not have
        self.depth = 0  # inside how many call arguments (where the result's shape means nothing)

    def _zero(self, node: gast.expr) -> Zero:
        """The zero ``node`` became.  At the top, a whole term of the result, shaped like it;
        inside a call's argument, or in a template's own temporary (no result: ``t = 2.0 *
        d[a]``), shaped like ``node`` itself: its primal is ``node`` with each tangent replaced by
        its primal (``d_stop / stop`` -> ``stop / stop``), which has that shape."""
        if self.depth or self.target is None:
            return Zero(_PrimalOf(self.primal_of).visit(build.clone(node)))
        return Zero(build.name(self.target) if self.target else build.constant(0.0), full=True)

    def _drop(self, zero: Zero, kept: gast.expr) -> bool:
        """Whether the zero term ``zero`` of a sum may go, leaving ``kept`` (at the top, a term
        that may have carried the result's shape goes and the result is broadcast back to it;
        inside a call's argument, only a term shown to have ``kept``'s shape goes)."""
        primal = zero.primal
        if isinstance(primal, gast.Constant):
            return True
        kept_primals = [self.primal_of[n.id] for n in build.nodes(kept)
                        if isinstance(n, gast.Name) and n.id in self.primal_of]
        if self.depth:
            return isinstance(primal, gast.Name) and self.shapes is not None and any(
                self.shapes.same(primal.id, p) for p in kept_primals)
        if self.target is None:
            return True
        if self.shapes is not None and any(self.shapes.same(self.target, p)
                                           for p in kept_primals):
            return True
        if zero.full and self.operands is not None:
            read = _values(kept, self.primal_of)  # (``d[a] * b + a * 0``: the term left reads
            if self.target in read or self.operands <= {*read, self.target}:  # every operand,
                return True  # or the result)
        self.narrowed = True  # (``d[s] + 0 * p`` of np.fmod(s, p): d[s] has s's shape)
        return True

    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        left, right = is_zero(node.left), is_zero(node.right)
        if isinstance(node.op, (gast.Add, gast.Sub)):
            if left and right:
                return self._zero(node)
            if right and self._drop(node.right, node.left):
                return node.left
            if left and self._drop(node.left, node.right):
                return node.right if isinstance(node.op, gast.Add) else build.negate(node.right)
        elif _vanishes(node.op, left, right):
            return self._zero(node)
        return node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        self.generic_visit(node)
        return self._zero(node) if is_zero(node.operand) else node

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        self.generic_visit(node)
        return self._zero(node) if is_zero(node.value) else node

    def visit_Call(self, node: gast.Call) -> gast.expr:
        arguments = [*node.args, *(k.value for k in node.keywords)]
        tangents = [a for a in arguments if _mentions(a, self.names)]
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if tangents and all(is_zero(a) for a in arguments if _mentions(a, self.names)):
            return self._zero(node)
        kept = _KEPT_WHERE_ZERO.get(node.func.attr) if isinstance(node.func, gast.Attribute) and \
            isinstance(node.func.value, gast.Name) and node.func.value.id.startswith("_rt") else None
        if kept is not None and len(node.args) > max(kept) and is_zero(node.args[kept[1]]):
            return node.args[kept[0]]
        return node


_KEPT_WHERE_ZERO = {"spacing_shift": (0, 1)}
"""Runtime helpers that are one argument (the first index) where another (the second) is a
zero: ``_rt.spacing_shift(df, dh, f, h)`` is ``df`` (the same shape) for a constant spacing, so
``np.gradient``'s tangent reads as ``np.gradient(x_dot, h)`` and its structural zeros stay
zeros (passes/supports_linear.py masks ``np.gradient`` of a tangent)."""


class _PrimalOf(build.Transformer):
    """An expression with each tangent name replaced by its primal and each zero by the
    expression it stands for: the same shape, evaluated on primal values."""

    def __init__(self, primal_of: dict[str, str]):
        self.primal_of = primal_of

    def visit_Name(self, node: gast.Name) -> gast.expr:
        primal = self.primal_of.get(node.id)
        return build.name(primal) if primal is not None else node

    def visit_Zero(self, node: Zero) -> gast.expr:
        return build.clone(node.primal) if node.primal is not None else build.constant(0.0)


def simplify(node: gast.expr, primal_of: dict[str, str], shapes: Any, target: str | None,
             machinery: Machinery = DEFAULT, operands: list[gast.expr] | None = None) -> gast.expr:
    """``node`` with its zeros propagated (``primal_of`` maps tangent names to their primals);
    broadcast to ``target``'s shape when a dropped zero term may have carried it: a term left
    that reads only some of the ``operands`` (of an elementwise op, the result's shape is their
    broadcast) is not shown to have it."""
    values = None if operands is None else \
        {v for operand in operands for v in _values(operand, {})}
    worker = _Simplify(primal_of, shapes, target, values)
    result = worker.visit(node)
    if isinstance(result, (gast.Tuple, gast.List)) and target is not None:
        # a tuple result (``d[r] = (du, ds)``): an item that vanished is that item's zero
        result.elts = [Zero(build.subscript(build.name(target), build.constant(i)), full=True)
                       if is_zero(item) and item.full else item
                       for i, item in enumerate(result.elts)]
    if worker.narrowed and not is_zero(result):
        shape = build.call(f"{machinery.aliases['np']}.shape", build.name(target))
        return build.call(f"{machinery.aliases['np']}.broadcast_to", result, shape)
    return result


def simplified(setup: list[gast.stmt], last: gast.expr, primal_of: dict[str, str], shapes: Any,
               target: str, machinery: Machinery, operands: list[gast.expr],
               zeros_like: Callable[[gast.expr], gast.expr]) -> tuple[list[gast.stmt], gast.expr]:
    """A template's statements simplified in order: its own temporaries (``setup``, finished)
    and ``last``, the value of ``target``'s tangent (:func:`simplify`, not finished).  A
    temporary whose value is a zero (``low_dot = _rt.as_lower(_rt.triangle(d[c][0], ...))``
    along the right-hand side alone) is left out, and its zero stands for it where the
    statements after it read it, so a sum it is a term of loses the term as a written
    ``d[a] @ x`` would, instead of keeping ``np.zeros_like(...)``.  A zero term of a
    temporary's own sum goes as it is (the template's author gives its terms one shape, or
    one its reader broadcasts: ``rhs = d[b] - d[a] @ x`` before ``np.linalg.solve(a, rhs)``)."""
    kept, vanished = [], {}
    for stmt in setup:
        value = simplify(_ReadZeros(vanished).visit(stmt.value), primal_of, shapes, None,
                         machinery)
        name = stmt.targets[0] if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 \
            else None
        if is_zero(value) and isinstance(name, gast.Name):
            vanished[name.id] = value
            continue
        stmt.value = finish(value, zeros_like)
        kept.append(stmt)
    return kept, simplify(_ReadZeros(vanished).visit(last), primal_of, shapes, target, machinery,
                          operands)


class _ReadZeros(build.Transformer):
    """Each name of a temporary that vanished read as its zero."""

    def __init__(self, vanished: dict[str, Zero]):
        self.vanished = vanished

    def visit_Name(self, node: gast.Name) -> gast.expr:
        zero = self.vanished.get(node.id)
        return copy.deepcopy(zero) if zero is not None and isinstance(node.ctx, gast.Load) else node


def finish(node: gast.expr, zeros_like: Callable[[gast.expr], gast.expr]) -> gast.expr:
    """Zeros left inside ``node`` as ``zeros_like(<primal>)``."""
    if is_zero(node):
        return zeros_like(copy.deepcopy(node.primal))
    return _Finish(zeros_like).visit(node)


class _Finish(build.Transformer):
    """Each zero as ``zeros_like(<primal>)``.  (A class of the module, not one made per call: a
    class is a reference cycle, which kept the trees it reached alive until the collector ran.)"""

    def __init__(self, zeros_like: Callable[[gast.expr], gast.expr]):
        self.zeros_like = zeros_like

    def visit_Zero(self, zero: Zero) -> gast.expr:
        return self.zeros_like(copy.deepcopy(zero.primal))


_FLOAT_MAKERS = (np.zeros, np.ones, np.empty)  # of a shape alone: a new float64 array
_LIKE_MAKERS = (np.zeros_like, np.ones_like, np.empty_like)  # of a floating array: one like it


def makes_floating_array(stmt: gast.stmt, floats: set[str],
                         sites: dict[str, list[gast.stmt]]) -> bool:
    """Whether ``stmt`` binds a new array of a floating dtype, whose zero tangent
    ``np.zeros_like`` makes as ``_rt.zeros_like`` does: ``np.zeros(shape)``, ``np.zeros_like(p)``
    of a parameter ``p`` of ``floats`` (a float, a NumPy floating scalar or a floating array), or
    a copy of a name bound only by such a statement (``sites``: each name's definitions, in-place
    changes included, which keep an array's dtype anyway).  (A loop's entry copy, ``best_1 =
    best``, is where the carried tangent starts.)"""
    for _ in range(len(sites) + 1):  # (copies of copies: each a name bound once)
        op = ir.note(stmt).op
        if op is None or op.keywords or len(op.args) != 1:
            return False
        argument = op.args[0]
        named = isinstance(argument, gast.Name)
        if op.key is None and op.label == "copy" and named and len(sites.get(argument.id, ())) == 1:
            stmt = sites[argument.id][0]
            continue
        return op.key in _FLOAT_MAKERS or op.key in _LIKE_MAKERS and named and argument.id in floats
    return False


def holds_floating_array(name: str, floats: set[str], sites: dict[str, list[gast.stmt]]) -> bool:
    """Whether ``name`` holds a new array of a floating dtype wherever it is read: every binding
    of it :func:`makes_floating_array` (an in-place change, ``x_bar[i] = v``, keeps the array
    and its dtype), so ``np.zeros_like(name)`` is its zero as ``_rt.zeros_like`` makes it."""
    bound = sites.get(name, ())
    return any(ir.note(s).updates is None for s in bound) and all(
        ir.note(s).updates is not None or makes_floating_array(s, floats, sites) for s in bound)
