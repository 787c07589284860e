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

from ..distributions import densities, distribution_functions

HALF_LOG_2 = 0.5 * math.log(2.0)

# f(dfn, dfd)
densities(sst.f,
          lambda x, dfn, dfd, loc=0.0, scale=1.0:
              (0.5 * dfn - 1.0) / (x - loc) - (dfn + dfd) * dfn / (2.0 * (dfd * scale + dfn * (x - loc))),
          lambda x, dfn, dfd, loc=0.0, scale=1.0:
              0.5 * _rt.safe_log(dfn * (x - loc) / (dfd * scale + dfn * (x - loc)))
              + dfd * (scale - x + loc) / (2.0 * (dfd * scale + dfn * (x - loc)))
              - 0.5 * (sps.digamma(0.5 * dfn) - sps.digamma(0.5 * (dfn + dfd))),
          lambda x, dfn, dfd, loc=0.0, scale=1.0:  # (log1p's argument >= 0 off the support too)
              dfn * (x - loc - scale) / (2.0 * (dfd * scale + dfn * (x - loc)))
              - 0.5 * np.log1p(np.maximum(dfn * (x - loc) / (dfd * scale), 0.0))
              - 0.5 * (sps.digamma(0.5 * dfd) - sps.digamma(0.5 * (dfn + dfd))),
          support=lambda x, loc: x > loc)
distribution_functions(sst.f, lower=lambda x, loc: x > loc)
# chi(df): (df - 1) log(z) - z^2 / 2 - (df / 2 - 1) log(2) - gammaln(df / 2) - log(scale)
densities(sst.chi,
          lambda x, df, loc=0.0, scale=1.0: (df - 1.0) / (x - loc) - (x - loc) / (scale * scale),
          lambda x, df, loc=0.0, scale=1.0:
              _rt.safe_log((x - loc) / scale) - HALF_LOG_2 - 0.5 * sps.digamma(0.5 * df),
          support=lambda x, loc: x > loc)
distribution_functions(sst.chi, lower=lambda x, loc: x > loc)
