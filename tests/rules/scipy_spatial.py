"""Rule-table rows of ``scipy.spatial.distance`` (collected only when SciPy is installed):
``cdist`` and ``pdist`` in every metric they are lowered for (``tangentish/passes/distances.py``),
``cdist`` of a set with itself (zero distances on the diagonal), and ``squareform`` both ways
(``tangentish/rules/scipy_spatial.py``)."""

from __future__ import annotations

import numpy as np
import scipy.spatial.distance as spd
from scipy.spatial.distance import cdist, pdist, squareform

from .common import W3, W4, W6, W34, Row

W45 = np.outer(W4, np.r_[W3, 0.5, -1.0])
W44 = W34.T @ W34


def sd_cdist_metrics(a, b):
    return (np.sum(cdist(a, b) * W45) + np.sum(spd.cdist(a, b, "sqeuclidean") ** 2)
            + np.sum(cdist(a, b, metric="cityblock") * W45) + np.sum(cdist(a, b, "chebyshev"))
            + np.sum(cdist(a, b, "minkowski", p=3) * W45) + np.sum(cdist(a, b, "minkowski")))


def sd_cdist_itself(a):  # (a kernel matrix: the distances on its diagonal are 0)
    return np.sum(np.exp(-cdist(a, a)) * W44)


def sd_pdist_squareform(a):
    d = pdist(a)
    return (np.sum(d * W6) + np.sum(np.exp(-pdist(a, "sqeuclidean"))) + np.sum(pdist(a, "cityblock"))
            + np.sum(squareform(d) * W44)
            + np.sum(squareform(np.outer(a[:, 0], a[:, 1]) + np.outer(a[:, 1], a[:, 0]),
                                checks=False) * W6))


ROWS: list[Row] = [
    Row(sd_cdist_metrics, ((4, 3), (5, 3)), wrt=(0, 1)),
    Row(sd_cdist_itself, ((4, 2),)),
    Row(sd_pdist_squareform, ((4, 2),)),
]
