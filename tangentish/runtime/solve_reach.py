"""Where the tangent of a linear solve may be non-zero (forward mode's supports).

``x = solve(A, b)`` has the tangent ``A^-1 r``, ``r = b_dot - A_dot @ x``.  By Cayley-Hamilton
``A^-1`` is a polynomial in ``A``, so ``(A^-1)[i, j]`` is 0 unless a walk ``i -> ... -> j`` runs
along the non-zero entries of ``A`` (``A[i, k] != 0`` links ``i`` to ``k``): the tangent is 0 by
structure at every row from which no walk reaches a row where ``r`` may be non-zero.  A diagonal
or block-diagonal ``A``, or a right-hand side that a selection left 0 in one block, keeps those
zeros; ``np.sqrt`` of such a solution meets them as zeros, not ``0 * inf``:

    >>> import numpy as np
    >>> ab = np.array([[0.0, 0.0, 1.0], [2.0, 2.0, 2.0]])  # (upper bandwidth 1: a[1, 2] = 1)
    >>> banded_reach((0, 1), ab, np.zeros(3), np.array([False, False, True]))
    array([False,  True,  True])

Reverse mode meets the same zeros from the other side: the adjoint of ``b`` is ``A^-T g``, and
where ``g`` is inf (``np.sqrt`` of a solution's zero by structure) LAPACK's substitution
multiplies that inf by the zeros of ``A`` and mixes NaN into rows ``g`` never reaches.
:func:`reached_solve` solves with ``g``'s finite entries and adds each non-finite one only to
the rows that walk to it (``grad`` of ``np.sum(np.sqrt(solve_banded((0, 0), ab, np.where(b >
0.5, b, 0.0))))`` was NaN at every selected ``b``; the selection then drops the inf rows).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def banded_reach(l_and_u: Any, ab: Any, x: Any, where: Any) -> Any:
    """The mask of the tangent of ``x = scipy.linalg.solve_banded(l_and_u, ab, b)``, where the
    tangent ``r`` of its right-hand side may be non-zero by ``where`` (a mask broadcasting to
    ``x``'s shape): the rows that reach such a row along the band's non-zero entries
    (``a[i, j] = ab[u + i - j, j]``), one step at a time, until no row is added."""
    low, up = (int(k) for k in l_and_u)
    held = np.array(np.broadcast_to(np.not_equal(where, 0), np.shape(x)), dtype=bool)
    rows = held.reshape(len(held), -1) if held.ndim else held.reshape(1, 1)
    linked = np.not_equal(ab, 0)
    count = np.shape(rows)[0]
    while True:
        grown = rows.copy()
        for step in range(-low, up + 1):  # (a[i, i + step] = ab[up - step, i + step])
            first, last = max(0, -step), min(count, count - step)
            if first < last:
                link = linked[up - step, first + step:last + step, np.newaxis]
                grown[first:last] |= link & rows[first + step:last + step]
        if np.array_equal(grown, rows):
            return rows.reshape(np.shape(held))
        rows = grown


def reached_solve(a: Any, g: Any) -> Any:
    """``np.linalg.solve(a, g)`` for a matrix ``a`` and a vector or matrix ``g``, where an inf
    or NaN of ``g`` reaches only the rows of the solution that walk to its row along ``a``'s
    non-zero entries (the others: ``(a^-1)[j, i]`` is 0 by structure, not ``0 * inf``)."""
    bad = ~np.isfinite(g)
    if np.ndim(a) != 2 or not np.any(bad):
        return np.linalg.solve(a, g)
    out = np.linalg.solve(a, np.where(bad, 0.0, g))
    walks = np.not_equal(a, 0) | np.eye(len(a), dtype=bool)
    while True:  # (walks[j, i]: j reaches i; doubled in length each time)
        longer = walks | (walks.astype(np.int64) @ walks.astype(np.int64) > 0)
        if np.array_equal(longer, walks):
            break
        walks = longer
    columns, bad = np.reshape(g, (len(a), -1)), np.reshape(bad, (len(a), -1))
    chosen = walks[:, :, np.newaxis] & bad[np.newaxis]
    terms = np.multiply(np.linalg.inv(a)[:, :, np.newaxis], columns[np.newaxis],
                        out=np.zeros(np.shape(chosen), np.result_type(out)), where=chosen)
    return out + np.reshape(np.sum(terms, axis=1), np.shape(out))
