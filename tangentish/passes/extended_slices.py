"""Assignments to a slice with a step of a list the function builds, written item by item.

``xs[::2] = v`` (a step given) replaces as many items as it selects, one by one, and raises
``ValueError`` where ``v`` holds another number of them: it never changes the list's length.
So it is the loop over the positions the slice selects (:func:`tangentish.runtime.extended_slots`:
``range(len(xs))[lower:upper:step]``, after Python's checks), each item written as ``xs[i] = v``
is, where the function binds ``xs`` only to list displays, comprehensions or ``list(...)`` (and
``xs += ...``; never a parameter, which may be an array, whose slices take the array's path).
A step of 1 that meets another number of items would change the length: refused when it runs.
An augmented assignment to a slice of such a list (``xs[1::2] += v``, ``xs[i:j] *= 2``; bounds
names or int constants, read twice) is the assignment Python makes of it, ``xs[1::2] =
xs[1::2] + list(v)`` (``*``: ``xs[s] * v``), then lowered as above (a slice without a step:
list_methods.slice_assigned)::

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     xs = [x, 2.0 * x, 3.0]
    ...     xs[::2] = [x * x, x]
    ...     return xs[0] + xs[2]
    >>> info = parse_function(f)
    >>> write_extended_slices(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        xs = [x, 2.0 * x, 3.0]
        _items = list([x * x, x])
        for _p, _item in zip(_extended_slots(len(xs), None, None, 2, len(_items)), _items):
            xs[_p] = _item
        return xs[0] + xs[2]
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from .dataflow import blocks

_REPEATED = {gast.Add: lambda part, v: gast.BinOp(left=part, op=gast.Add(),
                                                 right=build.call("list", v)),
             gast.Mult: lambda part, v: gast.BinOp(left=part, op=gast.Mult(), right=v)}


def write_extended_slices(info: SourceInfo) -> None:
    """Rewrite each assignment of ``info``'s function the module docstring names."""
    if not all(info.is_builtin(b) for b in ("list", "len", "zip")):
        return
    taken = set(build.names(info.node, functions=True)) | set(info.imported)
    helper: list[str] = []
    for block in blocks(info.node.body):
        if any(_target(info, s) is not None for s in block):
            block[:] = [new for s in block for new in _lowered(info, s, taken, helper)]


def _target(info: SourceInfo, stmt: gast.stmt) -> gast.Subscript | None:
    """The target of ``stmt`` when it is ``xs[a:b:c] = v`` (a step given) or ``xs[a:b(:c)] op=
    v`` (``+``, ``*``; plain bounds) of a list the function builds; else None."""
    if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        if not (_sliced(target) and _stepped(target.slice)):
            return None
    elif isinstance(stmt, gast.AugAssign) and type(stmt.op) in _REPEATED:
        target = stmt.target
        if not (_sliced(target) and all(_plain(b) for b in (
                target.slice.lower, target.slice.upper, target.slice.step))):
            return None
    else:
        return None
    return target if _list_built(info, target.value.id) else None


def _sliced(target: gast.expr) -> bool:
    return isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name) and \
        isinstance(target.slice, gast.Slice)


def _stepped(index: gast.Slice) -> bool:
    step = index.step
    return step is not None and not (isinstance(step, gast.Constant) and step.value is None)


def _plain(bound: gast.expr | None) -> bool:
    """None, a name or an int constant (``-1`` too): read twice, it gives the same."""
    if isinstance(bound, gast.UnaryOp) and isinstance(bound.op, gast.USub):
        bound = bound.operand
    return bound is None or isinstance(bound, gast.Name) or (
        isinstance(bound, gast.Constant) and type(bound.value) is int)


def _list_built(info: SourceInfo, name: str) -> bool:
    """Whether every binding of ``name`` is ``name = <list display, comprehension or list(...)>``
    or ``name += ...`` (and there is one), ``name`` no parameter."""
    if name in build.parameter_names(info.node.args):
        return False
    stores = [n for n in build.nodes(info.node)
              if isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Store)]
    plain = [s for s in build.nodes(info.node) if isinstance(s, gast.Assign) and
             len(s.targets) == 1 and isinstance(s.targets[0], gast.Name) and
             s.targets[0].id == name and _a_list(s.value)]
    grown = [s for s in build.nodes(info.node) if isinstance(s, gast.AugAssign) and
             isinstance(s.target, gast.Name) and s.target.id == name]
    return bool(plain) and len(stores) == len(plain) + len(grown)


def _a_list(value: gast.expr) -> bool:
    return isinstance(value, (gast.List, gast.ListComp)) or (
        isinstance(value, gast.Call) and isinstance(value.func, gast.Name) and
        value.func.id == "list")


def _lowered(info: SourceInfo, stmt: gast.stmt, taken: set[str],
             helper: list[str]) -> list[gast.stmt]:
    target = _target(info, stmt)
    if target is None:
        return [stmt]
    value = stmt.value
    if isinstance(stmt, gast.AugAssign):
        read = gast.Subscript(value=build.clone(target.value), slice=build.clone(target.slice),
                              ctx=gast.Load())
        value = _REPEATED[type(stmt.op)](read, value)
        if not _stepped(target.slice):  # (list_methods.slice_assigned lowers it)
            return [gast.copy_location(gast.Assign(targets=[target], value=value,
                                                   type_comment=None), stmt)]
    if not helper:
        from .. import runtime

        helper.append(fresh_name("extended_slots", taken))
        info.imported[helper[0]] = ("tangentish.runtime", ("extended_slots",),
                                    runtime.extended_slots)
    items, position, item = (fresh_name(w, taken) for w in ("items", "p", "item"))
    xs, index = target.value.id, target.slice
    bounds = [build.clone(b) if b is not None else build.constant(None)
              for b in (index.lower, index.upper, index.step)]
    slots = build.call(helper[0], build.call("len", build.name(xs)), *bounds,
                       build.call("len", build.name(items)))
    write = gast.Assign(targets=[gast.Subscript(value=build.name(xs), slice=build.name(position),
                                                ctx=gast.Store())],
                        value=build.name(item), type_comment=None)
    loop = gast.For(target=gast.Tuple(elts=[build.name(position, store=True),
                                            build.name(item, store=True)], ctx=gast.Store()),
                    iter=build.call("zip", slots, build.name(items)), body=[write], orelse=[],
                    type_comment=None)
    new = [build.assign(items, build.call("list", value)), loop]
    for part in new:
        for node in build.nodes(part):
            if isinstance(node, (gast.stmt, gast.expr)):
                gast.copy_location(node, stmt)
    return new
