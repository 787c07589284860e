"""Read an item of a small array made before a loop once, before it, where the loop never
changes it: ``t = a_bar[1]`` out of the loop.

The adjoint of a loop summing into the items of a list (``acc[0] += v``) reads each item's
adjoint, ``acc_bar[0]``, in every step of the reversed loop, where nothing changes it: a NumPy
item read per step and item (a fifth of the loop's time in ``benchmarks/idioms_extra.py``'s
listacc).  A statement ``t = a[c]`` at the top of a ``for`` loop's body moves right before the
loop when

- ``c`` is an integer literal and ``a`` is bound once in the function, in the loop's statement
  list before it, by ``np.array([e0, ..., en])`` of a display with a number among its items:
  ``np.array`` makes a new 1-D array of those ``n + 1`` items then (an array item would make it
  ragged, which NumPy refuses), ``-n - 1 <= c <= n``, so reading ``a[c]`` cannot raise, and
  gives a number (or the one object the item is), never a view;
- every other mention of ``a`` in the function is ``a[<integer literal>]`` (or ``del a``): no
  other name, container or call ever holds its array, so only ``a[k] = ...`` or ``a[k] += ...``
  could change it, and there is none in the loop;
- ``t`` is bound by that statement alone and mentioned nowhere outside the loop nor in it before
  that statement (the loop's header included).

Every step then reads the value the hoisted statement read (the same number, bit for bit), and a
loop running no step reads one item it would not have, which cannot fail.

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, w, s):
    ...     a_bar = np.array([s, 0.0])
    ...     a_bar[1] += 1.0
    ...     x_bar = np.zeros_like(x)
    ...     for i in reversed(range(3)):
    ...         v = w * x[i]
    ...         g = a_bar[1]
    ...         x_bar[i] = g * v + a_bar[0]
    ...     return x_bar
    ... ''').body[0]
    >>> fn = Derivative(node.name, node.args, node.body, Namer(set()))
    >>> hoist_invariant_items(fn)
    >>> print(function_text(node), end="")
    def f(x, w, s):
        a_bar = np.array([s, 0.0])
        a_bar[1] += 1.0
        x_bar = np.zeros_like(x)
        g = a_bar[1]
        for i in reversed(range(3)):
            v = w * x[i]
            x_bar[i] = g * v + a_bar[0]
        return x_bar
"""

from __future__ import annotations

import gast

from ..syntax.tree_walk import walk
from .dataflow import blocks, definitions, stores, target
from .derivative import Derivative


def hoist_invariant_items(fn: Derivative) -> None:
    """Move the loop-invariant item reads of small arrays out of their loops (see the module
    docstring)."""
    loops = [(block, stmt) for block in blocks(fn.body) for stmt in block
             if stmt.__class__ is gast.For and not stmt.orelse and any(_item_read(s) for s in stmt.body)]
    if not loops:
        return
    numpy = fn.machinery.aliases.get("np")
    bindings = definitions(fn.body)
    mentions = _mentions(fn.body)
    for block, loop in loops:
        inside = {id(n) for n in walk(loop)}
        for stmt in [s for s in loop.body if _item_read(s)]:
            name, array, index = target(stmt), stmt.value.value.id, stmt.value.slice
            made = [s for s in bindings.get(array, ()) if array in stores(s)]  # (not a[k] += e)
            if len(made) == 1 and len(bindings.get(name, ())) == 1 and \
                    _small(made[0], block, loop, numpy, _integer(index)) and \
                    _only_items(array, mentions, made[0], inside) and \
                    _first_mention(name, mentions, stmt, loop):
                loop.body.remove(stmt)
                block.insert(block.index(loop), stmt)


def _item_read(stmt: gast.stmt) -> bool:
    """``t = a[c]``: a name bound to an item of a name at an integer literal."""
    value = getattr(stmt, "value", None)
    return target(stmt) is not None and value.__class__ is gast.Subscript and \
        value.value.__class__ is gast.Name and _integer(value.slice) is not None


def _integer(node: gast.expr) -> int | None:
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        inner = _integer(node.operand)
        return None if inner is None else -inner
    if node.__class__ is gast.Constant and node.value.__class__ is int:
        return node.value
    return None


def _small(stmt: gast.stmt, block: list, loop: gast.For, numpy: str | None,
           index: int | None) -> bool:
    """``a = np.array([...])`` in ``block`` before ``loop``, a 1-D array ``index`` is within."""
    value = getattr(stmt, "value", None)
    func = getattr(value, "func", None)
    if target(stmt) is None or value.__class__ is not gast.Call or value.keywords or \
            len(value.args) != 1 or func.__class__ is not gast.Attribute or \
            getattr(func.value, "id", None) != numpy or func.attr != "array":
        return False
    items = value.args[0]
    if items.__class__ not in (gast.List, gast.Tuple) or \
            any(e.__class__ is gast.Starred for e in items.elts) or not any(
                e.__class__ is gast.Constant and e.value.__class__ in (int, float)
                for e in items.elts):
        return False
    size = len(items.elts)
    before = [i for i, s in enumerate(block) if s is stmt]
    return bool(before) and before[0] < block.index(loop) and -size <= index < size


def _mentions(body: list[gast.stmt]) -> dict[str, list[tuple[gast.Name, gast.AST]]]:
    """Each name's mentions, with the node holding each."""
    found: dict[str, list[tuple[gast.Name, gast.AST]]] = {}
    for stmt in body:
        for parent in walk(stmt):
            for child in gast.iter_child_nodes(parent):
                if child.__class__ is gast.Name:
                    found.setdefault(child.id, []).append((child, parent))
    return found


def _only_items(array: str, mentions: dict, made: gast.stmt, inside: set[int]) -> bool:
    """Every mention of ``array`` is its binding, ``del``, or ``array[<integer literal>]``,
    and in the loop (``inside``: its nodes' ids) only a read."""
    for node, parent in mentions.get(array, ()):
        if parent.__class__ is gast.Delete or parent is made:
            continue
        if parent.__class__ is not gast.Subscript or parent.value is not node or \
                _integer(parent.slice) is None:
            return False
        if id(node) in inside and parent.ctx.__class__ is not gast.Load:
            return False
    return True


def _first_mention(name: str, mentions: dict, stmt: gast.stmt, loop: gast.For) -> bool:
    """Whether ``name`` is mentioned only in the loop, none of it before ``stmt``."""
    own = {id(n) for n in walk(stmt)}
    earlier = {id(n) for s in loop.body[:loop.body.index(stmt)] for n in walk(s)} | \
        {id(n) for n in walk(loop.target)} | {id(n) for n in walk(loop.iter)}
    later = {id(n) for n in walk(loop)} - earlier
    return all(id(node) in own or id(node) in later and id(node) not in earlier
               for node, _ in mentions.get(name, ()))
