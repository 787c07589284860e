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
  share memory with anything that is (:func:`_touched`), and ``w`` is not returned nor held by
  what is returned (two results would be one array); where ``E`` is an operand, its parent
  makes a new value (an operator, a ufunc, a reduction), so no view of the shared array appears.

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
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.tree_walk import walk
from .dataflow import assigned, statements, stores, target
from .derivative import Derivative
from .repeats import Repeats
from .substitute import _LEAVES, MAX_DISTANCE, Purity
from .walks import Walks

_CANDIDATES = (gast.BinOp, gast.UnaryOp, gast.Call)
_FRESH_PARENTS = (gast.BinOp, gast.UnaryOp, gast.Compare)
_MAKES_NEW = frozenset({"sum", "mean", "prod", "max", "min", "amax", "amin", "where", "dot",
                        "outer", "inner", "clip", "square", "sqrt"})  # (NumPy: new arrays)
_PRODUCTS = frozenset({"chosen", "divided"})  # the runtime's products (np.multiply, np.where of
# a quotient): pure, new arrays; shared here, where substitute.py would inline what they read


class _Entry:
    """Where an expression was computed first: its statement and node, the statement list it is
    in, and the name holding exactly it (``v = E``), if any."""

    __slots__ = ("stmt", "node", "block", "name", "reads")

    def __init__(self, stmt: gast.stmt, node: gast.expr, block: list, name: str | None,
                 reads: set[str]):
        self.stmt, self.node, self.block, self.name, self.reads = stmt, node, block, name, reads


class _Table:
    """The expressions known at a point (text → :class:`_Entry`), and for each name the texts
    that may read it or be held by it (so that binding a name forgets only those)."""

    __slots__ = ("entries", "users")

    def __init__(self, entries: dict[str, _Entry] | None = None,
                 users: dict[str, list[str]] | None = None):
        self.entries = {} if entries is None else entries
        self.users = {} if users is None else users

    def copy(self) -> _Table:
        return _Table(dict(self.entries), {n: list(t) for n, t in self.users.items()})

    def add(self, text: str, entry: _Entry) -> None:
        self.entries[text] = entry
        for name in entry.reads | ({entry.name} if entry.name else set()):
            self.users.setdefault(name, []).append(text)

    def forget(self, bound: set[str]) -> None:
        """Forget what reads a name in ``bound`` or is held by one."""
        entries = self.entries
        for name in bound:
            for text in self.users.pop(name, ()):
                entry = entries.get(text)
                if entry is not None and (entry.name == name or name in entry.reads):
                    del entries[text]

    def clear(self) -> None:
        self.entries.clear()
        self.users.clear()


def share_common(fn: Derivative, walks: Walks | None = None) -> bool:
    """Reuse values computed before (see the module docstring); returns whether anything
    changed.  ``walks``: the statements' walks (those changed are forgotten).  A function whose
    expressions repeat nothing (:class:`.repeats.Repeats`) is left at once."""
    repeats = Repeats(fn.body)
    if not repeats.keys:
        return False
    sharer = _Sharer(fn, walks or Walks(), repeats)
    sharer.block(fn.body, _Table())
    return sharer.changed


