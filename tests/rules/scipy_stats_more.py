"""Rule-table rows of ``tangentish/rules/scipy_stats_more.py`` (collected only when SciPy is
installed): ``halfnorm``, ``invgamma`` and ``weibull_min``, every method they have rules for, in
``x``, the shape, ``loc`` and ``scale`` by position, by keyword and left out; ``invgamma``'s
distribution functions with ``a`` constant (they refuse it)."""

from __future__ import annotations

import numpy as np
from scipy.stats import halfnorm, invgamma, weibull_min

from .common import W34, Const, Row

POSITIVE = ((0.5, 3.0), (0.8, 4.0), (-1.0, 0.0), (0.5, 2.0))  # x > loc: inside the support


def st_halfnorm(x, loc, scale):
    return (np.sum(halfnorm.logpdf(x, loc, scale) * W34) + np.sum(halfnorm.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(halfnorm.cdf(x, loc, scale) * W34) + np.sum(halfnorm.sf(x, scale=scale) ** 2)
            + np.sum(halfnorm.logcdf(x, loc, scale) * W34) + np.sum(halfnorm.logsf(x, loc=loc, scale=scale)))


def st_invgamma_densities(x, a, loc, scale):
    return (np.sum(invgamma.logpdf(x, a, loc, scale) * W34)
            + np.sum(invgamma.pdf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(invgamma.logpdf(x, a, scale=scale)) + np.sum(invgamma.pdf(x + 1.0, a=a) * W34))


def st_invgamma_distribution(x, a, loc, scale):
    return (np.sum(invgamma.cdf(x, a, loc, scale) * W34)
            + np.sum(invgamma.sf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(invgamma.logcdf(x, a, loc, scale) * W34) + np.sum(invgamma.logsf(x, a, scale=scale)))


def st_weibull_min(x, c, loc, scale):
    return (np.sum(weibull_min.logpdf(x, c, loc, scale) * W34)
            + np.sum(weibull_min.pdf(x, c, loc=loc, scale=scale) ** 2)
            + np.sum(weibull_min.cdf(x, c, loc, scale) * W34) + np.sum(weibull_min.sf(x, c, scale=scale) ** 2)
            + np.sum(weibull_min.logsf(x, c, loc, scale) * W34) + np.sum(weibull_min.pdf(x + 1.0, c=c))
            + np.sum(weibull_min.logcdf(x, c, loc=loc, scale=scale) * W34))


ROWS: list[Row] = [
    Row(st_halfnorm, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=((0.5, 3.0), (-1.0, 0.0), (0.5, 2.0))),
    Row(st_invgamma_densities, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=POSITIVE),
    Row(st_invgamma_distribution, ((3, 4), Const(np.array([0.7, 1.5, 2.5, 4.0])), (4,), (3, 1)),
        wrt=(0, 2, 3), domain=POSITIVE),
    Row(st_weibull_min, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=POSITIVE),
]
