"""Linear algebra (``numpy.linalg``): inverse, determinants, solve, Cholesky, eigenproblems,
SVD, QR, pseudo-inverse and matrix powers, over stacks of matrices.  The adjoints are plain NumPy
(``np.linalg.solve``, ``@``, ``np.swapaxes``), so they can be differentiated again.

Conventions: ``cholesky``, ``eigh`` and ``eigvalsh`` read one triangle of their matrix (the lower
one, or ``UPLO``'s), taking the other as its mirror, as NumPy does: their derivatives are those
of what they compute from the triangle read (``_rt.read_matrix``, ``_rt.fold_reads``), exact for
any input; at a symmetric matrix, along symmetric directions, they are the symmetric ones.  A
repeated eigenvalue (or singular value, to working precision) gets the convention that the loss
does not depend on the basis chosen inside its eigenspace (reverse mode checks that the coupling
it drops is 0, ``_rt.basis_free``; ``_rt.gap_inverse`` is 0 there; of ``svd``'s coupling
of a pair, ``(p_ij s_j + s_i p_ji) / (s_j^2 - s_i^2)``, only the half symmetric in ``p``, over
``s_j - s_i``: the other, over ``s_j + s_i``, is finite and kept); a function reading both the
values and the vectors (``V diag(f(w)) V^T``) is refused there (``_rt.values_and_vectors``, from
passes/spectral_reads.py), and so is a second derivative of the values (``_rt.values_weight``).  ``eig`` and
``eigvals`` of a general matrix are differentiated where its eigenvalues are real (complex ones
raise when the derivative runs: ``_rt.real_eigenvalues``), through NumPy's unit-norm columns of
``v`` (``gu``, ``du``: the component along each column taken out).  ``svd`` is
differentiated for square matrices or ``full_matrices=False`` with distinct non-zero singular
values, ``qr`` for matrices with at least as many rows as columns.  ``det``'s derivatives are
cofactors (``_rt.cofactors``, from the SVD), defined at a singular matrix too; ``slogdet``'s
``logabsdet`` is ``-inf`` there and its derivative is refused (``_rt.nonsingular_only``).
"""

# ruff: noqa: F821, F841  (rules name `_rt`, which exists in generated code only; a guard's names are
# read by the halves after it)

import numpy as np

from .. import runtime
from ..extend import d, given, linear, non_differentiable, returns_sequence, rule


# values and vectors of a decomposition read together (passes/spectral_reads.py), and the values'
# cotangent weighing the vectors in an adjoint: the identity, refused at a repeated value when
# differentiated (whatever the derivative's value)
@rule(runtime.values_and_vectors)
class ValuesAndVectors:
    def adjoint(r, result, values, what, zeros_refused=False):
        d[result] = _rt.distinct_items(d[r], result[values], what, zeros_refused)

    def tangent(r, result, values, what, zeros_refused=False):
        d[r] = _rt.distinct_items(d[result], result[values], what, zeros_refused, True)


@rule(runtime.values_weight)
class ValuesWeight:
    def adjoint(r, g, w, what):
        d[g] = _rt.distinct_only(d[r], w, what)

    def tangent(r, g, w, what):
        d[r] = _rt.distinct_only(d[g], w, what, False, True)


linear(runtime.distinct_items, lambda r, derivative, w, what, zeros_refused=False, tangent=False:
       _rt.distinct_items(d[r], w, what, zeros_refused, tangent))
linear(runtime.distinct_only, lambda r, derivative, w, what, zeros_refused=False, tangent=False:
       _rt.distinct_only(d[r], w, what, zeros_refused, tangent))


@rule(np.linalg.inv)
class Inv:
    def adjoint(y, a):
        y_t = np.swapaxes(y, -1, -2)
        d[a] = -(y_t @ d[y] @ y_t)

    def tangent(y, a):
        d[y] = -(y @ d[a] @ y)


