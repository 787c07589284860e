"""Masks of a list or tuple: where its adjoint may be non-zero, one mask per item.

A support (``tangentish/passes/supports.py``) says where an adjoint may be non-zero; for an array
it is a boolean array of its shape.  The items of a list or tuple may have any shapes (a tape's
entries are tuples of a float and arrays), so its mask is an :class:`ItemMasks`: one mask per
item, each a boolean (all or none of the item), a boolean array of the item's shape, or the
:class:`ItemMasks` of an item that is itself a list or tuple.  Generated code reads it as it
reads an array's mask: ``m[k]`` is item ``k``'s mask and ``m[:-1]`` the mask of the list without
its last item (what the adjoint of ``xs.append(v)`` reads), ``np.logical_or`` and
``np.logical_not`` act item by item, ``np.any`` is whether any item's holds, ``m[k] = True`` marks
an item read.  So a value a list carries keeps the support of its adjoint from the loop that pops
the list to the loop that appended to it (a gradient's tape, differentiated again):

    >>> import numpy as np
    >>> m = reads([np.zeros(3), 2.0], 0, np.array([False, True, True]))
    >>> m
    ItemMasks([array([False,  True,  True]), False])
    >>> np.logical_or(m, read_mask([np.zeros(3), 2.0], True))[0]
    array([ True,  True,  True])
    >>> unpopped_mask(m, (1.0, 2.0))[:-1][0]
    array([False,  True,  True])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import NO_DERIVATIVE, UNBOUND
from .items import is_items, is_sequence, stack_shape

_ITEMWISE = frozenset({np.logical_or, np.logical_and, np.logical_not})


class ItemMasks:
    """One mask per item of a list or tuple (see the module docstring)."""

    __slots__ = ("items",)

    def __init__(self, items: Any):
        self.items = list(items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Any:
        """The items' masks (a loop over ``m[0], m[1], ...`` would never end: an index past the
        end holds, :meth:`__getitem__`; ``np.shape(m)`` looped so, growing a list until memory
        ran out: fuzz seed 5004 program 164)."""
        return iter(self.items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return ItemMasks(self.items[index])
        if not -len(self.items) <= index < len(self.items):  # (a mask made before its list
            return True  # grew: the item holds, which is always safe; fuzz seed 4808 program 461)
        return self.items[index]

    def __setitem__(self, index: Any, value: Any) -> None:
        """``m[k] = True``: item ``k`` marked read (all of it, in its own form)."""
        positions = range(len(self.items))[index] if isinstance(index, slice) else [index]
        for position in positions:
            self.items[position] = _filled(self.items[position], value)

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method != "__call__" or ufunc not in _ITEMWISE or kwargs:
            return NotImplemented
        masks = [i for i in inputs if isinstance(i, ItemMasks)]
        if not any(masks) and any(np.ndim(i) for i in inputs if not isinstance(i, ItemMasks)):
            # (masks with no items, made for a name not known to hold a list, met with an
            # array's mask: holding at every item, they hold everywhere in the array, which is
            # safe; read as none, the array's reads were lost: fuzz seed 6060 program 37)
            return ufunc(*(True if isinstance(i, ItemMasks) else i for i in inputs))
        if any(len(m) != len(masks[0]) for m in masks):  # (made for the list at other times:
            # which items match is not known; fuzz seed 4870 program 34)
            return _filled(max(masks, key=len), True)
        return ItemMasks(ufunc(*(i.items[k] if isinstance(i, ItemMasks) else _item(i, masks[0], k)
                                 for i in inputs)) for k in range(len(masks[0])))

    def append(self, item: Any, where: Any) -> None:
        """In step with ``xs.append(item)`` (forward mode, :func:`kept_list`): ``where`` is the
        item's mask, in any form :func:`mask_of` reads."""
        self.items.append(mask_of(item, where))

    def extend(self, masks: Any) -> None:
        """In step with ``xs.extend(ys)``, ``masks`` the mask of ``ys``, one per item."""
        self.items.extend(masks)

    def pop(self, index: Any = -1) -> None:
        """In step with ``xs.pop(index)``."""
        self.items.pop(index)

    def put(self, index: Any, item: Any, where: Any) -> None:
        """In step with ``xs[index] = item``: ``where`` is the item's mask (a slice's items hold
        everywhere, which is always safe)."""
        if isinstance(index, slice):
            self.items[index] = [mask_of(part, True) for part in item]
        else:
            self.items[index] = mask_of(item, where)

    def any(self, axis: Any = None, out: Any = None, **kwargs: Any) -> bool:
        """Whether any item's mask holds anywhere (``np.any`` of it)."""
        return any(bool(np.any(item)) for item in self.items)

    def __repr__(self) -> str:
        return f"ItemMasks({self.items!r})"


