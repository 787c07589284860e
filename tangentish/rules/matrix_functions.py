"""Functions of a symmetric matrix ``V diag(f(w)) V^T`` and of a square matrix's singular values
``U diag(f(s)) V^T``, written through ``eigh`` or ``svd`` and rewritten to one call each by
``passes/spectral_functions.py``: their derivatives are the divided differences of ``f``
(Daleckii-Krein), exact where two eigenvalues or singular values are equal, where the chain rule
through the decomposition meets a ``0/0`` limit.  With ``P = V^T dA V`` (``U^T dA V``):
``d f(A) = V (D * P) V^T`` and ``U (D * sym(P) + E * skew(P)) V^T``, ``D_ij = (f_i - f_j) / (w_i -
w_j)`` (``f'`` where they are equal), ``E_ij = (f_i + f_j) / (s_i + s_j)``.
"""

# ruff: noqa: F821, F841  (rules name `_rt`, which exists in generated code only; a guard's names are
# read by the halves after it)

import numpy as np

from .. import runtime
from ..extend import d, rule

EIGH_FUNCTION = "a function of a stack of symmetric matrices written with .T (np.transpose)"


@rule(runtime.eigh_function)
class EighFunction:  # f(a) of a symmetric a (passes/spectral_functions.py): V (D * P) V^T
    def guard(y, a, f, UPLO="L", form="diag"):
        r = np.linalg.eigh(_rt.checked(a, np.ndim(a) == 2, EIGH_FUNCTION, "write "
                                       "np.swapaxes(v, -1, -2)"), UPLO)
        v = r[1]
        v_t = np.swapaxes(v, -1, -2)

    def adjoint(y, a, f, UPLO="L", form="diag"):
        full = v @ (_rt.divided_differences(r[0], f) * (v_t @ d[y] @ v)) @ v_t
        d[a] = _rt.fold_reads(0.5 * (full + np.swapaxes(full, -1, -2)), "sym", UPLO in "Ll")

    def tangent(y, a, f, UPLO="L", form="diag"):
        p = v_t @ _rt.read_matrix(d[a], "sym", UPLO in "Ll") @ v
        d[y] = v @ (_rt.divided_differences(r[0], f) * p) @ v_t


@rule(runtime.divided_differences)
class DividedDifferences:  # dD_ij = S_ij dw_i + S_ji dw_j
    def adjoint(dd, w, f, sums=False):
        s = _rt.divided_slopes(w, f, sums)
        d[w] = np.sum(d[dd] * s, axis=-1) + np.sum(np.swapaxes(d[dd], -1, -2) * s, axis=-1)

    def tangent(dd, w, f, sums=False):
        s = _rt.divided_slopes(w, f, sums)
        d[dd] = s * d[w][..., :, np.newaxis] + np.swapaxes(s, -1, -2) * d[w][..., np.newaxis, :]


@rule(runtime.divided_slopes)
class DividedSlopes:  # (a third derivative of f(a))
    def adjoint(s, w, f, sums=False):
        d[w] = _rt.no_derivative(w, "a function of a matrix three times")

    def tangent(s, w, f, sums=False):
        d[s] = _rt.no_derivative(w, "a function of a matrix three times")


SVD_FUNCTION = "a function of the singular values of a stack of matrices"


@rule(runtime.svd_function)
class SvdFunction:  # U (D * sym(P) + E * skew(P)) V^T, P = U^T dA V (a square a, s > 0; the
    def guard(y, a, f, form="diag"):  # function's own u @ np.diag(f(s)) @ vh fails for others)
        r = np.linalg.svd(_rt.checked(a, np.ndim(a) == 2, SVD_FUNCTION, "differentiate one matrix"))
        s = _rt.nonzero_diagonal(r[1], "np.linalg.svd (a function of its singular values)", True)

    def adjoint(y, a, f, form="diag"):
        g = np.swapaxes(r[0], -1, -2) @ d[y] @ np.swapaxes(r[2], -1, -2)
        dg = _rt.divided_differences(s, f) * g
        eg = _rt.divided_differences(s, f, True) * g
        d[a] = r[0] @ (0.5 * (dg + np.swapaxes(dg, -1, -2) + eg - np.swapaxes(eg, -1, -2))) @ r[2]

    def tangent(y, a, f, form="diag"):
        p = np.swapaxes(r[0], -1, -2) @ d[a] @ np.swapaxes(r[2], -1, -2)
        p_t = np.swapaxes(p, -1, -2)
        d[y] = r[0] @ (0.5 * (_rt.divided_differences(s, f) * (p + p_t)
                              + _rt.divided_differences(s, f, True) * (p - p_t))) @ r[2]
