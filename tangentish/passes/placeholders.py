"""Placeholders no read can see: ``x = _rt.UNBOUND`` goes where every read of ``x`` follows a binding.

A variable bound on some paths only gets a placeholder, ``x = _rt.UNBOUND``, so that code reading
it on every path (a loop's entry copy, the tape) works, and raises where the value is used
(:func:`.flow.carry`).  An early ``return`` inside a loop is lowered with flags (``_done = True``
next to ``result = ...``, then ``if not _done: result = s`` after the loop): ``result`` is bound
on every path that reaches the read after the loop, but only through the flag, which a
must-define that ignores tests cannot see.  This pass asks a path-sensitive must-define
(:func:`.flag_defined.unsure_reads`, loaded only where a placeholder is), which follows what a
flag says: ``f = True`` records "``f`` truthy means every name bound here is bound", ``t = not f``
and ``t = f`` carry that over, a test ``if t:`` assumes it in the branch it enters, and ``f =
False`` makes ``if f:`` unreachable.  A
placeholder whose every read is proven to follow a binding is dropped; one that some read may
meet stays (the runtime's helpers that treat it as "no value", ``_rt.zeros_like``, read it so),
and so does every one where a name is bound inside an expression (``:=``), a ``lambda`` reads
it (it may run at any time), or a statement this analysis does not model (``try``, ``with``, a
nested function) is there.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x):
    ...     done = False
    ...     result = _rt.UNBOUND
    ...     for v in x:
    ...         if v > 2.0:
    ...             result = v * 10.0
    ...             done = True
    ...             break
    ...     t = not done
    ...     if t:
    ...         result = 0.0
    ...     return result
    ... ''').body[0]
    >>> drop_placeholders(node.body, "_rt")
    1
    >>> print(function_text(node), end="")
    def f(x):
        done = False
        for v in x:
            if v > 2.0:
                result = v * 10.0
                done = True
                break
        t = not done
        if t:
            result = 0.0
        return result
"""

from __future__ import annotations

import gast

from .dataflow import blocks, statements


def is_placeholder(stmt: gast.stmt, rt: str) -> bool:
    """``x = <rt>.UNBOUND``."""
    value = getattr(stmt, "value", None)
    return stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
        stmt.targets[0].__class__ is gast.Name and value.__class__ is gast.Attribute and \
        value.attr == "UNBOUND" and value.value.__class__ is gast.Name and value.value.id == rt


def drop_placeholders(body: list[gast.stmt], rt: str) -> int:
    """Remove from ``body`` each ``x = <rt>.UNBOUND`` whose ``x`` no read can meet unbound
    (see the module docstring); returns how many went."""
    found = [s for s in statements(body) if is_placeholder(s, rt)]
    if not found:
        return 0
    from .flag_defined import unsure_reads  # (only where a placeholder is: most have none)

    candidates = {s.targets[0].id for s in found}
    gone = candidates - unsure_reads(body, candidates, {id(s) for s in found})
    if not gone:
        return 0
    dropped = {id(s) for s in found if s.targets[0].id in gone}
    for block in blocks(body):
        block[:] = [s for s in block if id(s) not in dropped]
    return len(dropped)
