"""Which expressions a function may compute twice from the same values: the cheap look that lets
:mod:`common` skip a function, a statement or an expression that repeats nothing.

Each operator or call below an assignment that reads a name gets a structural key, made once per
node from its children's keys: the node's kind, its operator, attribute or keyword names, its
constants, and for each name read the *version* of that name (a number given anew at each binding
of it, in source order; an ``if``'s second branch starts from the versions before the first, and
what either branch binds is new after the ``if``; a name bound to an expression that reads a
name, ``w = E``, is read as ``E``'s key, so ``w[0]`` and ``v[0]`` key alike after ``v = E`` and
``w = E``, which :mod:`common` makes one).  Two nodes written the same with no binding of
a name they read between them get the same key, so every expression :mod:`common` could share
has a key counted twice.  The converse need not hold (hashes may collide; a loop's body is not
set apart; an in-place change is not a binding): a key counted twice only means :mod:`common`
looks.

    >>> import gast
    >>> body = gast.parse('''
    ... y = np.sin(x) + 1.0
    ... z = np.sin(x) * 2.0
    ... x = z
    ... w = np.sin(x) * 2.0
    ... ''').body
    >>> from tangentish.syntax.printer import expression_text
    >>> found = Repeats(body)
    >>> [expression_text(n) for n in found.repeated]
    ['np.sin(x)', 'np.sin(x)']
    >>> [found.holds(s) for s in body]
    [True, True, False, False]
"""

from __future__ import annotations

import itertools

import gast

from .. import ir
from ..syntax.build import child_fields
from .dataflow import assigned, stores

_CANDIDATES = (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare, gast.Subscript)
_NAME, _CONSTANT, _BINOP, _CALL = gast.Name, gast.Constant, gast.BinOp, gast.Call
_ATTRIBUTE = gast.Attribute
ARRAY_READS = frozenset({"T", "shape", "ndim", "size", "dtype"})  # (pure reads of NumPy values)
_LABELS = (gast.operator, gast.unaryop, gast.cmpop, gast.boolop)


class Repeats:
    """The keys of ``body``'s expressions: which candidate nodes (by id) have a key counted
    twice, and which statements hold one."""

    __slots__ = ("keys", "statements", "_found", "_versions", "_fresh")

    def __init__(self, body: list[gast.stmt]):
        self._found: list[tuple[gast.stmt, list[tuple[gast.expr, int]]]] = []
        self._versions: dict[str, int] = {}
        self._fresh = itertools.count(1)
        self._block(body)
        counts: dict[int, int] = {}
        for _, found in self._found:
            for _, key in found:
                counts[key] = counts.get(key, 0) + 1
        self.keys: set[int] = set()  # (the ids of the candidates whose key is counted twice)
        self.statements: set[int] = set()
        for stmt, found in self._found:
            for node, key in found:
                if counts[key] > 1:
                    self.keys.add(id(node))
                    self.statements.add(id(stmt))

    @property
    def repeated(self) -> list[gast.expr]:
        """The candidates whose key is counted twice, in source order."""
        return [node for _, found in self._found for node, _ in found if id(node) in self.keys]

    def holds(self, stmt: gast.stmt) -> bool:
        """Whether ``stmt`` holds an expression whose key is counted twice."""
        return id(stmt) in self.statements

    def repeats(self, node: gast.AST) -> bool:
        """Whether ``node``'s key is counted twice (``node`` is one of the statements' nodes)."""
        return id(node) in self.keys

    def _block(self, body: list[gast.stmt]) -> None:
        versions = self._versions
        for stmt in body:
            kind = stmt.__class__
            if kind is gast.Assign:
                found: list[tuple[gast.expr, int]] = []
                key, named = self._key(stmt.value, found)
                if found:
                    self._found.append((stmt, found))
                target = stmt.targets[0] if len(stmt.targets) == 1 else None
                if named and target.__class__ is _NAME:  # (``w = E``: ``w`` reads as ``E``)
                    versions[target.id] = (key,)
                    continue
            elif isinstance(stmt, ir.COMPOUND):
                before = dict(versions)
                self._block(stmt.body)
                if kind is gast.If:  # (the second branch starts from what the first did not see)
                    self._versions.clear()
                    self._versions.update(before)
                self._block(stmt.orelse)
                for name in assigned([stmt]):
                    versions[name] = next(self._fresh)
                continue
            for name in stores(stmt):
                versions[name] = next(self._fresh)

    def _key(self, node: gast.AST, found: list[tuple[gast.expr, int]]) -> tuple[int, bool]:
        """``node``'s key, and whether it reads a name (a candidate that does goes to ``found``)."""
        kind = node.__class__
        if kind is _NAME:
            version = self._versions.get(node.id, 0)
            if version.__class__ is tuple:  # (a name bound to an expression: its key)
                return version[0], True
            return hash((node.id, version)), True
        if kind is _CONSTANT:
            value = node.value
            try:
                if value != value:  # (NaN: every NaN is written the same)
                    value = "nan"
                return hash((_CONSTANT, value)), False
            except (TypeError, ValueError):  # (an unhashable constant: all such collide)
                return 0, False
        if kind is _BINOP:  # (the common kinds first, without the walk of their fields)
            left, named = self._key(node.left, found)
            right, read = self._key(node.right, found)
            key, named = hash((_BINOP, node.op.__class__, left, right)), named or read
        elif kind is _ATTRIBUTE:
            key, named = self._key(node.value, found)
            key = hash((_ATTRIBUTE, key, node.attr))
            if named and node.attr in ARRAY_READS and node.value.__class__ is _NAME:
                found.append((node, key))  # (an array's own attribute: x.T, x.shape)
            return key, named
        elif kind is _CALL:
            key, named = self._key(node.func, found)
            parts = [_CALL, key]
            for arg in node.args:
                key, read = self._key(arg, found)
                parts.append(key)
                named = named or read
            for keyword in node.keywords:
                key, read = self._key(keyword.value, found)
                parts += (keyword.arg, key)
                named = named or read
            key = hash(tuple(parts))
        else:
            key, named = self._walk(kind, node, found)
        if named and kind in _CANDIDATES:
            found.append((node, key))
        return key, named

    def _walk(self, kind: type, node: gast.AST, found: list[tuple[gast.expr, int]]) -> \
            tuple[int, bool]:
        parts: list = [kind]
        named = False
        for field in child_fields(kind):
            value = getattr(node, field, None)
            for item in value if value.__class__ is list else (value,):
                if isinstance(item, gast.AST):
                    if isinstance(item, _LABELS):
                        parts.append(item.__class__)
                        continue
                    key, read = self._key(item, found)
                    parts.append(key)
                    named = named or read
                else:  # (an attribute's or a keyword's name, an absent part)
                    parts.append(item)
        return hash(tuple(parts)), named
