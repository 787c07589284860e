"""Writes through another name of a local array, made on the array itself.

``v = y[1:3]`` (a basic subscript: a view) and ``z = y`` (another name) share ``y``'s memory: a
write through them (``v *= 2.0``, ``v[0] = e``, ``z += e``) changes ``y``, which the
single-assignment program does not model (:mod:`.aliases` refuses it).  Where the memory is
provably the same, this pass (on the function's AST, before normalization) writes on ``y`` and
reads the other names again, which NumPy computes exactly as the program did:

==============================  ====================================================
``v *= e``                      ``y[1:3] *= e``, then ``v = y[1:3]``
``v[j] op= e`` (``j`` an int)   ``y[range(y.shape[0])[1:3][j]] op= e`` (of ``r = y[::-1]``:
                                ``y[-1 - j]``), then ``v = y[1:3]``
``z += e`` / ``z[j] = e``       ``y += e`` / ``y[j] = e``, then ``z = y``
``y[j] = e``                    unchanged, then every view of ``y`` read again (``t =
                                y.T``, ``.mT``, ``.transpose()``, ``.diagonal()`` too)
``t[j] op= e`` of ``t = y.T``   ``y[np.unravel_index(<y's positions>.T[j], np.shape(y))]
                                op= e``, then ``t = y.T`` (``reshape``/``ravel`` views of a
                                C-contiguous ``y`` too: :mod:`.view_positions`)
==============================  ====================================================

Proven, per statement list (a view made in one block is followed in that block and the blocks
nested in it that keep it the same throughout, so one made in a branch or a loop body is never
followed past it, and none into a loop that binds it again): ``y`` holds an array (an ndarray
for ``z = y``; see :mod:`.view_facts`) where the view is made (the value last bound to it in
that block or one enclosing it, ``y = x * 1.0``, where nothing has bound it since; else every
value it is ever bound to), the subscript is basic and makes a view (a slice, or fewer ints
than ``y``'s proven rank), and between the view's creation and the write nothing binds ``v``,
``y`` or a name of the subscript, nor lets one of the arrays escape (passed to a call other
than a NumPy ufunc or reduction, held by a container or another name, an attribute set).
Where all of that holds but ``y`` is not proven to hold an ndarray (``y = x.copy()`` of a
parameter ``x``, which may be a list; ``z = y`` of such a ``y``, where a number's ``z += e``
rebinds ``z`` alone) or, for ``v = B[0]``, ``B``'s rank is not proven (a scalar
then, not a view), the rewrite runs under a test that makes it exact, and the write as written
runs otherwise: ``if isinstance(y, np.ndarray) and isinstance(v, np.ndarray):`` (both ndarrays
and a basic subscript: ``v`` is a view of ``y``); a write on ``y`` or a proven view reads such a
view again under the same test.
Anything else is left as it is (and refused as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     y = x * 1.0
    ...     r = y[::-1]
    ...     r[0] += y[0] * 2
    ...     return np.sum(y ** 2)
    >>> info = parse_function(f)
    >>> rewrite_view_writes(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        y = x * 1.0
        r = y[::-1]
        y[-1] += y[0] * 2
        r = y[::-1]
        return np.sum(y ** 2)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import gast
import numpy as np

from ..syntax import build
from ..syntax.form_tests import writes_into
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .view_elements import element
from .view_positions import numpy_spelling, whole_view, writable, written

if TYPE_CHECKING:
    from .view_facts import Facts, Kind

_IN_PLACE = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)
_READS = {"shape", "ndim", "size", "dtype", "T", "real", "imag"}  # no escape, nothing changed
_METHODS = {"sum", "mean", "max", "min", "prod", "std", "var", "copy", "astype", "dot",
            "cumsum", "any", "all", "argmax", "argmin", "item", "reshape", "ravel", "flatten"}
_NUMPY_READS = (np.sum, np.mean, np.prod, np.max, np.min, np.amax, np.amin, np.std, np.var,
                np.dot, np.linalg.norm, np.trace, np.cumsum, np.outer, np.where, np.clip,
                np.copy, builtins.len, builtins.float)
_BLOCKS = ("body", "orelse", "finalbody")


class Entry(NamedTuple):
    base: str
    index: list[gast.expr] | None  # None: another name for ``base`` itself
    uses: frozenset[str]  # the base and the names of the subscript
    guarded: bool = False  # a view only when both are ndarrays: rewritten under that test
    spelled: gast.expr | None = None  # a view of the whole array always (``y.T``), read as this
    proven: bool = True  # (of ``spelled``) ``y`` surely an ndarray, not maybe a NumPy scalar
    flag: str | None = None  # (guarded) the name holding its test, once ``v op= e`` may have
    # rebound ``v`` (where it was no view: the test would then read the new value)


def rewrite_view_writes(info: SourceInfo) -> None:
    """Rewrite the writes described in the module docstring, in place."""
    if not writes_into(info.node):
        return  # (nothing is written: nothing to rewrite)
    from .view_facts import Facts, rebound_inside  # (something is written)

    own = {n.id for n in walk(info.node) if isinstance(n, gast.Name) and
           isinstance(n.ctx, (gast.Store, gast.Param))}
    _Rewriter(Facts(info), rebound_inside(info.node), own).block(info.node.body)


class _Rewriter:
    def __init__(self, facts: Facts, captured: set[str], own: set[str]):
        self.facts = facts
        self.captured = captured  # names a closure binds or writes into (:func:`rebound_inside`)
        self.own = own  # the function's parameters and variables (a module's array is not
        # followed: a write on it would write into the user's global)
        self.test = ndarray_test(facts)  # (spelling the test of guarded entries, if it can)

    def block(self, body: list[gast.stmt], inherited: dict[str, Entry] | None = None,
              bound: dict[str, gast.expr] | None = None) -> None:
        """Rewrite ``body``, whose first statement sees the names ``inherited`` follows (the
        block's enclosing statement keeps them all the same from its start to its end), and the
        names ``bound`` to a value (``name = value``) that nothing has bound again since."""
        tracked, bound = dict(inherited or {}), dict(bound or {})
        out: list[gast.stmt] = []
        for stmt in body:
            stored = _stores(stmt)
            written = self._write(stmt, tracked)
            if written is not None:
                out.extend(written)
                bound = {n: v for n, v in bound.items() if n not in stored}
                continue
            if tracked:  # (nothing followed: nothing to forget)
                self._forget(stmt, tracked, bound)
            bound = {n: v for n, v in bound.items() if n not in stored}
            self._track(stmt, tracked, bound)
            for field in _BLOCKS:
                if isinstance(getattr(stmt, field, None), list):
                    self.block(getattr(stmt, field), tracked, bound)
            for handler in getattr(stmt, "handlers", ()):
                self.block(handler.body, tracked, bound)
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                    isinstance(stmt.targets[0], gast.Name):
                bound[stmt.targets[0].id] = stmt.value
            out.append(stmt)
        body[:] = out

    def _kind(self, name: gast.Name, bound: dict[str, gast.expr]) -> Kind:
        """The kind of the value ``name`` holds here: that of the value it was last bound to in
        this block or an enclosing one (``y = np.zeros(3)``, whatever binds ``y`` later), where
        nothing has bound it since, else the kind of every value it is ever bound to."""
        value = bound.get(name.id)
        return self.facts.kind(name if value is None else value)

    def _write(self, stmt: gast.stmt, tracked: dict[str, Entry]) -> list[gast.stmt] | None:
        """The write moved onto its base and the names read again, or None."""
        if isinstance(stmt, gast.AugAssign) and isinstance(stmt.op, _IN_PLACE):
            target = stmt.target
        elif isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Subscript):
            target = stmt.targets[0]
        else:
            return None
        index = target.slice if isinstance(target, gast.Subscript) else None
        holder = target.value if index is not None else target
        if not isinstance(holder, gast.Name) or _stores(stmt.value) or \
                index is not None and _stores(index):
            return None
        entry = tracked.get(holder.id)
        original = build.clone(stmt)
        base = entry.base if entry is not None else holder.id
        group = {n for n, e in tracked.items() if e.base == base}
        if not group or unsafe_reads(stmt.value, group | {base}, self.facts, stmt.value):
            return None
        if entry is not None:
            moved = self._compose(entry, index)
            if moved is None:
                return None
            gast.copy_location(moved, target)
            if isinstance(stmt, gast.AugAssign):
                stmt.target = moved
            else:
                stmt.targets = [moved]
        reads = {n: gast.copy_location(build.assign(n, _read(tracked[n])), stmt)
                 for n in sorted(group)}
        if index is None and any(e.spelled is not None and not e.proven for e in
                                 (tracked[n] for n in group)):
            return None  # (``y op= e`` on what may be a NumPy scalar: ``y.T`` a copy of it)
        guarded = [n for n in reads if tracked[n].guarded]
        if not guarded:
            return [stmt, *reads.values()]
        test = self._test(guarded, tracked)
        if entry is None or not entry.guarded:  # (on the base or a proven view: made as is,
            proven = [r for n, r in reads.items() if n not in guarded]  # the others read
            again = gast.If(test=test, body=[reads[n] for n in guarded], orelse=[])  # again
            return [stmt, *proven, gast.copy_location(again, stmt)]  # where they are views)
        named = []
        if index is None and entry.flag is None:  # (``v op= e`` rebinds ``v`` where it is no
            flag = Namer(self.own | set(self.facts.info.globals)).fresh(f"{holder.id}_is_view")
            self.own.add(flag)  # (not a view: later tests read this)
            named = [gast.copy_location(build.assign(flag, test), stmt)]
            test, tracked[holder.id] = build.name(flag), entry._replace(flag=flag)
        return [*named, gast.copy_location(gast.If(test=test, body=[stmt, *reads.values()],
                                                   orelse=[original]), stmt)]

    def _test(self, guarded: list[str], tracked: dict[str, Entry]) -> gast.expr:
        """That the ``guarded`` names hold views of their base: each one's flag, where a write
        may have rebound it, else that the base and it are ndarrays (``y.T`` of an ndarray)."""
        flags = [build.name(tracked[n].flag) for n in guarded if tracked[n].flag is not None]
        unflagged = [n for n in guarded if tracked[n].flag is None]
        if unflagged:
            flags.append(self.test([tracked[guarded[0]].base,
                                    *(n for n in unflagged if tracked[n].spelled is None)]))
        return flags[0] if len(flags) == 1 else gast.BoolOp(op=gast.And(), values=flags)

    def _compose(self, entry: Entry, index: gast.expr | None) -> gast.expr | None:
        """The target on ``entry.base`` that ``name[index]`` (``name`` when None) writes."""
        numpy = numpy_spelling(self.facts)
        if entry.spelled is not None:  # (through ``y.T``, ``y.reshape(3, 2)``: its positions)
            return written(entry.base, entry.spelled, index, numpy) if numpy is not None and \
                writable(entry.spelled) and (entry.proven or entry.guarded or index is not None) \
                else None  # (``t op= e`` of a NumPy scalar's ``t = y.T``: a copy, rebound)
        if index is None:
            return build.with_context(_read(entry), gast.Store)
        if entry.index is None:
            return build.subscript(build.name(entry.base), build.clone(index), store=True)
        entries = self.facts.basic(index)
        if entries is None:
            return None
        slices = [e for e in entry.index if isinstance(e, gast.Slice)]
        composed: list[gast.expr] = []
        for axis, part in enumerate(entry.index):
            position = sum(isinstance(e, gast.Slice) for e in entry.index[:axis])
            if not isinstance(part, gast.Slice) or position >= len(entries):
                composed.append(build.clone(part))
            elif self.facts.is_int(entries[position]) and self.facts.resolves_to(
                    build.name("range"), builtins.range) is not None:
                composed.append(element(entry.base, axis, part, entries[position]))
            else:
                return None  # (a slice of a slice: not composed)
        composed += [build.clone(e) for e in entries[len(slices):]]
        return build.subscript(build.name(entry.base), _index(composed), store=True)

    def _forget(self, stmt: gast.stmt, tracked: dict[str, Entry],
                bound: dict[str, gast.expr]) -> None:
        """Drop what ``stmt`` may break: a name bound or written, an array that escapes (a
        write into one of the arrays followed, ``v[j] = e`` or ``v op= e``, keeps the array
        the name holds, and is rewritten where the block holding it is)."""
        watched = set(tracked) | {e.base for e in tracked.values()}
        maybe = {n for n, e in tracked.items() if e.guarded}  # (``v op= e`` may rebind: not
        stores = _stores(stmt, watched - maybe - {tracked[n].base for n in maybe})  # kept)
        whole = whole_view(stmt.value, self.facts, bound) if isinstance(stmt, gast.Assign) else None
        alias = whole or self._alias(stmt, tracked, bound)
        escaped = unsafe_reads(stmt, watched, self.facts, alias)
        broken = {e.base for n, e in tracked.items() if {n, e.base} & escaped}
        for name, entry in list(tracked.items()):
            if name in stores or entry.uses & stores or entry.base in broken:
                del tracked[name]

    def _alias(self, stmt: gast.stmt, tracked: dict[str, Entry],
               bound: dict[str, gast.expr]) -> gast.Name | None:
        """The array of ``w = v`` when ``w`` will be followed as another name for it."""
        value = stmt.value if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
            isinstance(stmt.targets[0], gast.Name) else None
        if isinstance(value, gast.Name) and value.id != stmt.targets[0].id and (
                value.id in tracked or self._kind(value, bound).ndarray) and \
                value.id in self.own and not {value.id, stmt.targets[0].id} & self.captured:
            return value
        return None

    def _track(self, stmt: gast.stmt, tracked: dict[str, Entry],
               bound: dict[str, gast.expr]) -> None:
        """``v = y`` and ``v = y[idx]`` (a view) start being followed."""
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name)):
            return
        name, value = stmt.targets[0].id, stmt.value
        if self._alias(stmt, tracked, bound) is not None:
            tracked[name] = tracked.get(value.id) or Entry(value.id, None, frozenset({value.id}))
            return
        if isinstance(value, gast.Name) and value.id != name and value.id in self.own and \
                self.test is not None and not {value.id, name} & self.captured:
            tracked[name] = Entry(value.id, None, frozenset({value.id}), guarded=True)
            return
        whole = whole_view(value, self.facts, bound)
        if whole is not None and whole.id in self.own and whole.id not in tracked and \
                name != whole.id and not {name, whole.id} & self.captured:
            kind = self._kind(whole, bound)  # (an array written by index is an ndarray)
            if kind.array or self.test is not None:  # (else under the test that it is one)
                tracked[name] = Entry(whole.id, None, frozenset({whole.id}), not kind.array,
                                      value, kind.ndarray)
            return
        if not (isinstance(value, gast.Subscript) and isinstance(value.value, gast.Name)):
            return
        holder = value.value.id
        if holder in tracked and (tracked[holder].index is not None or
                                  tracked[holder].spelled is not None):
            return  # (a view of a view: not composed)
        base = tracked[holder].base if holder in tracked else holder
        entries = self.facts.basic(value.slice)
        uses = frozenset({base} | set(build.names(value.slice)))
        kind = self._kind(build.name(base), bound)
        if entries is None or name in uses or (uses | {name}) & self.captured or \
                base not in self.own:
            return
        sliced = any(isinstance(e, gast.Slice) for e in entries)
        if kind.array and (sliced or kind.rank is not None and kind.rank > len(entries)):
            tracked[name] = Entry(base, entries, uses)
        elif self.test is not None and (not kind.array or kind.rank is None):
            tracked[name] = Entry(base, entries, uses, guarded=True)


def ndarray_test(facts: Facts) -> Callable[[list[str]], gast.expr] | None:
    """``names -> isinstance(a, np.ndarray) and ...`` in the function's own spelling of NumPy
    (a name of its scope bound to the module) and of ``isinstance`` (the builtin), or None."""
    spelled = numpy_spelling(facts)
    if spelled is None or facts.resolves_to(build.name("isinstance"), builtins.isinstance) is None:
        return None

    def test(names: list[str]) -> gast.expr:
        kind = build.attribute(build.name(spelled), "ndarray")
        tests = [build.call("isinstance", build.name(n), build.clone(kind)) for n in names]
        return gast.BoolOp(op=gast.And(), values=tests)
    return test


def _read(entry: Entry) -> gast.expr:
    if entry.spelled is not None:
        return build.clone(entry.spelled)
    if entry.index is None:
        return build.name(entry.base)
    return build.subscript(build.name(entry.base), _index([build.clone(e) for e in entry.index]))


def _index(entries: list[gast.expr]) -> gast.expr:
    return entries[0] if len(entries) == 1 else build.tuple_(entries)


def _stores(node: gast.AST, arrays: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The names ``node`` binds, deletes or writes into (``n[...] = v``), but for the writes
    into ``arrays`` (ndarrays: ``a op= e`` and ``a[j] = e`` keep the array ``a`` holds)."""
    kept = {id(s.target) for s in walk(node) if isinstance(s, gast.AugAssign) and
            isinstance(s.target, gast.Name) and s.target.id in arrays}
    found = set()
    for sub in walk(node):
        if isinstance(sub, gast.Name) and isinstance(sub.ctx, (gast.Store, gast.Del)):
            if id(sub) not in kept:
                found.add(sub.id)
        elif isinstance(sub, (gast.Global, gast.Nonlocal)):
            found.update(sub.names)
        elif isinstance(sub, (gast.Subscript, gast.Attribute)) and \
                isinstance(sub.ctx, (gast.Store, gast.Del)):
            written = build.names(sub.value)
            if not (isinstance(sub, gast.Subscript) and isinstance(sub.ctx, gast.Store) and
                    isinstance(sub.value, gast.Name) and sub.value.id in arrays):
                found.update(written)
    return found


def unsafe_reads(node: gast.AST, watched: set[str], facts: Facts,
            exempt: gast.AST | None = None) -> set[str]:
    """The ``watched`` names ``node`` reads other than as an operand, a subscripted or measured
    array, or an argument of a NumPy function that makes a new value (see :func:`_safe`);
    ``exempt``: a name read that is followed anyway (the value of ``w = v``, the right side of
    a write, read before it)."""
    parents = {id(c): p for p in walk(node) for c in gast.iter_child_nodes(p)}
    return {n.id for n in walk(node) if isinstance(n, gast.Name) and n.id in watched and
            isinstance(n.ctx, gast.Load) and n is not exempt and not _safe(n, parents, facts)}


def _safe(node: gast.Name, parents: dict, facts: Facts) -> bool:
    parent = parents.get(id(node))
    if isinstance(parent, (gast.BinOp, gast.UnaryOp, gast.Compare)):
        return True
    if isinstance(parent, gast.Subscript):  # (a read, or a write into its memory)
        return parent.value is node
    if isinstance(parent, gast.Attribute) and isinstance(parent.ctx, gast.Load):
        call = parents.get(id(parent))
        return parent.attr in _READS or parent.attr in _METHODS and \
            isinstance(call, gast.Call) and call.func is parent
    if isinstance(parent, gast.Call) and node in parent.args and \
            not any(k.arg == "out" for k in parent.keywords):
        value = facts.resolved(parent.func)
        return isinstance(value, np.ufunc) or any(value is f for f in _NUMPY_READS)
    return False
