"""What the adjoints of ``scipy.signal``'s N-dimensional convolutions need (``convolve``,
``correlate``, ``fftconvolve``, ``oaconvolve``, ``convolve2d``, ``correlate2d``; imported only by
derivatives of those, so SciPy is imported here only where the user's code imported it).

``y = convolve(in1, in2, mode)`` is bilinear: ``y_full[m] = sum_n in1[n] * in2[m - n]``, and the
``same``/``valid`` outputs are the full one's centered part (SciPy's ``_centered``: it starts at
``(full - out) // 2`` on each axis).  The adjoint in ``in1`` is the gradient put back in the full
output and correlated with ``in2`` over the valid part (:func:`unconvolve_first`), in ``in2`` the
same with ``in1`` (:func:`unconvolve_second`).  Each is linear in the gradient and in the operand it
correlates with, and the two are each other's adjoints there: rules/runtime_families.py.

    >>> unconvolve_first(np.ones(4), np.ones(3), np.array([1.0, 2.0]), "full")
    array([3., 3., 3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import _gradient_dtype, _scalar_if_0d, _shape


def _full(g: Any, in1: Any, in2: Any) -> np.ndarray:
    """``g`` put back where its ``mode`` took it from the full output (zeros elsewhere)."""
    s1, s2 = _shape(in1), _shape(in2)
    shape = tuple(a + b - 1 for a, b in zip(s1, s2, strict=True))
    g = np.asarray(g)
    dtype = np.result_type(g.dtype, _gradient_dtype(in1), _gradient_dtype(in2))
    full = np.zeros(shape, dtype=dtype)
    if g.ndim == 0 and len(shape) > 0:  # (a gradient 0.0 of an unused result)
        return full
    start = [(n - m) // 2 for n, m in zip(shape, g.shape, strict=True)]
    full[tuple(slice(s, s + m) for s, m in zip(start, g.shape, strict=True))] = g
    return full


def _correlate_valid(full: np.ndarray, kernel: Any) -> np.ndarray:
    from scipy.signal import correlate

    return correlate(full, np.asarray(kernel, dtype=full.dtype), mode="valid", method="direct")


def unconvolve_first(g: Any, in1: Any, in2: Any, mode: str = "full") -> Any:
    """Adjoint of ``scipy.signal.convolve(in1, in2, mode)`` with respect to ``in1`` (of its shape):
    ``g`` in the full output, correlated with ``in2``."""
    return _scalar_if_0d(_correlate_valid(_full(g, in1, in2), in2))


def unconvolve_second(g: Any, in1: Any, in2: Any, mode: str = "full") -> Any:
    """Adjoint of ``scipy.signal.convolve(in1, in2, mode)`` with respect to ``in2`` (of its shape):
    ``g`` in the full output, correlated with ``in1``."""
    return _scalar_if_0d(_correlate_valid(_full(g, in1, in2), in1))


def convolve_in(in1: Any, in2: Any, mode: str = "full") -> Any:
    """``scipy.signal.convolve(in1, in2, mode)`` (the transpose of the adjoints above in the
    gradient, for derivatives of derivatives)."""
    from scipy.signal import convolve

    return convolve(in1, in2, mode=mode)


def lagged(u: Any, s: Any, n: int, axis: int = -1) -> np.ndarray:
    """``[sum(u * s delayed by k along axis) for k in range(n)]`` (``s`` shifted by ``k``, zeros
    shifted in; summed over every element): the adjoint of ``scipy.signal.lfilter(b, a, x)`` in
    ``b`` is ``lagged(u, x, len(b))`` and in ``a`` ``-lagged(u, y, len(a))``, ``u`` the gradient
    filtered backwards by ``1 / a`` (from ``a * y = b * x``: ``a * dy = db * x - da * y``).

    >>> lagged(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0]), 4)
    array([6., 5., 3., 0.])
    """
    u, s = np.moveaxis(np.asarray(u), axis, -1), np.moveaxis(np.asarray(s), axis, -1)
    length = s.shape[-1]
    out = np.zeros(n, dtype=np.result_type(u, s, float))
    for k in range(min(n, length)):
        out[k] = np.sum(u[..., k:] * s[..., :length - k])
    return out
