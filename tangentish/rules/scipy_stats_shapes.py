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

from ..distributions import densities, distribution_functions

# t: -(df + 1) / 2 log1p(z^2 / df) - log(scale) + gammaln((df + 1) / 2) - gammaln(df / 2) - log(df pi) / 2
densities(sst.t,
          lambda x, df, loc=0.0, scale=1.0: (df + 1.0) * (loc - x) / (df * scale ** 2 + (x - loc) ** 2),
          lambda x, df, loc=0.0, scale=1.0: 0.5 * (
              sps.digamma(0.5 * df + 0.5) - sps.digamma(0.5 * df) - 1.0 / df
              - np.log1p((x - loc) ** 2 / (df * scale ** 2))
              + (df + 1.0) * (x - loc) ** 2 / (df * (df * scale ** 2 + (x - loc) ** 2))))
distribution_functions(sst.t)

# gamma, on x > loc: (a - 1) log z - z - gammaln(a) - log(scale)
densities(sst.gamma,
          lambda x, a, loc=0.0, scale=1.0: (a - 1.0) / (x - loc) - 1.0 / scale,
          lambda x, a, loc=0.0, scale=1.0: _rt.safe_log((x - loc) / scale) - sps.digamma(a),
          support=lambda x, loc: x > loc)
distribution_functions(sst.gamma, lower=lambda x, loc: x > loc)

# chi2, on x > loc: (df / 2 - 1) log z - z / 2 - gammaln(df / 2) - (df / 2) log 2 - log(scale)
densities(sst.chi2,
          lambda x, df, loc=0.0, scale=1.0: (0.5 * df - 1.0) / (x - loc) - 0.5 / scale,
          lambda x, df, loc=0.0, scale=1.0:
              0.5 * (_rt.safe_log(0.5 * (x - loc) / scale) - sps.digamma(0.5 * df)),
          support=lambda x, loc: x > loc)
distribution_functions(sst.chi2, lower=lambda x, loc: x > loc)
