"""Indexing: the adjoints of reading and writing ``x[i]`` (and reading ``x.flat[i]``)."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from . import item_masks
from ._common import NO_DERIVATIVE, UNBOUND, _gradient_dtype, _scalar_if_0d, _shape
from .items import conform, is_items, is_sequence, zero_of


def _has_integer_array(index: Any) -> bool:
    """Whether ``index`` holds an integer array or list (which may select an element twice)."""
    parts = index if isinstance(index, tuple) else (index,)
    return any(isinstance(part, (list, np.ndarray)) and np.asarray(part).dtype != np.bool_
               for part in parts)


def added_at(a: Any, index: Any, values: Any) -> Any:
    """``np.add.at(a, index, values)`` that leaves ``a`` alone: a copy of ``a`` (its dtype) with
    ``values`` added at ``index``, repeated indices accumulating."""
    out = np.array(a, copy=True)
    np.add.at(out, index, values)
    return out


def _slots(shape: tuple, index: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The flat position in an array of ``shape`` of each element of ``a[index]`` (shaped as
    ``a[index]``), those positions in C order, and each one's rank among the earlier ones."""
    positions = np.arange(int(np.prod(shape)), dtype=np.intp).reshape(shape)[index]
    flat = np.ravel(positions)
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    starts = np.ones(ordered.size, dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(ordered.size), 0))
    rank = np.empty_like(flat)
    rank[order] = np.arange(ordered.size) - first
    return positions, flat, rank


def slotted(a: Any, index: Any, values: Any, fill: float = 1.0, ufunc: Any = np.multiply
            ) -> np.ndarray:
    """``np.multiply.at(a, index, values)`` spread along a new last axis: at each element of ``a``
    its own value, then the ``values`` sent there in their order (a repeated index sends several),
    then ``fill``; ``np.prod(slotted(a, index, values), axis=-1)`` is ``np.multiply.at``'s result,
    and its derivative ``np.prod``'s (exact with zeros).  With ``fill`` 1, ``ufunc.at``'s errors
    first (an index out of range, values that do not broadcast, a float into an integer array);
    for another ``ufunc`` (``np.divide``, folded over the last axis: passes/folded_at.py), one
    whose loop computes in another dtype than ``a``'s is refused (NumPy casts at each step)."""
    if fill == 1.0:
        with np.errstate(all="ignore"):  # (the computation that follows warns, as NumPy does)
            ufunc.at(np.array(a, copy=True) if isinstance(a, np.ndarray) else a, index, values)
        if ufunc is not np.multiply:
            _fold_dtype(ufunc, np.asarray(a), values)
    a = np.asarray(a)
    positions, flat, rank = _slots(a.shape, index)
    sent = np.broadcast_to(values, positions.shape)
    depth = 1 + (int(np.max(rank)) + 1 if rank.size else 0)
    out = np.full((a.size, depth), fill, dtype=np.result_type(a, sent))
    out[:, 0] = np.ravel(a)
    out[flat, rank + 1] = np.ravel(sent)
    return out.reshape((*a.shape, depth))


def _fold_dtype(ufunc: Any, a: np.ndarray, values: Any) -> None:
    """Refuse ``ufunc.at(a, index, values)`` where ``ufunc``'s loop computes in another dtype than
    ``a``'s (``np.divide.at`` of an integer array, float32 by float64 values): NumPy casts each
    step's result back into ``a``, which a fold in the loop's dtype does not."""
    sample = values if np.ndim(values) == 0 and not isinstance(values, np.ndarray) else \
        np.ones(1, dtype=np.asarray(values).dtype)
    with np.errstate(all="ignore"):
        computed = ufunc(np.ones(1, dtype=a.dtype), sample).dtype
    if computed != a.dtype:
        raise UnsupportedConstructError(
            f"np.{ufunc.__name__}.at into an array of {a.dtype} computing in {computed}: NumPy "
            "casts each step's result back, which the derivative does not follow",
            hint=f"make the array {computed} first (`a = a.astype(np.{computed})`)")


def slot_values(g: Any, a: Any, index: Any) -> np.ndarray:
    """The entries of ``g`` (shaped as :func:`slotted`'s result) at the slots the values fill,
    shaped as ``a[index]``: the adjoint of :func:`slotted` in its values."""
    positions, flat, rank = _slots(np.shape(a), index)
    g = np.asarray(g)
    return g.reshape(-1, g.shape[-1])[flat, rank + 1].reshape(positions.shape)


