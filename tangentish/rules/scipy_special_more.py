"""More ``scipy.special`` functions (imported with ``scipy_special``): Bessel functions of integer
order and their derivatives, hypergeometric functions in their argument, Struve functions, the
distribution functions (``stdtr``, ``chdtr``, ``gdtr``, ``pdtr``) and the inverses of the
incomplete gamma and beta functions, each differentiated by a formula in terms of functions that
have rules themselves (so they can be differentiated again).  An order, a degree or a shape
parameter whose derivative has no closed form among SciPy's functions is refused where it varies
(``_rt.no_derivative``), never taken as constant.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.special as sps

from ..extend import d, elementwise, non_differentiable, returns_sequence, rule

SQRT_PI = math.sqrt(math.pi)
DEGREE = math.pi / 180.0

non_differentiable(sps.round)  # (piecewise constant)
elementwise(sps.wrightomega, lambda w, x: w / (1.0 + w))  # w + log(w) = x
elementwise(sps.tandg, lambda y, x: DEGREE * (1.0 + y * y))
elementwise(sps.cotdg, lambda y, x: -DEGREE * (1.0 + y * y))
elementwise(sps.radian, lambda r, deg, mins, secs: DEGREE, lambda r, deg, mins, secs: DEGREE / 60.0,
            lambda r, deg, mins, secs: DEGREE / 3600.0)
# exprel(x) = (e^x - 1) / x: its slope (e^x - exprel(x)) / x cancels near 0, where its Taylor
# series sum_k k x^(k-1) / (k+1)! is used instead (to x^5: exact in float64 for |x| < 1e-2).
elementwise(sps.exprel, lambda y, x: np.where(
    np.abs(x) < 1e-2,
    0.5 + x * (1.0 / 3.0 + x * (0.125 + x * (1.0 / 30.0 + x * (1.0 / 144.0 + x / 840.0)))),
    (np.exp(x) - y) / np.where(np.abs(x) < 1e-2, 1.0, x)))
# poch(z, m) = Gamma(z + m) / Gamma(z): in z, below 1/2, y digamma(z) is Gamma(z + m) times
# -rgamma'(z), written as in rgamma's rule (finite at z's poles, where y = 0 and digamma is inf).
elementwise(sps.poch,
            lambda y, z, m: np.where(
                z >= 0.5, y * (sps.digamma(z + m) - sps.digamma(np.where(z >= 0.5, z, 1.0))),
                y * sps.digamma(z + m) + sps.gamma(z + m) * (sps.gamma(1.0 - np.where(
                    z >= 0.5, 0.0, z)) * np.cos(np.pi * np.fmod(np.where(z >= 0.5, 0.0, z), 2.0))
                    - sps.rgamma(z) * sps.digamma(1.0 - np.where(z >= 0.5, 0.0, z)))),
            lambda y, z, m: y * sps.digamma(z + m))
# Owen's T(h, a) = 1/(2 pi) int_0^a exp(-h^2 (1 + t^2) / 2) / (1 + t^2) dt
elementwise(sps.owens_t,
            lambda y, h, a: -np.exp(-0.5 * h * h) * sps.erf(a * h / math.sqrt(2.0))
            / (2.0 * math.sqrt(2.0 * math.pi)),
            lambda y, h, a: np.exp(-0.5 * h * h * (1.0 + a * a)) / (2.0 * math.pi * (1.0 + a * a)))

# Incomplete elliptic integrals in their amplitude phi (DLMF 19.2.4, 19.2.5) and parameter m
# (DLMF 19.4.4 in m = k^2: dF/dm = (E - (1 - m) F) / (2 m (1 - m)) - sin(2 phi) / (4 (1 - m)
# sqrt(1 - m sin^2 phi)), dE/dm = (E - F) / (2 m)).  At m = 0 both are 0 / 0: there the series
# sum_n n c_n I_n m^(n-1) (c_n those of (1 - m s^2)^(-+1/2), I_n = _rt.sine_moment(phi, n)) to
# m^2, exact to the third derivative; at m = 1 (|phi| < pi/2) dF/dm's two poles cancel:
# (tan(phi) sec(phi) - atanh(sin(phi))) / 4 + (m - 1) d2F/dm2 there, from the integral of
# sin^2 / (2 cos^3) and of 3 sin^4 / (4 cos^5).
elementwise(sps.ellipkinc, lambda y, phi, m: 1.0 / np.sqrt(1.0 - m * np.sin(phi) ** 2),
            lambda y, phi, m: np.where(
                m == 0.0, 0.5 * _rt.sine_moment(phi, 1) + 0.75 * m * _rt.sine_moment(phi, 2)
                + 0.9375 * m * m * _rt.sine_moment(phi, 3),
                np.where(m == 1.0, 0.25 * (np.tan(phi) / np.cos(phi) - np.arctanh(np.sin(phi)))
                         + 0.75 * (m - 1.0) * (np.tan(phi) / np.cos(phi) ** 3 / 4.0 - 0.625 * np.tan(phi)
                                               / np.cos(phi) + 0.375 * np.arctanh(np.sin(phi))),
                         (sps.ellipeinc(phi, m) - (1.0 - m) * y) / np.where(
                             (m == 0.0) | (m == 1.0), 1.0, 2.0 * m * (1.0 - m))
                         - np.sin(2.0 * phi) / np.where(m == 1.0, 1.0, 4.0 * (1.0 - m) * np.sqrt(
                             1.0 - m * np.sin(phi) ** 2)))))
elementwise(sps.ellipeinc, lambda y, phi, m: np.sqrt(1.0 - m * np.sin(phi) ** 2),
            lambda y, phi, m: np.where(
                m == 0.0, -0.5 * _rt.sine_moment(phi, 1) - 0.25 * m * _rt.sine_moment(phi, 2)
                - 0.1875 * m * m * _rt.sine_moment(phi, 3),
                (y - sps.ellipkinc(phi, m)) / np.where(m == 0.0, 1.0, 2.0 * m)))

# The arithmetic-geometric mean M(a, b) = pi a / (2 K(m)), m = 1 - (b / a)^2 (DLMF 19.8.5):
# dM/db = 2 b M K'(m) / (a^2 K) = M (E - (b / a)^2 K) / (b K m); at a = b, where it is 0 / 0,
# 1/2 - (b - a) / (8 a) (from M(a, a + e) = a + e / 2 - e^2 / (16 a) + ...: exact to the second
# derivative); dM/da = (M - b dM/db) / a, M being of degree 1.
elementwise(sps.agm,
            lambda y, a, b: (y - b * np.where(
                (b / a) ** 2 == 1.0, 0.5 - (b - a) / (8.0 * a), y * (sps.ellipe(1.0 - (b / a) ** 2)
                - (b / a) ** 2 * sps.ellipk(1.0 - (b / a) ** 2)) / np.where(
                (b / a) ** 2 == 1.0, 1.0, b * (1.0 - (b / a) ** 2) * sps.ellipk(1.0 - (b / a) ** 2)))) / a,
            lambda y, a, b: np.where(
                (b / a) ** 2 == 1.0, 0.5 - (b - a) / (8.0 * a), y * (sps.ellipe(1.0 - (b / a) ** 2)
                - (b / a) ** 2 * sps.ellipk(1.0 - (b / a) ** 2)) / np.where(
                (b / a) ** 2 == 1.0, 1.0, b * (1.0 - (b / a) ** 2) * sps.ellipk(1.0 - (b / a) ** 2))))

# Exponential integrals E_n (DLMF 8.19.13: E_n' = -E_{n-1}; E_0 = exp(-x) / x).
elementwise(sps.expn, lambda y, n, x: _rt.no_derivative(n, "scipy.special.expn in its order n"),
            lambda y, n, x: np.where(n == 0, -y * (1.0 + 1.0 / x), -sps.expn(_rt.lower_degree(n), x)))

# Bessel functions of integer order, the exponentially scaled J and Y (the same as J and Y for
# a real argument) and the derivatives jvp... of order n, whose own derivative is order n + 1.
_ORDER = "a Bessel function in its order"
elementwise(sps.kn, lambda y, n, x: _rt.no_derivative(n, _ORDER),
            lambda y, n, x: -0.5 * (sps.kn(n - 1, x) + sps.kn(n + 1, x)))
elementwise(sps.jve, lambda y, v, z: _rt.no_derivative(v, _ORDER),
            lambda y, v, z: 0.5 * (sps.jve(v - 1, z) - sps.jve(v + 1, z)))
elementwise(sps.yve, lambda y, v, z: _rt.no_derivative(v, _ORDER),
            lambda y, v, z: v * y / z - sps.yve(v + 1, z))
elementwise(sps.jvp, lambda y, v, z, n=1: _rt.no_derivative(v, _ORDER),
            lambda y, v, z, n=1: sps.jvp(v, z, n + 1),
            lambda y, v, z, n=1: _rt.no_derivative(n, "a derivative in its order n"))
elementwise(sps.yvp, lambda y, v, z, n=1: _rt.no_derivative(v, _ORDER),
            lambda y, v, z, n=1: sps.yvp(v, z, n + 1),
            lambda y, v, z, n=1: _rt.no_derivative(n, "a derivative in its order n"))
elementwise(sps.ivp, lambda y, v, z, n=1: _rt.no_derivative(v, _ORDER),
            lambda y, v, z, n=1: sps.ivp(v, z, n + 1),
            lambda y, v, z, n=1: _rt.no_derivative(n, "a derivative in its order n"))
elementwise(sps.kvp, lambda y, v, z, n=1: _rt.no_derivative(v, _ORDER),
            lambda y, v, z, n=1: sps.kvp(v, z, n + 1),
            lambda y, v, z, n=1: _rt.no_derivative(n, "a derivative in its order n"))

# Struve functions (DLMF 11.4.25, 11.4.27): H_v' = (H_{v-1} - H_{v+1}) / 2 + (z/2)^v / (2 sqrt(pi)
# Gamma(v + 3/2)), L_v' = (L_{v-1} + L_{v+1}) / 2 + the same term.
elementwise(sps.struve, lambda y, v, z: _rt.no_derivative(v, "a Struve function in its order"),
            lambda y, v, z: 0.5 * (sps.struve(v - 1.0, z) - sps.struve(v + 1.0, z))
            + (0.5 * z) ** v * sps.rgamma(v + 1.5 + np.zeros_like(z)) / (2.0 * SQRT_PI))
elementwise(sps.modstruve, lambda y, v, z: _rt.no_derivative(v, "a Struve function in its order"),
            lambda y, v, z: 0.5 * (sps.modstruve(v - 1.0, z) + sps.modstruve(v + 1.0, z))
            + (0.5 * z) ** v * sps.rgamma(v + 1.5 + np.zeros_like(z)) / (2.0 * SQRT_PI))

# Hypergeometric functions in their argument (DLMF 13.3.15, 13.3.22, 15.5.1, 16.3.1); in their
# parameters, refused.
_PARAMETER = "a hypergeometric function in a parameter"
elementwise(sps.hyp0f1, lambda y, v, z: _rt.no_derivative(v, _PARAMETER),
            lambda y, v, z: sps.hyp0f1(v + 1.0, z) / v)
elementwise(sps.hyp1f1, lambda y, a, b, x: _rt.no_derivative(a, _PARAMETER),
            lambda y, a, b, x: _rt.no_derivative(b, _PARAMETER),
            lambda y, a, b, x: a / b * sps.hyp1f1(a + 1.0, b + 1.0, x))
elementwise(sps.hyperu, lambda y, a, b, x: _rt.no_derivative(a, _PARAMETER),
            lambda y, a, b, x: _rt.no_derivative(b, _PARAMETER),
            lambda y, a, b, x: -a * sps.hyperu(a + 1.0, b + 1.0, x))
elementwise(sps.hyp2f1, lambda y, a, b, c, z: _rt.no_derivative(a, _PARAMETER),
            lambda y, a, b, c, z: _rt.no_derivative(b, _PARAMETER),
            lambda y, a, b, c, z: _rt.no_derivative(c, _PARAMETER),
            lambda y, a, b, c, z: a * b / c * sps.hyp2f1(a + 1.0, b + 1.0, c + 1.0, z))

# Distribution functions in their variable (and gdtr in its rate a): the densities, written with
# xlogy so that x = 0 gives the density's limit; degrees of freedom, shapes and counts refused.
# A shape of Python numbers is first made an array beside x (+ np.zeros_like(x)), as in the
# function's own call: SciPy's xlogy and gammaln of a Python number give float64, and would make a
# float32 x's slope float64.
_SHAPE = "a distribution function in its shape or degrees of freedom"
elementwise(sps.stdtr, lambda p, df, t: _rt.no_derivative(df, _SHAPE),
            lambda p, df, t: np.exp(
                sps.gammaln(0.5 * (df + 1.0) + np.zeros_like(t)) - sps.gammaln(0.5 * df + np.zeros_like(t))
                - 0.5 * np.log(np.pi * (df + np.zeros_like(t))) - 0.5 * (df + 1.0) * np.log1p(t * t / df)))
elementwise(sps.stdtrit, lambda t, df, p: _rt.no_derivative(df, _SHAPE),
            lambda t, df, p: np.exp(
                sps.gammaln(0.5 * df + np.zeros_like(t)) - sps.gammaln(0.5 * (df + 1.0) + np.zeros_like(t))
                + 0.5 * np.log(np.pi * (df + np.zeros_like(t))) + 0.5 * (df + 1.0) * np.log1p(t * t / df)))
elementwise(sps.chdtr, lambda p, v, x: _rt.no_derivative(v, _SHAPE),
            lambda p, v, x: np.exp(sps.xlogy(0.5 * v - 1.0 + np.zeros_like(x), x) - 0.5 * x
                                   - 0.5 * v * math.log(2.0) - sps.gammaln(0.5 * v + np.zeros_like(x))))
elementwise(sps.chdtrc,  # (SciPy < 1.16 gives 1 for x < 0, where chdtr is NaN: a slope of 0 there)
            lambda p, v, x: _rt.no_derivative(v, _SHAPE),
            lambda p, v, x: np.where(x < 0.0, 0.0, -np.exp(
                sps.xlogy(0.5 * v - 1.0 + np.zeros_like(x), np.maximum(x, 0.0)) - 0.5 * np.maximum(x, 0.0)
                - 0.5 * v * math.log(2.0) - sps.gammaln(0.5 * v + np.zeros_like(x)))))
elementwise(sps.chdtri,  # the x with chdtrc(v, x) = p
            lambda x, v, p: _rt.no_derivative(v, _SHAPE),
            lambda x, v, p: -np.exp(sps.gammaln(0.5 * v + np.zeros_like(x)) + 0.5 * v * math.log(2.0)
                                    + 0.5 * x - sps.xlogy(0.5 * v - 1.0 + np.zeros_like(x), x)))
elementwise(sps.gdtr,  # gammainc(b, a x)
            lambda p, a, b, x: x * np.exp(sps.xlogy(b - 1.0 + np.zeros_like(a * x), a * x) - a * x
                                          - sps.gammaln(b + np.zeros_like(a * x))),
            lambda p, a, b, x: _rt.no_derivative(b, _SHAPE),
            lambda p, a, b, x: a * np.exp(sps.xlogy(b - 1.0 + np.zeros_like(a * x), a * x) - a * x
                                          - sps.gammaln(b + np.zeros_like(a * x))))
elementwise(sps.gdtrc,
            lambda p, a, b, x: -x * np.exp(sps.xlogy(b - 1.0 + np.zeros_like(a * x), a * x) - a * x
                                           - sps.gammaln(b + np.zeros_like(a * x))),
            lambda p, a, b, x: _rt.no_derivative(b, _SHAPE),
            lambda p, a, b, x: -a * np.exp(sps.xlogy(b - 1.0 + np.zeros_like(a * x), a * x) - a * x
                                           - sps.gammaln(b + np.zeros_like(a * x))))
elementwise(sps.pdtr,  # gammaincc(floor(k) + 1, m): in m, minus the Poisson probability of floor(k)
            lambda p, k, m: _rt.no_derivative(k, "scipy.special.pdtr in its count k"),
            lambda p, k, m: -np.exp(sps.xlogy(np.floor(k + np.zeros_like(m)), m) - m
                                    - sps.gammaln(np.floor(k + np.zeros_like(m)) + 1.0)))
elementwise(sps.pdtrc,
            lambda p, k, m: _rt.no_derivative(k, "scipy.special.pdtrc in its count k"),
            lambda p, k, m: np.exp(sps.xlogy(np.floor(k + np.zeros_like(m)), m) - m
                                   - sps.gammaln(np.floor(k + np.zeros_like(m)) + 1.0)))

# The inverses of the regularized incomplete gamma and beta functions in their probability: one
# over the function's slope at the result x.
elementwise(sps.gammaincinv, lambda x, a, p: _rt.no_derivative(a, _SHAPE),
            lambda x, a, p: np.exp(sps.gammaln(a + np.zeros_like(x)) + x
                                   - sps.xlogy(a - 1.0 + np.zeros_like(x), x)))
elementwise(sps.gammainccinv, lambda x, a, p: _rt.no_derivative(a, _SHAPE),
            lambda x, a, p: -np.exp(sps.gammaln(a + np.zeros_like(x)) + x
                                    - sps.xlogy(a - 1.0 + np.zeros_like(x), x)))
elementwise(sps.betaincinv, lambda x, a, b, p: _rt.no_derivative(a, _SHAPE),
            lambda x, a, b, p: _rt.no_derivative(b, _SHAPE),
            lambda x, a, b, p: np.exp(sps.betaln(a + np.zeros_like(x), b + np.zeros_like(x)) - sps.xlogy(
                a - 1.0 + np.zeros_like(x), x) - sps.xlog1py(b - 1.0 + np.zeros_like(x), -x)))
if hasattr(sps, "betaincc"):  # SciPy >= 1.11
    elementwise(sps.betaincc, lambda y, a, b, x: _rt.no_derivative(a, _SHAPE),
                lambda y, a, b, x: _rt.no_derivative(b, _SHAPE),
                lambda y, a, b, x: -np.exp(sps.xlogy(a - 1.0 + np.zeros_like(x), x) + sps.xlog1py(
                    b - 1.0 + np.zeros_like(x), -x) - sps.betaln(a + np.zeros_like(x), b + np.zeros_like(x))))
    elementwise(sps.betainccinv, lambda x, a, b, p: _rt.no_derivative(a, _SHAPE),
                lambda x, a, b, p: _rt.no_derivative(b, _SHAPE),
                lambda x, a, b, p: -np.exp(sps.betaln(a + np.zeros_like(x), b + np.zeros_like(x)) - sps.xlogy(
                    a - 1.0 + np.zeros_like(x), x) - sps.xlog1py(b - 1.0 + np.zeros_like(x), -x)))


# Sine and cosine integrals, and their hyperbolic twins (DLMF 6.2.9, 6.2.11, 6.2.15, 6.2.16):
# Si' = sin x / x, Ci' = cos x / x, Shi' = sinh x / x, Chi' = cosh x / x (for x < 0 too: SciPy's
# ci and chi are the real parts).  At x = 0, Si' is np.sinc's and Shi' its Taylor polynomial, so
# derivatives of higher order are exact there too; Ci and Chi are -inf there, their slopes NaN
# (_rt.nan_outside), 0 where nothing flows into them (sici(x)[0] alone is differentiated at 0).
returns_sequence(sps.sici, sps.shichi)


@rule(sps.sici)
class SineCosineIntegrals:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0) * np.sinc(x / np.pi) + _rt.part(d[r], r, 1) * _rt.nan_outside(
            np.cos(x) / np.where(x == 0.0, 1.0, x), x != 0.0, _rt.part(d[r], r, 1))

    def tangent(r, x):
        d[r] = (d[x] * np.sinc(x / np.pi), d[x] * _rt.nan_outside(
            np.cos(x) / np.where(x == 0.0, 1.0, x), x != 0.0, d[x]))


@rule(sps.shichi)
class HyperbolicSineCosineIntegrals:
    def adjoint(r, x):
        d[x] = _rt.part(d[r], r, 0) * np.where(
            x == 0.0, 1.0 + x * x * (1.0 / 6.0 + x * x / 120.0),
            np.sinh(x) / np.where(x == 0.0, 1.0, x)) + _rt.part(d[r], r, 1) * _rt.nan_outside(
            np.cosh(x) / np.where(x == 0.0, 1.0, x), x != 0.0, _rt.part(d[r], r, 1))

    def tangent(r, x):
        d[r] = (d[x] * np.where(x == 0.0, 1.0 + x * x * (1.0 / 6.0 + x * x / 120.0),
                                np.sinh(x) / np.where(x == 0.0, 1.0, x)),
                d[x] * _rt.nan_outside(np.cosh(x) / np.where(x == 0.0, 1.0, x), x != 0.0, d[x]))


@rule(sps.lambertw)
class Lambertw:  # W e^W = z, on every branch k: W' = 1 / (z + e^W), infinite at the branch point
    # z = -1/e (W = -1); W is complex (its real part taken after: the complex convention, as
    # np.emath's functions), its adjoint for a real z the real part of d[W] / conj(z + e^W)
    def adjoint(r, z, k=0, tol=1e-8):
        d[z] = _rt.onto(d[r] / np.conj(z + np.exp(r)), z)

    def tangent(r, z, k=0, tol=1e-8):
        d[r] = d[z] / (z + np.exp(r))


returns_sequence(sps.ellipj)


@rule(sps.ellipj)
class Ellipj:  # (sn, cn, dn, ph) of u = F(ph, m): in u (cn dn, -sn dn, -m sn cn, dn); in m through
    # dph/dm = -dn dF/dm(ph, m) = sn cn / (2 (1 - m)) - dn Q, Q = (E(ph, m) - (1 - m) F(ph, m)) /
    # (2 m (1 - m)), the integral of cos^2 / (2 (1 - m) dn); at m = 0 (0 / 0) Q's series (J_0 + m J_1
    # / 2 + 3 m^2 J_2 / 8) / (2 (1 - m)), J_n = I_n - I_(n+1) (_rt.sine_moment), exact to the third
    # derivative; at m = 1 exactly the slope in m is NaN (its two poles, not cancelled there)
    def adjoint(r, u, m):
        dph = r[0] * r[1] / (2.0 * (1.0 - m)) - r[2] * np.where(m == 0.0, (
            r[3] - _rt.sine_moment(r[3], 1) + 0.5 * m * (_rt.sine_moment(r[3], 1)
            - _rt.sine_moment(r[3], 2)) + 0.375 * m * m * (_rt.sine_moment(r[3], 2)
            - _rt.sine_moment(r[3], 3))) / (2.0 * (1.0 - m)), (sps.ellipeinc(r[3], m) - (1.0 - m)
            * sps.ellipkinc(r[3], m)) / np.where(m == 0.0, 1.0, 2.0 * m * (1.0 - m)))
        d[u] = (_rt.part(d[r], r, 0) * r[1] * r[2] - _rt.part(d[r], r, 1) * r[0] * r[2]
                - _rt.part(d[r], r, 2) * m * r[0] * r[1] + _rt.part(d[r], r, 3) * r[2])
        d[m] = ((_rt.part(d[r], r, 0) * r[1] - _rt.part(d[r], r, 1) * r[0] + _rt.part(d[r], r, 3)) * dph
                - _rt.part(d[r], r, 2) * r[0] * (r[0] + 2.0 * m * r[1] * dph) / (2.0 * r[2]))

    def tangent(r, u, m):
        dph = r[0] * r[1] / (2.0 * (1.0 - m)) - r[2] * np.where(m == 0.0, (
            r[3] - _rt.sine_moment(r[3], 1) + 0.5 * m * (_rt.sine_moment(r[3], 1)
            - _rt.sine_moment(r[3], 2)) + 0.375 * m * m * (_rt.sine_moment(r[3], 2)
            - _rt.sine_moment(r[3], 3))) / (2.0 * (1.0 - m)), (sps.ellipeinc(r[3], m) - (1.0 - m)
            * sps.ellipkinc(r[3], m)) / np.where(m == 0.0, 1.0, 2.0 * m * (1.0 - m)))
        d[r] = (d[u] * r[1] * r[2] + d[m] * r[1] * dph, -d[u] * r[0] * r[2] - d[m] * r[0] * dph,
                -d[u] * m * r[0] * r[1] - d[m] * r[0] * (r[0] + 2.0 * m * r[1] * dph) / (2.0 * r[2]),
                d[u] * r[2] + d[m] * dph)