@rule(np.linalg.det)
class Det:  # the gradient is the cofactor matrix, also where a is singular
    def adjoint(r, a):
        d[a] = np.asarray(d[r])[..., np.newaxis, np.newaxis] * _rt.cofactors(a)

    def tangent(r, a):
        d[r] = np.sum(_rt.cofactors(a) * d[a], axis=(-2, -1))


@rule(np.linalg.slogdet)
class Slogdet:  # the sign is piecewise constant; a singular a (sign 0) is read as the identity
    def adjoint(r, a):  # (its logabsdet is -inf, and a derivative asked of it is refused)
        regular = np.where(np.asarray(r[0] != 0)[..., np.newaxis, np.newaxis], a,
                           np.eye(np.shape(a)[-1], dtype=r[1].dtype))
        d[a] = _rt.nonsingular_only(_rt.part(d[r], r, 1), r[0])[..., np.newaxis, np.newaxis] \
            * np.swapaxes(np.linalg.inv(regular), -1, -2)

    def tangent(r, a):
        regular = np.where(np.asarray(r[0] != 0)[..., np.newaxis, np.newaxis], a,
                           np.eye(np.shape(a)[-1], dtype=r[1].dtype))
        d[r] = (np.zeros_like(r[0]), np.trace(np.linalg.solve(
            regular, _rt.nonsingular_only(d[a], r[0])), axis1=-2, axis2=-1))


@rule(np.linalg.solve)
class Solve:  # (columns as solve reads b: a stack of x's by a 1-D b is no matrix: calls seed 444)
    def adjoint(x, a, b):
        b_bar = np.reshape(_rt.reached_solve(np.swapaxes(a, -1, -2), _rt.solve_columns(d[x], a, b)),
                           np.shape(x))  # (an inf of d[x] only where it reaches: 0 * inf)
        d[b] = _rt.unbroadcast(b_bar, b)
        d[a] = _rt.unbroadcast(-(_rt.solve_columns(b_bar, a, b) @ np.swapaxes(
            _rt.solve_columns(x, a, b), -1, -2)), a)

    def tangent(x, a, b):  # (the right-hand side a temporary: a term whose tangent is 0 goes)
        rhs = _rt.solve_columns(d[b], a, b) - d[a] @ _rt.solve_columns(x, a, b)
        d[x] = np.reshape(np.linalg.solve(a, rhs), np.shape(x))


@rule(np.linalg.cholesky)
class Cholesky:
    def adjoint(low, a):
        low_t = np.swapaxes(low, -1, -2)
        p = low_t @ np.tril(d[low])  # (its upper triangle is 0 by structure: its adjoint dropped)
        phi = np.tril(p) - 0.5 * p * np.eye(np.shape(low)[-1], dtype=low.dtype)
        x = np.linalg.solve(low_t, phi)
        s = np.swapaxes(np.linalg.solve(low_t, np.swapaxes(x, -1, -2)), -1, -2)
        d[a] = _rt.fold_reads(0.5 * (s + np.swapaxes(s, -1, -2)), "sym", True)

    def tangent(low, a):
        m = np.linalg.solve(low, np.swapaxes(np.linalg.solve(
            low, _rt.read_matrix(d[a], "sym", True)), -1, -2))
        d[low] = low @ (np.tril(m) - 0.5 * m * np.eye(np.shape(low)[-1], dtype=low.dtype))


@rule(np.linalg.eigh)
class Eigh:
    def adjoint(r, a, UPLO="L"):
        w = r[0]
        v = r[1]
        v_t = np.swapaxes(v, -1, -2)
        inner = _rt.basis_free(v_t @ _rt.part(d[r], r, 1), w, "np.linalg.eigh",
                               True) * _rt.gap_inverse(w)
        g = _rt.values_weight(_rt.part(d[r], r, 0), w, "np.linalg.eigh")  # (a group's mean)
        full = v @ (inner + g[..., np.newaxis, :] * np.eye(np.shape(w)[-1], dtype=w.dtype)) @ v_t
        d[a] = _rt.fold_reads(0.5 * (full + np.swapaxes(full, -1, -2)), "sym", UPLO in "Ll")

    def tangent(r, a, UPLO="L"):
        v = r[1]
        p = np.swapaxes(v, -1, -2) @ _rt.read_matrix(d[a], "sym", UPLO in "Ll") @ v
        d[r] = (_rt.values_weight(np.diagonal(p, axis1=-2, axis2=-1), r[0], "np.linalg.eigh"),
                v @ (_rt.gap_inverse(r[0]) * p))


