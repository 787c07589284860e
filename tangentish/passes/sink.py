"""Sink a binding below the last read of the value it would overwrite: a join copy can go.

A loop body in single-assignment form reads the iteration's first version of a variable after
computing the next one, so the two names' lives overlap and the copy that joins them stays::

    s_2 = s_1                          s_2_bar = _rt.unbroadcast(s_1_bar, s_2)
    s_1 = s_2 + v                      v_bar = _rt.unbroadcast(s_1_bar, v)
    _tape.append(_rt.like(s_2))        s_1_bar = s_2_bar

(left: ``s_1`` is bound while ``s_2`` is still read by the push; right: ``s_2_bar`` is bound
while ``s_1_bar`` is still read).  Moving the binding below the last read of the other name ends
the overlap, and :mod:`.versions` then spells both as one name (``s_1 = s_1 + v``).

:func:`sink_below_reads` moves a binding ``n = e`` of a block below the last statement ``R`` of
that block reading ``m`` when each statement ``T`` it passes, nested ones included, commutes
with it:

- ``T`` neither reads nor binds ``n`` (nor deletes it), and binds none of the names ``e`` reads;
- neither ``T`` nor ``e`` has an effect another could see: no write into an object
  (``x[i] = v``, ``x += v``, an in-place update), no call but NumPy's, ``math``'s and the
  runtime's that change none of their arguments and call nothing they are given (``out=``
  refused), no attribute read but an array's (``x.T``, ``x.shape``: a property may do anything),
  no name bound inside an expression; ``T`` leaves its block only by falling through (no
  ``break``, ``continue``, ``return``, loop); the tape's own ``append`` and ``pop`` change the
  tape only, which ``e`` does not read;
- ``T`` is no provenance comment (a statement stays under the comment naming its source line).

Then ``e`` reads the same values after ``T`` as before it, ``T`` reads nothing ``e`` binds, no
order of effects changes, and every path through the block runs the binding exactly as before:
the function computes the same values, whichever name each later pass spells them with.  A move
is made only where ``m`` is not live after ``R`` (it ends the overlap); the caller undoes the
moves that did not let a copy go (:func:`undo`).

    >>> import gast
    >>> from tangentish.syntax.printer import statement_lines
    >>> body = gast.parse('''
    ... s_2 = s_1
    ... s_1 = s_2 + v
    ... _tape.append(_rt.like(s_2))
    ... ''').body
    >>> moves = sink_below_reads(body, [(body[1], "s_2")], Walks(), Pure())
    >>> print("\\n".join(line for stmt in body for line in statement_lines(stmt)))
    s_2 = s_1
    _tape.append(_rt.like(s_2))
    s_1 = s_2 + v

(:mod:`.versions` then spells ``s_2`` as ``s_1``, and the copy goes.)
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax.resolve import DEFAULT, Machinery
from ..syntax.tree_walk import walk
from .dataflow import LOOPS, blocks, live_after, statements, stores, target
from .walks import Walks

# Functions of NumPy and of the runtime that change an argument or the interpreter's state, or
# call a function they are given (tests/test_sink.py checks the runtime's list against its code).
_NUMPY_WRITES = frozenset({"copyto", "put", "place", "putmask", "fill_diagonal", "put_along_axis",
                           "seterr", "seterrcall", "set_printoptions", "setbufsize", "save",
                           "savez", "savez_compressed", "savetxt", "errstate", "apply_along_axis",
                           "apply_over_axes", "vectorize", "frompyfunc", "piecewise",
                           "fromfunction"})
RUNTIME_WRITES = frozenset({"add_at", "zero_index", "appended", "drop_last", "put_back", "rewind",
                            "rewind_pop", "rewind_append", "rewind_del", "rewind_put_back",
                            "replay"})
_ARRAY_ATTRIBUTES = frozenset({"T", "shape", "ndim", "dtype", "size", "real", "imag"})
_BINDING_EXPRESSIONS = (gast.NamedExpr, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                        gast.GeneratorExp, gast.Yield, gast.YieldFrom, gast.Await)
_FLAT = (gast.Assign, gast.Delete, gast.Pass)  # (and tape pushes: :meth:`Pure.quiet`)


class Pure:
    """Which statements have no effect another statement could see (module docstring), given the
    aliases of NumPy, ``math`` and the runtime and the tapes' names."""

    def __init__(self, machinery: Machinery = DEFAULT, tapes: tuple[str, ...] = ("_tape",)):
        aliases = machinery.aliases
        self.writes = {aliases["np"]: _NUMPY_WRITES, aliases["math"]: frozenset(),
                       aliases["_rt"]: RUNTIME_WRITES}
        self.tapes = frozenset(tapes)

    def call(self, node: gast.Call) -> bool:
        func = node.func
        if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
                any(k.arg == "out" for k in node.keywords):
            return False
        writes = self.writes.get(func.value.id)
        return writes is not None and func.attr not in writes

    def changes_argument(self, node: gast.Call) -> bool:
        """Whether ``node`` calls a NumPy or runtime function that may change an argument in
        place (``_rt.zero_index(g, i)``: when a reference count shows no other name holds it)."""
        func = node.func
        return any(k.arg == "out" for k in node.keywords) or (
            func.__class__ is gast.Attribute and func.value.__class__ is gast.Name and
            func.attr in self.writes.get(func.value.id, ()))

    def tape_call(self, node: gast.AST, method: str) -> bool:
        func = getattr(node, "func", None)
        return node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
            func.attr == method and func.value.__class__ is gast.Name and \
            func.value.id in self.tapes

    def value(self, stmt: gast.stmt, walks: Walks, allowed: gast.AST | None = None) -> bool:
        """Whether ``stmt``'s own nodes call pure functions only (``allowed``: a call that need
        not be) and read no attribute but an array's (``x.T``: a property may do anything)."""
        nodes = walks.nodes(stmt)
        called = {id(n.func) for n in nodes if n.__class__ is gast.Call}
        for node in nodes:
            kind = node.__class__
            if kind is gast.Call and node is not allowed and not self.call(node) or \
                    kind is gast.Attribute and id(node) not in called and \
                    node.attr not in _ARRAY_ATTRIBUTES or isinstance(node, _BINDING_EXPRESSIONS):
                return False
        return True

    def binding(self, stmt: gast.stmt, walks: Walks) -> str | None:
        """The name ``stmt`` binds if it is ``name = e`` with ``e`` pure, else ``None``."""
        name = target(stmt)
        marks = ir.note(stmt)
        if name is None or marks.updates is not None or marks.augments is not None or \
                marks.keep or not self.tapes.isdisjoint(walks.reads(stmt)) or \
                not self.value(stmt, walks):
            return None
        return name

    def quiet(self, stmt: gast.stmt, walks: Walks) -> bool:
        """Whether ``stmt`` (a simple one, or an ``if`` over such) has no effect but on the
        names it binds and the tape."""
        if stmt.__class__ is gast.If:
            return self.value(stmt, walks)  # (its branches are looked at one by one)
        if stmt.__class__ is gast.Expr:  # the tape's push
            return self.tape_call(stmt.value, "append") and self.value(stmt, walks, stmt.value)
        if stmt.__class__ not in _FLAT:
            return False
        marks = ir.note(stmt)
        if marks.updates is not None or marks.augments is not None or any(
                n.__class__ in (gast.Subscript, gast.Attribute, gast.Starred)
                for t in getattr(stmt, "targets", ()) for n in walk(t)):
            return False
        value = getattr(stmt, "value", None)
        return self.value(stmt, walks, value if self.tape_call(value, "pop") else None)


