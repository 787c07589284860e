"""Rule-table rows of ``tangentish/rules/scipy_stats_location.py`` (collected only when SciPy is
installed): ``expon``, ``laplace``, ``cauchy``, ``logistic``, ``uniform``, every method, in ``x``,
``loc`` and ``scale`` by position, by keyword and left out (inside the support; ``laplace`` off
its kink at ``x = loc``)."""

from __future__ import annotations

import numpy as np
from scipy.stats import cauchy, expon, laplace, logistic, uniform

from .common import W34, Row

POSITIVE = ((0.5, 3.0), (-1.0, 0.0), (0.5, 2.0))
INSIDE = ((0.1, 1.9), (-0.5, 0.0), (2.5, 3.0))
ANYWHERE = ((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))


def st_expon(x, loc, scale):
    return (np.sum(expon.logpdf(x, loc, scale) * W34) + np.sum(expon.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(expon.cdf(x, loc, scale) * W34) + np.sum(expon.sf(x, scale=scale) ** 2)
            + np.sum(expon.logcdf(x, loc, scale) * W34) + np.sum(expon.logsf(x, loc=loc, scale=scale)))


def st_laplace(x, loc, scale):
    x = x + np.where(x > loc, 0.1, -0.1)  # (off the kink, by more than a step)
    return (np.sum(laplace.logpdf(x, loc, scale) * W34) + np.sum(laplace.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(laplace.cdf(x, loc, scale) * W34) + np.sum(laplace.sf(x, scale=scale) ** 2)
            + np.sum(laplace.logcdf(x, loc, scale) * W34) + np.sum(laplace.logsf(x, loc=loc, scale=scale)))


def st_cauchy(x, loc, scale):
    return (np.sum(cauchy.logpdf(x, loc, scale) * W34) + np.sum(cauchy.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(cauchy.cdf(x, loc, scale) * W34) + np.sum(cauchy.sf(x, scale=scale) ** 2)
            + np.sum(cauchy.logcdf(x, loc, scale) * W34) + np.sum(cauchy.logsf(x, loc=loc, scale=scale)))


def st_logistic(x, loc, scale):
    return (np.sum(logistic.logpdf(x, loc, scale) * W34) + np.sum(logistic.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(logistic.cdf(x, loc, scale) * W34) + np.sum(logistic.sf(x, scale=scale) ** 2)
            + np.sum(logistic.logcdf(x, loc, scale) * W34) + np.sum(logistic.logsf(x, loc=loc, scale=scale)))


def st_uniform(x, loc, scale):
    return (np.sum(uniform.logpdf(x, loc, scale) * W34) + np.sum(uniform.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(uniform.cdf(x, loc, scale) * W34) + np.sum(uniform.sf(x, scale=scale) ** 2)
            + np.sum(uniform.logcdf(x, loc, scale) * W34) + np.sum(uniform.logsf(x, loc=loc, scale=scale)))


ROWS: list[Row] = [
    Row(st_expon, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=POSITIVE),
    Row(st_laplace, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=ANYWHERE),
    Row(st_cauchy, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=ANYWHERE),
    Row(st_logistic, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=ANYWHERE),
    Row(st_uniform, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=INSIDE),
]
