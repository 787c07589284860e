"""Broadcasting and reductions: a gradient back to an operand's shape."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._common import (
    FLOAT_SCALARS,
    _axes,
    _cotangent,
    _gradient_dtype,
    _restore,
    _scalar_if_0d,
    _shape,
)
from .item_masks import ItemMasks, mask_of
from .items import settle, zero_of


class Like:
    """What the adjoint needs of an array it reads only for its shape and dtype (the second
    argument of :func:`unbroadcast` and :func:`unreduce`, the first of :func:`reduced_size`):
    the tape keeps this instead of the array."""

    __slots__ = ("shape", "dtype")

    def __init__(self, shape: tuple[int, ...], dtype: np.dtype):
        self.shape, self.dtype = shape, dtype

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:  # (``np.size`` reads it: generated code's count of a mean)
        return math.prod(self.shape)

    def __repr__(self) -> str:
        return f"_rt.Like({self.shape}, {self.dtype})"


def like(value: Any) -> Any:
    """``value``'s shape and dtype as a :class:`Like` when it is an array; a 0-d array, or an
    array of a subclass, as a copy (it may be a view of an array changed in place later, whose
    values it must not follow); a list or tuple as a new one of the same form, its arrays copied
    (an item may be a view, a list may grow): nothing returned shares memory with ``value``, or
    with anything changed later (numbers and other immutable values are kept as they are)."""
    if value.__class__ is np.ndarray and value.ndim:
        return Like(value.shape, value.dtype)
    if isinstance(value, (np.ndarray, list, tuple)):
        return _layout_copy(value)
    return value


def _layout_copy(value: Any) -> Any:
    """``value`` with its arrays copied and its lists and tuples made again, recursively."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):  # (of a subclass too: a plain list of the same items)
        return [_layout_copy(item) for item in value]
    if isinstance(value, tuple):
        items = [_layout_copy(item) for item in value]
        return value._make(items) if hasattr(value, "_make") else tuple(items)  # (named: kept)
    return value


def unbroadcast(grad: Any, like: Any) -> Any:
    """Sum ``grad`` over the axes that broadcasting added or stretched, to match ``like``'s shape.
    A support's mask of a list or tuple (:class:`.item_masks.ItemMasks`, handed on through the
    adjoint of an item of a tape) is that mask in ``like``'s form (:func:`.item_masks.mask_of`:
    whether it holds anywhere, where ``like`` is no list or tuple of as many items)."""
    if grad.__class__ is ItemMasks:  # (its items may have any shapes: fuzz seed 5004 program 164)
        return mask_of(like, grad)
    grad, shape = _widened(grad, like), _shape(like)
    if _shape(grad) == shape or 0 in shape and np.size(grad) == 0:  # (empty both: nothing to
        return grad if _shape(grad) == shape else np.zeros(shape, _gradient_dtype(like))  # add
    grad = np.asarray(grad)  # to, whatever grad's shape: fuzz seed 5793 program 45)
    if grad.ndim > len(shape):
        grad = grad.sum(axis=tuple(range(grad.ndim - len(shape))))
    elif grad.ndim < len(shape):
        grad = grad.reshape((1,) * (len(shape) - grad.ndim) + grad.shape)
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    grad = grad.sum(axis=stretched, keepdims=True) if stretched else grad
    if grad.shape != shape:  # grad was uniform along an axis of `like`: spread it (a fresh array)
        grad = np.array(np.broadcast_to(grad, shape))
    return _scalar_if_0d(grad)


