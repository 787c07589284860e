"""Proven ranks, and matrix-product adjoints written in plain NumPy where both ranks are proven.

Guarantee: ``proven_ranks(norm, shapes)[name] == r`` only when ``name`` holds an array (or a NumPy
or Python scalar) with ``ndim == r`` on every run.  A generic derivative serves every shape, so its
parameters have no proven rank; one specialized to a call signature (``norm.facts``, see
:mod:`.patterns`) has the rank of each array parameter the body never binds again (not rank 0:
a scalar argument may be a bool, which no rank-0 name that indexes may be).  Other evidence comes
from the function itself: a full reduction (``np.sum(x)``: 0), a size (``len(x)``,
``x.shape[0]``, ``x.size``: 0), the target of a loop over ``range(...)`` (0), basic indexing (``x[1:, 0]``:
one less), ``np.diff`` and ``np.swapaxes`` (their operand's), ``np.ravel``
(1), ``np.outer`` (2), an operation that keeps its operand's shape (``np.zeros_like``,
``np.roll``: its operand's), ``np.reshape`` to a literal shape (its length), a transpose or copy (its
operand's), an elementwise operation whose operands all have proven ranks (the largest), a matrix
product of proven ranks, a number (``s = 0.0``), ``np.stack`` (one more) or
``np.concatenate`` (the same) of a list built by ``append`` (:mod:`.appended_lists`) of items
of one proven rank, and names the shape analysis shows to share a shape.  A name bound several
times (a loop's counter ``n = n + 1``, an accumulator ``s = s + t``) has a rank when each of
its bindings gives it, assuming the name has it (checked, see :func:`proven_ranks`); the
reverse pass hands the names of rank 0 to the shape analysis, so ``x * i`` of a loop's
``i`` has ``x``'s shape and its adjoint no ``_rt.unbroadcast``.

:class:`RankedProducts` then rewrites the adjoint helpers of ``@``/``np.matmul``/``np.dot``
(``_rt.matmul_left(g, a, b)`` and friends, which handle every rank and batching at run time) when
both operands have proven ranks 1 or 2:

===========  =================  =================
ranks a, b   adjoint of ``a``   adjoint of ``b``
===========  =================  =================
2, 2         ``g @ b.T``        ``a.T @ g``
1, 2         ``b @ g``          ``np.outer(a, g)``
2, 1         ``np.outer(g, b)`` ``a.T @ g``
1, 1         ``g * b``          ``g * a``
===========  =================  =================

    >>> import numpy as np
    >>> import tangentish
    >>> def gram(flat):
    ...     x = np.reshape(flat, (4, 3))
    ...     return np.sum(x @ x.T)
    >>> print(tangentish.grad(gram).source, end="")  # doctest: +ELLIPSIS
    def grad_gram_wrt_flat(flat, *, out_bar=1.0):
    ...
        x_bar = x_at_x_T_bar @ x_T.T
        x_bar = x_bar + np.transpose(x_T @ x_at_x_T_bar)
    ...
"""

from __future__ import annotations

import builtins
import operator
from typing import TYPE_CHECKING

import gast
import numpy as np

from .. import ir, runtime
from ..syntax import build
from .dataflow import definitions, statements
from .dataflow import target as target_of
from .list_items import JOINS
from .normalize import Normalized
from .shapes import FULL_REDUCTIONS, ShapeClasses, elementwise_arity, hashable_in, is_number, keeps_shape
from .slice_shapes import indexed_rank, int_value

if TYPE_CHECKING:
    from .appended_lists import AppendedLists

_PRODUCTS = {operator.matmul, np.matmul, np.dot}
_KEEPS_RANK = {np.diff, np.swapaxes}  # of an array of rank 1 or more


