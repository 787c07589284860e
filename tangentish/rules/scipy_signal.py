"""``scipy.signal`` (registered only when SciPy is installed and imported; never a dependency):
``lfilter(b, a, x, axis=-1)`` from rest (no ``zi=``, refused at the call), linear in ``x``.  Its
tangent is the same filter of the tangent; its adjoint is the filter run backwards along ``axis``
(``y = T x`` with ``T`` the lower-triangular Toeplitz matrix of the impulse response, whose
transpose is that same filter on the reversed signal, reversed back).  Coefficients ``b`` and ``a``
that vary are refused (``_rt.no_derivative``): write the filter as a loop to differentiate them.

The N-dimensional convolutions ``convolve``, ``fftconvolve``, ``oaconvolve`` and ``convolve2d``
(every ``mode``; ``method=`` any: the same map) are bilinear in ``in1`` and ``in2``: each adjoint
is the gradient correlated with the other operand (``runtime/convolutions.py``), the tangent the
convolution of each tangent with the other operand.  ``correlate``/``correlate2d`` of real arrays
are the convolution with ``in2`` flipped on every axis, as SciPy computes them.  ``axes=`` of
``fftconvolve``/``oaconvolve`` and ``boundary=``/``fillvalue=`` of the 2-D forms are not listed:
refused at the call.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.signal as sig

from ..extend import d, linear, rule


@rule(sig.lfilter)
class LFilter:
    def adjoint(y, b, a, x, axis=-1):
        d[x] = np.flip(sig.lfilter(b, a, np.flip(d[y], axis=axis), axis=axis), axis=axis)
        d[b] = _rt.no_derivative(b, "scipy.signal.lfilter in its coefficients b")
        d[a] = _rt.no_derivative(a, "scipy.signal.lfilter in its coefficients a")

    def tangent(y, b, a, x, axis=-1):
        d[y] = sig.lfilter(b, a, d[x], axis=axis) + _rt.no_tangent(
            d[b], "scipy.signal.lfilter's coefficients b") + _rt.no_tangent(
            d[a], "scipy.signal.lfilter's coefficients a")


linear(sig.convolve, lambda r, in1, in2, mode="full", method="auto": {
    in1: _rt.unconvolve_first(d[r], in1, in2, mode),
    in2: _rt.unconvolve_second(d[r], in1, in2, mode)})
linear((sig.fftconvolve, sig.oaconvolve, sig.convolve2d), lambda r, in1, in2, mode="full": {
    in1: _rt.unconvolve_first(d[r], in1, in2, mode),
    in2: _rt.unconvolve_second(d[r], in1, in2, mode)})
linear(sig.correlate, lambda r, in1, in2, mode="full", method="auto": {
    in1: _rt.unconvolve_first(d[r], in1, np.flip(in2), mode),
    in2: np.flip(_rt.unconvolve_second(d[r], in1, np.flip(in2), mode))})
linear(sig.correlate2d, lambda r, in1, in2, mode="full": {
    in1: _rt.unconvolve_first(d[r], in1, np.flip(in2), mode),
    in2: np.flip(_rt.unconvolve_second(d[r], in1, np.flip(in2), mode))})
