"""The tape: save, inside loops, exactly the values the adjoint reads and a later iteration
overwrites (to-be-recorded analysis), and restore them in the adjoint sweep.

Guarantee: every tape marker is replaced.  For a block ``B`` executed repeatedly (a loop body, or a
branch inside one), the end marker becomes one ``_tape.append(...)`` of the names ``B`` assigns
that the adjoint reads (a loop-carried value is read through the iteration's own copy of it, see
:mod:`flow`, so it is saved like any other).  The matching pop at the start of ``B``'s adjoint restores
them, so each reverse iteration sees the values of its own primal iteration.  Names assigned once
outside loops are never saved: they still hold their value.  Unmatched markers (an adjoint block
removed as dead) drop both sides, keeping pushes and pops aligned.

    for i in _r:                          for i in reversed(_r):
        t = x * i                             t = _tape.pop()
        s = s + np.sin(t)                     t_bar = s_bar * np.cos(t)
        _tape.append(t)                       x_bar = x_bar + t_bar * i
"""

from __future__ import annotations

import copy

import gast

from .derivative import Derivative, marker_of
from .normalize import name

_COMPOUND = (gast.If, gast.For, gast.While)


def _assigned(stmts: list[gast.stmt], nested: bool) -> set[str]:
    """Names assigned by ``stmts`` (directly, or anywhere below when ``nested``); loop targets of
    nested loops excluded (the adjoint loops re-bind them)."""
    found = set()
    for stmt in stmts:
        if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name):
            found.add(stmt.targets[0].id)
        if nested and isinstance(stmt, _COMPOUND):
            found |= _assigned(stmt.body, True) | _assigned(stmt.orelse, True)
    return found


def _in_loops(stmts: list[gast.stmt]) -> set[str]:
    """Names assigned inside loops nested in ``stmts`` (through branches too)."""
    found = set()
    for stmt in stmts:
        if isinstance(stmt, (gast.For, gast.While)):
            found |= _assigned(stmt.body, True)
        elif isinstance(stmt, gast.If):
            found |= _in_loops(stmt.body) | _in_loops(stmt.orelse)
    return found


class _Blocks:
    """The primal block tree: for each marked block, its statements, parent loop and kind."""

    def __init__(self, fn: Derivative):
        self.lists: dict[int, list[gast.stmt]] = {}
        self.loop_of: dict[int, gast.stmt] = {}
        self.enclosing_loop: dict[int, int] = {}
        self.children: dict[int, list[int]] = {0: []}
        self.walk(fn.body, 0, 0)

    def walk(self, stmts: list[gast.stmt], block: int, loop_block: int) -> None:
        for stmt in stmts:
            found = marker_of(stmt)
            if found and found[0] == "push_end":
                self.lists[found[1]] = stmts
            if isinstance(stmt, gast.If) and hasattr(stmt, "blocks"):
                for child, body in zip(stmt.blocks, (stmt.body, stmt.orelse), strict=True):
                    self.children.setdefault(block, []).append(child)
                    self.enclosing_loop[child] = loop_block
                    self.walk(body, child, loop_block)
            elif isinstance(stmt, (gast.For, gast.While)) and hasattr(stmt, "block"):
                self.children.setdefault(block, []).append(stmt.block)
                self.loop_of[stmt.block] = stmt
                self.enclosing_loop[stmt.block] = stmt.block
                self.walk(stmt.body, stmt.block, stmt.block)

    def subtree(self, block: int) -> set[int]:
        found = {block}
        for child in self.children.get(block, []):
            found |= self.subtree(child)
        return found


def _reads_by_owner(fn: Derivative) -> dict[int, set[str]]:
    reads: dict[int, set[str]] = {}

    def visit(stmts: list[gast.stmt]) -> None:
        for stmt in stmts:
            owner = getattr(stmt, "owner", None)
            if owner is None:
                continue
            if isinstance(stmt, _COMPOUND):
                header = stmt.test if isinstance(stmt, (gast.If, gast.While)) else stmt.iter
                visit(stmt.body)
                visit(stmt.orelse)
            else:
                header = stmt
            loads = {n.id for n in gast.walk(header) if isinstance(n, gast.Name)
                     and isinstance(n.ctx, gast.Load)}
            reads.setdefault(owner, set()).update(loads)

    visit(fn.body)
    return reads


def _markers(body: list[gast.stmt], found: dict) -> dict:
    for stmt in body:
        marked = marker_of(stmt)
        if marked and marked[0] != "comment":
            found.setdefault(marked, []).append((body, stmt))
        if isinstance(stmt, _COMPOUND):
            _markers(stmt.body, found)
            _markers(stmt.orelse, found)
    return found


def snapshots(fn: Derivative, recorded: bool = True) -> dict[tuple[str, int], list[str]]:
    """For each push marker, the names to save (sorted, deterministic).  With ``recorded=False``,
    every name the block assigns (what a tape without to-be-recorded analysis would save; used by
    ``benchmarks/bench_tape.py`` to measure what the analysis saves)."""
    blocks = _Blocks(fn)
    reads = _reads_by_owner(fn)
    def reads_in(block: int) -> set[str]:
        return set().union(*(reads.get(b, set()) for b in blocks.subtree(block)))

    plan = {}
    for block, stmts in blocks.lists.items():
        loop_block = blocks.enclosing_loop.get(block, block)
        loop = blocks.loop_of.get(loop_block)
        target = {loop.target.id} if isinstance(loop, gast.For) and block == loop_block else set()
        direct = _assigned(stmts, False) & reads_in(loop_block)
        deep = _in_loops(stmts) & reads.get(block, set())
        if not recorded:
            direct, deep = _assigned(stmts, False), set()
        plan[("push_end", block)] = sorted((direct | deep) - target)
    return plan


