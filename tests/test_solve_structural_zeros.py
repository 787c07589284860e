"""Linear solves meet the zeros of their solutions by structure as zeros, not ``0 * inf``.

``x = solve(A, b)`` with ``A`` block-diagonal (or triangular) and ``b`` zero by selection in a
block (or its first rows) has exact zeros where no row of ``b`` that varies is reached along
``A``'s non-zero entries; ``np.sqrt`` of them has an infinite partial there.  Forward mode keeps
the tangent 0 on those rows (``_rt.solution_reach``: passes/supports_factors.py), reverse mode
sends each inf of the adjoint only to the rows that reach it (``_rt.reached_solve``,
``_rt.cho_reached`` and friends: runtime/solve_reach.py); ``grad``, ``jvp`` and ``hvp`` gave NaN on every row.
``np.linalg.lstsq`` likewise, along ``a.T @ a`` and ``a`` (``_rt.lstsq_masks``, ``_rt.reached_product``),
and ``np.linalg.inv(a) @ u``: ``@`` reaches along its value operand's non-zero entries.
One function joins the solves (a test per mode); the references are central differences (a
second difference along the direction for ``hvp``).
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

import tangentish

BLOCKS = np.array([[2.0, 0.5, 0.0, 0.0], [0.3, 1.5, 0.0, 0.0],
                   [0.0, 0.0, 1.7, 0.2], [0.0, 0.0, 0.4, 2.2]])
LOWER = np.array([[2.0, 9.0, 9.0, 9.0], [0.3, 1.5, 9.0, 9.0],  # (the 9s: never read)
                  [0.2, 0.1, 1.7, 9.0], [0.4, 0.3, 0.4, 2.2]])
SPD = BLOCKS @ BLOCKS.T
TALL = np.vstack([BLOCKS, BLOCKS.T])  # (a least-squares fit: a.T @ a block-diagonal too)
B = np.array([0.8, 0.6, 0.2, 0.3])


def solves(b):
    u = np.where(b > 0.5, b, 0.0)  # (b[2:] selected 0: the blocks' second solution 0)
    w = u[::-1]  # (its first rows 0: a lower-triangular solution's first rows 0)
    return (np.sum(np.sqrt(np.linalg.solve(BLOCKS, np.stack([u, 2.0 * u], axis=1))))
            + np.sum(np.sqrt(sla.solve(SPD, u, assume_a="pos")))
            + np.sum(np.sqrt(sla.solve_triangular(LOWER, w, lower=True)))
            + np.sum(np.cbrt(sla.solve_triangular(LOWER.T, w, trans=1, unit_diagonal=True)))
            + np.sum(np.sqrt(sla.cho_solve(sla.cho_factor(SPD), u)))
            + np.sum(np.sqrt(sla.lu_solve(sla.lu_factor(BLOCKS), u)))
            + np.sum(np.sqrt(sla.lu_solve(sla.lu_factor(BLOCKS.T), u, trans=1)))
            + np.sum(np.sqrt(np.linalg.lstsq(BLOCKS, u, rcond=None)[0]))
            + np.sum(np.sqrt(np.linalg.lstsq(TALL, np.concatenate([u, 0.5 * u]), rcond=None)[0]))
            + np.sum(np.sqrt(np.linalg.inv(BLOCKS) @ u))
            + np.sum(np.sqrt(np.linalg.inv(BLOCKS) @ np.stack([u, w[::-1]], axis=1))))


def central(f, b, v, h=1e-6):
    return (f(b + h * v) - f(b - h * v)) / (2 * h)


V = np.array([0.3, -0.2, 0.5, 0.1])


def test_gradient_at_a_solutions_structural_zeros():
    reference = [central(solves, B, e) for e in np.eye(4)]
    np.testing.assert_allclose(tangentish.grad(solves)(B), reference, rtol=1e-5, atol=1e-7)


def test_tangent_at_a_solutions_structural_zeros():
    _, tangent = tangentish.jvp(solves)(B, b_dot=V)
    np.testing.assert_allclose(tangent, central(solves, B, V), rtol=1e-5, atol=1e-7)


def test_curvature_at_a_solutions_structural_zeros():
    h = 1e-4
    second = (solves(B + h * V) - 2.0 * solves(B) + solves(B - h * V)) / h ** 2
    product = tangentish.hvp(solves)(B, V)
    assert np.all(np.isfinite(product))
    np.testing.assert_allclose(V @ product, second, rtol=1e-4)


def empty_solves(b):  # (no entry above 10: every system empty, as calls fuzz seed 1786/3's)
    m = np.nonzero(b > 10.0)[0] + np.mean(b)
    a = np.outer(m, m) + np.eye(len(m))
    return (np.sum(np.linalg.solve(a, m)) + np.sum(sla.solve_triangular(a, m, lower=True))
            + np.sum(np.linalg.cholesky(a)) + np.sum(b ** 3))


def test_an_empty_system_reaches_nothing():
    """The reach of an empty solve's tangent is empty (_rt.solution_reach reshaped an empty
    mask to ``(0, -1)``: a raw ValueError in jvp and hvp)."""
    from tangentish.runtime.solve_reach import banded_reach, solution_reach

    for x in (np.zeros(0), np.zeros((0, 2))):
        assert solution_reach(np.zeros((0, 0)), x, 1.0).shape == x.shape
        assert banded_reach((1, 1), np.zeros((3, 0)), x, 1.0).shape == x.shape
    _, tangent = tangentish.jvp(empty_solves)(B, b_dot=V)
    np.testing.assert_allclose(tangent, 3.0 * B ** 2 @ V, rtol=1e-12)
    np.testing.assert_allclose(tangentish.hvp(empty_solves)(B, V), 6.0 * B * V, rtol=1e-12)
