"""NumPy written the way other projects write it (idioms30, part six): the edges of the same
domains, where a derivative is easy to get silently wrong or NaN: ``eigh``/``eigvalsh``/
``cholesky`` of a matrix that is not symmetric (NumPy reads one triangle), ``pinv(...,
hermitian=True)``, the "double where" guard of a square root and of ``sin(x)/x`` at 0, a
squared norm or spectrum at 0, ``np.fft.rfft(x, n)`` padded and cropped with ``norm=``,
``np.median`` of an even count, ``np.quantile(method='midpoint')``, ``np.searchsorted(sorter=)``,
``np.sort(axis=None)``, ``take_along_axis`` of an ``argsort``, fancy writes with repeated
indices, ``np.add.at`` of rows and negative indices."""

from __future__ import annotations

import numpy as np
from scipy import linalg as sla


def eigvalsh_lower_only(A):
    """NumPy reads the lower triangle only (UPLO='L'); A is not symmetric."""
    w = np.linalg.eigvalsh(A)
    return w @ np.arange(1.0, len(w) + 1)


def eigh_upper(A):
    w, V = np.linalg.eigh(A, UPLO="U")
    return np.sum(w ** 2) + np.sum(V[:, -1] ** 4)


def cholesky_lower_only(A):
    L = np.linalg.cholesky(A @ A.T * 0.0 + A + 3.0 * np.eye(len(A)))
    return np.sum(np.log(np.diag(L))) + np.sum(L[1:, 0] ** 2)


def scipy_eigh_lower(A):
    w = sla.eigh(A, eigvals_only=True, lower=False)
    return np.sum(w * np.array([0.5, 1.0, 2.0]))


def pinv_hermitian(A, b):
    return b @ np.linalg.pinv(A + 2.0 * np.eye(len(b)), hermitian=True) @ b


def double_where_sqrt(x):
    safe = np.where(x > 0, x, 1.0)
    return np.sum(np.where(x > 0, np.sqrt(safe), 0.0) * x)


def single_where_sqrt(x):
    with np.errstate(invalid="ignore"):
        return np.sum(np.where(x > 0, np.sqrt(x), 0.0))


def sinc_guarded(x):
    safe = np.where(x == 0, 1.0, x)
    return np.sum(np.where(x == 0, 1.0, np.sin(safe) / safe))


def squared_norm_at_zero(v, w):
    d = v - w
    return np.linalg.norm(d) ** 2 + np.hypot(d[0], d[1]) ** 2


def spectrum_with_zero_bin(x):
    X = np.fft.rfft(x - x.mean())
    return np.sum(np.abs(X) ** 2)


def rfft_pad_crop(x):
    padded = np.fft.rfft(x, n=8, norm="ortho")
    cropped = np.fft.rfft(x, n=4, norm="forward")
    back = np.fft.irfft(padded, n=7)
    return np.sum(np.abs(padded) ** 2) + np.sum(cropped.real * cropped.imag) + back @ back


def median_even_axis(M):
    return np.sum(np.median(M, axis=0) ** 2) + np.median(M)


def quantile_midpoint(x):
    return np.sum(np.quantile(x, [0.3, 0.7], method="midpoint") ** 2)


def searchsorted_sorter(x, table):
    order = np.argsort(table)
    idx = np.searchsorted(table, x, sorter=order)
    idx = np.clip(idx, 1, len(table) - 1)
    lo, hi = table[order[idx - 1]], table[order[idx]]
    return np.sum((x - lo) / (hi - lo))


def sort_flat_weights(M):
    s = np.sort(M, axis=None)
    return s @ np.linspace(0.1, 1.0, s.size)


def argsort_take_along(M):
    order = np.argsort(M, axis=1)
    s = np.take_along_axis(M, order, axis=1)
    return np.sum(s[:, -1] - s[:, 0]) + np.sum(np.cumsum(s, axis=1) ** 2)


def repeated_fancy_write(x):
    out = np.zeros(5)
    out[[0, 2, 2, 4]] = x  # (the last write of 2 wins)
    return out @ np.arange(1.0, 6.0) + np.sum(out ** 3)


def repeated_inplace_ops(x, v):
    y = x.copy()
    y[[1, 1, 3]] -= v  # (buffered: index 1 changed once)
    y[y > 0.5] *= 2.0
    return np.sum(y ** 2)


def add_at_rows_negative(M, rows):
    acc = np.zeros((4, M.shape[1]))
    np.add.at(acc, rows, M)
    np.add.at(acc, (-1, slice(None)), M[0])
    return np.sum(acc ** 2) + np.sum(np.bincount(rows % 4, weights=M[:, 0], minlength=4) ** 2)
