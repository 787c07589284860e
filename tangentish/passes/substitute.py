"""Forward substitution: a temporary read once, just after it is made, is written into its use.

Normalization gives every operation a name (``_t2 = np.log1p(x_times_x)``), and Python keeps each
named value alive until the function returns, so a gradient held every intermediate of the primal
at once.  When the derivative reads a temporary nowhere else (the adjoint does not need it), the
expression goes back where the user wrote it and its array is freed as soon as it is used:

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     return np.sum(np.exp(-x * x) + np.log1p(x * x))
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
        ...
        _t1 = np.exp(-x * x)
        x_times_x = x * x
        out = np.sum(_t1 + np.log1p(x_times_x))
    ...

This extends copy propagation (:func:`copies.propagate_copies` folds ``b = e; a = b`` into
``a = e``) from copies to any use.  ``t = E`` is written into the one statement ``U`` that reads
``t`` when, with ``t`` bound once and read exactly once in the whole function:

- ``E`` is pure: names, numbers, operators, and calls of NumPy ufuncs and reductions, ``math``
  functions and the runtime's shape helpers (no subscript, attribute read or ``out=``), so that
  evaluating it later gives the same value if nothing it reads changed;
- ``U`` comes later in the same statement list (at most :data:`MAX_DISTANCE` statements on,
  so the pass stays linear), and every statement in between is a plain
  assignment of a pure expression to names ``E`` does not read (no in-place change, no call that
  might change an array, no marker, no comment: an adjoint block's provenance comment is not
  crossed);
- ``U`` is a plain assignment or expression whose other calls are pure too (a call whose
  argument holds ``t`` runs after ``E`` either way);
- the result stays small (at most :data:`MAX_OPERATIONS` operations and :data:`MAX_WIDTH`
  characters in ``U``'s value), so lines stay readable and no chain folds into one deep
  expression.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.printer import expression_text
from .dataflow import blocks, definition_counts, statements, target
from .derivative import Derivative
from .walks import Walks

MAX_OPERATIONS = 5
MAX_WIDTH = 88  # characters of the expression a substitution leaves
MAX_DISTANCE = 24  # statements looked through for the use (keeps the pass linear)
_NUMPY = frozenset({"sum", "mean", "prod", "max", "min", "amax", "amin", "where", "dot", "outer",
                    "inner", "clip", "square", "sqrt", "any", "eye", "identity"})
_RUNTIME = frozenset({"unbroadcast", "unreduce", "reduced_size", "fit", "pick_first",
                      "fpick_first", "ties", "reads", "step"})
_OPERATIONS = (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare)
_LEAVES = (gast.Name, gast.Constant, gast.operator, gast.unaryop, gast.cmpop, gast.expr_context,
           gast.keyword, gast.BinOp, gast.UnaryOp, gast.Compare)


def substitute(fn: Derivative, params: set[str], walks: Walks | None = None,
               counts: dict[str, int] | None = None) -> list[gast.stmt]:
    """Write single-use temporaries into their use; returns the statements written into (those
    still in the function; none: nothing changed).  ``walks`` may hold the statements' walks
    already (those it changes are forgotten); ``counts``: :func:`definition_counts`, if known."""
    walks = walks or Walks()
    counts = definition_counts(fn.body) if counts is None else counts
    mentions: list[str] = []  # each name read, once per mention (counted in one C loop)
    marked: list[str] = []  # the names markers read (counted twice: never substituted)
    name_kind, store = gast.Name, gast.Store
    for stmt in statements(fn.body):
        if isinstance(stmt, ir.Marker):
            marked.extend(getattr(stmt, "reads", ()))
        mentions.extend([n.id for n in walks.nodes(stmt)
                         if n.__class__ is name_kind and n.ctx.__class__ is not store])
    reads = Counter(mentions)
    reads.update(marked + marked)
    facts = _Facts(_Purity(fn), walks)
    facts.apart = fn.quiet_apart
    written: dict[int, gast.stmt] = {}
    removed: set[int] = set()
    for block in blocks(fn.body):
        before = len(removed)
        for index, stmt in enumerate(block):
            name = target(stmt)
            if name is None or name in params or name in fn.protected or counts.get(name) != 1 \
                    or reads.get(name) != 1 or ir.note(stmt).keep or ir.note(stmt).updates \
                    or not facts(stmt).pure:
                continue
            use = _into_use(block, index, name, facts)
            if use is not None:
                removed.add(id(stmt))
                written[id(use)] = use
        if len(removed) > before:
            block[:] = [s for s in block if id(s) not in removed]
    return [stmt for key, stmt in written.items() if key not in removed]


def _into_use(block: list[gast.stmt], index: int, name: str, facts: _Facts) -> gast.stmt | None:
    """Find the statement after ``block[index]`` that reads ``name`` and write the value there;
    returns that statement (None: not done)."""
    first = block[index]
    watched = facts(first).names
    for later in block[index + 1:index + 1 + MAX_DISTANCE]:
        seen = facts(later)
        if not seen.simple:
            return None
        if name in seen.names:
            if facts.apart(first, later):  # (under another np.errstate block: not moved)
                return None
            node = _replace(later, name, first, facts)
            if node is None:
                return None
            facts.substituted(later, node, first)
            return later
        if not seen.pure or not watched.isdisjoint(seen.bound):
            return None
    return None


class _Fact:
    """What :func:`_into_use` asks of a statement: whether it is a plain assignment or expression
    with no in-place change and no marker (``simple``), whether its value is ``pure``, the
    ``names`` its value mentions, the names it binds (``bound``), how many operations its value
    has and (once asked) how wide its value's text is."""

    __slots__ = ("simple", "pure", "names", "bound", "operations", "width")

    def __init__(self, simple: bool, pure: bool = False, names: frozenset | set = frozenset(),
                 bound: frozenset | set = frozenset(), operations: int = 0):
        self.simple, self.pure, self.names, self.bound = simple, pure, names, bound
        self.operations, self.width = operations, -1