def _widened(grad: Any, like: Any) -> Any:
    """``grad`` at least as precise as the float array or NumPy scalar ``like`` (an adjoint has
    its value's precision): a value written into a narrower array (``z32[1:2] *= w64[1:2]``, the
    product float64; ``z32[3] = t64``, a float64 scalar) has its adjoint read from the array's,
    float32, which its operands' adjoints then inherited (grammar seeds 8877 program 3 and 10203
    program 8, checked mode)."""
    wide, narrow = getattr(like, "dtype", None), getattr(grad, "dtype", None)
    if wide is None or narrow is None or wide == narrow or \
            not isinstance(like, (np.ndarray, np.floating)) or \
            wide.kind != "f" or narrow.kind != "f" or wide.itemsize <= narrow.itemsize:
        return grad
    return grad.astype(wide)


_DOUBLES = frozenset({float, np.float64})


def widen_to(grad: Any, value: Any) -> Any:
    """``grad``, the adjoint of a Python number made from ``value`` (``float(a)``, ``math.sin(a)``),
    at least as precise as ``value``'s floating dtype: a Python number is weak in NumPy 2's
    promotion, so beside a float32 its adjoint came in float32, and ``value``'s adjoint, taken
    from it, was rounded to float32 under a float64 value (``passes/weak_results.py``).  A
    double ``grad`` is returned at once (the function rounded a longer ``value`` to a double)."""
    if grad.__class__ in _DOUBLES:  # (the common case, scalar code: a NumPy call saved)
        return grad
    wide, narrow = getattr(value, "dtype", None), getattr(grad, "dtype", None)
    if wide is None or narrow is None or wide.kind != "f" or narrow.kind != "f" or \
            wide.itemsize <= narrow.itemsize:
        return grad
    return grad.astype(wide) if isinstance(grad, np.ndarray) else wide.type(grad)


def unreduce(grad: Any, like: Any, axis: Any = None, keepdims: bool = False,
             view: bool = False) -> Any:
    """Spread the gradient of a reduction (sum over ``axis``) back over ``like``'s shape.
    ``view=True`` (a full reduction, ``np.sum(x)``): the same values as a read-only view
    (``np.broadcast_to``: no allocation), which generated code asks for only where the optimizer
    has proven that nothing but arithmetic reads the result (``view * y``: a new array), so the
    view is never written into nor returned (see :mod:`tangentish.passes.views`); below
    :data:`VIEW_FROM` elements it is a new array all the same (as quick, and no view to check)."""
    if like.__class__ in FLOAT_SCALARS and grad.__class__ in FLOAT_SCALARS and axis is None:
        return np.float64(grad)  # (a Python or float64 scalar, where each call counts)
    shape = _shape(like)
    if axis is None and not keepdims:  # a full reduction: every element gets the same gradient
        dtype = np.result_type(grad, _gradient_dtype(like))
        if view and math.prod(shape) >= VIEW_FROM and (len(shape) > 1 or shape[0] >= VIEW_FROM) \
                and not np.ndim(grad):  # (large; and the cotangent of a full reduction)
            return np.broadcast_to(np.asarray(grad, dtype=dtype), shape)
        return np.full(shape, grad, dtype=dtype) if shape else dtype.type(grad)
    grad = _restore(_cotangent(grad, _gradient_dtype(like)), shape, axis, keepdims)
    return np.array(np.broadcast_to(grad, shape)) if shape else grad[()]


VIEW_FROM = 4096  # elements: below, unreduce(..., view=True) makes a new array (as fast, no view)


def reduced_size(like: Any, axis: Any = None) -> int:
    """How many elements a reduction over ``axis`` combines into each output (for ``mean``)."""
    shape = _shape(like)
    if axis is None:
        return math.prod(shape)
    return math.prod(shape[a] for a in _axes(axis, len(shape)))


