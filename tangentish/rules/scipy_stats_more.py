"""``scipy.stats.halfnorm`` and ``invgamma`` (shape ``a``): ``logpdf pdf cdf sf logcdf logsf``;
``weibull_min`` (shape ``c``) too; each in ``x``, its shape, ``loc`` and
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

from ..distributions import densities, distribution_functions

# halfnorm, on x > loc: log(sqrt(2 / pi)) - z^2 / 2 - log(scale)
densities(sst.halfnorm,
          lambda x, loc=0.0, scale=1.0: (loc - x) / (scale * scale),
          support=lambda x, loc: x > loc)
distribution_functions(sst.halfnorm, lower=lambda x, loc: x > loc)

# invgamma, on x > loc: -(a + 1) log z - 1 / z - gammaln(a) - log(scale)
densities(sst.invgamma,
          lambda x, a, loc=0.0, scale=1.0: (scale / (x - loc) - a - 1.0) / (x - loc),
          lambda x, a, loc=0.0, scale=1.0: -_rt.safe_log((x - loc) / scale) - sps.digamma(a),
          support=lambda x, loc: x > loc)
distribution_functions(sst.invgamma, lower=lambda x, loc: x > loc)

# weibull_min, on x > loc, with z^c written (max(x - loc, 0) / scale) ** c and log z safe_log's (0
# outside, where the density and the distribution functions are constant):
# log(c) + (c - 1) log z - z^c - log(scale).  Its distribution functions 1 - exp(-z^c) are
# differentiated in c too.
densities(sst.weibull_min,
          lambda x, c, loc=0.0, scale=1.0:
              (c - 1.0 - c * (np.maximum(x - loc, 0.0) / scale) ** c) / (x - loc),
          lambda x, c, loc=0.0, scale=1.0:
              1.0 / c + (1.0 - (np.maximum(x - loc, 0.0) / scale) ** c) * _rt.safe_log((x - loc) / scale),
          support=lambda x, loc: x > loc)
distribution_functions(sst.weibull_min, lower=lambda x, loc: x > loc,
                       survival={"c": lambda x, c, loc=0.0, scale=1.0:  # -z^c log(z)
                                 -(np.maximum(x - loc, 0.0) / scale) ** c
                                 * _rt.safe_log((x - loc) / scale)})
