"""``scipy.special`` (registered only when SciPy is installed; it is never a dependency): the
special functions' derivatives, each in terms of functions that have rules themselves (``gammaln``
-> ``digamma`` -> ``polygamma``, ``i0`` -> ``i1`` -> ``iv``), so they can be differentiated again;
``logsumexp``, ``softmax`` and ``log_softmax`` as full templates.  An order argument (``n`` of
``polygamma``, ``v`` of ``iv``) is an integer or is refused when it varies.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.special as sps

from ..extend import d, elementwise, given, non_differentiable, returns_sequence, rule
from . import (  # noqa: F401  (their rules)
    scipy_orders,
    scipy_singular,
    scipy_special_bessel,
    scipy_special_more,
    scipy_special_poles,
)

SQRT_PI = math.sqrt(math.pi)
SQRT_2PI = math.sqrt(2.0 * math.pi)

elementwise(sps.expit, lambda y, x: y * (1.0 - y))
elementwise(sps.logit, lambda y, x: 1.0 / (x * (1.0 - x)))
elementwise(sps.log_expit, lambda y, x: sps.expit(-x))
if hasattr(sps, "softplus"):  # SciPy >= 1.15: log(1 + exp(x))
    elementwise(sps.softplus, lambda y, x: sps.expit(x))
elementwise((sps.gammaln, sps.loggamma), lambda y, x: sps.digamma(x))
elementwise(sps.digamma, lambda y, x: sps.polygamma(1, x))
elementwise(sps.gamma, lambda y, x: y * sps.digamma(x))
# 1 / Gamma: -rgamma(x) digamma(x) is 0 * inf at Gamma's poles x = 0, -1, ... (the slope there is
# (-1)^n n!) and cancels near them; below 1/2, with digamma(x) = digamma(1 - x) - pi cot(pi x)
# (DLMF 5.5.4) and rgamma(x) cot(pi x) = Gamma(1 - x) cos(pi x) / pi (5.5.3), it is
# Gamma(1 - x) cos(pi x) - rgamma(x) digamma(1 - x): finite, and so are its derivatives.
elementwise(sps.rgamma, lambda y, x: np.where(
    x >= 0.5, -y * sps.digamma(np.where(x >= 0.5, x, 1.0)),
    sps.gamma(1.0 - np.where(x >= 0.5, 0.0, x)) * np.cos(np.pi * np.fmod(np.where(
        x >= 0.5, 0.0, x), 2.0)) - y * sps.digamma(1.0 - np.where(x >= 0.5, 0.0, x))))
non_differentiable(sps.gammasgn)  # (the sign of Gamma: piecewise constant)
elementwise(sps.erf, lambda y, x: 2.0 / SQRT_PI * np.exp(-x * x))
elementwise(sps.erfc, lambda y, x: -2.0 / SQRT_PI * np.exp(-x * x))
elementwise(sps.erfinv, lambda y, x: SQRT_PI / 2.0 * np.exp(y * y))
elementwise(sps.erfcinv, lambda y, x: -SQRT_PI / 2.0 * np.exp(y * y))
elementwise(sps.erfcx, lambda y, x: 2.0 * x * y - 2.0 / SQRT_PI)
elementwise(sps.dawsn, lambda y, x: 1.0 - 2.0 * x * y)
elementwise(sps.ndtr, lambda y, x: np.exp(-0.5 * x * x) / SQRT_2PI)
elementwise(sps.log_ndtr, lambda y, x: np.exp(-0.5 * x * x - y) / SQRT_2PI)
elementwise(sps.ndtri, lambda y, x: SQRT_2PI * np.exp(0.5 * y * y))
elementwise(sps.i0, lambda y, x: sps.i1(x))
elementwise(sps.i1, lambda y, x: 0.5 * (sps.i0(x) + sps.iv(2, x)))
elementwise(sps.i0e, lambda y, x: sps.i1e(x) - np.sign(x) * y)
elementwise(sps.i1e, lambda y, x: 0.5 * (sps.i0e(x) + sps.ive(2, x)) - np.sign(x) * y)
elementwise(sps.expm1, lambda y, x: y + 1.0)
elementwise(sps.log1p, lambda y, x: 1.0 / (1.0 + x))
elementwise(sps.exp2, lambda y, x: y * math.log(2.0))
elementwise(sps.exp10, lambda y, x: y * math.log(10.0))
elementwise(sps.cbrt, lambda y, x: 1.0 / (3.0 * y * y))
elementwise(sps.entr, lambda y, x: -(np.log(x) + 1.0))
elementwise(sps.sindg, lambda y, x: np.pi / 180.0 * sps.cosdg(x))
elementwise(sps.cosdg, lambda y, x: -np.pi / 180.0 * sps.sindg(x))

# x = 0 makes these 0 for every y (y = 0 included): their slope in y is 0 there, never 0 / 0.
elementwise(sps.xlogy, lambda z, x, y: np.log(y),
            lambda z, x, y: np.where(x == 0.0, 0.0, x / np.where(x == 0.0, 1.0, y)))
elementwise(sps.xlog1py, lambda z, x, y: np.log1p(y),
            lambda z, x, y: np.where(x == 0.0, 0.0, x / np.where(x == 0.0, 1.0, 1.0 + y)))
elementwise(sps.rel_entr, lambda z, x, y: np.log(x / y) + 1.0,
            lambda z, x, y: np.where(x == 0.0, 0.0, -x / np.where(x == 0.0, 1.0, y)))
elementwise(sps.kl_div, lambda z, x, y: np.log(x / y),
            lambda z, x, y: 1.0 - np.where(x == 0.0, 0.0, x / np.where(x == 0.0, 1.0, y)))
# (huber at delta = 0 is 0 for every r: the quadratic piece is the one for |r| < delta only)
elementwise(sps.huber,
            lambda z, delta, r: np.where(np.abs(r) <= delta, 0.0, np.abs(r) - delta),
            lambda z, delta, r: np.where(np.abs(r) < delta, r, delta * np.sign(r)))
# delta (sqrt(delta^2 + r^2) - delta), written with s = sqrt(delta^2 + r^2), 0 / 0 taken as 0 at
# delta = r = 0 (delta = 0 makes it 0 for every r)
elementwise(sps.pseudo_huber,
            lambda z, delta, r: np.hypot(delta, r) - 2.0 * delta
            + _rt.ratio(delta * delta, np.hypot(delta, r)),
            lambda z, delta, r: _rt.ratio(delta * r, np.hypot(delta, r)))
elementwise(sps.powm1, lambda z, x, y: y * x ** (y - (y != 0)),  # as np.power's partials
            lambda z, x, y: (z + 1.0) * _rt.safe_log(x))

# Bessel functions of orders 0 and 1 (DLMF 10.6.2, 10.29.3: K0' = -K1, K1' = -(K0 + K2) / 2;
# the scaled ones are K exp(z)).
elementwise(sps.j0, lambda y, x: -sps.j1(x))
elementwise(sps.j1, lambda y, x: 0.5 * (sps.j0(x) - sps.jv(2, x)))
elementwise(sps.y0, lambda y, x: -sps.y1(x))
elementwise(sps.y1, lambda y, x: 0.5 * (sps.y0(x) - sps.yv(2, x)))
elementwise(sps.k0, lambda y, x: -sps.k1(x))
elementwise(sps.k1, lambda y, x: -0.5 * (sps.k0(x) + sps.kv(2, x)))
elementwise(sps.k0e, lambda y, x: y - sps.k1e(x))
elementwise(sps.k1e, lambda y, x: y - 0.5 * (sps.k0e(x) + sps.kve(2, x)))

# Integrals of elementary functions (DLMF 6.2, 7.2, 25.12: spence(z) = int_1^z log t / (1 - t) dt).
elementwise(sps.exp1, lambda y, x: -np.exp(-x) / x)
elementwise(sps.expi, lambda y, x: np.exp(x) / x)
elementwise(sps.erfi, lambda y, x: 2.0 / SQRT_PI * np.exp(x * x))
# spence' = log(z) / (1 - z): at z = 1, its Taylor polynomial in h = z - 1 (-log1p(h) / h), so
# derivatives of higher order are exact there too (to the fifth of spence).
elementwise(sps.spence, lambda y, z: np.where(
    z == 1.0, (z - 1.0) * (0.5 - (z - 1.0) * (1.0 / 3.0 - (z - 1.0) * (0.25 - 0.2 * (z - 1.0))))
    - 1.0, np.log(z) / np.where(z == 1.0, 1.0, 1.0 - z)))
elementwise(sps.cosm1, lambda y, x: -np.sin(x))
elementwise(sps.ndtri_exp, lambda x, y: SQRT_2PI * np.exp(y + 0.5 * x * x))

# Complete elliptic integrals of parameter m (DLMF 19.4.1).  At m = 0 the formulas divide 0 by 0:
# there, the derivatives of the series (DLMF 19.5.1, 19.5.2) K = pi/2 sum c_n m^n, c_n = ((2n)! /
# (2^2n n!^2))^2, and E = pi/2 sum -c_n m^n / (2n - 1), to m^4 (exact to the fifth derivative).
elementwise(sps.ellipk, lambda k, m: np.where(
    m == 0.0, np.pi / 2.0 * (0.25 + m * (0.28125 + m * (0.29296875 + m * (
        0.299072265625 + m * 0.3028106689453125)))),
    (sps.ellipe(m) - (1.0 - m) * k) / np.where(m == 0.0, 1.0, 2.0 * m * (1.0 - m))))
elementwise(sps.ellipe, lambda e, m: np.where(
    m == 0.0, np.pi / 2.0 * (-0.25 - m * (0.09375 + m * (0.05859375 + m * (
        0.042724609375 + m * 0.0336456298828125)))),
    (e - sps.ellipk(m)) / np.where(m == 0.0, 1.0, 2.0 * m)))

# Box-Cox transforms: in lmbda, (x^l log x - y) / l, whose value at l = 0 is its Taylor polynomial
# (t = l log x): exact there to the fourth derivative (dy/dl = L^2 (1/2 + t/3 + t^2/8 + t^3/30 ...));
# the inverses alike, from log1p(l y) / l.  The logarithms are _rt.safe_log(1p): at x = 0 (x = -1),
# where x^l is 0 for l > 0, x^l log x is its limit 0, not 0 * -inf.  The inverses' slope in y,
# (1 + l y)^(1/l - 1), is their x / (1 + l y) also where both are 0 (at y = -1/l), and written so at
# l = 0, where its slope in l is that of x / (1 + l y) (x's alone missed -x y: the mixed second
# derivative was wrong there).
elementwise(sps.boxcox, lambda y, x, lmbda: x ** (lmbda - 1.0), lambda y, x, lmbda: np.where(
    lmbda == 0.0, _rt.safe_log(x) ** 2 * (0.5 + lmbda * _rt.safe_log(x) * (
        1.0 / 3.0 + lmbda * _rt.safe_log(x) * (0.125 + lmbda * _rt.safe_log(x) / 30.0))),
    (x ** lmbda * _rt.safe_log(x) - y) / np.where(lmbda == 0.0, 1.0, lmbda)))
elementwise(sps.boxcox1p, lambda y, x, lmbda: (1.0 + x) ** (lmbda - 1.0), lambda y, x, lmbda: np.where(
    lmbda == 0.0, _rt.safe_log1p(x) ** 2 * (0.5 + lmbda * _rt.safe_log1p(x) * (
        1.0 / 3.0 + lmbda * _rt.safe_log1p(x) * (0.125 + lmbda * _rt.safe_log1p(x) / 30.0))),
    ((1.0 + x) ** lmbda * _rt.safe_log1p(x) - y) / np.where(lmbda == 0.0, 1.0, lmbda)))
elementwise(sps.inv_boxcox,
            lambda x, y, lmbda: np.where(lmbda == 0.0, x / (1.0 + lmbda * y), (1.0 + lmbda * y) ** (
                1.0 / np.where(lmbda == 0.0, 1.0, lmbda) - 1.0)),
            lambda x, y, lmbda: x * np.where(
                lmbda == 0.0, y * y * (lmbda * y * (2.0 / 3.0 + lmbda * y * (0.8 * lmbda * y - 0.75))
                                       - 0.5),
                (np.divide(y, 1.0 + lmbda * y) - np.log1p(lmbda * y) / np.where(lmbda == 0.0, 1.0, lmbda))
                / np.where(lmbda == 0.0, 1.0, lmbda)))
elementwise(sps.inv_boxcox1p,
            lambda x, y, lmbda: np.where(lmbda == 0.0, (x + 1.0) / (1.0 + lmbda * y), (1.0 + lmbda * y) ** (
                1.0 / np.where(lmbda == 0.0, 1.0, lmbda) - 1.0)),
            lambda x, y, lmbda: (x + 1.0) * np.where(
                lmbda == 0.0, y * y * (lmbda * y * (2.0 / 3.0 + lmbda * y * (0.8 * lmbda * y - 0.75))
                                       - 0.5),
                (np.divide(y, 1.0 + lmbda * y) - np.log1p(lmbda * y) / np.where(lmbda == 0.0, 1.0, lmbda))
                / np.where(lmbda == 0.0, 1.0, lmbda)))


@rule(sps.polygamma)
class Polygamma:  # the order n is an integer
    def adjoint(y, n, x):
        d[x] = _rt.unbroadcast(d[y] * sps.polygamma(n + 1, x), x)
        d[n] = _rt.no_derivative(n, "scipy.special.polygamma in its order n")

    def tangent(y, n, x):
        d[y] = d[x] * sps.polygamma(n + 1, x) + _rt.no_tangent(d[n], "polygamma's order n")


@rule(sps.iv)
class BesselI:  # in z; the order v is refused when it varies
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * 0.5 * (sps.iv(v - 1, z) + sps.iv(v + 1, z)), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * 0.5 * (sps.iv(v - 1, z) + sps.iv(v + 1, z)) + _rt.no_tangent(
            d[v], "a Bessel order")


@rule(sps.ive)
class BesselIScaled:  # ive(v, z) = iv(v, z) exp(-|z|)
    def adjoint(y, v, z):
        d[z] = _rt.unbroadcast(d[y] * (0.5 * (sps.ive(v - 1, z) + sps.ive(v + 1, z))
                                       - np.sign(z) * y), z)
        d[v] = _rt.no_derivative(v, "a Bessel function in its order")

    def tangent(y, v, z):
        d[y] = d[z] * (0.5 * (sps.ive(v - 1, z) + sps.ive(v + 1, z)) - np.sign(z) * y) \
            + _rt.no_tangent(d[v], "a Bessel order")


returns_sequence(sps.logsumexp)  # (return_sign=True: the pair (log|s|, sign(s)))


@rule(sps.logsumexp)
class Logsumexp:  # of s = sum(b exp(a)); given return_sign (True or False: as the call made r),
    # the weights b exp(a) / s are signed, and the sign's derivative is 0 (its first item's
    # cotangent and tangent: the helpers np.unique's values use, r being a tuple or not)
    def adjoint(r, a, axis=None, b=None, keepdims=False, return_sign=False):
        if given(return_sign):
            signed = sps.logsumexp(a, axis=axis, b=b, keepdims=True, return_sign=True)
            weights = np.exp(a - signed[0]) * signed[1]
            g = _rt.unreduce(_rt.unique_cotangent(d[r], r), a, axis=axis, keepdims=keepdims)
            if given(b):
                d[a] = g * weights * b
                d[b] = _rt.unbroadcast(g * weights, b)
            else:
                d[a] = g * weights
        else:
            weights = np.exp(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))
            if given(b):
                d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * weights * b
                d[b] = _rt.unbroadcast(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims)
                                       * weights, b)
            else:
                d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * weights

    def tangent(r, a, axis=None, b=None, keepdims=False, return_sign=False):
        if given(return_sign):
            signed = sps.logsumexp(a, axis=axis, b=b, keepdims=True, return_sign=True)
            weights = np.exp(a - signed[0]) * signed[1]
            if given(b):
                d[r] = _rt.unique_tangent(np.sum((d[a] * b + d[b]) * weights, axis,
                                                 keepdims=keepdims), r)
            else:
                d[r] = _rt.unique_tangent(np.sum(d[a] * weights, axis, keepdims=keepdims), r)
        else:
            weights = np.exp(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))
            if given(b):
                d[r] = np.sum((d[a] * b + d[b]) * weights, axis, keepdims=keepdims)
            else:
                d[r] = np.sum(d[a] * weights, axis, keepdims=keepdims)


@rule(sps.softmax)
class Softmax:
    def adjoint(y, x, axis=None):
        d[x] = y * (d[y] - np.sum(d[y] * y, axis, keepdims=True))

    def tangent(y, x, axis=None):
        d[y] = y * (d[x] - np.sum(d[x] * y, axis, keepdims=True))


@rule(sps.log_softmax)
class LogSoftmax:
    def adjoint(y, x, axis=None):
        d[x] = d[y] - np.exp(y) * np.sum(d[y], axis, keepdims=True)

    def tangent(y, x, axis=None):
        d[y] = d[x] - np.sum(np.exp(y) * d[x], axis, keepdims=True)


returns_sequence(sps.fresnel)


@rule(sps.fresnel)
class Fresnel:  # (S, C): S' = sin(pi z^2 / 2), C' = cos(pi z^2 / 2)
    def adjoint(r, z):
        d[z] = (_rt.part(d[r], r, 0) * np.sin(0.5 * np.pi * z * z)
                + _rt.part(d[r], r, 1) * np.cos(0.5 * np.pi * z * z))

    def tangent(r, z):
        d[r] = (d[z] * np.sin(0.5 * np.pi * z * z), d[z] * np.cos(0.5 * np.pi * z * z))
