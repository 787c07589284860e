"""Whether arrays share memory: the tests behind ``check_unshared`` (:mod:`.machinery`)."""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any

import numpy as np


def _basic(part: Any) -> bool:
    return part is None or part is Ellipsis or isinstance(part, (int, np.integer, slice))


def written_part(array: np.ndarray, index: Any) -> np.ndarray:
    """The part of ``array`` that ``array[index] = ...`` overwrites, as a view (the whole array
    for an index that may select by integer arrays or masks, which would copy)."""
    parts = index if isinstance(index, tuple) else (index,)
    if not all(_basic(p) for p in parts):
        return array
    kept = tuple(slice(p, p + 1 if p != -1 else None) if isinstance(p, (int, np.integer))
                 else p for p in parts)
    try:
        return array[kept]
    except (IndexError, TypeError):
        return array


_TOO_HARD = getattr(getattr(np, "exceptions", np), "TooHardError", ValueError)


def overlap(a: np.ndarray, b: np.ndarray) -> bool:
    try:
        return bool(np.shares_memory(a, b, max_work=100_000))
    except _TOO_HARD:  # an overlap too costly to decide: assume the worst
        return True


def item_shared(changed: Any, items: Any, skip: Any) -> bool:
    """Whether the array ``changed``, item ``skip`` of the list ``items``, shares memory with
    another of its items; for no ``skip`` (``changed`` is ``items``, a list the caller passed),
    whether two of its array items share memory."""
    if skip is not None:
        position = range(len(items))[skip]
        others = [item for k, item in enumerate(items) if k != position]
        return isinstance(changed, np.ndarray) and shares(changed, others)
    arrays = [item for item in changed if isinstance(item, np.ndarray) and item.size] \
        if isinstance(changed, list) else []
    spans = sorted((_extent(a), k) for k, a in enumerate(arrays))
    reaching: list[tuple[int, int]] = []  # (end, k): the arrays met so far, where they end
    for (start, end), k in spans:  # (by where they start: only extents that meet are compared)
        reaching = [(stop, j) for stop, j in reaching if stop > start]
        if any(overlap(arrays[j], arrays[k]) for _, j in reaching):
            return True
        reaching.append((end, k))
    return False


def _extent(a: np.ndarray) -> tuple[int, int]:
    """The first and one past the last byte address of the non-empty array ``a``."""
    start = end = a.__array_interface__["data"][0]
    for n, stride in zip(a.shape, a.strides, strict=True):
        start, end = (start + (n - 1) * stride, end) if stride < 0 else (start, end + (n - 1) * stride)
    return start, end + a.itemsize


def shares(written: np.ndarray, other: Any) -> bool:
    """Whether ``other`` (an array, or anything :func:`arrays_in` looks into) overlaps
    ``written``."""
    arrays = (other,) if isinstance(other, np.ndarray) else arrays_in(other)
    return any(np.may_share_memory(written, a) and overlap(written, a) for a in arrays)


OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, str, bytes)


def arrays_in(value: Any) -> Iterator[np.ndarray]:
    """The arrays ``value`` holds: itself, the items of lists and tuples, a dict's values and an
    object's attributes (its ``__dict__``), nested, each container visited once."""
    pending, seen = [value], set()
    while pending:
        item = pending.pop()
        if isinstance(item, np.ndarray):
            yield item
        elif id(item) in seen or isinstance(item, OPAQUE):
            continue
        elif isinstance(item, (list, tuple)):
            seen.add(id(item))
            pending.extend(item)
        elif isinstance(item, dict) or isinstance(getattr(item, "__dict__", None), dict):
            seen.add(id(item))
            pending.extend((item if isinstance(item, dict) else vars(item)).values())
