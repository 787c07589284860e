"""``np.pad``'s modes that compute the padding from the array: ``mean``, ``maximum``, ``minimum``,
``median`` (of the first and last ``stat_length`` elements along each axis) and ``linear_ramp``
(from the edge element to ``end_values``, held constant).

NumPy pads one axis after the other, each axis's statistics read from the array already padded
along the axes before it; so the padding is a chain of one-axis maps, and each is locally linear in
the array: a side's padding is ``coefficient * sum(weights * chunk)`` along the axis, with the
chunk the first (last) ``stat_length`` elements, the weights a mean's ``1 / n``, a maximum's or
minimum's ties (shared evenly), a median's two middle values (halves, shared among equal values),
or ``linear_ramp``'s edge element with the coefficients ``i / width`` of NumPy's ramp (its
``end_values`` add a constant).  The weights are piecewise constant in the array, so the
derivative of the tangent map in the array is 0: :func:`pad_tangent` (the tangent of the padding)
and :func:`unpad_stats` (its transpose, the adjoint) are each other's linear maps, to any order.

    >>> x = np.array([1.0, 3.0, 2.0])
    >>> pad_tangent(np.array([1.0, 0.0, 0.0]), x, 1, "maximum")  # (the maximum is x[1])
    array([0., 1., 0., 0., 0.])
    >>> unpad_stats(np.ones(5), x, 1, "mean")
    array([1.66666667, 1.66666667, 1.66666667])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _cotangent, _gradient_dtype, _scalar_if_0d, _shape
from .quantiles import quantile_weights
from .selection import ties

STAT_MODES = ("mean", "maximum", "minimum", "median", "linear_ramp")
_GATHER_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")
_REDUCE = {"maximum": np.max, "minimum": np.min}


def _pairs(value: Any, ndim: int, as_index: bool = True) -> np.ndarray:
    """``pad_width`` (or ``stat_length``) as NumPy reads it: one ``(before, after)`` per axis."""
    x = np.asarray(value)
    if as_index:
        x = np.round(x).astype(np.intp)
    if x.ndim < 3 and x.size == 1:
        x = np.repeat(x.ravel(), 2)
    if x.ndim < 3 and x.size == 2 and x.shape != (2, 1):
        x = x.ravel()
    return np.broadcast_to(x, (ndim, 2))


def _check_mode(mode: Any) -> None:
    if not isinstance(mode, str) or mode not in _GATHER_MODES + STAT_MODES:
        raise UnsupportedConstructError(
            f"np.pad with mode={mode!r} has no derivative rule",
            hint="use one of the modes " + ", ".join(_GATHER_MODES + STAT_MODES))


def _side_weights(c: np.ndarray, axis: int, n: int, mode: str, start: int) -> np.ndarray:
    """The weights of ``c[start:start + n]`` along ``axis`` whose weighted sum is the side's
    statistic (``linear_ramp``: the edge element, weight 1)."""
    chunk = np.take(c, np.arange(start, start + n), axis=axis)
    if mode == "mean":
        return np.full(chunk.shape, 1.0 / n)
    if mode == "median":
        return quantile_weights(chunk, 0.5, axis=axis)
    if mode == "linear_ramp":
        return np.ones(chunk.shape)
    return np.asarray(ties(chunk, _REDUCE[mode](chunk, axis=axis, keepdims=True), axis=axis,
                           keepdims=True))


def _coefficients(width: int, mode: str, before: bool, ndim: int, axis: int) -> np.ndarray:
    """How the side's statistic enters each padded position along ``axis`` (1, or the ramp's)."""
    if mode != "linear_ramp":
        coefficients = np.ones(width)
    else:  # (NumPy's np.linspace(end, edge, width, endpoint=False), the right side reversed)
        coefficients = np.arange(width) / width if width else np.ones(0)
        coefficients = coefficients if before else coefficients[::-1]
    shape = [1] * ndim
    shape[axis] = width
    return coefficients.reshape(shape)


def _steps(array: Any, pad_width: Any, mode: str, stat_length: Any, end_values: Any) -> list:
    """NumPy's one-axis paddings, in order: ``(axis, widths, sides, padded_before)`` with ``sides``
    the ``(start, count, weights, coefficients)`` of the side before and the side after."""
    c = np.asarray(array)
    ndim = c.ndim
    widths = _pairs(pad_width, ndim)
    lengths = _pairs(stat_length, ndim) if stat_length is not None and mode != "linear_ramp" \
        else None
    keywords = {"end_values": end_values} if mode == "linear_ramp" else \
        {"stat_length": stat_length} if stat_length is not None else {}
    dtype = _gradient_dtype(c)
    steps = []
    for axis in range(ndim):
        before, after = (int(w) for w in widths[axis])
        n = c.shape[axis]
        sides = []
        for width, first in ((before, True), (after, False)):
            count = 1 if mode == "linear_ramp" else \
                n if lengths is None else min(int(lengths[axis][0 if first else 1]), n)
            start = 0 if first else n - count
            sides.append((start, count,
                          _side_weights(c, axis, count, mode, start).astype(dtype, copy=False),
                          _coefficients(width, mode, first, ndim, axis).astype(dtype)))
        steps.append((axis, (before, after), sides, c))
        one = np.zeros((ndim, 2), dtype=np.intp)
        one[axis] = (before, after)
        c = np.pad(c, one, mode, **keywords)
    return steps


def pad_tangent(t: Any, array: Any, pad_width: Any, mode: Any = "constant",
                constant_values: Any = 0.0, stat_length: Any = None, end_values: Any = 0.0
                ) -> Any:
    """The tangent of ``np.pad(array, pad_width, mode, ...)`` along ``t`` (and, for ``constant``,
    ``constant_values``' tangent): NumPy's padding of ``t`` for the modes that copy elements,
    each statistic's weights (from ``array``) applied to ``t`` for those that compute them."""
    _check_mode(mode)
    if mode in _GATHER_MODES:  # (an integer array truncates the constant: its tangent is 0)
        floating = np.result_type(array).kind not in "iub"
        keywords = {"constant_values": constant_values if floating else 0.0} \
            if mode == "constant" else {}
        return np.pad(_cotangent(t, array), pad_width, mode, **keywords)
    t = np.asarray(_cotangent(t, array))
    for axis, _, sides, _ in _steps(array, pad_width, mode, stat_length, end_values):
        pieces = []
        for (start, count, weights, coefficients) in sides:
            chunk = np.take(t, np.arange(start, start + count), axis=axis)
            pieces.append(coefficients * np.sum(weights * chunk, axis=axis, keepdims=True))
        t = np.concatenate([pieces[0], t, pieces[1]], axis=axis)
    return t


def unpad_stats(g: Any, array: Any, pad_width: Any, mode: str, stat_length: Any = None,
                end_values: Any = 0.0) -> Any:
    """The adjoint of ``np.pad(array, pad_width, mode, ...)`` for the modes that compute the
    padding (the transpose of :func:`pad_tangent`): each side's padding's gradient, summed along
    the axis, spread back over its chunk by the statistic's weights."""
    _check_mode(mode)
    dtype = _gradient_dtype(array)
    steps = _steps(array, pad_width, mode, stat_length, end_values)
    g = np.asarray(_cotangent(g, array), dtype=np.result_type(dtype, np.asarray(g).dtype))
    for axis, (before, after), sides, c in reversed(steps):
        n = c.shape[axis]
        padded = list(c.shape)
        padded[axis] += before + after
        g = np.broadcast_to(g, padded)
        inner = np.take(g, np.arange(before, before + n), axis=axis).copy()
        for (start, count, weights, coefficients), at in zip(
                sides, (np.arange(before), np.arange(before + n, before + n + after)),
                strict=True):
            total = np.sum(coefficients * np.take(g, at, axis=axis), axis=axis, keepdims=True)
            index = [slice(None)] * c.ndim
            index[axis] = slice(start, start + count)
            inner[tuple(index)] += weights * total
        g = inner
    return _scalar_if_0d(np.asarray(g).astype(np.result_type(dtype, g.dtype), copy=False)
                         .reshape(_shape(array)))
