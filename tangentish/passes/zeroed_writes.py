"""An owned adjoint's first addition into an item of a fresh zero array is a write.

The adjoint of reading ``x[i]`` in a loop over ``range(n)`` adds into ``x``'s adjoint, made
zero just before the reversed loop, at the loop's counter (:mod:`.owned` wrote it in place)::

    x_bar = np.zeros_like(x)
    for i in reversed(range_n):
        ...
        x_bar[i] += g

Each step reads the item (a zero), adds and writes it back.  Where every step's index is its own
(the counter of a ``for`` over ``range`` of one argument, or ``reversed`` of it: distinct
non-negative ints, never rebound in the loop), the zero array is made in the same block right
before the loop (nothing between mentions it: every run of the loop starts from zeros), and every
mention of the array in the loop is :mod:`.owned`'s ``x_bar[i] += e`` at the counter, none in an
inner loop (only ``if`` statements between: the first in the text runs, if it runs, before any
other in its step, so it finds the zero the array was made with), that first addition is the
write ``x_bar[i] = g``: ``0.0 + g`` is ``g`` (only a zero's sign may differ: ``-0.0`` stays
``-0.0`` instead of becoming ``0.0``, as in :mod:`.restored_items`).  A row (``x_bar[i]`` of a
matrix) is copied in alike.

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def f(x, v, n):\\n"
    ...                   "    range_n = range(n)\\n"
    ...                   "    x_bar = np.zeros_like(x)\\n"
    ...                   "    for i in reversed(range_n):\\n"
    ...                   "        x_bar[i] += v[i] * 2.0\\n"
    ...                   "        x_bar[i] += v[i]\\n"
    ...                   "    return x_bar\\n").body[0]
    >>> for stmt in tree.body[2].body:  # (as owned.py marks its updates)
    ...     ir.note(stmt).updates, ir.note(stmt).summed = "x_bar", True
    >>> write_first_items(tree.body, "np", {"x", "v", "n"})
    >>> print(function_text(tree), end="")
    def f(x, v, n):
        range_n = range(n)
        x_bar = np.zeros_like(x)
        for i in reversed(range_n):
            x_bar[i] = v[i] * 2.0
            x_bar[i] += v[i]
        return x_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks, statements, target

_ZEROS = ("zeros", "zeros_like")


def write_first_items(body: list[gast.stmt], np_alias: str, params: set[str]) -> None:
    """Make each first addition into a fresh zero array's item a write (see above); ``params``:
    the function's parameters (a name bound on entry is no ``range`` the body made)."""
    found = [(block, index, name) for block in blocks(body) for index, stmt in enumerate(block)
             if (name := _zeroed(stmt, np_alias)) is not None]
    if not found:
        return  # (no zero array: the names bound below cost a walk of every statement)
    ranges = _single_ranges(body, params)
    for block, index, name in found:
        loop = _next_mention(block, index + 1, name)
        if loop is not None and _counter(loop, ranges) is not None:
            _write_first(loop, name)


def _single_ranges(body: list[gast.stmt], params: set[str]) -> set[str]:
    """The names every binding of which is ``name = range(n)`` (one argument: distinct ints
    from 0), and no parameter."""
    bindings: dict[str, int] = {}
    ranges: dict[str, int] = {}
    for stmt in statements(body):
        for node in build.nodes(stmt):
            if node.__class__ is gast.Name and node.ctx.__class__ is not gast.Load:
                bindings[node.id] = bindings.get(node.id, 0) + 1
        name = target(stmt)
        if name is not None and _is_range(stmt.value):
            ranges[name] = ranges.get(name, 0) + 1
    return {name for name, count in ranges.items()
            if bindings.get(name) == count and name not in params}


def _is_range(node: gast.expr) -> bool:
    return node.__class__ is gast.Call and node.func.__class__ is gast.Name and \
        node.func.id == "range" and len(node.args) == 1 and not node.keywords and \
        node.args[0].__class__ is not gast.Starred


def _zeroed(stmt: gast.stmt, np_alias: str) -> str | None:
    """``name`` of ``name = np.zeros_like(...)`` or ``name = np.zeros(...)``."""
    name = target(stmt)
    call = getattr(stmt, "value", None)
    if name is None or call.__class__ is not gast.Call:
        return None
    func = call.func
    if func.__class__ is gast.Attribute and func.attr in _ZEROS and \
            func.value.__class__ is gast.Name and func.value.id == np_alias:
        return name
    return None


def _next_mention(block: list[gast.stmt], start: int, name: str) -> gast.For | None:
    """The first statement from ``start`` on that mentions ``name``, if a ``for`` loop."""
    for stmt in block[start:]:
        if name in build.names(stmt):
            return stmt if stmt.__class__ is gast.For else None
    return None


def _counter(loop: gast.For, ranges: set[str]) -> str | None:
    """The loop's counter, if it runs over ``range(n)`` or ``reversed`` of it (distinct ints
    from 0) and the loop never binds it."""
    over = loop.iter
    if over.__class__ is gast.Call and over.func.__class__ is gast.Name and \
            over.func.id == "reversed" and len(over.args) == 1 and not over.keywords:
        over = over.args[0]
    if not (_is_range(over) or over.__class__ is gast.Name and over.id in ranges):
        return None
    counter = loop.target
    if counter.__class__ is not gast.Name or loop.orelse:
        return None
    for stmt in statements(loop.body):
        if any(node.__class__ is gast.Name and node.id == counter.id and
               node.ctx.__class__ is not gast.Load for node in build.nodes(stmt)):
            return None
    return counter.id


def _write_first(loop: gast.For, name: str) -> None:
    """Rewrite the loop's first addition into ``name[counter]``, if every mention of ``name``
    in the loop is such an addition, none in an inner loop (see above)."""
    found = _additions(loop.body, name, loop.target.id)
    if not found:
        return
    block, first = found[0]
    write = gast.copy_location(build.assign(first.target, first.value), first)
    note, old = ir.note(write), ir.note(first)
    note.owner, note.contribution, note.adjoint = old.owner, old.contribution, old.adjoint
    note.updates = name  # (into name's array, not summed: what the array held is overwritten)
    block[:] = [write if stmt is first else stmt for stmt in block]


def _additions(body: list[gast.stmt], name: str, counter: str) -> list | None:
    """Each (block, statement) of ``body`` that mentions ``name``, in order, through ``if``
    statements only, each an addition at ``counter``; None if another statement mentions it."""
    found: list = []
    for stmt in body:
        if stmt.__class__ is gast.If and name not in build.names(stmt.test):
            inner = [_additions(stmt.body, name, counter), _additions(stmt.orelse, name, counter)]
            if None in inner:
                return None
            found += inner[0] + inner[1]
        elif name in build.names(stmt):
            if stmt.__class__ is not gast.AugAssign or not _adds_at(stmt, name, counter) or \
                    name in build.names(stmt.value):
                return None
            found.append((body, stmt))
    return found


def _adds_at(stmt: gast.AugAssign, name: str, counter: str) -> bool:
    """``name[counter] += e``, an update :mod:`.owned` proved in place into ``name``'s array."""
    place = stmt.target
    note = ir.note(stmt)
    return stmt.op.__class__ is gast.Add and note.updates == name and note.summed and \
        place.__class__ is gast.Subscript and place.value.__class__ is gast.Name and \
        place.value.id == name and place.slice.__class__ is gast.Name and \
        place.slice.id == counter
