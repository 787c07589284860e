"""Clean the generated function: constant folding, copy propagation, dead code, to a fixed point.

Guarantee: the function computes the same values with no statement whose result is unused, no copy
``a = b`` that can be folded away, and no ``e * 1``, ``e ** 1``, ``e + 0`` or constant arithmetic
left from template instantiation.  Statements that may have side effects (unknown calls, the seed
check, tape markers) are kept.  Control flow is respected: liveness is computed through branches
and to a fixed point around loops, and copies are only folded between names that are assigned
once and live in the same block (or whose source never changes).

    before                               after
    x_times_2_bar = y_bar * np.cos(..)   x_bar = y_bar * np.cos(x_times_2) * 2.0
    x_bar = x_times_2_bar * 2.0 ** (1 - 1) ...
"""

from __future__ import annotations

import operator
from collections import Counter

import gast

from ..registry import REGISTRY
from .derivative import Derivative, is_comment, marker_of

_FOLDABLE = {
    gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
    gast.Div: operator.truediv, gast.Pow: operator.pow,
}
_COMPOUND = (gast.If, gast.For, gast.While)


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
        if op is gast.Mult and _is(left, 1):
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


def _loads(node: gast.AST) -> set[str]:
    return {n.id for n in gast.walk(node) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)}


def _header_loads(stmt: gast.stmt) -> set[str]:
    """Names a statement reads itself (for compound statements: only the test / iterable)."""
    if isinstance(stmt, (gast.If, gast.While)):
        return _loads(stmt.test)
    if isinstance(stmt, gast.For):
        return _loads(stmt.iter)
    if is_comment(stmt) or marker_of(stmt):
        return set()
    return _loads(stmt)


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
    return REGISTRY.known(op.key) or op.key in (tuple, list, str, range, len, min, max)


def _walk(body: list[gast.stmt]):
    for stmt in body:
        yield stmt
        if isinstance(stmt, _COMPOUND):
            yield from _walk(stmt.body)
            yield from _walk(stmt.orelse)


# -- dead code ------------------------------------------------------------------------------------


def _live_block(body: list[gast.stmt], live: set[str], remove: bool) -> set[str]:
    """Backward liveness through ``body``; with ``remove``, drops dead pure assignments."""
    kept = []
    for stmt in reversed(body):
        target = _target(stmt)
        if target is not None:
            if target not in live and _pure(stmt):
                if remove:
                    continue
            else:
                live = (live - {target}) | _loads(stmt.value)
        elif isinstance(stmt, gast.If):
            then = _live_block(stmt.body, set(live), remove)
            orelse = _live_block(stmt.orelse, set(live), remove)
            live = then | orelse | _loads(stmt.test)
        elif isinstance(stmt, (gast.For, gast.While)):
            live = _live_loop(stmt, live, remove)
        else:
            live = live | _header_loads(stmt)
        kept.append(stmt)
    if remove:
        body[:] = kept[::-1]
    return live


def _live_loop(loop: gast.For | gast.While, live_out: set[str], remove: bool) -> set[str]:
    header = _loads(loop.test) if isinstance(loop, gast.While) else _loads(loop.iter)
    around = set(live_out) | header
    while True:  # the body's live-out includes what the next iteration reads
        entry = _live_block(loop.body, set(around), remove=False)
        if isinstance(loop, gast.For):
            entry = entry - {loop.target.id}
        if entry <= around:
            break
        around |= entry
    _live_block(loop.body, set(around), remove)
    return around


def eliminate_dead_code(fn: Derivative) -> bool:
    before = sum(1 for _ in _walk(fn.body))
    _live_block(fn.body, set(fn.protected), remove=True)
    _drop_empty(fn.body)
    return sum(1 for _ in _walk(fn.body)) != before


def _drop_empty(body: list[gast.stmt]) -> None:
    """Remove comments with nothing under them and compound statements left empty."""
    out = []
    for stmt in body:
        if isinstance(stmt, _COMPOUND):
            _drop_empty(stmt.body)
            _drop_empty(stmt.orelse)
            empty = all(isinstance(s, gast.Pass) or marker_of(s) for s in stmt.body)
            if empty and not stmt.orelse and getattr(stmt, "owner", None) is not None:
                continue
            if isinstance(stmt, gast.If) and not stmt.body:
                stmt.body = [gast.Pass()]
        out.append(stmt)
    final = []
    for index, stmt in enumerate(out):
        following = out[index + 1] if index + 1 < len(out) else None
        if is_comment(stmt) and (following is None or is_comment(following)
                                 or isinstance(following, gast.Return)):
            continue
        final.append(stmt)
    body[:] = final


