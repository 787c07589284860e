"""Rule-table rows of the newer elementwise rules: angle conversions, ``positive``, the complex parts
of real numbers, ``nan_to_num``, ``unwrap``, ``mod``/``fmod``/``remainder``, ``float_power``,
``ldexp``, ``nextafter``, ``heaviside``, and the ``math`` functions ``gamma``, ``lgamma``, ``cbrt``,
``exp2``, ``fmod``, ``remainder``, ``ldexp``, ``nextafter``, ``fsum``, ``prod``, ``dist`` (and
``hypot(*v)``, its form).
"""

from __future__ import annotations

import math

import numpy as np

from .common import NAN4, POSITIVE, W4, W34, Row


def el_deg2rad(x):
    return np.sum(np.deg2rad(x) * W34) + np.sum(np.radians(x) ** 2)


def el_rad2deg(x):
    return np.sum(np.sin(np.rad2deg(x) / 90.0) * W4) + np.sum(np.degrees(x))


def el_positive(x):
    return np.sum(np.positive(x) ** 3 * W4)


def el_complex_parts(x, s):  # (np.imag(x) of a differentiated x: a constant, never active; of
    # x * s, s not differentiated, its rule runs: s might hold complex numbers, which it refuses)
    return np.sum(np.real(x) ** 2 * W4) + np.sum(np.conj(x) * W4) + np.sum(np.imag(x * s) * x)


def el_angle(x):
    return np.sum(np.angle(x) * x)


def el_nan_to_num(x):
    return np.sum(np.nan_to_num(x) ** 2 * W4)


def el_unwrap(x):
    return np.sum(np.unwrap(x * 3.0) * W4)


def el_mod(x, y):
    return np.sum(np.mod(x, y) * W34) + np.sum(np.remainder(x, 0.7) ** 2)


def el_fmod(x, y):
    return np.sum(np.fmod(x, y) * W34)


def el_float_power(x, y):
    return np.sum(np.float_power(x, y) * W34)


def el_ldexp(x):
    return np.sum(np.ldexp(x, np.array([1, 0, -2, 3])) * W4)


def el_nextafter(x, y):
    return np.sum(np.nextafter(x, y) * W4)


def el_heaviside(x, h):
    return np.sum(np.heaviside(x * np.array([1.0, 0.0, -1.0, 0.0]), h) * W4)


def m_gamma(x):
    return math.gamma(x) + math.lgamma(x) * 2.0


def m_gamma_negative(x):
    return math.gamma(x) * math.lgamma(x)


def m_cbrt_exp2(x):
    return math.cbrt(x) * math.exp2(x)


def m_fmod_remainder(x, y):
    return math.fmod(x, y) * 2.0 + math.remainder(x, y) ** 2


def m_ldexp(x):
    return math.ldexp(x, 3) + math.ldexp(x * x, -1)


def m_nextafter(x):
    return math.nextafter(x, 10.0) * 3.0


def m_fsum(x, y):
    return math.fsum([x, y * y, x * y])


def m_sumprod(x, y):
    return math.sumprod([x, y, 2.0], (y, x * x, x)) * x


def m_dist(x, y):
    return math.dist(x, y) * math.hypot(*(x * y)) + math.dist([x[0], y[1]], (0.5, 0.0))


def el_float64(x):
    return np.sum(np.float64(x) * W4) + np.float64(x[0]) ** 2 * np.float64(2.0)


def m_fma(x, y):
    return math.fma(x, y, x * x) * y


def m_prod(x, y):
    return math.prod([x, y, x + y]) + math.prod([x, 2.0], start=y)


ROWS: list[Row] = [
    Row(el_deg2rad, ((3, 4),)),
    Row(el_rad2deg, ((4,),)),
    Row(el_positive, ((4,),)),
    Row(el_float64, ((4,),)),
    Row(el_complex_parts, ((4,), (4,)), wrt=0),
    Row(el_angle, ((4,),)),
    Row(el_nan_to_num, ((4,),), setup=lambda args: [args[0] * NAN4]),
    Row(el_unwrap, ((4,),)),
    Row(el_mod, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.6, 1.3))),
    Row(el_fmod, ((3, 4), (3, 1)), wrt=(0, 1), domain=((-2.0, 2.0), (0.6, 1.3))),
    Row(el_float_power, ((3, 4), (4,)), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(el_ldexp, ((4,),)),
    Row(el_nextafter, ((4,), (4,)), wrt=(0, 1)),
    Row(el_heaviside, ((4,), (4,)), wrt=(0, 1), domain=((0.2, 2.0), (0.0, 1.0))),
    Row(m_gamma, (float,), domain=(0.5, 3.0)),
    Row(m_gamma_negative, (float,), domain=(-2.8, -2.2)),
    Row(m_fmod_remainder, (float, float), wrt=(0, 1), domain=((2.1, 2.9), (0.9, 1.1))),
    Row(m_ldexp, (float,)),
    Row(m_nextafter, (float,)),
    Row(m_fsum, (float, float), wrt=(0, 1)),
    Row(m_prod, (float, float), wrt=(0, 1)),
    Row(m_dist, ((3,), (3,)), wrt=(0, 1)),
]
if hasattr(math, "cbrt"):  # Python >= 3.11
    ROWS.append(Row(m_cbrt_exp2, (float,), domain=POSITIVE))
if hasattr(math, "sumprod"):  # Python >= 3.12
    ROWS.append(Row(m_sumprod, (float, float), wrt=(0, 1)))
if hasattr(math, "fma"):  # Python >= 3.13
    ROWS.append(Row(m_fma, (float, float), wrt=(0, 1)))