def unindex(g: Any, like: Any, index: Any, unique: bool = False) -> Any:
    """Adjoint of ``like[index]``: zeros shaped like ``like`` with ``g`` added at ``index`` (repeated
    integer indices accumulate).  Any NumPy index: ints, slices, None, Ellipsis, masks, arrays.  For a
    list or tuple ``like`` the result is in the sequence's adjoint form (see :mod:`.items`).
    ``unique=True``: the transform proved that the index selects no element twice
    (``x[np.arange(n), y]``, see ``passes/unique_index.py``), so ``g`` is assigned, not
    accumulated with ``np.add.at`` (several times slower)."""
    if like.__class__ is np.ndarray and like.dtype.kind in "fc":  # (a float array, no items:
        out = np.zeros(like.shape, like.dtype)  # a small gradient's every call came this way)
    elif is_sequence(like):
        return _unindex_items(g, like, index)
    else:
        out = np.zeros(np.shape(like), dtype=_gradient_dtype(like))
    if not unique and _has_integer_array(index):
        np.add.at(out, index, g)
    else:  # basic indexing and boolean masks select each element at most once
        out[index] = g
    return _scalar_if_0d(out)


def flat_read(a: Any, index: Any) -> Any:
    """``a.flat[index]``: elements of ``a`` in C order, read as NumPy's flat iterator reads them
    (where it allows the index, that is ``np.ravel(a)[index]``).  The tangent of ``x.flat[i]``."""
    return np.asarray(a).flat[index]


def _unindex_items(g: Any, like: Any, index: Any) -> Any:
    """:func:`unindex` of a list or tuple ``like``, in its adjoint form (see :mod:`.items`)."""
    out = zero_of(like)
    if isinstance(index, slice) and not range(len(like))[index]:
        return out  # (no item read: ``g``, empty, has no shape to conform to the items')
    if is_items(out) and isinstance(index, slice):  # ragged: each item's adjoint in its slot
        for position, item in zip(range(len(like))[index], conform(g, like[index]), strict=True):
            out[position] = item
    else:
        out[index] = conform(g, like[index])
    return out


def reads(like: Any, index: Any, where: Any = True) -> Any:
    """Where ``like[index]`` reads: a boolean array shaped like ``like``, True at the elements the
    index selects (the support of :func:`unindex`'s result); with ``where`` (a mask of
    ``like[index]``, or one that broadcasts to it), only at those read where it holds (an element
    read twice: where it holds for either read).  A list or tuple: one mask per item
    (:class:`.item_masks.ItemMasks`: its items may have any shapes)."""
    if is_sequence(like):
        return item_masks.reads(like, index, where)
    out = np.zeros(np.shape(like), dtype=bool)
    if where is True:
        out[index] = True
    else:
        np.logical_or.at(out, index, np.not_equal(where, 0))
    return out


def read_mask(like: Any, where: Any = False) -> Any:
    """A boolean array shaped like ``like`` (``where`` broadcast into it), to mark the elements a
    loop reads, one iteration after the other (``mask[i] = True``); of a list or tuple, one mask
    per item (:class:`.item_masks.ItemMasks`); a list's mask for an array standing for the list
    (the adjoint of a list of equal items): row ``k`` item ``k``'s where they match, else True
    everywhere, which is always safe.  A name with no value yet on this path (``UNBOUND``: a
    loop's adjoint makes its masks before the loop, fuzz seed 5111 program 46) has nothing
    read: False, as :func:`.item_masks.mask_of` says of such an item."""
    if like is UNBOUND or like is NO_DERIVATIVE:
        return False
    if is_sequence(like):
        return item_masks.read_mask(like, where)
    if isinstance(where, item_masks.ItemMasks):  # (fuzz seed 4808 program 461; tuple(x) of
        return item_masks.rows(where, np.shape(like))  # an array x: row k is item k's mask)
    out = np.zeros(np.shape(like), dtype=bool)
    return np.logical_or(out, where, out=out)


def written(g: Any, index: Any) -> Any:
    """``g[index]`` as the adjoint of the value ``v`` in ``x[index] = v``: a position an integer
    index repeats receives one element of ``v``, the one NumPy's assignment writes last, so the
    others get 0 (found by making the same assignment of their positions)."""
    part = g[index]
    if not _has_integer_array(index):
        return part
    return np.where(_last_written(np.shape(g), index), part, 0)


