"""``scipy.stats``' extreme-value, radial and half families: ``gumbel_r``, ``gumbel_l`` (on the
whole line), ``rayleigh``, ``maxwell``, ``levy`` (on ``x > loc``), ``halfcauchy``,
``halflogistic`` (on ``x >= loc``) and ``pareto`` (shape ``b``, on ``x >= loc + scale``), each
``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``loc``, ``scale`` and the shape (imported with
``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s).  With ``z = (x -
loc) / scale`` and ``s(z)`` the slope of the standard log-density (``gumbel_r``: ``expm1(-z)``,
``gumbel_l``: ``-expm1(z)``, ``rayleigh``: ``1 / z - z``, ``maxwell``: ``2 / z - z``, ``levy``:
``(1 / z - 3) / (2 z)``, ``halfcauchy``: ``-2 z / (1 + z^2)``, ``halflogistic``: ``-tanh(z /
2)``), the log-density's partials are ``s / scale``, ``-s / scale`` and ``-(1 + z s) / scale``;
the distribution functions' are the density times ``1``, ``-1`` and ``-z`` (over the probability
for the logarithms); the conventions of ``scipy_stats_shapes`` outside the support (NaN partials
of the log-density, 0 where the function is constant).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..extend import elementwise

# gumbel_r: -z - exp(-z) - log(scale)
elementwise(sst.gumbel_r.logpdf,
            lambda y, x, loc=0.0, scale=1.0: np.expm1((loc - x) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: -np.expm1((loc - x) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                -(1.0 + (x - loc) / scale * np.expm1((loc - x) / scale)) / scale)
elementwise(sst.gumbel_r.pdf,
            lambda y, x, loc=0.0, scale=1.0: y * np.expm1((loc - x) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: -y * np.expm1((loc - x) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                -y * (1.0 + (x - loc) / scale * np.expm1((loc - x) / scale)) / scale)
# gumbel_l: z - exp(z) - log(scale)
elementwise(sst.gumbel_l.logpdf,
            lambda y, x, loc=0.0, scale=1.0: -np.expm1((x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: np.expm1((x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                ((x - loc) / scale * np.expm1((x - loc) / scale) - 1.0) / scale)
elementwise(sst.gumbel_l.pdf,
            lambda y, x, loc=0.0, scale=1.0: -y * np.expm1((x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * np.expm1((x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                y * ((x - loc) / scale * np.expm1((x - loc) / scale) - 1.0) / scale)
# rayleigh, on x > loc: log(z) - z^2 / 2 - log(scale)
elementwise(sst.rayleigh.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                1.0 / (x - loc) - (x - loc) / (scale * scale), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                (x - loc) / (scale * scale) - 1.0 / (x - loc), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                (((x - loc) / scale) ** 2 - 2.0) / scale, x > loc))
elementwise(sst.rayleigh.pdf,
            lambda y, x, loc=0.0, scale=1.0: y * (1.0 / (x - loc) - (x - loc) / (scale * scale)),
            lambda y, x, loc=0.0, scale=1.0: y * ((x - loc) / (scale * scale) - 1.0 / (x - loc)),
            lambda y, x, loc=0.0, scale=1.0: y * (((x - loc) / scale) ** 2 - 2.0) / scale)
# maxwell, on x > loc: log(sqrt(2 / pi)) + 2 log(z) - z^2 / 2 - log(scale)
elementwise(sst.maxwell.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                2.0 / (x - loc) - (x - loc) / (scale * scale), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                (x - loc) / (scale * scale) - 2.0 / (x - loc), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                (((x - loc) / scale) ** 2 - 3.0) / scale, x > loc))
elementwise(sst.maxwell.pdf,
            lambda y, x, loc=0.0, scale=1.0: y * (2.0 / (x - loc) - (x - loc) / (scale * scale)),
            lambda y, x, loc=0.0, scale=1.0: y * ((x - loc) / (scale * scale) - 2.0 / (x - loc)),
            lambda y, x, loc=0.0, scale=1.0: y * (((x - loc) / scale) ** 2 - 3.0) / scale)

# Their distribution functions, written with the distribution's own density (logsf's guarded
# where it is constant, off the support).
elementwise(sst.gumbel_r.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.gumbel_r.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.gumbel_r.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.gumbel_r.pdf(x, loc, scale))
elementwise(sst.gumbel_r.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.gumbel_r.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.gumbel_r.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.gumbel_r.pdf(x, loc, scale))
elementwise(sst.gumbel_r.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y))
elementwise(sst.gumbel_r.logsf,
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.gumbel_r.logpdf(x, loc, scale) - y))
elementwise(sst.gumbel_l.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.gumbel_l.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.gumbel_l.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.gumbel_l.pdf(x, loc, scale))
elementwise(sst.gumbel_l.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.gumbel_l.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.gumbel_l.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.gumbel_l.pdf(x, loc, scale))
elementwise(sst.gumbel_l.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y))
elementwise(sst.gumbel_l.logsf,
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.gumbel_l.logpdf(x, loc, scale) - y))
elementwise(sst.rayleigh.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.rayleigh.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.rayleigh.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.rayleigh.pdf(x, loc, scale))
elementwise(sst.rayleigh.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.rayleigh.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.rayleigh.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.rayleigh.pdf(x, loc, scale))
elementwise(sst.rayleigh.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.rayleigh.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.rayleigh.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.rayleigh.logpdf(x, loc, scale) - y))
elementwise(sst.rayleigh.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.rayleigh.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.rayleigh.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.rayleigh.logpdf(x, loc, scale) - y), 0.0))
elementwise(sst.maxwell.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.maxwell.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.maxwell.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.maxwell.pdf(x, loc, scale))
elementwise(sst.maxwell.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.maxwell.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.maxwell.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.maxwell.pdf(x, loc, scale))
elementwise(sst.maxwell.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.maxwell.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.maxwell.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.maxwell.logpdf(x, loc, scale) - y))
elementwise(sst.maxwell.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.maxwell.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.maxwell.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.maxwell.logpdf(x, loc, scale) - y), 0.0))

# halfcauchy, on x >= loc: log(2 / pi) - log(1 + z^2) - log(scale) (cauchy's slopes)
elementwise(sst.halfcauchy.logpdf,
            lambda y, x, loc=0.0, scale=1.0:
                _rt.nan_outside(2.0 * (loc - x) / (scale ** 2 + (x - loc) ** 2), x >= loc),
            lambda y, x, loc=0.0, scale=1.0:
                _rt.nan_outside(2.0 * (x - loc) / (scale ** 2 + (x - loc) ** 2), x >= loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                ((x - loc) ** 2 - scale ** 2) / (scale * (scale ** 2 + (x - loc) ** 2)), x >= loc))
elementwise(sst.halfcauchy.pdf,
            lambda y, x, loc=0.0, scale=1.0: 2.0 * y * (loc - x) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: 2.0 * y * (x - loc) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0:
                y * ((x - loc) ** 2 - scale ** 2) / (scale * (scale ** 2 + (x - loc) ** 2)))
# halflogistic, on x >= loc: log(2) - z - 2 log1p(exp(-z)) - log(scale) (logistic's slopes)
elementwise(sst.halflogistic.logpdf,
            lambda y, x, loc=0.0, scale=1.0:
                _rt.nan_outside(-np.tanh(0.5 * (x - loc) / scale) / scale, x >= loc),
            lambda y, x, loc=0.0, scale=1.0:
                _rt.nan_outside(np.tanh(0.5 * (x - loc) / scale) / scale, x >= loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                ((x - loc) / scale * np.tanh(0.5 * (x - loc) / scale) - 1.0) / scale, x >= loc))
elementwise(sst.halflogistic.pdf,
            lambda y, x, loc=0.0, scale=1.0: -y * np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                y * ((x - loc) / scale * np.tanh(0.5 * (x - loc) / scale) - 1.0) / scale)
elementwise(sst.halfcauchy.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.halfcauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.halfcauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.halfcauchy.pdf(x, loc, scale))
elementwise(sst.halfcauchy.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.halfcauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.halfcauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.halfcauchy.pdf(x, loc, scale))
elementwise(sst.halfcauchy.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y))
elementwise(sst.halfcauchy.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.halfcauchy.logpdf(x, loc, scale) - y), 0.0))
elementwise(sst.halflogistic.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.halflogistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.halflogistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.halflogistic.pdf(x, loc, scale))
elementwise(sst.halflogistic.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.halflogistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.halflogistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.halflogistic.pdf(x, loc, scale))
elementwise(sst.halflogistic.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.halflogistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.halflogistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.halflogistic.logpdf(x, loc, scale) - y))
elementwise(sst.halflogistic.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.halflogistic.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.halflogistic.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(
                    x > loc, np.exp(sst.halflogistic.logpdf(x, loc, scale) - y), 0.0))

# levy, on x > loc: -log(2 pi) / 2 - 3 log(z) / 2 - 1 / (2 z) - log(scale)
elementwise(sst.levy.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 * scale / (x - loc) ** 2 - 1.5 / (x - loc), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                1.5 / (x - loc) - 0.5 * scale / (x - loc) ** 2, x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 * (1.0 - scale / (x - loc)) / scale, x > loc))
elementwise(sst.levy.pdf,
            lambda y, x, loc=0.0, scale=1.0: y * (0.5 * scale / (x - loc) ** 2 - 1.5 / (x - loc)),
            lambda y, x, loc=0.0, scale=1.0: y * (1.5 / (x - loc) - 0.5 * scale / (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: y * 0.5 * (1.0 - scale / (x - loc)) / scale)
elementwise(sst.levy.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.levy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.levy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.levy.pdf(x, loc, scale))
elementwise(sst.levy.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.levy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.levy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.levy.pdf(x, loc, scale))
elementwise(sst.levy.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.levy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.levy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.levy.logpdf(x, loc, scale) - y))
elementwise(sst.levy.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.levy.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.levy.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.levy.logpdf(x, loc, scale) - y), 0.0))

# pareto, on x >= loc + scale: log(b) - (b + 1) log(z) - log(scale); its distribution functions
# 1 - z^-b and z^-b (in b: -+ z^-b log(z), log(z) taken as 0 off the support, where they are constant)
elementwise(sst.pareto.logpdf,
            lambda y, x, b, loc=0.0, scale=1.0: _rt.nan_outside(-(b + 1.0) / (x - loc), x - loc >= scale),
            lambda y, x, b, loc=0.0, scale=1.0: _rt.nan_outside(
                1.0 / b - _rt.safe_log((x - loc) / scale), x - loc >= scale),
            lambda y, x, b, loc=0.0, scale=1.0: _rt.nan_outside((b + 1.0) / (x - loc), x - loc >= scale),
            lambda y, x, b, loc=0.0, scale=1.0: _rt.nan_outside(b / scale, x - loc >= scale))
elementwise(sst.pareto.pdf,
            lambda y, x, b, loc=0.0, scale=1.0: -y * (b + 1.0) / (x - loc),
            lambda y, x, b, loc=0.0, scale=1.0: y * (1.0 / b - _rt.safe_log((x - loc) / scale)),
            lambda y, x, b, loc=0.0, scale=1.0: y * (b + 1.0) / (x - loc),
            lambda y, x, b, loc=0.0, scale=1.0: y * b / scale)
elementwise(sst.pareto.cdf,
            lambda y, x, b, loc=0.0, scale=1.0: sst.pareto.pdf(x, b, loc, scale),
            lambda y, x, b, loc=0.0, scale=1.0:
                sst.pareto.sf(x, b, loc, scale) * np.log(np.maximum((x - loc) / scale, 1.0)),
            lambda y, x, b, loc=0.0, scale=1.0: -sst.pareto.pdf(x, b, loc, scale),
            lambda y, x, b, loc=0.0, scale=1.0: (loc - x) / scale * sst.pareto.pdf(x, b, loc, scale))
elementwise(sst.pareto.sf,
            lambda y, x, b, loc=0.0, scale=1.0: -sst.pareto.pdf(x, b, loc, scale),
            lambda y, x, b, loc=0.0, scale=1.0: -y * np.log(np.maximum((x - loc) / scale, 1.0)),
            lambda y, x, b, loc=0.0, scale=1.0: sst.pareto.pdf(x, b, loc, scale),
            lambda y, x, b, loc=0.0, scale=1.0: (x - loc) / scale * sst.pareto.pdf(x, b, loc, scale))
elementwise(sst.pareto.logcdf,
            lambda y, x, b, loc=0.0, scale=1.0: np.exp(sst.pareto.logpdf(x, b, loc, scale) - y),
            lambda y, x, b, loc=0.0, scale=1.0: np.exp(sst.pareto.logsf(x, b, loc, scale) - y) * np.log(
                np.maximum((x - loc) / scale, 1.0)),
            lambda y, x, b, loc=0.0, scale=1.0: -np.exp(sst.pareto.logpdf(x, b, loc, scale) - y),
            lambda y, x, b, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.pareto.logpdf(x, b, loc, scale) - y))
elementwise(sst.pareto.logsf,
            lambda y, x, b, loc=0.0, scale=1.0: -np.where(
                x - loc >= scale, np.exp(sst.pareto.logpdf(x, b, loc, scale) - y), 0.0),
            lambda y, x, b, loc=0.0, scale=1.0: -np.log(np.maximum((x - loc) / scale, 1.0)),
            lambda y, x, b, loc=0.0, scale=1.0: np.where(
                x - loc >= scale, np.exp(sst.pareto.logpdf(x, b, loc, scale) - y), 0.0),
            lambda y, x, b, loc=0.0, scale=1.0: (x - loc) / scale * np.where(
                x - loc >= scale, np.exp(sst.pareto.logpdf(x, b, loc, scale) - y), 0.0))
