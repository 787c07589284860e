"""Rule-table rows of ``tangentish/rules/scipy_orders.py`` (collected only when SciPy is installed):
functions of a constant order, degree or shape parameter, differentiated in their argument."""

from __future__ import annotations

import numpy as np
import scipy.special as sps

from .common import W4, W34, Row


def so_bessel_orders(x):
    return (np.sum(sps.kv(1.5, x) * W4) + np.sum(sps.kve(2, x) ** 2) + np.sum(sps.jv(0.5, x) * W4)
            + np.sum(sps.jv(3, x) ** 2) + np.sum(sps.yv(1.2, x) * W4) + np.sum(sps.kv(0, x))
            + np.sum(sps.yn(2, x) * W4) + np.sum(sps.yn(0, x) ** 2))


def so_polynomials(x):
    return (np.sum(sps.eval_legendre(3, x) * W4) + np.sum(sps.eval_chebyt(4, x) ** 2)
            + np.sum(sps.eval_chebyu(3, x) * W4) + np.sum(sps.eval_hermite(3, x) ** 2)
            + np.sum(sps.eval_hermitenorm(4, x) * W4) + np.sum(sps.eval_laguerre(3, x) ** 2)
            + np.sum(sps.eval_gegenbauer(2, 0.7, x) * W4)
            + np.sum(sps.eval_genlaguerre(3, 0.5, x) ** 2))


def so_low_degrees(x):  # degrees 0 and 1, whose derivatives reach degree -1
    return (np.sum(sps.eval_hermite(0, x) + sps.eval_hermite(1, x) * W4)
            + np.sum(sps.eval_hermitenorm(np.array([0, 1, 2, 1]), x) ** 2)
            + np.sum(sps.eval_legendre(np.array([0, 1, 2, 3]), x) * W4)
            + np.sum(sps.eval_chebyt(0, x) + sps.eval_chebyu(1, x) + sps.eval_laguerre(0, x)))


def so_non_integer_degrees(x):  # SciPy's hypergeometric continuation in n
    return (np.sum(sps.eval_legendre(2.5, x) * W4) + np.sum(sps.eval_chebyt(1.5, x) ** 2)
            + np.sum(sps.eval_chebyu(2.3, x) * W4) + np.sum(sps.eval_gegenbauer(1.7, 0.6, x)))


def so_incomplete(a, x):
    return (np.sum(sps.gammainc(a, x) * W34) + np.sum(sps.gammaincc(a, x) ** 2)
            + np.sum(sps.betainc(a, a + 0.5, x * 0.4) * W34))


def so_zeta(q):
    return np.sum(sps.zeta(3.0, q) * W4) + np.sum(sps.zeta(2.5, q + 1.0) ** 2)


def so_multigammaln(a):
    return np.sum(sps.multigammaln(a + 2.0, 3) * W4) + sps.multigammaln(a[0] + 1.0, 2)


ROWS: list[Row] = [
    Row(so_bessel_orders, ((4,),), domain=(0.3, 2.0)),
    Row(so_polynomials, ((4,),), domain=(-0.9, 0.9)),
    Row(so_low_degrees, ((4,),), domain=(-0.9, 0.9)),
    Row(so_non_integer_degrees, ((4,),), domain=(-0.9, 0.9)),
    Row(so_incomplete, ((3, 1), (3, 4)), wrt=1, domain=((0.8, 3.0), (0.2, 2.0))),
    Row(so_zeta, ((4,),), domain=(0.5, 2.0)),
    Row(so_multigammaln, ((4,),), domain=(0.5, 2.0)),
]
