'''Where an adjoint made of another by moves alone may be non-zero (:mod:`.supports_made`).

An index of ``g`` (``g[3]``, ``g[1:]``, ``_rt.unbroadcast(g[3], t)``: the adjoint of
``x[3] = t``), a display's adjoint taken apart item by item (``object_bar[1]`` of ``object_bar =
_rt.recast(g, [a, b], None)``, the adjoint of ``np.array([a, b])``; of ``np.stack``'s
``np.moveaxis(g, axis, 0)``; of ``sorted([a, b])``'s ``_rt.untake_along_axis(g, [a, b], order,
0)``, whose mask is one per item, moved as the items were: ``_rt.ungathered``) is 0 where the
same moves of ``g``'s mask are False.  So an item the output does not read stays 0 by structure
and never meets a singular partial (``np.sqrt`` at 0) as ``0 * inf``:

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.array([1.5, np.sqrt(x), 1.0])[0]
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = _rt.divided(False, sqrt_x_bar, 2.0 * sqrt_x)
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .supports_base import Seeded, Support, calls, item_masks, read_item, seed_item
from .supports_filled import SHARES

_MASK_MOVES = ("unbroadcast", "fit", "zero_index", "written", "tril", "triu", "undiag", "untrace",
               "undiagonal", "unpad", "reshape", "unrepeat", "untile", "unreduceat", "uncumsum",
               "unmoved", "real_only", "einsum_spread", "transpose", "initial_dropped",
               "unique_cotangent", *SHARES)
"""Adjoints that move (or sum with weights of at least 0, or zero, or spread) the elements of
``g``, their first argument: the same call of ``g``'s mask is where they may be non-zero
(``np.tril(g, -1)``, ``_rt.unpad(g, x, 1, 'constant', None, 0)``, ``_rt.uncumsum(g, a)``: the
rows, the border, the tail they leave out stay 0 by structure; ``_rt.initial_dropped(g, True)``:
``np.cumulative_sum``'s initial 0, read by nothing of ``x``; ``_rt.unique_cotangent(g, r)``,
``g`` or its first item).  Not a map with weights of
either sign (``np.diff``'s, ``np.convolve``'s): the mask's weights would cancel."""

_APART = ("recast", "moveaxis", "untake_along_axis")
"""A display's adjoint as one array, which the rule takes apart item by item next (``object_bar
= _rt.recast(g, [a, b], None)``, ``np.moveaxis(g, 1, 0)`` of ``np.stack([a, b], axis=1)``,
``_rt.untake_along_axis(g, [a, b], order, 0)`` of ``sorted([a, b])``); the last two move items."""


def apart(value: gast.expr) -> bool:
    """A display's adjoint as one array (:data:`_APART`), whose items the rule takes apart next
    (fuzz seed 5260, program 79: ``np.array([1.5, np.sqrt(x)])[0]`` at ``x = 0`` had a NaN, not
    0, where item 1 is not read)."""
    value = _itemwise(value)
    return any(calls(value, helper) for helper in (*_APART, "unlisted")) and \
        len(value.args) >= 2 and isinstance(unshared(value.args[0]), gast.Name)


def _itemwise(value: gast.expr) -> gast.expr:
    """``e`` of ``_rt.onto(e, [a, b])`` (a complex display's adjoint, each item onto its own:
    item ``k`` is 0 where ``e[k]`` is); ``value`` itself otherwise."""
    return value.args[0] if calls(value, "onto") and len(value.args) == 2 and isinstance(
        value.args[1], (gast.List, gast.Tuple)) else value


def indexes(node: gast.AST, adjoint: str) -> bool:
    """Whether ``node`` reads an index of ``adjoint``: ``g[k]``, or ``_rt.written(g, k)``; an
    item of a display's adjoint made of ``g`` too (:data:`_APART`: ``_rt.recast(g, xs)[k]``)."""
    indexed = _itemwise(node.value) if isinstance(node, gast.Subscript) else \
        node.args[0] if calls(node, "written") and node.args else None
    while any(calls(indexed, helper) for helper in (*_APART, "unlisted")) and indexed.args:
        indexed = _itemwise(unshared(indexed.args[0]))  # (sorted's g, shared among ties)
    return isinstance(indexed, gast.Name) and indexed.id == adjoint


def item_read(sweep: Any, value: gast.expr, target: str, incoming: Support,
              length: int | None) -> gast.expr | None:
    """Where ``value``, an index of ``target``'s adjoint (:func:`indexes`), may be non-zero: the
    items a tuple's or list's support reads (:func:`.supports_base.read_item`; not through a
    move of items, whose positions differ), a seed's item mask, or :func:`moved_mask`."""
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    adjoint, mask = sweep.adjoints[target], incoming.mask(target, numpy, runtime)
    whole = None if isinstance(incoming, Seeded) else mask  # (g's mask, where g is a scalar)
    moved = any(calls(_itemwise(getattr(value, "value", None)), helper) for helper in _APART[1:])
    item = (None if moved else read_item(value, incoming, numpy, length)) or (
        seed_item(value, adjoint, mask, length) if whole is None and
        target in sweep.sequences else None)
    if item is not None or whole is None:
        return item
    listed = target in sweep.sequences and item_masks(mask, sweep.machinery.aliases) and not (
        isinstance(mask, gast.Name) and target not in sweep.surely_sequences)  # (a loop's mask
    # of what may be an array may be a bare bool, True[-2] a TypeError: fuzz seed 7801 program 5)
    full = mask if (incoming.index is not None and target not in sweep.sequences) or listed \
        else build.call(f"{runtime}.read_mask", build.name(target), mask)
    return moved_mask(sweep, value, adjoint, full)


def moved_mask(sweep: Any, value: gast.expr, adjoint: str, full: gast.expr,
               shaped: bool = False) -> gast.expr | None:
    """Where ``value``, made of ``g`` (the ``adjoint``) by moves alone, may be non-zero: the same
    moves of ``full`` (``g``'s mask, of ``g``'s shape).  An index of ``g`` reads that index of
    its mask, so the elements a slice or index left out stay 0 by structure through an element
    assignment that reads them back.  A product by (or quotient by) a factor that reads no
    derivative keeps ``g``'s zeros: ``_rt.unbroadcast(_rt.fit(g, t) * w, x)``, a binary
    operation's adjoint in a second-order pullback, is 0 where the same calls of ``g``'s mask
    are (not ``np.any`` of it: fuzz seed 5507, program 20).  None for anything else (a sum of
    ``g``'s elements).  ``shaped``: a move reads the mask next, which must then have the shape
    of ``value``, not only broadcast to it (:func:`_scaled_mask`)."""
    if isinstance(value, gast.Name):
        return build.clone(full) if value.id == adjoint else None
    free = sweep.derivative_names.isdisjoint
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, gast.USub):
        return moved_mask(sweep, value.operand, adjoint, full, shaped)
    if isinstance(value, gast.BinOp) and isinstance(value.op, (gast.Mult, gast.Div)):
        return _scaled_mask(sweep, value, adjoint, full, shaped)
    if isinstance(value, gast.Subscript) and free(build.loads(value.slice)):
        inner = moved_mask(sweep, _itemwise(value.value), adjoint, full, True)
        return None if inner is None else build.subscript(inner, build.clone(value.slice))
    runtime = sweep.machinery.aliases["_rt"]
    kept = _complex_kept(sweep, value)
    if kept is not None:
        inner = moved_mask(sweep, kept[0], adjoint, full, shaped)
        return None if inner is None or kept[1] is None else inner if kept[1] is False else \
            build.call(f"{runtime}.unbroadcast", inner, build.clone(kept[1]))
    if calls(value, "unlisted") and len(value.args) == 2 and not value.keywords and \
            free(build.loads(value.args[1])):  # (list(xs)'s: the same items, in xs's form; an
        inner = moved_mask(sweep, value.args[0], adjoint, full, True)  # iterator's next(it) reads
        return None if inner is None else build.call(  # it[it_1]: fuzz seed 8025 program 8)
            f"{runtime}.read_mask", build.clone(value.args[1]), inner)
    if calls(value, "unindex") and len(value.args) in (3, 4) and not value.keywords and \
            all(free(build.loads(arg)) for arg in value.args[1:]) and \
            getattr(value.args[1], "id", None) not in sweep.sequences:  # (a gather's: np.unique's
        inner = moved_mask(sweep, value.args[0], adjoint, full, True)  # by its sources)
        return None if inner is None else build.call(
            f"{runtime}.reads", *map(build.clone, value.args[1:3]), inner)
    if calls(value, "unpopped") and len(value.args) == 2 and not value.keywords:  # (xs.pop())
        inner = moved_mask(sweep, value.args[0], adjoint, full, True)
        return None if inner is None else build.call(f"{runtime}.unpopped_mask", inner,
                                                     build.clone(value.args[1]))
    if calls(value, "untake_along_axis") and len(value.args) == 4 and not value.keywords and \
            _sorted_list(sweep, value.args[1:]):  # (sorted([a, b]): one mask per item; ties
        inner = moved_mask(sweep, unshared(value.args[0]), adjoint, full, True)  # joined there)
        return None if inner is None else build.call(f"{runtime}.ungathered", inner,
                                                     *map(build.clone, value.args[1:3]))
    if isinstance(value, gast.Call) and value.args and not value.keywords and \
            any(calls(value, helper) for helper in (*_MASK_MOVES, *_APART[:2])) and \
            getattr(value.func.value, "id", None) in (runtime, sweep.machinery.aliases["np"]) and \
            all(free(build.loads(arg)) for arg in value.args[1:]):
        inner = moved_mask(sweep, value.args[0], adjoint, full, True)
        return None if inner is None else gast.Call(
            func=build.clone(value.func), args=[inner, *map(build.clone, value.args[1:])],
            keywords=[])
    from .supports_reached import reached  # (a contraction's or difference's adjoint)

    return reached(sweep, value, lambda inner: moved_mask(sweep, inner, adjoint, full, True))


_PARTS = ("real_seed", "real", "imag", "conj", "conjugate")
"""Calls 0 wherever their one argument is (``_rt.real_seed(g)``, ``np.real(g)``, ``np.conj(g)``:
the adjoints of ``z.real``, ``np.conj(z)``): their mask is the argument's.  Not called on the
mask itself: ``np.imag`` of a boolean mask is False everywhere, ``np.conj`` of it an integer."""


def _complex_kept(sweep: Any, value: gast.expr) -> tuple[gast.expr, gast.expr | bool | None] | None:
    """``(e, like)`` for ``_rt.onto(e, like)`` (a complex operation's adjoint onto an operand:
    ``e`` un-broadcast to ``like``, its real part if ``like`` is real; ``like`` None where it may
    be a list, whose mask is no un-broadcast one's), ``(e, False)`` for a call of :data:`_PARTS`
    of ``e``; None for anything else."""
    if not isinstance(value, gast.Call) or value.keywords or not isinstance(
            value.func, gast.Attribute) or not value.args:
        return None
    owner, aliases = getattr(value.func.value, "id", None), sweep.machinery.aliases
    if owner == aliases["_rt"] and value.func.attr == "onto" and len(value.args) == 2:
        like = value.args[1]
        plain = isinstance(like, gast.Name) and like.id not in sweep.sequences
        return value.args[0], like if plain else None
    if len(value.args) == 1 and value.func.attr in _PARTS and owner == (
            aliases["_rt"] if value.func.attr == "real_seed" else aliases["np"]):
        return value.args[0], False
    return None


def _scaled_mask(sweep: Any, value: gast.BinOp, adjoint: str, full: gast.expr,
                 shaped: bool) -> gast.expr | None:
    """Where ``g * w`` or ``g / w`` (``w`` reading no derivative) may be non-zero: where ``g``
    may be (:func:`moved_mask`), broadcast against ``w`` when a move reads it next
    (``np.reshape(g * np.ravel(b), np.shape(a))``, the adjoint of ``np.vdot(a, b)``, of a scalar
    ``g``: the mask of ``g``'s shape reshaped was a ValueError, calls seed 598 program 33)."""
    free = sweep.derivative_names.isdisjoint
    scaled, factor = (value.left, value.right) if free(build.loads(value.right)) else \
        (value.right, value.left)
    if isinstance(value.op, gast.Div) and scaled is value.right or not free(build.loads(factor)):
        return None  # (w / g: not 0 where g is)
    mask = moved_mask(sweep, scaled, adjoint, full, shaped)
    if mask is None or not shaped or isinstance(factor, gast.Constant):
        return mask
    numpy = sweep.machinery.aliases["np"]
    return build.call(f"{numpy}.logical_and", mask, build.call(f"{numpy}.full", build.call(
        f"{numpy}.shape", build.clone(factor)), build.constant(True)))


def items_reached(sweep: Any, value: gast.expr, adjoint: str, full: gast.expr) -> gast.expr | None:
    """Where ``value``, a contraction's or difference's adjoint of ``g`` itself (the ``adjoint``
    of a name that may hold a list: ``np.gradient``'s, one array per axis), may be non-zero,
    ``full`` being ``g``'s mask (:func:`.supports_reached.reached`)."""
    from .supports_reached import reached

    return reached(sweep, value, lambda inner: build.clone(full) if getattr(
        inner, "id", None) == adjoint else None)


def _sorted_list(sweep: Any, args: list[gast.expr]) -> bool:
    """Whether ``(xs, order, axis)`` gathers a list or tuple ``xs`` (a display, or a name of
    one) along axis 0, reading no derivative: ``sorted(xs)``."""
    like, axis = args[0], args[2]
    return (isinstance(like, (gast.List, gast.Tuple)) or getattr(like, "id", None) in
            sweep.sequences) and isinstance(axis, gast.Constant) and axis.value == 0 and \
        sweep.derivative_names.isdisjoint(set().union(*map(build.loads, args)))


def unshared(value: gast.expr) -> gast.expr:
    """``g`` of ``_rt.tied_mean(g, ...)`` (one of :data:`SHARES`), else ``value``."""
    shared = any(calls(value, helper) for helper in SHARES) and bool(value.args)
    return value.args[0] if shared else value


def ungathered(sweep: Any, value: gast.Call, target: str, incoming: Support | None) -> Support | None:
    """The support of ``_rt.untake_along_axis(g, xs, order, 0)``, ``sorted(xs)``'s adjoint for
    a list ``xs`` (``target``: the sorted list, whose ``adjoint`` ``g`` has the support
    ``incoming``): one mask per item, each that of the item it went to (fuzz seed 5260, program
    79: ``sorted([1.5, math.pow(x, 0.5)])[-1]`` at ``x = 0`` had a NaN, not 0; ``g`` shared
    among tied items, ``_rt.tied_mean(g, r, 0)``: the runtime's mask joins tied items' masks);
    None for any other call, or one reading a derivative."""
    args, aliases, derivatives = value.args, sweep.machinery.aliases, sweep.derivative_names
    if incoming is None or len(args) != 4 or value.keywords or \
            getattr(unshared(args[0]), "id", None) != sweep.adjoints.get(target) or \
            not isinstance(args[3], gast.Constant) or args[3].value != 0 or \
            any(not derivatives.isdisjoint(build.loads(arg)) for arg in args[1:]):
        return None
    runtime = aliases["_rt"]
    mask = build.call(f"{runtime}.read_mask", build.name(target),
                      incoming.mask(target, aliases["np"], runtime))
    return Support(build.call(f"{runtime}.ungathered", mask, build.clone(args[1]),
                              build.clone(args[2])))
