"""Functions summed by their power series, each closed under differentiation: the modified
Bessel functions of the first kind of integer order, for the derivative of ``np.i0`` (NumPy has
only ``i0``; SciPy is optional; ``I_n' = (I_{n-1} + I_{n+1}) / 2``, with ``I_{-1} = I_1``), and
the excess of ``log1p`` over its tangent, for generalized distributions' shape slopes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def bessel_i(n: int, x: Any) -> Any:
    """``I_n(x)`` for an integer order ``n >= 0`` at real ``x``, by its power series
    ``sum_k (x/2)**(2k + n) / (k! (k + n)!)``: every term has the sign of ``x**n``, so the sum
    cancels nothing and is accurate to rounding wherever it does not overflow (``|x|`` above
    ~713, where ``np.i0`` overflows too)."""
    n = int(n)
    scalar = isinstance(x, (int, float)) and not isinstance(x, bool)
    x = np.asarray(x, dtype=np.result_type(x, 1.0))
    wide = x.astype(np.float64)  # (summed in float64, returned in x's dtype)
    quarter = (wide / 2.0) ** 2
    term = (wide / 2.0) ** n / math.factorial(n)
    total = term.copy()
    most = float(np.max(np.abs(wide[np.isfinite(wide)]), initial=0.0))  # (inf, NaN: stay)
    for k in range(1, int(most) + 64):  # (the terms fall once k exceeds |x| / 2)
        term = term * (quarter / (k * (k + n)))
        total = total + term
        if k > most / 2 and not np.any(np.abs(term) > 1e-17 * np.abs(total)):
            break
    result = total.astype(x.dtype, copy=False)[()]
    return float(result) if scalar else result


_SMALL = 0.05  # (below it the series, 30 terms: |u|**30 < 1e-39; above, the closed form loses
# about eps / |u| ** (n + 1), 2e-12 at n = 2)


def log1p_excess(u: Any, n: int = 0) -> Any:
    """The ``n``-th derivative of ``g(u) = (log1p(u) - u / (1 + u)) / u**2`` (``g(0) = 1/2``), the
    shape slopes of ``scipy.stats.genpareto`` and ``genextreme`` without their ``0 / 0`` at a
    shape of 0: ``g = sum_j (-1)**j (j + 1) / (j + 2) u**j`` near 0, else the closed form and
    ``g^(n) = (a^(n-1) - (n + 1) g^(n-1)) / u`` with ``a = (1 + u)**-2``."""
    n = int(n)
    scalar = isinstance(u, (int, float)) and not isinstance(u, bool)
    u = np.asarray(u, dtype=np.result_type(u, 1.0))
    small = np.abs(u) < _SMALL
    near, far = np.where(small, u, 0.0), np.where(small, 1.0, u)
    series = np.zeros_like(near)
    for j in range(29 + n, n - 1, -1):  # (Horner, the j-th term differentiated n times)
        series = series * near + (-1.0) ** j * (j + 1) / (j + 2) * math.perm(j, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (np.log1p(far) - far / (1.0 + far)) / (far * far)
        for k in range(1, n + 1):
            slope = (-1.0) ** (k - 1) * math.factorial(k) * (1.0 + far) ** -(k + 1)
            value = (slope - (k + 1) * value) / far
    result = np.where(small, series, value)[()]
    return float(result) if scalar else result


def gev_t(x: Any, c: Any, loc: Any = 0.0, scale: Any = 1.0) -> Any:
    """``t = -log1p(-c z) / c`` of ``scipy.stats.genextreme`` (``z = (x - loc) / scale``; ``z`` at
    ``c = 0``), written ``z / (1 - c z) - c z**2 g(-c z)`` with :func:`log1p_excess` so that it
    holds at and near ``c = 0``; 0 outside the support ``1 - c z > 0``, where no derivative reads
    it."""
    z = np.divide(np.subtract(x, loc), scale)
    inside = np.asarray(np.multiply(c, z) < 1.0)
    z = np.where(inside, z, 0.0)
    return (z / (1.0 - np.multiply(c, z)) - np.multiply(c, z * z) * log1p_excess(
        -np.multiply(c, z)))[()]


def sine_moment(phi: Any, n: int) -> Any:
    """``I_n(phi)``, the integral of ``sin(t) ** (2 n)`` from 0 to ``phi``: ``I_0 = phi``,
    ``I_n = ((2 n - 1) I_(n-1) - sin(phi) ** (2 n - 1) cos(phi)) / (2 n)`` (the coefficients of
    the incomplete elliptic integrals' series in ``m``, their slopes at ``m = 0``)."""
    phi = np.asarray(phi, dtype=np.result_type(phi, 1.0))
    moment, sine, cosine = phi, np.sin(phi), np.cos(phi)
    for k in range(1, int(n) + 1):
        moment = ((2 * k - 1) * moment - sine ** (2 * k - 1) * cosine) / (2 * k)
    return moment[()]

