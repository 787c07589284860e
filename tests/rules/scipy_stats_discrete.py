"""Rule-table rows of ``tangentish/rules/scipy_stats_discrete.py`` (collected only when SciPy is
installed): ``poisson``, ``binom``, ``bernoulli``, ``geom`` and ``nbinom``, every method, in ``mu``
or ``p`` (``nbinom``'s densities in ``n`` too), with counts ``k`` (integer arrays, and floats) and
``binom``'s ``n`` as data, ``loc`` by position, keyword and left out."""

from __future__ import annotations

import numpy as np
from scipy.stats import bernoulli, binom, geom, nbinom, poisson

from .common import W34, Const, Row

COUNTS = np.array([[0, 1, 2, 3], [4, 5, 6, 2], [1, 0, 3, 7]])
BITS = np.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 0, 0]])


def st_poisson(k, mu):
    return (np.sum(poisson.logpmf(k, mu) * W34) + np.sum(poisson.pmf(k, mu=mu) ** 2)
            + np.sum(poisson.cdf(k, mu) * W34) + np.sum(poisson.sf(k + 0.5, mu, 0) ** 2)
            + np.sum(poisson.logcdf(k, mu, loc=-1) * W34) + np.sum(poisson.logsf(1.0 * k, mu)))


def st_binom(k, n, p):
    return (np.sum(binom.logpmf(k, n, p) * W34) + np.sum(binom.pmf(k, n=n, p=p) ** 2)
            + np.sum(binom.cdf(k, n, p) * W34) + np.sum(binom.sf(k + 0.5, n, p, 0) ** 2)
            + np.sum(binom.logcdf(k, n, p, loc=-1) * W34) + np.sum(binom.logsf(1.0 * k, n, p)))


def st_bernoulli(k, p):
    return (np.sum(bernoulli.logpmf(k, p) * W34) + np.sum(bernoulli.pmf(k, p=p) ** 2)
            + np.sum(bernoulli.cdf(k, p) * W34) + np.sum(bernoulli.sf(k - 0.5, p, 0) ** 2)
            + np.sum(bernoulli.logcdf(k + 1, p, loc=1) * W34) + np.sum(bernoulli.logsf(k - 1.0, p)))


def st_geom_nbinom(k, n, p):  # (geom's support starts at 1: k + 1; nbinom's cdf is refused in n)
    return (np.sum(geom.logpmf(k + 1, p) * W34) + np.sum(geom.pmf(k + 1, p=p) ** 2)
            + np.sum(geom.cdf(k, p) * W34) + np.sum(geom.sf(k + 0.5, p, 0) ** 2)
            + np.sum(geom.logcdf(k, p, loc=-1) * W34) + np.sum(geom.logsf(1.0 * k, p))
            + np.sum(nbinom.logpmf(k, n, p) * W34) + np.sum(nbinom.pmf(k, n=n, p=p) ** 2)
            + np.sum(nbinom.cdf(k, 2.5, p) * W34) + np.sum(nbinom.sf(k + 0.5, 2.5, p, 0) ** 2)
            + np.sum(nbinom.logcdf(k, 2.5, p, loc=-1) * W34) + np.sum(nbinom.logsf(1.0 * k, 2.5, p)))


ROWS: list[Row] = [
    Row(st_poisson, (Const(COUNTS), (4,)), wrt=1, domain=(0.5, 3.0)),
    Row(st_binom, (Const(COUNTS), Const(8), (4,)), wrt=2, domain=(0.2, 0.8)),
    Row(st_bernoulli, (Const(BITS), (4,)), wrt=1, domain=(0.2, 0.8)),
    Row(st_geom_nbinom, (Const(COUNTS), (4,), (4,)), wrt=(1, 2),
        domain=((0.0, 1.0), (0.5, 3.0), (0.2, 0.8))),
]
