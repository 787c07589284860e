"""Rule-table rows of ``tangentish/rules/scipy_stats_skewnorm.py`` (collected only when SciPy
is installed): every method of ``skewnorm`` in ``x``, ``a``, ``loc`` and ``scale`` by position, by
keyword and left out, skewed either way."""

from __future__ import annotations

import numpy as np
from scipy.stats import skewnorm

from .common import W34, Row


def st_skewnorm(x, a, loc, scale):
    return (np.sum(skewnorm.logpdf(x, a, loc, scale) * W34)
            + np.sum(skewnorm.pdf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(skewnorm.cdf(x, a, loc, scale) * W34) + np.sum(skewnorm.sf(x, a, scale=scale) ** 2)
            + np.sum(skewnorm.logcdf(x, a, loc, scale) * W34)
            + np.sum(skewnorm.logsf(x, a, loc=loc, scale=scale)) + np.sum(skewnorm.logpdf(x, a=a) * W34))


ROWS: list[Row] = [
    Row(st_skewnorm, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (-3.0, 3.0), (-0.5, 0.5), (0.5, 2.0))),
]