def sink_below_reads(body: list[gast.stmt], wanted: list[tuple[gast.stmt, str]], walks: Walks,
                     pure: Pure) -> list[tuple[gast.stmt, list[gast.stmt], int]]:
    """For each ``(S, m)`` of ``wanted``, move the binding ``S`` below the last statement of its
    block reading ``m`` where the module docstring allows it and it ends ``m``'s life there;
    returns the moves made, as (statement, block, index it had), in order."""
    places = {id(s): None for s, _ in wanted}
    for block in blocks(body):
        for stmt in block:
            if id(stmt) in places:
                places[id(stmt)] = block
    planned = []
    for stmt, other in wanted:
        block = places[id(stmt)]
        if block is None:
            continue
        last = _last_reader(block, block.index(stmt), stmt, other, walks, pure)
        if last is not None:
            planned.append((stmt, other, block, last))
    if not planned:
        return []
    live = live_after(body, {id(last) for *_, last in planned}, walks.reads)
    moves = []
    for stmt, other, block, last in planned:
        if other in live[id(last)] or stmt not in block:
            continue
        index = block.index(stmt)
        if _last_reader(block, index, stmt, other, walks, pure) is not last:
            continue  # (an earlier move put something in the way)
        block.remove(stmt)
        block.insert(block.index(last) + 1, stmt)
        moves.append((stmt, block, index))
    return moves


def undo(moves: list[tuple[gast.stmt, list[gast.stmt], int]]) -> None:
    """Put the statements moved back where they were (the moves undone last first)."""
    for stmt, block, index in reversed(moves):
        block.remove(stmt)
        block.insert(index, stmt)


def _last_reader(block: list[gast.stmt], index: int, stmt: gast.stmt, other: str, walks: Walks,
                 pure: Pure) -> gast.stmt | None:
    """The last statement after ``block[index]`` (``stmt``) reading ``other`` before anything
    binds it, if ``stmt`` commutes with every statement up to it; else ``None``."""
    name = pure.binding(stmt, walks)
    if name is None or name == other:
        return None
    operands = walks.reads(stmt)
    last, blocked = None, False
    for later in block[index + 1:]:
        inner = list(statements([later]))
        blocked = blocked or not all(_commutes(s, name, operands, walks, pure) for s in inner)
        if any(other in walks.reads(s) for s in inner):
            if blocked:
                return None
            last = later
        if any(other in bound(s, walks) for s in inner):
            break  # (what follows reads another value of ``other``)
    return last


def _commutes(stmt: gast.stmt, name: str, operands: set[str], walks: Walks, pure: Pure) -> bool:
    """Whether ``stmt`` (simple, or the head of an ``if``) and the pure binding of ``name``
    reading ``operands`` give the same values in either order."""
    if isinstance(stmt, (ir.Marker, *LOOPS)) or not pure.quiet(stmt, walks):
        return False
    binds = bound(stmt, walks)
    return name not in binds and name not in walks.reads(stmt) and operands.isdisjoint(binds)


def bound(stmt: gast.stmt, walks: Walks) -> set[str]:
    """Every name ``stmt``'s own nodes bind or delete."""
    return stores(stmt) | walks.others(stmt)
