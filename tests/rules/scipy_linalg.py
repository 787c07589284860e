"""Rule-table rows of ``tangentish/rules/scipy_linalg.py`` (collected only when SciPy is installed):
triangular solves with every flag and both shapes of right-hand side, and the Cholesky factor (of a
symmetric positive-definite matrix made in the function, as its convention reads one); inverse,
determinant, general / symmetric / positive-definite solves and the Cholesky factor-and-solve pair
of any matrix (the triangle read; exact for a matrix that is not symmetric too), the exponential."""

from __future__ import annotations

import inspect

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


def sl_inv_det(a):
    a = a + 3.0 * EYE3
    return np.sum(sla.inv(a) * W33) + sla.det(a) + sla.det(a, check_finite=False) ** 2


def sl_solve(a, b):  # a is not symmetric: the symmetric solves read one triangle of it
    a = a + 3.0 * EYE3
    return (np.sum(sla.solve(a, b) * W3) + np.sum(sla.solve(a, b, assume_a="gen") ** 2)
            + np.sum(sla.solve(a, b, assume_a="sym") * W3)
            + np.sum(sla.solve(a, b, lower=True, assume_a="pos") ** 2)
            + np.sum(sla.solve(a, b, True, assume_a="symmetric") * W3))


def sl_solve_matrix(a, b):
    spd = a @ a.T + 2.0 * EYE3
    return np.sum(sla.solve(spd, b, assume_a="pos") * W32) + np.sum(sla.solve(a + 3.0 * EYE3, b) ** 2)


def sl_cho_factor_solve(x, y):  # a Gaussian process's likelihood, written with cho_factor
    cov = x @ x.T + 2.0 * EYE3
    c, low = sla.cho_factor(cov)
    alpha = sla.cho_solve((c, low), y)
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(c)))


def sl_cho_factor_lower(a, b):  # any matrix: the lower triangle read; the rest of c: a or zeros
    factor = sla.cho_factor(a + 3.0 * EYE3, lower=True)
    return (np.sum(sla.cho_solve(factor, b) * W32) + np.sum(factor[0] * W33)
            + np.sum(sla.cho_factor(a + 3.0 * EYE3)[0] ** 2))


def sl_expm(a):
    return np.sum(sla.expm(a) * W33) + np.sum(sla.expm(0.5 * a.T) ** 2)


def sl_sqrtm(a):  # a symmetric positive definite matrix, and a non-symmetric one with the real
    # eigenvalues 1, 2, 3 (SciPy before 1.16 gives the root of a real matrix with complex ones
    # in complex128, which the rule refuses)
    s = EYE3 + 0.2 * a
    return (np.sum(sla.sqrtm(a @ a.T + EYE3) * W33)
            + np.sum(sla.sqrtm(s @ np.diag([1.0, 2.0, 3.0]) @ np.linalg.inv(s)) ** 2))


def sl_structured(c, r):  # toeplitz, hankel, circulant of vectors, with and without r
    return (np.sum(sla.toeplitz(c, r) * np.arange(12.0).reshape(3, 4))
            + np.sum(sla.toeplitz(c) ** 2 * W33) + np.sum(sla.hankel(c, r) ** 2)
            + np.sum(sla.hankel(r) * np.arange(16.0).reshape(4, 4))
            + np.sum(sla.circulant(r) @ r) + np.sum(sla.toeplitz(c[:1], r[:1]) ** 3)
            + sl_structured_empty(c, r))


def sl_structured_empty(c, r):  # a vector of length 0: a matrix with no row or no column (calls
    return (np.sum(sla.toeplitz(c, r[:0]) ** 2) + np.sum(sla.toeplitz(c[:0], r) ** 2)  # 633/24)
            + np.sum(sla.toeplitz(c[:0])) + np.sum(sla.hankel(c, r[:0]) ** 2)
            + np.sum(sla.hankel(c[:0], r) ** 2))


def sl_block_diag(a, b, c):  # blocks of three ranks (a row for a vector, 1x1 for a scalar)
    four = sla.block_diag(a, b, c, a.T * c)
    return (np.sum(sla.block_diag(a, b, c) * np.arange(24.0).reshape(4, 6)) + np.sum(four ** 2)
            + np.sum(sla.block_diag(b) * b ** 2))


