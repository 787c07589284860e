'''The tape: save, inside loops, exactly the values the adjoint reads and a later iteration
overwrites (to-be-recorded analysis), and restore them in the adjoint sweep.

Guarantee: every :class:`~tangentish.ir.Push`, ``Pop``, ``Save`` and ``Restore`` marker is replaced.
For a block ``B`` executed repeatedly (a loop body, or a branch inside one), the push becomes one
``_tape.append(...)`` of the names ``B`` assigns that the adjoint reads (a loop-carried value is read
through the iteration's own copy of it, see :mod:`flow`, so it is saved like any other); the pop at
the start of ``B``'s adjoint restores them, so each reverse iteration sees the values of its own
primal iteration.  Names assigned once outside loops are never saved: they still hold their value.
A push whose pop was removed as dead, or that has nothing to save, disappears with its pop.  An
in-place update saves the part it overwrites only when adjoint code running after its restore
point reads it (:mod:`undo`).  A value the adjoint reads only for its shape and dtype (``_rt.unbroadcast(g,
s_2)``) is saved as ``_rt.like(s_2)``: its shape and dtype, not the array.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.optimize import optimize
    >>> from tangentish.passes.reverse import reverse
    >>> def f(x):
    ...     s = 0.0
    ...     for i in range(3):
    ...         t = x * i
    ...         s = s + np.sin(t)
    ...     return s
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = optimize(reverse(norm, analyze(norm, ["x"]), ["x"], single=True,
    ...                               with_value=False, fn_name="grad_f"), set(norm.params))
    >>> materialize(derivative)  # the number of values saved per iteration
    3
    >>> print(generate(derivative, "Gradient of f."), end="")
    def grad_f(x, *, out_bar=1.0):
        """Gradient of f."""
        _tape = []
        s_1 = 0.0
        range_3 = range(3)
        for i in range_3:
            s_2 = s_1
            t = x * i
            sin_t = np.sin(t)
            s_1 = s_2 + sin_t
            _tape.append((_rt.like(s_2), _rt.like(sin_t), t))
        s_1_bar = _rt.seed(s_1, out_bar, 'f')
        x_bar = np.zeros_like(x)
        # adjoint of: for i in range(3):  [...]
        for i in reversed(range_3):
            s_2, sin_t, t = _tape.pop()
            # adjoint of: s = s + np.sin(t)  [...]
            s_2_bar = _rt.unbroadcast(s_1_bar, s_2)
            t_bar = _rt.unbroadcast(s_1_bar, sin_t) * np.cos(t)
            # adjoint of: t = x * i  [...]
            x_bar = x_bar + t_bar * i
            s_1_bar = s_2_bar
        return x_bar
'''

from __future__ import annotations

import copy

import gast

from .. import ir
from ..syntax import build
from .dataflow import LOOPS, assigned, header_loads, must_define, path_to, statements, stores
from .derivative import Derivative
from .idle_loops import drop_idle_loops
from .tape_kinds import TapeKinds


def _direct(stmts: list[gast.stmt]) -> set[str]:
    """Names the simple statements of ``stmts`` assign (not nested blocks)."""
    return {n for s in stmts if not isinstance(s, ir.COMPOUND) for n in stores(s)}


class _Blocks:
    """The primal block tree: for each taped block, its statements, parent, loop and enclosing
    loop."""

    def __init__(self, fn: Derivative):
        self.lists: dict[int, list[gast.stmt]] = {}
        self.loop_of: dict[int, gast.stmt] = {}
        self.enclosing_loop: dict[int, int] = {}
        self.parent: dict[int, int] = {}
        self.walk([s for s in fn.body if not ir.note(s).adjoint], 0, 0)

    def walk(self, stmts: list[gast.stmt], block: int, loop_block: int) -> None:
        for stmt in stmts:
            if isinstance(stmt, ir.Push):
                self.lists[stmt.block] = stmts
            blocks = ir.note(stmt).blocks
            if isinstance(stmt, gast.If) and blocks:
                for child, body in zip(blocks, (stmt.body, stmt.orelse), strict=True):
                    self.parent[child] = block
                    self.enclosing_loop[child] = loop_block
                    self.walk(body, child, loop_block)
            elif isinstance(stmt, LOOPS) and blocks:
                self.parent[blocks[0]] = block
                self.loop_of[blocks[0]] = stmt
                self.enclosing_loop[blocks[0]] = blocks[0]
                self.walk(stmt.body, blocks[0], blocks[0])

    def ancestors(self, block: int, stop: int) -> list[int]:
        """The blocks enclosing ``block``, innermost first, up to and including ``stop``."""
        found = []
        while block != stop and block in self.parent:
            block = self.parent[block]
            found.append(block)
        return found


