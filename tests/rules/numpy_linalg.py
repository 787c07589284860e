"""Rule-table rows of ``tangentish/rules/numpy_linalg.py``.  Inputs are built inside each function so
that they are well conditioned (``a @ a.T + 3 I`` for a symmetric positive-definite matrix,
``a + 3 I`` for an invertible one); eigenvector and singular-vector losses are invariant to the
vectors' signs (squared or paired), as any well-posed loss is.
"""

from __future__ import annotations

import numpy as np

import tangentish.runtime as rt

from .common import W3, W32, W33, W34, W43, Row

EYE3 = np.eye(3)
_rng = np.random.default_rng(818)
W233 = _rng.standard_normal((2, 3, 3))
B3 = _rng.standard_normal(3)
W23 = _rng.standard_normal((2, 3))
STACKED_B = (3,) if np.lib.NumpyVersion(np.__version__) >= "2.0.0" else (2, 3)  # (a vector to solve)
SINGULAR3 = np.array([[1.0, -0.5, 2.0], [0.3, 1.2, -0.7], [1.3, 0.7, 1.3]])  # row 2 = row 0 + row 1


def la2_inv(x):
    return np.sum(np.linalg.inv(x + 3.0 * EYE3) * W33)


def la2_inv_batched(x):
    return np.sum(np.linalg.inv(x + 3.0 * EYE3) * W233)


def la2_det(x):
    return np.linalg.det(x + 3.0 * EYE3) + np.sum(np.linalg.det(x[np.newaxis] + 2.0 * EYE3) * 1.5)


def la2_slogdet(x):
    sign, logdet = np.linalg.slogdet(x + 3.0 * EYE3)
    return logdet * 2.0 + sign


def la2_det_singular(x):  # at a matrix of rank 2 (setup), and a stack of it with rank 1
    return np.linalg.det(x) + np.sum(np.linalg.det(np.stack([x, np.outer(x[0], x[1])])) * W3[:2])


def la2_cofactors(x, e):  # det's derivatives as helpers (at a singular x: setup)
    return np.sum(rt.cofactors(x) * W33) + np.sum(rt.cofactors_tangent(e * e, x) * W33)


def la2_cofactors_curvature(e, f):  # det's third derivative at a singular matrix, in e and f
    return np.sum(rt.cofactors_curvature(e, f * f, SINGULAR3) * W33)


def la2_nonsingular_only(t):  # slogdet's check, differentiated again (no matrix singular)
    return np.sum(rt.nonsingular_only(t * t, np.ones(3)) * W3)


def _dependent_rows(args):
    """The first argument with its last row the sum of the others (over the last two axes):
    exactly singular, of rank n - 1."""
    x = np.array(args[0])
    x[-1] = np.sum(x[:-1], axis=0)
    return [x, *args[1:]]


def la2_solve(x, b):
    return (np.sum(np.linalg.solve(x + 3.0 * EYE3, b) * W3)
            + np.sum(np.linalg.solve(x + 3.0 * EYE3, np.outer(b, b)) * W33))


def la2_solve_stacked(x, b):  # a stack of matrices, one vector b (of NumPy 2; one a matrix before)
    return np.sum(np.linalg.solve(x + 3.0 * EYE3, b) * W23)  # (x: a stack of vectors, no matrix)


def la2_cholesky(x):
    spd = x @ x.T + 3.0 * EYE3
    return np.sum(np.linalg.cholesky(spd) * W33)


def la2_eigh(x):
    sym = x + x.T
    w, v = np.linalg.eigh(sym)
    return np.sum(w * W3) + np.sum((v * v) * W33)


SPREAD3 = np.diag([1.0, 4.0, 9.0])  # (well-separated real eigenvalues for a small x: with
# 0.3 * tanh(x) added, Gershgorin's discs (radius < 0.6 about 1, 4, 9) are apart, so each holds
# one eigenvalue, real, whatever x a lane samples)


def la2_eig(x):  # a general (non-symmetric) matrix with real eigenvalues; sign-free vector loss
    w, v = np.linalg.eig(0.3 * np.tanh(x) + SPREAD3)
    return np.sum(w ** 2 * W3) + np.sum(v ** 2 * W33) + np.sum((v[:, 0] * v[:, 1]) * W3) ** 2


def la2_eig_batched(x):  # over a stack; eigenvalues only, and vectors only
    w = np.linalg.eigvals(0.3 * np.tanh(x) + SPREAD3)
    v = np.linalg.eig(0.3 * np.tanh(x[::-1]) + SPREAD3)[1]
    return np.sum(w * W233[:, :, 0]) + np.sum(v ** 2 * W233)


def la2_eigvals(x):
    return np.sum(np.linalg.eigvals(0.3 * np.tanh(x) + SPREAD3) ** 3 * W3)


def la2_eigvalsh(x):
    return np.sum(np.linalg.eigvalsh(x + x.T) ** 2 * W3)


def la2_svd(x):
    u, s, vh = np.linalg.svd(x, full_matrices=False)
    return np.sum(s * W3) + np.sum((u * u) * W43) + np.sum((vh * vh) * W33)


def la2_svd_square(x):
    u, s, vh = np.linalg.svd(x)
    return np.sum(s ** 2) + np.sum((u @ vh) * W33)


