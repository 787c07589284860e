"""Aliasing: names that may share memory, and what in-place changes must respect.

Single assignment gives every value its own name, but Python lets several names share one array:
``y = x``, views (``x[:2]``, ``x.T``, ``x.reshape(-1)``), lists holding arrays.  An in-place change
(``x[i] = v``, ``xs.append(v)``, or ``x += v`` on an array) is seen through all of them, which the
single-assignment program does not model.  This pass makes that sound:

- every operation either makes a fresh value (arithmetic, ufuncs, reductions, ``np.array``,
  ``.copy()``...) or may return one sharing memory with its operands (everything else, including
  anything unknown); names that may share are put in one class;
- before an in-place change, every *other* name of its class that is read afterwards is checked at
  run time (``_rt.check_unshared``, a ``np.may_share_memory`` test): if they do share memory, the
  derivative refuses clearly instead of computing with a value the program never had;
- a parameter whose memory may be changed in place is copied on entry (``x_1 = _rt.private(x)``),
  so no transform ever writes into the caller's array and the derivative behaves as if the
  function had received a private copy.

Below, ``x`` is changed in place, so it is copied on entry and ``x``'s adjoint flows through
``x_1``:

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     x[0] = 2.0 * x[1]
    ...     return np.sum(x)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> protect_aliases(norm)  # the parameters copied on entry
    ['x']
    >>> info.node.body = norm.body
    >>> print(function_text(info.node), end="")
    def f(x):
        x_1 = _rt.private(x)
        x1 = x_1[1]
        x1_times_2 = 2.0 * x1
        x_1[0] = x1_times_2
        out = np.sum(x_1)
        return out
"""

from __future__ import annotations

import numbers
import operator
import types

import gast

from .. import ir, runtime
from ..errors import UnsupportedConstructError
from ..ir import Op
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import idle_copies, live_after, maybe_defined_before, statements, stores
from .normalize import Normalized
from .shape_reads import layout_keys, may_return


