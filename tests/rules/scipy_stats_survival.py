"""Rule-table rows of ``tangentish/rules/scipy_stats_survival.py`` (collected only when SciPy
is installed): every method of ``lomax`` and ``gompertz`` in ``x``, ``c``, ``loc`` and ``scale``
by position, by keyword and left out, inside their support ``x > loc``."""

from __future__ import annotations

import numpy as np
from scipy.stats import gompertz, lomax

from .common import W34, Row


def st_survival(x, c, loc, scale):
    return (np.sum(lomax.logpdf(x, c, loc, scale) * W34)
            + np.sum(gompertz.pdf(x, c, loc=loc, scale=scale) ** 2)
            + np.sum(lomax.cdf(x, c, loc, scale) * W34) + np.sum(gompertz.sf(x, c, scale=scale) ** 2)
            + np.sum(gompertz.logcdf(x, c, loc, scale) * W34)
            + np.sum(lomax.logsf(x, c, loc=loc, scale=scale)) + np.sum(gompertz.logpdf(x, c=c) * W34)
            + np.sum(lomax.pdf(x, c, loc) + gompertz.cdf(x, c, loc, scale))
            + np.sum(lomax.sf(x, c, loc, scale) * W34) + np.sum(lomax.logcdf(x, c, loc, scale) ** 2)
            + np.sum(gompertz.logsf(x, c, loc, scale)))


ROWS: list[Row] = [
    Row(st_survival, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((0.3, 2.0), (0.5, 2.0), (-1.0, 0.0), (0.5, 2.0))),
]