def proven_ranks(norm: Normalized, shapes: ShapeClasses) -> dict[str, int]:
    """The names whose rank the function itself fixes (see the docstring): those bound once, and
    those bound several times (``n = 0`` and ``n = n + 1`` in a loop) where every binding gives
    one rank once the others are assumed to have theirs (an invariant of every run: each binding
    reads values bound before it).  The assumptions start from the ranks their bindings give
    without them, and one that a binding breaks is dropped, and everything found again."""
    bound = _rebound(norm, shapes)
    ranks = alone = _ranks(norm, shapes, {})  # (without assumptions: the answer if none holds)
    assumed = {name: rank for name, stmts in bound.items()
               if len(found := {_bound_rank(s, ranks, norm) for s in stmts} - {None}) == 1
               for rank in found}
    while assumed:
        ranks = _ranks(norm, shapes, assumed)
        kept = {name: rank for name, rank in assumed.items()
                if all(_bound_rank(s, ranks, norm) == rank for s in bound[name])}
        if kept == assumed:
            break
        assumed = kept
    return ranks if assumed else alone


def _rebound(norm: Normalized, shapes: ShapeClasses) -> dict[str, list[gast.Assign]]:
    """The names bound more than once, each time by a plain ``name = value`` (no parameter, no
    loop target, no change in place: the shape analysis counts the bindings alike)."""
    found = {}
    for name, stmts in definitions(norm.body).items():
        if len(stmts) > 1 and name not in norm.params and shapes.bindings.get(name) == len(
                stmts) and all(isinstance(s, gast.Assign) and target_of(s) == name and
                               ir.note(s).updates is None for s in stmts):
            found[name] = stmts
    return found


def _bound_rank(stmt: gast.Assign, ranks: dict[str, int], norm: Normalized,
                tuples: frozenset[str] | set[str] = frozenset(),
                ranges: frozenset[str] | set[str] = frozenset()) -> int | None:
    """The rank of the value ``stmt`` binds, given ``ranks`` (``tuples``: names of shapes,
    ``ranges``: of ``range`` objects)."""
    if is_number(stmt.value, norm.info) and getattr(stmt.value, "value", 0) is not None:
        return 0  # (s = 0.0)
    op = ir.note(stmt).op
    return None if op is None else 0 if _is_size(op, tuples, ranges, ranks) else \
        _rank_of(op, ranks, norm)


def _ranks(norm: Normalized, shapes: ShapeClasses, assumed: dict[str, int]) -> dict[str, int]:
    """The ranks of the names bound once, given the ranks ``assumed`` of some bound more."""
    bindings = shapes.bindings  # (a variable changed in place counts as bound again)
    ranks: dict[str, int] = {name: len(pattern) for name, pattern in norm.facts.items()
                             if pattern and bindings.get(name, 0) <= 0 and name in norm.params}
    ranks.update(assumed)
    by_class: dict[str, int] = {}  # a shape class's root → the rank of one of its names
    tuples: set[str] = set()  # shapes (x.shape): their items are ints
    ranges: set[str] = set()  # names bound to range(...): their loop targets are ints
    lists = None  # (lists built by append, found at the first join)
    for stmt in statements(norm.body):
        if isinstance(stmt, gast.For) and isinstance(stmt.target, gast.Name) and \
                isinstance(stmt.iter, gast.Name) and stmt.iter.id in ranges and \
                bindings.get(stmt.target.id, 0) == 1:
            ranks[stmt.target.id] = 0
            continue
        name = target_of(stmt)
        op = ir.note(stmt).op
        if name is None or op is None or bindings.get(name, 0) != 1 or \
                ir.note(stmt).updates is not None:
            continue
        if op.key is builtins.range:
            ranges.add(name)
            continue
        if op.key is np.shape and len(op.args) == 1 and not op.keywords:
            tuples.add(name)
            continue
        rank = _bound_rank(stmt, ranks, norm, tuples, ranges)
        if rank is None and hashable_in(op.key, JOINS):
            from .appended_lists import AppendedLists  # (a join: imported where one is met)
            lists = lists or AppendedLists(norm.body, definitions(norm.body), set(norm.params))
            rank = _joined_rank(stmt, op, lists, ranks)
        root = shapes.find(name)
        rank = by_class.get(root) if rank is None else rank
        if rank is not None:
            ranks[name] = by_class[root] = rank
    return ranks


