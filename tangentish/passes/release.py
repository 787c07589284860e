"""Free a large value after its last read: ``del name``.

Python keeps a local's array until the function returns.  A gradient reads most primal values only
early in its adjoint sweep, so without help it holds every one of them at once, to the end:

    >>> import numpy as np
    >>> import tangentish
    >>> def g(x):
    ...     return np.sum(np.sin(x) * x)
    >>> print(tangentish.grad(g).source, end="")  # doctest: +ELLIPSIS
    def grad_g_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = out_bar * sin_x
        del sin_x
        x_bar = x_bar + out_bar * x * np.cos(x)
        return x_bar

A name is released when all of these hold:

- it provably has the shape of a parameter it is differentiated with respect to (it follows
  that parameter through elementwise steps, see :class:`shapes.StandIns`), or, in a derivative
  specialized to its arguments, is a float64 array of proven rank 1 or more (``x[1:] - x[:-1]``),
  or is the adjoint of such a value: only then is freeing it worth a line;
- it is bound exactly once, by a plain assignment in the function's own body (not in a loop or a
  branch: it surely has a value when the ``del`` runs, and no later iteration reads it), and is
  never changed in place;
- it is not a parameter (the caller holds those), not returned, not read by a ``lambda`` or
  nested ``def`` (which may run later), and not copied to another name (``a = name``: the array
  would live on anyway);
- it is not a view (``x[1:]``, ``_rt.unreduce(g, t, view=True)``: no memory of its own), nor a
  proven scalar (a derivative specialized to scalar arguments, :mod:`.patterns`), nor a scalar's adjoint;
- its last read is a statement of the body followed by more than the ``return`` (the ``del``
  goes right after it; a read inside a loop or branch counts as a read by the whole statement).

Deleting a name only drops a reference: another name for the same array (a view, an alias) keeps
it alive and valid, so this never changes a value.  Derivatives of derivatives accept ``del``
(:mod:`desugar` drops it where the name is not read again).
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import definition_counts, statements, target
from .derivative import Derivative
from .unreduce_views import is_unreduce_view
from .walks import Walks


def release(fn: Derivative, params: set[str], walks: Walks | None = None,
            counts: dict[str, int] | None = None) -> None:
    """Insert ``del`` statements after the last reads of large owned values (``walks``: the
    statements' walks, ``counts``: :func:`definition_counts`, if known already)."""
    walks = walks or Walks()
    arrays = set(fn.follows) | {name for name in fn.shaped if fn.ranks.get(name, 0) >= 1}
    large = arrays | {a for a, p in fn.primal_of.items() if p in arrays}
    large -= params | fn.protected | _closed_over(fn.body, walks)
    large = {name for name in large if name not in fn.scalars and  # (specialized to scalars:
             fn.primal_of.get(name) not in fn.scalars}  # nothing large to free)
    counts = definition_counts(fn.body) if counts is None else counts
    bound_at: dict[str, int] = {}
    last_read: dict[str, int] = {}
    copied: set[str] = set()
    for index, top in enumerate(fn.body):
        for stmt in statements([top]) if isinstance(top, ir.COMPOUND) else (top,):
            for name in walks.reads(stmt):
                last_read[name] = index
            if target(stmt) is not None and isinstance(stmt.value, gast.Name):
                copied.add(stmt.value.id)
        name = target(top)
        if name in large and counts.get(name) == 1 and ir.note(top).updates is None and \
                top.value.__class__ is not gast.Subscript and \
                not _view(top.value, fn.machinery.aliases["_rt"]):
            bound_at[name] = index
    dying: dict[int, list[str]] = {}
    for name, index in bound_at.items():
        last = last_read.get(name, -1)
        if index < last < len(fn.body) - 2 and name not in copied:  # (not just before return)
            dying.setdefault(last, []).append(name)
    if not dying:
        return
    body: list[gast.stmt] = []
    for index, stmt in enumerate(fn.body):
        body.append(stmt)
        if index in dying:
            body.append(_delete(dying[index]))
    fn.body[:] = body


def _closed_over(body: list[gast.stmt], walks: Walks) -> set[str]:
    """The names read inside a ``lambda`` or a nested ``def``: it may run later than it is
    written, so its reads have no last statement."""
    found: set[str] = set()
    for stmt in statements(body):
        walked = walks.nodes(stmt)
        if not _CLOSURE_TYPES.isdisjoint(map(type, walked)):  # (rare: the test loops in C)
            found.update(n.id for inner in walked if isinstance(inner, _CLOSURES)
                         for n in build.node_list(inner) if isinstance(n, gast.Name))
    return found


_CLOSURES = (gast.Lambda, gast.FunctionDef)
_CLOSURE_TYPES = frozenset(_CLOSURES)  # (no pass subclasses them)


def _view(value: gast.expr, rt: str) -> bool:
    """Whether ``value`` is ``_rt.unreduce(..., view=True)``: a broadcast view holds no array of
    its size, there is nothing to free."""
    return is_unreduce_view(value, rt)


def _delete(names: list[str]) -> gast.Delete:
    stmt = gast.Delete.__new__(gast.Delete)  # (as ``gast.Delete(targets=...)``, cheaper)
    stmt.targets = []
    for identifier in names:
        node = gast.Name.__new__(gast.Name)
        node.id, node.ctx, node.annotation, node.type_comment = identifier, _DEL, None, None
        stmt.targets.append(node)
    ir.note(stmt).adjoint = True
    return stmt


_DEL = gast.Del()
