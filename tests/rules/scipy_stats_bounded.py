"""Rule-table rows of ``tangentish/rules/scipy_stats_bounded.py`` (collected only when SciPy
is installed): every method of ``truncnorm`` and ``loguniform`` (and its twin ``reciprocal``),
inside their interval, in ``x``, ``a``, ``b``, ``loc`` and ``scale`` by position, by keyword and
left out."""

from __future__ import annotations

import numpy as np
from scipy.stats import loguniform, reciprocal, truncnorm

from .common import W34, Row


def st_truncnorm(x, a, b, loc, scale):  # (a <= -0.5, b >= 0.5: every z inside the interval)
    return (np.sum(truncnorm.logpdf(x, a, b, loc, scale) * W34)
            + np.sum(truncnorm.pdf(x, a, b, loc=loc, scale=scale) ** 2)
            + np.sum(truncnorm.cdf(x, a, b, loc, scale) * W34)
            + np.sum(truncnorm.sf(x, a, b, scale=scale) ** 2)
            + np.sum(truncnorm.logcdf(x, a, b, loc, scale) * W34) + np.sum(truncnorm.logsf(x, a, b, loc=loc))
            + np.sum(truncnorm.logpdf(x, a=a, b=b) * W34))


def st_loguniform(x, a, b, loc, scale):  # (0.6 < z < 1.8 inside every [a, b])
    return (np.sum(loguniform.logpdf(x, a, b, loc, scale) * W34)
            + np.sum(reciprocal.pdf(x, a, b, loc=loc, scale=scale) ** 2)
            + np.sum(loguniform.cdf(x, a, b, loc, scale) * W34)
            + np.sum(loguniform.sf(x, a, b, scale=scale) ** 2)
            + np.sum(reciprocal.logcdf(x, a, b, loc, scale) * W34)
            + np.sum(loguniform.logsf(x, a, b, loc=loc))
            + np.sum(reciprocal.logpdf(x, a=a, b=b) * W34) + np.sum(loguniform.pdf(x, a, b, loc, scale))
            + np.sum(reciprocal.cdf(x, a, b, loc, scale) ** 2) + np.sum(reciprocal.sf(x, a, b, loc, scale))
            + np.sum(loguniform.logcdf(x, a, b, scale=scale)) + np.sum(reciprocal.logsf(x, a, b, loc, scale)))


ROWS: list[Row] = [
    Row(st_truncnorm, ((3, 4), (4,), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4),
        domain=((-0.4, 0.4), (-1.5, -0.5), (0.5, 1.5), (-0.05, 0.05), (0.9, 1.1))),
    Row(st_loguniform, ((3, 4), (4,), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4),
        domain=((0.8, 1.5), (0.3, 0.6), (2.0, 3.0), (-0.05, 0.05), (0.9, 1.1))),
]
