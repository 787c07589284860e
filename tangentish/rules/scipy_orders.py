"""``scipy.special`` functions of a constant order or parameter (imported with
``scipy_special``): Bessel functions of order ``v``, orthogonal polynomials of degree ``n``, the
incomplete gamma and beta functions, Hurwitz's zeta and the multivariate log-gamma.  Each is
differentiated in its argument by a recurrence (DLMF 10.6.1, 10.6.2, 10.29.2, 18.9, 8.8.13, 8.17.20, 25.11.17)
in terms of functions that have rules themselves, so they can be differentiated again; an order,
degree or shape parameter that varies is refused (``_rt.no_derivative``): those derivatives have no
closed form among SciPy's functions.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps

from ..extend import d, elementwise, given, rule


@rule(sps.kv)
class BesselK:  # K_v' = -(K_{v-1} + K_{v+1}) / 2
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * -0.5 * (sps.kv(v - 1, z) + sps.kv(v + 1, z)), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * -0.5 * (sps.kv(v - 1, z) + sps.kv(v + 1, z)) + _rt.no_tangent(
            d[v], "a Bessel order")


@rule(sps.kve)
class BesselKScaled:  # kve(v, z) = kv(v, z) exp(z)
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * (y - 0.5 * (sps.kve(v - 1, z) + sps.kve(v + 1, z))), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * (y - 0.5 * (sps.kve(v - 1, z) + sps.kve(v + 1, z))) + _rt.no_tangent(
            d[v], "a Bessel order")


@rule(sps.jv)
class BesselJ:  # J_v' = (J_{v-1} - J_{v+1}) / 2
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * 0.5 * (sps.jv(v - 1, z) - sps.jv(v + 1, z)), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * 0.5 * (sps.jv(v - 1, z) - sps.jv(v + 1, z)) + _rt.no_tangent(
            d[v], "a Bessel order")


@rule(sps.yv)
class BesselY:  # Y_v' = v Y_v / z - Y_{v+1} (Y is singular at z = 0)
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * (v * y / z - sps.yv(v + 1, z)), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * (v * y / z - sps.yv(v + 1, z)) + _rt.no_tangent(d[v], "a Bessel order")


@rule(sps.yn)
class BesselYInteger:  # yv for an integer order n
    def adjoint(y, n, z):
        d[z] = _rt.unbroadcast(d[y] * (n * y / z - sps.yn(n + 1, z)), z)
        d[n] = _rt.no_derivative(n, "a Bessel function in its order")

    def tangent(y, n, z):
        d[y] = d[z] * (n * y / z - sps.yn(n + 1, z)) + _rt.no_tangent(d[n], "a Bessel order")


# Orthogonal polynomials: the derivative is a polynomial of degree n - 1, and 0 for n = 0, where
# SciPy's functions of degree -1 are nan at some x (C_{-1} at x = -1): _rt.lower_degree asks for
# degree 0 there, times a factor 0 (n itself, or n != 0); a degree that is not an integer is a
# function of its own (Legendre's P_v) (Hermite's take integers only: np.maximum(n - 1, 0)).
@rule(sps.eval_legendre)
class Legendre:  # P_n' = C_{n-1}^(3/2)
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 1.5, x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 1.5, x) + _rt.no_tangent(
            d[n], "a degree n")


@rule(sps.eval_chebyt)
class ChebyshevT:  # T_n' = n U_{n-1}
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * n * sps.eval_chebyu(_rt.lower_degree(n), x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * n * sps.eval_chebyu(_rt.lower_degree(n), x) + _rt.no_tangent(d[n], "a degree n")


@rule(sps.eval_chebyu)
class ChebyshevU:  # U_n = C_n^(1), so U_n' = 2 C_{n-1}^(2)
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * 2.0 * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 2.0, x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * 2.0 * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 2.0, x) + _rt.no_tangent(
            d[n], "a degree n")


@rule(sps.eval_gegenbauer)
class Gegenbauer:  # C_n^(a)' = 2 a C_{n-1}^(a+1)
    def adjoint(y, n, alpha, x):
        d[x] = _rt.unbroadcast(d[y] * 2.0 * alpha * (n != 0) * sps.eval_gegenbauer(
            _rt.lower_degree(n), alpha + 1.0, x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")
        d[alpha] = _rt.no_derivative(alpha, "scipy.special.eval_gegenbauer in its alpha")

    def tangent(y, n, alpha, x):
        d[y] = (d[x] * 2.0 * alpha * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), alpha + 1.0, x)
                + _rt.no_tangent(d[n], "a degree n") + _rt.no_tangent(d[alpha], "Gegenbauer's alpha"))


@rule(sps.eval_hermite)
class Hermite:  # H_n' = 2 n H_{n-1}
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * 2.0 * n * sps.eval_hermite(np.maximum(n - 1, 0), x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * 2.0 * n * sps.eval_hermite(np.maximum(n - 1, 0), x) + _rt.no_tangent(
            d[n], "a degree n")


@rule(sps.eval_hermitenorm)
class HermiteNorm:  # He_n' = n He_{n-1}
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * n * sps.eval_hermitenorm(np.maximum(n - 1, 0), x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * n * sps.eval_hermitenorm(np.maximum(n - 1, 0), x) + _rt.no_tangent(
            d[n], "a degree n")


@rule(sps.eval_laguerre)
class Laguerre:  # L_n' = -L_{n-1}^(1)
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * (n != 0) * -sps.eval_genlaguerre(_rt.lower_degree(n), 1.0, x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")

    def tangent(y, n, x):
        d[y] = d[x] * (n != 0) * -sps.eval_genlaguerre(_rt.lower_degree(n), 1.0, x) + _rt.no_tangent(
            d[n], "a degree n")


@rule(sps.eval_genlaguerre)
class GeneralizedLaguerre:  # L_n^(a)' = -L_{n-1}^(a+1)
    def adjoint(y, n, alpha, x):
        d[x] = _rt.unbroadcast(d[y] * (n != 0) * -sps.eval_genlaguerre(_rt.lower_degree(n), alpha + 1.0,
                                                                        x), x)
        d[n] = _rt.no_derivative(n, "an orthogonal polynomial in its degree n")
        d[alpha] = _rt.no_derivative(alpha, "scipy.special.eval_genlaguerre in its alpha")

    def tangent(y, n, alpha, x):
        d[y] = (d[x] * (n != 0) * -sps.eval_genlaguerre(_rt.lower_degree(n), alpha + 1.0, x)
                + _rt.no_tangent(d[n], "a degree n") + _rt.no_tangent(d[alpha], "Laguerre's alpha"))


@rule(sps.gammainc)
class GammaInc:  # P(a, x)' = x^(a-1) exp(-x) / Gamma(a)
    def adjoint(y, a, x):
        d[x] = _rt.unbroadcast(d[y] * np.exp(sps.xlogy(a - 1.0, x) - x - sps.gammaln(a)), x)
        d[a] = _rt.no_derivative(a, "scipy.special.gammainc in its a")

    def tangent(y, a, x):
        d[y] = d[x] * np.exp(sps.xlogy(a - 1.0, x) - x - sps.gammaln(a)) + _rt.no_tangent(
            d[a], "gammainc's a")


@rule(sps.gammaincc)
class GammaIncC:  # Q = 1 - P
    def adjoint(y, a, x):
        d[x] = _rt.unbroadcast(d[y] * -np.exp(sps.xlogy(a - 1.0, x) - x - sps.gammaln(a)), x)
        d[a] = _rt.no_derivative(a, "scipy.special.gammaincc in its a")

    def tangent(y, a, x):
        d[y] = d[x] * -np.exp(sps.xlogy(a - 1.0, x) - x - sps.gammaln(a)) + _rt.no_tangent(
            d[a], "gammaincc's a")


@rule(sps.betainc)
class BetaInc:  # I_x(a, b)' = x^(a-1) (1-x)^(b-1) / B(a, b)
    def adjoint(y, a, b, x):
        d[x] = _rt.unbroadcast(d[y] * np.exp(sps.xlogy(a - 1.0, x) + sps.xlog1py(b - 1.0, -x)
                                             - sps.betaln(a, b)), x)
        d[a] = _rt.no_derivative(a, "scipy.special.betainc in its a")
        d[b] = _rt.no_derivative(b, "scipy.special.betainc in its b")

    def tangent(y, a, b, x):
        d[y] = (d[x] * np.exp(sps.xlogy(a - 1.0, x) + sps.xlog1py(b - 1.0, -x) - sps.betaln(a, b))
                + _rt.no_tangent(d[a], "betainc's a") + _rt.no_tangent(d[b], "betainc's b"))


@rule(sps.zeta)
class Zeta:  # Hurwitz's zeta(x, q) = sum_k (k + q)^-x: in q, -x zeta(x + 1, q); in x, refused
    def adjoint(y, x, q=None):
        if given(q):
            d[q] = _rt.unbroadcast(d[y] * -x * sps.zeta(x + 1.0, q), q)
        d[x] = _rt.no_derivative(x, "scipy.special.zeta in its exponent x")

    def tangent(y, x, q=None):
        if given(q):
            d[y] = d[q] * -x * sps.zeta(x + 1.0, q) + _rt.no_tangent(d[x], "zeta's exponent x")
        else:
            d[y] = _rt.no_tangent(d[x], "zeta's exponent x")


@rule(sps.multigammaln)
class MultiGammaLn:  # log Gamma_d(a) = const + sum_{j<d} gammaln(a - j / 2): the sum of digammas
    def adjoint(y, a, d):
        d[a] = d[y] * np.sum(sps.digamma(np.expand_dims(a, -1) - 0.5 * np.arange(d)), axis=-1)

    def tangent(y, a, d):
        d[y] = d[a] * np.sum(sps.digamma(np.expand_dims(a, -1) - 0.5 * np.arange(d)), axis=-1)


# More polynomials, in x (DLMF 18.9.15: P_n^(a,b)' = (n + a + b + 1) / 2 P_{n-1}^(a+1,b+1); the
# shifted ones are P_n(2x - 1), T_n(2x - 1), U_n(2x - 1), and G_n^(p,q)(x) = P_n^(p-q,q-1)(2x - 1)
# / binom(2n + p - 1, n); C_n(x) = 2 T_n(x / 2), S_n(x) = U_n(x / 2); assoc_laguerre(x, n, k) is
# L_n^(k)(x)); the degree and the parameters refused.
_DEGREE, _PARAMETER = "an orthogonal polynomial in its degree n", "an orthogonal polynomial in a parameter"
elementwise(sps.eval_jacobi, lambda y, n, alpha, beta, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, alpha, beta, x: _rt.no_derivative(alpha, _PARAMETER),
            lambda y, n, alpha, beta, x: _rt.no_derivative(beta, _PARAMETER),
            lambda y, n, alpha, beta, x: 0.5 * (n + alpha + beta + 1.0) * (n != 0) * sps.eval_jacobi(
                _rt.lower_degree(n), alpha + 1.0, beta + 1.0, x))
elementwise(sps.eval_sh_jacobi, lambda y, n, p, q, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, p, q, x: _rt.no_derivative(p, _PARAMETER),
            lambda y, n, p, q, x: _rt.no_derivative(q, _PARAMETER),
            lambda y, n, p, q, x: (n + p) * (n != 0) * sps.eval_jacobi(
                _rt.lower_degree(n), p - q + 1.0, q, 2.0 * x - 1.0) / sps.binom(2.0 * n + p - 1.0, n))
elementwise(sps.eval_sh_legendre, lambda y, n, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, x: 2.0 * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 1.5, 2.0 * x - 1.0))
elementwise(sps.eval_sh_chebyt, lambda y, n, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, x: 2.0 * n * sps.eval_chebyu(_rt.lower_degree(n), 2.0 * x - 1.0))
elementwise(sps.eval_sh_chebyu, lambda y, n, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, x: 4.0 * (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 2.0, 2.0 * x - 1.0))
elementwise(sps.eval_chebyc, lambda y, n, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, x: n * sps.eval_chebyu(_rt.lower_degree(n), 0.5 * x))
elementwise(sps.eval_chebys, lambda y, n, x: _rt.no_derivative(n, _DEGREE),
            lambda y, n, x: (n != 0) * sps.eval_gegenbauer(_rt.lower_degree(n), 2.0, 0.5 * x))
elementwise(sps.assoc_laguerre, lambda y, x, n, k=0.0: -(n != 0) * sps.eval_genlaguerre(
                _rt.lower_degree(n), k + 1.0, x),
            lambda y, x, n, k=0.0: _rt.no_derivative(n, _DEGREE),
            lambda y, x, n, k=0.0: _rt.no_derivative(k, _PARAMETER))
