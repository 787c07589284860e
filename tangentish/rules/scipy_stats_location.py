"""``scipy.stats``' location-scale families without shape parameters: ``expon``, ``laplace``,
``cauchy``, ``logistic``, ``uniform``, each ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``loc``
and ``scale`` (imported with ``scipy_stats``; the conventions of ``scipy_stats_shapes`` outside the
support: ``expon``'s is x >= loc, ``uniform``'s loc <= x <= loc + scale, edges included, where the
log-density is finite and has a derivative from inside).  ``laplace`` at ``x = loc``
and ``uniform``'s density at its edges, where they have no derivative, take the one between
(``sign(0) = 0``) and 0, as ``np.abs`` and the project's piecewise-constant functions do.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..distributions import densities, distribution_functions

# expon, on x >= loc: -z - log(scale)
densities(sst.expon, lambda x, loc=0.0, scale=1.0: -1.0 / scale, support=lambda x, loc: x >= loc)
distribution_functions(sst.expon, lower=lambda x, loc: x > loc)
# laplace: -|z| - log(2 scale)
densities(sst.laplace, lambda x, loc=0.0, scale=1.0: -np.sign(x - loc) / scale)
distribution_functions(sst.laplace)
# cauchy: -log(pi scale (1 + z^2))
densities(sst.cauchy, lambda x, loc=0.0, scale=1.0: 2.0 * (loc - x) / (scale ** 2 + (x - loc) ** 2))
distribution_functions(sst.cauchy)
# logistic: -z - 2 log1p(exp(-z)) - log(scale), whose slope in z is -tanh(z / 2)
densities(sst.logistic, lambda x, loc=0.0, scale=1.0: -np.tanh(0.5 * (x - loc) / scale) / scale)
distribution_functions(sst.logistic)
# uniform, on loc <= x <= loc + scale: -log(scale)
densities(sst.uniform, lambda x, loc=0.0, scale=1.0: 0.0,
          support=lambda x, loc, scale: (x >= loc) & (x <= loc + scale))
distribution_functions(sst.uniform, lower=lambda x, loc: x > loc,
                       upper=lambda x, loc, scale: x < loc + scale)