def _item(mask: Any, masks: ItemMasks, k: int) -> Any:
    """Item ``k``'s part of a plain ``mask`` met with ``masks`` in an item-wise ufunc: a boolean is
    every item's; an array standing for the list (the adjoint of ``np.stack(xs)``: as many rows as
    it has items) gives row ``k`` (with the whole array too where it also fits the item itself,
    which is then ambiguous); any other, whether it holds anywhere, as :func:`mask_of` reads a
    plain mask of a list (broadcasting such an array into every item made item ``k``'s mask of
    another shape than the item: fuzz seed 5010 program 91)."""
    if not np.ndim(mask):
        return mask
    item = masks.items[k]
    shape = np.shape(item) if not isinstance(item, ItemMasks) else None
    row = np.shape(mask)[0] == len(masks) and shape is not None and _fits(np.shape(mask)[1:], shape)
    whole = shape is not None and _fits(np.shape(mask), shape)
    if row and whole:
        return np.logical_or(mask[k], mask)
    if row or whole:
        return mask[k] if row else mask
    return bool(np.any(mask))


def _fits(shape: tuple[int, ...], target: tuple[int, ...]) -> bool:
    """Whether a mask of ``shape`` broadcasts to ``target`` without changing it."""
    try:
        return np.broadcast_shapes(shape, target) == target
    except ValueError:
        return False


def rows(masks: ItemMasks, shape: tuple[int, ...]) -> Any:
    """The mask of an array of ``shape`` whose rows are the items ``masks`` is of (``tuple(x)``):
    row ``k`` is item ``k``'s mask (its rows, an item's items: ``x.tolist()``); True everywhere
    where they do not match (always safe)."""
    if not shape or len(masks) != shape[0] or not masks.items:
        return np.ones(shape, dtype=bool)
    try:
        return np.stack([rows(item, shape[1:]) if isinstance(item, ItemMasks) else
                         np.broadcast_to(np.not_equal(item, 0), shape[1:]) for item in masks.items])
    except ValueError:  # (an item's mask of another shape)
        return np.ones(shape, dtype=bool)


def _filled(old: Any, value: Any) -> Any:
    """``value`` (a bool) as a mask of the form of ``old``."""
    if isinstance(old, ItemMasks):
        return ItemMasks(_filled(item, value) for item in old.items)
    return np.broadcast_to(np.bool_(value), np.shape(old)) if np.ndim(old) else bool(value)


def mask_of(item: Any, where: Any) -> Any:
    """A mask of ``item`` (an array, a number, a list or tuple) in its own form, from ``where``:
    one of that form already, or a boolean (array) that broadcasts to it; an item that is a list
    or tuple takes ``where`` item by item when it is an :class:`ItemMasks`, else whether it holds
    anywhere (a plain array's shape need not be any of its items'); an item with no value on
    this path (``UNBOUND``, a gradient's tape saves one), which has no derivative: False.  An
    array met with an :class:`ItemMasks` stands for the list (the adjoint of ``(1.0, s)`` is
    ``array([g0, g1])``): row ``k`` is item ``k``'s mask, as :func:`rows` says (whether any
    item's holds made a probe NaN in every row, and ``0 * inf`` of an item no one read reached
    the gradient: fuzz seed 5853 program 18)."""
    if item is UNBOUND or item is NO_DERIVATIVE:
        return False
    if is_sequence(item):  # (a list, a tuple, or an adjoint in items form standing for one)
        pieces = _pieces(item, where)
        if pieces is not None:
            return ItemMasks(mask_of(part, mask) for part, mask in zip(item, pieces, strict=True))
        held = (where.any() or not where.items) if isinstance(where, ItemMasks) else \
            bool(np.any(np.not_equal(where, 0)))
        return ItemMasks(mask_of(part, held) for part in item)
    if isinstance(where, ItemMasks):
        held = where.any() or not where.items  # (none: any item's holds, as ``m[k]`` says)
        where = rows(where, np.shape(item)) if held and np.ndim(item) else held
    test = np.not_equal(where, 0)
    shape = np.shape(item)
    return np.broadcast_to(test, shape) if shape else bool(np.any(test))


