"""``scipy.stats.skewnorm`` (shape ``a``): ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``a``,
``loc`` and ``scale`` (imported with ``scipy_stats``; keyed by the methods of the distribution
object, as ``norm``'s).  With ``z = (x - loc) / scale`` and ``h(t) = phi(t) / ndtr(t)`` (written
with ``log_ndtr``: no underflow), the log-density ``log(2) + log(phi(z)) + log_ndtr(a z) -
log(scale)`` has slope ``s = a h(a z) - z`` in ``z`` (partials ``s / scale``, ``-s / scale``, ``-(1 +
z s) / scale``) and ``z h(a z)`` in ``a``; the distribution function ``ndtr(z) - 2 T(z, a)``
(Owen's T) has the density's partials in ``x``, ``loc`` and ``scale``, and ``-exp(-z^2 (1 + a^2) /
2) / (pi (1 + a^2))`` in ``a``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..distributions import densities, distribution_functions

LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)

# the Mills ratio h(a z), spelled out in each partial (a partial is one expression)
densities(sst.skewnorm,
          lambda x, a, loc=0.0, scale=1.0: (a * np.exp(-0.5 * (a * (x - loc) / scale) ** 2 - LOG_SQRT_2PI
                                                        - sps.log_ndtr(a * (x - loc) / scale))
                                             - (x - loc) / scale) / scale,
          lambda x, a, loc=0.0, scale=1.0: (x - loc) / scale * np.exp(
              -0.5 * (a * (x - loc) / scale) ** 2 - LOG_SQRT_2PI - sps.log_ndtr(a * (x - loc) / scale)))
distribution_functions(sst.skewnorm, shapes={"a": (
    lambda y, x, a, loc=0.0, scale=1.0:
        -np.exp(-0.5 * ((x - loc) / scale) ** 2 * (1.0 + a * a)) / (np.pi * (1.0 + a * a)),
    lambda y, x, a, loc=0.0, scale=1.0:
        np.exp(-0.5 * ((x - loc) / scale) ** 2 * (1.0 + a * a)) / (np.pi * (1.0 + a * a)),
    lambda y, x, a, loc=0.0, scale=1.0:
        -np.exp(-0.5 * ((x - loc) / scale) ** 2 * (1.0 + a * a) - y) / (np.pi * (1.0 + a * a)),
    lambda y, x, a, loc=0.0, scale=1.0:
        np.exp(-0.5 * ((x - loc) / scale) ** 2 * (1.0 + a * a) - y) / (np.pi * (1.0 + a * a)))})
