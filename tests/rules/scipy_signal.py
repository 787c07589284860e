"""Rule-table rows of ``tangentish/rules/scipy_signal.py`` (collected only when SciPy is
installed): ``lfilter`` from rest along the last axis and along axis 0, in the signal, and in
its coefficients (with ``_rt.lagged``, their adjoints' lag products, in both operands); the
N-dimensional convolutions and correlations in both operands, in every mode (``valid`` with
either operand the larger)."""

from __future__ import annotations

import numpy as np
import scipy.signal as sig

import tangentish.runtime as rt

from .common import W3, W4, W6, W34, Row

X4 = np.array([0.4, -1.1, 0.7, 1.6])


def ss_lfilter(x):
    return np.sum(sig.lfilter([0.2, 0.3, 0.1], [1.0, -0.5, 0.2], x) * W4) + np.sum(
        sig.lfilter(np.array([1.0, -1.0]), 1.0, x) ** 2)


def ss_lfilter_axis0(x):
    return np.sum(sig.lfilter([0.5, 0.25], [1.0, 0.3], x, axis=0) ** 2 * W4)


def ss_lfilter_coefficients(b, a):  # (a[0] away from 0: the point's a is shifted by 2.5)
    a = a + np.array([2.5, 0.0])
    return np.sum(sig.lfilter(b, a, X4) * W4) + np.sum(sig.lfilter(b, a, X4, axis=0) ** 2)


def ss_lagged(u, s):  # (the coefficients' adjoints: bilinear, lags past the signal's end 0)
    return np.sum(rt.lagged(u, s, 3) * W3) + np.sum(rt.lagged(u[:2], s[1:3], 3, 0) ** 2)


W2_ = W3[:2]


def ss_convolve_modes(x, k):
    return (np.sum(sig.convolve(x, k) * W6) + np.sum(sig.convolve(x, k, mode="same") * W4)
            + np.sum(sig.convolve(x, k, "valid", method="direct") ** 2)
            + np.sum(sig.convolve(k, x, mode="valid") * W2_))


def ss_correlate_modes(x, k):
    return (np.sum(sig.correlate(x, k) * W6) + np.sum(sig.correlate(x, k, mode="same") * W4)
            + np.sum(sig.correlate(k, x, "valid") * W2_)
            + np.sum(sig.correlate(x, k, mode="valid", method="fft") ** 2))


def ss_fftconvolve(x, k):
    return np.sum(sig.fftconvolve(x, k) * W6) + np.sum(sig.oaconvolve(x, k, "same") * W4)


def ss_convolve_2d(x, k):  # (a 2-D image and kernel, every mode; the 2-D functions too)
    return (np.sum(sig.convolve(x, k, mode="same") * W34)
            + np.sum(sig.convolve2d(x, k) ** 2) * 0.1
            + np.sum(sig.correlate2d(x, k, mode="valid") * W34[:2, :3])
            + np.sum(sig.fftconvolve(x, k, mode="valid") ** 2))


ROWS: list[Row] = [
    Row(ss_lfilter, ((4,),)),
    Row(ss_lfilter_axis0, ((3, 4),)),
    Row(ss_lfilter_coefficients, ((3,), (2,)), wrt=(0, 1), domain=(-0.5, 0.5)),
    Row(ss_lagged, ((4,), (4,)), wrt=(0, 1)),
    Row(ss_convolve_modes, ((4,), (3,)), wrt=(0, 1)),
    Row(ss_correlate_modes, ((4,), (3,)), wrt=(0, 1)),
    Row(ss_fftconvolve, ((4,), (3,)), wrt=(0, 1)),
    Row(ss_convolve_2d, ((3, 4), (2, 2)), wrt=(0, 1)),
]
