"""Rule-table rows of ``tangentish/rules/numpy_series.py``: the ``numpy.polynomial`` series
``polyval chebval legval hermval hermeval lagval`` in the points and the coefficients (1-D and
2-D coefficients, ``tensor`` true and false, a scalar point), ``<kind>der`` with ``m``,
``scl`` and ``axis``, and ``<kind>vander`` in its points (1-D, 2-D, a number, degree 0).
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import chebyshev, hermite, hermite_e, laguerre, legendre, polynomial

from .common import W3, W4, W33, W34, Row

_rng = np.random.default_rng(1608)
W35 = _rng.standard_normal((3, 5))


def se_polyval(x, c):
    return np.sum(polynomial.polyval(x, c) * W34) + polynomial.polyval(0.3, c)


def se_chebval(x, c):
    return np.sum(chebyshev.chebval(x, c) * W34) + np.sum(chebyshev.chebval(x[0], c) ** 2)


def se_legval(x, c):
    return np.sum(legendre.legval(x, c) * W4)


def se_hermval(x, c):
    return np.sum(hermite.hermval(x, c) * W4)


def se_hermeval(x, c):
    return np.sum(hermite_e.hermeval(x, c) * W4)


def se_lagval(x, c):
    return np.sum(laguerre.lagval(x, c) * W4)


def se_chebval_columns(x, c):  # c of shape (4, 3): three series, each at every point
    return np.sum(chebyshev.chebval(x, c) * W35)


def se_chebval_untensored(x, c):  # c of shape (4, 3) broadcast against x of shape (3,)
    return np.sum(chebyshev.chebval(x, c, tensor=False) * W3)


def se_der(c):
    return (np.sum(chebyshev.chebder(c) * W3) + np.sum(polynomial.polyder(c, 2, scl=0.5) * W3[:2])
            + np.sum(legendre.legder(c) ** 2) + np.sum(hermite.hermder(c) * W3)
            + np.sum(hermite_e.hermeder(c) * W3) + np.sum(laguerre.lagder(c) * W3))


def se_der_axis(c):  # c of shape (3, 4): the derivative along its rows
    return np.sum(chebyshev.chebder(c, axis=1) * W33)


def se_vanders(x):  # x of shape (2, 3): each kind's pseudo-Vandermonde matrix, a number, degree 0
    return (np.sum(polynomial.polyvander(x, 2) * W3) + np.sum(chebyshev.chebvander(x[0, 0], 2) ** 2)
            + np.sum(np.sin(legendre.legvander(x, 2)) * W3) + np.sum(hermite.hermvander(x[1], 1))
            + np.sum(hermite_e.hermevander(x, 1) ** 3) + np.sum(laguerre.lagvander(x, 0)))


ROWS: list[Row] = [
    Row(se_polyval, ((3, 4), (4,)), wrt=(0, 1)),
    Row(se_chebval, ((3, 4), (4,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_legval, ((4,), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_hermval, ((4,), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_hermeval, ((4,), (4,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_lagval, ((4,), (3,)), wrt=(0, 1), domain=(0.0, 2.0)),
    Row(se_chebval_columns, ((5,), (4, 3)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_chebval_untensored, ((3,), (4, 3)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(se_der, ((4,),)),
    Row(se_der_axis, ((3, 4),)),
    Row(se_vanders, ((2, 3),), domain=(-1.0, 1.0)),
]