def zeros_like(value: Any, listed: bool = False) -> Any:
    """A zero gradient for ``value``: ``0.0`` for Python numbers, a float array otherwise (for a
    list or tuple, in its adjoint form: see :mod:`.items`; with ``listed``, a list (a tuple) of
    its items' zeros, the form of a tangent, into which an item of any shape may be written or
    appended); ``NO_DERIVATIVE``
    for a variable that has no value yet on this path (``UNBOUND``); a dict (one the caller
    passed, which the function writes into) one zero per entry, so that the write itself is
    refused, at its line, where it varies (:func:`.checks.float_target`)."""
    if isinstance(value, dict):
        return {key: zero_of(item) for key, item in value.items()}
    if listed and isinstance(value, (list, tuple)):
        zeros = [zeros_like(item, True) for item in value]
        return zeros if isinstance(value, list) else tuple(zeros)
    if listed and value.__class__ in (float, int):  # (a tangent of a Python number is a float64,
        return np.float64(0.0)  # as the API makes one given: its arithmetic NumPy's, check_tangent)
    return zero_of(value)  # (no value on this path: no derivative, see items.zero_of)


def fit(value: Any, like: Any) -> Any:
    """``value`` brought to ``like``'s shape, summed over broadcast axes or broadcast up (a fresh
    array either way when shapes differ), and to its floating dtype (``np.interp`` and
    ``np.pad`` of a constant give float64 whatever their operands)."""
    shape = _shape(like)
    dtype = getattr(value, "dtype", None)
    if dtype is not None and dtype.kind == "f":
        wanted = _gradient_dtype(like)
        if wanted != dtype and wanted.kind == "f":
            value = value.astype(wanted)
    if _shape(value) == shape:
        return value
    try:
        return np.array(np.broadcast_to(value, shape))
    except ValueError:
        return unbroadcast(value, like)


def average_weights(a: Any, weights: Any, axis: Any = None) -> Any:
    """The weights of ``np.average(a, axis, weights)`` broadcast over ``a`` and divided by their
    sum over ``axis`` (a 1-D ``weights`` runs along the single ``axis``, as NumPy reads it;
    ``None``, passed as such, weighs all equally)."""
    shape = _shape(a)
    if weights is None:  # passed as None: equal weights
        weights = 1.0
    w = np.asarray(weights, dtype=_gradient_dtype(a))
    if w.shape != shape and axis is not None and w.ndim == 1:
        w = w.reshape([n if i == _axes(axis, len(shape))[0] else 1 for i, n in enumerate(shape)])
    w = np.broadcast_to(w, shape)
    return w / np.sum(w, axis=axis, keepdims=True)


def weights_along(weights: Any, a: Any, axis: Any = None) -> Any:
    """``np.average``'s ``weights`` as they multiply ``a``: a 1-D ``weights`` of an n-d ``a`` shaped
    to run along the single ``axis`` (as NumPy reads it), else as given (a view, not scaled)."""
    w, shape = np.asarray(weights), _shape(a)
    if w.shape != shape and axis is not None and w.ndim == 1 and len(shape) > 1:
        return w.reshape([n if i == _axes(axis, len(shape))[0] else 1 for i, n in enumerate(shape)])
    return w


def average_part(g: Any, r: Any, returned: Any = False) -> Any:
    """The cotangent of the average in that of ``r = np.average(..., returned=returned)``: item 0
    when ``returned`` is true (``r`` is ``(average, sum of weights)``), else ``g`` itself."""
    if not returned:
        return g
    item = np.asarray(g[0])
    if item.dtype == object:  # nothing flowed into it
        item = np.asarray(0.0)
    return np.array(np.broadcast_to(item.astype(np.result_type(_gradient_dtype(r[0]), item),
                                                copy=False), _shape(r[0])))[()]


def average_result(t: Any, r: Any, returned: Any = False) -> Any:
    """The (co)tangent ``t`` of the average as one of ``r = np.average(..., returned=returned)``:
    ``t`` itself, or, when ``returned`` is true, paired with a zero for the sum of the weights (which
    does not depend on ``a``), in the form of a tuple's adjoint (see :mod:`.items`)."""
    if not returned:
        return t
    return settle([t, np.zeros(_shape(r[1]), dtype=_gradient_dtype(r[1]))])


