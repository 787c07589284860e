"""Lists, tuples and the functions that build arrays from them."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError, UnsupportedValueError
from ._common import NO_DERIVATIVE, _gradient_dtype
from .broadcast import unbroadcast
from .items import conform, is_items, is_sequence, settle, zero_of


def own(value: Any) -> Any:
    """A copy of a saved array or list that a pullback may change without touching the original."""
    return list(value) if isinstance(value, list) else np.copy(value)


def appended(items: Any, item: Any) -> list:
    """``items`` with ``item`` appended, in place (the tangent of ``xs.append(v)`` mirrors the
    primal's own in-place append, so a tangent list and its ``pop`` stay in step)."""
    items.append(item)
    return items


def drop_last(items: list, last: Any) -> None:
    """``items.pop()`` as a statement, ``last`` being the item it removes.  Generated code writes
    ``items.pop()`` itself; this function is the key its derivative rules are registered under."""
    items.pop()


def unpopped(g: Any, item: Any) -> Any:
    """Adjoint of ``items.pop()``: the adjoint of the shorter list ``g`` with a zero for the item
    put back at the end (the popped value's own adjoint flows through ``items[-1]``), in the
    longer list's form (see :mod:`.items`)."""
    return settle([*g, zero_of(item)])


def joined(items: Any, more: Any) -> Any:
    """``items + more`` of two lists or two tuples (a key for the join's derivative rules, which
    split the result's adjoint where ``items`` ends)."""
    return items + more


def repeated(items: Any, times: Any) -> Any:
    """``items * times`` of a list or tuple and an int (a key for the repetition's derivative
    rules: the copies are the same items, so each item's adjoint adds up its copies'); of an
    array (a derivative of a list in either form of :mod:`.items`), its copies along the first
    axis, as the list's would be.  An array ``times`` (known only when the derivative runs:
    ``w * [a, b]`` of an array ``w``) made ``*`` NumPy's elementwise product: that product."""
    if isinstance(times, np.ndarray):
        return np.asarray(items) * _factor(times)
    times = _count(times)
    if isinstance(items, np.ndarray):
        return np.concatenate([items] * times) if times > 0 else items[:0]
    return items * times


def unrepeated(g: Any, items: Any, times: Any) -> Any:
    """Adjoint of ``items * times``: item ``j``'s adjoint is the sum of those of items ``j``,
    ``j + n``, ``j + 2n``... of the result (``n = len(items)``), in the form of ``items``; for an
    array ``times``, the elementwise product's adjoint (:func:`repeated`)."""
    if isinstance(times, np.ndarray):
        return conform(unbroadcast(np.asarray(g) * _factor(times), np.asarray(items)), items)
    count, times = len(items), _count(times)
    if times <= 0 or count == 0:
        return zero_of(items)
    parts = []
    for j in range(count):
        total = g[j]
        for copy in range(1, times):
            total = total + g[copy * count + j]
        parts.append(total)
    return conform(settle(parts), items)


def _count(times: Any) -> int:
    """``times`` of a repetition ``items * times``: an int (NumPy's too)."""
    if isinstance(times, (int, np.integer)):
        return int(times)
    raise UnsupportedValueError(  # (a float raises in Python before the derivative sees it)
        f"`*` of a list or tuple and a {type(times).__name__}: neither a repetition nor NumPy's "
        "elementwise product", hint="multiply by an int to repeat the list, or write it as an "
        "array first (`v * np.array([a, b])`) to multiply elementwise")


def _factor(times: np.ndarray) -> np.ndarray:
    """An array factor of NumPy's elementwise ``*`` with a list; a 0-d integer one is refused
    (``[a, b] * np.array(2)`` repeats the list, ``np.array(2) * [a, b]`` multiplies it: which
    one the derivative met is not known here)."""
    if times.ndim == 0 and np.issubdtype(times.dtype, np.integer):
        raise UnsupportedValueError(
            "`*` of a list or tuple and a 0-d integer array: Python repeats the list when it "
            "comes first and NumPy multiplies elementwise when the array does",
            hint="write `int(k)` to repeat the list, or `np.array([a, b])` to multiply")
    return times


def extended(items: Any, more: Any) -> list:
    """``items + list(more)`` as a new list (the tangent of ``xs.extend(more)``)."""
    return [*items, *more]


def settled(value: Any) -> Any:
    """A rule's contribution to an adjoint in the adjoint form of a sequence when it is a list or
    tuple (its items settled in turn: :func:`settle`), so that a second contribution adds to it
    item by item instead of joining two lists; anything else as it is."""
    if isinstance(value, (list, tuple)):
        return settle([settled(item) for item in value])
    return value


def spread(g: Any, items: Any) -> Any:
    """Adjoint of the builtin ``sum(items)``: every item receives ``g`` (summed over the axes it was
    broadcast along)."""
    return settle([unbroadcast(g, item) for item in items])


def unlisted(g: Any, source: Any) -> Any:
    """Adjoint of ``list(source)`` and ``tuple(source)``: for an array, the items' adjoints
    stacked back into its shape; for a list or tuple, ``g`` itself (the same items, the same
    form).  Any other iterable (a generator, a dict, ``zip``...) is refused: what it held is gone."""
    if isinstance(source, np.ndarray) and source.ndim:
        dtype = _gradient_dtype(source)
        if is_items(g):  # (an unused row's adjoint may be 0.0: each broadcast to a row's shape)
            g = [np.zeros(source.shape[1:], dtype) if a is NO_DERIVATIVE else
                 np.broadcast_to(np.asarray(a, dtype=dtype), source.shape[1:]) for a in g]
        return np.broadcast_to(np.asarray(g, dtype=dtype), source.shape).copy()
    if is_sequence(source):
        return g
    raise UnsupportedConstructError(
        f"list()/tuple() of a {type(source).__name__} is not differentiated",
        hint="call it on an array, a list or a tuple (e.g. list(x) of an array x), or build "
        "the list with a comprehension")


def tolisted(t: Any, source: Any) -> Any:
    """Tangent of ``source.tolist()``: ``t``'s elements (in ``source``'s shape), nested alike."""
    dtype = np.result_type(_gradient_dtype(source), np.asarray(t).dtype)
    return np.broadcast_to(np.asarray(t, dtype=dtype), np.shape(source)).tolist()


def untolisted(g: Any, source: Any) -> Any:
    """Adjoint of ``source.tolist()``: ``g``, the nested lists' adjoint (stacked, or one per item,
    an unused item's ``NO_DERIVATIVE`` or 0.0), back in ``source``'s shape."""
    source, dtype = np.asarray(source), _gradient_dtype(source)
    if source.ndim and is_items(g):
        g = [np.zeros(source.shape[1:], dtype) if a is NO_DERIVATIVE else untolisted(a, row)
             for a, row in zip(g, source, strict=True)]
    return np.broadcast_to(np.asarray(g, dtype=dtype), source.shape).copy()[()]


_KINDS = "biufc"  # (NumPy 1's kinds in order of promotion; others fall back to promotion)
_WEAK_SCALARS = np.lib.NumpyVersion(np.__version__) >= "2.0.0"


def join_dtype(*items: Any) -> np.dtype:
    """The dtype ``np.r_[items]``/``np.c_[items]`` give their join: a number (a Python or NumPy
    scalar) counts weakly, an array (or list, or range) strongly, so ``np.r_[x32, 1.0]`` is
    float32.  NumPy 2 reads a NumPy scalar as strong and a Python number as weak
    (``np.result_type``); NumPy 1 reads both as weak unless their kind is higher (complex
    against float) and then promotes the two."""
    numbers = [item for item in items if type(item) in np.ScalarType]
    arrays = [np.asarray(item).dtype for item in items if type(item) not in np.ScalarType]
    if _WEAK_SCALARS:
        return np.result_type(*arrays, *numbers)
    weak = np.result_type(*[np.asarray(n).dtype for n in numbers]) if numbers else None
    strong = np.result_type(*arrays) if arrays else weak
    if weak is None or weak.kind not in _KINDS or strong.kind not in _KINDS \
            or _KINDS.index(weak.kind) <= _KINDS.index(strong.kind):
        return strong
    return np.promote_types(weak, strong)
