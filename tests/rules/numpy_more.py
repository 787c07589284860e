"""Rule-table rows of the smaller additions: NumPy 2's ``numpy.linalg`` array-API spellings,
``resize``, ``fft.fftshift``/``ifftshift``, ``bincount`` weights, more casts, ``real_if_close``,
the two-result ``modf``/``divmod`` (and the builtin ``divmod``)/``frexp``, ``nancumprod``.
"""

from __future__ import annotations

import numpy as np

from .common import W3, W4, W33, W34, Row

_rng = np.random.default_rng(1010)
W7 = _rng.standard_normal(7)
W25 = _rng.standard_normal((2, 5))
W233 = _rng.standard_normal((2, 3, 3))
BINS = np.array([0, 2, 2, 5, 1, 0])
NAN4 = np.array([1.0, np.nan, 1.0, 1.0])


def mo_linalg_spellings(a, b):
    return (np.sum(np.linalg.matmul(a, b) * W33) + np.sum(np.linalg.outer(a[0], b[1]) * W33)
            + np.sum(np.linalg.matrix_transpose(a) ** 2 * W33) + np.linalg.trace(a) * 2.0
            + np.sum(np.linalg.diagonal(a, offset=1) * W3[:2]) + np.sum(np.linalg.cross(a, b) * W33)
            + np.sum(np.linalg.vecdot(a, b) * W3) + np.linalg.tensordot(a, b) * 0.5)


def mo_resize(x):
    return np.sum(np.resize(x, (2, 5)) * W25) + np.sum(np.resize(x, 7) ** 2 * W7)


def mo_fftshift(x):
    return np.sum(np.fft.fftshift(x) * W34) + np.sum(np.fft.ifftshift(x, axes=1) ** 2 * W34)


def mo_bincount(w):
    return np.sum(np.bincount(BINS, w) * np.arange(6.0)) + np.sum(np.bincount(BINS, w * w, 8))


def mo_casts(x):
    return np.sum(np.asarray_chkfinite(x) * W4) + np.sum(np.require(x) ** 2) + np.sum(
        np.real_if_close(x) * W4)


def mo_two_results(x, y):
    fraction, whole = np.modf(x * 3.0)
    quotient, remainder = np.divmod(x, y)
    mantissa, exponent = np.frexp(x * 5.0)
    return (np.sum(fraction * W4) + np.sum(whole) + np.sum(remainder ** 2 * W4) + np.sum(quotient)
            + np.sum(mantissa * W4) + np.sum(exponent))


def mo_builtin_divmod(x, y):  # the builtin, on arrays and on Python floats
    quotient, remainder = divmod(x, y)
    q0, r0 = divmod(float(x[0]) * 2.0, float(y[1]))
    return np.sum(remainder ** 2 * W4) + np.sum(quotient) + r0 * 3.0 + q0


def mo_nancumprod(x):
    return np.sum(np.nancumprod(x * 1.0) * W4)


ROWS: list[Row] = [
    Row(mo_resize, ((2, 3),)),
    Row(mo_fftshift, ((3, 4),)),
    Row(mo_bincount, ((6,),)),
    Row(mo_casts, ((4,),)),
    Row(mo_two_results, ((4,), (4,)), wrt=(0, 1), domain=((0.1, 2.0), (0.6, 1.3))),
    Row(mo_builtin_divmod, ((4,), (4,)), wrt=(0, 1), domain=((0.1, 2.0), (0.6, 1.3))),
    Row(mo_nancumprod, ((4,),), setup=lambda args: [args[0] * NAN4]),
]
if hasattr(np.linalg, "matrix_transpose"):
    ROWS.append(Row(mo_linalg_spellings, ((3, 3), (3, 3)), wrt=(0, 1)))
