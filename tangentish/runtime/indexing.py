"""Indexing: the adjoints of reading and writing ``x[i]``."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ._common import _gradient_dtype, _scalar_if_0d, _shape, _zero_items


def _has_integer_array(index: Any) -> bool:
    """Whether ``index`` holds an integer array or list (which may select an element twice)."""
    parts = index if isinstance(index, tuple) else (index,)
    return any(isinstance(part, (list, np.ndarray)) and np.asarray(part).dtype != np.bool_
               for part in parts)


def _item_of_sequence(g: Any, items: Any, index: int) -> np.ndarray:
    """The adjoint of ``items[index]`` for a tuple or list of possibly different shapes: an object
    array of zeros shaped like the items, with ``g`` at ``index``."""
    out = _zero_items(items)
    out[index] = g
    return out


def _is_items(g: Any) -> bool:
    return isinstance(g, np.ndarray) and g.dtype == object and g.ndim == 1


def unindex(g: Any, like: Any, index: Any) -> Any:
    """Adjoint of ``like[index]``: zeros shaped like ``like`` with ``g`` added at ``index`` (repeated
    integer indices accumulate).  Any NumPy index: ints, slices, None, Ellipsis, masks, arrays."""
    sequence = isinstance(like, (tuple, list)) or (isinstance(like, np.ndarray) and
                                                   like.dtype == object and like.ndim == 1)
    if sequence and isinstance(index, (int, np.integer)):  # object arrays: tuple adjoints
        return _item_of_sequence(g, like, index)
    if sequence and isinstance(index, slice) and _is_items(g):  # a run of items' adjoints
        out = _zero_items(like)
        for position, item in zip(range(len(like))[index], g, strict=True):
            out[position] = item
        return out
    out = np.zeros(np.shape(like), dtype=_gradient_dtype(like))
    if _has_integer_array(index):
        np.add.at(out, index, g)
    else:  # basic indexing and boolean masks select each element at most once
        out[index] = g
    return _scalar_if_0d(out)


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
    nothing else refers to ``g`` it is zeroed in place (O(size of the part)); otherwise a copy."""
    references = sys.getrefcount(g)  # first, before any other reference to g is made
    if _sole_owner(g, references) and np.issubdtype(g.dtype, np.inexact):
        g[index] = 0
        return g
    out = np.array(g, dtype=np.result_type(g, 1.0), copy=True)
    out[index] = 0
    return out


# Helpers whose contribution, when added to an existing adjoint, has an in-place twin: the reverse
# pass writes ``x_bar = _rt.add_at(x_bar, g, x, i)`` instead of ``x_bar = x_bar + _rt.unindex(...)``.
ACCUMULATE_IN_PLACE = {"unindex": "add_at"}


def add_at(acc: Any, g: Any, like: Any, index: Any) -> Any:
    """``acc + unindex(g, like, index)``, adding into ``acc`` in place when nothing else refers to it
    (so a loop reading ``x[i]`` accumulates its adjoint in O(1) per step, not O(len(x)))."""
    references = sys.getrefcount(acc)  # first, before any other reference to acc is made
    if isinstance(like, (tuple, list)):
        return acc + unindex(g, like, index)
    if (_sole_owner(acc, references) and acc.shape == _shape(like)
            and np.can_cast(np.result_type(g), acc.dtype, casting="same_kind")):
        if _has_integer_array(index):
            np.add.at(acc, index, g)
        else:
            acc[index] += g
        return acc
    return acc + unindex(g, like, index)


def set_index(a: Any, index: Any, value: Any) -> Any:
    """``a`` with ``a[index] = value``, as a new array (the tangent of an element assignment)."""
    out = np.array(a, dtype=np.result_type(a, value, 1.0), copy=True)
    out[index] = value
    return out
