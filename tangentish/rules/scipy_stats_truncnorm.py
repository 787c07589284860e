"""``scipy.stats.truncnorm`` (the standard normal cut to ``a <= z <= b``, ``z = (x - loc) /
scale``): ``logpdf pdf cdf sf logcdf logsf`` in ``x``, ``a``, ``b``, ``loc`` and ``scale``
(imported with ``scipy_stats``; keyed by the methods of the distribution object, as ``norm``'s).
With ``D = ndtr(b) - ndtr(a)`` the mass kept, ``phi(a) / D`` is the standard truncated density at
its own edge, ``truncnorm.pdf(a, a, b)`` (likewise at ``b``): written so, each partial is as
accurate in the tails as SciPy's own density, and has rules itself.  The log-density
``-z^2 / 2 - log(sqrt(2 pi) D scale)`` has partials ``-z / scale``, ``phi(a) / D``, ``-phi(b) / D``,
``z / scale``, ``(z^2 - 1) / scale``; the distribution function ``F = (ndtr(z) - ndtr(a)) / D``
has ``-(1 - F) phi(a) / D`` in ``a`` and ``-F phi(b) / D`` in ``b``, 0 off ``[a, b]`` (where it is
constant); the conventions of ``scipy_stats_shapes`` outside the support.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.stats as sst

from ..extend import elementwise

elementwise(sst.truncnorm.logpdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                (loc - x) / (scale * scale), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                sst.truncnorm.pdf(a, a, b), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                -sst.truncnorm.pdf(b, a, b), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                (x - loc) / (scale * scale), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                (((x - loc) / scale) ** 2 - 1.0) / scale, (x - loc >= a * scale) & (x - loc <= b * scale)))
elementwise(sst.truncnorm.pdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (loc - x) / (scale * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * sst.truncnorm.pdf(a, a, b),
            lambda y, x, a, b, loc=0.0, scale=1.0: -y * sst.truncnorm.pdf(b, a, b),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (x - loc) / (scale * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: y * (((x - loc) / scale) ** 2 - 1.0) / scale)
elementwise(sst.truncnorm.cdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.truncnorm.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale),
                (y - 1.0) * sst.truncnorm.pdf(a, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), -y * sst.truncnorm.pdf(b, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.truncnorm.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * sst.truncnorm.pdf(x, a, b, loc, scale))
elementwise(sst.truncnorm.sf,
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.truncnorm.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), y * sst.truncnorm.pdf(a, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale),
                (1.0 - y) * sst.truncnorm.pdf(b, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.truncnorm.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (x - loc) / scale * sst.truncnorm.pdf(x, a, b, loc, scale))
elementwise(sst.truncnorm.logcdf,
            lambda y, x, a, b, loc=0.0, scale=1.0: np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale),
                -np.exp(sst.truncnorm.logsf(x, a, b, loc, scale) - y) * sst.truncnorm.pdf(a, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), -sst.truncnorm.pdf(b, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y))
elementwise(sst.truncnorm.logsf,
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.where(
                x - loc < b * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), sst.truncnorm.pdf(a, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale),
                np.exp(sst.truncnorm.logcdf(x, a, b, loc, scale) - y) * sst.truncnorm.pdf(b, a, b), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                x - loc < b * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: (x - loc) / scale * np.where(
                x - loc < b * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0))
