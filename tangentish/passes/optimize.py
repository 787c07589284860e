"""Clean the generated function: constant folding, copy propagation, dead code, to a fixed point.

Guarantee: the function computes the same values with no statement whose result is unused, no copy
``a = b`` that can be folded away, and no ``e * 1``, ``e ** 1``, ``e + 0`` or constant arithmetic
left from template instantiation.  Statements that may have side effects (unknown calls, the seed
check) are kept.

    before                               after
    x_times_2_bar = y_bar * np.cos(..)   x_bar = y_bar * np.cos(x_times_2) * 2.0
    x_bar = x_times_2_bar * 2.0 ** (1 - 1) ...
"""

from __future__ import annotations

import operator
from collections import Counter

import gast

from ..registry import REGISTRY
from .reverse import Derivative, is_comment

_FOLDABLE = {
    gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
    gast.Div: operator.truediv, gast.Pow: operator.pow,
}


def _number(node: gast.AST) -> bool:
    return (isinstance(node, gast.Constant) and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool))


def _is(node: gast.AST, value: float) -> bool:
    return _number(node) and node.value == value


class _Folder(gast.NodeTransformer):
    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        left, right, op = node.left, node.right, type(node.op)
        if _number(left) and _number(right) and op in _FOLDABLE:
            try:
                value = _FOLDABLE[op](left.value, right.value)
            except (ZeroDivisionError, OverflowError):
                return node
            if isinstance(value, (int, float)) and abs(value) < 1e15:
                return gast.Constant(value=value, kind=None)
        if op in (gast.Mult,) and _is(left, 1):
            return right
        if op in (gast.Mult, gast.Div, gast.Pow) and _is(right, 1):
            return left
        if op is gast.Add and _is(left, 0):
            return right
        if op in (gast.Add, gast.Sub) and _is(right, 0):
            return left
        return node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.op, gast.USub):
            inner = node.operand
            if _number(inner):
                return gast.Constant(value=-inner.value, kind=None)
            if isinstance(inner, gast.UnaryOp) and isinstance(inner.op, gast.USub):
                return inner.operand
        return node


def _loads(node: gast.AST) -> list[str]:
    return [n.id for n in gast.walk(node) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)]


def _target(stmt: gast.stmt) -> str | None:
    if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name):
        return stmt.targets[0].id
    return None


def _pure(stmt: gast.Assign) -> bool:
    if getattr(stmt, "keep", False):
        return False
    op = getattr(stmt, "op", None)
    if op is None or op.key is None:
        return True
    return REGISTRY.known(op.key) or op.key in (tuple, list, str)


def eliminate_dead_code(fn: Derivative) -> bool:
    live = set(fn.protected)
    kept: list[gast.stmt] = []
    changed = False
    for stmt in reversed(fn.body):
        target = _target(stmt)
        if target is not None and target not in live and _pure(stmt):
            changed = True
            continue
        if target is not None:
            live.discard(target)
        if not is_comment(stmt):
            live.update(_loads(stmt))
        kept.append(stmt)
    fn.body = _drop_empty_comments(kept[::-1])
    return changed


def _drop_empty_comments(body: list[gast.stmt]) -> list[gast.stmt]:
    out = []
    for index, stmt in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if is_comment(stmt) and (following is None or is_comment(following)
                                 or isinstance(following, gast.Return)):
            continue
        out.append(stmt)
    return out


class _Rename(gast.NodeTransformer):
    def __init__(self, old: str, new: str):
        self.old, self.new = old, new

    def visit_Name(self, node: gast.Name) -> gast.Name:
        if node.id == self.old:
            node.id = self.new
        return node


def propagate_copies(fn: Derivative, params: set[str]) -> bool:
    """Fold ``a = b``: rename ``b``'s definition to ``a`` when ``b`` is used only here, or else
    replace later uses of ``a`` by ``b``.  Only single-assignment names take part."""
    definitions = Counter(t for t in map(_target, fn.body) if t is not None)
    uses = Counter(n for s in fn.body if not is_comment(s) for n in _loads(s))
    for index, stmt in enumerate(fn.body):
        target = _target(stmt)
        if target is None or not isinstance(stmt.value, gast.Name) or getattr(stmt, "keep", 0):
            continue
        source = stmt.value.id
        if definitions[target] != 1 or definitions[source] > 1 or source == target:
            continue
        if (source not in params and definitions[source] == 1 and uses[source] == 1
                and source not in fn.protected):
            fn.body = [_Rename(source, target).visit(s) for s in fn.body[:index]] \
                + fn.body[index + 1:]
            return True
        if target not in fn.protected and (source in params or definitions[source] == 1):
            fn.body = fn.body[:index] + [_Rename(target, source).visit(s)
                                         for s in fn.body[index + 1:]]
            return True
    return False


def optimize(fn: Derivative, params: set[str]) -> Derivative:
    """Run the clean-ups until nothing changes."""
    folder = _Folder()
    fn.body = [folder.visit(s) for s in fn.body]
    while propagate_copies(fn, params) or eliminate_dead_code(fn):
        pass
    return fn