@rule(np.linalg.eigvalsh)
class Eigvalsh:
    def adjoint(w, a, UPLO="L"):
        v = np.linalg.eigh(a, UPLO)[1]
        g = _rt.values_weight(d[w], w, "the derivative of np.linalg.eigvalsh")
        d[a] = _rt.fold_reads((v * g[..., np.newaxis, :]) @ np.swapaxes(v, -1, -2), "sym",
                              UPLO in "Ll")

    def tangent(w, a, UPLO="L"):
        v = np.linalg.eigh(a, UPLO)[1]
        d[w] = _rt.values_weight(np.diagonal(np.swapaxes(v, -1, -2) @ _rt.read_matrix(
            d[a], "sym", UPLO in "Ll") @ v, axis1=-2, axis2=-1), w,
            "the derivative of np.linalg.eigvalsh")


@rule(np.linalg.eig)
class Eig:  # a = v diag(w) v^-1, real eigenvalues (else refused when it runs), unit columns of v
    def adjoint(r, a):
        v = r[1]
        gv = _rt.part(d[r], r, 1)
        gu = gv - v * np.sum(v * gv, axis=-2, keepdims=True)  # (through the normalization)
        gp = _rt.gap_inverse(r[0]) * _rt.basis_free(
            np.swapaxes(v, -1, -2) @ gu, r[0], "np.linalg.eig") + _rt.part(d[r], r, 0)[
            ..., np.newaxis, :] * np.eye(np.shape(r[0])[-1], dtype=v.dtype)
        d[a] = np.linalg.solve(np.swapaxes(v, -1, -2), _rt.real_eigenvalues(
            gp, "np.linalg.eig", r[0]) @ np.swapaxes(v, -1, -2))

    def tangent(r, a):
        v = r[1]
        p = np.linalg.solve(v, _rt.real_eigenvalues(d[a], "np.linalg.eig", r[0]) @ v)
        du = v @ (_rt.gap_inverse(r[0]) * p)
        d[r] = (np.diagonal(p, axis1=-2, axis2=-1),
                du - v * np.sum(v * du, axis=-2, keepdims=True))


@rule(np.linalg.eigvals)
class Eigvals:  # as eig's eigenvalues
    def adjoint(w, a):
        v = np.linalg.eig(a)[1]
        g = _rt.values_weight(d[w], w, "the derivative of np.linalg.eigvals")
        d[a] = np.linalg.solve(np.swapaxes(v, -1, -2), _rt.real_eigenvalues(
            g, "np.linalg.eigvals", w)[..., :, np.newaxis] * np.swapaxes(v, -1, -2))

    def tangent(w, a):
        v = np.linalg.eig(a)[1]
        d[w] = _rt.values_weight(np.diagonal(np.linalg.solve(v, _rt.real_eigenvalues(
            d[a], "np.linalg.eigvals", w) @ v), axis1=-2, axis2=-1), w,
            "the derivative of np.linalg.eigvals")