def _is_size(op: ir.Op, tuples: set[str] | frozenset[str], ranges: set[str] | frozenset[str] = frozenset(),
             ranks: dict[str, int] | None = None) -> bool:
    """``len(v)``, ``x.size``, ``np.ndim(x)``, ``x.shape[0]`` or ``r[k]`` of a ``range`` ``r`` and
    ``k`` of rank 0 (how forward mode reads a loop's counter): a Python int."""
    if op.key is builtins.len or op.key is np.size or op.key is np.ndim:
        return len(op.args) == 1 and not op.keywords
    if op.key is not operator.getitem or len(op.args) != 2 or not isinstance(op.args[0], gast.Name):
        return False
    index = op.args[1]
    if op.args[0].id in ranges:
        return isinstance(index, gast.Name) and ranks is not None and ranks.get(index.id) == 0
    return op.args[0].id in tuples and isinstance(index, gast.Constant) and type(index.value) is int


_MAKERS = {np.zeros, np.ones, np.empty}
_SEEDS = frozenset({"seed"})


def _made_rank(shape: gast.expr, ranks: dict[str, int]) -> int | None:
    """The rank of ``np.zeros(shape)``: 1 for an int (a literal or a name of rank 0), the length
    of a tuple display of them."""
    items = shape.elts if isinstance(shape, gast.Tuple) else [shape]
    if all(int_value(item) is not None or isinstance(item, gast.Name) and ranks.get(item.id) == 0
           for item in items):
        return len(items)
    return None


def _rank_of(op: ir.Op, ranks: dict[str, int], norm: Normalized) -> int | None:
    first = op.args[0] if op.args else None
    known = ranks.get(first.id) if isinstance(first, gast.Name) else None
    if op.key is None or op.key is np.transpose:
        return known if len(op.args) == 1 and not op.keywords or op.key is np.transpose else None
    if hashable_in(op.key, FULL_REDUCTIONS):
        return 0 if len(op.args) == 1 and not op.keywords else None
    if op.key is np.ravel:
        return 1 if len(op.args) == 1 and not op.keywords else None
    if op.key is np.outer:
        return 2 if len(op.args) == 2 and not op.keywords else None
    if hashable_in(op.key, _MAKERS):  # np.zeros(n), np.zeros((n, 3)) (no dtype=(float, 2): axes)
        return _made_rank(op.args[0], ranks) if len(op.args) == 1 and not op.keywords else None
    if runtime.helper_named(op.key, _SEEDS):  # (seed(output, out_bar, name): output's shape)
        return known
    if op.key is np.reshape:
        return _reshaped(op)
    if hashable_in(op.key, _KEEPS_RANK) and known and (len(op.args) == 1 and set(op.keywords) <= {
            "axis", "n"} if op.key is np.diff else len(op.args) == 3 and not op.keywords):
        return known  # (np.diff(x, axis=0): shorter along one axis; np.swapaxes(x, 1, 2))
    if op.key is operator.getitem and known is not None and len(op.args) == 2:
        return indexed_rank(op.args[1], known)  # (x[1:, 0]: basic indexing)
    if keeps_shape(op, known):
        return known
    operands = [_operand_rank(a, ranks, norm) for a in [*op.args, *op.keywords.values()]]
    if None in operands:
        return None
    if hashable_in(op.key, _PRODUCTS) and len(operands) == 2 and min(operands) >= 1 and \
            not op.keywords:
        return _product_rank(*operands, op.key is np.dot)
    arity = elementwise_arity(op.key)
    return max(operands) if arity and len(operands) == arity and any(
        isinstance(a, gast.Name) for a in op.args) else None


def _joined_rank(stmt: gast.Assign, op: ir.Op, lists: AppendedLists,
                 ranks: dict[str, int]) -> int | None:
    """The rank of ``np.stack(parts, ...)`` (one more than its items') or ``np.concatenate(parts,
    k)`` (its items', of rank 1 or more; not by ``axis=None``, which flattens) of a list built by
    append whose items all have one proven rank (a Python float: 0)."""
    name = lists.joins.get(id(stmt))
    if name is None or op.key is not np.stack and op.key is not np.concatenate:
        return None
    found = {0 if item.__class__ is gast.Constant and item.value.__class__ is float else
             ranks.get(item.id) if item.__class__ is gast.Name else None
             for item in lists.given[name]}
    if len(found) != 1 or None in found:
        return None
    rank = found.pop()
    if op.key is np.stack:
        return rank + 1
    axis = op.args[1] if len(op.args) == 2 else op.keywords.get("axis")
    return rank if rank >= 1 and (axis is None or int_value(axis) is not None) else None


