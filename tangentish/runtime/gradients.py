"""``np.gradient``'s derivatives: its adjoint (``ungradient``, O(n) per axis from the stencil of
three neighbours each difference reads), that adjoint's transpose (``regradient``), where the
adjoint may be non-zero (``ungradient_reach``) and the tangent in one number as the spacing of
every axis (``spacing_shift``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _axes, _gradient_dtype, _shape


def _gradient_stencil(n: int, spacing: Any, edge_order: int, dtype: Any
                      ) -> tuple[np.ndarray, np.ndarray]:
    """``np.gradient``'s weights along one axis of length ``n`` as ``(weights, columns)``, each of
    shape ``(3, n)``: row ``i`` of the difference matrix reads at most three neighbours, the window
    ``s..s + 2`` with ``s = clip(i - 1, 0, n - 3)``, no two alike modulo 3; so NumPy's own gradient
    of the comb ``j % 3 == k`` is, at ``i``, the weight of the window's column ``j = k (mod 3)``.
    O(n) time and memory (never the n x n matrix), the weights NumPy's own arithmetic gives."""
    positions = np.arange(n)
    start = np.clip(positions - 1, 0, max(n - 3, 0))
    residues = np.arange(3)[:, None]
    columns = start + (residues - start) % 3
    weights = np.stack([np.gradient((positions % 3 == k).astype(dtype), spacing,
                                    edge_order=edge_order) for k in range(3)])
    return np.where(columns < n, weights, 0.0).astype(dtype, copy=False), np.minimum(columns, n - 1)


def ungradient(g: Any, f: Any, varargs: Any = 1.0, edge_order: int = 1,
               axis: Any = None) -> np.ndarray:
    """Adjoint of ``np.gradient(f[, spacing], edge_order=..., axis=...)`` (a list of arrays, one
    per axis, unless there is one axis): each axis's difference matrix transposed.  ``varargs``:
    one spacing for every axis, or a tuple of one per axis.  Only the matrix's non-zero entries
    are multiplied (the neighbours each element reads, from :func:`_gradient_stencil`, in O(n)):
    a dense product would meet an infinite cotangent (``np.sqrt`` of a gradient 0) with the zeros
    of every element it does not read, NaN in all of them."""
    f_shape = _shape(f)
    axes = _axes(axis, len(f_shape))
    parts = [g] if len(axes) == 1 else list(g)
    spacings = varargs if isinstance(varargs, tuple) else (varargs,) * len(axes)
    out = np.zeros(f_shape, dtype=_gradient_dtype(f))
    for axis, part, spacing in zip(axes, parts, spacings, strict=True):
        weights, columns = _gradient_stencil(f_shape[axis], spacing, edge_order, out.dtype)
        part = np.moveaxis(np.broadcast_to(np.asarray(part, dtype=out.dtype), f_shape), axis, 0)
        moved = np.zeros(part.shape, dtype=out.dtype)
        for weight, column in zip(weights, columns, strict=True):
            rows = np.nonzero(weight)[0]
            np.add.at(moved, column[rows], weight[rows].reshape(
                (-1,) + (1,) * (part.ndim - 1)) * part[rows])
        out = out + np.moveaxis(moved, 0, axis)
    return out


def ungradient_reach(mask: Any, f: Any, varargs: Any = 1.0, edge_order: int = 1,
                     axis: Any = None) -> np.ndarray:
    """Where :func:`ungradient` of a ``g`` that ``mask`` says may be non-zero (one mask per
    axis's array, when several) may be: each element reaches the entries of the difference
    matrix that read it (the same non-zero entries :func:`ungradient` multiplies)."""
    f_shape = _shape(f)
    axes = _axes(axis, len(f_shape))
    parts = [mask] if len(axes) == 1 else list(mask)
    spacings = varargs if isinstance(varargs, tuple) else (varargs,) * len(axes)
    out = np.zeros(f_shape, dtype=bool)
    for axis, part, spacing in zip(axes, parts, spacings, strict=True):
        weights, columns = _gradient_stencil(f_shape[axis], spacing, edge_order, float)
        part = np.moveaxis(np.broadcast_to(np.asarray(part, dtype=bool), f_shape), axis, 0)
        moved = np.zeros(part.shape, dtype=bool)
        for weight, column in zip(weights, columns, strict=True):
            rows = np.nonzero(weight)[0]
            np.logical_or.at(moved, column[rows], part[rows])
        out |= np.moveaxis(moved, 0, axis)
    return out


def regradient(g: Any, varargs: Any = 1.0, edge_order: int = 1, axis: Any = None) -> Any:
    """``np.gradient(g, *spacings, ...)``, ``varargs`` one spacing or a tuple of one per axis (as
    :func:`ungradient` takes them): ``ungradient``'s own adjoint."""
    spacings = varargs if isinstance(varargs, tuple) else (varargs,)
    return np.gradient(g, *spacings, edge_order=edge_order, axis=axis)


def spacing_shift(df: Any, dh: Any, f: Any, h: Any) -> Any:
    """``df - dh / h * f``: the tangent ``np.gradient(f, h)`` takes the differences of, ``h`` one
    number (they scale as ``1 / h``); ``df`` for a zero ``dh`` whatever ``h`` is, coordinates (an
    array ``h``) with a non-zero ``dh`` refused."""
    if np.ndim(h) == 0:
        return df - dh / h * f
    if np.any(dh):
        raise UnsupportedConstructError(
            "np.gradient's coordinates (an array of the points' positions) where they vary",
            hint="pass a number as the spacing (its derivative is taken) or make the coordinates "
            "a constant")
    return df + np.zeros_like(f)
