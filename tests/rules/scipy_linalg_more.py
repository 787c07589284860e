"""Rule-table rows of ``tangentish/rules/scipy_matfuncs.py`` and ``scipy_decomps.py`` (collected
only when SciPy is installed): the matrix functions by the block trick, ``expm_frechet``'s two
outputs, the Sylvester and Lyapunov equations, the polar factors (both sides), the least-squares
solution with its residues and singular values, QR (economic, and full of a square matrix), LU
(both forms, rows swapped by the pivots), ``orth`` (tall and wide) and the banded solve."""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from .common import W3, W4, W22, W32, W33, W43, Row

EYE2 = np.eye(2)
EYE3 = np.eye(3)
PIVOTED = np.array([[0.1, 3.0, 0.0], [3.0, 0.2, 0.5], [0.0, 0.4, 3.0]])  # (rows swapped)


def slm_trig(a):  # (2x2: the table's finite differences call each function 8 times an entry)
    return (np.sum(sla.cosm(a) * W22) + np.sum(sla.sinm(a) ** 2) + np.sum(sla.tanhm(a) * W22.T)
            + np.sum(sla.coshm(a.T) * W22) + np.sum(sla.sinhm(a) ** 2))


def slm_logm(a):  # a non-symmetric matrix with the real eigenvalues 1 and 2
    s = EYE2 + 0.2 * a
    return np.sum(sla.logm(s @ np.diag([1.0, 2.0]) @ np.linalg.inv(s)) * W22)


def slm_expm_frechet(a, e):
    x, frechet = sla.expm_frechet(a, e)
    return (np.sum(x * W22) + np.sum(frechet ** 2)
            + np.sum(sla.expm_frechet(a.T, e, compute_expm=False) * W22))


def slm_sylvester(a, b, q):  # (a and -b well apart: a unique solution)
    return (np.sum(sla.solve_sylvester(a + 3.0 * EYE3, b + 3.0 * EYE3, q) * W33)
            + np.sum(sla.solve_continuous_lyapunov(a + 3.0 * EYE3, q) ** 2))


def slm_polar(a):  # tall (side='right') and its transpose (side='left')
    u, p = sla.polar(a)
    left = sla.polar(a.T, side="left")
    return (np.sum(u * W32) + np.sum(p ** 2) + np.sum(left[0] ** 2 * W32.T)
            + np.sum(left[1] * W22))


def slm_lstsq(a, b):  # tall: the solution, residues and singular values; square: no residues
    x, res, rank, s = sla.lstsq(a, b)
    many = sla.lstsq(a, np.stack([b, b * b], axis=1), cond=1e-10)
    return (np.sum(x * W3) + res + np.sum(s ** 2) + np.sum(many[0] ** 2 * W32)
            + np.sum(many[1] * W3[:2]) + np.sum(sla.lstsq(a[:3] + 3.0 * EYE3, b[:3])[0] * W3))


def slm_qr(a):  # economic of a tall matrix, full (the default) of a square one
    q, r = sla.qr(a, mode="economic")
    square = sla.qr(a[:3] + 3.0 * EYE3)
    return (np.sum(q * W43) + np.sum(r ** 2 * W33) + np.sum(square[0] * W33)
            + np.sum(square[1] ** 2))


def slm_lu(a):  # rows swapped by the pivots; p is piecewise constant
    p, low, up = sla.lu(a + PIVOTED)
    pl, up2 = sla.lu(a.T + PIVOTED, permute_l=True)
    return (np.sum(p * W33) + np.sum(low * W33) + np.sum(up ** 2) + np.sum(pl ** 2 * W33)
            + np.sum(up2 * W33.T))


def slm_orth(a):  # tall and wide, of full rank
    return np.sum(sla.orth(a) * W43) + np.sum(sla.orth(a.T) ** 2 * W33)


def slm_solve_banded(ab, b):  # one band below, two above (ab's corners are not read); a vector
    # and a matrix of right-hand sides
    ab = ab + np.array([[0.0], [0.0], [4.0], [0.0]])  # (the diagonal, row u = 2: dominant)
    return (np.sum(sla.solve_banded((1, 2), ab, b) * W4)
            + np.sum(sla.solve_banded((1, 2), ab, np.stack([b, b * b], axis=1)) ** 2))


ROWS: list[Row] = [
    Row(slm_trig, ((2, 2),), domain=(-1.0, 1.0)),
    Row(slm_logm, ((2, 2),), domain=(-1.0, 1.0)),
    Row(slm_expm_frechet, ((2, 2), (2, 2)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(slm_sylvester, ((3, 3), (3, 3), (3, 3)), wrt=(0, 1, 2), domain=(-1.0, 1.0)),
    Row(slm_polar, ((3, 2),)),
    Row(slm_lstsq, ((4, 3), (4,)), wrt=(0, 1)),
    Row(slm_qr, ((4, 3),)),
    Row(slm_lu, ((3, 3),), domain=(-0.5, 0.5)),
    Row(slm_orth, ((4, 3),)),
    Row(slm_solve_banded, ((4, 4), (4,)), wrt=(0, 1)),
]
