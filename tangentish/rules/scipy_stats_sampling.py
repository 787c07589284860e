"""``scipy.stats``' sampling distributions ``f`` (shapes ``dfn``, ``dfd``) and ``chi`` (shape
``df``), on ``x > loc``: ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``loc`` and ``scale``, the
densities in their degrees of freedom too (imported with ``scipy_stats``; keyed by the methods of
the distribution object, as ``norm``'s).  With ``r = x - loc``, ``z = r / scale``, ``m = dfn``,
``n = dfd`` and ``u = n scale + m r``: ``f``'s log-density ``(m / 2) log(m / n) + (m / 2 - 1) log(z)
- ((m + n) / 2) log1p(m z / n) - betaln(m / 2, n / 2) - log(scale)`` has partials ``(m / 2 - 1) /
r - (m + n) m / (2 u)`` in ``x``, ``m n (r - scale) / (2 scale u)`` in ``scale``, ``log(m r / u) / 2
+ n (scale - r) / (2 u) - (digamma(m / 2) - digamma((m + n) / 2)) / 2`` in ``dfn`` and ``m (r -
scale) / (2 u) - log1p(m r / (n scale)) / 2 - (digamma(n / 2) - digamma((m + n) / 2)) / 2`` in
``dfd``; ``chi``'s ``(df - 1) log(z) - z^2 / 2 - (df / 2 - 1) log(2) - gammaln(df / 2) -
log(scale)`` has ``(df - 1) / r - r / scale^2``, ``(z^2 - df) / scale`` and ``log(z) - (log(2) +
digamma(df / 2)) / 2``.  The distribution functions (incomplete beta and gamma functions) have the
density's partials in ``x``, ``loc`` and ``scale`` and are refused in the degrees of freedom (no
closed form); the conventions of ``scipy_stats_shapes`` outside the support.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..extend import elementwise

HALF_LOG_2 = 0.5 * math.log(2.0)

# f(dfn, dfd)
elementwise(sst.f.logpdf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.nan_outside(
                (0.5 * dfn - 1.0) / (x - loc) - (dfn + dfd) * dfn / (2.0 * (dfd * scale + dfn * (x - loc))),
                x > loc),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 * _rt.safe_log(dfn * (x - loc) / (dfd * scale + dfn * (x - loc)))
                + dfd * (scale - x + loc) / (2.0 * (dfd * scale + dfn * (x - loc)))
                - 0.5 * (sps.digamma(0.5 * dfn) - sps.digamma(0.5 * (dfn + dfd))), x > loc),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.nan_outside(
                dfn * (x - loc - scale) / (2.0 * (dfd * scale + dfn * (x - loc)))
                - 0.5 * np.log1p(dfn * (x - loc) / (dfd * scale))
                - 0.5 * (sps.digamma(0.5 * dfd) - sps.digamma(0.5 * (dfn + dfd))), x > loc),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.nan_outside(
                (dfn + dfd) * dfn / (2.0 * (dfd * scale + dfn * (x - loc))) - (0.5 * dfn - 1.0) / (x - loc),
                x > loc),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.nan_outside(
                dfn * dfd * (x - loc - scale) / (2.0 * scale * (dfd * scale + dfn * (x - loc))), x > loc))
elementwise(sst.f.pdf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: y * ((0.5 * dfn - 1.0) / (x - loc)
                    - (dfn + dfd) * dfn / (2.0 * (dfd * scale + dfn * (x - loc)))),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                y * (0.5 * _rt.safe_log(dfn * (x - loc) / (dfd * scale + dfn * (x - loc)))
                    + dfd * (scale - x + loc) / (2.0 * (dfd * scale + dfn * (x - loc)))
                    - 0.5 * (sps.digamma(0.5 * dfn) - sps.digamma(0.5 * (dfn + dfd)))),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                y * (dfn * (x - loc - scale) / (2.0 * (dfd * scale + dfn * (x - loc)))
                    - 0.5 * np.log1p(np.maximum(dfn * (x - loc) / (dfd * scale), 0.0))
                    - 0.5 * (sps.digamma(0.5 * dfd) - sps.digamma(0.5 * (dfn + dfd)))),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                y * ((dfn + dfd) * dfn / (2.0 * (dfd * scale + dfn * (x - loc)))
                    - (0.5 * dfn - 1.0) / (x - loc)),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                y * dfn * dfd * (x - loc - scale) / (2.0 * scale * (dfd * scale + dfn * (x - loc))))
elementwise(sst.f.cdf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: sst.f.pdf(x, dfn, dfd, loc, scale),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.no_derivative(dfn, "scipy.stats.f.cdf in its dfn"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.no_derivative(dfd, "scipy.stats.f.cdf in its dfd"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: -sst.f.pdf(x, dfn, dfd, loc, scale),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: (loc - x) / scale * sst.f.pdf(x, dfn, dfd, loc, scale))
elementwise(sst.f.sf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: -sst.f.pdf(x, dfn, dfd, loc, scale),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.no_derivative(dfn, "scipy.stats.f.sf in its dfn"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: _rt.no_derivative(dfd, "scipy.stats.f.sf in its dfd"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: sst.f.pdf(x, dfn, dfd, loc, scale),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: (x - loc) / scale * sst.f.pdf(x, dfn, dfd, loc, scale))
elementwise(sst.f.logcdf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                _rt.no_derivative(dfn, "scipy.stats.f.logcdf in its dfn"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                _rt.no_derivative(dfd, "scipy.stats.f.logcdf in its dfd"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0: -np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y))
elementwise(sst.f.logsf,
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y), 0.0),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                _rt.no_derivative(dfn, "scipy.stats.f.logsf in its dfn"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                _rt.no_derivative(dfd, "scipy.stats.f.logsf in its dfd"),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y), 0.0),
            lambda y, x, dfn, dfd, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.f.logpdf(x, dfn, dfd, loc, scale) - y), 0.0))
# chi(df): (df - 1) log(z) - z^2 / 2 - (df / 2 - 1) log(2) - gammaln(df / 2) - log(scale)
elementwise(sst.chi.logpdf,
            lambda y, x, df, loc=0.0, scale=1.0:
                _rt.nan_outside((df - 1.0) / (x - loc) - (x - loc) / (scale * scale), x > loc),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.nan_outside(
                _rt.safe_log((x - loc) / scale) - HALF_LOG_2 - 0.5 * sps.digamma(0.5 * df), x > loc),
            lambda y, x, df, loc=0.0, scale=1.0:
                _rt.nan_outside((x - loc) / (scale * scale) - (df - 1.0) / (x - loc), x > loc),
            lambda y, x, df, loc=0.0, scale=1.0:
                _rt.nan_outside((((x - loc) / scale) ** 2 - df) / scale, x > loc))
elementwise(sst.chi.pdf,
            lambda y, x, df, loc=0.0, scale=1.0: y * ((df - 1.0) / (x - loc) - (x - loc) / (scale * scale)),
            lambda y, x, df, loc=0.0, scale=1.0:
                y * (_rt.safe_log((x - loc) / scale) - HALF_LOG_2 - 0.5 * sps.digamma(0.5 * df)),
            lambda y, x, df, loc=0.0, scale=1.0: y * ((x - loc) / (scale * scale) - (df - 1.0) / (x - loc)),
            lambda y, x, df, loc=0.0, scale=1.0: y * (((x - loc) / scale) ** 2 - df) / scale)
elementwise(sst.chi.cdf,
            lambda y, x, df, loc=0.0, scale=1.0: sst.chi.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi.cdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -sst.chi.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (loc - x) / scale * sst.chi.pdf(x, df, loc, scale))
elementwise(sst.chi.sf,
            lambda y, x, df, loc=0.0, scale=1.0: -sst.chi.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi.sf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: sst.chi.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (x - loc) / scale * sst.chi.pdf(x, df, loc, scale))
elementwise(sst.chi.logcdf,
            lambda y, x, df, loc=0.0, scale=1.0: np.exp(sst.chi.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi.logcdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -np.exp(sst.chi.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.chi.logpdf(x, df, loc, scale) - y))
elementwise(sst.chi.logsf,
            lambda y, x, df, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.chi.logpdf(x, df, loc, scale) - y), 0.0),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi.logsf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.chi.logpdf(x, df, loc, scale) - y), 0.0),
            lambda y, x, df, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.chi.logpdf(x, df, loc, scale) - y), 0.0))
