"""``scipy.stats``' survival families on ``x >= loc`` (``z = (x - loc) / scale >= 0``): ``lomax``
(Pareto II, shape ``c``: survival ``(1 + z)^-c``) and ``gompertz`` (shape ``c``: survival
``exp(-c expm1(z))``), ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``c``, ``loc`` and ``scale``
(imported with ``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s).
With ``s(z)`` the slope of the standard log-density (``lomax``: ``-(c + 1) / (1 + z)``,
``gompertz``: ``1 - c exp(z)``) the log-density's partials are ``s / scale``, ``-s / scale`` and
``-(1 + z s) / scale``, in ``c`` ``1 / c - log1p(z)`` and ``1 / c - expm1(z)``; the distribution
functions' are the density times ``1``, ``-1`` and ``-z`` (over the probability for the
logarithms), in ``c`` from the log-survival's slope (``-log1p(z)``, ``-expm1(z)``, 0 off the
support, where the functions are constant); the conventions of ``scipy_stats_shapes`` outside the
support.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..extend import elementwise

# lomax: log(c) - (c + 1) log1p(z) - log(scale)
elementwise(sst.lomax.logpdf,
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(-(c + 1.0) / (scale + x - loc), x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0:
                _rt.nan_outside(1.0 / c - np.log1p(np.maximum((x - loc) / scale, 0.0)), x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside((c + 1.0) / (scale + x - loc), x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0:
                _rt.nan_outside(((c + 1.0) * (x - loc) / (scale + x - loc) - 1.0) / scale, x >= loc))
elementwise(sst.lomax.pdf,
            lambda y, x, c, loc=0.0, scale=1.0: -y * (c + 1.0) / (scale + x - loc),
            lambda y, x, c, loc=0.0, scale=1.0: y * (1.0 / c - np.log1p(np.maximum((x - loc) / scale, 0.0))),
            lambda y, x, c, loc=0.0, scale=1.0: y * (c + 1.0) / (scale + x - loc),
            lambda y, x, c, loc=0.0, scale=1.0: y * ((c + 1.0) * (x - loc) / (scale + x - loc) - 1.0) / scale)
elementwise(sst.lomax.cdf,
            lambda y, x, c, loc=0.0, scale=1.0: sst.lomax.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.log1p(np.maximum((x - loc) / scale, 0.0)) * sst.lomax.sf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: -sst.lomax.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (loc - x) / scale * sst.lomax.pdf(x, c, loc, scale))
elementwise(sst.lomax.sf,
            lambda y, x, c, loc=0.0, scale=1.0: -sst.lomax.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: -y * np.log1p(np.maximum((x - loc) / scale, 0.0)),
            lambda y, x, c, loc=0.0, scale=1.0: sst.lomax.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (x - loc) / scale * sst.lomax.pdf(x, c, loc, scale))
elementwise(sst.lomax.logcdf,
            lambda y, x, c, loc=0.0, scale=1.0: np.exp(sst.lomax.logpdf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.log1p(np.maximum((x - loc) / scale, 0.0)) * np.exp(sst.lomax.logsf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0: -np.exp(sst.lomax.logpdf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.lomax.logpdf(x, c, loc, scale) - y))
elementwise(sst.lomax.logsf,
            lambda y, x, c, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.lomax.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0: -np.log1p(np.maximum((x - loc) / scale, 0.0)),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.lomax.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.lomax.logpdf(x, c, loc, scale) - y), 0.0))
# gompertz: log(c) + z - c expm1(z) - log(scale)
elementwise(sst.gompertz.logpdf,
            lambda y, x, c, loc=0.0, scale=1.0:
                _rt.nan_outside((1.0 - c * np.exp((x - loc) / scale)) / scale, x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0:
                _rt.nan_outside(1.0 / c - np.expm1(np.maximum((x - loc) / scale, 0.0)), x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0:
                _rt.nan_outside((c * np.exp((x - loc) / scale) - 1.0) / scale, x >= loc),
            lambda y, x, c, loc=0.0, scale=1.0: _rt.nan_outside(
                -(1.0 + (x - loc) / scale * (1.0 - c * np.exp((x - loc) / scale))) / scale, x >= loc))
elementwise(sst.gompertz.pdf,
            lambda y, x, c, loc=0.0, scale=1.0: y * (1.0 - c * np.exp((x - loc) / scale)) / scale,
            lambda y, x, c, loc=0.0, scale=1.0: y * (1.0 / c - np.expm1(np.maximum((x - loc) / scale, 0.0))),
            lambda y, x, c, loc=0.0, scale=1.0: y * (c * np.exp((x - loc) / scale) - 1.0) / scale,
            lambda y, x, c, loc=0.0, scale=1.0:
                -y * (1.0 + (x - loc) / scale * (1.0 - c * np.exp((x - loc) / scale))) / scale)
elementwise(sst.gompertz.cdf,
            lambda y, x, c, loc=0.0, scale=1.0: sst.gompertz.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.expm1(np.maximum((x - loc) / scale, 0.0)) * sst.gompertz.sf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: -sst.gompertz.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (loc - x) / scale * sst.gompertz.pdf(x, c, loc, scale))
elementwise(sst.gompertz.sf,
            lambda y, x, c, loc=0.0, scale=1.0: -sst.gompertz.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: -y * np.expm1(np.maximum((x - loc) / scale, 0.0)),
            lambda y, x, c, loc=0.0, scale=1.0: sst.gompertz.pdf(x, c, loc, scale),
            lambda y, x, c, loc=0.0, scale=1.0: (x - loc) / scale * sst.gompertz.pdf(x, c, loc, scale))
elementwise(sst.gompertz.logcdf,
            lambda y, x, c, loc=0.0, scale=1.0: np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.expm1(np.maximum((x - loc) / scale, 0.0))
                * np.exp(sst.gompertz.logsf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0: -np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y),
            lambda y, x, c, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y))
elementwise(sst.gompertz.logsf,
            lambda y, x, c, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0: -np.expm1(np.maximum((x - loc) / scale, 0.0)),
            lambda y, x, c, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y), 0.0),
            lambda y, x, c, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.gompertz.logpdf(x, c, loc, scale) - y), 0.0))
