"""``scipy.stats.beta`` (a, b) and ``lognorm`` (s): ``logpdf pdf cdf sf logcdf logsf`` in ``x``,
the shapes, ``loc`` and ``scale``, as in ``scipy_stats_shapes`` (imported with ``scipy_stats``;
the same conventions outside the support).  ``beta``'s distribution functions are refused in ``a``
and ``b`` (the incomplete beta function has no closed-form derivative in them); ``lognorm``'s,
``ndtr(log(z) / s)``, are differentiated in ``s`` too.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..extend import elementwise

SQRT_2PI = math.sqrt(2.0 * math.pi)

# beta, on loc < x < loc + scale: (a - 1) log z + (b - 1) log(1 - z) - betaln(a, b) - log(scale)
elementwise(sst.beta.logpdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                (a - 1.0) / (x - loc) - (b - 1.0) / (loc + scale - x), (x > loc) & (x < loc + scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                _rt.safe_log((x - loc) / scale) - sps.digamma(a) + sps.digamma(a + b),
                (x > loc) & (x < loc + scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                _rt.safe_log1p((loc - x) / scale) - sps.digamma(b) + sps.digamma(a + b),
                (x > loc) & (x < loc + scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                (b - 1.0) / (loc + scale - x) - (a - 1.0) / (x - loc), (x > loc) & (x < loc + scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                ((b - 1.0) * (x - loc) / (loc + scale - x) - a) / scale, (x > loc) & (x < loc + scale)))
elementwise(sst.beta.pdf,
            lambda y, x, a, b, loc=0.0, scale=1.0:
                y * ((a - 1.0) / (x - loc) - (b - 1.0) / (loc + scale - x)),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (
                _rt.safe_log((x - loc) / scale) - sps.digamma(a) + sps.digamma(a + b)),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (
                _rt.safe_log1p((loc - x) / scale) - sps.digamma(b) + sps.digamma(a + b)),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                y * ((b - 1.0) / (loc + scale - x) - (a - 1.0) / (x - loc)),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (
                (b - 1.0) * (x - loc) / (loc + scale - x) - a) / scale)
elementwise(sst.beta.cdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.beta.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.beta.cdf in its a"),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(b, "scipy.stats.beta.cdf in its b"),
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.beta.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.beta.logpdf(x, a, b, loc, scale)))
elementwise(sst.beta.sf,
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.beta.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.beta.sf in its a"),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(b, "scipy.stats.beta.sf in its b"),
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.beta.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: (x - loc) / scale * np.exp(
                sst.beta.logpdf(x, a, b, loc, scale)))
elementwise(sst.beta.logcdf,
            lambda y, x, a, b, loc=0.0, scale=1.0:
                np.where(x < loc + scale, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.beta.logcdf in its a"),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(b, "scipy.stats.beta.logcdf in its b"),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                -np.where(x < loc + scale, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * np.where(
                    x < loc + scale, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0))
elementwise(sst.beta.logsf,
            lambda y, x, a, b, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.beta.logsf in its a"),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.no_derivative(b, "scipy.stats.beta.logsf in its b"),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.beta.logpdf(x, a, b, loc, scale) - y), 0.0))

# lognorm, on x > loc, with u = log z: -u^2 / (2 s^2) - u - log(s) - log(scale) - log(sqrt(2 pi))
elementwise(sst.lognorm.logpdf,
            lambda y, x, s, loc=0.0, scale=1.0: _rt.nan_outside(
                -(1.0 + _rt.safe_log((x - loc) / scale) / s ** 2) / (x - loc), x > loc),
            lambda y, x, s, loc=0.0, scale=1.0: _rt.nan_outside(
                ((_rt.safe_log((x - loc) / scale) / s) ** 2 - 1.0) / s, x > loc),
            lambda y, x, s, loc=0.0, scale=1.0: _rt.nan_outside(
                (1.0 + _rt.safe_log((x - loc) / scale) / s ** 2) / (x - loc), x > loc),
            lambda y, x, s, loc=0.0, scale=1.0: _rt.nan_outside(
                _rt.safe_log((x - loc) / scale) / (s ** 2 * scale), x > loc))
elementwise(sst.lognorm.pdf,
            lambda y, x, s, loc=0.0, scale=1.0:
                -y * (1.0 + _rt.safe_log((x - loc) / scale) / s ** 2) / (x - loc),
            lambda y, x, s, loc=0.0, scale=1.0: y * ((_rt.safe_log((x - loc) / scale) / s) ** 2 - 1.0) / s,
            lambda y, x, s, loc=0.0, scale=1.0:
                y * (1.0 + _rt.safe_log((x - loc) / scale) / s ** 2) / (x - loc),
            lambda y, x, s, loc=0.0, scale=1.0: y * _rt.safe_log((x - loc) / scale) / (s ** 2 * scale))
# (its distribution functions are ndtr(+-u / s): in s, the normal density at u / s times -+u / s^2)
elementwise(sst.lognorm.cdf,
            lambda y, x, s, loc=0.0, scale=1.0: sst.lognorm.pdf(x, s, loc, scale),
            lambda y, x, s, loc=0.0, scale=1.0: -np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2) * (
                _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2)),
            lambda y, x, s, loc=0.0, scale=1.0: -sst.lognorm.pdf(x, s, loc, scale),
            lambda y, x, s, loc=0.0, scale=1.0: (loc - x) / scale * sst.lognorm.pdf(x, s, loc, scale))
elementwise(sst.lognorm.sf,
            lambda y, x, s, loc=0.0, scale=1.0: -sst.lognorm.pdf(x, s, loc, scale),
            lambda y, x, s, loc=0.0, scale=1.0: np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2) * (
                _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2)),
            lambda y, x, s, loc=0.0, scale=1.0: sst.lognorm.pdf(x, s, loc, scale),
            lambda y, x, s, loc=0.0, scale=1.0: (x - loc) / scale * sst.lognorm.pdf(x, s, loc, scale))
elementwise(sst.lognorm.logcdf,
            lambda y, x, s, loc=0.0, scale=1.0: np.exp(sst.lognorm.logpdf(x, s, loc, scale) - y),
            lambda y, x, s, loc=0.0, scale=1.0: -np.exp(
                -0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2 - y) * (
                _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2)),
            lambda y, x, s, loc=0.0, scale=1.0: -np.exp(sst.lognorm.logpdf(x, s, loc, scale) - y),
            lambda y, x, s, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.lognorm.logpdf(x, s, loc, scale) - y))
elementwise(sst.lognorm.logsf,
            lambda y, x, s, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.lognorm.logpdf(x, s, loc, scale) - y), 0.0),
            lambda y, x, s, loc=0.0, scale=1.0: np.exp(
                -0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2 - y) * (
                _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2)),
            lambda y, x, s, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.lognorm.logpdf(x, s, loc, scale) - y), 0.0),
            lambda y, x, s, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.lognorm.logpdf(x, s, loc, scale) - y), 0.0))