class _Sharer:
    """Until something changed, only what :class:`.repeats.Repeats` found repeated is looked
    up or remembered (the same expression written again has the same key); after a change, a
    statement's text is no longer the one keyed, and everything is."""

    def __init__(self, fn: Derivative, walks: Walks, repeats: Repeats):
        self.fn, self.walks, self.repeats = fn, walks, repeats
        self.purity = Purity(fn, _PRODUCTS)
        self.rt = fn.machinery.aliases.get("_rt")
        self._names: tuple[set[str], set[str]] | None = None
        self.changed = False

    def names(self) -> tuple[set[str], set[str]]:
        """The names that may be changed in place or share memory with one that is, and those
        returned or held by what is returned (found when first asked)."""
        if self._names is None:
            fn = self.fn
            changed, links = _touched(fn.body, self.purity)
            self._names = _closed(changed, links), _closed(set(fn.protected) | {
                n for s in statements(fn.body) if s.__class__ is gast.Return
                for n in build.loads(s)}, links)  # (and what a returned list or view may hold)
        return self._names

    def block(self, body: list[gast.stmt], table: _Table) -> None:
        index = 0
        while index < len(body):
            stmt = body[index]
            if isinstance(stmt, ir.COMPOUND):  # an if's branches start from what is known before
                known = table if stmt.__class__ is gast.If else _Table()
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
                table.forget(stores(stmt))
                self._learn(body, stmt, table, candidates)
            else:
                table.clear()
            index += 1

    def _plain(self, stmt: gast.stmt) -> bool:
        """A plain assignment to names whose value changes nothing (pure calls, or the seed
        check), or a marker that does nothing."""
        if isinstance(stmt, (ir.Comment, ir.Push, *ir.COMPOUND)):
            return True
        if stmt.__class__ is not gast.Assign or ir.note(stmt).updates:
            return False
        if target(stmt) is None and not all(
                isinstance(n, (gast.Name, gast.Tuple, gast.expr_context))
                for t in stmt.targets for n in walk(t)):
            return False
        return all(node.__class__ is not gast.Call or self._seed(node) or self.purity.of([node])
                   for node in self.walks.value(stmt))

    def _seed(self, call: gast.Call) -> bool:
        func = call.func
        return func.__class__ is gast.Attribute and func.value.__class__ is gast.Name and \
            func.value.id == self.rt and func.attr == "seed"

    def _candidates(self, root: gast.expr) -> dict[int, bool]:
        """Each operator or call below ``root`` (by id) → whether it is pure, reads a name and
        (until something changed) has a repeated key."""
        found: dict[int, bool] = {}
        of, every, repeats = self.purity.of, self.changed, self.repeats.repeats

        def visit(node: gast.AST) -> tuple[bool, bool]:
            if node.__class__ is gast.Call:
                pure, named, children = of([node]), False, [*node.args, *node.keywords]
            else:
                pure = isinstance(node, _LEAVES)
                named, children = node.__class__ is gast.Name, gast.iter_child_nodes(node)
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

    def _visit(self, body: list[gast.stmt], index: int, table: _Table) -> dict[int, bool] | None:
        """Replace what ``body[index]`` computes again, largest expressions first; returns
        :meth:`_candidates` of its value if nothing was replaced."""
        stmt = body[index]
        candidates = self._candidates(stmt.value)
        replaced = False
        stack: list[tuple[gast.AST, gast.AST | None]] = [(stmt.value, None)]
        while stack:
            node, parent = stack.pop()
            if candidates.get(id(node)):
                text = expression_text(node)
                entry = table.entries.get(text)
                if entry is not None and self._reuse(body, index, node, parent, entry):
                    table.users.setdefault(entry.name, []).append(text)  # (hoisted: it has one)
                    replaced = True
                    continue
            for child in reversed(list(gast.iter_child_nodes(node))):
                stack.append((child, node))
        return None if replaced else candidates

    def _reuse(self, body: list[gast.stmt], index: int, node: gast.expr,
               parent: gast.AST | None, entry: _Entry) -> bool:
        stmt = body[index]
        whole = parent is None
        name = target(stmt) if whole else None
        if entry.name is not None:
            if _split(stmt, entry.stmt) or self.fn.quiet_apart(stmt, entry.stmt) or \
                    self.fn.plain_seed and \
                    ir.note(stmt).adjoint and not ir.note(entry.stmt).adjoint:
                return False  # (plain seed: the primal's output goes, what it alone reads too)
            if whole and (name is None or name in self.names()[1] or
                          {name, entry.name} & self.names()[0]):
                return False
            if not whole and not self._fresh(parent):
                return False
            _replace(stmt, node, parent, build.name(entry.name))
        elif name is not None and entry.block is body and self._hoist(body, index, entry, name):
            entry.name, entry.node, entry.stmt = name, stmt.value, stmt
        else:
            return False
        self.walks.forget(stmt)
        self.changed = True
        return True

    def _hoist(self, body: list[gast.stmt], index: int, entry: _Entry, name: str) -> bool:
        """Move ``name = E`` (``body[index]``) before the statement that computes ``E`` inside
        an expression, which then reads ``name``."""
        first = next((i for i in range(index - 1, max(index - MAX_DISTANCE, 0) - 1, -1)
                      if body[i] is entry.stmt), None)
        if first is None or ir.note(body[index]).keep or \
                _split(entry.stmt, body[index]) or self.fn.quiet_apart(entry.stmt, body[index]):
            return False
        for stmt in body[first:index]:
            if isinstance(stmt, ir.Comment):
                continue
            if not self._plain(stmt) or name in build.names(stmt):
                return False
        if not self.purity.of(build.node_list(entry.stmt.value)):
            return False  # (its other calls might see E's operands change: none is made)
        parents = {id(c): p for p in walk(entry.stmt.value)
                   for c in gast.iter_child_nodes(p)}
        parent = parents.get(id(entry.node))
        if parent is None or not self._fresh(parent):
            return False
        moved = body.pop(index)
        body.insert(first, moved)
        _replace(entry.stmt, entry.node, parent, build.name(name))
        self.walks.forget(entry.stmt)
        return True

    def _fresh(self, parent: gast.AST) -> bool:
        """Whether ``parent`` makes a new value of its operands (never a view of one)."""
        if isinstance(parent, _FRESH_PARENTS):
            return True
        if parent.__class__ is not gast.Call or not self.purity.of([parent]):
            return False
        func = parent.func
        if func.value.id == self.purity.np:
            return func.attr in _MAKES_NEW or isinstance(getattr(np, func.attr, None), np.ufunc)
        return func.value.id == self.purity.math or func.attr in _PRODUCTS

    def _learn(self, body: list[gast.stmt], stmt: gast.stmt, table: _Table,
               candidates: dict[int, bool] | None = None) -> None:
        """Remember what ``stmt`` computes (what reads a name it binds is another version;
        ``candidates``: :meth:`_candidates` of its value, if known)."""
        bound = stores(stmt)
        name = target(stmt)
        if candidates is None:
            candidates = self._candidates(stmt.value)
        for node in build.node_list(stmt.value):
            if not candidates.get(id(node)):
                continue
            text = expression_text(node)
            reads = build.loads(node)
            if text in table.entries or not reads.isdisjoint(bound):
                continue
            table.add(text, _Entry(stmt, node, body, name if node is stmt.value else None, reads))


