"""What varies of a tuple taken off a stack, position by position (forward mode's activity).

A gradient's loop pushes a tuple per step (``_tape.append((like_rt, h_2, params_item))``) and its
adjoint pops it and reads the items (``pop_tape = _tape.pop()``, ``params_item_5 =
pop_tape[2]``).  Name by name, everything read off ``_tape`` varies as soon as anything pushed on
it does, so a derivative of the gradient (``hvp``: forward over reverse) gave ``params_item_5``,
a dict of constants, a tangent (``np.zeros_like`` of a dict: an object array, which the helper's
derivative then indexed: a raw ``IndexError``, mutation fuzzer seed 85).  Here an item read at a
constant position ``k`` varies only where some name pushed at position ``k`` does.

That holds only where the list is nothing but such a stack: bound once to ``[]``, changed only by
``append`` of a tuple display of one length whose items are names or constants, read only by
``pop()`` (no index) into names that are read only by a constant index within that length, every
read of the list and of those names one of these rows.  Any other list keeps the coarse answer.

Below, ``b`` reads position 1 of what was pushed, where only ``c`` (a constant) ever is:

    >>> flows = [("pushed", ["x", "c"]), ("a", ["p"]), ("b", ["p"])]
    >>> cut(flows, {1: ("p", {"x"}), 2: ("p", {"c"})}, {"x"})
    [('pushed', ['x', 'c']), ('a', ['p']), ('b', [])]
"""

from __future__ import annotations

import operator

import gast

from ..ir import LIST, Op
from ..syntax.tree_walk import walk

Flows = list[tuple[str, list[str]]]


def stack_slots(rows: list[tuple[str, Op]], body: list[gast.stmt]) -> dict[int, tuple[str, set[str]]]:
    """For each row ``x = p[k]`` reading a popped tuple of a stack (see the module docstring),
    by its index in ``rows``: ``(p, the names pushed at position k)``."""
    stacks = _stacks(rows)
    if not stacks:
        return {}
    loads, stores = _counts(body)
    found: dict[int, tuple[str, set[str]]] = {}
    for stack, (width, positions) in stacks.items():
        pops = {name for name, op in rows if _is_pop(op, stack)}
        defined = [name for name, op in rows if name in pops]
        if len(defined) != len(pops) or any(stores.get(p, 0) != 1 for p in pops) or \
                stores.get(stack, 0) != 1 or \
                loads.get(stack, 0) != sum(1 for _, op in rows if stack in op.operand_names()):
            continue  # (a popped name or the list bound otherwise too, or the list read elsewhere)
        reads = {i: (name, op) for i, (name, op) in enumerate(rows)
                 if not pops.isdisjoint(op.operand_names())}
        items = {i: _item(op, pops, width) for i, (_, op) in reads.items()}
        if any(k is None for k in items.values()) or \
                sum(loads.get(p, 0) for p in pops) != len(items):
            continue  # (a popped tuple read whole, at a computed index, or outside these rows)
        for i, (popped, k) in items.items():
            found[i] = (popped, positions[k])
    return found


def cut(flows: Flows, slots: dict[int, tuple[str, set[str]]], varied: set[str]) -> Flows:
    """``flows`` with each slot row flowing from its popped tuple only where a name pushed at
    its position is in ``varied``."""
    return [((target, [slots[i][0]] if not varied.isdisjoint(slots[i][1]) else [])
             if i in slots else (target, flowing)) for i, (target, flowing) in enumerate(flows)]


def _stacks(rows: list[tuple[str, Op]]) -> dict[str, tuple[int, list[set[str]]]]:
    """Lists bound once to ``[]`` and appended only tuple displays of one length of names and
    constants: their width and the names pushed at each position."""
    made = [name for name, op in rows if op.key is LIST and not op.args]
    stacks: dict[str, tuple[int, list[set[str]]]] = {}
    for stack in set(made):
        if made.count(stack) != 1:
            continue
        pushed = [op.args[1] for name, op in rows if name == stack and op.key is list.append]
        others = [op for name, op in rows if name == stack and op.key is not list.append
                  and op.key is not LIST]
        width = len(pushed[0].elts) if pushed and isinstance(pushed[0], gast.Tuple) else -1
        if others or width < 0 or not all(_plain_tuple(t, width) for t in pushed):
            continue
        positions = [{e.id for t in pushed for e in [t.elts[k]] if isinstance(e, gast.Name)}
                     for k in range(width)]
        stacks[stack] = (width, positions)
    return stacks


def _plain_tuple(node: object, width: int) -> bool:
    return isinstance(node, gast.Tuple) and len(node.elts) == width and \
        all(isinstance(e, (gast.Name, gast.Constant)) for e in node.elts)


def _is_pop(op: Op, stack: str) -> bool:
    return op.key is list.pop and len(op.args) == 1 and not op.keywords and \
        isinstance(op.args[0], gast.Name) and op.args[0].id == stack


def _item(op: Op, pops: set[str], width: int) -> tuple[str, int] | None:
    """``(p, k)`` for ``p[k]``, ``p`` popped and ``k`` a constant position; else None."""
    if op.key is not operator.getitem or len(op.args) != 2 or op.keywords:
        return None
    popped, index = op.args
    if not (isinstance(popped, gast.Name) and popped.id in pops and
            isinstance(index, gast.Constant) and type(index.value) is int):
        return None
    k = index.value
    return (popped.id, k) if 0 <= k < width else None


def _counts(body: list[gast.stmt]) -> tuple[dict[str, int], dict[str, int]]:
    """How often each name is read, and bound (stored or deleted), in ``body``."""
    loads: dict[str, int] = {}
    stores: dict[str, int] = {}
    for node in walk(gast.Module(body=body, type_ignores=[])):
        if isinstance(node, gast.Name):
            counts = loads if isinstance(node.ctx, gast.Load) else stores
            counts[node.id] = counts.get(node.id, 0) + 1
    return loads, stores
