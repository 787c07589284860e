"""``scipy.stats.vonmises`` (shape ``kappa``), the distribution of an angle: ``logpdf pdf cdf sf
logcdf logsf`` in ``x``, ``loc`` and ``scale``, the densities in ``kappa`` too (imported with
``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s).  With ``z = (x -
loc) / scale`` the log-density ``kappa cos(z) - log(2 pi I0(kappa)) - log(scale)`` has partials
``-kappa sin(z) / scale``, ``cos(z) - I1(kappa) / I0(kappa)`` (``i1e / i0e``: no overflow),
``kappa sin(z) / scale`` and ``(kappa z sin(z) - 1) / scale``; the distribution functions' are the
density times ``1``, ``-1`` and ``-z``, and are refused in ``kappa`` (a series without a closed
form).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..distributions import densities, distribution_functions

densities(sst.vonmises,
          lambda x, kappa, loc=0.0, scale=1.0: -kappa * np.sin((x - loc) / scale) / scale,
          lambda x, kappa, loc=0.0, scale=1.0: np.cos((x - loc) / scale) - sps.i1e(kappa) / sps.i0e(kappa))
distribution_functions(sst.vonmises)
