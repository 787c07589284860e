"""``scipy.stats``' survival families on ``x >= loc`` (``z = (x - loc) / scale >= 0``): ``lomax``
(Pareto II, shape ``c``: survival ``(1 + z)^-c``) and ``gompertz`` (shape ``c``: survival
``exp(-c expm1(z))``), ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``c``, ``loc`` and ``scale``
(imported with ``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s).
With ``s(z)`` the slope of the standard log-density (``lomax``: ``-(c + 1) / (1 + z)``,
``gompertz``: ``1 - c exp(z)``) the log-density's partials are ``s / scale``, ``-s / scale`` and
``-(1 + z s) / scale``, in ``c`` ``1 / c - log1p(z)`` and ``1 / c - expm1(z)``; the distribution
functions' are the density times ``1``, ``-1`` and ``-z`` (over the probability for the
logarithms), in ``c`` from the log-survival's slope (``-log1p(z)``, ``-expm1(z)``, 0 off the
support, where the functions are constant); the conventions of ``scipy_stats_shapes`` outside the
support.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..distributions import densities, distribution_functions

# lomax: log(c) - (c + 1) log1p(z) - log(scale)
densities(sst.lomax,
          lambda x, c, loc=0.0, scale=1.0: -(c + 1.0) / (scale + x - loc),
          lambda x, c, loc=0.0, scale=1.0: 1.0 / c - np.log1p(np.maximum((x - loc) / scale, 0.0)),
          support=lambda x, loc: x >= loc)
distribution_functions(sst.lomax, lower=lambda x, loc: x > loc,
                       survival={"c": lambda x, c, loc=0.0, scale=1.0:
                                 -np.log1p(np.maximum((x - loc) / scale, 0.0))})
# gompertz: log(c) + z - c expm1(z) - log(scale)
densities(sst.gompertz,
          lambda x, c, loc=0.0, scale=1.0: (1.0 - c * np.exp((x - loc) / scale)) / scale,
          lambda x, c, loc=0.0, scale=1.0: 1.0 / c - np.expm1(np.maximum((x - loc) / scale, 0.0)),
          support=lambda x, loc: x >= loc)
distribution_functions(sst.gompertz, lower=lambda x, loc: x > loc,
                       survival={"c": lambda x, c, loc=0.0, scale=1.0:
                                 -np.expm1(np.maximum((x - loc) / scale, 0.0))})
