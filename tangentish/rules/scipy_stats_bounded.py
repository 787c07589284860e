"""``scipy.stats``' families on an interval ``a <= z <= b`` of ``z = (x - loc) / scale``:
``truncnorm`` (the standard normal cut there) and ``loguniform`` (its twin ``reciprocal``),
``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``a``, ``b``, ``loc`` and ``scale`` (imported with
``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s); the conventions
of ``scipy_stats_shapes`` outside the support, and the distribution functions' partials in ``a``
and ``b`` 0 off ``[a, b]``, where they are constant.

``truncnorm``: with ``D = ndtr(b) - ndtr(a)`` the mass kept, ``phi(a) / D`` is the standard
truncated density at its own edge, ``truncnorm.pdf(a, a, b)`` (likewise at ``b``): written so,
each partial is as accurate in the tails as SciPy's own density, and has rules itself.  The
log-density ``-z^2 / 2 - log(sqrt(2 pi) D scale)`` has partials ``-z / scale``, ``phi(a) / D``,
``-phi(b) / D``, ``z / scale``, ``(z^2 - 1) / scale``; the distribution function ``F = (ndtr(z) -
ndtr(a)) / D`` has ``-(1 - F) phi(a) / D`` in ``a`` and ``-F phi(b) / D`` in ``b``.

``loguniform``: with ``L = log(b / a)``, the log-density ``-log(x - loc) - log(L)`` (none in
``scale``) and the distribution function ``F = log(z / a) / L``, whose partials are ``(F - 1) /
(a L)`` in ``a`` and ``-F / (b L)`` in ``b``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..distributions import densities, distribution_functions

densities(sst.truncnorm,
          lambda x, a, b, loc=0.0, scale=1.0: (loc - x) / (scale * scale),
          lambda x, a, b, loc=0.0, scale=1.0: sst.truncnorm.pdf(a, a, b),
          lambda x, a, b, loc=0.0, scale=1.0: -sst.truncnorm.pdf(b, a, b),
          support=lambda x, a, b, loc, scale: (x - loc >= a * scale) & (x - loc <= b * scale))
distribution_functions(sst.truncnorm, lower=lambda x, a, loc, scale: x - loc > a * scale,
                       survival={"a": lambda x, a, b, loc=0.0, scale=1.0:
                                 np.where(x - loc >= a * scale, sst.truncnorm.pdf(a, a, b), 0.0)},
                       probability={"b": lambda x, a, b, loc=0.0, scale=1.0:
                                    np.where(x - loc <= b * scale, -sst.truncnorm.pdf(b, a, b), 0.0)})

# loguniform (reciprocal), on a <= z <= b: -log(x - loc) - log(log(b / a))
densities((sst.loguniform, sst.reciprocal),
          lambda x, a, b, loc=0.0, scale=1.0: 1.0 / (loc - x),
          lambda x, a, b, loc=0.0, scale=1.0: 1.0 / (a * np.log(b / a)),
          lambda x, a, b, loc=0.0, scale=1.0: -1.0 / (b * np.log(b / a)),
          support=lambda x, a, b, loc, scale: (x - loc >= a * scale) & (x - loc <= b * scale))
distribution_functions((sst.loguniform, sst.reciprocal),
                       lower=lambda x, a, loc, scale: x - loc > a * scale,
                       survival={"a": lambda x, a, b, loc=0.0, scale=1.0:
                                 np.where(x - loc >= a * scale, 1.0 / (a * np.log(b / a)), 0.0)},
                       probability={"b": lambda x, a, b, loc=0.0, scale=1.0:
                                    np.where(x - loc <= b * scale, -1.0 / (b * np.log(b / a)), 0.0)})
