"""Loop-carried arrays that keep one shape: ``u = u + r * lap`` around a loop.

:func:`.shapes.analyze_shapes` unions the shapes of names bound once; a variable carried around a
loop is bound twice after normalizing (``u_1 = u`` before the loop, ``u_1 = u_3`` at the end of
its body), so neither it nor anything made from it (its slices ``u_2[1:-1]``, their arithmetic)
had a shape class, and a specialized derivative kept ``_rt.unbroadcast`` and taped whole arrays
for their shapes.  A name every binding of which copies a name (``n = m``) is a *candidate*: the
analysis assumes all its values share the class of its first binding's source, reads it as a
name bound once, and then checks the assumption: the source of every other binding must have
come out in that class.  That is an induction over the run: the first value has the class; a
later one is made, by steps the analysis proved shape-keeping, from values read while every
earlier value had it.  Where a check fails the analysis runs again without that candidate (what
it proved from the assumption is dropped with it).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(u, r):
    ...     for _ in range(3):
    ...         u = u + r * np.sin(u)
    ...     return np.sum(u[1:] * u[:-1])
    >>> df, u = tangentish.grad(f), np.linspace(0.0, 1.0, 4)
    >>> _ = df(u, 0.5)  # (the first call runs the generic derivative)
    >>> for line in df.source_for(u, 0.5).splitlines()[7:13]:  # (u's slices: one shape)
    ...     print(line)
        u_1_slice_1_bar = u[1:]
        u_1_slice_bar = u[:-1]
        # adjoint of: return np.sum(u[1:] * u[:-1])  [<doctest ...>:4]
        u_bar = np.zeros(u.shape)
        u_bar[:-1] = u_1_slice_1_bar
        u_bar[1:] += u_1_slice_bar
"""

from __future__ import annotations

from collections import Counter

import gast

from .. import ir
from .dataflow import target as target_of
from .slice_shapes import array_class


def carried_copies(every: list[gast.stmt], definitions: Counter) -> dict[str, list[gast.Assign]]:
    """The names bound more than once, each time by a copy of a name (``n = m``, statements of
    ``every`` in source order), the first of a name bound before it (a parameter the body never
    binds, or a name bound once, ahead in the source: so the class the others are checked against
    is not itself made from ``n``), with their binding statements in that order."""
    found: dict[str, list[gast.Assign]] = {}
    other: set[str] = set()
    ahead: set[str] = set()
    for stmt in every:
        name = target_of(stmt) if isinstance(stmt, gast.Assign) else None
        if name is not None and definitions[name] < 2:
            ahead.add(name)
        if name is None or definitions[name] < 2:
            continue
        if is_copy(stmt) and (name in found or stmt.value.id in ahead or
                              not definitions[stmt.value.id]):
            found.setdefault(name, []).append(stmt)
        else:
            other.add(name)
    return {name: stmts for name, stmts in found.items()
            if name not in other and len(stmts) == definitions[name]}


def is_copy(stmt: gast.Assign) -> bool:
    """``n = m``: a name bound to another's value."""
    note = ir.note(stmt)
    return note.updates is None and (note.op is None or note.op.key is None) and \
        stmt.value.__class__ is gast.Name


def same_as_operand(stmt: gast.Assign, norm, classes, carried: dict, keeps_shape) -> bool:
    """Union ``n = m`` (a copy: one value) and ``n = np.zeros_like(m)`` (or another operation
    ``keeps_shape`` (:func:`.shapes.keeps_shape`), of an array of a parameter's class: a list's
    would be an array) with ``m``, where ``m`` is bound once or carried; whether ``stmt`` was
    such a statement."""
    op, bindings = ir.note(stmt).op, classes.bindings
    if is_copy(stmt):
        source = stmt.value.id
    elif op is not None and op.args and op.args[0].__class__ is gast.Name and keeps_shape(op) \
            and array_class(op.args[0].id, norm, bindings, classes)[1]:
        source = op.args[0].id
    else:
        return False
    if bindings[source] <= 1 or source in carried:
        classes.union(target_of(stmt), source)
    return True


def scalar_parameters(norm, definitions: Counter, missed: set[str]) -> Smaller:
    """The parameters the call's facts prove scalars (rank 0) and the body never binds, each
    ``None`` (of shape ``()``: broadcasting adds no axis for it); the names asked about and not
    found go into ``missed``."""
    return Smaller({p: None for p in norm.params if norm.facts.get(p) == () and not definitions[p]},
                   missed)


class Smaller(dict):
    """The names :func:`.shapes.analyze_shapes` knows of a smaller shape (scalars: None; a
    keepdims reduction: the name it reduces) and, in ``missed``, each name asked about while not
    among them.  An analysis given more scalars to start from asks the same questions and gets
    the same answers until it asks about one of them that the first did not know: where
    ``missed`` holds none of those, it would find the very classes (``Derivation`` then does not
    run it)."""

    def __init__(self, known: dict[str, str | None], missed: set[str]) -> None:
        super().__init__(known)
        self.missed = missed

    def __contains__(self, name: object) -> bool:
        if dict.__contains__(self, name):
            return True
        self.missed.add(name)
        return False

    def get(self, name: str, default: object = None) -> object:
        if dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        self.missed.add(name)
        return default


def broken(classes, carried: dict[str, list[gast.Assign]]) -> set[str]:
    """The candidates a later binding of which copies a name outside the first one's class."""
    return {name for name, stmts in carried.items()
            if not all(classes.same(stmts[0].value.id, s.value.id) for s in stmts[1:])}


class ShapeClasses:
    """Names in classes of one shape (union-find), what :func:`.shapes.analyze_shapes` finds."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        # how often each name is bound, a change in place counted unless it keeps the shape
        # (x[i] = v): shape and rank analyses (ranks.py too) follow names bound once
        self.bindings: Counter = Counter()
        self.carried: dict = {}  # names bound more than once assumed of one class (checked)
        self.slices: dict[tuple, str] = {}  # slice_key → the first name bound to such a slice
        self.reads: dict[tuple, str] = {}  # read_key (repeated_reads.py) → its first name
        self.dropped = False  # whether an assumption of ``carried`` failed (and was dropped)
        self.missed: set[str] = set()  # names asked of the smaller shapes, not there (Smaller)

    def find(self, name: str) -> str:
        root = name
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        self.parent[name] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def same(self, a: str, b: str) -> bool:
        return a == b or self.find(a) == self.find(b)
