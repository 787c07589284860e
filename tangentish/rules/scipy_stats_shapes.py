"""``scipy.stats``' distributions with a shape parameter: ``t`` (df), ``gamma`` (a), ``chi2`` (df)
(``beta`` and ``lognorm``: ``scipy_stats_beta_lognorm``), each ``logpdf pdf cdf sf logcdf logsf`` in
``x``, its shape, ``loc`` and ``scale`` (imported with ``scipy_stats``; keyed, like ``norm``'s, by
the methods of the distribution object).  Written with ``r = x - loc`` and ``z = r / scale``.

The log-density's partials are NaN outside the support (``_rt.nan_outside``: it is -inf there, in
a neighbourhood, and has no slope; 0 where the incoming gradient is 0), the density's 0 (it is 0
there); the support's edge (gamma's ``x = loc``) counts as outside.  The distribution functions'
partials in ``x``, ``loc`` and ``scale`` are the density times ``1``, ``-1`` and ``-z``, written
with the distribution's own ``pdf`` (``exp(logpdf - y)`` for ``logcdf``/``logsf``: the density
over the probability, 0 where the probability is 1 and the density 0), so every derivative is
differentiable again and 0 where the function is constant, at every order; in a shape parameter
they have no closed form among SciPy's functions (the incomplete gamma and beta functions in
their parameters) and are refused.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..extend import elementwise

# t: -(df + 1) / 2 log1p(z^2 / df) - log(scale) + gammaln((df + 1) / 2) - gammaln(df / 2) - log(df pi) / 2
elementwise(sst.t.logpdf,
            lambda y, x, df, loc=0.0, scale=1.0: (df + 1.0) * (loc - x) / (df * scale ** 2 + (x - loc) ** 2),
            lambda y, x, df, loc=0.0, scale=1.0: 0.5 * (
                sps.digamma(0.5 * df + 0.5) - sps.digamma(0.5 * df) - 1.0 / df
                - np.log1p((x - loc) ** 2 / (df * scale ** 2))
                + (df + 1.0) * (x - loc) ** 2 / (df * (df * scale ** 2 + (x - loc) ** 2))),
            lambda y, x, df, loc=0.0, scale=1.0: (df + 1.0) * (x - loc) / (df * scale ** 2 + (x - loc) ** 2),
            lambda y, x, df, loc=0.0, scale=1.0: (
                (df + 1.0) * (x - loc) ** 2 / (df * scale ** 2 + (x - loc) ** 2) - 1.0) / scale)
elementwise(sst.t.pdf,
            lambda y, x, df, loc=0.0, scale=1.0:
                y * (df + 1.0) * (loc - x) / (df * scale ** 2 + (x - loc) ** 2),
            lambda y, x, df, loc=0.0, scale=1.0: 0.5 * y * (
                sps.digamma(0.5 * df + 0.5) - sps.digamma(0.5 * df) - 1.0 / df
                - np.log1p((x - loc) ** 2 / (df * scale ** 2))
                + (df + 1.0) * (x - loc) ** 2 / (df * (df * scale ** 2 + (x - loc) ** 2))),
            lambda y, x, df, loc=0.0, scale=1.0:
                y * (df + 1.0) * (x - loc) / (df * scale ** 2 + (x - loc) ** 2),
            lambda y, x, df, loc=0.0, scale=1.0: y * (
                (df + 1.0) * (x - loc) ** 2 / (df * scale ** 2 + (x - loc) ** 2) - 1.0) / scale)
elementwise(sst.t.cdf,
            lambda y, x, df, loc=0.0, scale=1.0: sst.t.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.t.cdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -sst.t.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (loc - x) / scale * sst.t.pdf(x, df, loc, scale))
elementwise(sst.t.sf,
            lambda y, x, df, loc=0.0, scale=1.0: -sst.t.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.t.sf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: sst.t.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (x - loc) / scale * sst.t.pdf(x, df, loc, scale))
elementwise(sst.t.logcdf,
            lambda y, x, df, loc=0.0, scale=1.0: np.exp(sst.t.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.t.logcdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -np.exp(sst.t.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.t.logpdf(x, df, loc, scale) - y))
elementwise(sst.t.logsf,
            lambda y, x, df, loc=0.0, scale=1.0: -np.exp(sst.t.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.t.logsf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: np.exp(sst.t.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.t.logpdf(x, df, loc, scale) - y))

# gamma, on x > loc: (a - 1) log z - z - gammaln(a) - log(scale)
elementwise(sst.gamma.logpdf,
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside((a - 1.0) / (x - loc) - 1.0 / scale, x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(
                _rt.safe_log((x - loc) / scale) - sps.digamma(a), x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(1.0 / scale - (a - 1.0) / (x - loc), x > loc),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.nan_outside(((x - loc) / scale - a) / scale, x > loc))
elementwise(sst.gamma.pdf,
            lambda y, x, a, loc=0.0, scale=1.0: y * ((a - 1.0) / (x - loc) - 1.0 / scale),
            lambda y, x, a, loc=0.0, scale=1.0: y * (_rt.safe_log((x - loc) / scale) - sps.digamma(a)),
            lambda y, x, a, loc=0.0, scale=1.0: y * (1.0 / scale - (a - 1.0) / (x - loc)),
            lambda y, x, a, loc=0.0, scale=1.0: y * ((x - loc) / scale - a) / scale)
elementwise(sst.gamma.cdf,
            lambda y, x, a, loc=0.0, scale=1.0: sst.gamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.gamma.cdf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: -sst.gamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: (loc - x) / scale * sst.gamma.pdf(x, a, loc, scale))
elementwise(sst.gamma.sf,
            lambda y, x, a, loc=0.0, scale=1.0: -sst.gamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.gamma.sf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: sst.gamma.pdf(x, a, loc, scale),
            lambda y, x, a, loc=0.0, scale=1.0: (x - loc) / scale * sst.gamma.pdf(x, a, loc, scale))
elementwise(sst.gamma.logcdf,
            lambda y, x, a, loc=0.0, scale=1.0: np.exp(sst.gamma.logpdf(x, a, loc, scale) - y),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.gamma.logcdf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0: -np.exp(sst.gamma.logpdf(x, a, loc, scale) - y),
            lambda y, x, a, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.gamma.logpdf(x, a, loc, scale) - y))
elementwise(sst.gamma.logsf,
            lambda y, x, a, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.gamma.logpdf(x, a, loc, scale) - y), 0.0),
            lambda y, x, a, loc=0.0, scale=1.0: _rt.no_derivative(a, "scipy.stats.gamma.logsf in its a"),
            lambda y, x, a, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.gamma.logpdf(x, a, loc, scale) - y), 0.0),
            lambda y, x, a, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.gamma.logpdf(x, a, loc, scale) - y), 0.0))

# chi2, on x > loc: (df / 2 - 1) log z - z / 2 - gammaln(df / 2) - (df / 2) log 2 - log(scale)
elementwise(sst.chi2.logpdf,
            lambda y, x, df, loc=0.0, scale=1.0: _rt.nan_outside(
                (0.5 * df - 1.0) / (x - loc) - 0.5 / scale, x > loc),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 * (_rt.safe_log(0.5 * (x - loc) / scale) - sps.digamma(0.5 * df)), x > loc),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 / scale - (0.5 * df - 1.0) / (x - loc), x > loc),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.nan_outside(
                0.5 * ((x - loc) / scale - df) / scale, x > loc))
elementwise(sst.chi2.pdf,
            lambda y, x, df, loc=0.0, scale=1.0: y * ((0.5 * df - 1.0) / (x - loc) - 0.5 / scale),
            lambda y, x, df, loc=0.0, scale=1.0: 0.5 * y * (
                _rt.safe_log(0.5 * (x - loc) / scale) - sps.digamma(0.5 * df)),
            lambda y, x, df, loc=0.0, scale=1.0: y * (0.5 / scale - (0.5 * df - 1.0) / (x - loc)),
            lambda y, x, df, loc=0.0, scale=1.0: 0.5 * y * ((x - loc) / scale - df) / scale)
elementwise(sst.chi2.cdf,
            lambda y, x, df, loc=0.0, scale=1.0: sst.chi2.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi2.cdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -sst.chi2.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (loc - x) / scale * sst.chi2.pdf(x, df, loc, scale))
elementwise(sst.chi2.sf,
            lambda y, x, df, loc=0.0, scale=1.0: -sst.chi2.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi2.sf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: sst.chi2.pdf(x, df, loc, scale),
            lambda y, x, df, loc=0.0, scale=1.0: (x - loc) / scale * sst.chi2.pdf(x, df, loc, scale))
elementwise(sst.chi2.logcdf,
            lambda y, x, df, loc=0.0, scale=1.0: np.exp(sst.chi2.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi2.logcdf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0: -np.exp(sst.chi2.logpdf(x, df, loc, scale) - y),
            lambda y, x, df, loc=0.0, scale=1.0: (loc - x) / scale * np.exp(
                sst.chi2.logpdf(x, df, loc, scale) - y))
elementwise(sst.chi2.logsf,
            lambda y, x, df, loc=0.0, scale=1.0:
                -np.where(x > loc, np.exp(sst.chi2.logpdf(x, df, loc, scale) - y), 0.0),
            lambda y, x, df, loc=0.0, scale=1.0: _rt.no_derivative(df, "scipy.stats.chi2.logsf in its df"),
            lambda y, x, df, loc=0.0, scale=1.0:
                np.where(x > loc, np.exp(sst.chi2.logpdf(x, df, loc, scale) - y), 0.0),
            lambda y, x, df, loc=0.0, scale=1.0:
                (x - loc) / scale * np.where(x > loc, np.exp(sst.chi2.logpdf(x, df, loc, scale) - y), 0.0))