def _reads_by_owner(fn: Derivative, blocks: _Blocks | None = None) -> dict[int, set[str]]:
    """For each primal block, the names its adjoint code reads.  With ``blocks``: a branch whose
    primal code is all gone (dead once the output's seed is a number: no push of its own is
    left) hands its reads to the block its adjoint runs in, whose push then saves them."""
    reads: dict[int, set[str]] = {}
    around: dict[int, int] = {}  # an owner → the owner of the adjoint code around its own

    def visit(stmts: list[gast.stmt], inherited: int | None) -> None:
        for stmt in stmts:
            owner = ir.note(stmt).owner
            owner = inherited if owner is None else owner
            if owner is None:
                continue
            if inherited is not None and owner != inherited:
                around.setdefault(owner, inherited)
            if isinstance(stmt, ir.COMPOUND):
                visit(stmt.body, owner)
                visit(stmt.orelse, owner)
            reads.setdefault(owner, set()).update(header_loads(stmt))

    try:
        visit(fn.body, None)
    finally:
        visit = None  # (a recursive closure: a reference cycle keeping the trees)
    if blocks is not None:
        known = set(blocks.lists) | set(blocks.parent) | set(blocks.loop_of)
        for owner in sorted(set(reads) - known, reverse=True):  # (inner blocks first)
            holder = around.get(owner)
            while holder is not None and holder not in known:
                holder = around.get(holder)
            if holder is not None:
                reads.setdefault(holder, set()).update(reads[owner])
    return reads


def _markers(body: list[gast.stmt], found: dict) -> dict:
    for stmt in body:
        if isinstance(stmt, ir.Marker) and not isinstance(stmt, ir.Comment):
            found.setdefault((type(stmt), stmt.block), []).append((body, stmt))
        if isinstance(stmt, ir.COMPOUND):
            _markers(stmt.body, found)
            _markers(stmt.orelse, found)
    return found


def snapshots(fn: Derivative, recorded: bool = True,
              shared: dict[int, set[str]] | None = None) -> dict[int, list[str]]:
    """For each pushed block, the names to save (sorted, deterministic).

    A block saves the names its own adjoint reads that its loop's body assigns (elsewhere they
    still hold their value): at the block's end they hold this iteration's value, and the pop at
    the start of the block's adjoint puts it back before any of that adjoint runs.  A name an
    enclosing block of the same loop also saves is left to that block (its pop comes first).
    With ``recorded=False``, every name the block assigns (what a tape without to-be-recorded
    analysis would save; used by ``benchmarks/bench_tape.py`` to measure what it saves).
    ``shared`` names, per block, values the adjoint gets another way (see :mod:`carried`)."""
    blocks = _Blocks(fn)
    reads = _reads_by_owner(fn, blocks)
    in_loop = {loop: assigned(stmt.body) for loop, stmt in blocks.loop_of.items()}
    wanted: dict[int, set[str]] = {}
    for block in blocks.lists:
        loop_block = blocks.enclosing_loop.get(block, block)
        loop = blocks.loop_of.get(loop_block)
        target = {loop.target.id} if isinstance(loop, gast.For) and block == loop_block else set()
        wanted[block] = (reads.get(block, set()) & in_loop.get(loop_block, set())) - target
    _outer_reads(blocks, reads, in_loop, wanted)
    _hand_down(fn, blocks, wanted)
    plan = {}
    for block, stmts in blocks.lists.items():
        loop_block = blocks.enclosing_loop.get(block, block)
        covered = set().union(*(wanted.get(a, set())
                                for a in blocks.ancestors(block, loop_block)
                                if a in blocks.lists)) if block != loop_block else set()
        names = wanted[block] - covered - (shared or {}).get(block, set())
        if not recorded:
            names = _direct(stmts)
        plan[block] = sorted(names)
    return plan


