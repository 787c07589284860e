"""Rule-table rows of ``tangentish/rules/numpy_composites.py``: trapezoid (trapz on NumPy 1.x),
ediff1d, vander, geomspace, insert, polyadd/polysub/polymul/polyint/polydiv and linalg.multi_dot.
"""

from __future__ import annotations

import numpy as np

from .common import W2, W3, W4, W5, W6, W23, W33, W34, Row

_rng = np.random.default_rng(4242)
W44 = _rng.standard_normal((4, 4))
W24 = _rng.standard_normal((2, 4))
X5 = np.array([0.0, 0.3, 0.7, 1.6, 2.0])
TRAPEZOID = getattr(np, "trapezoid", None) or np.trapz


def cm_trapezoid(y):
    return (TRAPEZOID(y[0] * y[0]) + np.sum(TRAPEZOID(y, dx=0.5, axis=0) * W5)
            + np.sum(TRAPEZOID(y, X5) * W3) + TRAPEZOID(np.sin(y[1]), x=X5))


def cm_trapezoid_dx(y, h):  # differentiated in the spacing dx too (a number, an array)
    return (TRAPEZOID(y[0] * y[0], dx=h[0]) + np.sum(TRAPEZOID(y, dx=h[1] * h[0], axis=0) * W5)
            + np.sum(TRAPEZOID(y, dx=h[:1]) * W3) + TRAPEZOID(W5, dx=float(h[1]) ** 2))


def cm_trapz(y):
    return np.trapz(y[0] * y[0]) + np.sum(np.trapz(y, X5, axis=1) * W3)


def cm_ediff1d(x):
    return np.sum(np.ediff1d(x) * W5) + np.sum(np.ediff1d(x * x) ** 2)


def cm_ediff1d_ends(x, e):  # to_begin/to_end: numbers, arrays, constants, the data's own
    return (np.sum(np.ediff1d(x, to_end=e, to_begin=x[0] * 2.0) ** 2)
            + np.sum(np.ediff1d(x[:4], to_end=[1.0, 2.0]) * W5) + np.sum(np.ediff1d(x, None, e[0]) * W6)
            + np.sum(np.ediff1d(x.reshape(2, 3), to_begin=e ** 2) ** 2))


def cm_vander(x):
    return (np.sum(np.vander(x) * W44) + np.sum(np.vander(x, 3, increasing=True) * W34.T)
            + np.sum(np.vander(x * x, N=2) ** 2))


def cm_geomspace(a, b):
    return (np.sum(np.geomspace(a, b, 5) * W5) + np.sum(np.geomspace(a, b, 4, endpoint=False) ** 2)
            + np.sum(np.geomspace(a * 2.0, b, num=3) * W3))


def cm_geomspace_arrays(a, b):
    return np.sum(np.geomspace(a, b, 3) * W23.T) + np.sum(np.geomspace(a, b, 4, axis=1) * W24)


def cm_insert(x, v):
    return (np.sum(np.insert(x, 2, v[0]) * W5) + np.sum(np.insert(x, [1, 3], v) ** 2 * W6)
            + np.sum(np.insert(x.reshape(2, 2), 1, v * v, axis=1) * W23.T.reshape(2, 3))
            + np.sum(np.insert(np.arange(4), 1, 3.0 * v) * W6))  # (cast to int: derivative 0)


def cm_insert_constant(x):
    return np.sum(np.insert(x, 1, 5.0) * W4) + np.sum(np.insert(x, 0, [1.0, 2.0]) ** 2)


def cm_polyadd_polysub(a, b):
    return (np.sum(np.polyadd(a, b) * W4) + np.sum(np.polysub(b, a * a) ** 2 * W4)
            + np.sum(np.polyadd(a, [1.0, 2.0]) * W2) + np.sum(np.polysub(a, a) ** 2))


def cm_polymul(a, b):
    return np.sum(np.polymul(a, b) * W6) + np.sum(np.polymul(a * a, [1.0, -2.0]) ** 2)


def cm_polyint(p):
    return np.sum(np.polyint(p) * W5) + np.sum(np.polyint(p * p, 2) * W6)


def cm_poly(r):  # prod_j (z - r_j): its coefficients, then evaluated (_rt.poly_drop, any order)
    return np.sum(np.poly(r) * W5) + np.polyval(np.poly(r[:2] * 2.0), 0.7)


def cm_multi_dot(a, b, c):
    return (np.sum(np.linalg.multi_dot([a, b, c]) * W33) + np.linalg.multi_dot([a[0], b, c[:, 1]])
            + np.sum(np.linalg.multi_dot((a, b)) * W23.T))


def cm_float32_kept(a, b, c):  # no float64 constants: a float32 point stays float32
    return np.sum(np.linalg.multi_dot([a, b, c]) ** 2)


def cm_polyfit(y, Y):  # c = pinv(vander(x)) y, x the constant X5
    return np.sum(np.polyfit(X5, y, 2) * W3) + np.sum(np.polyfit(X5, Y, 1) ** 2)


def cm_polyfit_weights(y, Y):  # rows (and y) times the weights w: c = pinv(w V) (w y)
    return (np.sum(np.polyfit(X5, y, 2, w=W5 ** 2 + 0.5) * W3)
            + np.sum(np.polyfit(X5, Y, 1, None, False, X5 + 1.0) ** 2))


def cm_polydiv(u, v):  # (v's leading coefficient kept away from 0 by the domain)
    q, r = np.polydiv(u, v)  # (r[-2:]: in float32, NumPy keeps rounding errors before it)
    q_short, r_short = np.polydiv(v, u)  # (a shorter dividend: q is [0.], r is v)
    q_number, _ = np.polydiv(u, v[0])
    return (np.sum(np.sin(q) * W3) + np.sum(r[-2:] ** 2 * W2) + np.sum(q_short) + np.sum(r_short * W3)
            + np.sum(q_number ** 2 * W5))


ROWS: list[Row] = [
    Row(cm_trapezoid, ((3, 5),)),
    Row(cm_trapezoid_dx, ((3, 5), (2,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 1.5))),
    Row(cm_ediff1d, ((6,),)),
    Row(cm_ediff1d_ends, ((6,), (2,)), wrt=(0, 1)),
    Row(cm_vander, ((4,),)),
    Row(cm_geomspace, (float, float), wrt=(0, 1), domain=(0.3, 3.0)),
    Row(cm_geomspace_arrays, ((2,), (2,)), wrt=(0, 1), domain=(0.3, 3.0)),
    Row(cm_insert, ((4,), (2,)), wrt=(0, 1)),
    Row(cm_insert_constant, ((3,),)),
    Row(cm_polyadd_polysub, ((2,), (4,)), wrt=(0, 1)),
    Row(cm_polymul, ((3,), (4,)), wrt=(0, 1)),
    Row(cm_polyint, ((4,),)),
    Row(cm_poly, ((4,),)),
    Row(cm_polydiv, ((5,), (3,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.5, 1.5))),
    Row(cm_polyfit, ((5,), (5, 2)), wrt=(0, 1)),
    Row(cm_polyfit_weights, ((5,), (5, 2)), wrt=(0, 1)),
    Row(cm_multi_dot, ((3, 4), (4, 2), (2, 3)), wrt=(0, 1, 2)),
    Row(cm_float32_kept, ((3, 4), (4, 2), (2, 3)), wrt=(0, 1, 2)),
]
if hasattr(np, "trapz"):  # NumPy < 2.4
    ROWS.append(Row(cm_trapz, ((3, 5),)))
