"""Rule-table rows of ``tangentish/rules/scipy_stats.py`` (collected only when SciPy is installed):
``scipy.stats.norm``'s methods with ``loc`` and ``scale`` by position, by keyword and left out;
``multivariate_normal.logpdf`` over points and one point, of a covariance that is not symmetric (its
lower triangle read)."""

from __future__ import annotations

import numpy as np
from scipy.stats import multivariate_normal, norm

import tangentish.runtime as rt

from .common import W3, W4, W33, W34, Row


def st_norm_densities(x, loc, scale):
    return (np.sum(norm.logpdf(x, loc, scale) * W34) + np.sum(norm.pdf(x, loc, scale) ** 2)
            + np.sum(norm.logpdf(x, scale=scale)) + np.sum(norm.pdf(x, loc=loc) * W34)
            + np.sum(norm.logpdf(x)))


def st_norm_distribution(x, loc, scale):
    return (np.sum(norm.cdf(x, loc, scale) * W34) + np.sum(norm.sf(x, loc, scale) ** 2)
            + np.sum(norm.logcdf(x, loc, scale=scale) * W34) + np.sum(norm.logsf(x, loc, scale))
            + np.sum(norm.cdf(x) * W34) + np.sum(norm.logsf(x, scale=scale)))


def st_norm_ppf(q, loc, scale):
    return np.sum(norm.ppf(q, loc, scale) * W34) + np.sum(norm.ppf(q) ** 2) + np.sum(
        norm.ppf(q, loc=loc) * W34)


def st_multivariate_normal(x, mean, c):
    cov = c + 3.0 * np.eye(3)
    return (np.sum(multivariate_normal.logpdf(x, mean, cov) * W4)
            + multivariate_normal.logpdf(x[0], mean, cov=cov)
            + np.sum(multivariate_normal.logpdf(x, cov=cov) ** 2)
            + multivariate_normal.logpdf(x[1:2], mean=mean, cov=cov))


def st_multivariate_normal_no_mean(x, c):  # mean=None, SciPy's zero, by keyword or position;
    # cov a vector of variances, a number (left out: 1; without a mean, SciPy's dimension is 1)
    cov = c + 3.0 * np.eye(3)
    return (np.sum(multivariate_normal.logpdf(x, mean=None, cov=cov) * W4)
            + multivariate_normal.logpdf(x[0], None, cov)
            + np.sum(multivariate_normal.logpdf(x, x[0] * 0.5, np.diagonal(cov)) * W4)
            + multivariate_normal.logpdf(x[1], x[2], cov[0, 1] + 3.0)
            + np.sum(multivariate_normal.logpdf(x[3]) * W3))


def st_mean_or_zero(m):  # the helper of its derivative, differentiated again
    return np.sum(rt.mean_or_zero(m) * W3) + np.sum(rt.mean_or_zero(m * m) * W3)


def st_full_covariance(c):  # the helper of its derivative, differentiated again
    return (np.sum(rt.full_covariance(c) * W33) + np.sum(rt.full_covariance(c * c) * W3)
            + np.sum(rt.full_covariance(c[0], 3) * W33) + np.sum(rt.full_covariance(c[1, 0], 3) * W33)
            + np.sum(rt.fold_covariance(c * c, c[0]) * W3) + rt.fold_covariance(c, 2.0)
            + np.sum(rt.fold_covariance(c, c) * W33))


ROWS: list[Row] = [
    Row(st_norm_densities, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_norm_distribution, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_norm_ppf, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((0.1, 0.9), (-1.0, 1.0), (0.5, 2.0))),
    Row(st_multivariate_normal, ((4, 3), (3,), (3, 3)), wrt=(0, 1, 2),
        domain=((-1.0, 1.0), (-1.0, 1.0), (-0.5, 0.5))),
    Row(st_multivariate_normal_no_mean, ((4, 3), (3, 3)), wrt=(0, 1),
        domain=((-1.0, 1.0), (-0.5, 0.5))),
    Row(st_mean_or_zero, ((3,),)),
    Row(st_full_covariance, ((3, 3),)),
]