def _product_rank(a: int, b: int, dot: bool) -> int | None:
    """The rank of ``a @ b`` (``np.dot`` only up to matrices, where it agrees with ``@``)."""
    if dot and max(a, b) > 2:
        return None
    return 0 if a == b == 1 else max(a, b) - (a == 1 or b == 1)


def _operand_rank(node: gast.expr, ranks: dict[str, int], norm: Normalized) -> int | None:
    if isinstance(node, gast.Name):
        return ranks.get(node.id)
    return 0 if is_number(node, norm.info) else None


def _reshaped(op: ir.Op) -> int | None:
    """The rank of ``np.reshape(a, shape)`` when ``shape`` is a literal tuple or an int literal."""
    shape = op.args[1] if len(op.args) == 2 else next(iter(op.keywords.values()), None)
    if len(op.args) + len(op.keywords) != 2 or shape is None:
        return None
    if isinstance(shape, gast.Tuple) and not any(isinstance(e, gast.Starred) for e in shape.elts):
        return len(shape.elts)
    if isinstance(shape, gast.Constant) and type(shape.value) is int:
        return 1
    return None


_HELPERS = {"matmul_left": 0, "matmul_right": 1, "dot_left": 0, "dot_right": 1}
RANKED_HELPERS = frozenset(_HELPERS)


class RankedProducts:
    """Write ``_rt.matmul_left(g, a, b)`` (and ``matmul_right``, ``dot_left``, ``dot_right``) in
    plain NumPy when ``a`` and ``b`` have proven ranks 1 or 2: :meth:`simplify` is asked of each
    call a template instantiates."""

    def __init__(self, ranks: dict[str, int], runtime_alias: str, numpy_alias: str,
                 patterns: dict[str, tuple[bool, ...]] | None = None):
        self.ranks, self.runtime, self.np = ranks, runtime_alias, numpy_alias
        self.patterns = {} if patterns is None else patterns  # (size-one patterns: stacks)

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if not (func.__class__ is gast.Attribute and func.attr in _HELPERS and
                getattr(func.value, "id", None) == self.runtime and len(node.args) == 3
                and not node.keywords and all(isinstance(a, gast.Name) for a in node.args[1:])):
            return node
        g, a, b = node.args
        ranks = (self.ranks.get(a.id), self.ranks.get(b.id))
        if not all(r in (1, 2) for r in ranks):
            return self._stacked(node, func.attr, g, a, b)
        return self._written(_HELPERS[func.attr], ranks, g, a, b)

    def _stacked(self, node: gast.Call, helper: str, g: gast.expr, a: gast.Name,
                 b: gast.Name) -> gast.expr:
        """``a @ b`` of two stacks of matrices whose leading axes are of one size-one pattern
        (so of one shape: nothing broadcast): ``g @ np.swapaxes(b, -1, -2)`` and
        ``np.swapaxes(a, -1, -2) @ g``; the helper's call otherwise."""
        left, right = self.patterns.get(a.id), self.patterns.get(b.id)
        if helper not in ("matmul_left", "matmul_right") or left is None or right is None or \
                len(left) < 3 or len(left) != len(right) or left[:-2] != right[:-2]:
            return node
        swapped = build.call(build.attribute(build.name(self.np), "swapaxes"),
                             build.name((b if helper == "matmul_left" else a).id),
                             build.constant(-1), build.constant(-2))
        return build.binop(g, "@", swapped) if helper == "matmul_left" else \
            build.binop(swapped, "@", g)

    def _written(self, side: int, ranks: tuple, g: gast.expr, a: gast.Name,
                 b: gast.Name) -> gast.expr:
        outer = build.attribute(build.name(self.np), "outer")
        if ranks == (1, 1):
            return build.binop(g, "*", b if side == 0 else a)
        if side == 0:
            return build.binop(g, "@", _t(b)) if ranks == (2, 2) else \
                build.binop(b, "@", g) if ranks == (1, 2) else build.call(outer, g, b)
        return build.call(outer, a, g) if ranks == (1, 2) else build.binop(_t(a), "@", g)


def _t(node: gast.Name) -> gast.expr:
    return build.attribute(build.name(node.id), "T")