def _pieces(item: Any, where: Any) -> Any:
    """Item by item, the masks ``where`` gives the items of the list or tuple ``item``, when it
    gives one per item: an :class:`ItemMasks`, an adjoint in items form of as many items, or a
    stacked one (the mask of a join cut back into its pieces, ``_rt.unjoin``: row ``k`` is
    item ``k``'s) that is not also one mask every item fits whole; None otherwise."""
    if isinstance(where, (ItemMasks, list)) or is_items(where):  # (a list: one mask per item,
        return list(where) if len(where) == len(item) else None  # np.select's chosen ones)
    shape = stack_shape(item) if isinstance(where, np.ndarray) and np.ndim(where) else None
    if shape is None or np.shape(where) != shape or \
            any(_fits(shape, np.shape(part)) for part in item):
        return None
    return list(where)


def reads(like: Any, index: Any, where: Any = True) -> ItemMasks:
    """Where ``like[index]`` reads, ``like`` a list or tuple (``where``: a mask of what it read)."""
    out = mask_of(like, False)
    if isinstance(index, slice):
        read = mask_of(like[index], where)
        for position, mask in zip(range(len(like))[index], read.items, strict=True):
            out.items[position] = mask
    else:
        out.items[index] = mask_of(like[index], where)
    return out


def read_mask(like: Any, where: Any = False) -> ItemMasks:
    """A mask of the list or tuple ``like`` (``where`` for each item); ``where`` itself when it
    is one already (made for ``like`` as it was where the support was found: a list the adjoint
    puts items back into may have grown since), but one with no items (``read_mask((), False)``,
    holding at any item) in ``like``'s form: its ``m[-1]`` was a bare True, whose ``[0]`` (the
    item a tuple, a tape's entry) was a TypeError (fuzz seed 6089 program 6):

        >>> read_mask([(np.zeros(2), 1.0)], read_mask((), False))[-1][0]
        array([ True,  True])
    """
    if isinstance(where, ItemMasks) and (where.items or not _has_items(like)):
        return where
    return mask_of(like, where)


def item_arrays(like: Any, where: Any) -> Any:
    """The mask of ``like`` in the form NumPy reads ``like`` in, where a move takes a name that
    may hold a list or tuple for an array (``np.stack(xs)``, ``np.flip(h(x))``): a list of its
    items' masks, each of its item's shape (an :class:`ItemMasks` holds a bool for an item read
    whole, which NumPy would read as a number); of an adjoint in items form (an object array,
    whose items NumPy moves whole), whether each item's holds anywhere; of anything else,
    ``where`` in its shape (fuzz seed 7360 program 8: a tuple's adjoint ``np.broadcast_to``)."""
    if not is_sequence(like):
        return mask_of(like, where)
    masks = read_mask(like, where)
    if len(masks) != len(like):  # (made for the list at another time: holding everywhere)
        masks = mask_of(like, True)
    if is_items(like):
        return np.array([bool(np.any(item_arrays(item, mask))) for item, mask in zip(
            like, masks.items, strict=True)], dtype=bool)
    return [item_arrays(item, mask) for item, mask in zip(like, masks.items, strict=True)]


def _has_items(like: Any) -> bool:
    return is_sequence(like) and len(like) > 0


