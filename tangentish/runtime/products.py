"""Products and scans: matmul, dot, inner, transposes, cumsum (and NumPy 2's cumulative_sum/
cumulative_prod with their constant first element), prod."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._common import _axes, _cotangent, _gradient_dtype, _scalar_if_0d, _shape
from .broadcast import unbroadcast


def uncumsum(g: Any, a: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.cumsum(a, axis)``: the reversed cumulative sum of ``g``, in ``a``'s shape (with
    ``axis=None`` the cumsum ran over ``a`` flattened)."""
    g = np.asarray(g)
    if axis is None or np.ndim(a) == 0:  # (of a 0-d `a`, axis 0 or -1 made a 1-d result too)
        return _scalar_if_0d(np.reshape(np.cumsum(g.ravel()[::-1])[::-1], np.shape(a)))
    return np.flip(np.cumsum(np.flip(g, axis), axis=axis), axis)


def initial_dropped(g: Any, include_initial: Any, axis: Any = None) -> Any:
    """The cotangent of ``np.cumulative_sum``/``np.cumulative_prod(x, axis, include_initial=)``
    that flows to ``x``: ``g`` without its first element along ``axis`` (the constant 0 or 1 the
    scan starts from) when that was included, else ``g`` (``axis=None``: ``x`` is 1-d or 0-d)."""
    if not include_initial:
        return g
    return np.delete(np.asarray(g), 0, axis=0 if axis is None else axis)


def initial_added(t: Any, include_initial: Any, axis: Any = None) -> Any:
    """The transpose of :func:`initial_dropped`: ``t`` after a zero first element along ``axis``
    when ``include_initial`` (the tangent of the constant the scan starts from)."""
    if not include_initial:
        return t
    t = np.asarray(t)
    widths = [(0, 0)] * t.ndim
    widths[0 if axis is None else axis] = (1, 0)
    return np.pad(t, widths)


