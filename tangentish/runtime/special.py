"""Norms and special functions: derivative conventions where a formula divides by 0."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import _axes, _cotangent, _gradient_dtype, _restore, _scalar_if_0d, _select_weights


def ratio(x: Any, r: Any) -> Any:
    """``x / r``, with 0 where ``r`` is 0: the derivative convention where a norm or a standard
    deviation is 0 (a subgradient; for ``np.std`` of one element it is the exact derivative of a
    function that is identically 0)."""
    zero = np.equal(r, 0)
    return np.where(zero, 0.0, np.divide(x, np.where(zero, 1.0, r)))[()]


_ratio = ratio


def unnorm(g: Any, x: Any, r: Any, ord: Any = None, axis: Any = None,
           keepdims: bool = False) -> Any:
    """Adjoint of ``r = np.linalg.norm(x, ord, axis, keepdims)``: vector p-norms (incl. 0, ±inf),
    Frobenius, and the matrix ±1, ±2, ±inf and nuclear norms.  A zero norm gets a zero gradient."""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    axes = _axes(axis, x.ndim)
    g = _cotangent(g, x.dtype)
    gk = _restore(np.broadcast_to(g, np.shape(r)), x.shape, axis, keepdims)
    rk = _restore(r, x.shape, axis, keepdims)
    if ord is None or ord == "fro" or (ord == 2 and len(axes) == 1):
        return _scalar_if_0d(gk * _ratio(x, rk))
    if len(axes) == 1:
        if ord == 0:
            return np.zeros_like(x)
        if np.isinf(ord):
            return gk * _select_weights(np.abs(x), rk, axes[0], True) * np.sign(x)
        return gk * np.sign(x) * np.abs(x) ** (ord - 1) * _ratio(1.0, rk ** (ord - 1))
    row, col = axes
    if ord == "nuc" or ord in (2, -2):
        u, _, vh = np.linalg.svd(np.moveaxis(x, (row, col), (-2, -1)), full_matrices=False)
        if ord != "nuc":
            pick = 0 if ord == 2 else -1  # singular values come sorted, largest first
            u, vh = u[..., :, [pick]], vh[..., [pick], :]
        return gk * np.moveaxis(u @ vh, (-2, -1), (row, col))
    summed, compared = (row, col) if ord in (1, -1) else (col, row)  # column sums / row sums
    sums = np.sum(np.abs(x), axis=summed, keepdims=True)
    return gk * _select_weights(sums, rk, compared, True) * np.sign(x)


def sinc_slope(x: Any, y: Any) -> Any:
    """Derivative of ``y = np.sinc(x)``: ``(cos(pi x) - y) / x``, and 0 at ``x = 0``."""
    return _ratio(np.cos(np.pi * np.asarray(x)) - y, x)[()]


def safe_log(x: Any) -> Any:
    """``log(x)`` where ``x > 0`` and ``0`` elsewhere: the exponent-gradient of ``x ** y``."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, np.log(np.where(positive, x, 1.0)), 0.0)[()]


def safe_reciprocal(x: Any) -> Any:
    """``1 / x`` where ``x > 0`` and ``0`` elsewhere (the derivative of :func:`safe_log`)."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, 1.0 / np.where(positive, x, 1.0), 0.0)[()]
