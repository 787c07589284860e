"""Reads of a copy read its source: a copy between two variables' names goes.

``h_1_bar = h_2_minus_t1_bar`` (the adjoint of ``v - rate * np.tanh(v)``: ``v``'s first term)
joins two variables' adjoints; :mod:`.versions` does not spell them as one name while the
source is still read (``tanh_h_2_bar = -h_2_minus_t1_bar * 0.5``), and the target is bound
again (``h_1_bar = h_1_bar + ...``), so neither name can stand for the other everywhere.  Where
the copy's value is read only shortly after it, those reads can read the source instead, and the
copy, read by nothing, goes.  For a copy ``a = b`` in a block, this holds when:

- ``b`` is still read after the copy (else :mod:`.versions` merges the two names), ``a`` is
  neither a parameter nor a loop target, and no ``return`` reads the copy's value (the name
  returned is the one a reader looks for);
- every statement after the copy in its block that reads ``a``, up to the first one binding
  ``a``, binds neither ``b`` nor (in a nested block) ``a``, and does not change ``a`` by
  ``a op= v``; at the end of a block other than the function's own, ``a`` must be bound again
  there (its value could be read around a loop or after a branch otherwise).

Then each of those reads sees ``a`` and ``b`` holding the one object the copy gave both (in-place
changes included: they change that object), and nothing else reads the copy's value.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, g):
    ...     y_bar = g * x
    ...     x_bar = y_bar
    ...     z_bar = y_bar * 2.0
    ...     x_bar = x_bar + z_bar
    ...     return x_bar
    ... ''').body[0]
    >>> read_through_copies(node.body, Walks(), {"x", "g"})
    >>> print(function_text(node), end="")
    def f(x, g):
        y_bar = g * x
        x_bar = y_bar
        z_bar = y_bar * 2.0
        x_bar = y_bar + z_bar
        return x_bar

(the copy, read by nothing now, is left for :mod:`.versions` to drop).
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import blocks, live_after, statements, stores, target
from .sink import bound
from .walks import Walks


def read_through_copies(body: list[gast.stmt], walks: Walks, params: set[str]) -> None:
    """Make the reads of the copies between two variables' names that the module docstring
    allows read their sources (``walks``: kept true)."""
    pinned = params | {n for s in statements(body) if s.__class__ is gast.For
                       for n in stores(s)}
    found = []
    for block in blocks(body):
        for index, stmt in enumerate(block):
            name = target(stmt)
            if name is not None and stmt.value.__class__ is gast.Name and name not in pinned \
                    and stem(name) != stem(stmt.value.id):
                found.append((block, index, stmt))
    if not found:
        return
    live = live_after(body, {id(stmt) for *_, stmt in found}, walks.reads)
    for block, index, copy in found:
        source = copy.value.id
        if source in live[id(copy)] and block[index] is copy:
            readers = _readers(block, index, target(copy), source, walks, block is body)
            for stmt in readers or ():
                _read(stmt, target(copy), source, walks)


def _readers(block: list[gast.stmt], index: int, name: str, source: str, walks: Walks,
             top: bool) -> list[gast.stmt] | None:
    """The statements reading the value the copy ``name = source`` at ``block[index]`` gives,
    if they may read ``source`` instead; else ``None``."""
    found = []
    for stmt in block[index + 1:]:
        inner = list(statements([stmt]))
        reading = [s for s in inner if name in walks.reads(s)]
        binds = [s for s in inner if name in bound(s, walks)]
        if any(source in bound(s, walks) for s in inner) or any(
                isinstance(s, (ir.Marker, gast.AugAssign, gast.Return)) for s in reading):
            return None
        found += reading
        if binds:
            return found if binds == [stmt] and not isinstance(stmt, ir.COMPOUND) else None
    return found if top else None


def _read(stmt: gast.stmt, name: str, source: str, walks: Walks) -> None:
    """``stmt`` reads ``source`` where it read ``name`` (and its notes follow)."""
    for node in walks.nodes(stmt):
        if node.__class__ is gast.Name and node.id == name and node.ctx.__class__ is gast.Load:
            node.id = source
    walks.renamed(stmt)
    marks = stmt.__dict__.get(ir.SLOT)
    if marks is not None:
        for field in ("updates", "contribution", "rewinds"):
            if getattr(marks, field) == name:
                setattr(marks, field, source)


def stem(name: str) -> str:
    """The variable a version's name spells: ``s_1_bar`` → ``s_bar``."""
    return "_".join(part for part in name.split("_") if not part.isdigit())
