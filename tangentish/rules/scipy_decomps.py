"""``scipy.linalg``'s ``lstsq``, ``qr``, ``lu``, ``orth`` and ``solve_banded`` (imported with its
other rules), where their results are unique and smooth; elsewhere refused when the derivative
runs (``_rt.checked``), naming the case:

- ``lstsq``: a matrix of full column rank with at least as many rows as columns (the solution,
  the residues - present for more rows than columns - and the singular values, as
  ``np.linalg.lstsq``'s rule: ``x = (a^T a)^-1 a^T b``); ``lapack_driver=`` is refused at the call.
- ``qr``: ``mode='economic'``, or ``'full'`` of a square matrix, with at least as many rows as
  columns and ``R`` of full rank (``np.linalg.qr``'s rule: Walter and Lehmann 2018, "Algorithmic
  differentiation of linear algebra functions with application in optimum experimental design",
  section 3.3); a full ``Q`` of a tall matrix (its extra columns are not unique), ``'r'``,
  ``'raw'`` and ``pivoting=`` are refused.
- ``lu``: a square matrix; ``p`` is piecewise constant (its derivative is 0), ``a = p l u`` gives
  ``x = (p l)^-1 da u^-1``, ``dl = l tril(x, -1)``, ``du = triu(x) u`` (de Hoog, Anderssen and
  Lukas 2011, "Differentiation of matrix functionals using triangular factorization", Math.
  Comp. 80, eq. (2.4)); with ``permute_l=True``, ``d(p l) = (p l) tril(x, -1)``.
- ``orth``: of full rank (else its number of columns jumps): ``svd``'s ``u`` (Townsend 2016,
  "Differentiating the singular value decomposition", eq. (19)), signs matched to ``orth``'s.
- ``solve_banded``: the solve with the matrix ``ab`` stores (``a[i, j] = ab[u + i - j, j]``);
  ``ab``'s entries outside the band get a zero derivative.
"""

# ruff: noqa: F821, F841  (rules name `_rt`, which exists in generated code only; a guard's names are
# read by the halves after it)

import numpy as np
import scipy.linalg as sla

from ..extend import d, given, returns_sequence, rule
from . import numpy_linalg

returns_sequence(sla.lstsq, sla.qr, sla.lu)
LSTSQ = "scipy.linalg.lstsq is differentiated for a matrix of full column rank with at least as " \
    "many rows as columns (else its solution is the minimum-norm one, not differentiated)"
QR_MODE = "scipy.linalg.qr is differentiated with mode='economic' or 'full' only, and without " \
    "pivoting=True (its permutation jumps where two columns' norms tie)"
QR_UNIQUE = "scipy.linalg.qr of a matrix with more rows than columns and mode='full' (the " \
    "extra columns of Q are not unique), or more columns than rows, is not differentiated"
LU = "scipy.linalg.lu of a non-square matrix is not differentiated"
ORTH = "scipy.linalg.orth of a rank-deficient matrix is not differentiated (its columns jump)"


