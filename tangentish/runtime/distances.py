"""What ``scipy.spatial.distance``'s ``cdist`` and ``pdist``, lowered to NumPy calls
(``passes/distances.py``), need beyond NumPy: the points as SciPy reads them, and the pairs
``i < j`` in SciPy's order.

    >>> pair_rows(np.zeros((3, 2)), 0), pair_rows(np.zeros((3, 2)), 1)
    (array([0, 0, 1]), array([1, 2, 2]))
"""

from __future__ import annotations

from typing import Any

import numpy as np


def as_points(x: Any) -> np.ndarray:
    """``x`` as a float64 array of points, one a row (SciPy's conversion); another rank raises
    SciPy's ``ValueError``."""
    points = np.asarray(x, dtype=np.float64)
    if points.ndim != 2:
        raise ValueError("A 2-dimensional array must be passed.")
    return points


def pair_rows(points: Any, which: int) -> np.ndarray:
    """The rows ``i`` (``which`` 0) or ``j`` (1) of the pairs ``i < j`` of ``points``, in the
    order of ``pdist``'s condensed result."""
    return np.triu_indices(np.shape(points)[0], 1)[which]


def _side(like: Any) -> tuple[int, tuple[np.ndarray, np.ndarray]]:
    """The number of points of ``squareform``'s matrix (of ``like``, a condensed vector or a square
    matrix) and the positions ``i < j`` its vector holds."""
    n = int(np.ceil(np.sqrt(np.shape(like)[0] * 2))) if np.ndim(like) == 1 else np.shape(like)[0]
    return n, np.triu_indices(n, 1)


def resquareform(t: Any, like: Any) -> np.ndarray:
    """``scipy.spatial.distance.squareform`` of ``t`` in the direction it takes ``like``: the
    symmetric matrix of a condensed vector, the condensed vector (the upper triangle, unchecked)
    of a matrix; its tangent, and the transpose of :func:`unsquareform`."""
    n, upper = _side(like)
    t = np.asarray(t)
    if np.ndim(like) == 1:
        matrix = np.zeros((n, n), dtype=np.result_type(t.dtype, np.float16))
        matrix[upper] = t
        return matrix + matrix.T
    return np.broadcast_to(t, (n, n))[upper]


def unsquareform(g: Any, like: Any) -> np.ndarray:
    """Adjoint of ``squareform(like)``: for a condensed vector, each pair's two entries of ``g``
    summed; for a matrix, ``g`` in its upper triangle (the entries ``squareform`` reads)."""
    n, upper = _side(like)
    g = np.asarray(g)
    if np.ndim(like) == 1:
        g = np.broadcast_to(g, (n, n))
        return g[upper] + g.T[upper]
    matrix = np.zeros((n, n), dtype=np.result_type(g.dtype, np.float16))
    matrix[upper] = g
    return matrix
