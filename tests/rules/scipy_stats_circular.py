"""Rule-table rows of ``tangentish/rules/scipy_stats_circular.py`` (collected only when SciPy
is installed): every method of ``vonmises`` in ``x``, ``loc`` and ``scale`` by position, by
keyword and left out, the densities in ``kappa`` too (the distribution functions refuse it: a
constant ``kappa`` there)."""

from __future__ import annotations

import numpy as np
from scipy.stats import vonmises

from .common import W34, Row

KAPPA = np.array([0.5, 1.0, 2.0, 4.0])


def st_vonmises(x, kappa, loc, scale):
    return (np.sum(vonmises.logpdf(x, kappa, loc, scale) * W34)
            + np.sum(vonmises.pdf(x, kappa, loc=loc, scale=scale) ** 2)
            + np.sum(vonmises.logpdf(x, kappa=kappa) * W34)
            + np.sum(vonmises.cdf(x, KAPPA, loc, scale) * W34)
            + np.sum(vonmises.sf(x, KAPPA, scale=scale) ** 2)
            + np.sum(vonmises.logcdf(x, KAPPA, loc, scale) * W34)
            + np.sum(vonmises.logsf(x, KAPPA, loc=loc, scale=scale)))


ROWS: list[Row] = [
    Row(st_vonmises, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (0.3, 3.0), (-0.5, 0.5), (0.8, 1.2))),
]