# -- copies ---------------------------------------------------------------------------------------


class _Rename(gast.NodeTransformer):
    def __init__(self, old: str, new: str):
        self.old, self.new = old, new

    def visit_Name(self, node: gast.Name) -> gast.Name:
        if node.id == self.old:
            node.id = self.new
        return node


def _blocks(body: list[gast.stmt], depth: int = 0):
    """Every statement list with its loop depth."""
    yield body, depth
    for stmt in body:
        if isinstance(stmt, _COMPOUND):
            inner = depth + isinstance(stmt, (gast.For, gast.While))
            yield from _blocks(stmt.body, inner)
            yield from _blocks(stmt.orelse, inner)


def propagate_copies(fn: Derivative, params: set[str]) -> bool:
    """Fold one copy ``a = b``: rename ``b``'s definition to ``a`` when ``b`` is used only in the
    copy right after it, or replace every use of ``a`` by ``b`` when both never change."""
    every = list(_walk(fn.body))
    definitions = Counter(t for t in map(_target, every) if t is not None)
    for stmt in every:  # a variable changed in place must keep its own array: no aliasing
        if hasattr(stmt, "updates"):
            definitions[stmt.updates] += 2
    definitions.update(s.target.id for s in every if isinstance(s, gast.For))
    uses = Counter(n for s in every for n in _header_loads(s))
    home = {}
    for block, depth in _blocks(fn.body):
        for stmt in block:
            if _target(stmt):
                home[_target(stmt)] = (id(block), depth)
    for block, _ in _blocks(fn.body):
        for index, stmt in enumerate(block):
            target = _target(stmt)
            if target is None or not isinstance(stmt.value, gast.Name) or getattr(stmt, "keep", 0):
                continue
            source = stmt.value.id
            if source == target or definitions[source] > 1:
                continue
            if _fold_backward(fn, block, index, source, target, definitions, uses, params):
                return True
            stable = source in params or home.get(source, (None, 1))[1] == 0 or \
                home.get(source, (None,))[0] == id(block)
            if definitions[target] == 1 and target not in fn.protected and stable:
                del block[index]
                renamer = _Rename(target, source)
                for other in fn.body:
                    renamer.visit(other)
                return True
    return False


def _fold_backward(fn, block, index, source, target, definitions, uses, params) -> bool:
    """``b = e ... a = b`` in one block, ``b`` used only by the copy: becomes ``a = e``."""
    if source in params or uses[source] != 1 or source in fn.protected:
        return False
    for earlier in range(index - 1, -1, -1):
        stmt = block[earlier]
        if _target(stmt) == source:
            stmt.targets[0].id = target
            del block[index]
            return True
        if target in _header_loads(stmt) or _target(stmt) == target or \
                isinstance(stmt, _COMPOUND):
            return False
    return False


def fold_zero_starts(fn: Derivative) -> bool:
    """``v = 0.0`` directly followed by ``v = v + e`` (nothing reading ``v`` between) → ``v = e``."""
    for block, _ in _blocks(fn.body):
        for index, stmt in enumerate(block):
            target = _target(stmt)
            if target is None or not _is(stmt.value, 0) or getattr(stmt, "keep", False):
                continue
            for later in range(index + 1, len(block)):
                other = block[later]
                value = getattr(other, "value", None)
                if (_target(other) == target and isinstance(value, gast.BinOp)
                        and isinstance(value.op, gast.Add)
                        and getattr(value.left, "id", None) == target
                        and target not in _loads(value.right)):
                    other.value = value.right
                    del block[index]
                    return True
                if any(isinstance(n, gast.Name) and n.id == target for n in gast.walk(other)):
                    break
    return False


def optimize(fn: Derivative, params: set[str]) -> Derivative:
    """Run the clean-ups until nothing changes.  Arithmetic is folded in the adjoint sweep only:
    in the primal, ``y = x * 1.0`` is how people copy an array they then change in place."""
    folder = _Folder()
    fn.body = [folder.visit(s) if hasattr(s, "owner") else s for s in fn.body]
    while fold_zero_starts(fn) or propagate_copies(fn, params) or eliminate_dead_code(fn):
        pass
    return fn
