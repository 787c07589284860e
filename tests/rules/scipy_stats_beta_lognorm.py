"""Rule-table rows of ``tangentish/rules/scipy_stats_beta_lognorm.py`` (collected only when SciPy
is installed): ``beta`` (its distribution functions with constant ``a`` and ``b``) and ``lognorm``
(every method in ``s`` too)."""

from __future__ import annotations

import numpy as np
from scipy.stats import beta, lognorm

from .common import W34, Const, Row

INSIDE = ((0.1, 1.9), (0.8, 3.0), (0.8, 3.0), (-0.5, 0.0), (2.5, 3.0))  # loc < x < loc + scale


def st_beta_densities(x, a, b, loc, scale):
    return (np.sum(beta.logpdf(x, a, b, loc, scale) * W34)
            + np.sum(beta.pdf(x, a, b, loc=loc, scale=scale) ** 2)
            + np.sum(beta.logpdf(x / 2.0, a, b=b)) + np.sum(beta.pdf(x, a, b, scale=scale) * W34))


def st_beta_distribution(x, a, b, loc, scale):
    return (np.sum(beta.cdf(x, a, b, loc, scale) * W34)
            + np.sum(beta.sf(x, a, b, loc=loc, scale=scale) ** 2)
            + np.sum(beta.logcdf(x, a, b, loc, scale) * W34) + np.sum(beta.logsf(x / 2.0, a, b)))


def st_lognorm_densities(x, s, loc, scale):
    return (np.sum(lognorm.logpdf(x, s, loc, scale) * W34)
            + np.sum(lognorm.pdf(x, s, loc=loc, scale=scale) ** 2)
            + np.sum(lognorm.logpdf(x, s, scale=scale)) + np.sum(lognorm.pdf(x, s=s) * W34))


def st_lognorm_distribution(x, s, loc, scale):
    return (np.sum(lognorm.cdf(x, s, loc, scale) * W34) + np.sum(lognorm.sf(x, s, loc=loc, scale=scale) ** 2)
            + np.sum(lognorm.logcdf(x, s, loc, scale) * W34) + np.sum(lognorm.logsf(x, s, scale=scale)))


LOGNORM = ((0.5, 3.0), (0.4, 1.5), (-1.0, 0.0), (0.5, 2.0))
ROWS: list[Row] = [
    Row(st_beta_densities, ((3, 4), (4,), (3, 1), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4), domain=INSIDE),
    Row(st_beta_distribution, ((3, 4), Const(np.array([0.8, 1.5, 2.5, 4.0])), Const(1.7), (4,), (3, 1)),
        wrt=(0, 3, 4), domain=INSIDE),
    Row(st_lognorm_densities, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=LOGNORM),
    Row(st_lognorm_distribution, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=LOGNORM),
]
