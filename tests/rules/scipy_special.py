"""Rule-table rows of ``tangentish/rules/scipy_special.py`` (collected only when SciPy is installed)."""

from __future__ import annotations

import numpy as np
import scipy.special as sps

from .common import POSITIVE, UNIT, W3, W4, W34, Row


def sp_logistic(x):
    return np.sum(sps.expit(x) * W4) + np.sum(sps.log_expit(x) ** 2)


def sp_softplus(x):
    return np.sum(sps.softplus(x) * W4) + np.sum(sps.softplus(-2.0 * x) ** 2)


def sp_logit(p):
    return np.sum(sps.logit(p) * W4)


def sp_gamma_family(x):
    return (np.sum(sps.gammaln(x) * W4) + np.sum(sps.digamma(x) ** 2) + np.sum(sps.gamma(x) * W4)
            + np.sum(sps.loggamma(x)) + np.sum(sps.polygamma(1, x) * W4)
            + np.sum(sps.rgamma(x) * W4) + np.sum(sps.rgamma(-x) ** 2 * sps.gammasgn(-x)))


def sp_error_functions(x):
    return (np.sum(sps.erf(x) * W4) + np.sum(sps.erfc(x) ** 2) + np.sum(sps.erfcx(x) * W4)
            + np.sum(sps.dawsn(x)) + np.sum(sps.ndtr(x) * W4) + np.sum(sps.log_ndtr(x)))


def sp_inverse_error(p):
    return np.sum(sps.erfinv(p) * W4) + np.sum(sps.erfcinv(p + 1.0) ** 2) + np.sum(
        sps.ndtri(p * 0.5 + 0.5) * W4)


def sp_bessel(x):
    return (np.sum(sps.i0(x) * W4) + np.sum(sps.i1(x) ** 2) + np.sum(sps.i0e(x) * W4)
            + np.sum(sps.i1e(x)) + np.sum(sps.iv(3, x) * W4) + np.sum(sps.ive(2, x)))


def sp_elementary(x):
    return (np.sum(sps.expm1(x) * W4) + np.sum(sps.log1p(x) ** 2) + np.sum(sps.exp2(x) * W4)
            + np.sum(sps.exp10(x * 0.5)) + np.sum(sps.cbrt(x) * W4) + np.sum(sps.entr(x))
            + np.sum(sps.sindg(x * 40.0) * W4) + np.sum(sps.cosdg(x * 40.0)))


def sp_binary(x, y):
    return (np.sum(sps.xlogy(x, y) * W34) + np.sum(sps.xlog1py(x, y) ** 2)
            + np.sum(sps.rel_entr(x, y) * W34) + np.sum(sps.kl_div(x, y))
            + np.sum(sps.betaln(x, y) * W34))


def sp_huber(delta, r):
    return np.sum(sps.huber(delta, r) * W34) + np.sum(sps.pseudo_huber(delta, r) ** 2)


def sp_logsumexp(x, b):  # (return_sign=True: (log|s|, sign s), of an s of either sign)
    signed = sps.logsumexp(x, axis=1, b=-b, keepdims=True, return_sign=True)
    return (sps.logsumexp(x) + np.sum(sps.logsumexp(x, axis=1) * W3)
            + np.sum(sps.logsumexp(x, axis=0, keepdims=True) * W4) + sps.logsumexp(x, b=b)
            + np.sum(signed[0] * signed[1] * W3[:, None])
            + np.prod(sps.logsumexp(x, b=b * np.array([1.0, 1.0, 1.0, -1e-3]), return_sign=True)))


def sp_softmax(x):
    return np.sum(sps.softmax(x, axis=1) * W34) + np.sum(sps.log_softmax(x) * W34) + np.sum(
        sps.softmax(x) ** 2)


ROWS: list[Row] = [
    Row(sp_logistic, ((4,),)),
    Row(sp_logit, ((4,),), domain=(0.1, 0.9)),
    Row(sp_gamma_family, ((4,),), domain=(0.5, 3.0)),
    Row(sp_error_functions, ((4,),)),
    Row(sp_inverse_error, ((4,),), domain=UNIT),
    Row(sp_bessel, ((4,),), domain=(0.3, 2.0)),
    Row(sp_elementary, ((4,),), domain=POSITIVE),
    Row(sp_binary, ((3, 4), (4,)), wrt=(0, 1), domain=(POSITIVE, POSITIVE)),
    Row(sp_huber, ((3, 1), (3, 4)), wrt=(0, 1), domain=((0.5, 1.5), (-2.0, 2.0))),
    Row(sp_logsumexp, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(sp_softmax, ((3, 4),)),
]


def sp_beta_binom(a, b):
    return (np.sum(sps.beta(a, b) * W34) + np.sum(sps.binom(a + 2.0, b) ** 2)
            + np.sum(sps.powm1(a, b - 1.0) * W34))


def sp_bessel_small_orders(x):
    return (np.sum(sps.j0(x) * W4) + np.sum(sps.j1(x) ** 2) + np.sum(sps.y0(x) * W4)
            + np.sum(sps.y1(x)) + np.sum(sps.k0(x) * W4) + np.sum(sps.k1(x) ** 2)
            + np.sum(sps.k0e(x) * W4) + np.sum(sps.k1e(x)))


def sp_integrals(x):
    return (np.sum(sps.exp1(x) * W4) + np.sum(sps.expi(x) ** 2) + np.sum(sps.erfi(x) * W4)
            + np.sum(sps.spence(x)) + np.sum(sps.cosm1(x) * W4)
            + np.sum(sps.ndtri_exp(-x) ** 2))


def sp_elliptic(m):
    return np.sum(sps.ellipk(m) * W4) + np.sum(sps.ellipe(m) ** 2)


def sp_boxcox(x, lmbda):
    return (np.sum(sps.boxcox(x, lmbda) * W34) + np.sum(sps.boxcox1p(x, lmbda) ** 2)
            + np.sum(sps.inv_boxcox(x - 1.0, lmbda) * W34)
            + np.sum(sps.inv_boxcox1p(x - 1.0, lmbda) ** 2))


def _lmbda_zero(args):  # the limit at lmbda = 0, and slopes through it
    args[1][0] = 0.0
    return args


def sp_fresnel(z):
    s, c = sps.fresnel(z)
    return np.sum(s * W4) + np.sum(c ** 2) + np.sum(sps.fresnel(z)[1] * W4)


if hasattr(sps, "softplus"):  # SciPy >= 1.15
    ROWS.append(Row(sp_softplus, ((4,),), domain=(-3.0, 3.0)))
ROWS += [
    Row(sp_beta_binom, ((3, 4), (4,)), wrt=(0, 1), domain=((0.5, 2.0), (0.2, 1.5))),
    Row(sp_bessel_small_orders, ((4,),), domain=(0.3, 2.0)),
    Row(sp_integrals, ((4,),), domain=(0.2, 2.0)),
    Row(sp_elliptic, ((4,),), domain=(0.1, 0.9)),
    Row(sp_boxcox, ((3, 4), (4,)), wrt=(0, 1), domain=((0.5, 1.5), (-1.0, 1.0)),
        setup=_lmbda_zero),
    Row(sp_fresnel, ((4,),)),
]
