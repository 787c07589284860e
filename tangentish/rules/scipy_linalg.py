"""``scipy.linalg`` (registered only when SciPy is installed and imported; never a dependency):
``solve_triangular`` (every ``trans``, ``lower``, ``unit_diagonal``; a vector or a matrix of right-hand
sides) and ``cholesky`` (upper by default, as SciPy's); ``inv``, ``det``, ``expm``, ``sqrtm`` (a
real root only), ``block_diag`` (up to four blocks), ``toeplitz``/``hankel``/``circulant`` (of
vectors), ``solve``, ``cho_factor``/``cho_solve`` and ``lu_factor``/``lu_solve``.  Entries of
``a`` that a triangular solve does not read get a zero derivative; ``cholesky`` (the triangle
``lower`` says), the symmetric ``solve`` and ``cho_factor`` give the gradient of what they compute
from the triangle they read (``_rt.fold_reads``), as ``np.linalg.cholesky``'s rule does.
``overwrite_a=``/``overwrite_b=`` are refused at the call.  The solves of derivative code pass
``check_finite=False``: an adjoint or tangent may be inf or NaN where the derivative is (which
is the answer, not an error), and a NaN probe (``_rt.reached``) must pass through.

For ``x = solve_triangular(a, b)``: the adjoint of ``b`` is the solve with the other ``trans``, and
the adjoint of ``a`` is ``-b_bar @ x.T`` (``-x @ b_bar.T`` for the transposed system) on the triangle
``a`` is read from.  The factor-and-solve pairs pass the factor's adjoint back through item 0 of
their tuple (``_rt.unindex``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import inspect

import numpy as np
import scipy.linalg as sla

from .. import runtime
from ..extend import d, given, non_differentiable, returns_sequence, rule

# (the rules of _rt.triangle, transposed_if and as_lower are in runtime_families.py)


@rule(sla.solve_triangular)
class SolveTriangular:
    def adjoint(x, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                check_finite=True):
        if given(trans):  # (a keyword whose parameter the call left out would be dropped)
            b_bar = sla.solve_triangular(a, d[x], trans=_rt.other_trans(trans), lower=lower,
                                         unit_diagonal=unit_diagonal, check_finite=False)
        else:
            b_bar = sla.solve_triangular(a, d[x], trans=1, lower=lower,
                                         unit_diagonal=unit_diagonal, check_finite=False)
        b_bar = _rt.triangular_reached(b_bar, a, d[x], trans=trans, lower=lower,  # (0 * inf)
                                       unit_diagonal=unit_diagonal)
        d[b] = b_bar
        d[a] = _rt.triangle(_rt.transposed_if(-(_rt.as_column(b_bar) @ np.swapaxes(
            _rt.as_column(x), -1, -2)), trans), lower, unit_diagonal)

    def tangent(x, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                check_finite=True):  # (two solves: each goes whole where its tangent is 0 by
        # symbol, no np.zeros_like left inside the other)
        d[x] = sla.solve_triangular(a, d[b], trans=trans, lower=lower, unit_diagonal=unit_diagonal,
                                    check_finite=False) - sla.solve_triangular(
            a, _rt.transposed_if(_rt.triangle(d[a], lower, unit_diagonal), trans) @ x, trans=trans,
            lower=lower, unit_diagonal=unit_diagonal, check_finite=False)


@rule(sla.cholesky)
class Cholesky:  # as np.linalg.cholesky's rule, on the lower factor
    def adjoint(c, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(c, lower)
        low_t = np.swapaxes(low, -1, -2)
        p = low_t @ np.tril(_rt.as_lower(d[c], lower))  # (the other triangle's adjoint dropped)
        phi = np.tril(p) - 0.5 * p * np.eye(np.shape(low)[-1], dtype=low.dtype)
        x = np.linalg.solve(low_t, phi)
        s = np.swapaxes(np.linalg.solve(low_t, np.swapaxes(x, -1, -2)), -1, -2)
        d[a] = _rt.fold_reads(0.5 * (s + np.swapaxes(s, -1, -2)), "sym", lower)

    def tangent(c, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(c, lower)
        m = np.linalg.solve(low, np.swapaxes(np.linalg.solve(
            low, _rt.read_matrix(d[a], "sym", lower)), -1, -2))
        d[c] = _rt.as_lower(low @ (np.tril(m) - 0.5 * m * np.eye(np.shape(low)[-1],
                                                                   dtype=low.dtype)), lower)


@rule(sla.inv)
class Inv:
    def adjoint(y, a, overwrite_a=False, check_finite=True):
        y_t = np.swapaxes(y, -1, -2)
        d[a] = -(y_t @ d[y] @ y_t)

    def tangent(y, a, overwrite_a=False, check_finite=True):
        d[y] = -(y @ d[a] @ y)


@rule(sla.det)
class Det:  # as np.linalg.det's rule: the cofactors
    def adjoint(r, a, overwrite_a=False, check_finite=True):
        d[a] = np.asarray(d[r])[..., np.newaxis, np.newaxis] * _rt.cofactors(a)

    def tangent(r, a, overwrite_a=False, check_finite=True):
        d[r] = np.sum(_rt.cofactors(a) * d[a], axis=(-2, -1))


# solve(a, b, lower, ...): the matrix solved with is _rt.read_matrix(a, assume_a, lower) (a, or
# the triangle a symmetric or positive-definite solve reads and its mirror); SciPy < 1.11 took
# sym_pos third and has no rule.
if "sym_pos" not in inspect.signature(sla.solve).parameters:
    @rule(sla.solve)
    class Solve:
        def adjoint(x, a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
                    assume_a=None):
            b_bar = _rt.reached_solve(np.swapaxes(_rt.read_matrix(a, assume_a, lower), -1, -2),
                                      d[x])
            d[b] = b_bar
            d[a] = _rt.fold_reads(-(_rt.as_column(b_bar) @ np.swapaxes(_rt.as_column(x), -1, -2)),
                                  assume_a, lower)

        def tangent(x, a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
                    assume_a=None):
            rhs = d[b] - _rt.read_matrix(d[a], assume_a, lower) @ x
            d[x] = np.linalg.solve(_rt.read_matrix(a, assume_a, lower), rhs)


# (the rules of _rt.read_matrix and _rt.fold_reads: rules/runtime_families.py; numpy.linalg's
# cholesky, eigh and eigvalsh read one triangle too)


@rule(sla.expm)
class Expm:  # the Frechet derivative L(A, E) is the top right block of expm([[A, E], [0, A]]);
    # SciPy takes a 0-d A as a 1x1 matrix (np.cov of a vector is one)
    def adjoint(r, A):
        a_t = np.swapaxes(np.atleast_2d(A), -1, -2)
        big = np.concatenate([np.concatenate([a_t, d[r]], axis=-1),
                              np.concatenate([np.zeros_like(a_t), a_t], axis=-1)], axis=-2)
        d[A] = _rt.unbroadcast(sla.expm(big)[..., :np.shape(a_t)[-1], np.shape(a_t)[-1]:], A)

    def tangent(r, A):
        a_2 = np.atleast_2d(A)
        big = np.concatenate([np.concatenate([a_2, np.atleast_2d(d[A])], axis=-1),
                              np.concatenate([np.zeros_like(a_2), a_2], axis=-1)], axis=-2)
        d[r] = sla.expm(big)[..., :np.shape(a_2)[-1], np.shape(a_2)[-1]:]


@rule(sla.sqrtm)
class Sqrtm:  # principal square root, analytic off (-inf, 0]: its Frechet derivative is the top
    # right block of sqrtm([[A, E], [0, A]]) as for expm, real for a real root (SciPy before 1.16
    # may compute it in complex128: its imaginary part is rounding); a complex root raises, and
    # so does an A of fewer than 2 axes (SciPy 1.17 returns exp(A) there, 1.15 raises)
    def adjoint(r, A):
        a_t = np.swapaxes(_rt.matrices_only(A, "scipy.linalg.sqrtm"), -1, -2)
        big = np.concatenate([np.concatenate([a_t, d[r]], axis=-1),
                              np.concatenate([np.zeros_like(a_t), a_t], axis=-1)], axis=-2)
        d[A] = _rt.real_only(np.real(sla.sqrtm(big)[..., :np.shape(A)[-1], np.shape(A)[-1]:]),
                             "scipy.linalg.sqrtm", r)

    def tangent(r, A):
        big = np.concatenate([np.concatenate([_rt.matrices_only(A, "scipy.linalg.sqrtm"), d[A]],
                                             axis=-1),
                              np.concatenate([np.zeros_like(A), A], axis=-1)], axis=-2)
        d[r] = _rt.real_only(np.real(sla.sqrtm(big)[..., :np.shape(A)[-1], np.shape(A)[-1]:]),
                             "scipy.linalg.sqrtm", r)


@rule(sla.block_diag)
class BlockDiag:  # of up to four blocks (each made 2-d as SciPy does: a scalar 1x1, a vector a
    # row; SciPy >= 1.17 stacks blocks of more axes, broadcast): each block's adjoint is its block
    # of the result's, the tangent the blocks' tangents'
    def adjoint(r, a, b=None, c=None, e=None):
        rows_a = np.shape(np.atleast_2d(a))[-2]
        cols_a = np.shape(np.atleast_2d(a))[-1]
        d[a] = _rt.unbroadcast(d[r][..., :rows_a, :cols_a], a)
        if given(b):
            rows_b = rows_a + np.shape(np.atleast_2d(b))[-2]
            cols_b = cols_a + np.shape(np.atleast_2d(b))[-1]
            d[b] = _rt.unbroadcast(d[r][..., rows_a:rows_b, cols_a:cols_b], b)
        if given(c):
            rows_c = rows_b + np.shape(np.atleast_2d(c))[-2]
            cols_c = cols_b + np.shape(np.atleast_2d(c))[-1]
            d[c] = _rt.unbroadcast(d[r][..., rows_b:rows_c, cols_b:cols_c], c)
        if given(e):
            d[e] = _rt.unbroadcast(d[r][..., rows_c:, cols_c:], e)

    def tangent(r, a, b=None, c=None, e=None):
        if given(e):
            d[r] = sla.block_diag(d[a], d[b], d[c], d[e])
        elif given(c):
            d[r] = sla.block_diag(d[a], d[b], d[c])
        elif given(b):
            d[r] = sla.block_diag(d[a], d[b])
        else:
            d[r] = sla.block_diag(d[a])


# The structured matrices of vectors (1-d; an n-d one, which SciPy ravels or, from 1.17, takes as
# a batch, meets a length that does not match in the adjoint's np.bincount and raises): each
# entry is one of the vectors' entries, so the adjoint sums the gradient over the positions an
# entry fills (a diagonal of toeplitz's and circulant's, an anti-diagonal of hankel's).  The
# diagonals are counted from 1 and sums has rows + cols of them, so a vector of length 0 (a
# matrix with no row or no column) takes its slice of them like any other (it raised: bincount's
# minlength -1, or r's first entry, which no entry reads, added to a vector of length 0; calls
# fuzz seed 633, program 24, toeplitz of np.diff of one value).
@rule(sla.toeplitz)
class Toeplitz:  # t[i, j] = c[i - j] for i >= j, r[j - i] above the diagonal (r = c left out)
    def adjoint(t, c, r=None):
        rows, cols = np.shape(t)
        sums = np.bincount(np.ravel(np.subtract.outer(np.arange(rows), np.arange(cols)) + cols),
                           weights=np.ravel(d[t]), minlength=rows + cols)
        sums = sums.astype(np.result_type(d[t], 1.0))
        upper = np.concatenate([np.zeros(1, sums.dtype), sums[1:cols][::-1]])[:cols]
        if given(r):
            d[c] = np.reshape(sums[cols:], np.shape(c))
            d[r] = np.reshape(upper, np.shape(r))
        else:
            d[c] = np.reshape(sums[cols:] + upper, np.shape(c))

    def tangent(t, c, r=None):
        if given(r):
            d[t] = sla.toeplitz(d[c], d[r])
        else:
            d[t] = sla.toeplitz(d[c])


@rule(sla.hankel)
class Hankel:  # t[i, j] = c[i + j] for i + j < len(c), else r[i + j - len(c) + 1] (r = 0 left out)
    def adjoint(t, c, r=None):
        rows, cols = np.shape(t)
        sums = np.bincount(np.ravel(np.add.outer(np.arange(rows), np.arange(cols))),
                           weights=np.ravel(d[t]), minlength=rows + cols)
        sums = sums.astype(np.result_type(d[t], 1.0))
        d[c] = np.reshape(sums[:rows], np.shape(c))
        d[r] = np.reshape(np.concatenate([np.zeros(1, sums.dtype), sums[rows:rows + cols - 1]])[:cols],
                          np.shape(r))

    def tangent(t, c, r=None):
        if given(r):
            d[t] = sla.hankel(d[c], d[r])
        else:
            d[t] = sla.hankel(d[c])


@rule(sla.circulant)
class Circulant:  # t[i, j] = c[(i - j) % n]
    def adjoint(t, c):
        n = np.shape(t)[0]
        sums = np.bincount(np.ravel(np.subtract.outer(np.arange(n), np.arange(n)) % n),
                           weights=np.ravel(d[t]), minlength=n)
        d[c] = np.reshape(sums.astype(np.result_type(d[t], 1.0)), np.shape(c))

    def tangent(t, c):
        d[t] = sla.circulant(d[c])


# cho_factor's c: the factor on the triangle it reads (the upper one unless lower); on the other,
# a's own entries (SciPy up to 1.17) or zeros (1.18): its derivative there is the identity or 0,
# as this SciPy does (_other_triangle_kept); cho_solve reads the factor's triangle only.
returns_sequence(sla.cho_factor)


def _other_triangle_kept() -> bool:
    """Whether this SciPy's ``cho_factor`` leaves ``a``'s entries on the triangle it does not read
    (SciPy's documentation calls them random data: they are what the installed SciPy does)."""
    c, _ = sla.cho_factor(np.array([[4.0, 2.0], [2.0, 5.0]]))
    return bool(c[1, 0] == 2.0)


class ChoFactor:  # as Cholesky on the triangle read (exact for any input: _rt.fold_reads)
    def adjoint(r, a, lower=False, overwrite_a=False, check_finite=True):
        g = _rt.part(d[r], r, 0)
        low = _rt.as_lower(_rt.triangle(r[0], lower), lower)
        low_t = np.swapaxes(low, -1, -2)
        p = low_t @ _rt.as_lower(_rt.triangle(g, lower), lower)
        phi = np.tril(p) - 0.5 * p * np.eye(np.shape(low)[-1], dtype=low.dtype)
        s = np.swapaxes(np.linalg.solve(low_t, np.swapaxes(np.linalg.solve(low_t, phi), -1, -2)),
                        -1, -2)
        d[a] = _rt.fold_reads(0.5 * (s + np.swapaxes(s, -1, -2)), "pos", lower) + _rt.triangle(
            g, not lower, True)

    def tangent(r, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(_rt.triangle(r[0], lower), lower)
        m = np.linalg.solve(low, np.swapaxes(np.linalg.solve(
            low, _rt.read_matrix(d[a], "pos", lower)), -1, -2))
        d[r] = (_rt.as_lower(low @ (np.tril(m) - 0.5 * m * np.eye(np.shape(low)[-1],
                                                                   dtype=low.dtype)), lower)
                + _rt.triangle(d[a], not lower, True), 0 * r[1])


class ChoFactorZeroing:  # ChoFactor where the other triangle of c is zeros (SciPy 1.18)
    def adjoint(r, a, lower=False, overwrite_a=False, check_finite=True):
        g = _rt.part(d[r], r, 0)
        low = _rt.as_lower(_rt.triangle(r[0], lower), lower)
        low_t = np.swapaxes(low, -1, -2)
        p = low_t @ _rt.as_lower(_rt.triangle(g, lower), lower)
        phi = np.tril(p) - 0.5 * p * np.eye(np.shape(low)[-1], dtype=low.dtype)
        s = np.swapaxes(np.linalg.solve(low_t, np.swapaxes(np.linalg.solve(low_t, phi), -1, -2)),
                        -1, -2)
        d[a] = _rt.fold_reads(0.5 * (s + np.swapaxes(s, -1, -2)), "pos", lower)

    def tangent(r, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(_rt.triangle(r[0], lower), lower)
        m = np.linalg.solve(low, np.swapaxes(np.linalg.solve(
            low, _rt.read_matrix(d[a], "pos", lower)), -1, -2))
        d[r] = (_rt.as_lower(low @ (np.tril(m) - 0.5 * m * np.eye(np.shape(low)[-1],
                                                                   dtype=low.dtype)), lower),
                0 * r[1])


rule(sla.cho_factor)(ChoFactor if _other_triangle_kept() else ChoFactorZeroing)


@rule(sla.cho_solve)
class ChoSolve:  # a = l @ l.T: the adjoint of l is tril((g + g.T) @ l), g = -b_bar x^T
    def adjoint(x, c_and_lower, b, overwrite_b=False, check_finite=True):
        b_bar = _rt.cho_reached(sla.cho_solve(c_and_lower, d[x], check_finite=False),
                                c_and_lower, d[x])
        g = -(_rt.as_column(b_bar) @ np.swapaxes(_rt.as_column(x), -1, -2))
        low = _rt.as_lower(_rt.triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
        d[b] = b_bar
        d[c_and_lower] = _rt.unindex(_rt.as_lower(np.tril((g + np.swapaxes(g, -1, -2)) @ low),
                                                  c_and_lower[1]), c_and_lower, 0)

    def tangent(x, c_and_lower, b, overwrite_b=False, check_finite=True):
        low = _rt.as_lower(_rt.triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
        low_dot = _rt.as_lower(_rt.triangle(d[c_and_lower][0], c_and_lower[1]), c_and_lower[1])
        rhs = d[b] - low_dot @ (np.swapaxes(low, -1, -2) @ x) - low @ (np.swapaxes(
            low_dot, -1, -2) @ x)
        d[x] = sla.cho_solve(c_and_lower, rhs, check_finite=False)


# lu_factor: p @ a = l @ u packed in lu (l's unit diagonal left out), p @ a == a[_rt.lu_rows(piv)];
# x = l^-1 p da u^-1 gives dl = l tril(x, -1) and du = triu(x) u.
returns_sequence(sla.lu_factor)
non_differentiable(runtime.lu_rows)


@rule(sla.lu_factor)
class LuFactor:
    def adjoint(r, a, overwrite_a=False, check_finite=True):
        g = _rt.part(d[r], r, 0)
        low = np.tril(r[0], -1) + np.eye(np.shape(a)[-1], dtype=r[0].dtype)
        up = _rt.nonzero_diagonal(np.triu(r[0]), "scipy.linalg.lu_factor")
        m = np.tril(np.swapaxes(low, -1, -2) @ np.tril(g, -1), -1) + np.triu(
            np.triu(g) @ np.swapaxes(up, -1, -2))
        d[a] = np.linalg.solve(np.swapaxes(low, -1, -2), np.swapaxes(np.linalg.solve(
            up, np.swapaxes(m, -1, -2)), -1, -2))[np.argsort(_rt.lu_rows(r[1]))]

    def tangent(r, a, overwrite_a=False, check_finite=True):
        low = np.tril(r[0], -1) + np.eye(np.shape(a)[-1], dtype=r[0].dtype)
        up = _rt.nonzero_diagonal(np.triu(r[0]), "scipy.linalg.lu_factor")
        x = np.linalg.solve(low, np.swapaxes(np.linalg.solve(np.swapaxes(up, -1, -2), np.swapaxes(
            d[a][_rt.lu_rows(r[1])], -1, -2)), -1, -2))
        d[r] = (low @ np.tril(x, -1) + np.triu(x) @ up, 0 * r[1])


@rule(sla.lu_solve)
class LuSolve:  # a = p^T l u: the adjoint of lu is tril(p g u^T, -1) + triu(l^T p g)
    def adjoint(x, lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
        if given(trans):
            b_bar = sla.lu_solve(lu_and_piv, d[x], trans=_rt.other_trans(trans),
                                 check_finite=False)
        else:
            b_bar = sla.lu_solve(lu_and_piv, d[x], trans=1, check_finite=False)
        b_bar = _rt.lu_reached(b_bar, lu_and_piv, d[x], trans=trans)
        pg = _rt.transposed_if(-(_rt.as_column(b_bar) @ np.swapaxes(_rt.as_column(x), -1, -2)),
                               trans)[_rt.lu_rows(lu_and_piv[1])]
        d[b] = b_bar
        d[lu_and_piv] = _rt.unindex(np.tril(pg @ np.swapaxes(np.triu(lu_and_piv[0]), -1, -2), -1)
                                    + np.triu(np.swapaxes(np.tril(lu_and_piv[0], -1) + np.eye(
                                        np.shape(x)[0], dtype=x.dtype), -1, -2) @ pg),
                                    lu_and_piv, 0)

    def tangent(x, lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
        rhs = d[b] - _rt.transposed_if((np.tril(d[lu_and_piv][0], -1) @ np.triu(lu_and_piv[0])
                                        + (np.tril(lu_and_piv[0], -1) + np.eye(
                                            np.shape(x)[0], dtype=x.dtype)) @ np.triu(
                                            d[lu_and_piv][0]))[np.argsort(_rt.lu_rows(
                                                lu_and_piv[1]))], trans) @ x
        d[x] = sla.lu_solve(lu_and_piv, rhs, trans=trans, check_finite=False)


# (the rest of scipy.linalg's rules: eigh, svd, norm... - lstsq, qr, lu, orth, solve_banded -
# cosm..., logm, expm_frechet, the matrix equations, polar)
from . import scipy_decomps, scipy_matfuncs, scipy_spectral  # noqa: E402, F401