class Aliases:
    """Points-to facts: for each name, the *roots* (where an array or list was made: a parameter,
    or a statement making a fresh value) its value may share memory with, and the lists and
    tuples holding it.  Two names may share memory when their roots meet.  A value assigned in
    several places (merge and loop-carried names) collects the roots of all of them; loops make
    this a fixpoint, reached in a few passes.

    A list or tuple made by a display (``[a, b]``, ``[]``) is a root of its own whose *items* are
    tracked apart: an item read back (``xs[i]``, ``for v in xs``) shares memory with the items put
    in, not with the list object, so ``xs.append(v)`` (which changes the list, never its items)
    leaves a name holding ``xs[-1]`` alone."""

    def __init__(self, norm: Normalized):
        self.roots: dict[str, set] = {p: {("parameter", p)} for p in norm.params}
        self.containers: dict[str, set[str]] = {}
        self.items: dict[tuple, set] = {}  # display roots -> the roots of the items they hold
        self.joins: set[tuple] = set()  # roots of a + b, a * n of what may be lists (_joined)
        self.inexact: set[tuple] = set()  # roots of arrays or floats, never lists (_may_be_list)
        stmts = list(statements(norm.body))
        self.local = set(norm.params) | {n for s in stmts for n in stores(s)}
        for _ in range(len(stmts) + 1):
            grew = [self._record(stmt) for stmt in stmts]
            if not any(grew):
                break

    def _of(self, names: list[str]) -> set:
        """The roots of these names' values (a module-level value is a root of its own)."""
        return set().union(*(self.roots.get(n, set()) if n in self.local else {("global", n)}
                             for n in names))

    def _items_of(self, names: list[str]) -> set:
        """The roots an item of these names' values may have: a display's items' roots; for
        anything else (an array, whose rows are views) its own roots."""
        return set().union(*(self.items.get(r, {r}) for r in self._of(names)))

    def _add(self, name: str, roots: set) -> bool:
        known = self.roots.setdefault(name, set())
        if roots <= known:
            return False
        known |= roots
        return True

    def _hold(self, lists: list[str], roots: set) -> bool:
        """Record ``roots`` as items of the displays these names may be."""
        grew = False
        for root in self._of(lists):
            held = self.items.get(root)
            if held is not None and not roots <= held:
                held |= roots
                grew = True
        return grew

    def _record(self, stmt: gast.stmt) -> bool:
        if isinstance(stmt, gast.For):  # the target is an item (a row view) of the sequence
            return self._add(stmt.target.id, self._items_of(build.names(stmt.iter)))
        op = ir.note(stmt).op
        updated = ir.note(stmt).updates
        changed = updated or next(iter(sorted(stores(stmt))), None)
        if op is None or changed is None:
            return False
        if updated is None and _number_literal(stmt):  # t = 0.0: a number, shares nothing
            return self._add(changed, {("made", id(stmt))})
        if op.is_display or op.key in (list.append, list.extend, list.insert):
            return self._contain(stmt, op, changed)
        if updated is not None:
            return False  # x[i] = v copies v's data into x
        if op.key is list and len(op.args) == 1 and not op.keywords:  # a new list, old items
            return self._joined(stmt, op, changed)
        if op.key in _JOINS and self._may_be_list(op):
            return self._joined(stmt, op, changed)
        from .fresh import inexact_result, makes_fresh  # (what only some functions reach)

        if op.key is not None and makes_fresh(op):
            if inexact_result(op):
                self.inexact.add(("made", id(stmt)))
            return self._add(changed, {("made", id(stmt))})
        if op.key is operator.getitem and op.args and build.names(op.args[0]):
            names, part = build.names(op.args[0]), op.args[-1]  # (a slice of displays' lists:
            if isinstance(part, gast.Slice) and set() < self._of(names) <= set(self.items) - self.joins:
                self.containers.setdefault(names[0], set()).add(changed)  # a new list of their
                return self._joined(stmt, op, changed)  # items, held as they hold them)
            return self._add(changed, self._items_of(names))
        sources = [n.id for a in may_return(op) for n in walk(a) if isinstance(n, gast.Name)]
        made = set() if sources else {("made", id(stmt))}
        return self._add(changed, self._of(sources) | made)

    def _may_be_list(self, op: Op) -> bool:
        """Whether an operand may be a list: made by a display, or a parameter or module-level
        value (of unknown type), and no operand a float or an array (a list is never met by a
        float, and an array makes ``+`` and ``*`` elementwise: :func:`fresh.inexact_result`),
        nor a join Python refuses (see :func:`.fresh.never_joins`)."""
        from .fresh import never_joins

        if any(isinstance(getattr(a, "value", None), float) for a in op.args) or never_joins(op):
            return False
        for name in op.operand_names():
            roots = self._of([name])
            if roots and roots <= self.inexact:
                return False  # an array or a float: arithmetic, not a join
        return any(root[0] in ("parameter", "global") or root in self.items
                   for root in self._of(op.operand_names()))

    def _joined(self, stmt: gast.stmt, op: Op, changed: str) -> bool:
        """``a + b``, ``a * n``, ``sum(...)``: a new value, but for lists a new list of the same
        items (``+`` copies the list, not what it holds), so an item read back may share memory
        with the operands' items, or, for arrays, with the result itself (a row is a view)."""
        root = ("made", id(stmt))
        self.joins.add(root)
        held = self.items.setdefault(root, {root})
        grew = self._add(changed, {root})
        joined = self._items_of(op.operand_names())
        if not joined <= held:
            held |= joined
            grew = True
        return grew

    def _contain(self, stmt: gast.stmt, op: Op, changed: str) -> bool:
        """A display, or ``xs.append(v)``/``extend``/``insert``: ``changed`` holds the items."""
        elements = op.operand_names() if op.is_display else op.operand_names()[1:]
        for name in elements:
            self.containers.setdefault(name, set()).add(changed)
        held = self._items_of(elements) if op.key is list.extend else self._of(elements)
        if not op.is_display:
            return self._hold([changed], held)
        root = ("made", id(stmt))
        self.items.setdefault(root, set())
        return self._add(changed, {root}) | self._hold([changed], held)

    def shares(self, a: str, b: str) -> bool:
        return a == b or bool(self.roots.get(a, set()) & self.roots.get(b, set()))

    def affected(self, changed: str, universe: set[str]) -> tuple[set[str], set[str]]:
        """The names sharing memory with ``changed``, and the containers holding any of them."""
        same = {n for n in universe if self.shares(changed, n)}
        holders: set[str] = set()
        frontier = list(same)
        while frontier:
            for holder in self.containers.get(frontier.pop(), ()):
                if holder not in holders and holder not in same:
                    holders.add(holder)
                    frontier.append(holder)
        return same, holders


