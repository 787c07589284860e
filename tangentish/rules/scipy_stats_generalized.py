"""``scipy.stats``' generalized extreme-value families: ``genpareto`` (shape ``c``, on ``x >
loc`` with ``1 + c z > 0``) and ``genextreme`` (shape ``c``, SciPy's sign: on ``1 - c z > 0``),
each ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``c``, ``loc`` and ``scale`` (imported with
``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s), with
``z = (x - loc) / scale``.

Their shape slopes divide by ``c**2`` a difference that vanishes as ``c`` does (the families meet
the exponential and Gumbel ones at ``c = 0``); both are written with ``g(u) = (log1p(u) - u / (1
+ u)) / u**2`` (``_rt.log1p_excess``, ``g(0) = 1/2``, its own derivatives to any order), so they
hold at ``c = 0`` and near it.  ``genextreme``'s ``t = -log1p(-c z) / c`` (``z`` at ``c = 0``) is
``z / (1 - c z) - c z**2 g(-c z)`` (``_rt.gev_t``, with its partials, so differentiable again).
- genpareto: ``log f = -(1 + 1/c) log1p(c z) - log(scale)``, ``log S = -log1p(c z) / c``; the
  slopes in ``x`` ``-(c + 1) / (scale + c (x - loc))`` and in ``c`` ``z**2 g(c z) - z / (1 + c z)``
  (``log S``'s ``z**2 g(c z)``).
- genextreme: ``log f = -exp(-t) - (1 - c) t - log(scale)``, ``log F = -exp(-t)``; the slopes in
  ``x`` ``(exp(-t) - 1 + c) / (scale - c (x - loc))`` and in ``c`` ``(exp(-t) - 1 + c) z**2
  g(-c z) + t`` (``log F``'s ``exp(-t) z**2 g(-c z)``).
Outside the support (its edge included) the log-density's partials are NaN and the others 0, as
in ``scipy_stats_shapes``; ``z`` is taken as 0 there so that no slope is NaN where it is
multiplied by a density of 0.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from .. import runtime
from ..distributions import densities, distribution_functions
from ..extend import elementwise

# (``1 - c z > 0`` below: ``scale - c (x - loc) > 0``, scale being positive)

densities(sst.genpareto,
          lambda x, c, loc=0.0, scale=1.0: -(c + 1.0) / np.where(
              (x > loc) & (scale + c * (x - loc) > 0.0), scale + c * (x - loc), scale),
          lambda x, c, loc=0.0, scale=1.0: (
              np.where((x > loc) & (scale + c * (x - loc) > 0.0), (x - loc) / scale, 0.0) ** 2
              * _rt.log1p_excess(c * np.where((x > loc) & (scale + c * (x - loc) > 0.0),
                                              (x - loc) / scale, 0.0))
              - np.where((x > loc) & (scale + c * (x - loc) > 0.0), (x - loc) / scale, 0.0)
              / (1.0 + c * np.where((x > loc) & (scale + c * (x - loc) > 0.0), (x - loc) / scale,
                                    0.0))),
          support=lambda x, c, loc, scale: (x > loc) & (scale + c * (x - loc) > 0.0))
distribution_functions(
    sst.genpareto, lower=lambda x, loc: x > loc,
    upper=lambda x, c, loc, scale: scale + c * (x - loc) > 0.0,
    survival={"c": lambda x, c, loc=0.0, scale=1.0:
              np.where((x > loc) & (scale + c * (x - loc) > 0.0), (x - loc) / scale, 0.0) ** 2
              * _rt.log1p_excess(c * np.where((x > loc) & (scale + c * (x - loc) > 0.0),
                                              (x - loc) / scale, 0.0))})

densities(sst.genextreme,
          lambda x, c, loc=0.0, scale=1.0: (np.exp(-_rt.gev_t(x, c, loc, scale)) - 1.0 + c) / np.where(
              scale - c * (x - loc) > 0.0, scale - c * (x - loc), scale),
          lambda x, c, loc=0.0, scale=1.0: (np.exp(-_rt.gev_t(x, c, loc, scale)) - 1.0 + c) * np.where(
              scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0) ** 2 * _rt.log1p_excess(
              -c * np.where(scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0))
              + _rt.gev_t(x, c, loc, scale),
          support=lambda x, c, loc, scale: scale - c * (x - loc) > 0.0)
distribution_functions(
    sst.genextreme, lower=lambda x, c, loc, scale: scale - c * (x - loc) > 0.0,
    upper=lambda x, c, loc, scale: scale - c * (x - loc) > 0.0,
    probability={"c": lambda x, c, loc=0.0, scale=1.0:
                 np.exp(-_rt.gev_t(x, c, loc, scale)) * np.where(
                     scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0) ** 2
                 * _rt.log1p_excess(-c * np.where(scale - c * (x - loc) > 0.0, (x - loc) / scale,
                                                  0.0))})


# t's partials: dt/dz = 1 / (1 - c z) (over scale in x, minus that in loc, times -z in scale)
# and dt/dc = z**2 g(-c z); 0 outside the support, where t is the constant 0
elementwise(
    runtime.gev_t,
    lambda t, x, c, loc, scale: (scale - c * (x - loc) > 0.0) / np.where(
        scale - c * (x - loc) > 0.0, scale - c * (x - loc), 1.0),
    lambda t, x, c, loc, scale: np.where(scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0) ** 2
    * _rt.log1p_excess(-c * np.where(scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0)),
    lambda t, x, c, loc, scale: -((scale - c * (x - loc) > 0.0) / np.where(
        scale - c * (x - loc) > 0.0, scale - c * (x - loc), 1.0)),
    lambda t, x, c, loc, scale: -np.where(scale - c * (x - loc) > 0.0, (x - loc) / scale, 0.0)
    / np.where(scale - c * (x - loc) > 0.0, scale - c * (x - loc), 1.0))
