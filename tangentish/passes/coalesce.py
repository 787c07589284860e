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
    ...     return np.sum(y)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = _rt.unreduce(out_bar, x)
        # adjoint of: y = np.sin(y)  [...]
        y_bar = x_bar * np.cos(y)
    ...
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import definition_counts, statements, target
from .derivative import Derivative
from .walks import Walks


def coalesce_copies(fn: Derivative, params: set[str], walks: Walks) -> None:
    """Remove the copies the module docstring describes (``walks``: kept true)."""
    body = fn.body
    counts = definition_counts(body)
    reads: list[set[str]] = []  # per statement of the body: what it and its blocks read
    binds: list[set[str]] = []  # ... and bind (or delete)
    for top in body:
        inner = list(statements([top]))
        reads.append(set().union(*(walks.reads(s) for s in inner)))
        binds.append(set().union(*(walks.others(s) for s in inner)) | {
            n for s in inner if (n := target(s)) is not None})
    index = 0
    while index < len(body):
        if _coalesce(fn, index, params, counts, reads, binds, walks):
            walks.forget(body[index])
            del body[index], reads[index], binds[index]
            continue
        index += 1


def _coalesce(fn: Derivative, k: int, params: set[str], counts: dict[str, int],
              reads: list[set[str]], binds: list[set[str]], walks: Walks) -> bool:
    """Whether the copy at ``fn.body[k]`` could go (and then its source was renamed)."""
    copy = fn.body[k]
    a = target(copy)
    if a is None or copy.value.__class__ is not gast.Name or not ir.note(copy).adjoint:
        return False
    b = copy.value.id
    unsafe = params | fn.protected
    if a == b or a in params or b in unsafe or counts.get(b) != 1 or \
            any(a in names for names in binds[:k]):
        return False
    j = next((i for i in range(k) if target(fn.body[i]) == b), None)
    if j is None:
        return False
    later = next((i for i in range(k + 1, len(fn.body)) if a in binds[i]), len(fn.body))
    if any(b in reads[i] for i in range(later, len(fn.body))):
        return False  # (read after ``a`` changes: it would see the new value)
    readers = [s for top in fn.body[j + 1:later] for s in statements([top])
               if b in walks.reads(s)]
    if any(isinstance(s, ir.Marker) or any(n.__class__ is gast.Lambda for n in walks.nodes(s))
           for s in readers if s is not copy):
        return False
    fn.body[j].targets[0].id = a
    walks.forget(fn.body[j])
    for stmt in readers:
        if stmt is copy:
            continue
        for node in walks.value(stmt) if isinstance(stmt, gast.For) else walks.nodes(stmt):
            if node.__class__ is gast.Name and node.id == b:
                node.id = a
        walks.renamed(stmt)
    for i in range(j, later):
        if b in reads[i]:
            reads[i] = (reads[i] - {b}) | {a}
    binds[j] = (binds[j] - {b}) | {a}
    counts.pop(b, None)
    fn.primal_of.pop(b, None)
    return True
