"""``scipy.linalg``'s matrix functions and matrix equations (imported with its other rules):
``cosm``, ``sinm``, ``tanhm``, ``coshm``, ``sinhm``, ``logm`` (a real logarithm only), ``expm_frechet``,
``solve_sylvester``, ``solve_continuous_lyapunov`` and ``polar`` (of a matrix of full column
rank, ``side='right'``, or full row rank, ``side='left'``).

A function ``f`` analytic on the spectrum of ``A`` has the Frechet derivative ``L_f(A, E)`` in the
top right block of ``f([[A, E], [0, A]])`` (Higham, *Functions of Matrices*, SIAM 2008, Theorem
3.6 / (3.16); Mathias 1996), and, its Taylor coefficients being real, its adjoint is
``L_f(A^T, G)`` (Higham and Lin 2013, "An improved Schur-Pade algorithm...", eq. (2.4);
Al-Mohy and Higham 2009, SIMAX 30(4), section 1).  So each rule calls the function again on the
block matrix (``_rt.frechet_block``), which its own rule differentiates again.  For ``logm`` that
block matrix is not diagonalizable; SciPy's inverse scaling and squaring computes its corner to
~1e-14 of the derivative found by inverting ``expm_frechet`` (``L_log(A, .)`` is the inverse of
``L_exp(log A, .)``: Higham 2008, (3.8); ``tests/test_scipy_matfuncs.py``), and with the direction
scaled down (``_rt.frechet_scale``) without SciPy's "logm result may be inaccurate" warning.

The matrix equations (Kao and Hennequin 2020, "Automatic differentiation of Sylvester, Lyapunov,
and algebraic Riccati equations", arXiv:2011.11430, section 2): ``a x + x b = q`` gives
``a dx + dx b = dq - da x - x db``, and with ``a^T y + y b^T = g``: ``q_bar = y``,
``a_bar = -y x^T``, ``b_bar = -x^T y``; the Lyapunov equation is ``b = a^T``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.linalg as sla

from ..extend import d, given, returns_sequence, rule


@rule(sla.cosm)
class Cosm:
    def adjoint(r, A):
        n = np.shape(A)[-1]
        d[A] = sla.cosm(_rt.frechet_block(np.swapaxes(A, -1, -2), d[r]))[..., :n, n:]

    def tangent(r, A):
        n = np.shape(A)[-1]
        d[r] = sla.cosm(_rt.frechet_block(A, d[A]))[..., :n, n:]


@rule(sla.sinm)
class Sinm:
    def adjoint(r, A):
        n = np.shape(A)[-1]
        d[A] = sla.sinm(_rt.frechet_block(np.swapaxes(A, -1, -2), d[r]))[..., :n, n:]

    def tangent(r, A):
        n = np.shape(A)[-1]
        d[r] = sla.sinm(_rt.frechet_block(A, d[A]))[..., :n, n:]


@rule(sla.coshm)
class Coshm:
    def adjoint(r, A):
        n = np.shape(A)[-1]
        d[A] = sla.coshm(_rt.frechet_block(np.swapaxes(A, -1, -2), d[r]))[..., :n, n:]

    def tangent(r, A):
        n = np.shape(A)[-1]
        d[r] = sla.coshm(_rt.frechet_block(A, d[A]))[..., :n, n:]


@rule(sla.sinhm)
class Sinhm:
    def adjoint(r, A):
        n = np.shape(A)[-1]
        d[A] = sla.sinhm(_rt.frechet_block(np.swapaxes(A, -1, -2), d[r]))[..., :n, n:]

    def tangent(r, A):
        n = np.shape(A)[-1]
        d[r] = sla.sinhm(_rt.frechet_block(A, d[A]))[..., :n, n:]


@rule(sla.tanhm)
class Tanhm:  # (analytic where cosh(A) is invertible, as tanhm itself needs)
    def adjoint(r, A):
        n = np.shape(A)[-1]
        d[A] = sla.tanhm(_rt.frechet_block(np.swapaxes(A, -1, -2), d[r]))[..., :n, n:]

    def tangent(r, A):
        n = np.shape(A)[-1]
        d[r] = sla.tanhm(_rt.frechet_block(A, d[A]))[..., :n, n:]


@rule(sla.logm)
class Logm:  # principal logarithm, analytic off (-inf, 0]; a complex one raises (_rt.real_only).
    # The corner is taken for a small multiple s e of the direction and divided by s (exact: L
    # is linear in e), which keeps SciPy's residual check quiet (_rt.frechet_scale)
    def adjoint(r, A):
        n = np.shape(A)[-1]
        s = _rt.frechet_scale(A, d[r])
        d[A] = _rt.real_only(np.real(sla.logm(_rt.frechet_block(
            np.swapaxes(A, -1, -2), s * d[r]))[..., :n, n:]) / s, "scipy.linalg.logm", r)

    def tangent(r, A):
        n = np.shape(A)[-1]
        s = _rt.frechet_scale(A, d[A])
        d[r] = _rt.real_only(np.real(sla.logm(_rt.frechet_block(A, s * d[A]))[..., :n, n:]) / s,
                             "scipy.linalg.logm", r)


# expm_frechet(A, E) = (expm(A), L(A, E)), the blocks of expm(M), M = [[A, E], [0, A]]: its
# derivative is L(M, dM) (dM = [[dA, dE], [0, dA]]) and its adjoint L(M^T, [[g/2, gL], [0, g/2]])
# read back onto A and E by frechet_block's adjoint (expm(A) is both diagonal blocks of expm(M)).
returns_sequence(sla.expm_frechet)


@rule(sla.expm_frechet)
class ExpmFrechet:
    def adjoint(r, A, E, method=None, compute_expm=True, check_finite=True):
        n = np.shape(A)[-1]
        if given(compute_expm):  # (L alone, compute_expm=False)
            seed = _rt.frechet_block(0.0 * A, _rt.checked(
                d[r], not compute_expm, "scipy.linalg.expm_frechet with compute_expm passed as a "
                "true value is not differentiated", "leave compute_expm out, or pass False"))
        else:
            seed = _rt.frechet_block(0.5 * _rt.part(d[r], r, 0), _rt.part(d[r], r, 1))
        h = sla.expm_frechet(np.swapaxes(_rt.frechet_block(A, E), -1, -2), seed,
                             compute_expm=False, check_finite=False)
        d[A] = h[..., :n, :n] + h[..., n:, n:]
        d[E] = h[..., :n, n:]

    def tangent(r, A, E, method=None, compute_expm=True, check_finite=True):
        n = np.shape(A)[-1]
        t = sla.expm_frechet(_rt.frechet_block(A, E), _rt.frechet_block(d[A], d[E]),
                             compute_expm=False, check_finite=False)
        if given(compute_expm):
            d[r] = _rt.checked(t[..., :n, n:], not compute_expm, "scipy.linalg.expm_frechet with "
                               "compute_expm passed as a true value is not differentiated",
                               "leave compute_expm out, or pass False")
        else:
            d[r] = (t[..., :n, :n], t[..., :n, n:])


@rule(sla.solve_sylvester)
class SolveSylvester:  # a x + x b = q
    def adjoint(x, a, b, q):
        y = sla.solve_sylvester(np.transpose(a), np.transpose(b), d[x])
        d[q] = y
        d[a] = -(y @ np.transpose(x))
        d[b] = -(np.transpose(x) @ y)

    def tangent(x, a, b, q):
        rhs = d[q] - d[a] @ x - x @ d[b]
        d[x] = sla.solve_sylvester(a, b, rhs)


@rule(sla.solve_continuous_lyapunov)
class SolveContinuousLyapunov:  # a x + x a^T = q: Sylvester's with b = a^T (real matrices)
    def adjoint(x, a, q):
        y = sla.solve_continuous_lyapunov(np.transpose(a), d[x])
        d[q] = y
        d[a] = -(y @ np.transpose(x) + np.transpose(y) @ x)

    def tangent(x, a, q):
        rhs = d[q] - d[a] @ x - x @ np.transpose(d[a])
        d[x] = sla.solve_continuous_lyapunov(a, rhs)


# polar(a) = (u, p), a = u p, p = sqrtm(a^T a) (side='left': a = p u, the same of a^T): from
# p^2 = a^T a, p dp + dp p = da^T a + a^T da (a Lyapunov equation, p symmetric positive definite
# for a of full column rank), and u = a p^-1, du = (da - u dp) p^-1 (Higham, Functions of
# Matrices, section 8.1; the Lyapunov form as in Kao and Hennequin 2020).  Adjoint: with
# y = lyap(p, g_p - u^T g_u p^-1), a_bar = g_u p^-1 + a (y + y^T).
returns_sequence(sla.polar)
POLAR_RANK = ("scipy.linalg.polar of a matrix without full column rank (side='right') or row rank "
              "(side='left') is not differentiated: its factor p is singular")


@rule(sla.polar)
class Polar:
    def adjoint(r, a, side="right"):
        b = _rt.transposed_if(a, side == "left")
        u = _rt.transposed_if(r[0], side == "left")
        p = _rt.checked(r[1], np.linalg.matrix_rank(r[1]) == np.shape(r[1])[-1], POLAR_RANK,
                        "keep the matrix of full rank (tall for side='right', wide for 'left')")
        gu = np.transpose(np.linalg.solve(p, _rt.transposed_if(_rt.part(d[r], r, 0),
                                                                 side == "right")))
        y = sla.solve_continuous_lyapunov(p, _rt.part(d[r], r, 1) - np.transpose(u) @ gu)
        d[a] = _rt.transposed_if(gu + b @ (y + np.transpose(y)), side == "left")

    def tangent(r, a, side="right"):
        b = _rt.transposed_if(a, side == "left")
        db = _rt.transposed_if(d[a], side == "left")
        u = _rt.transposed_if(r[0], side == "left")
        p = _rt.checked(r[1], np.linalg.matrix_rank(r[1]) == np.shape(r[1])[-1], POLAR_RANK,
                        "keep the matrix of full rank (tall for side='right', wide for 'left')")
        dp = sla.solve_continuous_lyapunov(p, np.transpose(db) @ b + np.transpose(b) @ db)
        d[r] = (_rt.transposed_if(np.transpose(np.linalg.solve(p, np.transpose(db - u @ dp))),
                                  side == "left"), dp)
