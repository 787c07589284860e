"""Rule-table rows of ``tangentish/rules/scipy_linalg.py`` (collected only when SciPy is installed):
triangular solves with every flag and both shapes of right-hand side, and the Cholesky factor (of a
symmetric positive-definite matrix made in the function, as its convention reads one)."""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from .common import W3, W32, W33, Row

EYE3 = np.eye(3)


def sl_solve_triangular(a, b):
    a = a + 3.0 * EYE3  # (well away from singular)
    return (np.sum(sla.solve_triangular(a, b) * W3)
            + np.sum(sla.solve_triangular(a, b, lower=True) ** 2)
            + np.sum(sla.solve_triangular(a, b, trans=1, lower=True) * W3)
            + np.sum(sla.solve_triangular(a, b, trans="T") ** 2)
            + np.sum(sla.solve_triangular(a, b, 2, True, True) * W3)
            + np.sum(sla.solve_triangular(a, b, unit_diagonal=True) ** 2))


def sl_solve_triangular_matrix(a, b):
    a = a + 3.0 * EYE3
    return np.sum(sla.solve_triangular(a, b, lower=True) * W32) + np.sum(
        sla.solve_triangular(a, b, trans="N") ** 2)


def sl_cholesky(x):
    spd = x @ x.T + 3.0 * EYE3
    return np.sum(sla.cholesky(spd) * W33) + np.sum(sla.cholesky(spd, lower=True) ** 2 * W33)


def sl_gaussian_log_likelihood(x, y):  # the way a Gaussian process's likelihood is written
    cov = x @ x.T + 2.0 * EYE3
    low = sla.cholesky(cov, lower=True)
    alpha = sla.solve_triangular(low, y, lower=True)
    return 0.5 * alpha @ alpha + np.sum(np.log(np.diag(low)))


ROWS: list[Row] = [
    Row(sl_solve_triangular, ((3, 3), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(sl_solve_triangular_matrix, ((3, 3), (3, 2)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(sl_cholesky, ((3, 3),)),
    Row(sl_gaussian_log_likelihood, ((3, 3), (3,)), wrt=(0, 1)),
]
