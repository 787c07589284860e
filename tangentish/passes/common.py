"""Common subexpressions: a pure expression computed again from the same operands reads the value
computed first.

The primal computes ``np.sin(y)``, the tangent of ``np.cos(y)`` computes it again; the adjoint of
``x ** 3`` and a later ``x ** 2`` both square ``x``.  An expression ``E`` at a statement ``S2`` is
replaced by what an earlier statement ``S1`` computed when

- ``E`` is pure (operators, numbers and the calls :class:`substitute.Purity` accepts: NumPy ufuncs
  and reductions, ``math``, the runtime's shape helpers; no attribute, no subscript, no ``out=``),
  and reads at least one name;
- ``S1`` is not a primal statement read by the adjoint of a derivative that does not compute
  the primal's output (``Derivative.plain_seed``): what only the output needs goes
  there, and sharing it would keep it alive instead;
- ``S1`` dominates ``S2``: it comes before it in the same statement list, or before the ``if``
  that holds ``S2`` (never across a loop's boundary: a loop's body starts with nothing known);
- nothing between them binds a name ``E`` reads (so both read the same *versions*), nor changes
  anything in place: a statement that is not a plain assignment of pure values to names (an
  in-place update, a tape pop, a call that might write an array) forgets everything known;
- the value can be shared: where ``S2`` is ``w = E`` and ``S1`` is ``v = E``, ``w = v`` makes one
  array of two, so neither ``v`` nor ``w`` may be changed in place anywhere in the function, nor
  share memory with anything that is (:func:`.common_names.touched`), and ``w`` is not returned nor held by
  what is returned (two results would be one array); where ``E`` is an operand, its parent
  makes a new value (an operator, a ufunc, a reduction), or a node above it does with only pure
  calls between (``_rt.divided(_rt.unbroadcast(E, x), ...)``), so no name sees the shared array
  through a view.  A value first computed where it cannot be named is named where it is
  computed next, for the readers after that.

When ``S1`` computes ``E`` inside a larger expression and ``S2`` is ``t = E`` later in the same
list, with only pure assignments between that do not mention ``t``, ``S2`` moves up before
``S1`` and ``S1`` reads ``t``.  The same NumPy call on the same arrays gives the same bits, so the
derivative's values are unchanged (tests/test_common.py compares every zoo function in every mode
bit for bit with and without this pass).

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, x_dot, g):
    ...     y = np.sin(x)
    ...     y_dot = -x_dot * np.sin(x)
    ...     t = g * (1.0 - y * y)
    ...     u = y * y
    ...     return y_dot + t + u
    ... ''').body[0]
    >>> fn = Derivative(node.name, node.args, node.body, Namer(set()))
    >>> share_common(fn)
    True
    >>> print(function_text(node), end="")
    def f(x, x_dot, g):
        y = np.sin(x)
        y_dot = -x_dot * y
        u = y * y
        t = g * (1.0 - u)
        return y_dot + t + u
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.tree_walk import walk
from .common_reads import MASKS, PARTS, PRODUCTS, Entry, Reads, Table, array_method, read_through
from .dataflow import assigned, statements, stores, target
from .derivative import Derivative
from .repeats import Repeats
from .sink import Pure
from .substitute import _LEAVES, Purity
from .walks import Walks

_CANDIDATES = (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare, gast.Attribute,
               gast.Subscript)


def share_common(fn: Derivative, walks: Walks | None = None) -> bool:
    """Reuse values computed before (see the module docstring); returns whether anything
    changed.  ``walks``: the statements' walks (those changed are forgotten).  A function whose
    expressions repeat nothing (:class:`.repeats.Repeats`) is left at once."""
    repeats = Repeats(fn.body)
    if not repeats.keys:
        return False
    walks = walks or Walks()
    sharer = _Sharer(fn, walks, repeats)
    sharer.block(fn.body, Table())
    if sharer.changed or not sharer.unnamed:
        return sharer.changed
    sharer = _Sharer(fn, walks, repeats, naming=True)  # (a name of its own, only once nothing
    sharer.block(fn.body, Table())  # else is shared: a later `w = E` moves up instead)
    return sharer.changed


def _names(fn: Derivative, purity: Purity) -> tuple[set[str], set[str]]:
    """The names that may be changed in place or share memory with one that is, and those
    returned or held by what is returned (a list, a view)."""
    from .common_names import closed, touched  # (imported where a repeat is found)
    changed, links = touched(fn.body, purity)
    returned = {n for s in statements(fn.body) if s.__class__ is gast.Return for n in build.loads(s)}
    return closed(changed, links), closed(set(fn.protected) | returned, links)


class _Sharer:
    """Until something changed, only what :class:`.repeats.Repeats` found repeated is looked
    up or remembered (the same expression written again has the same key); after a change, a
    statement's text is no longer the one keyed, and everything is."""

    def __init__(self, fn: Derivative, walks: Walks, repeats: Repeats, naming: bool = False):
        self.fn, self.walks, self.repeats, self.naming = fn, walks, repeats, naming
        self.unnamed = False  # (a value computed inside two statements could have a name)
        self.purity = Purity(fn, PRODUCTS | MASKS)
        self.quiet = Pure(fn.machinery, fn.tapes)
        self._names: tuple[set[str], set[str]] | None = None
        self.reads = Reads(fn, self.purity)
        self.table = Table()  # (the one :meth:`_visit` looks in)
        self.inserted: dict[int, int] = {}  # (a block's id → the statements named into it)
        self.alias: tuple[str, str] | None = None  # (the copy ``w = v`` a statement made)
        self.moved = False  # (whether the statement visited moved up)
        self.changed = False

    def names(self) -> tuple[set[str], set[str]]:
        """:func:`_names` of the function (found when first asked)."""
        if self._names is None:
            self._names = _names(self.fn, self.purity)
        return self._names

    def block(self, body: list[gast.stmt], table: Table) -> None:
        index = 0
        while index < len(body):
            stmt = body[index]
            if isinstance(stmt, ir.COMPOUND):  # an if's branches start from what is known before
                known = table if stmt.__class__ is gast.If else Table()
                self.block(stmt.body, known.copy())
                self.block(stmt.orelse, known.copy())
                if not table.entries:
                    pass  # (nothing known, nothing to forget)
                elif all(self._plain(s) for s in statements([stmt]) if s is not stmt):
                    table.forget(assigned([stmt]))
                else:
                    table.clear()
            elif isinstance(stmt, (ir.Comment, ir.Push)):
                pass  # (a push reads; nothing changes)
            elif not self.changed and not self.repeats.holds(stmt):
                if not table.entries:
                    pass  # (it shares nothing, teaches nothing, and nothing known is to forget)
                elif self._plain(stmt):
                    table.forget(stores(stmt))
                else:
                    table.clear()
            elif self._plain(stmt):
                candidates = self._visit(body, index, table)
                if not self.moved:  # (a statement moved up forgot what its name held there)
                    table.forget(stores(stmt))
                self.moved = False
                self._learn(body, stmt, table, candidates)
                if self.alias is not None:  # (``w = v`` made: later reads of ``w`` read ``v``)
                    table.aliases[self.alias[0]] = self.alias[1]
                    self.alias = None
            else:
                table.clear()
            index += 1 + self.inserted.pop(id(body), 0)  # (past what was named before it)

    def _plain(self, stmt: gast.stmt) -> bool:
        """A plain assignment to names whose value changes nothing (``slice(...)``, calls of
        NumPy, ``math`` and the runtime that write into no argument, :meth:`.sink.Pure.call`:
        views included, which :func:`.common_names.touched` links to what they view), or a
        marker that does nothing."""
        if isinstance(stmt, (ir.Comment, ir.Push, *ir.COMPOUND)):
            return True
        if stmt.__class__ is not gast.Assign or ir.note(stmt).updates:
            return False
        if target(stmt) is None and not all(
                isinstance(n, (gast.Name, gast.Tuple, gast.expr_context))
                for t in stmt.targets for n in walk(t)):
            return False
        call = self.quiet.call
        return all(node.__class__ is not gast.Call or call(node) or node.func.__class__ is
                   gast.Name and node.func.id == "slice" or node is stmt.value and
                   array_method(stmt) for node in self.walks.value(stmt))

    def _candidates(self, root: gast.expr) -> dict[int, bool]:
        """Each operator or call below ``root`` (by id) → whether it is pure, reads a name and
        (until something changed) has a repeated key."""
        found: dict[int, bool] = {}
        of, every, repeats = self.purity.of, self.changed, self.repeats.repeats

        def visit(node: gast.AST) -> tuple[bool, bool]:
            if node.__class__ is gast.Call:
                pure, named, children = of([node]), False, [*node.args, *node.keywords]
            elif node.__class__ is gast.Attribute:  # (x.T of a name surely holding an array)
                pure, named, children = self.reads.array_read(node), False, (node.value,)
            elif node.__class__ is gast.Subscript:  # (an item or a view of what NumPy made)
                pure, named, children = self.reads.item_read(node), False, (node.value, node.slice)
            elif node.__class__ in PARTS:  # (a slice or a tuple: as pure as its parts)
                pure, named, children = True, False, build.children(node)
            else:
                pure = isinstance(node, _LEAVES)
                named, children = node.__class__ is gast.Name, build.children(node)
            for child in children:
                inner, read = visit(child)
                pure, named = pure and inner, named or read
            if isinstance(node, _CANDIDATES):
                found[id(node)] = pure and named and (every or repeats(node))
            return pure, named

        try:
            visit(root)
        finally:
            visit = None  # (a recursive closure: a reference cycle keeping the trees)
        return found

    def _visit(self, body: list[gast.stmt], index: int, table: Table) -> dict[int, bool] | None:
        """Replace what ``body[index]`` computes again, largest expressions first; returns
        :meth:`_candidates` of its value if nothing was replaced."""
        stmt = body[index]
        if table.aliases and read_through(stmt, table.aliases):
            self.walks.forget(stmt)
        candidates = self._candidates(stmt.value)
        replaced, self.table = False, table  # (no candidate: no node to look up, none walked)
        stack: list[tuple] = [(stmt.value, None)] if any(candidates.values()) else []
        while stack:
            node, parent = stack.pop()
            if candidates.get(id(node)):
                text = expression_text(node)
                entry = table.entries.get(text)
                at = index + self.inserted.get(id(body), 0)  # (named before it: moved on)
                if entry is not None and self._reuse(body, at, node, parent, entry):
                    table.users.setdefault(entry.name, []).append(text)  # (hoisted: it has one)
                    replaced = True
                    continue
            for child in reversed(build.children(node)):
                stack.append((child, node))
        return None if replaced else candidates

    def _reuse(self, body: list[gast.stmt], index: int, node: gast.expr,
               parent: gast.AST | None, entry: Entry) -> bool:
        from .common_names import replace, split  # (imported where a repeat is found)
        stmt, whole = body[index], parent is None
        name = target(stmt) if whole else None
        apart = self.fn.quiet_apart(stmt, entry.stmt) or \
            self.fn.plain_seed and ir.note(stmt).adjoint and not ir.note(entry.stmt).adjoint
        # (plain seed: the primal's output goes, and what it alone reads too; a value named
        # anew is primal code where either reader is: split() holds for neither)
        apart = apart or entry.name is not None and split(stmt, entry.stmt)
        if name is not None and entry.block is body and (
                entry.name is None and self._hoist(body, index, entry, name) or
                entry.name is not None and split(stmt, entry.stmt) and
                not self.fn.quiet_apart(stmt, entry.stmt) and self._swap(body, index, entry, name)):
            entry.name, entry.node, entry.stmt = name, stmt.value, stmt
        elif apart or whole and (name is None or name in self.names()[1] or
                                 {name, entry.name} & self.names()[0]) or \
                not whole and not self.reads.unseen(stmt.value, parent) or \
                entry.name is None and (node.__class__ is gast.Subscript or
                                        not self._name(entry, stmt, (body, node))):  # (an item)
            return False
        else:  # (naming the entry just now may have put the name here: a subtree held twice)
            if whole or any(child is node for child in gast.iter_child_nodes(parent)):
                replace(stmt, node, parent, build.name(entry.name))
            self.alias = (name, entry.name) if whole else None
        self.walks.forget(stmt)
        self.changed = True
        return True

    def _hoist(self, body: list[gast.stmt], index: int, entry: Entry, name: str) -> bool:
        """Move ``name = E`` (``body[index]``) before the statement that computes ``E`` inside
        an expression, which then reads ``name``."""
        from .common_names import replace, split
        first = next((i for i in range(index - 1, -1, -1) if body[i] is entry.stmt), None)
        if first is None or ir.note(body[index]).keep or \
                split(entry.stmt, body[index]) or self.fn.quiet_apart(entry.stmt, body[index]):
            return False
        for stmt in body[first:index]:
            if isinstance(stmt, ir.Comment):
                continue
            if not self._plain(stmt) or name in build.names(stmt):
                return False
        if not self.reads.pure(build.node_list(entry.stmt.value)):
            return False  # (its other calls might see E's operands change: none is made)
        parents = {id(c): p for p in walk(entry.stmt.value)
                   for c in gast.iter_child_nodes(p)}
        parent = parents.get(id(entry.node))
        if parent is None or not self.reads.fresh(parent):
            return False
        moved = body.pop(index)
        body.insert(first, moved)
        replace(entry.stmt, entry.node, parent, build.name(name))
        self.walks.forget(entry.stmt)
        self._moved(name)
        self._rekey({id(entry.stmt)})
        self._relearn(body, [entry.stmt], index + 1)
        return True

    def _swap(self, body: list[gast.stmt], index: int, entry: Entry, name: str) -> bool:
        """Move ``name = E`` (primal code, ``body[index]``) up before derivative code ``v = E``,
        which then reads it (``v = name``): primal code never reads what derivative code
        computes (:func:`.common_names.split`), the converse is how derivatives read."""
        old, (changed, returned) = entry.name, self.names()
        if {name, old} & changed or {name, old} & returned or ir.note(body[index]).keep or \
                ir.note(entry.stmt).keep:
            return False
        first = next((i for i in range(index - 1, -1, -1) if body[i] is entry.stmt), None)
        if first is None or not all(isinstance(s, ir.Comment) or self._plain(s) and
                                    name not in build.names(s) for s in body[first + 1:index]):
            return False
        body.insert(first, body.pop(index))
        entry.stmt.value = build.name(name)
        self.walks.forget(entry.stmt)
        self.alias = (old, name)
        between = [s for s in body[first + 2:index + 1] if s.__class__ is gast.Assign and
                   read_through(s, {old: name})]  # (they read ``name`` too)
        for stmt in between:
            self.walks.forget(stmt)
        self._moved(name)
        self._rekey({id(s) for s in between})
        self._relearn(body, [entry.stmt, *between], index + 1)
        return True

    def _name(self, entry: Entry, reader: gast.stmt, at: tuple[list, gast.expr]) -> bool:
        """Bind what ``entry`` computes inside its statement to a name of its own, just before
        that statement (:func:`.common_names.name_first`), which ``entry`` then holds (when
        :attr:`naming`; else only note that it could be); where it cannot, the reader's
        (``at``: its block and node) is the one a later reader looks for."""
        if not self.naming:
            self.unnamed = True
            return False
        from .common_names import name_first
        block = entry.block
        index = next((i for i, s in enumerate(block) if s is entry.stmt), None)
        name = None if index is None else \
            name_first(block, index, entry.node, self.fn.namer,
                       lambda parent: self.reads.unseen(entry.stmt.value, parent),
                       ir.note(reader).adjoint and ir.note(entry.stmt).adjoint)
        if name is None:
            self.table.again(reader, *at, entry.reads)
            return False
        self.walks.forget(entry.stmt)
        self.inserted[id(block)] = self.inserted.get(id(block), 0) + 1
        inner = {id(n) for n in walk(entry.node)}
        for other in self.table.entries.values():  # (what E holds is computed there now)
            if other.stmt is entry.stmt and id(other.node) in inner:
                other.stmt = block[index]
        self._rekey({id(entry.stmt)})
        entry.name = name
        return True

    def _moved(self, name: str) -> None:
        """The statement visited, binding ``name``, moved up: what read ``name`` before is
        forgotten now (not once it is visited, which would forget what reads it since)."""
        self.table.forget({name})
        self.moved = True

    def _relearn(self, body: list[gast.stmt], changed: list[gast.stmt], end: int) -> None:
        """Learn what the statements ``changed`` of ``body`` compute now, all of it (a look for
        repeated keys skipped what their old text did not repeat), but what reads a name bound
        after them, before ``body[end]``, or is held by one (grammar seed 8938 program 3)."""
        self.changed = True
        for stmt in changed:
            start = next(i for i in range(end - 1, -1, -1) if body[i] is stmt)
            bound = assigned(body[start + 1:end])
            table = Table()
            self._learn(body, stmt, table)
            for text, entry in table.entries.items():
                if text not in self.table.entries and not (entry.reads | {entry.name}) & bound:
                    self.table.add(text, entry)

    def _rekey(self, changed: set[int]) -> None:
        """Know what the statements of ids ``changed`` compute by the text they have now (a
        name read where an expression or another name was), and forget what they no longer
        compute."""
        table, live = self.table, {}
        for text, other in list(table.entries.items()):
            if id(other.stmt) in changed:
                if id(other.stmt) not in live:
                    live[id(other.stmt)] = {id(n) for n in walk(other.stmt.value)}
                now = expression_text(other.node)
                if id(other.node) not in live[id(other.stmt)]:  # (what moved away with E)
                    del table.entries[text]
                elif now != text:
                    del table.entries[text]
                    other.reads = build.loads(other.node)
                    if now not in table.entries:
                        table.add(now, other)

    def _learn(self, body: list[gast.stmt], stmt: gast.stmt, table: Table,
               candidates: dict[int, bool] | None = None) -> None:
        """Remember what ``stmt`` computes (what reads a name it binds is another version;
        ``candidates``: :meth:`_candidates` of its value, if known)."""
        bound = stores(stmt)
        name = target(stmt)
        if candidates is None:
            candidates = self._candidates(stmt.value)
        for node in build.node_list(stmt.value) if any(candidates.values()) else ():
            if not candidates.get(id(node)):
                continue
            text = expression_text(node)
            reads = build.loads(node)
            if text in table.entries or not reads.isdisjoint(bound):
                continue
            table.add(text, Entry(stmt, node, body, name if node is stmt.value else None, reads))
