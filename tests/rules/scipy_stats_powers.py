"""Rule-table rows of ``tangentish/rules/scipy_stats_powers.py`` (collected only when SciPy is
installed): ``burr``, ``burr12``, ``fisk``, ``powerlaw``, ``nakagami``, ``rice`` and ``loggamma``,
every method, in ``x``, the shapes, ``loc`` and ``scale`` by position, by keyword and left out;
the distribution functions of ``nakagami``, ``rice`` and ``loggamma`` with the shape constant
(they refuse it: tests/test_scipy_stats.py).  ``second=False`` on every row (their second order,
~13 CPU-s, passed in both modes when they were written, rules37; the shortcuts' forms are
differentiated twice by the rows of ``scipy_stats_more`` and ``scipy_stats_generalized``)."""

from __future__ import annotations

import numpy as np
from scipy.stats import burr, burr12, fisk, loggamma, nakagami, powerlaw, rice

from .common import W34, Row

POSITIVE = ((0.5, 3.0), (0.8, 4.0), (-1.0, 0.0), (0.5, 2.0))  # x > loc: inside the support
TWO_SHAPES = ((0.5, 3.0), (0.8, 3.0), (0.6, 2.5), (-1.0, 0.0), (0.5, 2.0))  # (x, c, d, loc, scale)


def st_burr(x, c, d, loc, scale):  # burr and burr12, every method of each
    return (np.sum(burr.logpdf(x, c, d, loc, scale) * W34) + np.sum(burr12.logsf(x, c, d, loc, scale))
            + np.sum(burr.pdf(x, c, d, loc=loc, scale=scale) ** 2) + np.sum(burr12.cdf(x, c=c, d=d) * W34)
            + np.sum(burr.cdf(x, c, d, loc, scale) * W34) + np.sum(burr12.logpdf(x, c, d, loc=loc) ** 2)
            + np.sum(burr.sf(x, c, d, scale=scale) ** 2) + np.sum(burr12.pdf(x, c, d, loc, scale) * W34)
            + np.sum(burr.logcdf(x, c, d, loc, scale) * W34) + np.sum(burr12.sf(x, c, d, loc, scale) ** 2)
            + np.sum(burr.logsf(x, c, d, loc=loc, scale=scale)) + np.sum(burr12.logcdf(x, c, d, loc, scale)))


def st_fisk(x, c, loc, scale):
    return (np.sum(fisk.logpdf(x, c, loc, scale) * W34)
            + np.sum(fisk.pdf(x, c, loc=loc, scale=scale) ** 2)
            + np.sum(fisk.cdf(x, c, loc, scale) * W34) + np.sum(fisk.sf(x, c, scale=scale) ** 2)
            + np.sum(fisk.logcdf(x, c, loc, scale) * W34)
            + np.sum(fisk.logsf(x, c, loc=loc, scale=scale)))


def st_powerlaw(x, a, loc, scale):  # (0 < z < 1)
    return (np.sum(powerlaw.logpdf(x, a, loc, scale) * W34)
            + np.sum(powerlaw.pdf(x, a, loc=loc, scale=scale) ** 2)
            + np.sum(powerlaw.cdf(x, a, loc, scale) * W34) + np.sum(powerlaw.sf(x, a, scale=scale) ** 2)
            + np.sum(powerlaw.logcdf(x, a, loc, scale) * W34)
            + np.sum(powerlaw.logsf(x, a, loc=loc, scale=scale)))


def st_shape_densities(x, nu, b, c, loc, scale):  # nakagami, rice, loggamma
    return (np.sum(nakagami.logpdf(x, nu, loc, scale) * W34)
            + np.sum(nakagami.pdf(x, nu=nu, scale=scale) ** 2)
            + np.sum(rice.logpdf(x, b, loc, scale) * W34) + np.sum(rice.pdf(x, b, loc=loc) ** 2)
            + np.sum(loggamma.logpdf(x, c, loc=loc, scale=scale) * W34) + np.sum(loggamma.pdf(x, c) ** 2))


def st_shape_constant(x, loc, scale):  # (the distribution functions refuse a varying shape)
    return (np.sum(nakagami.cdf(x, 1.3, loc, scale) * W34) + np.sum(nakagami.sf(x, 1.3, scale=scale) ** 2)
            + np.sum(nakagami.logcdf(x, 1.3, loc, scale)) + np.sum(nakagami.logsf(x, 1.3, loc=loc) * W34)
            + np.sum(rice.cdf(x, 0.8, loc, scale) * W34) + np.sum(rice.sf(x, 0.8, scale=scale) ** 2)
            + np.sum(rice.logcdf(x, 0.8, loc, scale)) + np.sum(rice.logsf(x, 0.8, loc=loc) * W34)
            + np.sum(loggamma.cdf(x, 1.7, loc, scale) * W34) + np.sum(loggamma.sf(x, 1.7, scale=scale) ** 2)
            + np.sum(loggamma.logcdf(x, 1.7, loc, scale)) + np.sum(loggamma.logsf(x, 1.7, loc=loc) * W34))


ROWS: list[Row] = [
    Row(st_burr, ((3, 4), (4,), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4), domain=TWO_SHAPES, second=False),
    Row(st_fisk, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3), domain=POSITIVE, second=False),
    Row(st_powerlaw, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((0.1, 0.4), (0.5, 3.0), (-0.3, 0.0), (0.9, 1.5)), second=False),
    Row(st_shape_densities, ((3, 4), (4,), (4,), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3, 4, 5),
        domain=((0.5, 3.0), (0.8, 4.0), (0.5, 2.0), (0.5, 3.0), (-1.0, 0.0), (0.5, 2.0)), second=False),
    Row(st_shape_constant, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((0.5, 2.5), (-0.5, 0.0), (0.6, 1.5)), second=False),
]
