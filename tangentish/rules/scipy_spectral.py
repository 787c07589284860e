"""``scipy.linalg``'s ``eigh``, ``eigvalsh``, ``svd``, ``svdvals``, ``pinv`` and ``norm`` (imported
with the rules of ``scipy.linalg``, once your code imported it): the derivatives of their NumPy
namesakes (``rules/numpy_linalg.py``, ``rules/numpy_shapes.py``; ``svd``'s and ``pinv``'s are those
very templates; ``pinv``'s ``atol=``/``rtol=`` are refused at the call), from the
factors SciPy returned (where a rule recomputes factors, only sign-free products of them are read:
``u diag(g) vh``, ``v diag(g) v^T``).  ``eigh`` and ``eigvalsh`` read the triangle ``lower``
says; the generalized problem (``b=``), ``eigvals_only=``, ``subset_by_index=`` and the drivers'
options are not listed: refused at the call.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.linalg as sla

from ..extend import d, returns_sequence, rule
from .numpy_linalg import Pinv, Svd

returns_sequence(sla.eigh, sla.svd)


@rule(sla.eigh)
class Eigh:  # as np.linalg.eigh's, reading the triangle `lower` says
    def adjoint(r, a, lower=True):
        w = r[0]
        v = r[1]
        v_t = np.swapaxes(v, -1, -2)
        inner = v_t @ _rt.part(d[r], r, 1) * _rt.gap_inverse(w)
        full = v @ (inner + _rt.part(d[r], r, 0)[..., np.newaxis, :]
                    * np.eye(np.shape(w)[-1], dtype=w.dtype)) @ v_t
        d[a] = _rt.fold_reads(0.5 * (full + np.swapaxes(full, -1, -2)), "sym", lower)

    def tangent(r, a, lower=True):
        v = r[1]
        p = np.swapaxes(v, -1, -2) @ _rt.read_matrix(d[a], "sym", lower) @ v
        d[r] = (np.diagonal(p, axis1=-2, axis2=-1), v @ (_rt.gap_inverse(r[0]) * p))


@rule(sla.eigvalsh)
class Eigvalsh:
    def adjoint(w, a, lower=True):
        v = sla.eigh(a, lower=lower)[1]
        d[a] = _rt.fold_reads((v * d[w][..., np.newaxis, :]) @ np.swapaxes(v, -1, -2), "sym",
                              lower)

    def tangent(w, a, lower=True):
        v = sla.eigh(a, lower=lower)[1]
        d[w] = np.diagonal(np.swapaxes(v, -1, -2) @ _rt.read_matrix(d[a], "sym", lower) @ v,
                           axis1=-2, axis2=-1)


@rule(sla.svdvals)
class Svdvals:
    def adjoint(s, a):
        factors = sla.svd(a, full_matrices=False)
        d[a] = (factors[0] * d[s][..., np.newaxis, :]) @ factors[2]

    def tangent(s, a):
        factors = sla.svd(a, full_matrices=False)
        d[s] = np.diagonal(np.swapaxes(factors[0], -1, -2) @ d[a] @ np.swapaxes(
            factors[2], -1, -2), axis1=-2, axis2=-1)


rule(sla.svd)(Svd)  # (np.linalg.svd's template: SciPy's parameters lead with the same names)
rule(sla.pinv)(Pinv)  # (the same: for a matrix of full rank at SciPy's cutoff, _rt.full_rank_pinv)


@rule(sla.norm)
class Norm:  # as np.linalg.norm's
    def adjoint(r, a, ord=None, axis=None, keepdims=False):
        d[a] = _rt.unnorm(d[r], a, r, ord=ord, axis=axis, keepdims=keepdims)

    def tangent(r, a, ord=None, axis=None, keepdims=False):
        d[r] = np.sum(_rt.unnorm(1.0, a, r, ord=ord, axis=axis, keepdims=keepdims) * d[a],
                      axis=axis, keepdims=keepdims)
