"""Zeroing an adjoint's item at a loop's counter, where only other steps read other items.

The adjoint of ``out[i] = v`` reads ``out_bar[i]`` and zeroes it (``out_bar =
_rt.zero_index(out_bar, i)``): the value ``out[i]`` held before was overwritten, so what flows
back to it is nothing.  In a loop over ``range(n)`` (or ``reversed`` of it) whose counter ``i``
the loop never binds, every step's counter is its own distinct non-negative int; where the step
mentions ``out_bar`` only to read ``out_bar[i]`` before the zeroing, and the loop's end leaves
``out_bar`` unread, no read ever sees the zero: every later step reads another item, and nothing
reads the array after the loop.  The zeroing goes; so does what guarded it, when the gradient is
differentiated again (``_rt.check_unshared`` before the write: nothing is written).  The helper
writes in place only into an array no other name holds (else into a copy), so no other name saw
the zero either.

    >>> import gast
    >>> from tangentish.passes.dataflow import statements
    >>> def dropped(*lines):  # (the zeroing: the function's first ``zero_index``)
    ...     tree = gast.parse("def f(g, n):\\n    " + "\\n    ".join(lines)).body[0]
    ...     found = [s for s in statements(tree.body) if s.__class__ is gast.Assign and
    ...              "zero_index" in gast.dump(s)]
    ...     return bool(unread_counted(tree.body, found, {"g", "n"}))
    >>> loop = ["range_n = range(n)", "for i in reversed(range_n):",
    ...         "    v_bar = g[i] * 2.0", "    g = _rt.zero_index(g, i)"]
    >>> dropped(*loop, "return v_bar")
    True

A read after the loop, in an outer loop's next step, after the zeroing in the step, or an
index other than the counter keeps it:

    >>> dropped(*loop, "return g")
    False
    >>> dropped(loop[0], "for k in range(2):", *["    " + line for line in loop[1:]], "return v_bar")
    False
    >>> dropped(*loop, "    w = g[i]", "return w")
    False
    >>> dropped(*loop[:3], "    g = _rt.zero_index(g, n)", "return v_bar")
    False
"""

from __future__ import annotations

import gast

from ..syntax import build
from .dataflow import live_after, path_to
from .zeroed_writes import _counter, _single_ranges


def unread_counted(body: list[gast.stmt], found: list[gast.Assign], params: set[str]) -> set[int]:
    """The ids of the zeroings ``n = _rt.zero_index(n, i)`` of ``found`` that no read sees
    (see above); ``params``: the function's parameters (no ``range`` the body made)."""
    candidates = []
    for stmt in found:
        trail = path_to(body, stmt, [])
        loop = _enclosing_loop(body, trail)
        index = stmt.value.args[1]
        if loop is not None and index.__class__ is gast.Name and \
                _step_reads_before(loop.body, stmt, stmt.targets[0].id, index.id):
            candidates.append((stmt, loop, index.id))
    if not candidates:
        return set()
    ranges = _single_ranges(body, params)
    live = live_after(body, {id(loop) for _, loop, _ in candidates})
    return {id(stmt) for stmt, loop, counter in candidates
            if _counter(loop, ranges) == counter and stmt.targets[0].id not in live[id(loop)]}


def _enclosing_loop(body: list[gast.stmt], trail: list | None) -> gast.For | None:
    """The ``for`` whose body holds the statement at the end of ``trail`` directly."""
    if not trail or len(trail) < 2:
        return None
    outer_block, outer_index = trail[-2]
    loop = outer_block[outer_index]
    inner_block = trail[-1][0]
    if loop.__class__ is gast.For and inner_block is loop.body:
        return loop
    return None


def _step_reads_before(step: list[gast.stmt], zeroing: gast.stmt, name: str,
                       counter: str) -> bool:
    """Whether every mention of ``name`` in ``step`` but ``zeroing``'s own is a read of
    ``name[counter]`` in a statement before it (none after it)."""
    before = True
    for stmt in step:
        if stmt is zeroing:
            before = False
            continue
        if name not in build.names(stmt):
            continue
        if not before or not _only_item_reads(stmt, name, counter):
            return False
    return True


def _only_item_reads(stmt: gast.stmt, name: str, counter: str) -> bool:
    """Whether each ``name`` in ``stmt`` is the array of a load ``name[counter]``."""
    items = 0
    for node in build.nodes(stmt):
        if node.__class__ is gast.Subscript and node.value.__class__ is gast.Name and \
                node.value.id == name:
            if node.ctx.__class__ is not gast.Load or node.slice.__class__ is not gast.Name or \
                    node.slice.id != counter:
                return False
            items += 1
    return items == build.names(stmt).count(name)
