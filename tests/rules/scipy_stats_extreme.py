"""Rule-table rows of ``tangentish/rules/scipy_stats_extreme.py`` (collected only when SciPy is
installed): ``gumbel_r`` with ``gumbel_l``, ``rayleigh`` with ``maxwell`` and ``levy``, ``halfcauchy`` with
``halflogistic``, ``pareto``, and ``genpareto`` and ``genextreme`` (of ``scipy_stats_generalized``,
at their shape's 0 too), every method, in ``x``, ``loc``, ``scale`` (and the shapes) by position,
by keyword and left out."""

from __future__ import annotations

import numpy as np
from scipy.stats import (
    genextreme,
    genpareto,
    gumbel_l,
    gumbel_r,
    halfcauchy,
    halflogistic,
    levy,
    maxwell,
    pareto,
    rayleigh,
)

from tangentish import runtime as rt

from .common import W34, Row

INSIDE = ((0.5, 3.0), (-1.0, 0.0), (0.5, 2.0))  # x > loc: inside the radial families' support


def st_gumbel(x, loc, scale):
    return (np.sum(gumbel_r.logpdf(x, loc, scale) * W34) + np.sum(gumbel_l.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(gumbel_r.cdf(x, loc, scale) * W34) + np.sum(gumbel_l.sf(x, scale=scale) ** 2)
            + np.sum(gumbel_l.logcdf(x, loc, scale) * W34) + np.sum(gumbel_r.logsf(x, loc=loc, scale=scale))
            + np.sum(gumbel_l.logpdf(x) * W34) + np.sum(gumbel_r.pdf(x, loc) + gumbel_l.cdf(x, loc, scale))
            + np.sum(gumbel_r.sf(x, loc, scale) * W34) + np.sum(gumbel_r.logcdf(x, loc, scale) ** 2)
            + np.sum(gumbel_l.logsf(x, loc, scale)))


def st_radial(x, loc, scale):
    return (np.sum(rayleigh.logpdf(x, loc, scale) * W34) + np.sum(maxwell.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(rayleigh.cdf(x, loc, scale) * W34) + np.sum(maxwell.sf(x, scale=scale) ** 2)
            + np.sum(maxwell.logcdf(x, loc, scale) * W34) + np.sum(rayleigh.logsf(x, loc=loc, scale=scale))
            + np.sum(maxwell.logpdf(x) * W34) + np.sum(rayleigh.pdf(x, loc) + maxwell.cdf(x, loc, scale))
            + np.sum(rayleigh.sf(x, loc, scale) * W34) + np.sum(rayleigh.logcdf(x, loc, scale) ** 2)
            + np.sum(maxwell.logsf(x, loc, scale)) + np.sum(levy.logpdf(x, loc, scale) * W34)
            + np.sum(levy.pdf(x, loc=loc, scale=scale) ** 2) + np.sum(levy.cdf(x, loc, scale) * W34)
            + np.sum(levy.sf(x, scale=scale) ** 2) + np.sum(levy.logcdf(x, loc, scale) * W34)
            + np.sum(levy.logsf(x, loc=loc, scale=scale)))


def st_half(x, loc, scale):
    return (np.sum(halfcauchy.logpdf(x, loc, scale) * W34)
            + np.sum(halflogistic.pdf(x, loc=loc, scale=scale) ** 2)
            + np.sum(halfcauchy.cdf(x, loc, scale) * W34) + np.sum(halflogistic.sf(x, scale=scale) ** 2)
            + np.sum(halflogistic.logcdf(x, loc, scale) * W34)
            + np.sum(halfcauchy.logsf(x, loc=loc, scale=scale)) + np.sum(halflogistic.logpdf(x) * W34)
            + np.sum(halfcauchy.pdf(x, loc) + halflogistic.cdf(x, loc, scale))
            + np.sum(halfcauchy.sf(x, loc, scale) * W34) + np.sum(halfcauchy.logcdf(x, loc, scale) ** 2)
            + np.sum(halflogistic.logsf(x, loc, scale)))


def st_pareto(x, b, loc, scale):  # (x + 2 >= loc + scale: inside its support)
    x = x + 2.0
    return (np.sum(pareto.logpdf(x, b, loc, scale) * W34)
            + np.sum(pareto.pdf(x, b, loc=loc, scale=scale) ** 2)
            + np.sum(pareto.cdf(x, b, loc, scale) * W34) + np.sum(pareto.sf(x, b, scale=scale) ** 2)
            + np.sum(pareto.logcdf(x, b, loc, scale) * W34)
            + np.sum(pareto.logsf(x, b, loc=loc, scale=scale))
            + np.sum(pareto.logpdf(x, b=b) * W34))


def st_genpareto(x, c, loc, scale):  # (x > loc, 1 + c z > 0: inside its support)
    return (np.sum(genpareto.logpdf(x, c, loc, scale) * W34)
            + np.sum(genpareto.pdf(x, c, loc=loc, scale=scale) ** 2)
            + np.sum(genpareto.cdf(x, c, loc, scale) * W34) + np.sum(genpareto.sf(x, c, scale=scale) ** 2)
            + np.sum(genpareto.logcdf(x, c, loc, scale) * W34)
            + np.sum(genpareto.logsf(x, c, loc=loc, scale=scale)))


def st_genpareto_at_zero(x, c, scale):  # (c - 0.3 is exactly 0: the exponential family, whose
    # shape slopes are 0 / 0 written as they divide)
    return st_genpareto(x, c - 0.3, -0.2, scale)


def st_genextreme(x, c, loc, scale):  # (|c z| < 1: inside its support)
    return (np.sum(genextreme.logpdf(x, c, loc, scale) * W34)
            + np.sum(genextreme.pdf(x, c, loc=loc, scale=scale) ** 2)
            + np.sum(genextreme.cdf(x, c, loc, scale) * W34) + np.sum(genextreme.sf(x, c, scale=scale))
            + np.sum(genextreme.logcdf(x, c, loc, scale) * W34)
            + np.sum(genextreme.logsf(x, c, loc=loc, scale=scale) ** 2))


def st_gev_t(x, c, loc, scale):  # (genextreme's t: -log1p(-c z) / c, inside 1 - c z > 0)
    return np.sum(rt.gev_t(x, c, loc, scale) * W34) + np.sum(rt.gev_t(x, c * 0.0, loc, scale) ** 2)


def st_genextreme_at_zero(x, c, scale):  # (Gumbel's, as above)
    return st_genextreme(x, c - 0.3, 0.1, scale)


ROWS: list[Row] = [
    Row(st_gumbel, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_radial, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=INSIDE),
    Row(st_half, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2), domain=INSIDE),
    Row(st_pareto, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((0.5, 3.0), (0.5, 3.0), (-1.0, 0.0), (0.5, 1.0))),
    Row(st_genpareto, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((0.5, 3.0), (-0.1, 0.4), (-1.0, 0.0), (0.5, 1.0))),
    Row(st_genpareto_at_zero, ((3, 4), (), ()), wrt=(0, 1, 2),
        domain=((0.5, 3.0), (0.3, 0.3), (0.5, 1.0))),
    Row(st_genextreme, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (-0.25, 0.25), (-0.5, 0.5), (0.8, 1.5))),
    Row(st_gev_t, ((3, 4), (4,), (4,), (3, 1)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (-0.25, 0.25), (-0.5, 0.5), (0.8, 1.5))),
    Row(st_genextreme_at_zero, ((3, 4), (), ()), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (0.3, 0.3), (0.8, 1.5))),
]
