"""An item of a tuple display, read at a constant index, is the item itself.

A helper returning a pair and unpacked by its caller (``p, q = pair(x, y)``) is inlined
(:mod:`.inline_helpers`) as ``t = (a, b)`` followed by the unpacking's reads ``p = t[0]`` and
``q = t[1]``.  Differentiated as written, the adjoint builds ``t``'s adjoint item by item
(``_rt.unindex``, ``_rt.add_at``) only to read the items back out of it.  A tuple cannot change,
so ``t[0]`` is the object ``a`` was bound to when ``t`` was made, and the read becomes the copy
``p = a``: its adjoint is ``a``'s own, and ``t``, read by nothing else, goes as dead code.

A read ``p = t[k]`` is rewritten when ``t`` is bound once in the whole function, to a tuple
display without a starred item, ``k`` is an int literal within its length, the read follows the
display in the same block, and nothing between the two (nested blocks included) binds the item's
name again (a constant item is always the same).  A read in a nested block, or before the
display, is left as it is (a loop may have bound the item's name again since the display ran).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     t = (x, 2.0 * x)
    ...     a, b = t
    ...     x = x + 1.0
    ...     c = t[0]
    ...     return a * b + c
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")  # (x is bound again: ``x_1``, so c is x)
    def f(x):
        x_times_2 = 2.0 * x
        t = (x, x_times_2)
        a = x
        b = x_times_2
        x_1 = x + 1.0
        c = x
        a_times_b = a * b
        out = a_times_b + c
        return out
"""

from __future__ import annotations

import gast

from .. import ir
from ..ir import Op
from ..syntax import build
from .dataflow import blocks, definitions, statements, stores
from .dataflow import target as target_of


def forward_display_items(body: list[gast.stmt]) -> None:
    """Rewrite each read ``p = t[k]`` of a tuple display's item that the module docstring
    allows into the copy ``p = <item>``."""
    counts: dict[str, list] | None = None  # (definitions, asked only once a display is found)
    for block in blocks(body):
        for index, stmt in enumerate(block):
            name = target_of(stmt)
            if name is None or stmt.value.__class__ is not gast.Tuple or \
                    any(isinstance(e, gast.Starred) for e in stmt.value.elts):
                continue
            counts = definitions(body) if counts is None else counts
            if len(counts.get(name, ())) == 1:
                _forward(block, index, name, stmt.value.elts)


def _forward(block: list[gast.stmt], index: int, name: str, items: list[gast.expr]) -> None:
    """Rewrite the reads of ``name`` (bound at ``block[index]`` to a display of ``items``) that
    follow it in ``block``, while the item's name is not bound again."""
    bound: set[str] = set()
    for stmt in block[index + 1:]:
        k = _constant_index(stmt, name, len(items))
        if k is not None:
            item = items[k]
            if isinstance(item, gast.Constant) or isinstance(item, gast.Name) and \
                    item.id not in bound and item.id != target_of(stmt):
                note, stmt.value = ir.note(stmt), build.clone(item)
                note.op = Op(None, [build.clone(item)] if isinstance(item, gast.Name) else [],
                             node=note.op.node if note.op is not None else None)
        for inner in statements([stmt]):
            bound |= stores(inner)
            if isinstance(inner, gast.Delete):
                bound |= {n.id for n in inner.targets if isinstance(n, gast.Name)}


def _constant_index(stmt: gast.stmt, name: str, length: int) -> int | None:
    """``k`` (in ``range(length)``) for ``p = name[k]`` with ``k`` an int literal, else None."""
    if target_of(stmt) is None:
        return None
    value = stmt.value
    if value.__class__ is not gast.Subscript or value.value.__class__ is not gast.Name or \
            value.value.id != name:
        return None
    index, sign = value.slice, 1
    if isinstance(index, gast.UnaryOp) and isinstance(index.op, gast.USub):  # (t[-1] as parsed)
        index, sign = index.operand, -1
    k = index.value if index.__class__ is gast.Constant else None
    if type(k) is not int or not -length <= sign * k < length:
        return None
    return sign * k % length
