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

The same holds for every solve of a matrix: :func:`solution_reach` is forward mode's support of
``np.linalg.solve``'s, ``scipy.linalg.solve``'s and the triangular, Cholesky and LU solves'
solutions, from the matrix each solves with (:func:`triangular_system`, :func:`cho_system`,
:func:`lu_system`), and :func:`triangular_reached`, :func:`cho_reached` and :func:`lu_reached` keep
the triangular, Cholesky and LU adjoints' own solver where the cotangent is finite, building that
matrix only where it is not (``grad``, ``jvp`` and ``hvp`` of ``np.sum(np.sqrt(
np.linalg.solve(blocks, np.where(b > 0.5, b, 0.0))))`` were NaN at every selected ``b``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .item_masks import ItemMasks
from .symmetric_reads import lu_rows
from .triangular import as_lower, transposed_if, triangle


def banded_reach(l_and_u: Any, ab: Any, x: Any, where: Any) -> Any:
    """The mask of the tangent of ``x = scipy.linalg.solve_banded(l_and_u, ab, b)``, where the
    tangent ``r`` of its right-hand side may be non-zero by ``where`` (a mask broadcasting to
    ``x``'s shape): the rows that reach such a row along the band's non-zero entries
    (``a[i, j] = ab[u + i - j, j]``), one step at a time, until no row is added."""
    low, up = (int(k) for k in l_and_u)
    held = np.array(np.broadcast_to(np.not_equal(where, 0), np.shape(x)), dtype=bool)
    if not held.size:  # (an empty system: nothing to reach)
        return held
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


def solution_reach(a: Any, x: Any, where: Any, *operands: Any, **keywords: Any) -> Any:
    """The mask of the tangent of ``x = solve(a, r)`` for the matrix ``a`` a solve sees (a stack:
    everywhere), where the tangent of ``r`` may be non-zero by ``where``: the rows that reach such
    a row along ``a``'s non-zero entries (``np.linalg.solve``, ``scipy.linalg.solve``, the
    triangular, Cholesky and LU solves: ``a`` is then the helper building their matrix from
    ``operands`` and ``keywords``, :func:`triangular_system`, :func:`cho_system`,
    :func:`lu_system`, called only where some row of ``r`` is 0 by structure)."""
    held = np.array(np.broadcast_to(np.not_equal(where, 0), np.shape(x)), dtype=bool)
    if held.all():  # (every row reaches itself: no matrix to read)
        return held
    if operands:
        a = a(*operands, **keywords)
    if np.ndim(a) != 2 or held.ndim not in (1, 2) or len(held) != len(a) or not held.size:
        return np.ones(np.shape(x), dtype=bool)  # (an empty system too: nothing to reach)
    rows = held.reshape(len(held), -1).copy()
    linked = np.not_equal(a, 0)
    for column in rows.T:  # (a view: each column grown in place, from the rows last added)
        added = column.copy()
        while np.any(added):  # (row i reaches a row it links to: n * n work in all)
            added = np.any(linked[:, added], axis=1) & ~column
            column |= added
    return rows.reshape(np.shape(held))


def lstsq_masks(a: Any, result: Any, where: Any) -> Any:
    """The masks of the tangent of ``result = np.linalg.lstsq(a, b)``, one per item: the
    solution ``(a.T @ a)^-1 @ a.T @ r`` may be non-zero at the rows that reach, along the non-zero
    entries of ``a.T @ a``, a row that ``a.T`` links to a row where the tangent ``r`` of ``b`` may
    be non-zero (``where``); the residuals, rank and singular values anywhere."""
    held, x = np.not_equal(where, 0), result[0]
    if np.ndim(a) != 2 or np.ndim(held) == 0:
        rows = np.full(np.shape(x), bool(held) or np.ndim(a) != 2)
    else:
        columns = np.reshape(held, (len(held), -1)).astype(float)
        linked = (np.not_equal(a, 0).T.astype(float) @ columns > 0).reshape(
            np.shape(a)[1:] + np.shape(held)[1:])
        rows = solution_reach(np.transpose(a) @ a, x, linked)
    return ItemMasks([rows, np.full(np.shape(result[1]), True), True,
                      np.full(np.shape(result[3]), True)])


def reached_solve(a: Any, g: Any) -> Any:
    """``np.linalg.solve(a, g)`` for a matrix ``a`` and a vector or matrix ``g``, where an inf
    or NaN of ``g`` reaches only the rows of the solution that walk to its row along ``a``'s
    non-zero entries (the others: ``(a^-1)[j, i]`` is 0 by structure, not ``0 * inf``)."""
    bad = ~np.isfinite(g)
    if np.ndim(a) != 2 or not np.any(bad):
        return np.linalg.solve(a, g)
    return _reach_added(np.linalg.solve(a, np.where(bad, 0.0, g)), a, g, bad)


def triangular_reached(solution: Any, a: Any, g: Any, trans: Any = 0, lower: Any = False,
                       unit_diagonal: Any = False) -> Any:
    """The adjoint's solve of ``scipy.linalg.solve_triangular(a, b, trans, lower,
    unit_diagonal)``: ``solution``, of ``m.T @ solution = g`` for the matrix ``m`` that solve
    sees (:func:`triangular_system`), as the triangular solver gave it where ``g`` is finite;
    else :func:`reached_solve` of ``m.T``, built only then."""
    if np.ndim(a) != 2 or np.all(np.isfinite(g)):  # (a stack: the solver's, as it is)
        return solution
    return reached_solve(np.swapaxes(triangular_system(a, trans, lower, unit_diagonal), -1, -2), g)


def cho_reached(solution: Any, c_and_lower: Any, g: Any) -> Any:
    """The adjoint's solve of ``scipy.linalg.cho_solve(c_and_lower, b)``: ``solution``, of ``l @
    l.T @ solution = g``, as the Cholesky solver gave it where ``g`` is finite; else
    :func:`reached_solve` of :func:`cho_system` (``n^3`` work: built only then)."""
    if np.ndim(c_and_lower[0]) != 2 or np.all(np.isfinite(g)):
        return solution
    return reached_solve(cho_system(c_and_lower), g)


def lu_reached(solution: Any, lu_and_piv: Any, g: Any, trans: Any = 0) -> Any:
    """The adjoint's solve of ``scipy.linalg.lu_solve(lu_and_piv, b, trans)``: ``solution``, of
    ``m.T @ solution = g`` for the matrix ``m`` that solve sees (:func:`lu_system`), as the LU
    solver gave it where ``g`` is finite; else :func:`reached_solve` of ``m.T``, built only then.

    The helpers of the three solves take their factors, not the matrix: the adjoints called for
    every gradient built the matrix, ``n^3`` work for ``cho_solve`` and ``lu_solve`` where the
    solve is ``n^2`` (``grad`` of a ``cho_solve`` at ``n = 600`` spent 9.0 of its 11.3 ms there),
    that an inf or NaN of ``g`` alone reads.
    """
    if np.ndim(lu_and_piv[0]) != 2 or np.all(np.isfinite(g)):
        return solution
    return reached_solve(np.swapaxes(lu_system(lu_and_piv, trans), -1, -2), g)


def _reach_added(out: Any, a: Any, g: Any, bad: Any) -> Any:
    """``out`` (the solution for ``g``'s finite entries) with each non-finite entry of ``g``
    added to the rows that walk to its row only."""
    walks = np.not_equal(a, 0) | np.eye(len(a), dtype=bool)
    while True:  # (walks[j, i]: j reaches i; doubled in length each time)
        longer = walks | (walks.astype(float) @ walks.astype(float) > 0)
        if np.array_equal(longer, walks):
            break
        walks = longer
    columns, bad = np.reshape(g, (len(a), -1)), np.reshape(bad, (len(a), -1))
    chosen = walks[:, :, np.newaxis] & bad[np.newaxis]
    terms = np.multiply(np.linalg.inv(a)[:, :, np.newaxis], columns[np.newaxis],
                        out=np.zeros(np.shape(chosen), np.result_type(out)), where=chosen)
    return out + np.reshape(np.sum(terms, axis=1), np.shape(out))


def triangular_system(a: Any, trans: Any = 0, lower: Any = False, unit_diagonal: Any = False
                      ) -> Any:
    """The matrix ``scipy.linalg.solve_triangular(a, b, trans, lower, unit_diagonal)`` solves
    with: ``a``'s triangle (ones on its diagonal for ``unit_diagonal``), transposed for
    ``trans``."""
    m = triangle(a, lower, unit_diagonal)
    if unit_diagonal:
        m = m + np.eye(np.shape(a)[-1], dtype=m.dtype)
    return transposed_if(m, trans)


def cho_system(c_and_lower: Any) -> Any:
    """The matrix ``l @ l.T`` ``scipy.linalg.cho_solve`` solves with, from its factor."""
    low = as_lower(triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
    return low @ np.swapaxes(low, -1, -2)


def lu_system(lu_and_piv: Any, trans: Any = 0) -> Any:
    """The matrix ``p.T @ l @ u`` ``scipy.linalg.lu_solve`` solves with (transposed for
    ``trans``), from ``scipy.linalg.lu_factor``'s packed factors and pivots."""
    lu, piv = lu_and_piv
    low = np.tril(lu, -1) + np.eye(np.shape(lu)[-1], dtype=np.result_type(lu))
    return transposed_if((low @ np.triu(lu))[np.argsort(lu_rows(piv))], trans)
