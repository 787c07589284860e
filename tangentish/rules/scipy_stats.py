"""``scipy.stats.norm``'s ``logpdf pdf cdf sf logcdf logsf ppf`` (registered only when SciPy is
installed and your code imported ``scipy.stats``), called as ``norm.logpdf(x, loc, scale)`` (by
position or keyword, ``loc`` and ``scale`` left out or not): rules keyed by the methods of the
``norm`` object itself, so a distribution without rules of its own, or a frozen ``norm(loc,
scale)``, is refused by name (the other distributions' rules: ``scipy_stats_shapes``,
``scipy_stats_beta_lognorm``, ``scipy_stats_location``, ``scipy_stats_discrete``,
``scipy_stats_more``, ``scipy_stats_extreme``, ``scipy_stats_bounded``,
``scipy_stats_circular``, ``scipy_stats_survival``, ``scipy_stats_skewnorm``,
``scipy_stats_sampling``, ``scipy_stats_generalized``, ``scipy_stats_powers``, imported here).
Each is a function of ``z = (x - loc) / scale`` (and of ``1 / scale`` for the
densities): its derivative in ``loc`` is minus that in ``x``, in ``scale`` ``-z`` times it (the
densities add their ``-1 / scale``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import math

import numpy as np
import scipy.stats as sst

from .. import runtime
from ..distributions import densities, distribution_functions
from ..extend import d, elementwise, linear, rule
from . import (  # noqa: F401  (their rules: the other distributions)
    scipy_stats_beta_lognorm,
    scipy_stats_bounded,
    scipy_stats_circular,
    scipy_stats_discrete,
    scipy_stats_extreme,
    scipy_stats_generalized,
    scipy_stats_location,
    scipy_stats_more,
    scipy_stats_powers,
    scipy_stats_sampling,
    scipy_stats_shapes,
    scipy_stats_skewnorm,
    scipy_stats_survival,
)

SQRT_2PI = math.sqrt(2.0 * math.pi)


# norm: -z^2 / 2 - log(scale) - log(sqrt(2 pi)), z = (x - loc) / scale
densities(sst.norm, lambda x, loc=0.0, scale=1.0: (loc - x) / (scale * scale))
distribution_functions(sst.norm)
elementwise(sst.norm.ppf,  # loc + scale ndtri(q)
            lambda y, q, loc=0.0, scale=1.0: SQRT_2PI * scale * np.exp(0.5 * ((y - loc) / scale) ** 2),
            lambda y, q, loc=0.0, scale=1.0: np.ones_like(y),
            lambda y, q, loc=0.0, scale=1.0: (y - loc) / scale)


# multivariate_normal.logpdf(x, mean, cov) = -(r S^-1 r + log det S + k log(2 pi)) / 2, r = x - mean
# over the last axis (points along the others), S the symmetric matrix of cov's lower triangle (as
# SciPy's eigh reads it; a number times the identity, a vector of variances the diagonal: np.size
# of the mean is how many variables, None's 1 as SciPy counts); alpha = S^-1 r.
linear(runtime.full_covariance, lambda r, cov, dim=None: _rt.fold_covariance(d[r], cov))
linear(runtime.fold_covariance, lambda r, g, cov: _rt.full_covariance(d[r], np.shape(g)[-1]))
linear(runtime.mean_or_zero, lambda r, mean: d[r])


@rule(sst.multivariate_normal.logpdf)
class MultivariateNormalLogpdf:
    def adjoint(y, x, mean=0.0, cov=1):  # (mean=None is SciPy's 0: _rt.mean_or_zero)
        s = _rt.read_matrix(_rt.full_covariance(cov, np.size(mean)), "sym", True)
        r = x - _rt.mean_or_zero(mean)
        alpha = np.swapaxes(np.linalg.solve(s, np.swapaxes(np.reshape(r, (-1, np.shape(s)[-1])),
                                                           -1, -2)), -1, -2)
        g = np.reshape(d[y], (-1, 1))
        d[x] = _rt.unbroadcast(np.reshape(-g * alpha, np.shape(r)), x)
        d[mean] = _rt.unbroadcast(np.reshape(g * alpha, np.shape(r)), mean)
        d[cov] = _rt.fold_covariance(_rt.fold_reads(0.5 * (
            np.swapaxes(alpha, -1, -2) @ (g * alpha) - np.sum(g) * np.linalg.inv(s)), "sym", True),
            cov)

    def tangent(y, x, mean=0.0, cov=1):
        s = _rt.read_matrix(_rt.full_covariance(cov, np.size(mean)), "sym", True)
        r = x - _rt.mean_or_zero(mean)
        alpha = np.swapaxes(np.linalg.solve(s, np.swapaxes(np.reshape(r, (-1, np.shape(s)[-1])),
                                                           -1, -2)), -1, -2)
        ds = _rt.read_matrix(_rt.full_covariance(d[cov], np.size(mean)), "sym", True)
        dy = -np.sum(alpha * np.reshape(d[x] - d[mean], np.shape(alpha)), axis=-1) + 0.5 * np.sum(
            alpha * (alpha @ ds), axis=-1) - 0.5 * np.trace(np.linalg.solve(s, ds))
        d[y] = np.reshape(dy, np.shape(y))  # (a sum of its own: a term whose tangent is 0 goes)