def _outer_reads(blocks: _Blocks, reads: dict[int, set[str]], in_loop: dict[int, set[str]],
                 wanted: dict[int, set[str]]) -> None:
    """Names a block's adjoint reads that an *enclosing* loop's body assigns (``p[k]`` inside an
    inner loop, ``k`` set by the outer one): each outer iteration has its own value, so the block
    nearest the reader inside that outer loop saves it, and its pop comes before the reader's
    adjoint.  (The inner loop itself must not: it may run zero times.)  An outer ``for`` target is
    left alone: the adjoint loop binds it again."""
    for block in blocks.lists:
        own = blocks.enclosing_loop.get(block, block)
        chain = [block, *blocks.ancestors(block, 0)]
        for name in sorted(reads.get(block, set()) - in_loop.get(own, set())):
            loop = _assigning_loop(blocks, chain, own, name, in_loop)
            if loop is None:
                continue
            holder = next((a for a in chain if a in blocks.lists
                           and blocks.enclosing_loop.get(a, a) == loop), block)
            wanted[holder].add(name)


def _hand_down(fn: Derivative, blocks: _Blocks, wanted: dict[int, set[str]]) -> None:
    """A name a block's adjoint reads that only its branches bind (a mask ``m if t else False``
    after an ``if``'s adjoint, reading what the taken branch computed) is saved by those branches,
    not by the block: at the block's end it may be unbound (the branch did not run this
    iteration), and the branch's pop, in the ``if``'s adjoint, comes before that read (a read
    coming earlier, the adjoint of a statement after the ``if``, would fail in the primal too).
    Only when every binding of the name in the function is in those branches, and not in every
    path through them (a name bound there, read by the block's statements after the ``if``)."""
    primal = [s for s in fn.body if not ir.note(s).adjoint]
    for block in sorted(blocks.lists, key=lambda b: len(blocks.ancestors(b, 0))):
        stmts = blocks.lists[block]
        for name in sorted(wanted[block] - _direct(stmts) - must_define(stmts)):
            holders = _branches_binding(blocks, stmts, name)
            if holders and _bindings(primal, name) == sum(
                    _bindings(blocks.lists[h], name) for h in holders):
                wanted[block].discard(name)
                for holder in holders:
                    wanted[holder].add(name)


def _branches_binding(blocks: _Blocks, stmts: list[gast.stmt], name: str) -> list[int]:
    """The taped branch blocks of the ``if`` statements in ``stmts`` that bind ``name``; empty
    when another compound statement there (a loop) binds it."""
    holders = []
    for stmt in stmts:
        if not isinstance(stmt, ir.COMPOUND) or name not in assigned([stmt]):
            continue
        kids = ir.note(stmt).blocks
        if not isinstance(stmt, gast.If) or not kids or any(k not in blocks.lists for k in kids):
            return []
        holders += [k for k, body in zip(kids, (stmt.body, stmt.orelse), strict=True)
                    if name in assigned(body)]
    return holders


def _bindings(stmts: list[gast.stmt], name: str) -> int:
    return sum(name in stores(stmt) for stmt in statements(stmts))


def _assigning_loop(blocks: _Blocks, chain: list[int], own: int, name: str,
                    in_loop: dict[int, set[str]]) -> int | None:
    """The innermost loop around the reader whose body assigns ``name``; ``None`` when a ``for``
    on the way binds it as its target (the adjoint loop binds it again) or no loop does."""
    for block in chain:
        loop = blocks.loop_of.get(block)
        if loop is None:
            continue
        if isinstance(loop, gast.For) and isinstance(loop.target, gast.Name) \
                and loop.target.id == name:
            return None
        if block != own and name in in_loop.get(block, set()):
            return block
    return None


def _push(tape: str, names: list[str], shapes: set[str], rt: str,
          copies: set[str] = frozenset()) -> gast.stmt:
    items = [build.call(f"{rt}.like", build.name(n)) if n in shapes else
             build.call(f"{rt}.private", build.name(n)) if n in copies else build.name(n)
             for n in names]
    value = items[0] if len(items) == 1 else build.tuple_(items)
    return build.expression(build.call(build.attribute(build.name(tape), "append"), value))


def _pop(tape: str, names: list[str]) -> gast.stmt:
    return build.assign_many(names, build.call(build.attribute(build.name(tape), "pop")))


