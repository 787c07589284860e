"""Writes through an item of a list of views of a local array, made on the array.

``rows = [Y[0], Y[1]]``, ``rows = [Y[i] for i in range(2)]`` and ``rows = list(Y)`` (of an
array of two axes or more) hold views: ``rows[0] *= e`` changes ``Y`` (and every item sharing
that row), which the single-assignment program does not model (:mod:`.aliases` refuses it).
Where the item is provably a view of ``Y``, this pass (on the function's AST, before
desugaring and before :mod:`.view_writes`) writes on ``Y`` and makes the list again, which
NumPy computes exactly as the program did: the new list holds views of the same memory.

==================================  ==============================================
``rows = [Y[a], Y[b]]``             ``rows[k] op= e`` (``k`` an int constant) is
                                    ``Y[a] op= e`` (item ``k`` of the display), then
                                    ``rows = [Y[a], Y[b]]``; for ``a``, ``b`` ints and
                                    ``k`` any int (a loop's index), ``Y[(a, b)[k]]``
``rows = [Y[i] for i in range(n)]`` ``Y[range(n)[k]] op= e`` (``k`` any int; item
                                    ``k``'s own subscript where the bounds are int
                                    constants), then the comprehension again
``rows = list(Y)``                  ``Y[k] op= e`` (``k`` an int), then ``list(Y)``
==================================  ==============================================

Proven, per statement list (a list made in one block is followed in that block and the
blocks nested in it that keep it the same throughout): ``Y`` is a local array (never a closure's)
of a proven rank, every item is a basic subscript of it that makes a view (a slice, or fewer
ints than the rank), and between the list's creation and the write nothing binds the list,
``Y`` or a name the items read, nor changes the list otherwise (``rows[j] = v``,
``rows.append(v)``) or lets it escape (passed to a call, held by another name or container).
The right side of the write reads the list and ``Y`` only as operands, subscripted or
measured.  Anything else is left as it is (and refused as before).

Where ``Y``'s rank is proven only with the module-level arrays it is made from as they are now
(``Y = C * 1.0`` of a 2-d ``C``, which the program may rebind before the derivative runs), the
write is made on ``Y`` under the test that the items still are views, and as the program wrote
it otherwise (then ``rows = list(rows)``, a list of the same items, so that the list after the
test is new on either path): ``if isinstance(Y, np.ndarray) and Y.ndim > 1:`` (more axes than
the most ints an item of no slice has).  The test gives the same answer on every write, since
nothing binds ``Y`` while the list is followed and a write in place keeps its shape.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     Y = np.outer(x, x)
    ...     rows = [Y[0], Y[1]]
    ...     rows[-1] *= np.tanh(x[0])
    ...     return np.sum(Y ** 2)
    >>> info = parse_function(f)
    >>> rewrite_list_views(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        Y = np.outer(x, x)
        rows = [Y[0], Y[1]]
        Y[1] *= np.tanh(x[0])
        rows = [Y[0], Y[1]]
        return np.sum(Y ** 2)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import gast

from ..syntax import build
from ..syntax.form_tests import changes_items
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .view_positions import substituted
from .view_writes import ndarray_test, unsafe_reads

if TYPE_CHECKING:
    from .view_facts import Facts

_IN_PLACE = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)
_BLOCKS = ("body", "orelse", "finalbody")


class Listed(NamedTuple):
    base: str  # the array whose views the list holds
    made: gast.expr  # the list's value, made again after a write
    items: list[gast.expr] | None  # each item's subscript of ``base``; None: ``list(base)``;
    # []: a comprehension over a range of bounds known where it runs
    uses: frozenset[str]  # the names making the list reads
    ints: int | None = None  # (guarded: ``base``'s rank unproven) the most ints an item of no
    # slice has: its items are views when ``base`` is an ndarray of more axes than that


def rewrite_list_views(info: SourceInfo) -> None:
    """Rewrite the writes described in the module docstring, in place."""
    if not changes_items(info.node):
        return  # (no item changed in place: nothing to rewrite)
    from .view_facts import Facts

    nested = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)
    captured = {n.id for node in walk(info.node) if isinstance(node, nested) and
                node is not info.node for n in walk(node) if isinstance(n, gast.Name)}
    facts = Facts(info)
    listed = facts.resolves_to(build.name("list"), builtins.list) is not None
    guess = Facts(info, module_ranks=True) if listed and ndarray_test(facts) else None
    _Rewriter(facts, captured, ndarray_test(facts), guess).block(info.node.body, {})


class _Rewriter:
    def __init__(self, facts: Facts, captured: set[str], test: Callable | None,
                 guess: Facts | None):
        self.facts = facts
        self.captured = captured  # names a closure reads or binds (it may run at any time)
        self.test = test  # (spelling ``isinstance(Y, np.ndarray)``, if the function can)
        self.guess = guess  # the facts with module-level arrays' ranks as they are now (None
        # where ``list`` is not the builtin or the test cannot be spelled)

    def block(self, body: list[gast.stmt], inherited: dict[str, Listed]) -> None:
        """Rewrite ``body``, whose first statement sees the lists ``inherited`` follows."""
        tracked = dict(inherited)
        out: list[gast.stmt] = []
        for stmt in body:
            written = self._write(stmt, tracked)
            if written is not None:
                out.extend(written)
                continue
            for name in self._broken(stmt, tracked):
                del tracked[name]
            for field in _BLOCKS:
                if isinstance(getattr(stmt, field, None), list):
                    self.block(getattr(stmt, field), tracked)
            for handler in getattr(stmt, "handlers", ()):
                self.block(handler.body, tracked)
            self._track(stmt, tracked)
            out.append(stmt)
        body[:] = out

    def _write(self, stmt: gast.stmt, tracked: dict[str, Listed]) -> list[gast.stmt] | None:
        """``base[index] op= e`` and the list made again, for ``rows[k] op= e``, or None."""
        if not (isinstance(stmt, gast.AugAssign) and isinstance(stmt.op, _IN_PLACE) and
                isinstance(stmt.target, gast.Subscript) and
                isinstance(stmt.target.value, gast.Name) and stmt.target.value.id in tracked):
            return None
        name = stmt.target.value.id
        listed = tracked[name]
        target = self._item(listed, stmt.target.slice)
        if target is None or _binds(stmt.value) or \
                unsafe_reads(stmt.value, {name, listed.base}, self.facts):
            return None
        moved = gast.AugAssign(target=gast.copy_location(target, stmt.target), op=stmt.op,
                               value=build.clone(stmt.value))
        again = build.assign(name, build.clone(listed.made))
        written = [gast.copy_location(moved, stmt), gast.copy_location(again, stmt)]
        if listed.ints is None:
            return written
        anew = build.assign(name, build.call("list", build.name(name)))  # (no other name holds
        anew = gast.copy_location(anew, stmt)  # the list, so it may be made anew: one kind)
        return [gast.copy_location(build.if_(self._views(listed), written, [stmt, anew]), stmt)]

    def _views(self, listed: Listed) -> gast.expr:
        """``isinstance(Y, np.ndarray) and Y.ndim > k``: the guarded list's items are views of
        ``Y`` (the same on every write: nothing binds ``Y`` while the list is followed, and a
        write in place keeps its shape), so every write takes the same branch."""
        test = self.test([listed.base])
        if listed.ints >= 1:
            ndim = build.attribute(build.name(listed.base), "ndim")
            test.values.append(gast.Compare(left=ndim, ops=[gast.Gt()],
                                            comparators=[build.constant(listed.ints)]))
        return test

    def _item(self, listed: Listed, index: gast.expr) -> gast.Subscript | None:
        """The subscript of the list's base that item ``index`` of the list is, or None."""
        base = build.name(listed.base)
        if listed.items is None:  # (``list(Y)``: item ``k`` is ``Y[k]``)
            return build.subscript(base, build.clone(index), store=True) \
                if self.facts.is_int(index) else None
        k = _constant(index)
        if k is None and self.facts.is_int(index) or not listed.items and k is not None:
            moved = self._at(listed, index)
            return None if moved is None else build.subscript(base, moved, store=True)
        if k is None or not -len(listed.items) <= k < len(listed.items):
            return None
        return build.subscript(base, build.clone(listed.items[k]), store=True)

    def _at(self, listed: Listed, index: gast.expr) -> gast.expr | None:
        """The subscript of the base that item ``index`` (an int expression, ``rows[k]`` in a
        loop) is: the comprehension's with ``range(n)[k]`` for its name (an index out of range
        raises as the list's would), or ``(a, b)[k]`` of a display of single int subscripts."""
        made = listed.made
        if isinstance(made, gast.ListComp):
            loop = made.generators[0]
            return substituted(made.elt.slice, loop.target.id, build.subscript(
                build.clone(loop.iter), build.clone(index)))
        if all(self.facts.is_int(item) for item in listed.items):
            return build.subscript(build.tuple_([build.clone(i) for i in listed.items]),
                                   build.clone(index))
        return None

    def _broken(self, stmt: gast.stmt, tracked: dict[str, Listed]) -> list[str]:
        """The lists ``stmt`` may break: a name they read bound, the list changed otherwise
        than by a write this pass makes (anywhere in ``stmt``), or escaping."""
        if not tracked:
            return []
        kept = {id(n.target) for n in walk(stmt) if isinstance(n, gast.AugAssign) and
                isinstance(n.target, gast.Subscript) and isinstance(n.target.value, gast.Name)
                and n.target.value.id in tracked and self._item(
                    tracked[n.target.value.id], n.target.slice) is not None}
        bound = _binds(stmt)
        changed = {n.value.id for n in walk(stmt) if isinstance(n, gast.Subscript) and
                   isinstance(n.ctx, (gast.Store, gast.Del)) and id(n) not in kept and
                   isinstance(n.value, gast.Name)}
        escaped = unsafe_reads(stmt, set(tracked), self.facts)
        return [name for name, listed in tracked.items()
                if (listed.uses | {name}) & bound or name in changed | escaped]

    def _track(self, stmt: gast.stmt, tracked: dict[str, Listed]) -> None:
        """``rows = <a list of views of an array>`` starts being followed."""
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name)):
            return
        name, value = stmt.targets[0].id, stmt.value
        found = self._listed(value)
        if found is None or name in found.uses or \
                (found.uses | {name}) & self.captured or found.base not in self.facts.locals:
            return
        tracked[name] = found

    def _listed(self, value: gast.expr) -> Listed | None:
        """What ``value`` is, as a list of views of one array, or None."""
        if isinstance(value, gast.List) and value.elts:
            items = [e for e in value.elts if isinstance(e, gast.Subscript) and
                     isinstance(e.value, gast.Name)]
            if len(items) != len(value.elts) or len({e.value.id for e in items}) != 1:
                return None
            return self._viewed(items[0].value.id, value, [e.slice for e in items])
        if isinstance(value, gast.ListComp):
            return self._comprehension(value)
        if isinstance(value, gast.Call) and len(value.args) == 1 and not value.keywords and \
                isinstance(value.args[0], gast.Name) and \
                self.facts.resolves_to(value.func, builtins.list) is not None:
            kind, uses = self.facts.kind(value.args[0]), frozenset({value.args[0].id})
            if kind.array and kind.rank is not None:
                return Listed(value.args[0].id, value, None, uses) if kind.rank >= 2 else None
            return Listed(value.args[0].id, value, None, uses, 1) if self._guessed(
                value.args[0].id, 1) else None
        return None

    def _guessed(self, base: str, ints: int) -> bool:
        """Whether ``base``'s rank, unproven, is more than ``ints`` with the module-level arrays
        it is made from as they are now (``Y = C * x``): its items are views then, and the
        write is made on it under the test that they still are (:meth:`_views`)."""
        kind = self.guess.kind(build.name(base)) if self.guess is not None else None
        return kind is not None and kind.array and kind.rank is not None and kind.rank > ints

    def _comprehension(self, value: gast.ListComp) -> Listed | None:
        """``[Y[..i..] for i in range(...)]``: the display it makes where the bounds are int
        constants, else (``range(n)``, ``range(len(Y))``) the comprehension, whose item ``k``
        is ``Y[..range(...)[k]..]`` (:meth:`_at`), followed."""
        if len(value.generators) != 1:
            return None
        loop = value.generators[0]
        bounds = [_constant(a) for a in getattr(loop.iter, "args", ())]
        if loop.ifs or getattr(loop, "is_async", 0) or not isinstance(loop.target, gast.Name) \
                or not isinstance(loop.iter, gast.Call) or loop.iter.keywords or \
                not 1 <= len(bounds) <= 3 or \
                self.facts.resolves_to(loop.iter.func, builtins.range) is None or \
                not (isinstance(value.elt, gast.Subscript) and
                     isinstance(value.elt.value, gast.Name)):
            return None
        if None in bounds:  # (of a length known where it runs: item k read by ``range``)
            found = self._viewed(value.elt.value.id, value, [substituted(
                value.elt.slice, loop.target.id, build.constant(0))])
            return None if found is None else found._replace(items=[])
        positions = range(*bounds) if bounds[-1] != 0 or len(bounds) < 3 else range(0)
        if not positions or len(positions) > 64:
            return None
        items = [substituted(value.elt.slice, loop.target.id, build.constant(k))
                 for k in positions]
        return self._viewed(value.elt.value.id, value, items)

    def _viewed(self, base: str, made: gast.expr, items: list[gast.expr]) -> Listed | None:
        """The list ``made`` of the subscripts ``items`` of ``base``, where each is a view."""
        kind = self.facts.kind(build.name(base))
        ranked = kind.array and kind.rank is not None
        uses, ints = {base}, 0
        for index in items:
            entries = self.facts.basic(index)
            if entries is None:
                return None
            if not any(isinstance(e, gast.Slice) for e in entries):
                ints = max(ints, len(entries))
            uses |= set(build.names(index))
        if ranked and ints >= kind.rank or not ranked and not self._guessed(base, ints):
            return None  # (as many ints as axes: a copy, not a view)
        return Listed(base, made, items, frozenset(uses | set(build.names(made))),
                      None if ranked else ints)


def _binds(node: gast.AST) -> set[str]:
    """The names ``node`` binds or deletes (``name = v``, ``name op= v``, a loop's target...)."""
    found = {n.id for n in walk(node) if isinstance(n, gast.Name) and
             isinstance(n.ctx, (gast.Store, gast.Del))}
    found |= {name for n in walk(node) if isinstance(n, (gast.Global, gast.Nonlocal))
              for name in n.names}
    return found


def _constant(node: gast.AST | None) -> int | None:
    """The value of an int constant (``3``, ``-1``), or None."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, gast.Constant) and type(node.value) is int else None