def _number_literal(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` binds a name to a number written in the code (``t = 0.0``, ``k = -1``)."""
    value = getattr(stmt, "value", None) if isinstance(stmt, gast.Assign) else None
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, (gast.USub, gast.UAdd)):
        value = value.operand
    return isinstance(value, gast.Constant) and type(value.value) in (int, float, complex)


def protect_aliases(norm: Normalized) -> list[str]:
    """Insert the checks and copies described in the module docstring; returns the parameters
    copied on entry (and records, in ``norm.sharing``, what each changed name shares memory
    with, for the tape)."""
    every = list(statements(norm.body))
    changes = {id(s) for s in every if ir.note(s).updates or ir.note(s).augments}
    if not changes:  # nothing is changed in place: nothing to check, copy or share (defaults)
        return norm.copied
    from .arguments_apart import check_arguments_apart  # (changes only)
    from .fresh import made_around, sharers
    from .guards import insert_guards, insert_module_checks, refuse_taped_change, shared_error, taped

    aliases, universe = Aliases(norm), {n for s in every for n in build.names(s)} | set(norm.params)
    idle = idle_copies(norm.body)  # (what only feeds copies nothing reads is not read)
    live = live_after(norm.body, changes, lambda s: set() if _is_check(s) or id(s) in idle else _reads(s))
    bound = maybe_defined_before(norm.body, changes, set(norm.params))
    copied: set[str] = set()
    guards: list[tuple[gast.stmt, str, list[str]]] = []
    module_checks: list[tuple[gast.stmt, str, list[str]]] = []
    changes: list[tuple] = []  # each change: what it changes, reads after, whether `x[i] op= v`
    taped_changes: list[tuple] = []  # (in a gradient: guards.taped_change)
    for stmt in every:
        note = ir.note(stmt)
        changed = note.updates or note.augments
        if changed is None:
            continue
        same, holders = aliases.affected(changed, universe)
        if note.updates is not None:
            copied |= (same | holders) & set(norm.params)
            if maybe := _refuse_module_write(norm, aliases, stmt, changed):
                module_checks.append((stmt, changed, maybe))  # (checked where it runs)
        elif module := sorted(r[1] for r in aliases._of([changed]) if r[0] == "global" and
                              _may_hold_memory(norm, r[1])):  # (`v += e` on a module's array)
            module_checks.append((stmt, changed, module))
        # the values held before the change and read after it (not what it binds itself)
        after = (live[id(stmt)] - stores(stmt)) & bound[id(stmt)]
        exposed = sorted((same - ({changed} if note.updates else set())) & after)
        if exposed and (kept := sharers(norm.body, stmt, changed)) is not None:
            exposed = [n for n in exposed if n in kept]  # (made fresh in this pass: fresh.py)
        if note.item_of is not None:  # (its list: checked against its other items, guards.py,
            exposed = [n for n in exposed if n != note.item_of] + (  # where it may be memory)
                [note.item_of] if aliases.roots.get(changed) else [])
        blocked = sorted((holders - {note.item_of}) & after)  # (a list's item: written back)
        if blocked and made_around(norm.body, stmt, changed):
            blocked = []  # made in this pass through its block: no list or tuple holds it yet
        if blocked and not taped(norm, blocked):
            raise shared_error(norm, stmt, changed, blocked[0])
        taped_changes.append((stmt, changed, blocked, list(exposed)))  # (only the tape: new values?)
        exposed += blocked  # (the gradient's tape: checked at run time, guards.py)
        if exposed:
            guards.append((stmt, changed, exposed))
        changes.append((stmt, changed, live[id(stmt)], note.in_place))
    refuse_taped_change(norm, taped_changes)  # (then transformed again: writes as new values)
    insert_guards(norm, guards)
    insert_module_checks(norm, module_checks)
    renames = _copy_parameters(norm, sorted(copied))
    check_arguments_apart(norm, aliases, universe, changes, lambda n: _may_hold_memory(norm, n))
    norm.copied, norm.copies = sorted(copied), frozenset(renames.values())
    norm.sharing = _sharing(norm, aliases, renames)
    return norm.copied


def _refuse_module_write(norm: Normalized, aliases: Aliases, stmt: gast.stmt,
                         changed: str) -> list[str]:
    """Refuse ``changed[i] = v`` (or another update) where ``changed`` is a module-level or
    closure value, or a view of one: the derivative never writes into the user's values.  Where
    ``changed`` is a local name that only may hold one (bound to it on another path, ``g =
    W[[2, 3]]`` in one branch and ``g = y - m`` in the other, then ``g[0] = v`` after the
    latter), the module-level values to check where the change runs (``check_not_module``)."""
    from .guards import node_of, user_name

    shared = sorted(r[1] for r in aliases._of([changed]) if r[0] == "global")
    if shared and not _may_hold_memory(norm, shared[0]):
        raise UnsupportedConstructError(  # (defaultdict(float): no view of float)
            f"cannot differentiate writing into {user_name(changed)!r}, the value of a "
            f"call given {shared[0]!r} (not an array, a list, or a dict built with "
            "`{}`/`dict(...)` and constant keys)", norm.info.location(node_of(stmt)),
            hint="accumulate into an array (`totals = np.zeros(k)`, then "
            "`totals[i] += v`, or `np.bincount(keys, weights=v)`), or into a dict with "
            "constant keys")
    if shared and changed in aliases.local:
        return shared
    if shared:
        raise UnsupportedConstructError(
            f"this change writes into the module-level value {shared[0]!r} (through "
            "another name for it)", norm.info.location(node_of(stmt)),
            hint=f"change a copy: `... = {shared[0]}.copy()`")
    return []


def _sharing(norm: Normalized, aliases: Aliases,
             renames: dict[str, str]) -> dict[str, frozenset[str]]:
    """For each name changed in place, the names that may share its memory (after the copies of
    parameters, which share nothing with the caller: ``aliases`` knows a copied parameter by its
    own name, ``renames`` gives its copy's)."""
    universe = {n for s in statements(norm.body) for n in build.names(s)} | set(norm.params)
    original = {copy: param for param, copy in renames.items()}
    found = {}
    for stmt in statements(norm.body):
        changed = ir.note(stmt).updates
        if changed is not None and changed not in found:
            same, holders = aliases.affected(original.get(changed, changed), universe)
            found[changed] = frozenset({renames.get(n, n) for n in same | holders} | {changed})
    return found


def _is_check(stmt: gast.stmt) -> bool:
    op = ir.note(stmt).op
    return op is not None and op.key in (runtime.check_like, runtime.check_unshared,
                                         runtime.check_not_array, runtime.check_not_module)


_JOINS = (operator.add, operator.mul, sum)  # on lists they join the items, not copy them


def _reads(stmt: gast.stmt) -> set[str]:
    """The names ``stmt`` reads for their values (a shape-only operand is not one)."""
    if isinstance(stmt, gast.For):
        return build.loads(stmt.iter)
    if isinstance(stmt, (gast.If, gast.While)):
        return build.loads(stmt.test)
    op = ir.note(stmt).op
    position = layout_keys().get(op.key) if op is not None else None
    if position is None or len(op.args) <= position or not isinstance(op.args[position], gast.Name):
        return build.loads(stmt)
    others = [a for i, a in enumerate(op.args) if i != position] + list(op.keywords.values())
    return set().union(*(build.loads(a) for a in others))


class _Rename(build.Transformer):
    """Names renamed in place (``renames``: old → new), an operation's own operands apart.  (A
    class of the module, not one made per call: a class is a reference cycle, which kept the
    trees it reached alive until the collector ran.)"""

    def __init__(self, renames: dict[str, str]):
        self.renames = renames

    def visit_Name(self, node: gast.Name) -> gast.Name:
        node.id = self.renames.get(node.id, node.id)
        return node

    def visit_Op(self, node: Op) -> Op:
        return node


def _copy_parameters(norm: Normalized, params: list[str]) -> dict[str, str]:
    """``x_1 = _rt.private(x)`` first, and the body reads ``x_1`` instead of ``x``; returns
    each copied parameter's copy."""
    if not params:
        return {}
    renames = {p: norm.namer.fresh(p) for p in params}
    renamer = _Rename(renames)
    for stmt in statements(norm.body):
        renamer.visit(stmt)
        note = ir.note(stmt)
        if note.op is not None:
            note.op.args = [renamer.visit(a) for a in note.op.args]
            note.op.keywords = {k: renamer.visit(v) for k, v in note.op.keywords.items()}
        note.updates = renames.get(note.updates, note.updates)  # (None stays None)
        note.augments = renames.get(note.augments, note.augments)
    norm.body[-1].value = renamer.visit(norm.body[-1].value)
    if norm.aux is not None:
        norm.aux = renamer.visit(norm.aux)
    entry = []
    for param in params:
        copy_stmt = build.assign(renames[param], build.call(
            f"{norm.machinery.aliases['_rt']}.private", build.name(param)))
        ir.note(copy_stmt).op = Op(None, [build.name(param)])
        ir.note(copy_stmt).origin = norm.info.first_line
        entry.append(copy_stmt)
    norm.body[:0] = entry
    return renames


_IMMUTABLE = (type, types.FunctionType, types.BuiltinFunctionType, types.ModuleType, numbers.Number,
              str, bytes, tuple, frozenset, type(None))


def _may_hold_memory(norm: Normalized, name: str) -> bool:
    """Whether the module-level (or closure) value ``name`` may share memory with what a call
    given it returns: not a class, a function, a module, a number or a string
    (``defaultdict(float)`` is no view of ``float``: what it is, the pass does not know)."""
    found, value = norm.info.lookup(name)
    return not found or not isinstance(value, _IMMUTABLE)
