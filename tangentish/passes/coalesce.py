"""An adjoint copied to another name once is computed under that name: no identity copy.

``x_minus_y_bar = ...`` then ``x_bar = x_minus_y_bar`` (the adjoint of ``x - y`` is ``x``'s first
term) keeps two names for one array, and the copy is why ``x_bar`` cannot later be summed in
place (:mod:`.accumulate`: another name holds its array).  Copy propagation cannot read
``x_minus_y_bar`` for ``x_bar`` because ``x_bar`` is bound again (``x_bar = x_bar + ...``); the
other way round works: compute the value as ``x_bar`` in the first place, and read ``x_bar``
where ``x_minus_y_bar`` was read.  That keeps every value when, for the copy ``a = b`` (derivative
code, in the function's own body, not in a loop or branch):

- ``b`` is bound once, by a plain assignment earlier in the body, and is not a parameter, not
  returned, not read by a ``lambda``, a marker or after ``a`` is bound again;
- ``a`` is bound nowhere before the copy (nor is it a parameter), so no older value of ``a`` is
  read or overwritten.

Then each read of ``b`` sees ``a`` holding the same value it held.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     y = x * 2.0
    ...     y = np.sin(y)
    ...     y += x  # y's adjoint is x's first term
    ...     return np.sum(y ** 2)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = out_bar * 2 * y_2
        del y_2
        # adjoint of: y = np.sin(y)  [...]
        y_bar = x_bar * np.cos(y)
    ...
"""

from __future__ import annotations

import bisect

import gast

from .. import ir
from .dataflow import statements, target
from .derivative import Derivative
from .walks import Walks


def coalesce_copies(fn: Derivative, params: set[str], walks: Walks) -> None:
    """Remove the copies the module docstring describes (``walks``: kept true).  Linear in the
    body: each name's binding positions, last read and reading statements are indexed once."""
    body = fn.body
    index = _Index(body, walks)
    signature = fn.args  # (the seed ``out_bar`` is a parameter too)
    params = params | {a.id for a in (
        *signature.posonlyargs, *signature.args, *signature.kwonlyargs,
        *(p for p in (signature.vararg, signature.kwarg) if p is not None))}
    unsafe = params | fn.protected
    gone: set[int] = set()
    for k, copy in enumerate(body):
        a = target(copy)
        if a is None or copy.value.__class__ is not gast.Name or not ir.note(copy).adjoint:
            continue
        b = copy.value.id
        bound = index.binders.get(b, [])
        if a == b or a in params or b in unsafe or len(bound) != 1 or bound[0] >= k or \
                index.count.get(b) != 1 or target(body[bound[0]]) != b or \
                index.binders.get(a, [k])[0] != k:
            continue  # (b bound once, before; a bound first by this copy)
        j = bound[0]
        later = index.next_binding(a, k, len(body))
        reads = [(at, s) for at, s in index.readers.get(b, []) if s is not copy]
        readers = [s for _, s in reads]
        if index.last_read.get(b, -1) >= later or index.first_read.get(b, j + 1) <= j or any(
                isinstance(s, ir.Marker) or any(n.__class__ is gast.Lambda
                                                for n in walks.nodes(s)) for s in readers):
            continue  # (read after ``a`` changes, or where it cannot be renamed)
        body[j].targets[0].id = a
        walks.forget(body[j])
        for stmt in readers:
            for node in walks.value(stmt) if isinstance(stmt, gast.For) else walks.nodes(stmt):
                if node.__class__ is gast.Name and node.id == b:
                    node.id = a
            walks.renamed(stmt)
        index.renamed(a, b, j, k, reads)
        fn.primal_of.pop(b, None)
        gone.add(id(copy))
        walks.forget(copy)
    if gone:
        body[:] = [stmt for stmt in body if id(stmt) not in gone]


class _Index:
    """Per name: the positions in the body of the statements binding it (blocks included), the
    last position reading it, the statements reading it, how many bind it."""

    def __init__(self, body: list[gast.stmt], walks: Walks):
        self.binders: dict[str, list[int]] = {}
        self.last_read: dict[str, int] = {}
        self.readers: dict[str, list[tuple[int, gast.stmt]]] = {}
        self.first_read: dict[str, int] = {}
        self.count: dict[str, int] = {}
        for position, top in enumerate(body):
            for stmt in statements([top]):
                name = target(stmt)
                bound = walks.others(stmt) | ({name} if name is not None else set())
                for each in bound:
                    found = self.binders.setdefault(each, [])
                    if not found or found[-1] != position:
                        found.append(position)
                    self.count[each] = self.count.get(each, 0) + 1
                for each in walks.reads(stmt):
                    self.last_read[each] = position
                    self.first_read.setdefault(each, position)
                    self.readers.setdefault(each, []).append((position, stmt))

    def next_binding(self, name: str, after: int, end: int) -> int:
        positions = self.binders.get(name, [])
        found = bisect.bisect_right(positions, after)
        return positions[found] if found < len(positions) else end

    def renamed(self, a: str, b: str, j: int, k: int,
                readers: list[tuple[int, gast.stmt]]) -> None:
        """``b`` (bound at ``j``) is ``a`` now, and the copy at ``k`` is gone."""
        positions = [p for p in self.binders.get(a, []) if p != k]
        bisect.insort(positions, j)
        self.binders[a] = positions
        self.binders.pop(b, None)
        self.count.pop(b, None)
        self.last_read[a] = max(self.last_read.get(a, -1), self.last_read.pop(b, -1))
        self.readers.setdefault(a, []).extend(readers)
        self.readers.pop(b, None)
        self.first_read[a] = min(self.first_read.get(a, j + 1), self.first_read.pop(b, j + 1))
