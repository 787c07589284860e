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

This extends copy propagation (:func:`optimize.propagate_copies` folds ``b = e; a = b`` into
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

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.printer import expression_text
from .dataflow import blocks, definition_counts, heads, statements, target
from .derivative import Derivative

MAX_OPERATIONS = 5
MAX_WIDTH = 88  # characters of the expression a substitution leaves
MAX_DISTANCE = 24  # statements looked through for the use (keeps the pass linear)
_NUMPY = frozenset({"sum", "mean", "prod", "max", "min", "amax", "amin", "where", "dot", "outer",
                    "inner", "clip", "square", "sqrt"})
_RUNTIME = frozenset({"unbroadcast", "unreduce", "unreduce_view", "reduced_size", "fit"})
_OPERATIONS = (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare)
_LEAVES = (gast.Name, gast.Constant, gast.operator, gast.unaryop, gast.cmpop, gast.expr_context,
           gast.keyword, gast.BinOp, gast.UnaryOp, gast.Compare)


def substitute(fn: Derivative, params: set[str]) -> bool:
    """Write single-use temporaries into their use; returns whether anything changed."""
    counts = definition_counts(fn.body)
    reads: Counter = Counter()
    for stmt in statements(fn.body):
        if isinstance(stmt, ir.Marker):
            reads.update(dict.fromkeys(getattr(stmt, "reads", ()), 2))
        for head in heads(stmt):
            reads.update(n.id for n in build.nodes(head) if isinstance(n, gast.Name)
                         and not isinstance(n.ctx, gast.Store))
    pure = _Purity(fn)
    facts = _Facts(pure)
    changed = False
    for block in blocks(fn.body):
        removed = set()
        for index, stmt in enumerate(block):
            name = target(stmt)
            if name is None or name in params or name in fn.protected or counts.get(name) != 1 \
                    or reads[name] != 1 or ir.note(stmt).keep or ir.note(stmt).updates \
                    or not pure(stmt.value):
                continue
            if _into_use(block, index, name, facts):
                removed.add(id(stmt))
        if removed:
            block[:] = [s for s in block if id(s) not in removed]
            changed = True
    return changed


def _into_use(block: list[gast.stmt], index: int, name: str, facts: _Facts) -> bool:
    """Find the statement after ``block[index]`` that reads ``name`` and write the value there."""
    value = block[index].value
    watched = {n.id for n in build.nodes(value) if isinstance(n, gast.Name)}
    for later in block[index + 1:index + 1 + MAX_DISTANCE]:
        simple, pure, names, bound = facts(later)
        if not simple:
            return False
        if name in names:
            found = next(n for n in build.nodes(later.value)
                         if isinstance(n, gast.Name) and n.id == name)
            facts.forget(later)
            return _replace(later, found, value, facts.pure)
        if not pure or not watched.isdisjoint(bound):
            return False
    return False


class _Facts:
    """What :func:`_into_use` asks of a statement, remembered (each is looked through by several
    temporaries before it): whether it is a plain assignment or expression with no in-place
    change and no marker, whether its value is pure, the names its value reads and it binds."""

    def __init__(self, pure: _Purity):
        self.pure = pure
        self.known: dict[int, tuple[bool, bool, set[str], set[str]]] = {}

    def __call__(self, stmt: gast.stmt) -> tuple[bool, bool, set[str], set[str]]:
        found = self.known.get(id(stmt))
        if found is None:
            found = self.known[id(stmt)] = self._learn(stmt)
        return found

    def forget(self, stmt: gast.stmt) -> None:
        self.known.pop(id(stmt), None)

    def _learn(self, stmt: gast.stmt) -> tuple[bool, bool, set[str], set[str]]:
        if isinstance(stmt, (ir.Marker, *ir.COMPOUND)) or ir.note(stmt).updates or \
                ir.note(stmt).keep or not isinstance(stmt, (gast.Assign, gast.Expr)):
            return False, False, set(), set()
        targets = [n for t in stmt.targets for n in build.nodes(t)] \
            if isinstance(stmt, gast.Assign) else []
        if not all(isinstance(n, (gast.Name, gast.Tuple, gast.expr_context)) for n in targets):
            return False, False, set(), set()
        names = {n.id for n in build.nodes(stmt.value) if isinstance(n, gast.Name)}
        return True, self.pure(stmt.value), names, {n.id for n in targets
                                                    if isinstance(n, gast.Name)}


def _replace(use: gast.stmt, node: gast.Name, value: gast.expr, pure: _Purity) -> bool:
    """Put ``value`` where ``node`` is in ``use`` if ``use``'s other calls are pure and it stays
    small."""
    parents = {id(child): parent for parent in build.nodes(use.value)
               for child in gast.iter_child_nodes(parent)}
    ancestors, current = set(), node
    while id(current) in parents:
        current = parents[id(current)]
        ancestors.add(id(current))
    for other in build.nodes(use.value):
        if isinstance(other, gast.Call) and id(other) not in ancestors and not pure(other):
            return False
    operations = sum(isinstance(n, _OPERATIONS) for n in build.nodes(use.value)) + \
        sum(isinstance(n, _OPERATIONS) for n in build.nodes(value))
    if operations > MAX_OPERATIONS:
        return False
    parent = parents.get(id(node))
    if not isinstance(parent, (gast.BinOp, gast.UnaryOp, gast.Call, gast.Compare)) or \
            len(expression_text(use.value)) + len(expression_text(value)) - len(node.id) > MAX_WIDTH:
        return False  # a copy is propagate_copies' work; a tuple's items keep their names
    for field, current in gast.iter_fields(parent):
        if current is node:
            setattr(parent, field, value)
            return True
        if isinstance(current, list) and any(item is node for item in current):
            current[[i for i, item in enumerate(current) if item is node][0]] = value
            return True
    return False


class _Purity:
    """Whether an expression has no effect and reads nothing but its names: operators, numbers
    and calls of the functions in :data:`_NUMPY`, NumPy ufuncs, ``math`` and :data:`_RUNTIME`."""

    def __init__(self, fn: Derivative):
        self.np = fn.machinery.aliases.get("np")
        self.math = fn.machinery.aliases.get("math")
        self.rt = fn.machinery.aliases.get("_rt")

    def __call__(self, expr: gast.expr) -> bool:
        found = list(build.nodes(expr))
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
                any(k.arg in (None, "out") for k in call.keywords):
            return False
        module, attr = func.value.id, func.attr
        if module == self.np:
            return attr in _NUMPY or isinstance(getattr(np, attr, None), np.ufunc)
        if module == self.math:
            return callable(getattr(math, attr, None))
        return module == self.rt and attr in _RUNTIME


Purity = _Purity  # what other passes ask (order.py)
