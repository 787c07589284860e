"""``scipy.stats``' discrete distributions ``poisson`` (mu), ``binom`` (n, p), ``bernoulli`` (p),
``geom`` (p) and ``nbinom`` (n, p): ``logpmf pmf cdf sf logcdf logsf`` in their rate or probability,
``nbinom``'s ``logpmf pmf`` in its (real) ``n`` too (imported with ``scipy_stats``).  The count
``k``, ``binom``'s number of trials ``n`` and the integer shift ``loc`` are refused where they
vary (``_rt.no_derivative``, by :func:`tangentish.distributions.counts` for every parameter a row
gives no partial in: the functions are defined at integers only, or jump there); as data
(constants, integer arrays) they need no derivative.  Outside the support (``logpmf = -inf``) the
log-probability's partial is NaN, the probability's 0.  With ``j = floor(k - loc)``: d/dmu
poisson.cdf = -pmf(j; mu), d/dp binom.cdf = -n pmf(j; n - 1, p), d/dp geom.cdf = j pmf(j; p) / p,
d/dp nbinom.cdf = (n + j) pmf(j; n, p) / p (refused in ``n``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..distributions import counts

# poisson: (k - loc) log(mu) - mu - gammaln(k - loc + 1)
counts(sst.poisson, "logpmf",
       mu=lambda y, k, mu, loc=0: _rt.nan_outside((k - loc) / mu - 1.0, y > -np.inf))
counts(sst.poisson, "pmf", mu=lambda y, k, mu, loc=0: y * ((k - loc) / mu - 1.0))
counts(sst.poisson, "cdf", mu=lambda y, k, mu, loc=0: -sst.poisson.pmf(np.floor(k - loc), mu))
counts(sst.poisson, "sf", mu=lambda y, k, mu, loc=0: sst.poisson.pmf(np.floor(k - loc), mu))
counts(sst.poisson, "logcdf",
       mu=lambda y, k, mu, loc=0: -np.exp(sst.poisson.logpmf(np.floor(k - loc), mu) - y))
counts(sst.poisson, "logsf", mu=lambda y, k, mu, loc=0:
       np.where(k - loc >= 0.0, np.exp(sst.poisson.logpmf(np.floor(k - loc), mu) - y), 0.0))

# binom: log C(n, k - loc) + (k - loc) log(p) + (n - k + loc) log(1 - p)
counts(sst.binom, "logpmf", p=lambda y, k, n, p, loc=0:
       _rt.nan_outside((k - loc) / p - (n - k + loc) / (1.0 - p), y > -np.inf))
counts(sst.binom, "pmf", p=lambda y, k, n, p, loc=0: y * ((k - loc) / p - (n - k + loc) / (1.0 - p)))
counts(sst.binom, "cdf", p=lambda y, k, n, p, loc=0: -n * sst.binom.pmf(np.floor(k - loc), n - 1, p))
counts(sst.binom, "sf", p=lambda y, k, n, p, loc=0: n * sst.binom.pmf(np.floor(k - loc), n - 1, p))
counts(sst.binom, "logcdf", p=lambda y, k, n, p, loc=0:
       -n * np.where(k - loc < n, np.exp(sst.binom.logpmf(np.floor(k - loc), n - 1, p) - y), 0.0))
counts(sst.binom, "logsf", p=lambda y, k, n, p, loc=0:
       n * np.where(k - loc >= 0.0, np.exp(sst.binom.logpmf(np.floor(k - loc), n - 1, p) - y), 0.0))

# bernoulli: binom with n = 1; its cdf is 1 - p on 0 <= k - loc < 1 (0 below, 1 above)
counts(sst.bernoulli, "logpmf", p=lambda y, k, p, loc=0:
       _rt.nan_outside((k - loc) / p - (1.0 - k + loc) / (1.0 - p), y > -np.inf))
counts(sst.bernoulli, "pmf", p=lambda y, k, p, loc=0: y * ((k - loc) / p - (1.0 - k + loc) / (1.0 - p)))
counts(sst.bernoulli, "cdf",
       p=lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), -1.0, 0.0))
counts(sst.bernoulli, "sf",
       p=lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), 1.0, 0.0))
counts(sst.bernoulli, "logcdf",
       p=lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), -1.0, 0.0) * np.exp(-y))
counts(sst.bernoulli, "logsf",
       p=lambda y, k, p, loc=0: np.where((k - loc >= 0.0) & (k - loc < 1.0), 1.0, 0.0) * np.exp(-y))

# geom, on k - loc >= 1: (k - loc - 1) log(1 - p) + log(p); with j = floor(k - loc) its cdf is
# 1 - (1 - p)^j (j >= 1, else 0), whose slope in p is j (1 - p)^(j - 1) = j pmf(j) / p
counts(sst.geom, "logpmf",
       p=lambda y, k, p, loc=0: _rt.nan_outside(1.0 / p - (k - loc - 1.0) / (1.0 - p), y > -np.inf))
counts(sst.geom, "pmf", p=lambda y, k, p, loc=0: y * (1.0 / p - (k - loc - 1.0) / (1.0 - p)))
counts(sst.geom, "cdf",
       p=lambda y, k, p, loc=0: np.floor(k - loc) * sst.geom.pmf(np.floor(k - loc), p) / p)
counts(sst.geom, "sf",
       p=lambda y, k, p, loc=0: -np.floor(k - loc) * sst.geom.pmf(np.floor(k - loc), p) / p)
counts(sst.geom, "logcdf", p=lambda y, k, p, loc=0:
       np.floor(k - loc) * np.exp(sst.geom.logpmf(np.floor(k - loc), p) - y) / p)
counts(sst.geom, "logsf", p=lambda y, k, p, loc=0: -np.maximum(np.floor(k - loc), 0.0) / (1.0 - p))

# nbinom, on k - loc >= 0: gammaln(k - loc + n) - gammaln(n) - gammaln(k - loc + 1) + n log(p)
# + (k - loc) log(1 - p); its cdf is betainc(n, j + 1, p), whose slope in p is (n + j) pmf(j) / p
# (in n it has no closed form: refused, as the incomplete beta function's)
counts(sst.nbinom, "logpmf",
       n=lambda y, k, n, p, loc=0: _rt.nan_outside(
           sps.digamma(k - loc + n) - sps.digamma(n) + np.log(p), y > -np.inf),
       p=lambda y, k, n, p, loc=0: _rt.nan_outside(n / p - (k - loc) / (1.0 - p), y > -np.inf))
counts(sst.nbinom, "pmf",
       n=lambda y, k, n, p, loc=0: np.where(
           y > 0.0, y * (sps.digamma(k - loc + n) - sps.digamma(n) + np.log(p)), 0.0),
       p=lambda y, k, n, p, loc=0: y * (n / p - (k - loc) / (1.0 - p)))
counts(sst.nbinom, "cdf", p=lambda y, k, n, p, loc=0:
       (n + np.floor(k - loc)) * sst.nbinom.pmf(np.floor(k - loc), n, p) / p)
counts(sst.nbinom, "sf", p=lambda y, k, n, p, loc=0:
       -(n + np.floor(k - loc)) * sst.nbinom.pmf(np.floor(k - loc), n, p) / p)
counts(sst.nbinom, "logcdf", p=lambda y, k, n, p, loc=0:
       (n + np.floor(k - loc)) * np.exp(sst.nbinom.logpmf(np.floor(k - loc), n, p) - y) / p)
counts(sst.nbinom, "logsf", p=lambda y, k, n, p, loc=0: -(n + np.floor(k - loc)) * np.where(
       k - loc >= 0.0, np.exp(sst.nbinom.logpmf(np.floor(k - loc), n, p) - y), 0.0) / p)