ROWS: list[Row] = [
    Row(sl_solve_triangular, ((3, 3), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(sl_solve_triangular_matrix, ((3, 3), (3, 2)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(sl_cholesky, ((3, 3),)),
    Row(sl_gaussian_log_likelihood, ((3, 3), (3,)), wrt=(0, 1)),
    Row(sl_inv_det, ((3, 3),), domain=(-1.0, 1.0)),
    Row(sl_cho_factor_solve, ((3, 3), (3,)), wrt=(0, 1)),
    Row(sl_cho_factor_lower, ((3, 3), (3, 2)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(sl_expm, ((3, 3),), domain=(-1.0, 1.0)),
    Row(sl_sqrtm, ((3, 3),), domain=(-1.0, 1.0)),
    Row(sl_block_diag, ((2, 2), (3,), float), wrt=(0, 1, 2)),
    Row(sl_structured, ((3,), (4,)), wrt=(0, 1)),
]
if "sym_pos" not in inspect.signature(sla.solve).parameters:  # SciPy >= 1.11 (see the rule)
    ROWS += [Row(sl_solve, ((3, 3), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
             Row(sl_solve_matrix, ((3, 3), (3, 2)), wrt=(0, 1), domain=(-1.0, 1.0))]


def sl_expm_of_a_number(x):  # (SciPy's expm of a 0-d array is a 1x1 matrix: np.cov of a vector)
    return np.sum(sla.expm(np.cov(x)) ** 2) + np.sum(sla.expm(x[0] * x[1]))


ROWS.append(Row(sl_expm_of_a_number, ((3,),), domain=(-1.0, 1.0)))


def _stacks_blocks() -> bool:
    try:  # (SciPy >= 1.17 stacks blocks of more than two axes; before, it raises)
        return sla.block_diag(np.ones((2, 1, 1))).shape == (2, 1, 1)
    except ValueError:
        return False


def sl_block_diag_stacked(a, b):  # blocks (2, 2, 3) and (3, 2), broadcast over the leading axis
    return np.sum(sla.block_diag(a, b, b[0]) * np.arange(84.0).reshape(2, 6, 7) ** 0.5)


if _stacks_blocks():
    ROWS.append(Row(sl_block_diag_stacked, ((2, 2, 3), (3, 2)), wrt=(0, 1)))


def sl_lu(a, b):  # rows swapped by the pivots (the diagonal is not the largest)
    factor = sla.lu_factor(a + np.array([[0.1, 3.0, 0.0], [3.0, 0.2, 0.5], [0.0, 0.4, 3.0]]))
    return (np.sum(sla.lu_solve(factor, b) * W32) + np.sum(sla.lu_solve(factor, b, trans=1) ** 2)
            + np.sum(sla.lu_solve(factor, b, 2) * W32) + np.sum(factor[0] * W33))


ROWS.append(Row(sl_lu, ((3, 3), (3, 2)), wrt=(0, 1), domain=(-0.5, 0.5)))


def sl_eigh(a):  # (scipy.linalg's spectral functions: sign-free uses of the eigenvectors)
    w, v = sla.eigh(a + a.T + np.diag([0.0, 2.0, 4.0]))
    return (np.sum(w * W3) + np.sum(v ** 2 * W33)
            + np.sum(sla.eigh(a, lower=False)[0] ** 2) + np.sum(sla.eigvalsh(a) * W3)
            + np.sum(sla.eigvalsh(a, lower=False) ** 2) + np.sum(sla.eigh(a, eigvals_only=True) * W3)
            + np.sum(sla.eigvalsh(a, subset_by_index=[1, 2]) ** 2)
            + np.sum(sla.eigh(a, lower=False, eigvals_only=True, subset_by_index=(0, 1)) * W3[:2]))


def sl_svd(a):
    u, s, vh = sla.svd(a, full_matrices=False)
    return (np.sum(s * W3[:2]) + np.sum(u ** 2 * W32) + np.sum(vh ** 2 * W33[:2, :2])
            + np.sum(sla.svd(a, compute_uv=False) ** 2) + np.sum(sla.svdvals(a.T) * W3[:2]))


def sl_norm(a):
    return (sla.norm(a) + np.sum(sla.norm(a, axis=0) * W3[:2]) + sla.norm(a, 1)
            + np.sum(sla.norm(a, 3, axis=1, keepdims=True) ** 2) + sla.norm(a, "nuc"))


def sl_pinv(a):  # tall and wide, of full rank at SciPy's cutoff
    return np.sum(sla.pinv(a) * W32.T) + np.sum(sla.pinv(a.T) ** 2)


ROWS += [Row(sl_eigh, ((3, 3),), domain=(-1.0, 1.0)), Row(sl_svd, ((3, 2),)),
         Row(sl_norm, ((3, 2),)), Row(sl_pinv, ((3, 2),))]