def unwritten(h: Any, like: Any, index: Any) -> Any:
    """The transpose of :func:`written` (``h`` holds one value per element of ``like[index]``):
    zeros shaped like ``like`` with, at each position, the element of ``h`` written last."""
    if not _has_integer_array(index):
        return unindex(h, like, index)
    kept = np.where(_last_written(np.shape(like), index), h, 0)
    return unindex(kept, like, index)


def _last_written(shape: tuple[int, ...], index: Any) -> np.ndarray:
    """For each element of ``x[index]`` (``x`` of ``shape``), whether ``x[index] = v`` writes it
    last to its position."""
    order = np.full(shape, -1, dtype=np.intp)
    selected = order[index]
    positions = np.arange(np.size(selected)).reshape(np.shape(selected))
    order[index] = positions
    return order[index] == positions


def _references(value: Any) -> int:
    return sys.getrefcount(value)


def _calibrate() -> int:
    """References an array held by one local variable has, seen from inside a helper it is passed
    to (the helper's parameter and the count's own argument included)."""
    only = np.zeros(1)
    return _references(only)


_SOLE = _calibrate() if hasattr(sys, "getrefcount") else -1


def _sole_owner(array: Any, references: int) -> bool:
    """Whether the generated code holds ``array`` in one variable only and nothing else (no other
    variable, no view) can see a change made in place."""
    return (references <= _SOLE and array.__class__ is np.ndarray and array.base is None
            and array.flags.writeable)


def zero_index(g: Any, index: Any) -> Any:
    """The adjoint of ``x`` before ``x[index] = v``: ``g`` with the overwritten part zeroed.  When
    nothing else refers to ``g`` it is zeroed in place (O(size of the part)); otherwise a copy.
    (Where the transform proves the derivative owns ``g`` it writes ``g[index] = 0.0`` itself, see
    ``tangentish/passes/owned.py``; this reference-count test serves where no proof exists.)"""
    references = sys.getrefcount(g)  # first, before any other reference to g is made
    if _sole_owner(g, references) and g.dtype.kind in "fc":  # (inexact; issubdtype costs µs)
        g[index] = 0
        return g
    out = np.array(g, dtype=np.result_type(g, 1.0), copy=True)
    out[index] = 0
    return out


def add_at(acc: Any, g: Any, like: Any, index: Any, unique: bool = False) -> Any:
    """``acc + unindex(g, like, index, unique)``, adding into ``acc`` in place when nothing else
    refers to it (so a loop reading ``x[i]`` accumulates its adjoint in O(1) per step, not
    O(len(x))).  (Where the transform proves the derivative owns ``acc`` it writes ``acc[index] +=
    g`` itself, see ``tangentish/passes/owned.py``; this reference-count test serves where no proof
    exists.)  ``unique=True`` as for :func:`unindex`: the in-place twin takes what it takes."""
    references = sys.getrefcount(acc)  # first, before any other reference to acc is made
    if is_sequence(like):
        if index.__class__ is int and _sole_owner(acc, references) and acc.ndim == 1 and \
                acc.dtype == np.float64 and acc.shape[0] == len(like) and np.ndim(g) == 0:
            acc[index] += g  # (a list of numbers, its adjoint one float array: O(1) per step)
            return acc
        return conform(acc, like) + unindex(g, like, index)
    if (_sole_owner(acc, references) and acc.shape == _shape(like)
            and np.can_cast(np.result_type(g), acc.dtype, casting="same_kind")):
        if not unique and _has_integer_array(index):
            np.add.at(acc, index, g)
        else:
            acc[index] += g
        return acc
    return acc + unindex(g, like, index, unique)


def set_index(a: Any, index: Any, value: Any) -> Any:
    """``a`` with ``a[index] = value``, as a new array (the tangent of an element assignment); a
    new list for a list (the tangent of ``xs[i] = v``)."""
    if isinstance(a, list):
        out = list(a)
        out[index] = value
        return out
    kind = np.asarray(value) if isinstance(value, (list, tuple)) else value  # (a list: its items')
    out = np.array(a, dtype=np.result_type(a, kind, 1.0), copy=True)
    out[index] = value
    return out


# Where NumPy's in-place writers write, as an index of their array (``passes/in_place_calls.py``
# lowers ``np.put(y, ind, v)`` to ``y[index] = np.resize(v, count)``): the write is then an element
# assignment, whose derivatives the transform knows.  Each raises what NumPy would.

