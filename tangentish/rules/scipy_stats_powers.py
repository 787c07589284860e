"""``scipy.stats``' families of powers of ``z = (x - loc) / scale``: ``burr`` (shapes ``c``,
``d``), ``burr12`` (``c``, ``d``), ``fisk`` (``c``, the log-logistic: ``burr`` with ``d = 1``),
``powerlaw`` (``a``, on ``0 < z < 1``), ``nakagami`` (``nu``), ``rice`` (``b``) on ``x > loc``,
and ``loggamma`` (``c``) on the whole line; each ``logpdf pdf cdf sf logcdf logsf`` in ``x``,
``loc``, ``scale`` and its shapes (imported with ``scipy_stats``; keyed by the methods of the
distribution object, as ``norm``'s), the conventions of ``scipy_stats_shapes`` outside the support.

With ``L = log z`` (``_rt.safe_log``: 0 off the support, where the density and the distribution
functions are constant) and ``z`` written ``max(x - loc, 0) / scale`` inside powers, every partial
is finite off the support (the density's are multiplied by its 0 there):

- burr: ``log f = log(c d) - (c + 1) L - (d + 1) log1p(z^-c)``, ``log F = -d log1p(z^-c)``, with
  ``log1p(z^-c) = log1p(z^c) - c L``; its slopes in ``c`` and ``d`` of ``log F`` are ``d L / (1 +
  z^c)`` and ``-log1p(z^-c)``.
- burr12: ``log f = log(c d) + (c - 1) L - (d + 1) log1p(z^c)``, ``log S = -d log1p(z^c)``, with
  ``v = z^c / (1 + z^c)`` slopes ``-d v L`` and ``-log1p(z^c)``.
- powerlaw: ``log f = log(a) + (a - 1) L``, ``log F = a L`` (its slope in ``a`` ``log(min(z, 1))``).
- nakagami: ``log f = log 2 + nu log nu - gammaln(nu) + (2 nu - 1) L - nu z^2``; rice: ``log f = L
  - (z^2 + b^2) / 2 + log(i0e(z b)) + z b``; loggamma: ``log f = c z - exp(z) - gammaln(c)``.  Their
  distribution functions (the incomplete gamma function and Marcum's Q in their shapes) are refused
  in the shape.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.special as sps
import scipy.stats as sst

from ..distributions import densities, distribution_functions

densities(sst.burr,
          lambda x, c, d, loc=0.0, scale=1.0:
              (c * (d + 1.0) / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c) - c - 1.0) / (x - loc),
          lambda x, c, d, loc=0.0, scale=1.0: 1.0 / c + _rt.safe_log((x - loc) / scale) * (
              (d + 1.0) / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c) - 1.0),
          lambda x, c, d, loc=0.0, scale=1.0: 1.0 / d - np.log1p(
              (np.maximum(x - loc, 0.0) / scale) ** c) + c * _rt.safe_log((x - loc) / scale),
          support=lambda x, loc: x > loc)
distribution_functions(
    sst.burr, lower=lambda x, loc: x > loc,
    probability={"c": lambda x, c, d, loc=0.0, scale=1.0: d * _rt.safe_log((x - loc) / scale)
                 / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c),
                 "d": lambda x, c, d, loc=0.0, scale=1.0: c * _rt.safe_log((x - loc) / scale)
                 - np.log1p((np.maximum(x - loc, 0.0) / scale) ** c)})

densities(sst.burr12,
          lambda x, c, d, loc=0.0, scale=1.0: (c - 1.0 - c * (d + 1.0) * (
              np.maximum(x - loc, 0.0) / scale) ** c / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c))
          / (x - loc),
          lambda x, c, d, loc=0.0, scale=1.0: 1.0 / c + _rt.safe_log((x - loc) / scale) * (
              1.0 - (d + 1.0) * (np.maximum(x - loc, 0.0) / scale) ** c
              / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c)),
          lambda x, c, d, loc=0.0, scale=1.0: 1.0 / d - np.log1p((np.maximum(x - loc, 0.0) / scale) ** c),
          support=lambda x, loc: x > loc)
distribution_functions(
    sst.burr12, lower=lambda x, loc: x > loc,
    survival={"c": lambda x, c, d, loc=0.0, scale=1.0: -d * _rt.safe_log((x - loc) / scale)
              * (np.maximum(x - loc, 0.0) / scale) ** c / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c),
              "d": lambda x, c, d, loc=0.0, scale=1.0: -np.log1p((np.maximum(x - loc, 0.0) / scale) ** c)})

# fisk: burr's with d = 1
densities(sst.fisk,
          lambda x, c, loc=0.0, scale=1.0:
              (2.0 * c / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c) - c - 1.0) / (x - loc),
          lambda x, c, loc=0.0, scale=1.0: 1.0 / c + _rt.safe_log((x - loc) / scale) * (
              2.0 / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c) - 1.0),
          support=lambda x, loc: x > loc)
distribution_functions(
    sst.fisk, lower=lambda x, loc: x > loc,
    probability={"c": lambda x, c, loc=0.0, scale=1.0: _rt.safe_log((x - loc) / scale)
                 / (1.0 + (np.maximum(x - loc, 0.0) / scale) ** c)})

densities(sst.powerlaw,
          lambda x, a, loc=0.0, scale=1.0: (a - 1.0) / (x - loc),
          lambda x, a, loc=0.0, scale=1.0: 1.0 / a + _rt.safe_log((x - loc) / scale),
          support=lambda x, loc, scale: (x > loc) & (x - loc < scale))
distribution_functions(
    sst.powerlaw, lower=lambda x, loc: x > loc, upper=lambda x, loc, scale: x - loc < scale,
    probability={"a": lambda x, a, loc=0.0, scale=1.0:
                 _rt.safe_log(np.minimum((x - loc) / scale, 1.0))})

densities(sst.nakagami,
          lambda x, nu, loc=0.0, scale=1.0: (2.0 * nu - 1.0) / (x - loc) - 2.0 * nu * (x - loc) / scale ** 2,
          lambda x, nu, loc=0.0, scale=1.0: np.log(nu) + 1.0 - sps.digamma(nu)
              + 2.0 * _rt.safe_log((x - loc) / scale) - (np.maximum(x - loc, 0.0) / scale) ** 2,
          support=lambda x, loc: x > loc)
distribution_functions(sst.nakagami, lower=lambda x, loc: x > loc)

densities(sst.rice,
          lambda x, b, loc=0.0, scale=1.0: 1.0 / (x - loc) - (x - loc) / scale ** 2 + b * sps.i1e(
              b * np.maximum(x - loc, 0.0) / scale) / (sps.i0e(b * np.maximum(x - loc, 0.0) / scale) * scale),
          lambda x, b, loc=0.0, scale=1.0: np.maximum(x - loc, 0.0) / scale * sps.i1e(
              b * np.maximum(x - loc, 0.0) / scale) / sps.i0e(b * np.maximum(x - loc, 0.0) / scale) - b,
          support=lambda x, loc: x > loc)
distribution_functions(sst.rice, lower=lambda x, loc: x > loc)

densities(sst.loggamma,
          lambda x, c, loc=0.0, scale=1.0: (c - np.exp((x - loc) / scale)) / scale,
          lambda x, c, loc=0.0, scale=1.0: (x - loc) / scale - sps.digamma(c))
distribution_functions(sst.loggamma)
