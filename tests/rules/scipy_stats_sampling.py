"""Rule-table rows of ``tangentish/rules/scipy_stats_sampling.py`` (collected only when SciPy
is installed): every method of ``f`` and ``chi`` in ``x``, ``loc`` and ``scale`` by position, by
keyword and left out, the densities in the degrees of freedom too (the distribution functions
refuse them: constants there)."""

from __future__ import annotations

import numpy as np
from scipy.stats import chi, f

from .common import W34, Row


def st_sampling(x, m, n, loc, scale):
    return (np.sum(f.logpdf(x, m, n, loc, scale) * W34) + np.sum(f.pdf(x, m, n, loc=loc, scale=scale) ** 2)
            + np.sum(chi.logpdf(x, m, loc, scale) * W34) + np.sum(chi.pdf(x, n, scale=scale) ** 2)
            + np.sum(f.logpdf(x, dfn=m, dfd=n) * W34) + np.sum(f.cdf(x, 3.0, 5.0, loc, scale) * W34)
            + np.sum(f.sf(x, 3.0, 5.0, scale=scale) ** 2) + np.sum(f.logcdf(x, 3.0, 5.0, loc, scale) * W34)
            + np.sum(f.logsf(x, 3.0, 5.0, loc=loc)) + np.sum(chi.cdf(x, 2.5, loc, scale) * W34)
            + np.sum(chi.sf(x, 2.5, loc, scale) ** 2) + np.sum(chi.logcdf(x, 2.5, loc, scale) * W34)
            + np.sum(chi.logsf(x, 2.5, loc, scale)))


ROWS: list[Row] = [
    Row(st_sampling, ((3, 4), (4,), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4),
        domain=((0.3, 2.0), (1.5, 6.0), (2.5, 8.0), (-0.2, 0.0), (0.5, 2.0))),
]