def _replace(places: list, new: list[gast.stmt]) -> None:
    """Put ``new`` where each marker stands; it belongs where the marker did (primal or adjoint,
    and which block's adjoint)."""
    for body, stmt in places:
        index = next(i for i, s in enumerate(body) if s is stmt)
        replacement = copy.deepcopy(new)
        for node in replacement:
            ir.note(node).adjoint = ir.note(stmt).adjoint
            ir.note(node).owner = ir.note(stmt).owner
        body[index:index + 1] = replacement


def materialize(fn: Derivative) -> int:
    """Replace the tape markers; returns how many names one iteration of every block saves."""
    found = _markers(fn.body, {})
    reads = _reads_by_owner(fn) if any(kind is ir.Save for kind, _ in found) else {}
    every_read = set().union(*reads.values()) if reads else set()
    tapes = TapeKinds(fn, fn.namer.fresh("_tape"))  # (a second one where kinds mix)
    saved = 0
    for (kind, block), places in found.items():
        if kind is ir.Save:
            from .undo import how_to_undo, undo_pair  # (what only some functions need)

            stmt = fn.saves.get(block)
            restores = found.get((ir.Restore, block))
            undo, views = (how_to_undo(fn, restores, stmt) if stmt is not None
                           and restores is not None and _still_there(fn, stmt)
                           and fn.shares(ir.note(stmt).updates) & every_read else (None, []))
            save, restore = [], []
            if undo:
                tape = tapes.tape_for({ir.note(stmt).updates})
                save, restore = undo_pair(fn, tape, stmt, undo == "copy", views)
                tapes.count(tape, len(save))
            saved += len(save)
            _replace(places, save)
            _replace(restores or [], restore)
    pushes = any(kind is ir.Push for kind, _ in found)
    plan = snapshots(fn) if pushes else {}  # after the restores: what they read is saved too
    shared = _share_carried(fn, found, plan) if pushes else {}
    if shared:  # the copies read the loop-carried names: what encloses the loop may save them
        plan = snapshots(fn, shared=shared)
    if pushes:  # (a loop's tape: what it reads only for shapes, imported then)
        from .shape_reads import shape_only
    shapes, rt = shape_only(fn) if pushes else set(), fn.machinery.aliases["_rt"]
    left: set[str] = set()
    if fn.sharing:  # (names that may share an array's memory: taped_views.py, imported then)
        from .taped_views import copy_at_push, copy_taped_views
        left = copy_taped_views(fn, {n for block, names in plan.items()
                                     if (ir.Pop, block) in found
                                     for n in names if n not in shapes})
    for (kind, block), places in found.items():
        if kind is ir.Push:
            names = plan.get(block, []) if (ir.Pop, block) in found else []
            copies = copy_at_push(fn, places[0][0], names, left) \
                if names and left and len(places) == 1 else set()  # (one push: the block's end)
            groups = tapes.groups(names, len(places))  # (one per tape: a tape per kind)
            _replace(places, [_push(tape, some, shapes, rt, copies) for tape, some in groups])
            _replace(found.get((ir.Pop, block), []), [_pop(tape, some) for tape, some in groups])
            saved += len(names)
    for (kind, block), places in found.items():
        if kind is ir.Restore and (ir.Save, block) not in found:
            _replace(places, [])
        if kind is ir.Pop and (ir.Push, block) not in found:
            _replace(places, [])
    drop_idle_loops(fn)
    fn.tapes = tapes.finish()
    for tape in reversed(fn.tapes):
        fn.body.insert(0, build.assign(tape, build.list_([])))
    fn.tape = fn.tapes[0] if fn.tapes else None
    return saved


def _share_carried(fn: Derivative, found: dict, plan: dict[int, list[str]]) -> dict[int, set[str]]:
    """Per loop block, the handed-on values its adjoint now reads from the next iteration's
    entry copy instead of the tape (:mod:`carried`, imported here: a loop is taped)."""
    from .carried import carried, share

    blocks = _Blocks(fn)
    shared: dict[int, set[str]] = {}
    for block, loop in sorted(blocks.loop_of.items()):
        pops = found.get((ir.Pop, block), [])
        pairs = carried(loop, plan.get(block, []))
        if len(pops) != 1 or not pairs:
            continue
        path = path_to(fn.body, pops[0][1], [])
        if path is not None and share(path, pairs):
            shared[block] = {pair.out for pair in pairs}
    return shared


def _still_there(fn: Derivative, stmt: gast.stmt) -> bool:
    return path_to(fn.body, stmt, []) is not None