def la2_eigh_functions(x):  # functions of a symmetric matrix: one call each (Daleckii-Krein)
    w, v = np.linalg.eigh(0.3 * (x @ x.T) + np.eye(3))
    return (np.sum((v @ np.diag(np.sqrt(w)) @ v.T) * W33) + np.sum(((v * np.exp(w)) @ v.T) * W33)
            + np.sum((v @ np.diag(w ** 2) @ np.transpose(v)) * W33)
            + np.sum(((v * np.log(w)) @ v.T) * W33))


def la2_svd_functions(x):  # u diag(f(s)) vh: one call each too
    u, s, vh = np.linalg.svd(x + 3.0 * np.eye(3))
    return np.sum((u @ np.diag(np.sqrt(s)) @ vh) * W33) + np.sum(((u * s) @ vh) * W33)


def la2_svd_values(x):  # compute_uv=False: the svdvals form, by keyword and by position
    return np.sum(np.linalg.svd(x, compute_uv=False) * W3) + np.sum(
        np.linalg.svd(x[:3], False, False) ** 2 * W3)


def la2_svdvals(x):
    return np.sum(np.linalg.svdvals(x) * W3)


def la2_qr(x):
    q, r = np.linalg.qr(x)
    return np.sum((q * q) * W43) + np.sum((r * r) * W33) + np.sum((q @ r) * W43)


def la2_pinv(x):
    return np.sum(np.linalg.pinv(x) * W34)


def la2_pinv_hermitian(x):  # hermitian=True reads the lower triangle (eigh): exact for any x too
    s = x @ x.T + EYE3
    return np.sum(np.linalg.pinv(s, hermitian=True) * W33) + np.sum(
        np.linalg.pinv(x + 3.0 * EYE3, 1e-15, True) * W33)


def la2_matrix_power(x):
    return (np.sum(np.linalg.matrix_power(x, 3) * W33)
            + np.sum(np.linalg.matrix_power(x + 3.0 * EYE3, -2) * W33))


def la2_lstsq(a, b):  # tall: the solution, the residuals and the singular values
    x, residuals, rank, s = np.linalg.lstsq(a, b, rcond=None)
    return np.sum(x * W3) + 0.5 * np.sum(residuals) + np.sum(s * W3) + 0.0 * rank


def la2_lstsq_columns(a, b):  # b with two columns; a square matrix (no residuals returned)
    x = np.linalg.lstsq(a, np.outer(b, W3[:2]), rcond=None)[0]
    square = np.linalg.lstsq(a[:3] + 3.0 * EYE3, b[:3], rcond=None)
    return np.sum(x * W32) + np.sum(square[0] * W3) + np.sum(square[1])


def la2_float32_kept(a, b):  # no float64 constants: a float32 point stays float32
    x, residuals, rank, s = np.linalg.lstsq(a, b, rcond=None)
    power = np.linalg.matrix_power(a[:3] + a[3:], 3)
    return np.sum(x ** 2) + np.sum(residuals) + np.sum(s) + np.sum(power ** 2)


ROWS: list[Row] = [
    Row(la2_inv, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_inv_batched, ((2, 3, 3),), domain=(-1.0, 1.0)),
    Row(la2_det, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_slogdet, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_det_singular, ((3, 3),), domain=(-1.0, 1.0), setup=_dependent_rows),
    Row(la2_cofactors, ((3, 3), (3, 3)), wrt=(0, 1), domain=(-1.0, 1.0), setup=_dependent_rows,
        refuses_second_order="np.linalg.det four times"),
    Row(la2_cofactors_curvature, ((3, 3), (3, 3)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(la2_nonsingular_only, ((3,),)),
    Row(la2_solve, ((3, 3), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(la2_solve_stacked, ((2, 3, 3), STACKED_B), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(la2_cholesky, ((3, 3),)),
    Row(la2_eigh, ((3, 3),)),
    Row(la2_eigh_functions, ((3, 3),)),
    Row(la2_svd_functions, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_eigvalsh, ((3, 3),)),
    Row(la2_svd, ((4, 3),)),
    Row(la2_svd_square, ((3, 3),)),
    Row(la2_svd_values, ((4, 3),)),
    Row(la2_qr, ((4, 3),)),
    Row(la2_pinv, ((4, 3),)),
    Row(la2_pinv_hermitian, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_matrix_power, ((3, 3),), domain=(-1.0, 1.0)),
    Row(la2_lstsq, ((5, 3), (5,)), wrt=(0, 1)),
    Row(la2_lstsq_columns, ((5, 3), (5,)), wrt=(0, 1)),
    Row(la2_float32_kept, ((6, 3), (6,)), wrt=(0, 1), domain=(-1.0, 1.0)),
]
REAL_EIGENVALUES = np.linalg.eigvals(np.eye(2)).dtype.kind == "f"  # (NumPy 2.5 returns complex
if REAL_EIGENVALUES:  # eigenvalues always, which tangentish refuses: no row can run there)
    ROWS += [Row(la2_eig, ((3, 3),)), Row(la2_eig_batched, ((2, 3, 3),)),
             Row(la2_eigvals, ((3, 3),))]
if hasattr(np.linalg, "svdvals"):
    ROWS.append(Row(la2_svdvals, ((4, 3),)))