_NOT_SIMPLE = _Fact(False)


class _Facts:
    """:class:`_Fact` of each statement, remembered (each is looked through by several temporaries
    before it) until a substitution changes it."""

    def __init__(self, pure: _Purity, walks: Walks):
        self.pure, self.walks = pure, walks
        self.apart: Any = lambda one, other: False  # (Derivative.quiet_apart)
        self.known: dict[int, _Fact] = {}

    def __call__(self, stmt: gast.stmt) -> _Fact:
        found = self.known.get(id(stmt))
        if found is None:
            found = self.known[id(stmt)] = self._learn(stmt)
        return found

    def substituted(self, stmt: gast.stmt, node: gast.Name, source: gast.stmt) -> None:
        """``node`` in ``stmt`` was replaced by the value of ``source``."""
        self.known.pop(id(stmt), None)
        self.walks.substituted(stmt, node, source)

    def width(self, stmt: gast.stmt) -> int:
        fact = self(stmt)
        if fact.width < 0:
            fact.width = len(expression_text(stmt.value))
        return fact.width

    def _learn(self, stmt: gast.stmt) -> _Fact:
        if isinstance(stmt, (ir.Marker, *ir.COMPOUND)) or ir.note(stmt).updates or \
                ir.note(stmt).keep or not isinstance(stmt, (gast.Assign, gast.Expr)):
            return _NOT_SIMPLE
        bound = set()
        found = self.walks.value(stmt)
        if stmt.__class__ is gast.Assign:
            for node in self.walks.nodes(stmt)[1 + len(found):]:  # the targets' nodes
                if node.__class__ is gast.Name:
                    bound.add(node.id)
                elif not isinstance(node, (gast.Tuple, gast.expr_context)):
                    return _NOT_SIMPLE
        names = {n.id for n in found if n.__class__ is gast.Name}
        return _Fact(True, self.pure.of(found), names, bound,
                     sum(isinstance(n, _OPERATIONS) for n in found))


