"""An adjoint's item zeroed and at once given a new contribution: one write.

The adjoint of ``best[0] = best[0] * 0.5`` zeroes the item's adjoint (the write's adjoint: what
was there is overwritten) and then adds what the read of the same item receives::

    best_bar = _rt.zero_index(best_bar, 0)
    best_bar = _rt.add_at(best_bar, g, best, 0)

With the same index, and nothing between them that mentions ``best_bar`` or binds a name of
the index, the item ends holding ``g`` (``0.0 + g`` is
``g``; only a zero's sign may differ, ``-0.0`` staying ``-0.0``) and the rest of the array is
what it was: ``best_bar = _rt.set_index(best_bar, 0, g)``, which :mod:`.owned` writes in place
(``best_bar[0] = g``) where it proves the array the derivative's own.  The index must select no
position twice (``np.add.at`` adds a repeated position's contributions, an assignment keeps the
last): ints, ``None``, ``...`` and slices (of anything: a slice selects each position once),
alone or in a tuple; a name (maybe an integer array) keeps the pair.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def f(g, b, b_bar):\\n"
    ...                   "    b_bar = _rt.zero_index(b_bar, 0)\\n"
    ...                   "    b_bar = _rt.add_at(b_bar, g * 0.5, b, 0)\\n"
    ...                   "    return b_bar\\n").body[0]
    >>> merge_item_resets(tree.body, "_rt")
    >>> print(function_text(tree), end="")
    def f(g, b, b_bar):
        b_bar = _rt.set_index(b_bar, 0, g * 0.5)
        return b_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks, stores


def merge_item_resets(body: list[gast.stmt], rt: str) -> None:
    """Make each ``n = rt.zero_index(n, k)`` followed by ``n = rt.add_at(n, g, x, k)`` one
    ``n = rt.set_index(n, k, g)`` (see above)."""
    for block in blocks(body):
        gone = []
        for index, stmt in enumerate(block):
            zeroing = _call(stmt, rt, "zero_index", 2)
            if zeroing is not None and _selects_once(zeroing.args[1]):
                adding = _next_addition(block, index, stmt.targets[0].id, zeroing.args[1], rt)
                if adding is not None and _put_back(block, index, stmt.targets[0].id, adding):
                    gone += [stmt, next(s for s in block if getattr(s, "value", None) is adding)]
                elif adding is not None:
                    adding.func.attr = "set_index"
                    adding.args = [adding.args[0], adding.args[3], adding.args[1]]
                    gone.append(stmt)
        if gone:
            block[:] = [s for s in block if not any(s is g for g in gone)]


def _next_addition(block: list[gast.stmt], start: int, name: str, index: gast.expr,
                   rt: str) -> gast.Call | None:
    """The call of ``name = rt.add_at(name, g, x, index)`` after ``block[start]``, where the
    simple statements between mention no ``name`` and bind no name of ``index``: the zeroing
    can wait until then (it changes no other name's array: an array another name refers to is
    copied, not zeroed in place)."""
    text, used = gast.dump(index), set(build.names(index))
    for stmt in block[start + 1:]:
        adding = _call(stmt, rt, "add_at", 4)
        if adding is not None and stmt.targets[0].id == name and gast.dump(adding.args[3]) == text \
                and name not in build.names(adding.args[1]) and name not in build.names(adding.args[2]):
            return adding
        if isinstance(stmt, ir.COMPOUND) or name in build.names(stmt) or used & stores(stmt):
            return None
    return None


def _put_back(block: list[gast.stmt], start: int, name: str, adding: gast.Call) -> bool:
    """Whether the addition gives the item back the value read from it, ``g = n[k]``, bound
    before the zeroing ``block[start]`` with nothing from there to the addition binding ``g`` or
    mentioning ``n`` (but the zeroing): the pair then leaves ``n`` as it was, and both go (the adjoint of
    ``acc[0] += v``, which reads and keeps the item's adjoint: a write per step otherwise, which
    kept :mod:`.invariant_items` from reading it once before the loop)."""
    value, text = adding.args[1], gast.dump(adding.args[3])
    if value.__class__ is not gast.Name:
        return False
    end = next(i for i, s in enumerate(block) if getattr(s, "value", None) is adding)
    for position in range(start - 1, -1, -1):
        stmt = block[position]
        if stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
                getattr(stmt.targets[0], "id", None) == value.id:
            read = stmt.value
            return read.__class__ is gast.Subscript and getattr(read.value, "id", None) == name \
                and gast.dump(read.slice) == text and not any(
                    value.id in stores(s) or name in build.names(s)
                    for s in block[position + 1:end] if s is not block[start])
        if isinstance(stmt, ir.COMPOUND) or value.id in stores(stmt) or name in build.names(stmt):
            return False  # (n[k] changed in place in between, n[k] += t: not put back as read)
    return False


def _call(stmt: gast.stmt, rt: str, helper: str, arity: int) -> gast.Call | None:
    """The call of ``n = rt.helper(n, ...)`` with ``arity`` plain arguments, else None."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name:
        return None
    call = stmt.value
    if call.__class__ is not gast.Call or call.keywords or len(call.args) != arity:
        return None
    func, first = call.func, call.args[0]
    if func.__class__ is gast.Attribute and func.attr == helper and \
            func.value.__class__ is gast.Name and func.value.id == rt and \
            first.__class__ is gast.Name and first.id == stmt.targets[0].id:
        return call
    return None


def _selects_once(index: gast.expr) -> bool:
    """Whether ``index`` is a basic index of ints, ``None``, ``...`` and slices."""
    if index.__class__ is gast.Tuple:
        return all(_selects_once(item) for item in index.elts)
    if index.__class__ is gast.UnaryOp and index.op.__class__ is gast.USub:
        index = index.operand
    if index.__class__ is gast.Constant:
        value = index.value
        return value is None or value is Ellipsis or value.__class__ is int
    return index.__class__ is gast.Slice or index.__class__ is gast.Call and \
        index.func.__class__ is gast.Name and index.func.id == "slice"
