"""``scipy.stats.halfnorm`` and ``invgamma`` (shape ``a``): ``logpdf pdf cdf sf logcdf logsf``;
``weibull_min`` (shape ``c``): ``logpdf pdf cdf sf logsf``; each in ``x``, its shape, ``loc`` and
``scale`` (imported with ``scipy_stats``; keyed by the methods of the distribution object, as
``norm``'s).  Written with ``r = x - loc`` and ``z = r / scale``; as in ``scipy_stats_shapes``, the
log-density's partials are NaN outside the support ``x > loc`` (its edge counts as outside) and 0
where no gradient flows, the distribution functions' partials in ``x``, ``loc`` and ``scale`` are
the density times ``1``, ``-1`` and ``-z``; ``invgamma``'s distribution functions (the incomplete
gamma function in ``a``) are refused in ``a``, ``weibull_min``'s are differentiated in ``c``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..extend import elementwise

# halfnorm, on x > loc: log(sqrt(2 / pi)) - z^2 / 2 - log(scale)
elementwise(sst.halfnorm.logpdf,
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside((loc - x) / (scale * scale), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside((x - loc) / (scale * scale), x > loc),
            lambda y, x, loc=0.0, scale=1.0: _rt.nan_outside(
                (((x - loc) / scale) ** 2 - 1.0) / scale, x > loc))
elementwise(sst.halfnorm.pdf,
            lambda y, x, loc=0.0, scale=1.0: y * (loc - x) / (scale * scale),
            lambda y, x, loc=0.0, scale=1.0: y * (x - loc) / (scale * scale),
            lambda y, x, loc=0.0, scale=1.0: y * (((x - loc) / scale) ** 2 - 1.0) / scale)
elementwise(sst.halfnorm.cdf,
            lambda y, x, loc=0.0, scale=1.0: sst.halfnorm.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: -sst.halfnorm.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * sst.halfnorm.pdf(x, loc, scale))
elementwise(sst.halfnorm.sf,
            lambda y, x, loc=0.0, scale=1.0: -sst.halfnorm.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: sst.halfnorm.pdf(x, loc, scale),
            lambda y, x, loc=0.0, scale=1.0: (x - loc) / scale * sst.halfnorm.pdf(x, loc, scale))
elementwise(sst.halfnorm.logcdf,
            lambda y, x, loc=0.0, scale=1.0: np.exp(sst.halfnorm.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: -np.exp(sst.halfnorm.logpdf(x, loc, scale) - y),
            lambda y, x, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.halfnorm.logpdf(x, loc, scale) - y))
elementwise(sst.halfnorm.logsf,
            lambda y, x, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.halfnorm.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.halfnorm.logpdf(x, loc, scale) - y), 0.0),
            lambda y, x, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.halfnorm.logpdf(x, loc, scale) - y), 0.0))

# invgamma, on x > loc: -(a + 1) log z - 1 / z - gammaln(a) - log(scale)
elementwise(sst.invgamma.logpdf,
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(
                (scale / (x - loc) - a - 1.0) / (x - loc), x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(
                -_rt.safe_log((x - loc) / scale) - sps.digamma(a), x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(
                (a + 1.0 - scale / (x - loc)) / (x - loc), x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside((a - scale / (x - loc)) / scale, x > loc))
elementwise(sst.invgamma.pdf,
            lambda y, x, a, loc=0.0, scale=1.0: y * (scale / (x - loc) - a - 1.0) / (x - loc),
            lambda y, x, a, loc=0.0, scale=1.0: y * (-_rt.safe_log((x - loc) / scale) - sps.digamma(a)),
            lambda y, x, a, loc=0.0, scale=1.0: y * (a + 1.0 - scale / (x - loc)) / (x - loc),
            lambda y, x, a, loc=0.0, scale=1.0: y * (a - scale / (x - loc)) / scale)
elementwise(sst.invgamma.cdf,
            lambda y, x, a, loc=0.0, scale=1.0: sst.invgamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.invgamma.cdf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: -sst.invgamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: (loc - x) / scale * sst.invgamma.pdf(x, a, loc, scale))
elementwise(sst.invgamma.sf,
            lambda y, x, a, loc=0.0, scale=1.0: -sst.invgamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.invgamma.sf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: sst.invgamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: (x - loc) / scale * sst.invgamma.pdf(x, a, loc, scale))
elementwise(sst.invgamma.logcdf,
            lambda y, x, a, loc=0.0, scale=1.0: np.exp(sst.invgamma.logpdf(x, a, loc, scale) - y),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.invgamma.logcdf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: -np.exp(sst.invgamma.logpdf(x, a, loc, scale) - y),
            lambda y, x, a, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.invgamma.logpdf(x, a, loc, scale) - y))
elementwise(sst.invgamma.logsf,
            lambda y, x, a, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.invgamma.logpdf(x, a, loc, scale) - y), 0.0),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.invgamma.logsf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.invgamma.logpdf(x, a, loc, scale) - y), 0.0),
            lambda y, x, a, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.invgamma.logpdf(x, a, loc, scale) - y), 0.0))

# weibull_min, on x > loc, with z^c written (max(x - loc, 0) / scale) ** c and log z safe_log's (0
# outside, where the density and the distribution functions are constant):
# log(c) + (c - 1) log z - z^c - log(scale).  Its distribution functions 1 - exp(-z^c) are
# differentiated in c too.
elementwise(sst.weibull_min.logpdf,
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(
                (c - 1.0 - c * (np.maximum(x - loc, 0.0) / scale) ** c) / (x - loc), x > loc),
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(
                1.0 / c + (1.0 - (np.maximum(x - loc, 0.0) / scale) ** c) * _rt.safe_log((x - loc) / scale),
                x > loc),
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(
                (c * (np.maximum(x - loc, 0.0) / scale) ** c - c + 1.0) / (x - loc), x > loc),
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(
                c * ((np.maximum(x - loc, 0.0) / scale) ** c - 1.0) / scale, x > loc))
elementwise(sst.weibull_min.pdf,
            lambda y, x, c, loc=0.0, scale=1.0:
                y * (c - 1.0 - c * (np.maximum(x - loc, 0.0) / scale) ** c) / (x - loc),
            lambda y, x, c, loc=0.0, scale=1.0: y * (
                1.0 / c + (1.0 - (np.maximum(x - loc, 0.0) / scale) ** c) * _rt.safe_log((x - loc) / scale)),
            lambda y, x, c, loc=0.0, scale=1.0:
                y * (c * (np.maximum(x - loc, 0.0) / scale) ** c - c + 1.0) / (x - loc),
            lambda y, x, c, loc=0.0, scale=1.0:
                y * c * ((np.maximum(x - loc, 0.0) / scale) ** c - 1.0) / scale)
elementwise(sst.weibull_min.cdf,
            lambda y, x, c, loc=0.0, scale=1.0: sst.weibull_min.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (1.0 - y) * (np.maximum(x - loc, 0.0) / scale) ** c
            * _rt.safe_log((x - loc) / scale),
            lambda y, x, c, loc=0.0, scale=1.0: -sst.weibull_min.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (loc - x) / scale * sst.weibull_min.pdf(x, c, loc, scale))
elementwise(sst.weibull_min.sf,
            lambda y, x, c, loc=0.0, scale=1.0: -sst.weibull_min.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: -y * (np.maximum(x - loc, 0.0) / scale) ** c
            * _rt.safe_log((x - loc) / scale),
            lambda y, x, c, loc=0.0, scale=1.0: sst.weibull_min.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (x - loc) / scale * sst.weibull_min.pdf(x, c, loc, scale))
elementwise(sst.weibull_min.logsf,  # -z^c
            lambda y, x, c, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.weibull_min.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0:
                y * _rt.safe_log((x - loc) / scale),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.weibull_min.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(
                    x > loc, np.exp(sst.weibull_min.logpdf(x, c, loc, scale) - y), 0.0))
