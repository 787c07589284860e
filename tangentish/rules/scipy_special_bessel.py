"""More of ``scipy.special`` (imported with ``scipy_special``): spherical Bessel functions, Airy
functions, integrals of Bessel and Struve functions, the binomial, negative binomial and F
distribution functions with their inverses, and ``ellipkm1``, each differentiated in its
continuous argument by a formula in terms of functions that have rules themselves (so they can be
differentiated again).  Orders, counts and degrees of freedom are refused where they vary
(``_rt.no_derivative``), as in ``scipy_special_more``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps

from ..extend import d, elementwise, returns_sequence, rule

_ORDER = "a spherical Bessel function in its order n"
_FLAG = "a spherical Bessel function in its derivative flag"

# Spherical Bessel functions (DLMF 10.51.2, 10.51.5): (2n + 1) f_n' = n f_{n-1} - (n + 1) f_{n+1}
# for j and y, n i_{n-1} + (n + 1) i_{n+1} for i, -(n k_{n-1} + (n + 1) k_{n+1}) for k (f_0' is
# -j_1, -y_1, i_1, -k_1: the term of order -1 has the factor n = 0, _rt.lower_degree asks for
# order 0 there).  The same identity differentiated gives the derivative of derivative=True.
elementwise(sps.spherical_jn, lambda y, n, z, derivative=False: _rt.no_derivative(n, _ORDER),
            lambda y, n, z, derivative=False: (
                n * sps.spherical_jn(_rt.lower_degree(n), z, derivative)
                - (n + 1) * sps.spherical_jn(n + 1, z, derivative)) / (2 * n + 1),
            lambda y, n, z, derivative=False: _rt.no_derivative(derivative, _FLAG))
elementwise(sps.spherical_yn, lambda y, n, z, derivative=False: _rt.no_derivative(n, _ORDER),
            lambda y, n, z, derivative=False: (
                n * sps.spherical_yn(_rt.lower_degree(n), z, derivative)
                - (n + 1) * sps.spherical_yn(n + 1, z, derivative)) / (2 * n + 1),
            lambda y, n, z, derivative=False: _rt.no_derivative(derivative, _FLAG))
elementwise(sps.spherical_in, lambda y, n, z, derivative=False: _rt.no_derivative(n, _ORDER),
            lambda y, n, z, derivative=False: (
                n * sps.spherical_in(_rt.lower_degree(n), z, derivative)
                + (n + 1) * sps.spherical_in(n + 1, z, derivative)) / (2 * n + 1),
            lambda y, n, z, derivative=False: _rt.no_derivative(derivative, _FLAG))
elementwise(sps.spherical_kn, lambda y, n, z, derivative=False: _rt.no_derivative(n, _ORDER),
            lambda y, n, z, derivative=False: -(
                n * sps.spherical_kn(_rt.lower_degree(n), z, derivative)
                + (n + 1) * sps.spherical_kn(n + 1, z, derivative)) / (2 * n + 1),
            lambda y, n, z, derivative=False: _rt.no_derivative(derivative, _FLAG))

# Integrals from 0 of the Struve functions H_0 and L_0: their slopes are the functions (in x's
# dtype: SciPy's struve is float64 only).
elementwise(sps.itstruve0, lambda y, x: _rt.recast(sps.struve(0.0, x), x))
elementwise(sps.itmodstruve0, lambda y, x: _rt.recast(sps.modstruve(0.0, x), x))

# ellipkm1(p) = K(1 - p): minus ellipk's slope at m = 1 - p, (E - (1 - m) K) / (2 m (1 - m)), and at
# p = 1 (m = 0) that slope's series (as ellipk's rule; exact there to the fifth derivative).
elementwise(sps.ellipkm1, lambda y, p: np.where(
    p == 1.0, -np.pi / 2.0 * (0.25 + (1.0 - p) * (0.28125 + (1.0 - p) * (0.29296875 + (1.0 - p) * (
        0.299072265625 + (1.0 - p) * 0.3028106689453125)))),
    (p * y - sps.ellipe(1.0 - p)) / np.where(p == 1.0, 1.0, 2.0 * p * (1.0 - p))))

# Binomial and negative binomial distribution functions in p (DLMF 8.17.20 with bdtr(k, n, p) =
# I_{1-p}(n - k, k + 1), nbdtr(k, n, p) = I_p(n, k + 1), k = floor(k)): minus / plus the beta
# density; the inverses, one over it at their result.  (At k >= n, betaln(n - k, ...) is inf at
# Gamma's pole, and (1 - p)'s exponent taken as 0: bdtr is 1 there, its slope 0.)  The count k and
# the number n are refused.
_COUNT = "a binomial distribution function in its counts k or n"
elementwise(sps.bdtr, lambda y, k, n, p: _rt.no_derivative(k, _COUNT),
            lambda y, k, n, p: _rt.no_derivative(n, _COUNT),
            lambda y, k, n, p: -np.exp(
                sps.xlogy(np.floor(k + np.zeros_like(p)), p) + sps.xlog1py(
                    np.maximum(n - np.floor(k + np.zeros_like(p)) - 1.0, 0.0), -p)
                - sps.betaln(n - np.floor(k + np.zeros_like(p)), np.floor(k + np.zeros_like(p)) + 1.0)))
elementwise(sps.bdtrc, lambda y, k, n, p: _rt.no_derivative(k, _COUNT),
            lambda y, k, n, p: _rt.no_derivative(n, _COUNT),
            lambda y, k, n, p: np.exp(
                sps.xlogy(np.floor(k + np.zeros_like(p)), p) + sps.xlog1py(
                    np.maximum(n - np.floor(k + np.zeros_like(p)) - 1.0, 0.0), -p)
                - sps.betaln(n - np.floor(k + np.zeros_like(p)), np.floor(k + np.zeros_like(p)) + 1.0)))
elementwise(sps.bdtri, lambda p, k, n, y: _rt.no_derivative(k, _COUNT),
            lambda p, k, n, y: _rt.no_derivative(n, _COUNT),
            lambda p, k, n, y: -np.exp(
                sps.betaln(n - np.floor(k + np.zeros_like(p)), np.floor(k + np.zeros_like(p)) + 1.0)
                - sps.xlogy(np.floor(k + np.zeros_like(p)), p)
                - sps.xlog1py(n - np.floor(k + np.zeros_like(p)) - 1.0, -p)))
elementwise(sps.nbdtr, lambda y, k, n, p: _rt.no_derivative(k, _COUNT),
            lambda y, k, n, p: _rt.no_derivative(n, _COUNT),
            lambda y, k, n, p: np.exp(
                sps.xlogy(n - 1.0 + np.zeros_like(p), p) + sps.xlog1py(np.floor(k + np.zeros_like(p)), -p)
                - sps.betaln(n + np.zeros_like(p), np.floor(k + np.zeros_like(p)) + 1.0)))
elementwise(sps.nbdtrc, lambda y, k, n, p: _rt.no_derivative(k, _COUNT),
            lambda y, k, n, p: _rt.no_derivative(n, _COUNT),
            lambda y, k, n, p: -np.exp(
                sps.xlogy(n - 1.0 + np.zeros_like(p), p) + sps.xlog1py(np.floor(k + np.zeros_like(p)), -p)
                - sps.betaln(n + np.zeros_like(p), np.floor(k + np.zeros_like(p)) + 1.0)))
elementwise(sps.nbdtri, lambda p, k, n, y: _rt.no_derivative(k, _COUNT),
            lambda p, k, n, y: _rt.no_derivative(n, _COUNT),
            lambda p, k, n, y: np.exp(
                sps.betaln(n + np.zeros_like(p), np.floor(k + np.zeros_like(p)) + 1.0)
                - sps.xlogy(n - 1.0 + np.zeros_like(p), p) - sps.xlog1py(np.floor(k + np.zeros_like(p)), -p)))

# The F distribution (fdtr(dfn, dfd, x) = I_{dfn x / (dfd + dfn x)}(dfn / 2, dfd / 2)): in x, its
# density (dfn / dfd)^(dfn/2) x^(dfn/2 - 1) (1 + dfn x / dfd)^(-(dfn + dfd)/2) / B(dfn/2, dfd/2).
_DF = "the F distribution function in its degrees of freedom"
elementwise(sps.fdtr, lambda y, dfn, dfd, x: _rt.no_derivative(dfn, _DF),
            lambda y, dfn, dfd, x: _rt.no_derivative(dfd, _DF),
            lambda y, dfn, dfd, x: np.exp(
                0.5 * dfn * np.log(dfn / dfd) + sps.xlogy(0.5 * dfn - 1.0 + np.zeros_like(x), x)
                - 0.5 * (dfn + dfd) * np.log1p(dfn * x / dfd)
                - sps.betaln(0.5 * dfn + np.zeros_like(x), 0.5 * dfd + np.zeros_like(x))))
elementwise(sps.fdtrc, lambda y, dfn, dfd, x: _rt.no_derivative(dfn, _DF),
            lambda y, dfn, dfd, x: _rt.no_derivative(dfd, _DF),
            lambda y, dfn, dfd, x: -np.exp(
                0.5 * dfn * np.log(dfn / dfd) + sps.xlogy(0.5 * dfn - 1.0 + np.zeros_like(x), x)
                - 0.5 * (dfn + dfd) * np.log1p(dfn * x / dfd)
                - sps.betaln(0.5 * dfn + np.zeros_like(x), 0.5 * dfd + np.zeros_like(x))))
elementwise(sps.fdtri,  # the x with fdtr(dfn, dfd, x) = p
            lambda x, dfn, dfd, p: _rt.no_derivative(dfn, _DF),
            lambda x, dfn, dfd, p: _rt.no_derivative(dfd, _DF),
            lambda x, dfn, dfd, p: np.exp(
                sps.betaln(0.5 * dfn + np.zeros_like(x), 0.5 * dfd + np.zeros_like(x))
                - 0.5 * dfn * np.log(dfn / dfd) - sps.xlogy(0.5 * dfn - 1.0 + np.zeros_like(x), x)
                + 0.5 * (dfn + dfd) * np.log1p(dfn * x / dfd)))

# Airy functions (DLMF 9.2.1: w'' = z w): (Ai, Ai', Bi, Bi')' = (Ai', z Ai, Bi', z Bi); the
# integrals of J_0 and Y_0 (I_0 and K_0) from 0 to x: their slopes are the functions.
returns_sequence(sps.airy, sps.itj0y0, sps.iti0k0)


@rule(sps.airy)
class Airy:
    def adjoint(r, z):
        d[z] = (_rt.part(d[r], r, 0) * r[1] + _rt.part(d[r], r, 1) * z * r[0]
                + _rt.part(d[r], r, 2) * r[3] + _rt.part(d[r], r, 3) * z * r[2])

    def tangent(r, z):
        d[r] = (d[z] * r[1], d[z] * z * r[0], d[z] * r[3], d[z] * z * r[2])


@rule(sps.itj0y0)
class IntegralsJ0Y0:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0) * sps.j0(x) + _rt.part(d[r], r, 1) * sps.y0(x)

    def tangent(r, x):
        d[r] = (d[x] * sps.j0(x), d[x] * sps.y0(x))


@rule(sps.iti0k0)
class IntegralsI0K0:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0) * sps.i0(x) + _rt.part(d[r], r, 1) * sps.k0(x)

    def tangent(r, x):
        d[r] = (d[x] * sps.i0(x), d[x] * sps.k0(x))
