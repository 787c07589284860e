"""Rearranging elements: the adjoints of maps that move, copy, drop or zero elements (trace and
diagonals, repeat, tile, pad, splits and joins, differences).

Every helper here is linear in its gradient argument ``g`` and reads its other arguments for their
shapes only; its transpose is a plain NumPy call (``np.diagonal``, ``np.repeat``, ``np.pad``...),
which is what its own rule says.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _cotangent, _gradient_dtype, _scalar_if_0d, _shape
from .items import settle


def _zeros(like: Any, g: Any) -> np.ndarray:
    return np.zeros(_shape(like), dtype=np.result_type(_gradient_dtype(like), g))


def _diagonal_positions(n: int, m: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indexes of diagonal ``offset`` of an ``n x m`` matrix."""
    rows = np.arange(max(0, -offset), min(n, m - offset))
    return rows, rows + offset


def undiagonal(g: Any, a: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> np.ndarray:
    """Adjoint of ``np.diagonal(a, offset, axis1, axis2)``: zeros shaped like ``a`` with ``g`` (whose
    last axis runs along the diagonal) written on that diagonal."""
    out = _zeros(a, g)
    view = np.moveaxis(out, (axis1, axis2), (-2, -1))
    rows, cols = _diagonal_positions(view.shape[-2], view.shape[-1], offset)
    view[..., rows, cols] = g
    return out


def untrace(g: Any, a: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> np.ndarray:
    """Adjoint of ``np.trace(a, offset, axis1, axis2)``: ``g`` spread along the diagonal."""
    return undiagonal(np.expand_dims(_cotangent(g, a), -1), a, offset, axis1, axis2)


def undiag(g: Any, v: Any, k: int = 0) -> np.ndarray:
    """Adjoint of ``np.diag(v, k)``: the diagonal of ``g`` for a 1-D ``v``; for a 2-D ``v`` (whose
    diagonal was read) ``g`` written on the diagonal of a matrix shaped like ``v``."""
    if np.ndim(v) == 1:
        return np.diagonal(g, k)
    return undiagonal(g, v, k)


def unrollaxis(g: Any, a: Any, axis: int, start: int = 0) -> np.ndarray:
    """Adjoint of ``np.rollaxis(a, axis, start)``: the inverse permutation of the axes."""
    n = np.ndim(a)
    order = list(range(n))
    axis, start = axis % n, start + n if start < 0 else start
    order.remove(axis)
    order.insert(start - 1 if axis < start else start, axis)
    return np.transpose(g, np.argsort(order))


def unrepeat(g: Any, a: Any, repeats: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.repeat(a, repeats, axis)``: each element's copies summed (NumPy repeats a
    0-d ``a`` along any axis 0 or -1 as it does with none)."""
    g = np.asarray(g)
    if axis is None or np.ndim(a) == 0:
        size = int(np.size(a))
        owner = np.repeat(np.arange(size), repeats)
        summed = np.zeros(size, dtype=np.result_type(g, _gradient_dtype(a)))
        np.add.at(summed, owner, g)
        return _scalar_if_0d(summed.reshape(_shape(a)))
    axis = axis % np.ndim(a)
    owner = np.repeat(np.arange(_shape(a)[axis]), repeats)
    out = np.moveaxis(_zeros(a, g), axis, 0)
    np.add.at(out, owner, np.moveaxis(g, axis, 0))
    return np.moveaxis(out, 0, axis)


def untile(g: Any, a: Any, reps: Any) -> Any:
    """Adjoint of ``np.tile(a, reps)``: the tiles summed back onto one."""
    shape = _shape(a)
    reps = tuple(np.atleast_1d(reps).tolist())
    ndim = max(len(reps), len(shape))
    shape_p = (1,) * (ndim - len(shape)) + tuple(shape)
    reps_p = (1,) * (ndim - len(reps)) + reps
    blocks = np.reshape(g, [n for pair in zip(reps_p, shape_p, strict=True) for n in pair])
    return _scalar_if_0d(np.reshape(blocks.sum(axis=tuple(range(0, 2 * ndim, 2))), shape))


_GATHER_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")


def unpad(g: Any, array: Any, pad_width: Any, mode: Any = "constant", stat_length: Any = None,
          end_values: Any = 0.0) -> Any:
    """Adjoint of ``np.pad(array, pad_width, mode)`` for the modes that copy elements (constant,
    edge, reflect, symmetric, wrap): each element receives the sum of ``g`` over its copies; for
    those that compute the padding (mean, maximum, minimum, median, linear_ramp), that of
    :mod:`.pad_stats`."""
    if not isinstance(mode, str) or mode not in _GATHER_MODES:
        from .pad_stats import unpad_stats  # (raises for a mode it has no derivative for)

        return unpad_stats(g, array, pad_width, mode, stat_length, end_values)
    shape = _shape(array)
    source = np.arange(int(np.prod(shape, dtype=int))).reshape(shape)
    if mode == "constant":
        source = np.pad(source, pad_width, mode="constant", constant_values=-1)
    else:
        source = np.pad(source, pad_width, mode=mode)
    kept = source >= 0
    g = np.broadcast_to(_cotangent(g, _gradient_dtype(array)), source.shape)
    summed = np.bincount(source[kept], weights=g[kept], minlength=int(np.prod(shape, dtype=int)))
    return _scalar_if_0d(summed.astype(g.dtype, copy=False).reshape(shape))


def pad_border(g: Any, array: Any, pad_width: Any, constant_values: Any = 0.0) -> Any:
    """Adjoint of ``np.pad``'s scalar ``constant_values``: the sum of ``g`` over the padding (values
    per axis or per side are refused); 0 for an integer or bool ``array``, which truncates it."""
    if np.ndim(constant_values) > 0:
        raise UnsupportedConstructError(
            "np.pad is differentiated in constant_values only when it is one number",
            hint="pad with a single constant, or make the per-side values constants")
    inner = np.pad(np.zeros(_shape(array), dtype=bool), pad_width,
                   constant_values=np.result_type(array).kind not in "iub")
    return np.sum(np.where(inner, g, 0.0))


# -- joins and splits --------------------------------------------------------------------------------

def _fitted(pieces: Any, like: Any) -> list:
    """Each piece broadcast to its array's shape (an adjoint of an unused piece may be ``0.0``),
    in its array's gradient dtype; a complex piece kept complex (never a part dropped: the adjoint
    of a complex piece cut from a real array's place, in a derivative of a derivative)."""
    return [np.broadcast_to(np.asarray(p, dtype=np.result_type(_gradient_dtype(a), p)
                                       if np.iscomplexobj(p) else _gradient_dtype(a)), _shape(a))
            for p, a in zip(pieces, like, strict=True)]


def _join(pieces: list, how: str, axis: Any) -> np.ndarray:
    if how == "concatenate":
        if axis is None:
            return np.concatenate([np.ravel(p) for p in pieces])
        return np.concatenate(pieces, axis=axis)
    if how == "stack":
        return np.stack(pieces, axis=axis)
    if how == "list":
        return list(pieces)
    return getattr(np, how)(pieces)


def rejoin(pieces: Any, like: Any, how: str = "concatenate", axis: Any = 0) -> np.ndarray:
    """``pieces`` (adjoints of the arrays ``like``) joined as ``np.<how>`` joins them (``how`` is
    ``concatenate`` or ``stack`` with ``axis``, ``hstack``, ``vstack``, ``dstack``,
    ``column_stack``, or ``list``: the pieces fitted, not joined): the adjoint of a split, and of
    :func:`unjoin`."""
    return _join(_fitted(pieces, like), how, axis)


def unjoin(g: Any, arrays: Any, how: str = "concatenate", axis: Any = 0) -> Any:
    """Adjoint of ``np.<how>(arrays)``: ``g`` cut back into the arrays' shapes, in the sequence's
    adjoint form (:func:`.items.settle`: a second contribution to the same list then adds item by
    item, never joins two lists)."""
    return settle(_cut(g, arrays, how, axis))


def _cut(g: Any, arrays: Any, how: str, axis: Any) -> list:
    if how == "stack":
        return list(np.moveaxis(np.asarray(g), axis, 0))
    if how == "list":
        return _fitted(g, arrays)
    if how == "concatenate":
        if axis is None:
            sizes = [np.size(a) for a in arrays]
            parts = np.split(np.ravel(g), np.cumsum(sizes)[:-1])
            return [np.reshape(p, _shape(a)) for p, a in zip(parts, arrays, strict=True)]
        sizes = [_shape(a)[axis] for a in arrays]
        return np.split(g, np.cumsum(sizes)[:-1], axis=axis)
    promote, along = {"hstack": (np.atleast_1d, None), "vstack": (np.atleast_2d, 0),
                      "dstack": (np.atleast_3d, 2), "column_stack": (_as_column, 1)}[how]
    pieces = [promote(np.asarray(a)) for a in arrays]
    if along is None:
        along = 0 if pieces[0].ndim == 1 else 1
    parts = _cut(g, pieces, "concatenate", along)
    return [np.reshape(p, ())[()] if isinstance(a, (int, float)) else np.reshape(p, _shape(a))
            for p, a in zip(parts, arrays, strict=True)]  # (a Python number's adjoint: a number)


def _as_column(a: np.ndarray) -> np.ndarray:
    return a.reshape(-1, 1) if a.ndim < 2 else a


def unsplit(pieces: Any, parts: Any, ary: Any, axis: Any = 0) -> np.ndarray:
    """Adjoint of ``np.split(ary, ..., axis)`` and friends: the pieces' adjoints joined back."""
    return np.reshape(rejoin(pieces, parts, "concatenate", axis), _shape(ary))


def split_axis(ary: Any, which: str) -> int:
    """The axis ``np.hsplit``/``vsplit``/``dsplit`` split along."""
    return {"h": 1 if np.ndim(ary) > 1 else 0, "v": 0, "d": 2}[which]


# -- differences ------------------------------------------------------------------------------------

def undiff(g: Any, a: Any, n: int = 1, axis: int = -1) -> np.ndarray:
    """Adjoint of ``np.diff(a, n, axis)``: ``n`` times the transpose of one difference, of which
    only the first ``len`` change the length (NumPy's difference of an empty axis is empty)."""
    g = np.asarray(g)
    for _ in range(min(n, np.shape(a)[axis])):
        g = _undiff_once(g, axis)
    return g


def _undiff_once(g: np.ndarray, axis: int) -> np.ndarray:
    """``-np.diff(g padded with a zero at both ends, axis=axis)`` made as one new array: item
    ``i`` is ``g[i - 1] - g[i]`` (the same numbers, as ``b - a`` is ``-(a - b)`` in IEEE
    arithmetic; a zero's sign aside), not a padded copy, its difference and their negation."""
    shape = list(g.shape)
    shape[axis] += 1
    out = np.zeros(shape, dtype=g.dtype)
    later = [slice(None)] * g.ndim
    earlier = list(later)
    later[axis], earlier[axis] = slice(1, None), slice(None, -1)
    out[tuple(later)] = g
    out[tuple(earlier)] -= g
    return out


def undiff_reach(mask: Any, a: Any, n: int = 1, axis: int = -1) -> np.ndarray:
    """Where :func:`undiff` of a ``g`` that ``mask`` says may be non-zero may be: each element of
    ``a`` reaches the ``n + 1`` differences that read it, so it is the ``or`` of their masks (not
    ``undiff`` of the mask, whose ``g[i - 1] - g[i]`` of two ones is 0)."""
    mask = np.asarray(mask, dtype=bool)
    for _ in range(min(n, np.shape(a)[axis])):
        shape = list(mask.shape)
        shape[axis] += 1
        out = np.zeros(shape, dtype=bool)
        later = [slice(None)] * mask.ndim
        earlier = list(later)
        later[axis], earlier[axis] = slice(1, None), slice(None, -1)
        out[tuple(later)] |= mask
        out[tuple(earlier)] |= mask
        mask = out
    return mask


def diff_edge(edge: Any, a: Any, axis: int = -1) -> np.ndarray:
    """``np.diff``'s ``prepend=``/``append=`` value as it joins ``a`` along ``axis``: a number
    broadcast to ``a``'s shape with length 1 along ``axis``, anything else as an array."""
    edge = np.asanyarray(edge)
    if edge.ndim == 0:
        shape = list(np.shape(a))
        shape[axis] = 1
        edge = np.array(np.broadcast_to(edge, tuple(shape)))
    return edge


def block_ndim(depth: int, *blocks: Any) -> int:
    """The number of dimensions of ``np.block`` of ``blocks`` nested ``depth`` lists deep."""
    return max(depth, *(np.ndim(block) for block in blocks))


def lifted_shape(block: Any, ndim: int) -> tuple[int, ...]:
    """``block``'s shape with leading axes of length 1 up to ``ndim`` (as ``np.block`` lifts it)."""
    shape = np.shape(block)
    return (1,) * (ndim - len(shape)) + shape


def recast(g: Any, like: Any, dtype: Any = None) -> Any:
    """The derivative through a cast of ``like`` to ``dtype``: ``g`` in ``like``'s gradient dtype
    for a float (or unchanged) dtype, zeros for an integer or boolean one (a piecewise-constant
    rounding); in ``like``'s shape when a cast added axes of length 1 (``np.ascontiguousarray``
    of a number is 1-d, ``np.array(x, ndmin=2)`` 2-d), the elements being the same."""
    if not isinstance(like, (list, tuple)) and not isinstance(g, (list, tuple)) and \
            _shape(g) != _shape(like) and np.size(g) == np.size(like):  # (a tuple: retstep=)
        g = np.reshape(g, _shape(like))
    if dtype is not None and np.dtype(dtype).kind not in "fc":
        return np.zeros(np.shape(g), dtype=_gradient_dtype(like))[()]
    if isinstance(like, np.ndarray) or isinstance(g, np.ndarray):
        g = np.asarray(g)
        target = _gradient_dtype(like)
        if g.dtype.kind == "c":  # kept complex: the API refuses it clearly, never drops a part
            target = np.result_type(target, g)
        return g.astype(target, copy=False)
    return g


def as_column(a: Any) -> np.ndarray:
    """``a`` as ``np.c_[...]`` joins it: a number as a 1x1 array, a 1-d array as a column, an
    array of two or more axes unchanged."""
    a = np.asarray(a)
    return a.reshape(-1, 1) if a.ndim < 2 else a


def positions(like: Any) -> np.ndarray:
    """``np.arange(like.size)`` in ``like``'s shape: pushed through a map that only moves elements
    (``np.delete``...), it says where each output element came from."""
    return np.arange(int(np.size(like))).reshape(_shape(like))


def unmoved(g: Any, like: Any, source: Any) -> Any:
    """Adjoint of a map that moved elements of ``like`` to where ``source`` (see :func:`positions`)
    says: each element receives the sum of ``g`` over its copies."""
    out = np.zeros(int(np.size(like)), dtype=np.result_type(g, _gradient_dtype(like)))
    if out.size:  # (an empty `like` moved nowhere: what `np.resize` made of it is a constant)
        np.add.at(out, np.ravel(source), np.ravel(np.broadcast_to(g, np.shape(source))))
    return _scalar_if_0d(out.reshape(_shape(like)))


def moved(c: Any, source: Any) -> Any:
    """The transpose of :func:`unmoved`: ``c`` read at ``source`` (zeros from an empty ``c``)."""
    if not np.size(c):
        return _scalar_if_0d(np.zeros(np.shape(source), dtype=np.result_type(c, 1.0)))
    return _scalar_if_0d(np.ravel(c)[source])


def linspace_steps(r: Any, num: int = 50, endpoint: bool = True, axis: int = 0) -> np.ndarray:
    """The fractions ``t`` of ``np.linspace(start, stop, num, endpoint, axis) = start + (stop -
    start) * t``, shaped to broadcast against the result ``r`` along ``axis``."""
    if isinstance(r, tuple):
        raise UnsupportedConstructError("np.linspace with retstep=True is not differentiated",
                                        hint="compute the step as (stop - start) / (num - 1)")
    num = int(num)
    steps = np.arange(num, dtype=np.result_type(r, 1.0)) / max(num - 1 if endpoint else num, 1)
    shape = [1] * np.ndim(r)
    shape[axis] = num
    return steps.reshape(shape)
