"""Reads of a copy read its source: a copy between two variables' names goes.

``h_1_bar = h_2_minus_t1_bar`` (the adjoint of ``v - rate * np.tanh(v)``: ``v``'s first term)
joins two variables' adjoints; :mod:`.versions` does not spell them as one name while the
source is still read (``tanh_h_2_bar = -h_2_minus_t1_bar * 0.5``), and the target is bound
again (``h_1_bar = h_1_bar + ...``), so neither name can stand for the other everywhere.  Where
the copy's value is read only shortly after it, those reads can read the source instead, and the
copy, read by nothing, goes.  For a copy ``a = b`` in a block, this holds when:

- ``b`` is still read after the copy in its block (else :mod:`.versions` merges the two names
  where nothing else reads it), ``a`` is neither a parameter nor a loop target, and no
  ``return`` reads the copy's value (the name returned is the one a reader looks for);
- every statement after the copy in its block that reads ``a``, up to the first one binding
  ``a``, binds neither ``b`` nor (in a nested block) ``a``, does not change ``a`` by
  ``a op= v``, and hands nothing to a function that may change an argument in place (the
  runtime's ``zero_index`` and ``add_at`` do when no other name holds the array: with
  ``a = _rt.zero_index(b, i)`` the copy's name is what keeps ``b``, read later, unchanged); at
  the end of a block other than the function's own, ``a`` must be bound again there (its value
  could be read around a loop or after a branch otherwise).

Then each of those reads sees ``a`` and ``b`` holding the one object the copy gave both (in-place
changes included: they change that object, and no change depends on how many names hold it),
and nothing else reads the copy's value.

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
    >>> read_through_copies(node.body, Walks(), {"x", "g"}, Pure())
    True
    >>> print(function_text(node), end="")
    def f(x, g):
        y_bar = g * x
        z_bar = y_bar * 2.0
        x_bar = y_bar + z_bar
        return x_bar

(the copy, read by nothing now, goes).
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import blocks, statements, stores, target
from .sink import Pure, bound
from .walks import Walks


def read_through_copies(body: list[gast.stmt], walks: Walks, params: set[str], pure: Pure,
                        top: Mentions | None = None) -> bool:
    """Make the reads of the copies between two variables' names that the module docstring
    allows read their sources (``walks``: kept true).  Each block with such a copy is indexed
    once (:class:`Mentions`; ``top``: ``body``'s, if made), and a copy looks only at the
    statements mentioning its names.  Returns whether a copy left ``body`` itself (``top`` is
    then out of date)."""
    removed = False
    pinned = params | {n for s in statements(body) if s.__class__ is gast.For
                       for n in stores(s)}
    for block in blocks(body):
        found = [(index, stmt) for index, stmt in enumerate(block)
                 if target(stmt) is not None and stmt.value.__class__ is gast.Name and
                 target(stmt) not in pinned and stem(target(stmt)) != stem(stmt.value.id)]
        if not found:
            continue
        mentions = top if top is not None and block is body else Mentions(block, walks)
        gone = set()
        for index, copy in found:
            name, source = target(copy), copy.value.id
            readers = _readers(mentions, (index, name, source), block is body, pure) \
                if _read_later(mentions, index, source) else None
            if readers is None:
                continue
            for _, stmt in readers:
                _read(stmt, name, source, walks)
            mentions.add(source, [at for at, _ in readers])
            if not ir.note(copy).keep:  # (read by nothing now; nor deleted: fuzz seed 4870
                gone.add(id(copy))  # program 65, `del name` left with nothing bound)
                gone.update(_undeleted(mentions, index, name))
        if gone:
            block[:] = [stmt for stmt in block if id(stmt) not in gone]
            removed = removed or block is body
    return removed


class Mentions:
    """For one block: the positions of its statements that mention each name (nested statements
    included; a superset once names are renamed), and which of them delete which names."""

    def __init__(self, block: list[gast.stmt], walks: Walks):
        self.block, self.walks = block, walks
        self.at: dict[str, list[int]] = {}
        self.deleted: set[tuple[int, str]] = set()
        at = self.at
        for index, top in enumerate(block):
            for stmt in statements([top]):
                for names in (walks.reads(stmt), walks.others(stmt)):  # (others: bound ones)
                    for name in names:
                        found = at.get(name)
                        if found is None:
                            at[name] = [index]
                        elif found[-1] != index:
                            found.append(index)
                if stmt.__class__ is gast.Delete:
                    self.deleted.update((index, t.id) for t in stmt.targets
                                        if t.__class__ is gast.Name)

    def after(self, index: int, *names: str) -> list[int]:
        return sorted({at for name in names for at in self.at.get(name, ()) if at > index})

    def add(self, name: str, positions: list[int]) -> None:
        self.at[name] = sorted(set(self.at.get(name, [])) | set(positions))

    def inner(self, index: int) -> list[gast.stmt]:
        return list(statements([self.block[index]]))


def _undeleted(mentions: Mentions, index: int, name: str) -> set[int]:
    """The ``del name`` that ends the life of the copy at ``index``, if one does, without
    ``name``: the ids of those statements left with no target (to go too)."""
    walks = mentions.walks
    for at in mentions.after(index, name):
        if any(name in bound(s, walks) for s in mentions.inner(at)):
            stmt = mentions.block[at]
            if (at, name) not in mentions.deleted or stmt.__class__ is not gast.Delete:
                return set()
            stmt.targets = [t for t in stmt.targets if getattr(t, "id", None) != name]
            walks.forget(stmt)
            return set() if stmt.targets else {id(stmt)}
    return set()


def _read_later(mentions: Mentions, index: int, source: str) -> bool:
    """Whether a statement after the copy at ``index`` reads ``source`` before anything binds
    it (so that it is live after the copy: else :mod:`.versions` merges the names)."""
    walks = mentions.walks
    for at in mentions.after(index, source):
        inner = mentions.inner(at)
        if any(source in walks.reads(s) for s in inner):
            return True
        if any(source in bound(s, walks) for s in inner):
            return False
    return False


def _readers(mentions: Mentions, copy: tuple[int, str, str], top: bool,
             pure: Pure) -> list[tuple[int, gast.stmt]] | None:
    """The statements (with their positions) reading the value the copy ``name = source`` at
    ``index`` (``copy``) gives, if they may read ``source`` instead; else ``None``."""
    (index, name, source), walks, found = copy, mentions.walks, []
    for at in mentions.after(index, name, source):
        inner = mentions.inner(at)
        reading = [s for s in inner if name in walks.reads(s)]
        binds = [s for s in inner if name in bound(s, walks)]
        if any(source in bound(s, walks) for s in inner) or any(
                isinstance(s, (ir.Marker, gast.AugAssign, gast.Return)) or any(
                    n.__class__ is gast.Call and pure.changes_argument(n)
                    for n in walks.nodes(s)) for s in reading):
            return None
        found += [(at, s) for s in reading]
        if binds:
            only = binds == [mentions.block[at]] and not isinstance(binds[0], ir.COMPOUND)
            return found if only else None
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