def put_index(a: Any, ind: Any, v: Any, mode: str = "raise") -> tuple:
    """Where ``np.put(a, ind, v, mode)`` writes, in ``ind``'s flat order (a repeated position is
    written by its last occurrence, as by ``np.put``); nothing when ``v`` is empty."""
    size = int(np.size(a))
    flat = np.ravel(np.asarray(ind)).astype(np.intp)
    if np.size(v) == 0 or not size and not flat.size:
        flat = flat[:0]
    elif mode == "raise":
        outside = (flat < -size) | (flat >= size)
        if outside.any():
            raise IndexError(f"index {flat[outside][0]} is out of bounds for axis 0 with size "
                             f"{size}")
        flat = flat % size
    elif mode in ("wrap", "clip"):
        flat = flat % size if mode == "wrap" else np.clip(flat, 0, size - 1)
    else:
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    if np.ndim(a) == 0:
        raise ValueError("np.put into a 0-d array: write `y[...] = v` instead")
    return np.unravel_index(flat, np.shape(a))


def mask_index(a: Any, mask: Any, v: Any, function: str = "place") -> np.ndarray:
    """Where ``np.place(a, mask, v)`` (``function="place"``) or ``np.putmask`` writes: ``mask``
    as booleans in ``a``'s shape; nothing for ``putmask`` with an empty ``v``."""
    chosen = np.asarray(mask).astype(bool)
    if chosen.size != np.size(a):
        raise ValueError(f"{function}: mask and data must be the same size")
    chosen = chosen.reshape(np.shape(a))
    if np.size(v) == 0 and chosen.any():
        if function == "place":
            raise ValueError("Cannot insert from an empty array!")
        chosen = np.zeros_like(chosen)
    return chosen


def diagonal_index(a: Any, val: Any, wrap: bool = False) -> np.ndarray:
    """Where ``np.fill_diagonal(a, val, wrap)`` writes, as a mask in ``a``'s shape (a tall matrix:
    the first square's diagonal, or every such diagonal with ``wrap``); nothing for an empty
    ``val``."""
    shape = np.shape(a)
    if len(shape) < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if len(shape) == 2:
        step = shape[1] + 1
        end = None if wrap else shape[1] * shape[1]
    elif len(set(shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    else:
        step = 1 + int(np.cumprod(shape[:-1]).sum())
    chosen = np.zeros(int(np.prod(shape)), dtype=bool)
    chosen[:end:step] = np.size(val) > 0
    return chosen.reshape(shape)


def written_count(index: Any) -> int:
    """How many values the index of :func:`put_index`, :func:`mask_index` or
    :func:`diagonal_index` takes."""
    if isinstance(index, tuple):
        return int(np.size(index[0])) if index else 1
    return int(np.count_nonzero(index))


def along_axis_index(a: Any, indices: Any, axis: Any) -> tuple:
    """Where ``np.put_along_axis(a, indices, values, axis)`` writes: the index NumPy builds, the
    positions of ``indices`` along ``axis`` and every position along the other axes (``a[index] =
    values`` is that call, ``values`` broadcast to ``indices``' shape; ``axis=None``: the 1-d
    ``indices`` are positions in ``a`` flattened, written through ``a.flat``, as NumPy does)."""
    shape, chosen = np.shape(a), np.asarray(indices)
    if not np.issubdtype(chosen.dtype, np.integer):
        raise IndexError("`indices` must be an integer array")
    if axis is None:
        size = int(np.prod(shape))
        if chosen.ndim != 1:
            raise ValueError("`indices` and `arr` must have the same number of dimensions")
        outside = chosen[(chosen >= size) | (chosen < -size)]
        if outside.size:
            raise IndexError(f"index {outside[0]} is out of bounds for size {size}")
        return np.unravel_index(chosen % max(size, 1), shape)
    if chosen.ndim != len(shape):
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    axis = int(axis)
    if not -len(shape) <= axis < len(shape):
        raise np.exceptions.AxisError(axis, len(shape)) if hasattr(np, "exceptions") else \
            ValueError(f"axis {axis} is out of bounds for array of dimension {len(shape)}")
    axis %= len(shape)
    return tuple(chosen if dim == axis else
                 np.arange(n).reshape([n if k == dim else 1 for k in range(len(shape))])
                 for dim, n in enumerate(shape))

