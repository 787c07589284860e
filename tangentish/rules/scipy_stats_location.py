"""``scipy.stats``' location-scale families without shape parameters: ``expon``, ``laplace``,
``cauchy``, ``logistic``, ``uniform``, each ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``loc``
and ``scale`` (imported with ``scipy_stats``; the conventions of ``scipy_stats_shapes`` outside the
support: ``expon``'s is x >= loc, ``uniform``'s loc <= x <= loc + scale, edges included, where the
log-density is finite and has a derivative from inside).  ``laplace`` at ``x = loc``
and ``uniform``'s density at its edges, where they have no derivative, take the one between
(``sign(0) = 0``) and 0, as ``np.abs`` and the project's piecewise-constant functions do.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..extend import elementwise

# expon, on x >= loc: -z - log(scale)
elementwise(sst.expon.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(-1.0 / scale, x >= loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(1.0 / scale, x >= loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(((x - loc) / scale - 1.0) / scale, x >= loc))
elementwise(sst.expon.pdf,
            lambda y, x, loc=0.0, scale=1.0: -y / scale,
            lambda y, x, loc=0.0, scale=1.0: y / scale,
            lambda y, x, loc=0.0, scale=1.0: y * ((x - loc) / scale - 1.0) / scale)
# laplace: -|z| - log(2 scale)
elementwise(sst.laplace.logpdf,
            lambda y, x, loc=0.0, scale=1.0: -np.sign(x - loc) / scale,
            lambda y, x, loc=0.0, scale=1.0: np.sign(x - loc) / scale,
            lambda y, x, loc=0.0, scale=1.0: (np.abs(x - loc) / scale - 1.0) / scale)
elementwise(sst.laplace.pdf,
            lambda y, x, loc=0.0, scale=1.0: -y * np.sign(x - loc) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * np.sign(x - loc) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * (np.abs(x - loc) / scale - 1.0) / scale)
# cauchy: -log(pi scale (1 + z^2))
elementwise(sst.cauchy.logpdf,
            lambda y, x, loc=0.0, scale=1.0: 2.0 * (loc - x) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: 2.0 * (x - loc) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: ((x - loc) ** 2 - scale ** 2) / (
                scale * (scale ** 2 + (x - loc) ** 2)))
elementwise(sst.cauchy.pdf,
            lambda y, x, loc=0.0, scale=1.0: 2.0 * y * (loc - x) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: 2.0 * y * (x - loc) / (scale ** 2 + (x - loc) ** 2),
            lambda y, x, loc=0.0, scale=1.0: y * ((x - loc) ** 2 - scale ** 2) / (
                scale * (scale ** 2 + (x - loc) ** 2)))
# logistic: -z - 2 log1p(exp(-z)) - log(scale), whose slope in z is -tanh(z / 2)
elementwise(sst.logistic.logpdf,
            lambda y, x, loc=0.0, scale=1.0: -np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0:
                ((x - loc) / scale * np.tanh(0.5 * (x - loc) / scale) - 1.0) / scale)
elementwise(sst.logistic.pdf,
            lambda y, x, loc=0.0, scale=1.0: -y * np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * np.tanh(0.5 * (x - loc) / scale) / scale,
            lambda y, x, loc=0.0, scale=1.0: y * (
                (x - loc) / scale * np.tanh(0.5 * (x - loc) / scale) - 1.0) / scale)
# uniform, on loc <= x <= loc + scale: -log(scale)
elementwise(sst.uniform.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(0.0, (x >= loc) & (x <= loc + scale)),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(0.0, (x >= loc) & (x <= loc + scale)),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(-1.0 / scale, (x >= loc) & (x <= loc + scale)))
elementwise(sst.uniform.pdf,
            lambda y, x, loc=0.0, scale=1.0: 0.0,
            lambda y, x, loc=0.0, scale=1.0: 0.0,
            lambda y, x, loc=0.0, scale=1.0: -y / scale)

# The distribution functions: the density times 1, -1 and -z in x, loc and scale (divided by the
# probability for the logarithms), written with the distribution's own logpdf.
elementwise(sst.expon.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.expon.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.expon.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.expon.pdf(x, loc, scale))
elementwise(sst.expon.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.expon.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.expon.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.expon.pdf(x, loc, scale))
elementwise(sst.expon.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.expon.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.expon.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(sst.expon.logpdf(x, loc, scale) - y))
elementwise(sst.expon.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.expon.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.expon.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.expon.logpdf(x, loc, scale) - y), 0.0))
elementwise(sst.laplace.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.laplace.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.laplace.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.laplace.pdf(x, loc, scale))
elementwise(sst.laplace.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.laplace.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.laplace.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.laplace.pdf(x, loc, scale))
elementwise(sst.laplace.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.laplace.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.laplace.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.laplace.logpdf(x, loc, scale) - y))
elementwise(sst.laplace.logsf,
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.laplace.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.laplace.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.laplace.logpdf(x, loc, scale) - y))
elementwise(sst.cauchy.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.cauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.cauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.cauchy.pdf(x, loc, scale))
elementwise(sst.cauchy.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.cauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.cauchy.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.cauchy.pdf(x, loc, scale))
elementwise(sst.cauchy.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.cauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.cauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(sst.cauchy.logpdf(x, loc, scale) - y))
elementwise(sst.cauchy.logsf,
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.cauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.cauchy.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * np.exp(sst.cauchy.logpdf(x, loc, scale) - y))
elementwise(sst.logistic.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.logistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.logistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.logistic.pdf(x, loc, scale))
elementwise(sst.logistic.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.logistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.logistic.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.logistic.pdf(x, loc, scale))
elementwise(sst.logistic.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.logistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.logistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.logistic.logpdf(x, loc, scale) - y))
elementwise(sst.logistic.logsf,
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.logistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.logistic.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.logistic.logpdf(x, loc, scale) - y))
elementwise(sst.uniform.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.uniform.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.uniform.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.uniform.pdf(x, loc, scale))
elementwise(sst.uniform.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.uniform.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.uniform.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.uniform.pdf(x, loc, scale))
elementwise(sst.uniform.logcdf,
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x < loc + scale, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x < loc + scale, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (loc - x) / scale * np.where(
                    x < loc + scale, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0))
elementwise(sst.uniform.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.uniform.logpdf(x, loc, scale) - y), 0.0))
