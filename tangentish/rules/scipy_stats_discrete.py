"""``scipy.stats``' discrete distributions ``poisson`` (mu), ``binom`` (n, p), ``bernoulli`` (p),
``geom`` (p) and ``nbinom`` (n, p): ``logpmf pmf cdf sf logcdf logsf`` in their rate or probability,
``nbinom``'s ``logpmf pmf`` in its (real) ``n`` too (imported with ``scipy_stats``).  The count
``k``, ``binom``'s number of trials ``n`` and the integer shift ``loc`` are refused where they
vary (``_rt.no_derivative``: the functions are defined at integers only, or jump there); as data
(constants, integer arrays) they need no derivative.  Outside the support (``logpmf = -inf``) the
log-probability's partial is NaN, the probability's 0.  With ``j = floor(k - loc)``: d/dmu
poisson.cdf = -pmf(j; mu), d/dp binom.cdf = -n pmf(j; n - 1, p), d/dp geom.cdf = j pmf(j; p) / p,
d/dp nbinom.cdf = (n + j) pmf(j; n, p) / p (refused in ``n``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..extend import elementwise

# poisson: (k - loc) log(mu) - mu - gammaln(k - loc + 1)
elementwise(sst.poisson.logpmf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.logpmf in its count k"),
            lambda y, k, mu, loc=0: _rt.nan_outside((k - loc) / mu - 1.0, y > -np.inf),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.logpmf in its loc"))
elementwise(sst.poisson.pmf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.pmf in its count k"),
            lambda y, k, mu, loc=0: y * ((k - loc) / mu - 1.0),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.pmf in its loc"))
elementwise(sst.poisson.cdf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.cdf in its count k"),
            lambda y, k, mu, loc=0: -sst.poisson.pmf(np.floor(k - loc), mu),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.cdf in its loc"))
elementwise(sst.poisson.sf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.sf in its count k"),
            lambda y, k, mu, loc=0: sst.poisson.pmf(np.floor(k - loc), mu),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.sf in its loc"))
elementwise(sst.poisson.logcdf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.logcdf in its count k"),
            lambda y, k, mu, loc=0: -np.exp(sst.poisson.logpmf(np.floor(k - loc), mu) - y),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.logcdf in its loc"))
elementwise(sst.poisson.logsf,
            lambda y, k, mu, loc=0: _rt.no_derivative(k, "scipy.stats.poisson.logsf in its count k"),
            lambda y, k, mu, loc=0:
                np.where(k - loc >= 0.0, np.exp(sst.poisson.logpmf(np.floor(k - loc), mu) - y), 0.0),
            lambda y, k, mu, loc=0: _rt.no_derivative(loc, "scipy.stats.poisson.logsf in its loc"))

# binom: log C(n, k - loc) + (k - loc) log(p) + (n - k + loc) log(1 - p)
elementwise(sst.binom.logpmf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.logpmf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.logpmf in its n"),
            lambda y, k, n, p, loc=0: _rt.nan_outside((k - loc) / p - (n - k + loc) / (1.0 - p), y > -np.inf),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.logpmf in its loc"))
elementwise(sst.binom.pmf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.pmf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.pmf in its n"),
            lambda y, k, n, p, loc=0: y * ((k - loc) / p - (n - k + loc) / (1.0 - p)),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.pmf in its loc"))
elementwise(sst.binom.cdf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.cdf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.cdf in its n"),
            lambda y, k, n, p, loc=0: -n * sst.binom.pmf(np.floor(k - loc), n - 1, p),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.cdf in its loc"))
elementwise(sst.binom.sf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.sf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.sf in its n"),
            lambda y, k, n, p, loc=0: n * sst.binom.pmf(np.floor(k - loc), n - 1, p),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.sf in its loc"))
elementwise(sst.binom.logcdf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.logcdf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.logcdf in its n"),
            lambda y, k, n, p, loc=0:
                -n * np.where(k - loc < n, np.exp(sst.binom.logpmf(np.floor(k - loc), n - 1, p) - y), 0.0),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.logcdf in its loc"))
elementwise(sst.binom.logsf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.binom.logsf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.binom.logsf in its n"),
            lambda y, k, n, p, loc=0:
                n * np.where(k - loc >= 0.0, np.exp(sst.binom.logpmf(np.floor(k - loc), n - 1, p) - y), 0.0),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.binom.logsf in its loc"))

# bernoulli: binom with n = 1; its cdf is 1 - p on 0 <= k - loc < 1 (0 below, 1 above)
elementwise(sst.bernoulli.logpmf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.logpmf in its k"),
            lambda y, k, p, loc=0: _rt.nan_outside((k - loc) / p - (1.0 - k + loc) / (1.0 - p), y > -np.inf),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.logpmf in its loc"))
elementwise(sst.bernoulli.pmf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.pmf in its k"),
            lambda y, k, p, loc=0: y * ((k - loc) / p - (1.0 - k + loc) / (1.0 - p)),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.pmf in its loc"))
elementwise(sst.bernoulli.cdf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.cdf in its k"),
            lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), -1.0, 0.0),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.cdf in its loc"))
elementwise(sst.bernoulli.sf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.sf in its k"),
            lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), 1.0, 0.0),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.sf in its loc"))
elementwise(sst.bernoulli.logcdf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.logcdf in its k"),
            lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), -1.0, 0.0) * np.exp(-y),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.logcdf in its loc"))
elementwise(sst.bernoulli.logsf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.bernoulli.logsf in its k"),
            lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), 1.0, 0.0) * np.exp(-y),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.bernoulli.logsf in its loc"))

# geom, on k - loc >= 1: (k - loc - 1) log(1 - p) + log(p); with j = floor(k - loc) its cdf is
# 1 - (1 - p)^j (j >= 1, else 0), whose slope in p is j (1 - p)^(j - 1) = j pmf(j) / p
elementwise(sst.geom.logpmf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.logpmf in its count k"),
            lambda y, k, p, loc=0: _rt.nan_outside(1.0 / p - (k - loc - 1.0) / (1.0 - p), y > -np.inf),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.logpmf in its loc"))
elementwise(sst.geom.pmf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.pmf in its count k"),
            lambda y, k, p, loc=0: y * (1.0 / p - (k - loc - 1.0) / (1.0 - p)),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.pmf in its loc"))
elementwise(sst.geom.cdf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.cdf in its count k"),
            lambda y, k, p, loc=0: np.floor(k - loc) * sst.geom.pmf(np.floor(k - loc), p) / p,
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.cdf in its loc"))
elementwise(sst.geom.sf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.sf in its count k"),
            lambda y, k, p, loc=0: -np.floor(k - loc) * sst.geom.pmf(np.floor(k - loc), p) / p,
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.sf in its loc"))
elementwise(sst.geom.logcdf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.logcdf in its count k"),
            lambda y, k, p, loc=0:
                np.floor(k - loc) * np.exp(sst.geom.logpmf(np.floor(k - loc), p) - y) / p,
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.logcdf in its loc"))
elementwise(sst.geom.logsf,
            lambda y, k, p, loc=0: _rt.no_derivative(k, "scipy.stats.geom.logsf in its count k"),
            lambda y, k, p, loc=0: -np.maximum(np.floor(k - loc), 0.0) / (1.0 - p),
            lambda y, k, p, loc=0: _rt.no_derivative(loc, "scipy.stats.geom.logsf in its loc"))

# nbinom, on k - loc >= 0: gammaln(k - loc + n) - gammaln(n) - gammaln(k - loc + 1) + n log(p)
# + (k - loc) log(1 - p); its cdf is betainc(n, j + 1, p), whose slope in p is (n + j) pmf(j) / p
# (in n it has no closed form: refused, as the incomplete beta function's)
elementwise(sst.nbinom.logpmf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.logpmf in its count k"),
            lambda y, k, n, p, loc=0: _rt.nan_outside(
                sps.digamma(k - loc + n) - sps.digamma(n) + np.log(p), y > -np.inf),
            lambda y, k, n, p, loc=0: _rt.nan_outside(n / p - (k - loc) / (1.0 - p), y > -np.inf),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.logpmf in its loc"))
elementwise(sst.nbinom.pmf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.pmf in its count k"),
            lambda y, k, n, p, loc=0: np.where(
                y > 0.0, y * (sps.digamma(k - loc + n) - sps.digamma(n) + np.log(p)), 0.0),
            lambda y, k, n, p, loc=0: y * (n / p - (k - loc) / (1.0 - p)),
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.pmf in its loc"))
elementwise(sst.nbinom.cdf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.cdf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.nbinom.cdf in its n"),
            lambda y, k, n, p, loc=0: (n + np.floor(k - loc)) * sst.nbinom.pmf(np.floor(k - loc), n, p) / p,
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.cdf in its loc"))
elementwise(sst.nbinom.sf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.sf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.nbinom.sf in its n"),
            lambda y, k, n, p, loc=0: -(n + np.floor(k - loc)) * sst.nbinom.pmf(np.floor(k - loc), n, p) / p,
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.sf in its loc"))
elementwise(sst.nbinom.logcdf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.logcdf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.nbinom.logcdf in its n"),
            lambda y, k, n, p, loc=0: (n + np.floor(k - loc)) * np.exp(
                sst.nbinom.logpmf(np.floor(k - loc), n, p) - y) / p,
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.logcdf in its loc"))
elementwise(sst.nbinom.logsf,
            lambda y, k, n, p, loc=0: _rt.no_derivative(k, "scipy.stats.nbinom.logsf in its count k"),
            lambda y, k, n, p, loc=0: _rt.no_derivative(n, "scipy.stats.nbinom.logsf in its n"),
            lambda y, k, n, p, loc=0: -(n + np.floor(k - loc)) * np.where(
                k - loc >= 0.0, np.exp(sst.nbinom.logpmf(np.floor(k - loc), n, p) - y), 0.0) / p,
            lambda y, k, n, p, loc=0: _rt.no_derivative(loc, "scipy.stats.nbinom.logsf in its loc"))
