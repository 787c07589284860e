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

from ..distributions import densities, distribution_functions

SQRT_2PI = math.sqrt(2.0 * math.pi)

# beta, on loc < x < loc + scale: (a - 1) log z + (b - 1) log(1 - z) - betaln(a, b) - log(scale)
densities(sst.beta,
          lambda x, a, b, loc=0.0, scale=1.0: (a - 1.0) / (x - loc) - (b - 1.0) / (loc + scale - x),
          lambda x, a, b, loc=0.0, scale=1.0:
              _rt.safe_log((x - loc) / scale) - sps.digamma(a) + sps.digamma(a + b),
          lambda x, a, b, loc=0.0, scale=1.0:
              _rt.safe_log1p((loc - x) / scale) - sps.digamma(b) + sps.digamma(a + b),
          support=lambda x, loc, scale: (x > loc) & (x < loc + scale))
distribution_functions(sst.beta, lower=lambda x, loc: x > loc,
                       upper=lambda x, loc, scale: x < loc + scale)

# lognorm, on x > loc, with u = log z: -u^2 / (2 s^2) - u - log(s) - log(scale) - log(sqrt(2 pi))
densities(sst.lognorm,
          lambda x, s, loc=0.0, scale=1.0: -(1.0 + _rt.safe_log((x - loc) / scale) / s ** 2) / (x - loc),
          lambda x, s, loc=0.0, scale=1.0: ((_rt.safe_log((x - loc) / scale) / s) ** 2 - 1.0) / s,
          support=lambda x, loc: x > loc)
# (its distribution functions are ndtr(+-u / s): in s, the normal density at u / s times -+u / s^2,
# over the probability for the logarithms)
distribution_functions(sst.lognorm, lower=lambda x, loc: x > loc, shapes={"s": (
    lambda y, x, s, loc=0.0, scale=1.0: -np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2)
        * _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2),
    lambda y, x, s, loc=0.0, scale=1.0: np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2)
        * _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2),
    lambda y, x, s, loc=0.0, scale=1.0: -np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2 - y)
        * _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2),
    lambda y, x, s, loc=0.0, scale=1.0: np.exp(-0.5 * (_rt.safe_log((x - loc) / scale) / s) ** 2 - y)
        * _rt.safe_log((x - loc) / scale) / (SQRT_2PI * s ** 2))})
