'''Supports that a tangent's *move* hands on (forward mode, :func:`.supports.tangent_guard`).

A move puts each element of its result where one element of its operands was, or a constant 0:
an index (``t[1:]``, ``t[i]``, ``t[[2, 0]]``, ``t[mask]``), ``np.take``, ``np.reshape``,
``np.transpose``, ``np.flip``, ``np.concatenate``...  Its tangent is the same move of the
operands' tangents, so where it may be non-zero is the same move of where they may be: the
operands' masks (each of its operand's shape; one without a support is True everywhere) moved
as the tangent is.  A selection's support is thereby what the selection reads of the support it
received, not ``np.any`` of it: ``np.sqrt(np.where(x > 0, x, 0.0)[1:])`` keeps its tangent on
``(x > 0)[1:]``, exact at an element ``x <= 0`` that the slice reads (sqrt' is inf there).
A reduction is not a move (its tangent sums: ``np.any`` of the masks still stands for it).

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.sum(np.sqrt(np.where(x > 0, x, 0.0)[1:]))
    >>> print(tangentish.jvp(f).source.splitlines()[-4].strip())
    _t2_dot = _rt.divided(_t1[1:], where_t1_slice_dot, 2.0 * _t2)
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .dataflow import definitions
from .supports_base import KEYWORDS, MOVES, NOWHERE, Seeded, Support, item_masks
from .supports_filled import JOINS, RUNTIME_MOVES, SHARES, copying, fills, recast_mask
from .supports_linear import factor_item, linear_mask, weighted


def moved(sweep: Any, value: gast.expr, target: str, defs: dict | None = None) -> Support | None:
    """The support of ``value``, ``target``'s tangent made by moves of tangents
    (``sweep.tangents``, whose supports are ``sweep.supports``), as that move of their masks;
    None if ``value`` is anything else, or no tangent it moves has a support."""
    primals = sweep.primal_of  # (tangent -> primal)
    if isinstance(value, gast.Name) and value.id in primals:  # (a copy: the same support)
        return sweep.supports.get(primals[value.id])
    if isinstance(value, (gast.Tuple, gast.List)):  # (a display's items: no one array's mask)
        return None
    summed = _summed_along(sweep, value, primals, target, defs or {}) or _emptied(
        sweep, value, primals, target)
    if summed is None:
        summed = _scattered(sweep, value, primals, target)
    if summed is None:
        mask = linear_mask(sweep, value, primals, tangent_mask)
        summed = None if mask is None else Moved(mask, of=target)
    if summed is not None:
        return summed
    found: list[Support | None] = []
    mask = _move(sweep, value, primals, found)
    if mask is None or not any(part is not None for part in found):
        return None
    if all(isinstance(part, Seeded) for part in found if part is not NOWHERE):  # (the caller's
        # zeros, moved, with those the move puts in: .supports_filled)
        seeds = _move(sweep, value, primals, [], seeded=True)
        if seeds is not None:
            return MovedSeed(gast.Compare(left=seeds, ops=[gast.NotEq()],
                                          comparators=[build.constant(0)]), of=target)
    return Moved(mask, of=target)


class Moved(Support):
    """A support moved from its operands' masks: a mask of the shape of ``of``, the name whose
    tangent's it is (an elementwise statement hands it on to a result it may broadcast to)."""

    __slots__ = ("of",)

    def __init__(self, test: gast.expr, *, of: str):
        super().__init__(test)
        self.of = of


class MovedSeed(Seeded):
    """A seed's support moved (``x_dot[1:] != 0``): of the shape of ``of``, as :class:`Moved`."""

    __slots__ = ("of",)

    def __init__(self, test: gast.expr, *, of: str):
        super().__init__(test)
        self.of = of


def _full(sweep: Any, primal: str, support: Support) -> bool:
    """Whether ``support``'s test is of ``primal``'s shape: moved for a name of its shape, or a
    direction's of a parameter of its shape (an elementwise statement hands on the support of
    an operand it broadcasts: ``x * np.ones(3)``'s is a scalar ``x_dot != 0``)."""
    if isinstance(support, (Moved, MovedSeed)):
        return sweep.shapes.same(support.of, primal)
    return isinstance(support, Seeded) and any(
        seed is support and sweep.shapes.same(parameter, primal)
        for parameter, seed in sweep.seeds.items())


def _move(sweep: Any, node: gast.expr, primals: dict[str, str], found: list,
          seeded: bool = False) -> gast.expr | None:
    """``node`` with each tangent replaced by its mask (its seed, ``seeded``), if it is moves."""
    if isinstance(node, gast.Name):
        primal = primals.get(node.id)
        if primal is None:
            return None
        support = sweep.supports.get(primal)
        found.append(support)
        if seeded:
            full = isinstance(support, Seeded) and _full(sweep, primal, support)
            seed = support.test  # (``x_dot != 0``; a helper's mask, ``x_dot_mask``, its own)
            return build.clone(seed.left if isinstance(seed, gast.Compare) else seed) if full else None
        return tangent_mask(sweep, primal, support)
    reads = sweep.derivative_names.intersection
    item = None if seeded else _item(sweep, node, primals, found) or _padded(
        sweep, node, primals, found)
    if item is not None:
        return item
    if isinstance(node, gast.Subscript) and not reads(build.loads(node.slice)):
        inner = _move(sweep, node.value, primals, found, seeded)
        return None if inner is None else build.subscript(inner, build.clone(node.slice))
    if isinstance(node, gast.Attribute) and node.attr == "T":
        inner = _move(sweep, node.value, primals, found, seeded)
        return None if inner is None else build.attribute(inner, "T")
    if isinstance(node, (gast.Tuple, gast.List)):
        items = [_move(sweep, e, primals, found, seeded) if reads(build.loads(e))
                 else _unmoved(sweep, e) for e in node.elts]
        found.extend([NOWHERE] if fills(node, reads, False) else [])  # (zeros joined in)
        return None if None in items else type(node)(elts=items, ctx=gast.Load())
    owner = getattr(getattr(node, "func", None), "value", None)
    ours = getattr(owner, "id", None) == sweep.machinery.aliases["_rt"]
    numpy = ours or getattr(owner, "id", None) == sweep.machinery.aliases["np"]
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
            and node.func.attr in (RUNTIME_MOVES if ours else MOVES | (
                JOINS.keys() if numpy else set())) and copying(node)
            and all(k.arg in KEYWORDS for k in node.keywords)
            and not any(reads(build.loads(k.value)) for k in node.keywords)) or \
            ours and node.func.attr == "recast" and sweep.sequences.intersection(
                build.loads(node.args[1]) if len(node.args) > 1 else ()):
        return None
    func = build.clone(node.func)
    if not numpy:  # (a method: of a moved value)
        func.value = _move(sweep, node.func.value, primals, found, seeded)
        if func.value is None:
            return None
    args = [_move(sweep, a, primals, found, seeded) if reads(build.loads(a))
            else _unmoved(sweep, a) for a in node.args]
    if None in args:
        return None
    found.extend([NOWHERE] if numpy and fills(node, reads, ours) else [])  # (zeros of its own)
    call = gast.Call(func=func, args=args, keywords=[build.clone(k) for k in node.keywords])
    return recast_mask(call, sweep.machinery.aliases["np"]) if ours and \
        node.func.attr in ("recast", *SHARES) else call


def _padded(sweep: Any, node: gast.expr, primals: dict[str, str], found: list) -> gast.expr | None:
    """``_rt.pad_tangent(t, x, width, mode, c, ...)`` in a mode that computes its padding (a
    statistic's, or a constant with a tangent of its own): ``t``'s mask in the middle, True in
    the padding (its tangent is a sum of ``t``'s elements, or ``c``'s)."""
    runtime = sweep.machinery.aliases["_rt"]
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and
            node.func.attr == "pad_tangent" and getattr(node.func.value, "id", None) == runtime
            and len(node.args) == 7 and not node.keywords) or copying(node):
        return None
    inner = _move(sweep, node.args[0], primals, found)
    if inner is None or sweep.derivative_names.intersection(build.loads(node.args[2])):
        return None
    return build.call(f"{runtime}.pad_tangent", inner, build.clone(node.args[1]), build.clone(
        node.args[2]), build.constant("constant"), build.constant(True), build.constant(None),
        build.constant(0))


def _item(sweep: Any, node: gast.expr, primals: dict[str, str], found: list) -> gast.expr | None:
    """``t[k]`` of the tangent ``t`` of a list or tuple whose mask is one per item, ``k`` a
    number: item ``k``'s mask (a helper's ``jvp`` returning a tuple, :mod:`.supports_called`)."""
    if not (isinstance(node, gast.Subscript) and isinstance(node.value, gast.Name) and
            isinstance(node.slice, gast.Constant) and type(node.slice.value) is int):
        return None
    primal = primals.get(node.value.id)
    support = sweep.supports.get(primal) if primal in sweep.sequences else None
    aliases = sweep.machinery.aliases
    mask = None if support is None else support.mask(primal, aliases["np"], aliases["_rt"])
    if mask is None or not item_masks(mask, aliases):
        return None
    found.append(support)
    return build.subscript(mask, build.constant(node.slice.value))


def _unmoved(sweep: Any, node: gast.expr) -> gast.expr:
    """An operand of a move that reads no tangent, in the mask: as it is, a tangent that is 0
    by symbol (``np.concatenate((<zero>, t_dot))``) as the zeros it stands for, False as a mask
    (a mask a branch or a loop computes on its own is printed as it is: fuzz seed 4801 program
    102)."""
    from .zeros import finish  # (forward mode's: a first reverse-mode grad() does not load it)

    return finish(build.clone(node), sweep.zeros_like)


def tangent_mask(sweep: Any, primal: str, support: Support | None) -> gast.expr | None:
    """True where ``primal``'s tangent may be non-zero, of ``primal``'s shape."""
    runtime, numpy = sweep.machinery.aliases["_rt"], sweep.machinery.aliases["np"]
    if primal in sweep.sequences and not factor_item(getattr(support, "test", None),
                                                     sweep.machinery.aliases):
        return _items(sweep, primal, support)  # (a factor's is an array's)
    if support is None:
        return build.call(f"{runtime}.read_mask", build.name(primal), build.constant(True))
    mask = support.mask(primal, numpy, runtime)
    if support.index is not None or _full(sweep, primal, support) or (
            isinstance(mask, gast.Name) and sweep.shapes.same(mask.id, primal)):
        return mask  # (of its shape already)
    return build.call(f"{runtime}.read_mask", build.name(primal), mask)


_ALONG = frozenset({"sum", "mean", "cumsum"})  # (their tangent: the same one of the tangent)


def _summed_along(sweep: Any, value: gast.expr, primals: dict[str, str],
                  target: str, defs: dict) -> Support | None:
    """The support of ``np.sum(t, axis=k)`` (or ``np.mean``; ``keepdims=`` a constant) of a
    tangent ``t`` with a known support: ``np.any`` of its mask along the same axes, of the
    result's shape, not of the whole mask (``np.sqrt(np.sum(R, axis=0))`` where a column of
    ``R`` was zeroed: its tangent 0 there, not ``0 * inf``).  A running sum, ``np.cumsum(t,
    axis=k)`` (``axis`` maybe left out: flattened), is 0 up to the first element its mask holds
    at: ``np.cumsum(mask, axis=k) != 0`` (``np.sqrt(np.cumsum(np.where(x > 0, x, 0.0)))`` at
    ``x[0] <= 0``: jvp NaN where grad gave the derivative).  None for anything else."""
    numpy = sweep.machinery.aliases["np"]
    if not (isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute) and
            value.func.attr in _ALONG and getattr(value.func.value, "id", None) == numpy and
            value.args and len(value.args) <= 2):
        return None
    tangent = weighted(sweep, value.args[0], primals, defs)  # (``t``, ``t * w``: var's tangent)
    if tangent is None:
        return None
    keywords = {k.arg: k.value for k in value.keywords}
    axis = value.args[1] if len(value.args) == 2 else keywords.pop("axis", None)
    running = value.func.attr == "cumsum"
    if axis is None and running:  # (flattened, as the tangent is)
        axis = build.constant(None)
    if axis is None or set(keywords) - {"keepdims"} or running and keywords or not all(
            isinstance(n, (gast.Constant, gast.Tuple, gast.UnaryOp, gast.Load, gast.USub))
            for n in build.nodes(axis)) or not all(
            isinstance(k, gast.Constant) for k in keywords.values()):
        return None
    primal = primals.get(tangent.id)
    support = sweep.supports.get(primal) if primal is not None else None
    if support is None or support is NOWHERE or isinstance(support, Seeded):
        return None  # (a seed's: not kept, :class:`.supports_base.Seeded`)
    mask = tangent_mask(sweep, primal, support)
    if mask is None:
        return None
    reduced = gast.Call(func=build.attribute(build.name(numpy), "cumsum" if running else "any"),
                        args=[mask], keywords=[
        *([] if isinstance(axis, gast.Constant) and axis.value is None else [
            gast.keyword(arg="axis", value=build.clone(axis))]),
        *[gast.keyword(arg=k, value=build.clone(v)) for k, v in keywords.items()]])
    return Moved(gast.Compare(left=reduced, ops=[gast.NotEq()], comparators=[
        build.constant(0)]) if running else reduced, of=target)


def _emptied(sweep: Any, value: gast.expr, primals: dict[str, str], target: str) -> Support | None:
    """The support of ``np.sum(t)`` where ``t`` is the tangent of a boolean selection, ``u =
    p[c]`` with ``c`` a comparison (``p[p > 0]``, ``p[1.0 < 0.5]``), that has no support of its
    own (or a seed's): 0 by structure where the selection is empty, ``np.size(u) > 0``, as the
    gradient's scatter into no element is (a sum of no terms: ``math.pow(np.sum(v[v > 5]), 0.5)``
    with no ``v > 5`` was jvp NaN, ``0 * inf``, where grad gave 0: fuzz seed 10308 program 13,
    call-led seed 1356 program 10).  None for anything else."""
    numpy = sweep.machinery.aliases["np"]
    if not (isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute) and
            value.func.attr == "sum" and getattr(value.func.value, "id", None) == numpy and
            len(value.args) == 1 and not value.keywords and isinstance(value.args[0], gast.Name)):
        return None
    primal = primals.get(value.args[0].id)
    support = sweep.supports.get(primal) if primal is not None else None
    if support is not None and not isinstance(support, Seeded) or not _selected(sweep, primal):
        return None
    size = build.call(f"{numpy}.size", build.name(primal))
    return Moved(gast.Compare(left=size, ops=[gast.Gt()], comparators=[build.constant(0)]),
                 of=target)


def _selected(sweep: Any, name: str) -> bool:
    """Whether ``name`` is bound once, by ``p[c]`` with ``c`` bound once by a comparison."""
    if sweep._sites is None:
        sweep._sites = definitions(sweep.norm.body)
    bound = sweep._sites.get(name, ())
    if len(bound) != 1 or not isinstance(bound[0], gast.Assign):
        return False
    selection = bound[0].value
    if not (isinstance(selection, gast.Subscript) and isinstance(selection.slice, gast.Name)):
        return False
    tests = sweep._sites.get(selection.slice.id, ())
    return len(tests) == 1 and isinstance(tests[0], gast.Assign) and \
        isinstance(tests[0].value, gast.Compare)


def _scattered(sweep: Any, value: gast.expr, primals: dict[str, str],
               target: str) -> Support | None:
    """The support of a scattered sum of a tangent ``t``, ``np.bincount(i, t, minlength=n)`` or
    ``_rt.added_at(a, i, t)`` (the tangent of ``np.add.at``): the same scatter of the masks, so a
    bin no index reaches keeps the tangent it had (0 in a new array), not ``np.any`` of ``t``'s
    mask (``np.sqrt`` of such a bin is ``0 * inf`` otherwise: fuzz seed 5508, program 6):
    ``np.bincount(i, m, minlength=n) != 0``, ``_rt.reads(r, i, m)`` (``r`` the result).  A
    seed's support is not scattered (:class:`.supports_base.Seeded`): then every bin an index
    reaches may be non-zero.  None for anything else."""
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    if not isinstance(value, gast.Call) or not isinstance(value.func, gast.Attribute):
        return None
    owner, reads = getattr(value.func.value, "id", None), sweep.derivative_names
    keywords = {k.arg: k.value for k in value.keywords}
    if owner == numpy and value.func.attr == "bincount" and 1 <= len(value.args) <= 3:
        args = [*value.args, *([keywords.pop("weights")] if "weights" in keywords else [])]
        base, (index, *weights), size = None, args, keywords.pop("minlength", None)
        if len(args) == 3 and size is None:
            index, weights, size = args[0], args[1:2], args[2]
    elif owner == runtime and value.func.attr == "added_at" and len(value.args) == 3:
        base, index, weights, size = value.args[0], value.args[1], value.args[2:], None
    else:
        return None
    if keywords or len(weights) != 1 or not isinstance(weights[0], gast.Name) or \
            weights[0].id not in primals or build.loads(index) & reads or \
            size is not None and build.loads(size) & reads:
        return None
    primal = primals[weights[0].id]
    support = sweep.supports.get(primal)
    mask = None if support is None or support is NOWHERE or isinstance(support, Seeded) else \
        tangent_mask(sweep, primal, support)
    if base is not None:  # (np.add.at: where it adds, or where the array's tangent may be)
        reached = build.call(f"{runtime}.reads", build.name(target), build.clone(index),
                             *([] if mask is None else [mask]))
        if not build.loads(base) & reads:
            return Moved(reached, of=target)
        base = _move(sweep, base, primals, [])
        return None if base is None else Moved(build.call(
            f"{numpy}.logical_or", base, reached), of=target)
    scatter = gast.Call(func=build.attribute(build.name(numpy), "bincount"), args=[
        build.clone(index), *([] if mask is None else [mask])], keywords=[] if size is None
        else [gast.keyword(arg="minlength", value=build.clone(size))])
    return Moved(gast.Compare(left=scatter, ops=[gast.NotEq()], comparators=[
        build.constant(0)]), of=target)


def _items(sweep: Any, primal: str, support: Support | None) -> gast.expr | None:
    """The mask of a name ``primal`` that may hold a list or tuple (a helper's result, a piece
    of ``np.split``'s), which a NumPy move reads as an array (``np.stack(xs)``,
    ``np.asarray(list(t))``, ``np.flip(h(x))``): ``_rt.item_arrays(primal, m)``, in the form
    NumPy reads ``primal`` in (one mask per item, each of its item's shape; an array's, of its
    shape).  None where its support is not known in the form of one mask per item."""
    aliases = sweep.machinery.aliases
    mask = None if support is None else support.mask(primal, aliases["np"], aliases["_rt"])
    inner = mask
    while isinstance(inner, gast.Subscript):  # (in that form already: moved as the value is,
        inner = inner.value  # ``h(x)[::-1]``)
    if isinstance(inner, gast.Call) and isinstance(inner.func, gast.Attribute) and \
            inner.func.attr == "item_arrays" and getattr(inner.func.value, "id", None) == aliases["_rt"]:
        return mask
    if mask is None or not item_masks(mask, aliases):
        return None
    return build.call(f"{aliases['_rt']}.item_arrays", build.name(primal), mask)
