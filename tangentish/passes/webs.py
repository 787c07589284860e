"""A name whose values no read joins is two variables: each may share a name of its own.

In a gradient the adjoint pops from the tape the iteration's first version of a loop-carried
variable under the name the primal gave it (``total_2``); :mod:`.versions` merges that name with
``total_1`` in the primal, and then the copy ``value = total_1`` cannot go, because the pop
rebinds ``total_1`` while ``value`` is still live.  The pop's value and the primal's are different
variables that happen to share a name: no read sees both.

:func:`split_webs` finds, for each name, the points between the function's top-level statements
where it is dead (no path from there reads it before binding it again) and gives each stretch
after such a point that binds it again a name of its own (each stretch is a *web*: every read in
it sees a value bound in it, and no binding in it reaches a read outside it).  A stretch whose
first statement deletes the name stays with the one before.  Parameters, loop targets and the
names returned keep their names.  Renaming a web whole changes no value.  :mod:`.versions` then
joins the webs of one name again wherever their lives do not overlap (as it merges a copy's two
names, spelling the class with the name the program had), so a split that lets no copy go
leaves no trace.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x):
    ...     s = x * 2.0
    ...     y = s + 1.0
    ...     s = y * 3.0
    ...     return s
    ... ''').body[0]
    >>> split_webs(node.body, Walks(), {"x"})
    {'s_1': 's'}
    >>> print(function_text(node), end="")
    def f(x):
        s = x * 2.0
        y = s + 1.0
        s_1 = y * 3.0
        return s_1
"""

from __future__ import annotations

import gast

from .. import ir
from .copy_reads import Mentions
from .dataflow import must_define, statements, stores, upward_exposed
from .walks import Walks


def split_webs(body: list[gast.stmt], walks: Walks, keep: set[str],
               mentions: Mentions | None = None) -> dict[str, str]:
    """Give every web after a name's first its own name (module docstring); returns each new
    name → the name it had (``keep``: names that keep theirs; ``walks``: kept true;
    ``mentions``: ``body``'s, if made)."""
    mentions = mentions or Mentions(body, walks)
    taken, deleted = set(mentions.at), mentions.deleted
    keep = keep | {n for s in statements(body) if s.__class__ is gast.For for n in stores(s)}
    split = {n: places for n, places in mentions.at.items() if len(places) > 1 and n not in keep}
    if not split:
        return {}
    flow: dict[int, tuple[set[str], set[str]]] = {}  # index → what it may read first, must bind
    renamed: dict[str, str] = {}
    for name, places in sorted(split.items()):
        # (the top level runs straight: a name is live after one statement mentioning it when
        # the next may read it first, or may leave it alone with the name live after that one)
        live, starts = False, set()
        for index in reversed(places[1:]):
            if index not in flow:
                flow[index] = (upward_exposed([body[index]], walks.reads),
                               must_define([body[index]]))
            exposed, defined = flow[index]
            live = name in exposed or (name not in defined and live)
            if not live and (index, name) not in deleted:
                starts.add(index)
        current = name
        for index in places[1:]:
            if index in starts:
                current = _fresh(name, taken)
                renamed[current] = name
            if current != name:
                _rename(body[index], name, current, walks)
    return renamed


def _fresh(name: str, taken: set[str]) -> str:
    head, underscore, digits = name.rpartition("_")  # (re.sub(r"_\d+$", "", name) for a name,
    base = head if underscore and digits.isdecimal() else name  # which holds no newline)
    index = 1
    while f"{base}_{index}" in taken:
        index += 1
    taken.add(f"{base}_{index}")
    return f"{base}_{index}"


def _rename(top: gast.stmt, old: str, new: str, walks: Walks) -> None:
    for stmt in statements([top]):
        if old not in walks.reads(stmt) and old not in walks.others(stmt):
            continue
        for node in walks.nodes(stmt):
            if node.__class__ is gast.Name and node.id == old:
                node.id = new
        walks.renamed(stmt)
        marks = stmt.__dict__.get(ir.SLOT)
        if marks is not None:
            for field in ("updates", "augments", "contribution", "rewinds"):
                if getattr(marks, field) == old:
                    setattr(marks, field, new)
