"""The adjoint of a list or tuple, in one form.

A list (or tuple) whose items stack into one array (``np.shape`` of it works) has a *stacked*
adjoint: a float array whose first axis runs over the items, as ``np.zeros_like(items)`` gives.  A
ragged one (items of different shapes, or items that are themselves ragged, or an item with no
value on this path, whose adjoint is ``NO_DERIVATIVE``) has an *items* adjoint:
a 1-d object array holding each item's own adjoint, in that item's form.  Object arrays add item by
item, and a stacked array never meets an items one in ``+``: every helper that combines adjoints of
a sequence brings them to the sequence's form first (:func:`conform`).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from ._common import NO_DERIVATIVE, UNBOUND, _gradient_dtype


def is_sequence(value: Any) -> bool:
    """A list, a tuple, or an object array of items (an adjoint in items form stands for one)."""
    return isinstance(value, (tuple, list)) or is_items(value)


def is_items(g: Any) -> bool:
    """Whether ``g`` is an adjoint in items form (a 1-d object array)."""
    return isinstance(g, np.ndarray) and g.dtype == object and g.ndim == 1


def stack_shape(value: Any) -> tuple[int, ...] | None:
    """The shape ``np.array(value)`` would have, or ``None`` when ``value`` is ragged (found from
    the items' shapes, without copying their data as ``np.shape(value)`` would)."""
    if is_items(value):
        return None
    if isinstance(value, (tuple, list)):
        shapes = {stack_shape(item) for item in value}
        if None in shapes or len(shapes) > 1:
            return None
        return (len(value), *(shapes.pop() if shapes else ()))
    return None if value is UNBOUND else np.shape(value)  # (no value: an item of its own)


def ragged(items: Any) -> bool:
    """Whether ``items`` does not stack into one array."""
    return stack_shape(items) is None


def _leaves(value: Any) -> list:
    if isinstance(value, (tuple, list)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def common_dtype(values: list) -> np.dtype:
    """``np.result_type(*values)`` for any number of values (NumPy 1.x takes at most 32), Python
    numbers promoting weakly as they do there (a float beside float32 arrays stays float32)."""
    dtypes = [v.dtype for v in values if hasattr(v, "dtype")]
    numbers = {type(v)() for v in values  # one zero per type of Python number
               if not hasattr(v, "dtype") and isinstance(v, (int, float, complex))}
    arrays = functools.reduce(np.promote_types, dtypes) if dtypes else None
    if arrays is None:
        return np.result_type(*sorted(numbers, key=lambda n: type(n).__name__)) if numbers \
            else np.dtype(np.float64)
    return np.result_type(np.empty(0, arrays), *sorted(numbers, key=lambda n: type(n).__name__))


def _stacked_dtype(value: Any) -> np.dtype:
    """The dtype of a stacked adjoint of ``value``: its items' common float dtype (float64 for
    Python numbers and integers)."""
    dtype = common_dtype(_leaves(value))
    return dtype if dtype.kind in "fc" else np.dtype(np.float64)


def _holder(n: int) -> np.ndarray:
    return np.empty(n, dtype=object)


def zero_of(value: Any) -> Any:
    """The zero adjoint of ``value`` in its form (``0.0`` for Python numbers; no derivative for
    no value: an item holding ``UNBOUND`` has the adjoint ``NO_DERIVATIVE``)."""
    if value is UNBOUND:
        return NO_DERIVATIVE
    if isinstance(value, np.ndarray) and value.dtype != object:
        return np.zeros(value.shape, dtype=_gradient_dtype(value))
    if isinstance(value, np.float64):  # (a float too, but one that promotes float32: not 0.0)
        return np.float64(0.0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0.0
    if isinstance(value, (tuple, list)) or is_items(value):
        shape = stack_shape(value)
        if shape is not None:
            return np.zeros(shape, dtype=_stacked_dtype(value))
        out = _holder(len(value))
        for i, item in enumerate(value):
            out[i] = zero_of(item)
        return out
    return np.zeros(np.shape(value), dtype=_gradient_dtype(value))


def conform(g: Any, like: Any) -> Any:
    """``g``, an adjoint of the sequence ``like`` in either form, in ``like``'s own form."""
    if not is_sequence(like) or not isinstance(g, np.ndarray) or g.ndim == 0:
        return g
    if ragged(like):
        if is_items(g) and all(conform(a, b) is a for a, b in zip(g, like, strict=True)):
            return g
        out = _holder(len(like))
        for i, item in enumerate(like):
            out[i] = conform(g[i], item)
        return out
    if not is_items(g):
        return g
    parts = [conform(a, item) for a, item in zip(g, like, strict=True)]
    dtype = np.promote_types(_stacked_dtype(like), common_dtype(parts))
    return np.array(parts, dtype=dtype).reshape(stack_shape(like))


def settle(adjoints: list) -> Any:
    """One adjoint per item, in the form of the sequence they belong to: stacked when every item's
    adjoint is a plain array (or number) of one shape and all are real or all complex (a real
    item's adjoint stays real beside a complex one's), else items."""
    plain = all(not is_items(a) and a is not NO_DERIVATIVE for a in adjoints)
    if plain and len({np.shape(a) for a in adjoints}) <= 1 \
            and len({np.iscomplexobj(a) for a in adjoints}) <= 1:
        return np.array(adjoints, dtype=common_dtype([*adjoints, 1.0])) if adjoints \
            else np.zeros(0)
    out = _holder(len(adjoints))
    for i, a in enumerate(adjoints):
        out[i] = a
    return out