def _push(names: list[str]) -> gast.stmt:
    value = name(names[0]) if len(names) == 1 else gast.Tuple(
        elts=[name(n) for n in names], ctx=gast.Load())
    return _push_value(value)


def _pop(names: list[str]) -> gast.stmt:
    target = name(names[0], store=True) if len(names) == 1 else gast.Tuple(
        elts=[name(n, store=True) for n in names], ctx=gast.Store())
    return gast.Assign(targets=[target], value=_pop_call(), type_comment=None)


def _update_pair(stmt: gast.stmt) -> tuple[list[gast.stmt], list[gast.stmt]]:
    """What saves and restores the part of a variable an in-place update overwrites."""
    if isinstance(stmt, gast.Assign):  # x[i] = v: save x[i] before, put it back after
        target = stmt.targets[0]
        variable, index = target.value.id, target.slice
        part = gast.Subscript(value=name(variable), slice=copy.deepcopy(index), ctx=gast.Load())
        copied = gast.Call(func=gast.Attribute(value=name("np"), attr="copy", ctx=gast.Load()),
                           args=[part], keywords=[])
        put_back = gast.Subscript(value=name(variable), slice=copy.deepcopy(index),
                                  ctx=gast.Store())
        return [_push_value(copied)], [gast.Assign(targets=[put_back], value=_pop_call(),
                                                   type_comment=None)]
    call = stmt.value
    variable = stmt.updates
    method = call.func.attr if isinstance(call.func, gast.Attribute) else None
    if method == "append":  # undo: xs.pop()
        undo = gast.Call(func=gast.Attribute(value=name(variable), attr="pop", ctx=gast.Load()),
                         args=[], keywords=[])
        return [], [gast.Expr(value=undo)]
    if method == "extend":  # undo: del xs[len(xs) - len(more):]
        more = copy.deepcopy(call.args[0])
        start = gast.BinOp(left=_len(name(variable)), op=gast.Sub(), right=_len(more))
        part = gast.Subscript(value=name(variable), slice=gast.Slice(lower=start, upper=None,
                                                                     step=None), ctx=gast.Del())
        return [], [gast.Delete(targets=[part])]
    return [], []


def _len(node: gast.expr) -> gast.Call:
    return gast.Call(func=name("len"), args=[node], keywords=[])


def _pop_call() -> gast.Call:
    return gast.Call(func=gast.Attribute(value=name("_tape"), attr="pop", ctx=gast.Load()),
                     args=[], keywords=[])


def _push_value(value: gast.expr) -> gast.stmt:
    append = gast.Attribute(value=name("_tape"), attr="append", ctx=gast.Load())
    return gast.Expr(value=gast.Call(func=append, args=[value], keywords=[]))


def _path(body: list[gast.stmt], target: gast.stmt, trail: list) -> list | None:
    """The (statement list, index, owner statement) chain from ``body`` down to ``target``."""
    for index, stmt in enumerate(body):
        if stmt is target:
            return [*trail, (body, index)]
        if isinstance(stmt, _COMPOUND):
            for inner in (stmt.body, stmt.orelse):
                found = _path(inner, target, [*trail, (body, index)])
                if found is not None:
                    return found
    return None


def _read_after(fn: Derivative, marker: gast.stmt, variable: str) -> bool:
    """Whether code that runs after ``marker`` (later statements; for a marker inside a loop, the
    whole loop again) reads ``variable``: only then must an in-place update be undone."""
    path = _path(fn.body, marker, [])
    if path is None:
        return True
    for depth, (body, index) in enumerate(path):
        after = body[index + 1:]
        owner = path[depth - 1][0][path[depth - 1][1]] if depth else None
        if isinstance(owner, (gast.For, gast.While)):
            after = body
        for stmt in after:
            if any(isinstance(n, gast.Name) and n.id == variable for n in gast.walk(stmt)):
                return True
    return False


def _materialize_updates(fn: Derivative, found: dict, every_read: set[str]) -> int:
    pushes = 0
    for (kind, block), places in found.items():
        if kind not in ("save", "restore"):
            continue
        stmt = fn.saves.get(block)
        restores = found.get(("restore", block))
        needed = (stmt is not None and stmt.updates in every_read and restores is not None
                  and _read_after(fn, restores[0][1], stmt.updates))
        save, restore = _update_pair(stmt) if needed else ([], [])
        pushes += len(save) if kind == "save" else 0
        for body, marked in places:
            index = next(i for i, s in enumerate(body) if s is marked)
            body[index:index + 1] = save if kind == "save" else restore
    return pushes


def materialize(fn: Derivative) -> int:
    """Replace the tape markers; returns how many names one iteration of each block saves."""
    plan = snapshots(fn)
    found = _markers(fn.body, {})
    reads = _reads_by_owner(fn)
    saved = _materialize_updates(fn, found, set().union(*reads.values()) if reads else set())
    for (kind, block), places in found.items():
        if kind in ("pop", "save", "restore"):
            continue
        names = plan.get((kind, block), [])
        if not names or ("pop", block) not in found:
            names = []
        for body, stmt in places:
            index = next(i for i, s in enumerate(body) if s is stmt)
            body[index:index + 1] = [_push(names)] if names else []
        saved += len(names)
    for (kind, block), places in found.items():
        if kind != "pop":
            continue
        pops = []
        names = plan.get(("push_end", block), []) if ("push_end", block) in found else []
        if names:
            pops.append(_pop(names))
        for body, stmt in places:
            index = next(i for i, s in enumerate(body) if s is stmt)
            body[index:index + 1] = pops
    if saved:
        fn.body.insert(0, gast.Assign(targets=[name("_tape", store=True)],
                                      value=gast.List(elts=[], ctx=gast.Load()),
                                      type_comment=None))
    return saved
