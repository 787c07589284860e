"""``scipy.linalg``'s ``eigh``, ``eigvalsh``, ``svd``, ``svdvals``, ``pinv`` and ``norm`` (imported
with the rules of ``scipy.linalg``, once your code imported it): the derivatives of their NumPy
namesakes (``rules/numpy_linalg.py``, ``rules/numpy_shapes.py``; ``svd``'s and ``pinv``'s are those
very templates; ``pinv``'s ``atol=``/``rtol=`` are refused at the call), from the
factors SciPy returned (where a rule recomputes factors, only sign-free products of them are read:
``u diag(g) vh``, ``v diag(g) v^T``).  ``eigh`` and ``eigvalsh`` read the triangle ``lower``
says, ``eigh(eigvals_only=True)`` as ``eigvalsh``, and both of the eigenvalues ``subset_by_index=``
picks (``eigvalsh``'s rule: ``dw_k = v_k^T da v_k``, Magnus 1985, "On differentiating eigenvalues
and eigenvectors", Theorem 1; ``eigh``'s vectors of a subset are refused, and at the call
the generalized problem (``b=``), ``subset_by_value=`` and the drivers' options).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.linalg as sla

from ..extend import d, returns_sequence, rule
from .numpy_linalg import Svd

returns_sequence(sla.eigh, sla.svd)


EIGH_SUBSET = "scipy.linalg.eigh's eigenvectors of a subset_by_index= subset are not differentiated"
EIGVALS_ONLY = "scipy.linalg.eigh with eigvals_only passed as a false value is not differentiated"


@rule(sla.eigh)
class Eigh:  # as np.linalg.eigh's, reading the triangle `lower` says; eigvals_only=True: w alone,
    # as eigvalsh's (of the eigenvalues subset_by_index picks too)
    def adjoint(r, a, lower=True, eigvals_only=False, subset_by_index=None):
        if given(eigvals_only):
            v = sla.eigh(a, lower=lower)[1]
            if given(subset_by_index):
                v = np.take(v, np.arange(subset_by_index[0], subset_by_index[1] + 1), axis=-1)
            g = _rt.values_weight(_rt.checked(d[r], eigvals_only, EIGVALS_ONLY, "leave "
                                  "eigvals_only out, or pass True"), r,
                                  "the derivative of scipy.linalg.eigh")
            d[a] = _rt.fold_reads((v * g[..., np.newaxis, :]) @ np.swapaxes(v, -1, -2), "sym",
                                  lower)
        else:
            w = r[0]
            v = _rt.checked(r[1], subset_by_index is None, EIGH_SUBSET, "pass eigvals_only=True, "
                            "or leave subset_by_index out")
            v_t = np.swapaxes(v, -1, -2)
            inner = _rt.basis_free(v_t @ _rt.part(d[r], r, 1), w, "scipy.linalg.eigh",
                                   True) * _rt.gap_inverse(w)
            g = _rt.values_weight(_rt.part(d[r], r, 0), w, "scipy.linalg.eigh")  # (a group's mean)
            full = v @ (inner + g[..., np.newaxis, :] * np.eye(np.shape(w)[-1], dtype=w.dtype)) @ v_t
            d[a] = _rt.fold_reads(0.5 * (full + np.swapaxes(full, -1, -2)), "sym", lower)

    def tangent(r, a, lower=True, eigvals_only=False, subset_by_index=None):
        if given(eigvals_only):
            v = sla.eigh(a, lower=lower)[1]
            if given(subset_by_index):
                v = np.take(v, np.arange(subset_by_index[0], subset_by_index[1] + 1), axis=-1)
            d[r] = _rt.values_weight(_rt.checked(np.diagonal(np.swapaxes(v, -1, -2) @ _rt.read_matrix(
                d[a], "sym", lower) @ v, axis1=-2, axis2=-1), eigvals_only, EIGVALS_ONLY,
                "leave eigvals_only out, or pass True"), r, "the derivative of scipy.linalg.eigh")
        else:
            v = _rt.checked(r[1], subset_by_index is None, EIGH_SUBSET, "pass eigvals_only=True, "
                            "or leave subset_by_index out")
            p = np.swapaxes(v, -1, -2) @ _rt.read_matrix(d[a], "sym", lower) @ v
            values = _rt.values_weight(np.diagonal(p, axis1=-2, axis2=-1), r[0], "scipy.linalg.eigh")
            d[r] = (values, v @ (_rt.gap_inverse(r[0]) * p))


@rule(sla.eigvalsh)
class Eigvalsh:  # subset_by_index=[lo, hi]: the eigenvalues lo..hi (ascending), their vectors
    def adjoint(w, a, lower=True, subset_by_index=None):
        v = sla.eigh(a, lower=lower)[1]
        if given(subset_by_index):
            v = np.take(v, np.arange(subset_by_index[0], subset_by_index[1] + 1), axis=-1)
        g = _rt.values_weight(d[w], w, "the derivative of scipy.linalg.eigvalsh")
        d[a] = _rt.fold_reads((v * g[..., np.newaxis, :]) @ np.swapaxes(v, -1, -2), "sym", lower)

    def tangent(w, a, lower=True, subset_by_index=None):
        v = sla.eigh(a, lower=lower)[1]
        if given(subset_by_index):
            v = np.take(v, np.arange(subset_by_index[0], subset_by_index[1] + 1), axis=-1)
        d[w] = _rt.values_weight(np.diagonal(np.swapaxes(v, -1, -2) @ _rt.read_matrix(
            d[a], "sym", lower) @ v, axis1=-2, axis2=-1), w, "the derivative of scipy.linalg.eigvalsh")


@rule(sla.svdvals)
class Svdvals:
    def adjoint(s, a):
        factors = sla.svd(a, full_matrices=False)
        g = _rt.values_weight(d[s], s, "the derivative of scipy.linalg.svdvals")
        d[a] = (factors[0] * g[..., np.newaxis, :]) @ factors[2]

    def tangent(s, a):
        factors = sla.svd(a, full_matrices=False)
        d[s] = _rt.values_weight(np.diagonal(np.swapaxes(factors[0], -1, -2) @ d[a] @ np.swapaxes(
            factors[2], -1, -2), axis1=-2, axis2=-1), s, "the derivative of scipy.linalg.svdvals")


rule(sla.svd)(Svd)  # (np.linalg.svd's template: SciPy's parameters lead with the same names)


@rule(sla.pinv)
class Pinv:  # as np.linalg.pinv's, for a matrix of full rank at SciPy's cutoff (_rt.full_rank_pinv)
    def adjoint(p, a):
        p_t = np.swapaxes(_rt.full_rank_pinv(p, a), -1, -2)
        g_t = np.swapaxes(d[p], -1, -2)
        d[a] = (-(p_t @ d[p] @ p_t)
                + (np.eye(np.shape(a)[-2], dtype=p.dtype) - a @ p) @ g_t @ p @ p_t
                + p_t @ p @ g_t @ (np.eye(np.shape(a)[-1], dtype=p.dtype) - p @ a))

    def tangent(p, a):
        da_t = np.swapaxes(d[a], -1, -2)
        p_t = np.swapaxes(_rt.full_rank_pinv(p, a), -1, -2)
        d[p] = (-(p @ d[a] @ p) + p @ p_t @ da_t @ (np.eye(np.shape(a)[-2], dtype=p.dtype) - a @ p)
                + (np.eye(np.shape(a)[-1], dtype=p.dtype) - p @ a) @ da_t @ p_t @ p)


@rule(sla.norm)
class Norm:  # as np.linalg.norm's
    def adjoint(r, a, ord=None, axis=None, keepdims=False):
        d[a] = _rt.unnorm(d[r], a, r, ord=ord, axis=axis, keepdims=keepdims)

    def tangent(r, a, ord=None, axis=None, keepdims=False):
        d[r] = np.sum(_rt.unnorm(1.0, a, r, ord=ord, axis=axis, keepdims=keepdims) * d[a],
                      axis=axis, keepdims=keepdims)