def _replace(use: gast.stmt, name: str, first: gast.stmt, facts: _Facts) -> gast.Name | None:
    """Put the value of ``first`` where ``use`` reads ``name`` if ``use``'s other calls are pure
    and it stays small; returns the name node replaced (None: not done)."""
    value = first.value
    parents = _parents(use.value)
    node = next(n for n in parents if n.__class__ is gast.Name and n.id == name) \
        if use.value.__class__ is not gast.Name else use.value
    if not facts(use).pure and not _pure_around(use.value, node, parents, facts.pure):
        return None
    if facts(use).operations + facts(first).operations > MAX_OPERATIONS:
        return None
    parent = parents.get(node)
    if not isinstance(parent, (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare)) or \
            facts.width(use) + facts.width(first) - len(node.id) > MAX_WIDTH:
        return None  # a copy is propagate_copies' work; a tuple's items keep their names
    for field, current in gast.iter_fields(parent):
        if current is node:
            setattr(parent, field, value)
            return node
        if isinstance(current, list) and any(item is node for item in current):
            current[[i for i, item in enumerate(current) if item is node][0]] = value
            return node
    return None


def _parents(root: gast.AST) -> dict:
    """Each node below ``root`` → its parent (nodes hash by identity), in walk order."""
    parents: dict = {}
    stack = [root]
    pop, push, tree, fields_of = stack.pop, stack.append, gast.AST, build.child_fields
    while stack:
        current = pop()
        for field in fields_of(current.__class__):
            value = getattr(current, field, None)
            if value.__class__ is list:
                for item in reversed(value):
                    if isinstance(item, tree):
                        parents[item] = current
                        push(item)
            elif isinstance(value, tree):
                parents[value] = current
                push(value)
    return parents


def _pure_around(root: gast.expr, node: gast.AST, parents: dict, pure: _Purity) -> bool:
    """Whether every call in ``root`` that does not hold ``node`` is pure."""
    ancestors, current = set(), node
    while current in parents:
        current = parents[current]
        ancestors.add(id(current))
    return all(pure(other) for other in build.node_list(root)
               if isinstance(other, gast.Call) and id(other) not in ancestors)


class _Purity:
    """Whether an expression has no effect and reads nothing but its names: operators, numbers
    and calls of the functions in :data:`_NUMPY`, NumPy ufuncs, ``math`` and :data:`_RUNTIME`."""

    def __init__(self, fn: Derivative, runtime: frozenset[str] = frozenset()):
        self.np = fn.machinery.aliases.get("np")
        self.math = fn.machinery.aliases.get("math")
        self.rt = fn.machinery.aliases.get("_rt")
        self.runtime = _RUNTIME | runtime  # (and the caller's: common.py's products)

    def __call__(self, expr: gast.expr) -> bool:
        return self.of(build.node_list(expr))

    def of(self, found: list[gast.AST]) -> bool:
        """:meth:`__call__` on the nodes of an expression."""
        callees = {id(n.func) for n in found if isinstance(n, gast.Call)}
        for node in found:
            if isinstance(node, gast.Call):
                if not self._function(node):
                    return False
            elif isinstance(node, gast.Attribute):
                if id(node) not in callees:  # an attribute read (x.T, a property) may do anything
                    return False
            elif not isinstance(node, _LEAVES):
                return False
        return True

    def _function(self, call: gast.Call) -> bool:
        func = call.func
        if not (isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name)) or \
                any(k.arg in (None, "out", "like") for k in call.keywords):
            return False  # (``like=``: another library's array function, which may do anything)
        module, attr = func.value.id, func.attr
        if module == self.np:
            return attr in _NUMPY or isinstance(getattr(np, attr, None), np.ufunc)
        if module == self.math:
            return callable(getattr(math, attr, None))
        return module == self.rt and attr in self.runtime


Purity = _Purity  # what other passes ask (order.py)
