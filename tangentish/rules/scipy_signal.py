"""``scipy.signal`` (registered only when SciPy is installed and imported; never a dependency):
``lfilter(b, a, x, axis=-1)`` from rest (no ``zi=``, refused at the call), linear in ``x``.  Its
tangent is the same filter of the tangent; its adjoint is the filter run backwards along ``axis``
(``y = T x`` with ``T`` the lower-triangular Toeplitz matrix of the impulse response, whose
transpose is that same filter on the reversed signal, reversed back).  In its coefficients, from
``a * y = b * x`` (convolutions): ``a * dy = db * x - da * y``, so the tangent filters ``db * x
- da * y`` by ``1 / a``, and the adjoints are the gradient filtered backwards by ``1 / a``
(``u``) correlated with ``x`` (for ``b``) and with ``-y`` (for ``a``) at the coefficients' lags
(``_rt.lagged``, whose own adjoints are FIR filters: differentiated to any order).

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

from .. import runtime
from ..extend import d, linear, rule


@rule(sig.lfilter)
class LFilter:  # a * y = b * x (convolutions): a * dy = b * dx + db * x - da * y
    def adjoint(y, b, a, x, axis=-1):
        d[x] = np.flip(sig.lfilter(b, a, np.flip(d[y], axis=axis), axis=axis), axis=axis)
        back = np.flip(sig.lfilter(np.ones(1), a, np.flip(d[y], axis=axis), axis=axis), axis=axis)
        d[b] = _rt.lagged(back, x, np.size(b), axis)
        d[a] = -_rt.lagged(back, y, np.size(a), axis)

    def tangent(y, b, a, x, axis=-1):
        d[y] = sig.lfilter(b, a, d[x], axis=axis) + sig.lfilter(d[b], a, x, axis=axis) - \
            sig.lfilter(d[a], a, y, axis=axis)


@rule(runtime.lagged)
class Lagged:  # k -> sum(u * s delayed by k): bilinear; its adjoints are FIR filters by d[r]
    def adjoint(r, u, s, n, axis=-1):
        d[u] = sig.lfilter(d[r], np.ones(1), s, axis=axis)
        d[s] = np.flip(sig.lfilter(d[r], np.ones(1), np.flip(u, axis=axis), axis=axis),
                       axis=axis)

    def tangent(r, u, s, n, axis=-1):
        d[r] = _rt.lagged(d[u], s, n, axis) + _rt.lagged(u, d[s], n, axis)


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