@rule(np.linalg.svd)
class Svd:
    def adjoint(r, a, full_matrices=True, compute_uv=True):
        if given(compute_uv):  # compute_uv=False: the singular values (as svdvals)
            factors = np.linalg.svd(a, full_matrices=False)
            g = _rt.values_weight(_rt.values_only(d[r], compute_uv), r,
                                  "the derivative of np.linalg.svd")
            d[a] = (factors[0] * g[..., np.newaxis, :]) @ factors[2]
        else:
            thin = min(np.shape(a)[-2:])  # (a full SVD's extra vectors: no cotangent, or refused)
            u = r[0][..., :thin]
            s = _rt.nonzero_diagonal(r[1], "np.linalg.svd (its singular vectors)", True)
            vh = r[2][..., :thin, :]
            u_t = np.swapaxes(u, -1, -2)
            v = np.swapaxes(vh, -1, -2)
            gu = _rt.thin_cotangent(_rt.part(d[r], r, 0), a, full_matrices)[..., :thin]
            gv = np.swapaxes(_rt.thin_cotangent(_rt.part(d[r], r, 2), a, full_matrices, -2)[
                ..., :thin, :], -1, -2)
            j = u_t @ gu - np.swapaxes(gu, -1, -2) @ u
            k = vh @ gv - np.swapaxes(gv, -1, -2) @ v
            core = (0.5 * (_rt.gap_inverse(s) * _rt.basis_free(j + k, s, "np.linalg.svd", False,
                                                                j - k)
                           + (j - k) / (s[..., np.newaxis, :] + s[..., :, np.newaxis]))
                    + _rt.part(d[r], r, 1)[..., np.newaxis, :] * np.eye(np.shape(s)[-1], dtype=s.dtype))
            d[a] = (u @ core @ vh
                    + (np.eye(np.shape(a)[-2], dtype=s.dtype) - u @ u_t) @ (gu / s[..., np.newaxis, :]) @ vh
                    + u @ (np.swapaxes(gv, -1, -2) / s[..., :, np.newaxis])
                    @ (np.eye(np.shape(a)[-1], dtype=s.dtype) - v @ vh))

    def tangent(r, a, full_matrices=True, compute_uv=True):
        if given(compute_uv):
            factors = np.linalg.svd(a, full_matrices=False)
            d[r] = _rt.values_only(_rt.values_weight(np.diagonal(np.swapaxes(
                factors[0], -1, -2) @ d[a] @ np.swapaxes(factors[2], -1, -2), axis1=-2, axis2=-1),
                r, "the derivative of np.linalg.svd"), compute_uv)
        else:
            u = _rt.thin_only(r[0], a, full_matrices=full_matrices)
            s = _rt.nonzero_diagonal(r[1], "np.linalg.svd (its singular vectors)", True)
            v = np.swapaxes(r[2], -1, -2)
            p = np.swapaxes(u, -1, -2) @ d[a] @ v
            p_t = np.swapaxes(p, -1, -2)
            sym = 0.5 * _rt.gap_inverse(s) * (p + p_t)
            skew = 0.5 * (p - p_t) / (s[..., np.newaxis, :] + s[..., :, np.newaxis])
            du = (u @ (sym + skew)
                  + (np.eye(np.shape(a)[-2], dtype=s.dtype) - u @ np.swapaxes(u, -1, -2)) @ d[a] @ v
                  / s[..., np.newaxis, :])
            dv = (v @ (sym - skew)
                  + (np.eye(np.shape(a)[-1], dtype=s.dtype) - v @ r[2]) @ np.swapaxes(d[a], -1, -2) @ u
                  / s[..., np.newaxis, :])
            d[r] = (du, np.diagonal(p, axis1=-2, axis2=-1), np.swapaxes(dv, -1, -2))


@rule(np.linalg.qr)
class Qr:  # (scipy.linalg.qr's too, after its own guard: rules/scipy_decomps.py)
    def guard(r, a):
        q = _rt.tall_only(r[0], a)
        rr = _rt.nonzero_diagonal(r[1], "np.linalg.qr")

    def adjoint(r, a):
        gq = _rt.part(d[r], r, 0)  # (R's lower triangle is 0 by structure: its adjoint dropped)
        m = rr @ np.swapaxes(np.triu(_rt.part(d[r], r, 1)), -1, -2) - np.swapaxes(gq, -1, -2) @ q
        low = np.tril(m, -1)
        b = gq + q @ (low + np.swapaxes(low, -1, -2) + m * np.eye(np.shape(rr)[-1], dtype=rr.dtype))
        d[a] = np.swapaxes(np.linalg.solve(rr, np.swapaxes(b, -1, -2)), -1, -2)

    def tangent(r, a):
        x = np.swapaxes(np.linalg.solve(np.swapaxes(rr, -1, -2), np.swapaxes(
            np.swapaxes(q, -1, -2) @ d[a], -1, -2)), -1, -2)
        low = np.tril(x, -1)
        kept = x - low + np.swapaxes(low, -1, -2)
        d[r] = (np.swapaxes(np.linalg.solve(np.swapaxes(rr, -1, -2), np.swapaxes(d[a], -1, -2)),
                            -1, -2) - q @ kept, kept @ rr)


