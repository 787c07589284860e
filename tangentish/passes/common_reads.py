"""What :mod:`common` knows while it walks a function: the expressions computed so far
(:class:`Table`), which reads of names are pure (:class:`Reads`: an array's attributes and items,
methods of arrays that write into nothing), and the copies it made, which later statements read
through (:func:`read_through`): ``w = v`` made of ``w = E``, then ``u = w * 2`` reads ``v * 2``,
the expression ``v = E`` is known by (one round finds what a copy hid).

    >>> import gast
    >>> from tangentish.syntax.printer import expression_text
    >>> stmt = gast.parse("u = w * 2 + np.sum(w)").body[0]
    >>> read_through(stmt, {"w": "v"}), expression_text(stmt.value)
    (True, 'v * 2 + np.sum(v)')
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.methods import METHODS
from ..syntax.printer import expression_text
from .derivative import Derivative
from .repeats import ARRAY_READS
from .substitute import Purity

_FRESH_PARENTS = (gast.BinOp, gast.UnaryOp, gast.Compare)
PARTS = (gast.Slice, gast.Tuple)
_LIST_METHODS = frozenset({"append", "extend", "pop"})  # (of METHODS: they change the receiver)
_BINDERS = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp,
            gast.NamedExpr)
_MAKES_NEW = frozenset({"sum", "mean", "prod", "max", "min", "amax", "amin", "where", "dot",
                        "outer", "inner", "clip", "square", "sqrt", "any"})  # (NumPy: new)
MASKS = frozenset({"read_mask"})  # (pure: a new array, or the mask it was given)
PRODUCTS = frozenset({"chosen", "divided"})  # the runtime's products (np.multiply, np.where of
# a quotient): pure, new arrays; shared here, where substitute.py would inline what they read


class Entry:
    """Where an expression was computed first: its statement and node, the statement list it is
    in, and the name holding exactly it (``v = E``), if any."""

    __slots__ = ("stmt", "node", "block", "name", "reads")

    def __init__(self, stmt: gast.stmt, node: gast.expr, block: list, name: str | None,
                 reads: set[str]):
        self.stmt, self.node, self.block, self.name, self.reads = stmt, node, block, name, reads


class Table:
    """The expressions known at a point (text → :class:`Entry`), for each name the texts
    that may read it or be held by it (so that binding a name forgets only those), and the
    copies this pass made (``w = v``: ``w`` → ``v``), which later reads of ``w`` read through."""

    __slots__ = ("entries", "users", "aliases")

    def __init__(self, entries: dict[str, Entry] | None = None,
                 users: dict[str, list[str]] | None = None,
                 aliases: dict[str, str] | None = None):
        self.entries = {} if entries is None else entries
        self.users = {} if users is None else users
        self.aliases = {} if aliases is None else aliases

    def copy(self) -> Table:
        return Table(dict(self.entries), {n: list(t) for n, t in self.users.items()},
                      dict(self.aliases))

    def add(self, text: str, entry: Entry) -> None:
        self.entries[text] = entry
        for name in entry.reads | ({entry.name} if entry.name else set()):
            self.users.setdefault(name, []).append(text)

    def again(self, stmt: gast.stmt, block: list, node: gast.expr, reads: set[str]) -> None:
        """Know ``node`` of ``stmt`` (in ``block``) as where its expression was computed: the
        first computation could not hold a name (a view or a conditional there), this one may.
        (A new entry: an ``if``'s branch has a copy of the table, which it does not change.)"""
        name = stmt.targets[0].id if node is stmt.value and len(stmt.targets) == 1 and \
            stmt.targets[0].__class__ is gast.Name else None
        self.add(expression_text(node), Entry(stmt, node, block, name, reads))

    def forget(self, bound: set[str]) -> None:
        """Forget what reads a name in ``bound`` or is held by one."""
        entries, aliases = self.entries, self.aliases
        if aliases:
            self.aliases = {w: v for w, v in aliases.items() if w not in bound and v not in bound}
        for name in bound:
            for text in self.users.pop(name, ()):
                entry = entries.get(text)
                if entry is not None and (entry.name == name or name in entry.reads):
                    del entries[text]

    def clear(self) -> None:
        self.entries.clear()
        self.users.clear()
        self.aliases.clear()


class Reads:
    """Which reads of ``fn``'s names are pure and which parents make new values."""

    def __init__(self, fn: Derivative, purity: Purity):
        self.fn, self.purity = fn, purity
        self._arrays: set[str] | None = None  # (numpy_values, found when first asked)

    def arrays(self) -> set[str]:
        if self._arrays is None:
            from .common_names import numpy_values  # (asked where an array's attribute repeats)
            fn = self.fn
            given = frozenset(a.id for a in (*fn.args.args, *fn.args.kwonlyargs)
                              if a.id in fn.float64 or a.id in fn.checked)  # (a specialization's
            # float64 arguments; what the API checked is a float or a floating array)
            self._arrays = numpy_values(fn.body, self.purity.np, self.purity.math, given)
        return self._arrays

    def array_read(self, node: gast.Attribute) -> bool:
        """Whether ``node`` reads an array's own attribute (``x.T``, ``x.shape``) of a name
        surely holding what NumPy made (:func:`.common_names.numpy_values`)."""
        if node.attr not in ARRAY_READS or node.value.__class__ is not gast.Name:
            return False
        return node.value.id in self.arrays()

    def item_read(self, node: gast.Subscript) -> bool:
        """Whether ``node`` indexes a name surely holding what NumPy made, or what a pure call
        of NumPy, ``math`` or the runtime returns (``np.shape(x)[-1]``): no ``__getitem__`` of
        an object of any class (its index is looked at as any operand is)."""
        value = node.value
        if value.__class__ is gast.Call:
            return self.purity.of([value])
        if value.__class__ is not gast.Name:
            return False
        return value.id in self.arrays()

    def pure(self, found: list[gast.AST]) -> bool:
        """:meth:`.substitute.Purity.of`, array attributes (:meth:`array_read`), items
        (:meth:`item_read`), slices and tuples included."""
        callees = {id(n.func) for n in found if n.__class__ is gast.Call}
        return self.purity.of([n for n in found if not (
            n.__class__ is gast.Attribute and id(n) not in callees and self.array_read(n) or
            n.__class__ is gast.Subscript and self.item_read(n) or n.__class__ in PARTS)])

    def unseen(self, root: gast.expr, parent: gast.AST) -> bool:
        """Whether an operand of ``parent`` (a node of ``root``) is never seen through a name:
        ``parent`` makes a new value of it (:meth:`fresh`), or a node above it in ``root`` does
        with only pure calls between (``_rt.divided(_rt.unbroadcast(t, x), ...)``: a call of
        NumPy or the runtime may return its operand itself, but keeps no reference to it, and
        the new value made above it holds none)."""
        if self.fresh(parent):
            return True
        parents = {id(c): p for p in build.node_list(root) for c in gast.iter_child_nodes(p)}
        node = parent
        while node.__class__ is gast.Call and self.purity.of([node]):
            node = parents.get(id(node))
            if node is None:
                return False  # (the statement's value: a name holds it)
            if self.fresh(node):
                return True
        return False

    def fresh(self, parent: gast.AST) -> bool:
        """Whether ``parent`` makes a new value of its operands (never a view of one)."""
        if isinstance(parent, _FRESH_PARENTS):
            return True
        if parent.__class__ is not gast.Call or not self.purity.of([parent]):
            return False
        func = parent.func
        if func.value.id == self.purity.np:
            return func.attr in _MAKES_NEW or isinstance(getattr(np, func.attr, None), np.ufunc)
        return func.value.id == self.purity.math or func.attr in PRODUCTS


def array_method(stmt: gast.Assign) -> bool:
    """Whether ``stmt`` is ``v = a.f(...)`` that the transform differentiates as the NumPy
    function ``f`` of an array (its rule's key is that function, :data:`.methods.METHODS`) and
    that writes into nothing (no ``out=``; not a list's ``append``, ``extend`` or ``pop``)."""
    func, op = stmt.value.func, ir.note(stmt).op
    spec = METHODS.get(func.attr) if func.__class__ is gast.Attribute else None
    return spec is not None and op is not None and op.key is spec.function and \
        func.attr not in _LIST_METHODS and not any(k.arg == "out" for k in stmt.value.keywords)


def read_through(stmt: gast.Assign, aliases: dict[str, str]) -> bool:
    """Make ``stmt`` read ``v`` where it reads ``w``, a copy ``w = v`` this pass made (neither
    changed in place nor rebound since: one array; no lambda or comprehension binds names
    there); returns whether it read one."""
    nodes = build.node_list(stmt.value)
    if any(isinstance(n, _BINDERS) for n in nodes):
        return False
    found = False
    for node in nodes:
        if node.__class__ is gast.Name and node.id in aliases:
            node.id, found = aliases[node.id], True
    return found
