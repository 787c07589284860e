"""``scipy.stats``' extreme-value, radial and half families: ``gumbel_r``, ``gumbel_l`` (on the
whole line), ``rayleigh``, ``maxwell``, ``levy`` (on ``x > loc``), ``halfcauchy``,
``halflogistic`` (on ``x >= loc``) and ``pareto`` (shape ``b``, on ``x >= loc + scale``), each
``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``loc``, ``scale`` and the shape (imported with
``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s), two rows each
(:mod:`tangentish.distributions`): the log-density's partial in ``x`` (and in the shape) with the
support, and where the log-survival is constant; the conventions of ``scipy_stats_shapes``
outside the support (NaN partials of the log-density, 0 where the function is constant).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..distributions import densities, distribution_functions

# gumbel_r: -z - exp(-z) - log(scale)
densities(sst.gumbel_r, lambda x, loc=0.0, scale=1.0: np.expm1((loc - x) / scale) / scale)
distribution_functions(sst.gumbel_r)
# gumbel_l: z - exp(z) - log(scale)
densities(sst.gumbel_l, lambda x, loc=0.0, scale=1.0: -np.expm1((x - loc) / scale) / scale)
distribution_functions(sst.gumbel_l)
# rayleigh, on x > loc: log(z) - z^2 / 2 - log(scale)
densities(sst.rayleigh, lambda x, loc=0.0, scale=1.0: 1.0 / (x - loc) - (x - loc) / (scale * scale),
          support=lambda x, loc: x > loc)
distribution_functions(sst.rayleigh, lower=lambda x, loc: x > loc)
# maxwell, on x > loc: log(sqrt(2 / pi)) + 2 log(z) - z^2 / 2 - log(scale)
densities(sst.maxwell, lambda x, loc=0.0, scale=1.0: 2.0 / (x - loc) - (x - loc) / (scale * scale),
          support=lambda x, loc: x > loc)
distribution_functions(sst.maxwell, lower=lambda x, loc: x > loc)
# halfcauchy, on x >= loc: log(2 / pi) - log(1 + z^2) - log(scale) (cauchy's slope)
densities(sst.halfcauchy,
          lambda x, loc=0.0, scale=1.0: 2.0 * (loc - x) / (scale ** 2 + (x - loc) ** 2),
          support=lambda x, loc: x >= loc)
distribution_functions(sst.halfcauchy, lower=lambda x, loc: x > loc)
# halflogistic, on x >= loc: log(2) - z - 2 log1p(exp(-z)) - log(scale) (logistic's slope)
densities(sst.halflogistic, lambda x, loc=0.0, scale=1.0: -np.tanh(0.5 * (x - loc) / scale) / scale,
          support=lambda x, loc: x >= loc)
distribution_functions(sst.halflogistic, lower=lambda x, loc: x > loc)
# levy, on x > loc: -log(2 pi) / 2 - 3 log(z) / 2 - 1 / (2 z) - log(scale)
densities(sst.levy, lambda x, loc=0.0, scale=1.0: 0.5 * scale / (x - loc) ** 2 - 1.5 / (x - loc),
          support=lambda x, loc: x > loc)
distribution_functions(sst.levy, lower=lambda x, loc: x > loc)

# pareto, on x >= loc + scale: log(b) - (b + 1) log(z) - log(scale); its distribution functions
# 1 - z^-b and z^-b (in b: -+ z^-b log(z), log(z) taken as 0 off the support, where they are
# constant)
densities(sst.pareto,
          lambda x, b, loc=0.0, scale=1.0: -(b + 1.0) / (x - loc),
          lambda x, b, loc=0.0, scale=1.0: 1.0 / b - _rt.safe_log((x - loc) / scale),
          support=lambda x, loc, scale: x - loc >= scale)
distribution_functions(sst.pareto, lower=lambda x, loc, scale: x - loc >= scale,
                       survival={"b": lambda x, b, loc=0.0, scale=1.0:
                                 -np.log(np.maximum((x - loc) / scale, 1.0))})