def ungathered(masks: ItemMasks | bool, like: Any, order: Any) -> ItemMasks:
    """The mask of the list or tuple ``like`` gathered by ``order`` (``sorted(like)``, whose item
    ``p`` is ``like[order[p]]``) where the gathered list's is ``masks``: item ``order[p]``
    holds where item ``p`` of ``masks`` does (``sorted(xs)[-1]`` reads one item of ``xs``)."""
    out = mask_of(like, False)
    rows = None if isinstance(out, ItemMasks) else np.array(out, dtype=bool)  # (an array sorted
    for p, k in enumerate(np.ravel(order).tolist()):  # by its rows, sorted(x): a mask of its
        held = masks[p] if isinstance(masks, ItemMasks) else masks  # shape, row k item k's)
        for tied in _tied_with(like, k):  # (tied items share their adjoint: _rt.tied_mean)
            if rows is None:
                out.items[tied] = np.logical_or(out.items[tied], mask_of(like[tied], held))
            else:
                rows[tied] = np.logical_or(rows[tied], mask_of(like[tied], held))
    return out if rows is None else rows


def _tied_with(like: Any, k: int) -> list[int]:
    """The items of ``like`` equal to item ``k`` (numbers; ``k`` alone for any other item)."""
    if not isinstance(like[k], (int, float, np.number)) and np.ndim(like[k]) != 0:
        return [k]
    return [j for j in range(len(like)) if j == k or np.ndim(like[j]) == 0 and like[j] == like[k]]


def unpopped_mask(mask: ItemMasks | bool, last: Any) -> ItemMasks | bool:
    """The mask of a list with its popped item ``last`` put back (the adjoint of ``xs.pop()``):
    the item has no adjoint of its own there (its value's flows through ``xs[-1]``).  A mask
    that is one bool for every item (``False`` for a list with no value on this path:
    ``support_flow``) stays that bool: put back unread, the item is covered by ``False``, and
    ``True`` only claims more than is read."""
    if not isinstance(mask, ItemMasks):
        return mask
    return ItemMasks([*mask.items, mask_of(last, False)])


def kept_list(like: Any, where: Any = True) -> ItemMasks:
    """A mask of the list ``like``, one per item (``where`` for each, as :func:`read_mask` reads
    it), of its own: forward mode changes it in place in step with the list (``xs_mask.append(v,
    m)`` after ``xs.append(v)``), in a loop and in each branch of an ``if`` too."""
    return ItemMasks(read_mask(like, where).items)


def appended_mask(mask: Any, item: Any, where: Any) -> Any:
    """The mask of a list after ``xs.append(item)`` (forward mode), ``mask`` its mask before
    (``_rt.read_mask(xs, ...)``) and ``where`` the item's (``False`` for a constant's tangent);
    ``True`` (every item) where ``mask`` is not one mask per item."""
    if not isinstance(mask, ItemMasks):
        return True
    return ItemMasks([*mask.items, mask_of(item, where)])


def extended_mask(first: Any, second: Any) -> Any:
    """The mask of ``xs + ys`` (or of ``xs`` after ``xs.extend(ys)``), ``first`` and ``second``
    their masks (``_rt.read_mask``; an array's, its rows the items): one after the other;
    ``True`` (every item) where either is not one mask per item or row."""
    parts = [mask if isinstance(mask, ItemMasks) else ItemMasks(list(mask)) if np.ndim(mask)
             else None for mask in (first, second)]
    if parts[0] is None or parts[1] is None:
        return True
    return ItemMasks([*parts[0].items, *parts[1].items])


def factor_masks(value: Any, kind: str, lower: Any = True) -> Any:
    """Where the tangent of a factorization's result ``value`` may be non-zero: its triangular
    factors' tangents are triangular by structure (``np.linalg.qr``'s ``R``: ``kind`` ``"qr"``;
    ``"lu"``: SciPy's ``P`` constant, ``L``'s unit diagonal and upper part, ``U``'s lower part;
    ``"cholesky"``: the triangle ``lower`` says), one mask per item of a tuple, ``True`` for an
    item that is not triangular (``Q``)."""
    if kind == "cholesky":
        full = np.full(np.shape(value), True)
        return np.tril(full) if lower else np.triu(full)
    if kind == "lu":
        p, low, up = value
        return ItemMasks([np.full(np.shape(p), False), np.tril(np.full(np.shape(low), True), -1),
                          np.triu(np.full(np.shape(up), True))])
    if not isinstance(value, tuple):  # (``mode='r'``: ``R`` alone)
        return np.triu(np.full(np.shape(value), True))
    return ItemMasks([np.full(np.shape(value[0]), True), np.triu(np.full(np.shape(value[1]), True))])