@rule(sla.lstsq)
class Lstsq:  # (x, residues, rank, s); x = (a^T a)^-1 a^T b, residues |b - a x|^2 per column
    def adjoint(r, a, b, cond=None, overwrite_a=False, overwrite_b=False, check_finite=True):
        xc = np.reshape(_rt.checked(r[0], (np.shape(a)[0] >= np.shape(a)[1]) & (
            r[2] == np.shape(a)[1]), LSTSQ, "differentiate a full-rank problem"),
            (np.shape(a)[1], -1))
        rc = np.reshape(b, (np.shape(a)[0], -1)) - a @ xc
        z = np.linalg.solve(np.transpose(a) @ a, np.reshape(_rt.part(d[r], r, 0), np.shape(xc)))
        gb = a @ z + 2.0 * rc * _rt.residuals_fit(_rt.part(d[r], r, 1), np.sum(np.reshape(
            rc, np.shape(b)) ** 2, axis=0))
        factors = np.linalg.svd(a, full_matrices=False)
        d[b] = np.reshape(gb, np.shape(b))
        d[a] = (rc @ np.transpose(z) - gb @ np.transpose(xc)
                + (factors[0] * _rt.values_weight(_rt.part(d[r], r, 3), r[3], "the derivative "
                                                  "of scipy.linalg.lstsq")) @ factors[2])

    def tangent(r, a, b, cond=None, overwrite_a=False, overwrite_b=False, check_finite=True):
        xc = np.reshape(_rt.checked(r[0], (np.shape(a)[0] >= np.shape(a)[1]) & (
            r[2] == np.shape(a)[1]), LSTSQ, "differentiate a full-rank problem"),
            (np.shape(a)[1], -1))
        rc = np.reshape(b, (np.shape(a)[0], -1)) - a @ xc
        step = np.reshape(d[b], np.shape(rc)) - d[a] @ xc
        factors = np.linalg.svd(a, full_matrices=False)
        d[r] = (np.reshape(np.linalg.solve(np.transpose(a) @ a, np.transpose(a) @ step
                                           + np.transpose(d[a]) @ rc), np.shape(r[0])),
                _rt.residuals_fit(2.0 * np.sum(np.reshape(rc * step, np.shape(b)), axis=0), r[1]),
                0 * r[2], _rt.values_weight(np.diagonal(np.transpose(factors[0]) @ d[a] @ np.transpose(
                    factors[2])), r[3], "the derivative of scipy.linalg.lstsq"))


@rule(sla.qr)
class Qr(numpy_linalg.Qr):  # np.linalg.qr's math, after these checks of scipy's arguments
    def guard(r, a, overwrite_a=False, lwork=None, mode="full", pivoting=False, check_finite=True):
        q = _rt.checked(_rt.checked(r[0], mode in ("full", "economic") and not pivoting, QR_MODE,
                                    "pass mode='economic' without pivoting"),
                        np.shape(r[1])[-2] == np.shape(a)[-1], QR_UNIQUE,
                        "pass mode='economic' (or differentiate the QR of the transpose)")
        rr = _rt.nonzero_diagonal(r[1], "scipy.linalg.qr")


@rule(sla.lu)
class Lu:  # (p, l, u), or (p l, u) with permute_l=True; adjoint: m = tril(l^T g_l, -1) +
    # triu(g_u u^T) (the transpose of x -> (l tril(x, -1), triu(x) u)), a_bar = (p l)^-T m u^-T
    def adjoint(r, a, permute_l=False, overwrite_a=False, check_finite=True):
        if given(permute_l):
            low = _rt.checked(r[0], permute_l, "scipy.linalg.lu with permute_l passed as a false "
                              "value is not differentiated", "leave permute_l out, or pass True")
            lead = low
            up = _rt.nonzero_diagonal(r[1], "scipy.linalg.lu")
            m = np.tril(np.transpose(low) @ _rt.part(d[r], r, 0), -1) + np.triu(
                np.triu(_rt.part(d[r], r, 1)) @ np.transpose(up))
        else:
            low = r[1]
            lead = r[0] @ low
            up = _rt.nonzero_diagonal(r[2], "scipy.linalg.lu")
            m = np.tril(np.transpose(low) @ np.tril(_rt.part(d[r], r, 1), -1), -1) + np.triu(
                np.triu(_rt.part(d[r], r, 2)) @ np.transpose(up))  # (0s and 1s by structure: out)
        d[a] = np.linalg.solve(np.transpose(_rt.checked(lead, np.shape(a)[0] == np.shape(a)[1], LU,
                                                        "factor a square matrix")),
                               np.transpose(np.linalg.solve(up, np.transpose(m))))

    def tangent(r, a, permute_l=False, overwrite_a=False, check_finite=True):
        if given(permute_l):
            lead = _rt.checked(r[0], permute_l, "scipy.linalg.lu with permute_l passed as a false "
                               "value is not differentiated", "leave permute_l out, or pass True")
            up = _rt.nonzero_diagonal(r[1], "scipy.linalg.lu")
        else:
            lead = r[0] @ r[1]
            up = _rt.nonzero_diagonal(r[2], "scipy.linalg.lu")
        x = np.transpose(np.linalg.solve(np.transpose(up), np.transpose(np.linalg.solve(
            _rt.checked(lead, np.shape(a)[0] == np.shape(a)[1], LU, "factor a square matrix"),
            d[a]))))
        if given(permute_l):
            d[r] = (lead @ np.tril(x, -1), np.triu(x) @ up)
        else:
            d[r] = (0 * r[0], r[1] @ np.tril(x, -1), np.triu(x) @ up)


