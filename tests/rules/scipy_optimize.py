"""Rule-table rows of ``tangentish/rules/scipy_optimize.py`` (collected only when SciPy is
installed): ``rosen`` of a vector and of the columns of a matrix (whose second derivative is
refused: SciPy's ``rosen_hess`` takes a vector), and ``rosen_der`` (whose second derivative,
``rosen_hess``'s, is refused)."""

from __future__ import annotations

import numpy as np
import scipy.optimize as so

from .common import W3, W4, Row


def so_rosen(x):
    return so.rosen(x * 0.5) + so.rosen(x[::-1])


def so_rosen_columns(x):
    return np.sum(so.rosen(x) * W3)


def so_rosen_der(x):
    return np.sum(so.rosen_der(x) * W4)


ROWS: list[Row] = [
    Row(so_rosen, ((4,),)),
    Row(so_rosen_columns, ((4, 3),), refuses_second_order="rosen_der of a 2-d array"),
    Row(so_rosen_der, ((4,),), refuses_second_order="rosen_hess"),
]