def outer_left(a: Any, b: Any) -> Any:
    """``a`` with one new trailing axis per axis of ``b``: ``np.F.outer(a, b)`` is
    ``np.F(outer_left(a, b), b)`` (see passes/call_forms.py)."""
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * np.ndim(b))


def as_start(initial: Any, like: Any) -> Any:
    """``initial`` cast to ``like``'s dtype, as a NumPy reduction given ``initial=`` starts from
    it (``np.sum(np.arange(3), initial=1.5)`` is ``1 + 0 + 1 + 2``)."""
    dtype = getattr(like, "dtype", None)  # (a list's: the array NumPy makes of it)
    return np.asarray(initial).astype(np.asarray(like).dtype if dtype is None else dtype)[()]


def where_count(where: Any, a: Any, like: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """How many elements ``np.mean(a, axis, where=where)`` averages into each output, in the
    dtype its sum ``like`` is divided in (``like``'s when inexact, float64 for integers)."""
    count = np.sum(np.broadcast_to(where, _shape(a)), axis=axis, keepdims=keepdims)
    return np.asarray(count, dtype=_gradient_dtype(like))[()]


def weighs(x: Any) -> Any:
    """1.0 where ``x`` is not 0 (NaN too), 0.0 where it is: what stands for ``x`` (a mask, or a
    weight of a linear map) to find where the map may be non-zero, its weights then of at least
    0 so that none cancel (``_rt.unconvolve(_rt.weighs(m), a, _rt.weighs(v), 'valid') != 0``)."""
    return (np.asarray(x) != 0).astype(float)[()]


def diff_mask(mask: Any, n: Any = 1, axis: Any = -1) -> Any:
    """Where ``np.diff(t, n, axis)`` may be non-zero, ``mask`` saying where ``t`` may be: each
    element reads ``n + 1`` neighbours along ``axis``, so it is the ``or`` of their masks (never
    ``np.diff`` of the masks, whose ``!=`` of two ``True`` is ``False``)."""
    mask = np.asarray(mask, dtype=bool)
    for _ in range(int(n)):
        ahead = np.take(mask, np.arange(1, mask.shape[axis]), axis=axis)
        mask = np.logical_or(ahead, np.take(mask, np.arange(mask.shape[axis] - 1), axis=axis))
    return mask


def gradient_mask(mask: Any, *varargs: Any, axis: Any = None, edge_order: Any = 1) -> Any:
    """Where ``np.gradient(t, *varargs, axis=axis, edge_order=edge_order)`` may be non-zero,
    ``mask`` saying where ``t`` may be: an element inside reads its two neighbours along the
    axis, one at an edge the ``edge_order + 1`` from it; the ``or`` of their masks.  Of several
    axes (``np.gradient``'s tuple of one array each), one mask per item, each along its axis
    (:class:`ItemMasks`: ``m[k]`` is item ``k``'s, as ``m[k]`` of one array's mask is its row)."""
    mask = np.asarray(mask, dtype=bool)
    axes = range(mask.ndim) if axis is None else np.atleast_1d(axis)
    if len(axes) != 1:
        return ItemMasks(_along(mask, int(a), int(edge_order)) for a in axes)
    return _along(mask, int(axes[0]), int(edge_order))


def _along(mask: np.ndarray, axis: int, edge_order: int) -> np.ndarray:
    """:func:`gradient_mask` along one axis."""
    size = mask.shape[axis]
    inside = np.arange(size)
    spread = np.logical_or(np.take(mask, np.clip(inside - 1, 0, None), axis=axis),
                           np.take(mask, np.clip(inside + 1, None, size - 1), axis=axis))
    first = np.any(np.take(mask, np.arange(edge_order + 1), axis=axis), axis=axis)
    last = np.any(np.take(mask, np.arange(size - edge_order - 1, size), axis=axis), axis=axis)
    spread = np.moveaxis(spread, axis, 0)
    spread[0], spread[-1] = first, last
    return np.moveaxis(spread, 0, axis)
