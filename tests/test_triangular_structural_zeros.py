"""The triangle a factorization leaves 0 by structure (``R`` of ``qr`` below its diagonal, the
Cholesky factor's other triangle, ``lu``'s ``L`` above and ``U`` below) is constant: whatever its
cotangent, the gradient does not see it.  A singular function of those zeros (``np.sqrt(r[1, 0] **
2)``: ``0 * inf`` in its adjoint) gave a NaN cotangent there, which each rule multiplied into the
whole gradient (``R @ g_R.T``): NaN everywhere, where the derivative is finite (fuzz ``calls.py
--seed 192 --wide`` program 36, ``np.var`` of a stack of ``R``).  The rules now read only the
cotangent's triangle the factor holds (``np.triu(g_R)``: a selection, so a NaN outside it is
dropped).  Gradients against central differences.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.linalg as sla
from helpers import numeric_grad

import tangentish


def qr_r(a):
    r = np.linalg.qr(a)[1]
    return np.sum(np.sqrt(r[1, 0] ** 2)) + np.sum(r * r) + r[0, 1]


def cholesky(a):
    low = np.linalg.cholesky(a @ a.T + np.eye(3))
    return np.sum(np.sqrt(low[0, 1] ** 2)) + np.sum(low)


def scipy_cholesky(a):
    up = sla.cholesky(a @ a.T + np.eye(3))
    return np.sum(np.sqrt(up[1, 0] ** 2)) + np.sum(up)


def scipy_qr(a):
    r = sla.qr(a, mode="economic")[1]
    return np.sum(np.sqrt(np.tril(r, -1) ** 2 + r[1, 0] ** 2)) + np.sum(r)


def scipy_lu(a):
    _, low, up = sla.lu(a)
    return np.sum(np.sqrt(low[0, 1] ** 2) + np.sqrt(up[1, 0] ** 2)) + np.sum(low * up)


A = np.array([[0.5, 0.1, 0.3], [0.3, -0.9, 0.2], [0.2, 0.4, 0.8]])
ROWS = [(qr_r, A[:, :2]), (cholesky, A), (scipy_cholesky, A), (scipy_qr, A), (scipy_lu, A)]


@pytest.mark.parametrize("fn, a", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_a_factor_structural_zeros_do_not_reach_the_gradient(fn, a):
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # (sqrt'(0) in the adjoint)
        warnings.simplefilter("ignore")
        got = tangentish.grad(fn)(a)
    np.testing.assert_allclose(got, numeric_grad(fn, (a,), 0), rtol=1e-6, atol=1e-8)
