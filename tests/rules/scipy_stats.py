"""Rule-table rows of ``tangentish/rules/scipy_stats.py`` (collected only when SciPy is installed):
``scipy.stats.norm``'s methods with ``loc`` and ``scale`` by position, by keyword and left out."""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

from .common import W34, Row


def st_norm_densities(x, loc, scale):
    return (np.sum(norm.logpdf(x, loc, scale) * W34) + np.sum(norm.pdf(x, loc, scale) ** 2)
            + np.sum(norm.logpdf(x, scale=scale)) + np.sum(norm.pdf(x, loc=loc) * W34)
            + np.sum(norm.logpdf(x)))


def st_norm_distribution(x, loc, scale):
    return (np.sum(norm.cdf(x, loc, scale) * W34) + np.sum(norm.sf(x, loc, scale) ** 2)
            + np.sum(norm.logcdf(x, loc, scale=scale) * W34) + np.sum(norm.logsf(x, loc, scale))
            + np.sum(norm.cdf(x) * W34) + np.sum(norm.logsf(x, scale=scale)))


def st_norm_ppf(q, loc, scale):
    return np.sum(norm.ppf(q, loc, scale) * W34) + np.sum(norm.ppf(q) ** 2) + np.sum(
        norm.ppf(q, loc=loc) * W34)


ROWS: list[Row] = [
    Row(st_norm_densities, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_norm_distribution, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_norm_ppf, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((0.1, 0.9), (-1.0, 1.0), (0.5, 2.0))),
]
