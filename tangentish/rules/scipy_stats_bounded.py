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
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(np.where(
                x - loc <= b * scale,
                -np.exp(sst.truncnorm.logsf(x, a, b, loc, scale) - y) * sst.truncnorm.pdf(a, a, b), 0.0),
                x - loc >= a * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                np.where(x - loc <= b * scale, -sst.truncnorm.pdf(b, a, b), 0.0), x - loc >= a * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y))
elementwise(sst.truncnorm.logsf,
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.where(
                x - loc > a * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                np.where(x - loc >= a * scale, sst.truncnorm.pdf(a, a, b), 0.0), x - loc <= b * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(np.where(
                x - loc >= a * scale,
                np.exp(sst.truncnorm.logcdf(x, a, b, loc, scale) - y) * sst.truncnorm.pdf(b, a, b), 0.0),
                x - loc <= b * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                x - loc > a * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: (x - loc) / scale * np.where(
                x - loc > a * scale, np.exp(sst.truncnorm.logpdf(x, a, b, loc, scale) - y), 0.0))

# loguniform (reciprocal), on a <= z <= b: -log(x - loc) - log(log(b / a))
elementwise((sst.loguniform.logpdf, sst.reciprocal.logpdf),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                _rt.nan_outside(1.0 / (loc - x), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                1.0 / (a * np.log(b / a)), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                -1.0 / (b * np.log(b / a)), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                _rt.nan_outside(1.0 / (x - loc), (x - loc >= a * scale) & (x - loc <= b * scale)),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                _rt.nan_outside(0.0 * x, (x - loc >= a * scale) & (x - loc <= b * scale)))
elementwise((sst.loguniform.pdf, sst.reciprocal.pdf),
            lambda y, x, a, b, loc=0.0, scale=1.0: y / (loc - x),
            lambda y, x, a, b, loc=0.0, scale=1.0: y / (a * np.log(b / a)),
            lambda y, x, a, b, loc=0.0, scale=1.0: -y / (b * np.log(b / a)),
            lambda y, x, a, b, loc=0.0, scale=1.0: y / (x - loc),
            lambda y, x, a, b, loc=0.0, scale=1.0: 0.0 * y)
elementwise((sst.loguniform.cdf, sst.reciprocal.cdf),
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.loguniform.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), (y - 1.0) / (a * np.log(b / a)), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), -y / (b * np.log(b / a)), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.loguniform.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * sst.loguniform.pdf(x, a, b, loc, scale))
elementwise((sst.loguniform.sf, sst.reciprocal.sf),
            lambda y, x, a, b, loc=0.0, scale=1.0: -sst.loguniform.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), y / (a * np.log(b / a)), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                (x - loc >= a * scale) & (x - loc <= b * scale), (1.0 - y) / (b * np.log(b / a)), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: sst.loguniform.pdf(x, a, b, loc, scale),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (x - loc) / scale * sst.loguniform.pdf(x, a, b, loc, scale))
elementwise((sst.loguniform.logcdf, sst.reciprocal.logcdf),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(np.where(
                x - loc <= b * scale,
                -np.exp(sst.loguniform.logsf(x, a, b, loc, scale) - y) * 1.0 / (a * np.log(b / a)), 0.0),
                x - loc >= a * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                np.where(x - loc <= b * scale, -1.0 / (b * np.log(b / a)), 0.0), x - loc >= a * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y),
            lambda y, x, a, b, loc=0.0, scale=1.0:
                (loc - x) / scale * np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y))
elementwise((sst.loguniform.logsf, sst.reciprocal.logsf),
            lambda y, x, a, b, loc=0.0, scale=1.0: -np.where(
                x - loc > a * scale, np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(
                np.where(x - loc >= a * scale, 1.0 / (a * np.log(b / a)), 0.0), x - loc <= b * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: _rt.nan_outside(np.where(
                x - loc >= a * scale,
                np.exp(sst.loguniform.logcdf(x, a, b, loc, scale) - y) * 1.0 / (b * np.log(b / a)), 0.0),
                x - loc <= b * scale),
            lambda y, x, a, b, loc=0.0, scale=1.0: np.where(
                x - loc > a * scale, np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y), 0.0),
            lambda y, x, a, b, loc=0.0, scale=1.0: (x - loc) / scale * np.where(
                x - loc > a * scale, np.exp(sst.loguniform.logpdf(x, a, b, loc, scale) - y), 0.0))