PINV_RCOND = ("np.linalg.pinv with an rcond above 1e-15 is not differentiated: it cuts singular "
              "values, and the pseudo-inverse jumps where one crosses the cut")
PINV_HINT = "leave rcond out (the derivative is refused where the matrix is rank deficient)"


@rule(np.linalg.pinv)
class Pinv:  # for a matrix of full rank (else refused: _rt.full_rank_pinv); `hermitian=True`: of
    # the lower triangle and its mirror, which NumPy's eigh reads (`seen`; the adjoint folded back)
    def adjoint(p, a, rcond=None, hermitian=False):
        seen = a
        if given(hermitian):
            seen = _rt.read_matrix(a, "sym" if hermitian else None, True)
        if given(rcond):
            seen = _rt.checked(seen, not rcond or rcond <= 1e-15, PINV_RCOND, PINV_HINT)
        p_t = np.swapaxes(_rt.full_rank_pinv(p, seen), -1, -2)
        g_t = np.swapaxes(d[p], -1, -2)
        full = (-(p_t @ d[p] @ p_t)
                + (np.eye(np.shape(a)[-2], dtype=p.dtype) - seen @ p) @ g_t @ p @ p_t
                + p_t @ p @ g_t @ (np.eye(np.shape(a)[-1], dtype=p.dtype) - p @ seen))
        if given(hermitian):
            d[a] = _rt.fold_reads(full, "sym" if hermitian else None, True)
        else:
            d[a] = full

    def tangent(p, a, rcond=None, hermitian=False):
        seen = a
        da = d[a]
        if given(hermitian):
            seen = _rt.read_matrix(a, "sym" if hermitian else None, True)
            da = _rt.read_matrix(d[a], "sym" if hermitian else None, True)
        da_t = np.swapaxes(da, -1, -2)
        if given(rcond):
            seen = _rt.checked(seen, not rcond or rcond <= 1e-15, PINV_RCOND, PINV_HINT)
        p_t = np.swapaxes(_rt.full_rank_pinv(p, seen), -1, -2)
        d[p] = (-(p @ da @ p)
                + p @ p_t @ da_t @ (np.eye(np.shape(a)[-2], dtype=p.dtype) - seen @ p)
                + (np.eye(np.shape(a)[-1], dtype=p.dtype) - p @ seen) @ da_t @ p_t @ p)


@rule(np.linalg.matrix_power)
class MatrixPower:
    def adjoint(r, a, n):
        d[a] = _rt.matrix_power_tangent(d[r], np.swapaxes(a, -1, -2), n)

    def tangent(r, a, n):
        d[r] = _rt.matrix_power_tangent(d[a], a, n)