def prod_others(a: Any, axis: Any = None) -> Any:
    """For each element of ``a``, the product of the *other* elements of its ``np.prod(a, axis)``
    group: the derivative of the product by that factor (exact even when the group holds zeros)."""
    a = np.asarray(a)
    axes = _axes(axis, a.ndim)
    kept = [i for i in range(a.ndim) if i not in axes]
    moved = np.transpose(a, kept + list(axes))
    rows = moved.reshape(moved.shape[: len(kept)] + (int(np.prod(moved.shape[len(kept):])),))
    if rows.shape[-1] == 0:  # an empty group: its product is 1 and has no factors
        return np.zeros(a.shape, dtype=_gradient_dtype(a))
    ones = np.ones(rows.shape[:-1] + (1,), dtype=_gradient_dtype(a))
    before = np.cumprod(np.concatenate([ones, rows[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([ones, rows[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    others = (before * after).reshape(moved.shape)
    return _scalar_if_0d(np.transpose(others, np.argsort(kept + list(axes))))


def _matmul_operands(g: Any, x1: Any, x2: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``g, x1, x2`` of ``x1 @ x2`` with 1-D operands promoted to matrices, as ``matmul`` does."""
    g, x1, x2 = _cotangent(g, x1, x2), np.asarray(x1), np.asarray(x2)
    if x2.ndim == 1:
        x2, g = x2[:, np.newaxis], g[..., np.newaxis]
    if x1.ndim == 1:
        x1, g = x1[np.newaxis, :], g[..., np.newaxis, :]
    return g, x1, x2


def _plain(a: Any, b: Any, ndim_b: int) -> bool:
    """Both are arrays, ``a`` a matrix and ``b`` of ``ndim_b`` dims: the common fast case."""
    return (a.__class__ is np.ndarray and b.__class__ is np.ndarray and a.ndim == 2
            and b.ndim == ndim_b)


def _finite(out: Any) -> bool:
    """Whether every entry of ``out`` is finite (its sum of squares, one BLAS call, the common
    case's one check; a square that overflows only sends it to the careful path)."""
    return math.isfinite(np.vdot(out, out).real)


def reached_product(m: Any, g: Any) -> Any:
    """``m @ g`` for a matrix ``m`` and a vector or matrix ``g``, where an inf or NaN of ``g``
    reaches only the rows whose entry of ``m`` in its column is non-zero: ``(m @ g)[i]`` does
    not vary with ``g[k]`` where ``m[i, k]`` is 0, so its partial is 0 there, not ``0 * inf``
    (the adjoints of ``@``, :func:`matmul_right` and :func:`matmul_left`, and of
    ``np.linalg.lstsq``, ``a @ (a.T @ a)^-1 @ g``: ``np.sqrt`` of a solution's or a product's
    zero by structure sends an inf back)."""
    out = m @ g
    if np.ndim(m) != 2 or _finite(out):
        return out
    bad = ~np.isfinite(g)
    if not bad.any():
        return out
    out = m @ np.where(bad, 0.0, g)
    columns, bad = np.reshape(g, (np.shape(m)[1], -1)), np.reshape(bad, (np.shape(m)[1], -1))
    chosen = np.not_equal(m, 0)[:, :, np.newaxis] & bad[np.newaxis]
    terms = np.multiply(m[:, :, np.newaxis], columns[np.newaxis],
                        out=np.zeros(np.shape(chosen), np.result_type(out)), where=chosen)
    return out + np.reshape(np.sum(terms, axis=1), np.shape(out))


def matmul_left(g: Any, x1: Any, x2: Any) -> np.ndarray:
    """Adjoint of ``x1 @ x2`` with respect to ``x1`` (1-D operands, stacks, batch broadcasting;
    of matrices an inf of ``g`` reaching along ``x2``'s non-zero entries, :func:`reached_product`)."""
    if _plain(x1, x2, 2) and _shape(g) == (x1.shape[0], x2.shape[1]):
        out = g @ x2.T
        return out if _finite(out) else reached_product(x2, g.T).T
    g, a, b = _matmul_operands(g, x1, x2)
    return np.reshape(unbroadcast(g @ np.swapaxes(b, -1, -2), a), np.shape(x1))


def matmul_right(g: Any, x1: Any, x2: Any) -> np.ndarray:
    """Adjoint of ``x1 @ x2`` with respect to ``x2`` (1-D operands, stacks, batch broadcasting;
    of a matrix ``x1`` an inf of ``g`` reaching along its non-zero entries)."""
    if (_plain(x1, x2, 1) or _plain(x1, x2, 2)) and _shape(g)[:1] == x1.shape[:1]:
        out = x1.T @ g
        return out if _finite(out) else reached_product(x1.T, g)
    g, a, b = _matmul_operands(g, x1, x2)
    return np.reshape(unbroadcast(np.swapaxes(a, -1, -2) @ g, b), np.shape(x2))


def dot_left(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.dot(a, b)`` with respect to ``a``: scalars, vectors, matrices, N-D·1-D and
    N-D·M-D (which contracts ``a``'s last axis with ``b``'s second-to-last)."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, b), a)
    g, b = _cotangent(g, a, b), np.asarray(b)
    contracted = max(b.ndim - 2, 0)
    others = [axis for axis in range(b.ndim) if axis != contracted]
    return np.tensordot(g, b, axes=(list(range(np.ndim(a) - 1, g.ndim)), others))


def dot_right(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.dot(a, b)`` with respect to ``b`` (same cases as :func:`dot_left`)."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, a), b)
    leading = list(range(np.ndim(a) - 1))
    grad = np.tensordot(a, _cotangent(g, a, b), axes=(leading, leading))  # shape (k, *b's other axes)
    return np.moveaxis(grad, 0, -2) if np.ndim(b) >= 2 else grad


def inner_left(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.inner(a, b)`` (a sum over both last axes) with respect to ``a``."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, b), a)
    g = _cotangent(g, a, b)
    return np.tensordot(g, b, axes=(list(range(np.ndim(a) - 1, g.ndim)),
                                    list(range(np.ndim(b) - 1))))


def inner_right(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.inner(a, b)`` with respect to ``b``."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, a), b)
    leading = list(range(np.ndim(a) - 1))
    return np.tensordot(_cotangent(g, a, b), a, axes=(leading, leading))


def inverse_permutation(axes: Any) -> tuple[int, ...] | None:
    """The axes that undo ``np.transpose(x, axes)``; ``None`` (reverse all axes) is its own inverse."""
    if axes is None:
        return None
    axes = [int(a) for a in np.ravel(axes)]
    return tuple(int(i) for i in np.argsort([a % len(axes) for a in axes]))


def _groups(a: np.ndarray, axis: Any) -> tuple[np.ndarray, Any]:
    """``a`` as rows, one per ``np.prod(a, axis)`` group, and a function putting rows back."""
    axes = _axes(axis, a.ndim)
    kept = [i for i in range(a.ndim) if i not in axes]
    moved = np.transpose(a, kept + list(axes))
    rows = moved.reshape(moved.shape[: len(kept)] + (int(np.prod(moved.shape[len(kept):])),))

    def back(values: np.ndarray) -> np.ndarray:
        return np.transpose(values.reshape(moved.shape), np.argsort(kept + list(axes)))

    return rows, back


def prod_others_adjoint(g: Any, a: Any, axis: Any = None) -> Any:
    """The partial of :func:`prod_others` by ``a`` applied to ``g`` (shaped like ``a``; the matrix
    is symmetric, so this is its tangent too): for each element ``j``, the sum over the other
    elements ``i`` of its group of ``g[i]`` times the product of all but ``i`` and ``j``."""
    a = np.asarray(a, dtype=_gradient_dtype(a))
    rows, back = _groups(a, axis)
    g_rows, _ = _groups(np.broadcast_to(_cotangent(g, a.dtype), a.shape), axis)
    out = np.zeros(rows.shape, dtype=np.result_type(rows, g_rows))
    for j in range(rows.shape[-1]):
        without = rows.copy()
        without[..., j] = 1.0
        others = prod_others(without, axis=-1)
        out[..., j] = np.sum(g_rows * others, axis=-1) - g_rows[..., j] * others[..., j]
    return _scalar_if_0d(back(out))


def prod_others_curvature(g: Any, s: Any, a: Any, axis: Any = None) -> Any:
    """The partial of :func:`prod_others_adjoint` by ``a`` along ``s``, applied to ``g`` (all three
    shaped like ``a``; symmetric in ``g``, ``s`` and the result): for each element ``j``, the sum
    over distinct ``i``, ``m`` other than ``j`` of ``g[i] s[m]`` times the product of all but ``i``,
    ``j`` and ``m`` (exact with zeros in ``a``)."""
    a = np.asarray(a, dtype=_gradient_dtype(a))
    rows, back = _groups(a, axis)
    g_rows, _ = _groups(np.broadcast_to(_cotangent(g, a.dtype), a.shape), axis)
    s_rows, _ = _groups(np.broadcast_to(_cotangent(s, a.dtype), a.shape), axis)
    out = np.zeros(rows.shape, dtype=np.result_type(rows, g_rows, s_rows))
    n = rows.shape[-1]
    for j in range(n):
        for m in range(n):
            if m != j:
                without = rows.copy()
                without[..., [j, m]] = 1.0
                others = prod_others(without, axis=-1)
                picked = np.sum(g_rows * others, axis=-1) - g_rows[..., j] * others[..., j] \
                    - g_rows[..., m] * others[..., m]
                out[..., j] += s_rows[..., m] * picked
    return _scalar_if_0d(back(out))


def _lanes(a: Any, axis: Any) -> tuple[np.ndarray, Any]:
    """``a`` with ``axis`` last (flattened when ``axis`` is None), and the way back."""
    a = np.asarray(a)
    if axis is None or a.ndim == 0:  # (of a 0-d `a`, axis 0 or -1 made a 1-d result too)
        shape = a.shape
        return a.reshape(-1), lambda v: _scalar_if_0d(np.reshape(v, shape))
    axis = axis % a.ndim
    return np.moveaxis(a, axis, -1), lambda v: np.moveaxis(v, -1, axis)


def cumprod_tangent(t: Any, a: Any, axis: Any = None) -> Any:
    """Tangent of ``np.cumprod(a, axis)`` along ``t``: ``sum_{j <= i} t_j prod_{k <= i, k != j}
    a_k`` (exact with zeros in ``a``)."""
    lanes, back = _lanes(np.asarray(a, dtype=_gradient_dtype(a)), axis)
    t_lanes, _ = _lanes(np.broadcast_to(t, np.shape(a)), axis)
    out = np.zeros(lanes.shape, dtype=np.result_type(lanes, t_lanes))
    for j in range(lanes.shape[-1]):
        without = lanes.copy()
        without[..., j] = 1.0
        partial = np.cumprod(without, axis=-1)
        partial[..., :j] = 0.0
        out = out + t_lanes[..., j:j + 1] * partial
    return out if axis is None or np.ndim(a) == 0 else back(out)  # (flat: as cumprod's)


def uncumprod(g: Any, a: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.cumprod(a, axis)``: the transpose of :func:`cumprod_tangent`."""
    lanes, back = _lanes(np.asarray(a, dtype=_gradient_dtype(a)), axis)
    g_lanes, _ = _lanes(g, axis)
    out = np.zeros(lanes.shape, dtype=np.result_type(lanes, g_lanes))
    for j in range(lanes.shape[-1]):
        without = lanes.copy()
        without[..., j] = 1.0
        partial = np.cumprod(without, axis=-1)
        out[..., j] = np.sum(g_lanes[..., j:] * partial[..., j:], axis=-1)
    return back(out)


def _pair_partials(lanes: np.ndarray) -> Any:
    """For each ordered pair ``j != m`` of positions along the last axis: ``(j, m, partial)``, the
    cumulative product with factors ``j`` and ``m`` replaced by 1 and zero before both of them
    (where the partial by both is 0)."""
    n = lanes.shape[-1]
    for j in range(n):
        for m in range(n):
            if j != m:
                without = lanes.copy()
                without[..., j] = 1.0
                without[..., m] = 1.0
                partial = np.cumprod(without, axis=-1)
                partial[..., :max(j, m)] = 0.0
                yield j, m, partial


def cumprod_curvature(t: Any, s: Any, a: Any, axis: Any = None) -> Any:
    """The second derivative of ``np.cumprod(a, axis)`` along ``t`` and ``s`` (symmetric, bilinear):
    ``sum_{j != m; j, m <= i} t_j s_m prod_{k <= i, k != j, m} a_k`` (exact with zeros in ``a``)."""
    lanes, back = _lanes(np.asarray(a, dtype=_gradient_dtype(a)), axis)
    t_lanes = _lanes(np.broadcast_to(t, np.shape(a)), axis)[0]
    s_lanes = _lanes(np.broadcast_to(s, np.shape(a)), axis)[0]
    out = np.zeros(lanes.shape, dtype=np.result_type(lanes, t_lanes, s_lanes))
    for j, m, partial in _pair_partials(lanes):
        out = out + t_lanes[..., j:j + 1] * s_lanes[..., m:m + 1] * partial
    return out if axis is None or np.ndim(a) == 0 else back(out)  # (flat: as cumprod's)


def uncumprod_curvature(g: Any, s: Any, a: Any, axis: Any = None) -> Any:
    """:func:`cumprod_curvature` transposed in one direction: ``g`` (shaped like the cumprod) and
    ``s`` (like ``a``) give, at ``m``, ``sum_i g_i sum_{j != m; j, m <= i} s_j prod_{k <= i,
    k != j, m} a_k``.  It is also the tangent of :func:`uncumprod` in ``a`` along ``s``."""
    lanes, back = _lanes(np.asarray(a, dtype=_gradient_dtype(a)), axis)
    g_lanes = _lanes(g, axis)[0]
    s_lanes = _lanes(np.broadcast_to(s, np.shape(a)), axis)[0]
    out = np.zeros(lanes.shape, dtype=np.result_type(lanes, g_lanes, s_lanes))
    for j, m, partial in _pair_partials(lanes):
        out[..., m] += s_lanes[..., j] * np.sum(g_lanes * partial, axis=-1)
    return back(out)
