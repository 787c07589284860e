"""Rule-table rows of ``tangentish/rules/scipy_stats_shapes.py`` (collected only when SciPy is
installed): ``t``, ``gamma`` and ``chi2``, every method, in ``x``, the shape parameter, ``loc`` and
``scale`` by position, by keyword and left out; the distribution functions in all but the shape
parameter, which is a constant there (they refuse it: tests/test_scipy_stats.py)."""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2, gamma, t

from .common import W34, Const, Row

POSITIVE = ((0.5, 3.0), (0.8, 4.0), (-1.0, 0.0), (0.5, 2.0))  # x > loc: inside the support


def st_t_densities(x, df, loc, scale):
    return (np.sum(t.logpdf(x, df, loc, scale) * W34) + np.sum(t.pdf(x, df=df, loc=loc, scale=scale) ** 2)
            + np.sum(t.logpdf(x, df, scale=scale)) + np.sum(t.pdf(x, df) * W34))


def st_t_distribution(x, df, loc, scale):
    return (np.sum(t.cdf(x, df, loc, scale) * W34) + np.sum(t.sf(x, df, loc=loc, scale=scale) ** 2)
            + np.sum(t.logcdf(x, df, loc, scale) * W34) + np.sum(t.logsf(x, df=df, scale=scale)))


def st_gamma_densities(x, a, loc, scale):
    return (np.sum(gamma.logpdf(x, a, loc, scale) * W34) + np.sum(gamma.pdf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(gamma.logpdf(x, a, scale=scale)) + np.sum(gamma.pdf(x + 1.0, a=a) * W34))


def st_gamma_distribution(x, a, loc, scale):
    return (np.sum(gamma.cdf(x, a, loc, scale) * W34) + np.sum(gamma.sf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(gamma.logcdf(x, a, loc, scale) * W34) + np.sum(gamma.logsf(x, a, scale=scale)))


def st_chi2_densities(x, df, loc, scale):
    return (np.sum(chi2.logpdf(x, df, loc, scale) * W34) + np.sum(chi2.pdf(x, df, loc=loc, scale=scale) ** 2)
            + np.sum(chi2.logpdf(x, df, scale=scale)) + np.sum(chi2.pdf(x + 1.0, df) * W34))


def st_chi2_distribution(x, df, loc, scale):
    return (np.sum(chi2.cdf(x, df, loc, scale) * W34) + np.sum(chi2.sf(x, df, loc=loc, scale=scale) ** 2)
            + np.sum(chi2.logcdf(x, df, loc, scale) * W34) + np.sum(chi2.logsf(x, df, scale=scale)))


ROWS: list[Row] = [
    Row(st_t_densities, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (1.5, 6.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_t_distribution, ((3, 4), Const(3.5), (4,), (3, 1)), wrt=(0, 2, 3),
        domain=((-2.0, 2.0), None, (-1.0, 1.0), (0.5, 2.0))),
    Row(st_gamma_densities, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=POSITIVE),
    Row(st_gamma_distribution, ((3, 4), Const(np.array([0.7, 1.5, 2.5, 4.0])), (4,), (3, 1)),
        wrt=(0, 2, 3), domain=POSITIVE),
    Row(st_chi2_densities, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=POSITIVE),
    Row(st_chi2_distribution, ((3, 4), Const(3.0), (4,), (3, 1)), wrt=(0, 2, 3), domain=POSITIVE),
]