def _split(reader: gast.stmt, source: gast.stmt) -> bool:
    """Whether primal code ``reader`` would read what derivative code ``source`` computes (a
    ``vjp`` splits them apart: the primal half never sees the adjoint's values)."""
    return not ir.note(reader).adjoint and ir.note(source).adjoint


def _replace(stmt: gast.stmt, node: gast.expr, parent: gast.AST | None, new: gast.expr) -> None:
    if parent is None:
        stmt.value = new
        return
    if not build.replace_child(parent, node, new):  # (never: parents are walked)
        raise AssertionError("the node is not its parent's child")


def _touched(body: list[gast.stmt], purity: Purity) -> tuple[set[str], dict[str, set[str]]]:
    """The names whose value may be changed in place (an update, an augmented assignment, a
    store into an item or attribute, a call as a statement or a marker), and for each name those
    that may share memory with it or hold it (one bound from the other by anything but a new
    value: a copy, a view, a list, a call that may return its argument)."""
    changed: set[str] = set()
    links: dict[str, set[str]] = {}
    for stmt in statements(body):
        updated = ir.note(stmt).updates
        if updated:
            changed.add(updated)
        if isinstance(stmt, gast.AugAssign) or stmt.__class__ is gast.Expr or \
                isinstance(stmt, ir.Marker) and not isinstance(stmt, (ir.Comment, ir.Push)):
            changed.update(build.names(stmt))
        elif stmt.__class__ is gast.Assign:
            for t in stmt.targets:
                if t.__class__ is not gast.Name and t.__class__ is not gast.Tuple:
                    changed.update(build.loads(t))
            if not _new_value(stmt.value, purity):
                for bound in stores(stmt):
                    for read in build.loads(stmt.value):
                        links.setdefault(bound, set()).add(read)
                        links.setdefault(read, set()).add(bound)
        elif isinstance(stmt, gast.For):
            for read in build.loads(stmt.iter):
                links.setdefault(stmt.target.id if stmt.target.__class__ is gast.Name else "",
                                 set()).add(read)
                links.setdefault(read, set()).update(build.names(stmt.target))
    return changed, links


def _closed(names: set[str], links: dict[str, set[str]]) -> set[str]:
    """``names`` and every name linked to one of them, through any number of links."""
    found, frontier = set(names), list(names)
    while frontier:
        for other in links.get(frontier.pop(), ()):
            if other not in found:
                found.add(other)
                frontier.append(other)
    return found


def _new_value(value: gast.expr, purity: Purity) -> bool:
    """Whether ``value`` is surely a new object (an operator's or a pure call's result), never
    one of its operands or a view of one."""
    if isinstance(value, _FRESH_PARENTS):
        return True
    return value.__class__ is gast.Call and purity.of(build.node_list(value)) and \
        value.func.value.id in (purity.np, purity.math)
