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

from ..extend import elementwise

elementwise(sst.vonmises.logpdf,
            lambda y, x, kappa, loc=0.0, scale=1.0: -kappa * np.sin((x - loc) / scale) / scale,
            lambda y, x, kappa, loc=0.0, scale=1.0:
                np.cos((x - loc) / scale) - sps.i1e(kappa) / sps.i0e(kappa),
            lambda y, x, kappa, loc=0.0, scale=1.0: kappa * np.sin((x - loc) / scale) / scale,
            lambda y, x, kappa, loc=0.0, scale=1.0:
                (kappa * (x - loc) / scale * np.sin((x - loc) / scale) - 1.0) / scale)
elementwise(sst.vonmises.pdf,
            lambda y, x, kappa, loc=0.0, scale=1.0: -y * kappa * np.sin((x - loc) / scale) / scale,
            lambda y, x, kappa, loc=0.0, scale=1.0:
                y * (np.cos((x - loc) / scale) - sps.i1e(kappa) / sps.i0e(kappa)),
            lambda y, x, kappa, loc=0.0, scale=1.0: y * kappa * np.sin((x - loc) / scale) / scale,
            lambda y, x, kappa, loc=0.0, scale=1.0:
                y * (kappa * (x - loc) / scale * np.sin((x - loc) / scale) - 1.0) / scale)
elementwise(sst.vonmises.cdf,
            lambda y, x, kappa, loc=0.0, scale=1.0: sst.vonmises.pdf(x, kappa, loc, scale),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                _rt.no_derivative(kappa, "scipy.stats.vonmises.cdf in its kappa"),
            lambda y, x, kappa, loc=0.0, scale=1.0: -sst.vonmises.pdf(x, kappa, loc, scale),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                (loc - x) / scale * sst.vonmises.pdf(x, kappa, loc, scale))
elementwise(sst.vonmises.sf,
            lambda y, x, kappa, loc=0.0, scale=1.0: -sst.vonmises.pdf(x, kappa, loc, scale),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                _rt.no_derivative(kappa, "scipy.stats.vonmises.sf in its kappa"),
            lambda y, x, kappa, loc=0.0, scale=1.0: sst.vonmises.pdf(x, kappa, loc, scale),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                (x - loc) / scale * sst.vonmises.pdf(x, kappa, loc, scale))
elementwise(sst.vonmises.logcdf,
            lambda y, x, kappa, loc=0.0, scale=1.0: np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                _rt.no_derivative(kappa, "scipy.stats.vonmises.logcdf in its kappa"),
            lambda y, x, kappa, loc=0.0, scale=1.0: -np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y))
elementwise(sst.vonmises.logsf,
            lambda y, x, kappa, loc=0.0, scale=1.0: -np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                _rt.no_derivative(kappa, "scipy.stats.vonmises.logsf in its kappa"),
            lambda y, x, kappa, loc=0.0, scale=1.0: np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y),
            lambda y, x, kappa, loc=0.0, scale=1.0:
                (x - loc) / scale * np.exp(sst.vonmises.logpdf(x, kappa, loc, scale) - y))