@rule(np.linalg.lstsq)
class Lstsq:  # full column rank: x = (a^T a)^-1 a^T b, residuals |b - a x|^2, s as svdvals
    def adjoint(r, a, b, rcond=None):
        xc = np.reshape(_rt.full_rank_only(r[0], r[2], a), (np.shape(a)[1], -1))
        rc = np.reshape(b, (np.shape(a)[0], -1)) - a @ xc
        z = _rt.reached_solve(np.transpose(a) @ a, np.reshape(_rt.part(d[r], r, 0),
                                                              np.shape(xc)))  # (0 * inf)
        gb = _rt.reached_product(a, z) + 2.0 * rc * _rt.residuals_fit(_rt.part(d[r], r, 1),
                                                                      np.sum(rc, axis=0))
        factors = np.linalg.svd(a, full_matrices=False)
        d[b] = np.reshape(gb, np.shape(b))
        d[a] = (rc @ np.transpose(z) - gb @ np.transpose(xc)
                + (factors[0] * _rt.values_weight(_rt.part(d[r], r, 3), r[3],
                                                  "the derivative of np.linalg.lstsq")) @ factors[2])

    def tangent(r, a, b, rcond=None):
        xc = np.reshape(_rt.full_rank_only(r[0], r[2], a), (np.shape(a)[1], -1))
        rc = np.reshape(b, (np.shape(a)[0], -1)) - a @ xc
        step = np.reshape(d[b], np.shape(rc)) - d[a] @ xc
        factors = np.linalg.svd(a, full_matrices=False)
        d[r] = (np.reshape(np.linalg.solve(np.transpose(a) @ a, np.transpose(a) @ step
                                           + np.transpose(d[a]) @ rc), np.shape(r[0])),
                _rt.residuals_fit(2.0 * np.sum(rc * step, axis=0), r[1]), 0 * r[2],
                _rt.values_weight(np.diagonal(np.transpose(factors[0]) @ d[a] @ np.transpose(
                    factors[2])), r[3], "the derivative of np.linalg.lstsq"))


if hasattr(np.linalg, "svdvals"):  # NumPy >= 2.0
    @rule(np.linalg.svdvals)
    class Svdvals:
        def adjoint(s, x):
            factors = np.linalg.svd(x, full_matrices=False)
            g = _rt.values_weight(d[s], s, "the derivative of np.linalg.svdvals")
            d[x] = (factors[0] * g[..., np.newaxis, :]) @ factors[2]

        def tangent(s, x):
            factors = np.linalg.svd(x, full_matrices=False)
            d[s] = _rt.values_weight(np.diagonal(np.swapaxes(factors[0], -1, -2) @ d[x] @ np.swapaxes(
                factors[2], -1, -2), axis1=-2, axis2=-1), s, "the derivative of np.linalg.svdvals")


# NumPy 2's array-API spellings in numpy.linalg (functions of their own, over the last two axes;
# np.linalg.matmul's rule is np.matmul's, in .numpy_shapes).
if hasattr(np.linalg, "matrix_transpose"):
    linear(np.linalg.outer, lambda out, x1, x2: {
        x1: np.reshape(d[out] @ np.ravel(x2), np.shape(x1)),
        x2: np.reshape(np.ravel(x1) @ d[out], np.shape(x2))})
    linear(np.linalg.matrix_transpose, lambda r, x: np.matrix_transpose(d[r]))
    linear(np.linalg.trace, lambda r, x, offset=0: _rt.untrace(d[r], x, offset, -2, -1))
    linear(np.linalg.diagonal, lambda r, x, offset=0: _rt.undiagonal(d[r], x, offset, -2, -1))
    linear(np.linalg.cross, lambda r, x1, x2: {x1: _rt.unbroadcast(np.cross(x2, d[r]), x1),
                                               x2: _rt.unbroadcast(np.cross(d[r], x1), x2)})
    linear(np.linalg.vecdot, lambda r, x1, x2: {
        x1: _rt.unbroadcast(d[r][..., np.newaxis] * x2, x1),
        x2: _rt.unbroadcast(d[r][..., np.newaxis] * x1, x2)})
    linear(np.linalg.tensordot, lambda r, x1, x2, axes=2: {
        x1: np.transpose(np.tensordot(d[r], x2, _rt.tensordot_adjoint_axes(x1, x2, axes, 0)),
                         _rt.tensordot_adjoint_order(x1, x2, axes, 0)),
        x2: np.transpose(np.tensordot(x1, d[r], _rt.tensordot_adjoint_axes(x1, x2, axes, 1)),
                         _rt.tensordot_adjoint_order(x1, x2, axes, 1))})

non_differentiable(np.linalg.matrix_rank)
returns_sequence(np.linalg.slogdet, np.linalg.eigh, np.linalg.eig, np.linalg.svd, np.linalg.qr,
                 np.linalg.lstsq, runtime.values_and_vectors, runtime.distinct_items)
