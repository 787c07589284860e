"""One walk of each statement, shared by the passes that clean and trim the generated function.

Each pass of :mod:`optimize` and of the memory passes (:mod:`recompute`, :mod:`order`,
:mod:`release`) reads every statement: its reads, its name nodes, its operators.  Walking each
statement's tree once and remembering the nodes makes those passes linear loops over lists; a pass
that puts another node into a statement forgets its walk, which is made again when asked.

    >>> import gast
    >>> walks = Walks()
    >>> stmt = gast.parse("y = f(a) + b * 2").body[0]
    >>> sorted(walks.reads(stmt)), [type(n).__name__ for n in walks.value(stmt)]
    (['a', 'b', 'f'], ['BinOp', 'BinOp', 'Constant', 'Name', 'Call', 'Name', 'Name'])
    >>> sorted(walks.attributes(gast.parse("s = np.sum(g.T); t = s.size").body))
    ['T', 'size', 'sum']
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.node_walks import node_fields
from .dataflow import header_loads, statements

_NAME, _ATTRIBUTE = gast.Name, gast.Attribute


class Walks:
    """Each statement's own nodes (those of :func:`heads`), walked once and remembered: the passes
    that read statements, or rename their names in place, share one walk of each.  A pass that
    puts another node into a statement must :meth:`forget` it (it is walked again when asked)."""

    def __init__(self) -> None:
        self.known: dict[int, _Walk] = {}  # (an entry keeps its statement: the id stays its own)

    def nodes(self, stmt: gast.stmt) -> list[gast.AST]:
        """The nodes of ``stmt``'s heads but operators (each head in :func:`node_list` order; an
        assignment's value before its targets)."""
        return self._walk(stmt).nodes

    def value(self, stmt: gast.stmt) -> list[gast.AST] | None:
        """The nodes of an assignment's or expression's value, or of a loop's iterable."""
        return self._walk(stmt).value

    def reads(self, stmt: gast.stmt) -> set[str]:
        """:func:`header_loads` of ``stmt`` (the caller must not change the set)."""
        walk = self._walk(stmt)
        if walk.reads is None:  # (renamed)
            walk.reads = header_loads(stmt)
        return walk.reads

    def others(self, stmt: gast.stmt) -> set[str]:
        """The names ``stmt``'s nodes mention other than as a read (bound, deleted, a lambda's
        parameters; the caller must not change the set)."""
        walk = self._walk(stmt)
        if walk.others is None:  # (renamed)
            walk.others = {n.id for n in walk.nodes
                           if n.__class__ is _NAME and n.ctx.__class__ is not gast.Load}
        return walk.others

    def substituted(self, stmt: gast.stmt, node: gast.Name, source: gast.stmt) -> None:
        """The name ``node``, ``stmt``'s only mention of its name, was replaced by the value of the
        assignment ``source``: ``stmt``'s walk takes the nodes of that value in its place (the
        order a walk of ``stmt`` gives), instead of a walk again."""
        walk = self.known.get(id(stmt))
        if walk is None:
            return
        added = self._walk(source).value
        for place in (walk.value, walk.nodes):
            at = place.index(node)  # (nodes compare by identity)
            place[at:at + 1] = added
        if walk.reads is not None:
            walk.reads = (walk.reads - {node.id}) | self.reads(source)
        if walk.others is not None:
            walk.others = walk.others | {n.id for n in added if n.__class__ is _NAME
                                         and n.ctx.__class__ is not gast.Load}
        walk.attributes = None  # (asked again: the value's attributes came in)

    def forget(self, stmt: gast.stmt) -> None:
        """``stmt`` changed: its walk is made again when asked, and so are those of the statements
        nested in it (a pass that walks a compound statement whole changes them too)."""
        known = self.known
        known.pop(id(stmt), None)
        if isinstance(stmt, ir.COMPOUND) and known:
            for inner in statements(stmt.body):
                known.pop(id(inner), None)
            for inner in statements(stmt.orelse):
                known.pop(id(inner), None)

    def attributes(self, body: list[gast.stmt]) -> set[str]:
        """The attribute names the statements of ``body`` take (``np.sum(g)``, ``g.sum()``:
        ``sum``), from their walks: a pass looking for a few calls asks this first, and walks
        nothing when none is there."""
        found: set[str] = set()
        for stmt in statements(body):
            walk = self._walk(stmt)
            if walk.attributes is None:
                walk.attributes = {n.attr for n in walk.nodes if n.__class__ is _ATTRIBUTE}
            found |= walk.attributes
        return found

    def renamed(self, stmt: gast.stmt) -> None:
        """``stmt``'s name nodes were renamed in place: its nodes stay, its names are asked again."""
        found = self.known.get(id(stmt))
        if found is not None:
            found.reads = found.others = None

    def _walk(self, stmt: gast.stmt) -> _Walk:
        found = self.known.get(id(stmt))
        if found is None:
            found = self.known[id(stmt)] = _Walk(stmt)
        return found


class _Walk:
    __slots__ = ("stmt", "nodes", "value", "reads", "others", "attributes")

    def __init__(self, stmt: gast.stmt):
        self.stmt, self.value, self.attributes = stmt, None, None
        read: set[str] = set()
        self.others = other = set()
        if isinstance(stmt, (gast.Assign, gast.Expr)):
            self.value = _walk(stmt.value, [], read, other)
            self.nodes = [stmt, *self.value]
            for each in getattr(stmt, "targets", ()):
                _walk(each, self.nodes, read, other)
        elif isinstance(stmt, gast.For):
            self.nodes = _walk(stmt.target, [], set(), other)
            self.value = _walk(stmt.iter, [], read, other)
            self.nodes += self.value
        elif isinstance(stmt, (gast.If, gast.While)):
            self.nodes = _walk(stmt.test, [], read, other)
        else:
            self.nodes = _walk(stmt, [], read, other)
            if isinstance(stmt, ir.Marker):
                read = set(getattr(stmt, "reads", ()))
            elif isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
                read.add(stmt.target.id)
        self.reads = read


_WALKED_FIELDS: dict[type, tuple[str, ...]] = {}  # the fields that may hold nodes but operators


def _walk(root: gast.AST, found: list[gast.AST], read: set[str],
          other: set[str]) -> list[gast.AST]:
    """Append to ``found`` the nodes of ``root`` in :func:`node_list` order, leaving out
    operators (``+``, ``<``: no pass looks for them in a statement's nodes), add to ``read`` the
    names it reads and to ``other`` those it mentions otherwise, in one loop."""
    stack = [root]
    pop, push, extend, append, add = stack.pop, stack.append, stack.extend, found.append, read.add
    name_kind, load, fields_of, tree = _NAME, gast.Load, _WALKED_FIELDS.get, gast.AST
    constant, binop = gast.Constant, gast.BinOp
    while stack:
        current = pop()
        append(current)
        kind = current.__class__
        if kind is name_kind:
            if current.ctx.__class__ is load:
                add(current.id)
            else:
                other.add(current.id)
            if current.annotation is not None:
                push(current.annotation)
            continue
        if kind is constant:  # (the commonest nodes, without the loop over fields)
            continue
        if kind is binop:
            push(current.left)
            push(current.right)
            continue
        fields = fields_of(kind)
        if fields is None:
            fields = _WALKED_FIELDS[kind] = tuple(
                f for f in node_fields(kind) if f not in ("op", "ops"))
        for field in fields:
            value = getattr(current, field, None)
            if value.__class__ is list:  # (its items pushed last first: popped in order)
                extend([item for item in reversed(value) if isinstance(item, tree)])
            elif isinstance(value, tree):
                push(value)
    return found