@rule(sla.orth)
class Orth:  # svd's u of a matrix of full rank (A = u s vh, thin; u's signs as orth's)
    def adjoint(r, A, rcond=None):
        factors = sla.svd(A, full_matrices=False)
        u = factors[0]
        s = _rt.nonzero_diagonal(factors[1], "scipy.linalg.orth", True)
        gu = _rt.checked(d[r], np.shape(r)[-1] == np.min(np.shape(A)), ORTH, "keep the matrix of "
                         "full rank") * np.sign(np.sum(r * u, axis=0))
        j = np.transpose(u) @ gu - np.transpose(gu) @ u  # (j s / (s_j^2 - s_i^2), as svd's)
        core = 0.5 * (_rt.gap_inverse(s) * _rt.basis_free(j, s, "scipy.linalg.orth")
                      + j / (s + s[:, np.newaxis]))
        d[A] = (u @ core + (np.eye(np.shape(A)[0], dtype=s.dtype) - u @ np.transpose(u))
                @ (gu / s)) @ factors[2]

    def tangent(r, A, rcond=None):
        factors = sla.svd(A, full_matrices=False)
        u = factors[0]
        s = _rt.nonzero_diagonal(factors[1], "scipy.linalg.orth", True)
        p = np.transpose(u) @ d[A] @ np.transpose(factors[2])
        du = (u @ (0.5 * (_rt.gap_inverse(s) * (p + np.transpose(p))
                          + (p - np.transpose(p)) / (s + s[:, np.newaxis])))
              + (np.eye(np.shape(A)[0], dtype=s.dtype) - u @ np.transpose(u)) @ d[A]
              @ np.transpose(factors[2]) / s)
        d[r] = _rt.checked(du, np.shape(r)[-1] == np.min(np.shape(A)), ORTH, "keep the matrix of "
                           "full rank") * np.sign(np.sum(r * u, axis=0))


@rule(sla.solve_banded)
class SolveBanded:  # the dense matrix: where 0 <= u + i - j < l + u + 1, a[i, j] = ab[u + i - j, j]
    def adjoint(x, l_and_u, ab, b, overwrite_ab=False, overwrite_b=False, check_finite=True):
        cols = np.arange(np.shape(ab)[1])
        band = l_and_u[1] + cols[:, np.newaxis] - cols
        inside = (band >= 0) & (band < np.shape(ab)[0])
        b_bar = _rt.reached_solve(np.transpose(np.where(inside, ab[np.clip(
            band, 0, np.shape(ab)[0] - 1), cols], 0.0)), d[x])
        g = -(_rt.as_column(b_bar) @ np.transpose(_rt.as_column(x)))  # (the dense matrix's)
        rows = np.arange(np.shape(ab)[0])[:, np.newaxis] - l_and_u[1] + cols
        d[b] = b_bar
        d[ab] = np.where((rows >= 0) & (rows < np.shape(ab)[1]), g[np.clip(
            rows, 0, np.shape(ab)[1] - 1), cols], 0.0)

    def tangent(x, l_and_u, ab, b, overwrite_ab=False, overwrite_b=False, check_finite=True):
        cols = np.arange(np.shape(ab)[1])
        band = l_and_u[1] + cols[:, np.newaxis] - cols
        inside = (band >= 0) & (band < np.shape(ab)[0])
        d[x] = sla.solve_banded(l_and_u, ab, d[b], check_finite=False) - sla.solve_banded(
            l_and_u, ab, np.where(inside, d[ab][np.clip(band, 0, np.shape(ab)[0] - 1), cols], 0.0)
            @ x, check_finite=False)  # (two solves, as solve_triangular's: no zeros left inside)
