"""Linear algebra: the few pieces the adjoints of ``eigh``, ``svd`` and ``solve`` cannot say in one
NumPy call.  Everything else in those adjoints is plain NumPy (``np.linalg.solve``, ``@``,
``np.swapaxes``) written in the rules."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _gradient_dtype, _scalar_if_0d


def gap_inverse(w: Any) -> np.ndarray:
    """``F[..., i, j] = 1 / (w[..., j] - w[..., i])`` off the diagonal and ``0`` where the two are
    equal (a repeated eigenvalue: the convention that the loss does not depend on the choice of
    basis inside its eigenspace)."""
    w = np.asarray(w, dtype=_gradient_dtype(w))
    gap = w[..., np.newaxis, :] - w[..., :, np.newaxis]
    zero = gap == 0
    return np.where(zero, 0.0, 1.0 / np.where(zero, 1.0, gap)).astype(w.dtype, copy=False)


def solve_columns(v: Any, a: Any) -> np.ndarray:
    """``v`` as ``np.linalg.solve(a, v)`` reads it: a stack of columns (``v[..., None]`` when it is a
    vector: 1-D on NumPy >= 2, ``v.ndim == a.ndim - 1`` before)."""
    v = np.asarray(v)
    vector = v.ndim == 1 if np.lib.NumpyVersion(np.__version__) >= "2.0.0" \
        else v.ndim == np.ndim(a) - 1
    return v[..., np.newaxis] if vector else v


def thin_svd(a: Any, full_matrices: Any = True) -> None:
    """Refuse the adjoint of a full (not thin) SVD of a non-square matrix: the extra singular
    vectors are not determined by ``a``."""
    shape = np.shape(a)
    if full_matrices and shape[-1] != shape[-2]:
        raise UnsupportedConstructError(
            "np.linalg.svd with full_matrices=True of a non-square matrix has no derivative: its "
            "extra singular vectors are not unique", hint="pass full_matrices=False")



def thin_only(u: Any, a: Any, full_matrices: Any = True) -> Any:
    """``u`` unchanged; refuses (see :func:`thin_svd`) a full SVD of a non-square matrix."""
    thin_svd(a, full_matrices)
    return u


def tall_only(q: Any, a: Any) -> Any:
    """``q`` unchanged; refuses the QR adjoint of a wide matrix (more columns than rows), whose
    ``R`` is not square."""
    shape = np.shape(a)
    if shape[-2] < shape[-1]:
        raise UnsupportedConstructError(
            "np.linalg.qr of a matrix with more columns than rows is not differentiated",
            hint="differentiate the QR of its transpose, or of a tall matrix")
    return q


def matrix_power_tangent(t: Any, a: Any, n: int) -> Any:
    """Tangent of ``np.linalg.matrix_power(a, n)`` along ``t``: ``sum_k a**k t a**(n-1-k)`` (for a
    negative ``n``, of ``inv(a)`` to ``-n`` with ``d inv(a) = -inv(a) t inv(a)``).  With ``a``
    transposed it is the adjoint."""
    n = int(n)
    a = np.asarray(a, dtype=_gradient_dtype(a))
    t = np.asarray(t, dtype=np.result_type(t, a))
    if n < 0:
        a = np.linalg.inv(a)
        t, n = -(a @ t @ a), -n
    total = np.zeros(np.broadcast_shapes(a.shape, t.shape), dtype=t.dtype)
    powers = [np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape)]
    for _ in range(max(n - 1, 0)):
        powers.append(powers[-1] @ a)
    for k in range(n):
        total = total + powers[k] @ t @ powers[n - 1 - k]
    return total


def part(cotangent: Any, result: Any, i: int) -> Any:
    """Item ``i`` of the cotangent of a tuple ``result`` (``eigh``, ``svd``, ``qr``, ``slogdet``),
    shaped like ``result[i]``: an item nothing flowed into is ``0.0`` there, and the cotangent is a
    tuple or an object array of items."""
    item = cotangent[i]
    like = result[i]
    dtype = np.result_type(_gradient_dtype(like), np.asarray(item).dtype if np.asarray(
        item).dtype != object else _gradient_dtype(like))
    return _scalar_if_0d(np.array(np.broadcast_to(np.asarray(item, dtype=dtype), np.shape(like))))
