"""Rule-table rows of ``tangentish/rules/numpy_covariance.py``: cov (rowvar, bias, ddof, a
second data set y, fweights, aweights, differentiated in aweights too) and corrcoef (and its y).
"""

from __future__ import annotations

import numpy as np

from .common import W33, Row

_rng = np.random.default_rng(5440)
W44 = _rng.standard_normal((4, 4))
W55 = _rng.standard_normal((5, 5))
COUNTS = np.array([1, 3, 2, 1])
AWEIGHTS = np.array([0.5, 1.0, 2.0, 0.25])


def cm_cov(m):
    return (np.sum(np.cov(m) * W33) + np.sum(np.cov(m, rowvar=False) ** 2 * W44)
            + np.cov(m[0]) + np.sum(np.cov(m, bias=True) * W33) + np.sum(np.cov(m, ddof=2) * W33))


def cm_corrcoef(m):
    return (np.sum(np.corrcoef(m) * W33) + np.sum(np.corrcoef(m, rowvar=False) * W44)
            + np.sum(np.corrcoef(m[:2] * m[1]) ** 2))


def cv_cov_y(m, y):  # y joined to m's rows (or columns, rowvar=False)
    return (np.sum(np.cov(m, y) * W55) + np.sum(np.cov(m.T, y[0], rowvar=False) * W44)
            + np.sum(np.cov(m[0], y[1]) ** 2))


def cv_corrcoef_y(m, y):
    return np.sum(np.corrcoef(m, y) * W55) + np.sum(np.corrcoef(m[0], y[1] * m[1]) ** 2)


def cv_cov_weights(m):  # constant weights: counts, reliability weights, both, ddof=
    return (np.sum(np.cov(m, fweights=COUNTS) * W33)
            + np.sum(np.cov(m, aweights=AWEIGHTS) ** 2)
            + np.sum(np.cov(m.T, rowvar=False, fweights=COUNTS, aweights=AWEIGHTS, ddof=2) * W33)
            + np.cov(m[1], aweights=AWEIGHTS, bias=True))


def cv_cov_aweights(m, a):  # differentiated in the weights themselves
    return (np.sum(np.cov(m, aweights=a) * W33) + np.sum(np.cov(m, fweights=COUNTS, aweights=a * a,
                                                                ddof=0) ** 2)
            + np.sum(np.cov(m[:2], m[2], aweights=a, bias=True) * W33) + np.cov(m[0], aweights=a))


ROWS: list[Row] = [
    Row(cm_cov, ((3, 4),)),
    Row(cm_corrcoef, ((3, 4),)),
    Row(cv_cov_y, ((3, 4), (2, 4)), wrt=(0, 1)),
    Row(cv_corrcoef_y, ((3, 4), (2, 4)), wrt=(0, 1)),
    Row(cv_cov_weights, ((3, 4),)),
    Row(cv_cov_aweights, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 2.0))),
]
