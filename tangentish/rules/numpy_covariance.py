"""``np.cov`` and ``np.corrcoef``, in the data and in ``np.cov``'s weights.

``C = Xc W Xc^T / f``: ``X`` the variables as rows, ``W`` the weights ``w = fweights * aweights``
(each 1 when not given), ``Xc`` the rows less their weighted means, ``f`` NumPy's divisor
(``sum(w) - ddof * sum(w * aweights) / sum(w)``, which is ``sum(w) - ddof`` without
``aweights``).  The weighted means need no term of their own: ``Xc w = 0``, so
``dX = (G + G^T) Xc W / f``.  ``Xc`` is centred twice (the rounding of the first means taken
off), so that it is exactly 0 for a row of equal values, as its derivative is, never rounding
noise that a singular partial behind (``np.sqrt`` of a variance) scales to O(1).  In
``aweights`` (a weight ``w_k`` moves ``C`` by ``Xc_k Xc_k^T / f`` and ``f`` by ``1 - ddof (2 a_k
- sum(w a) / sum(w)) / sum(w)`` per unit of ``w_k``) ``d a_k = fweights_k (Xc_k^T G Xc_k - <G,
C> df_k) / f``.  ``fweights`` are counts
(integers, as NumPy requires): refused where they vary.  ``np.cov(m, y)`` and
``np.corrcoef(x, y)`` are the call of the rows of ``m`` and ``y`` joined (passes/numpy_forms.py).
``np.corrcoef``'s ``R = C / (s s^T)``, ``s = sqrt(diag C)``.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, given, non_differentiable, rule

non_differentiable(runtime.cov_axes, runtime.cov_scale, runtime.cov_counts, runtime.cov_ddof)

_COUNTS = "np.cov in its frequency weights fweights (counts: integers)"
_JOINED = "np.cov or np.corrcoef with a second data set y not written in the call"


@rule(np.cov)
class Cov:
    def adjoint(r, m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None):
        xs = np.transpose(np.atleast_2d(m), _rt.cov_axes(m, rowvar))
        g = np.reshape(d[r], (np.shape(xs)[0], np.shape(xs)[0]))
        if given(aweights):
            w = np.multiply(_rt.cov_counts(xs, fweights), aweights)
            centred = xs - np.sum(xs * w, axis=1, keepdims=True) / np.sum(w)
            centred = centred - np.sum(centred * w, axis=1, keepdims=True) / np.sum(w)
            fact = np.sum(w) - _rt.cov_ddof(bias, ddof) * np.sum(w * aweights) / np.sum(w)
            d[m] = np.reshape(np.transpose(np.matmul(g + np.transpose(g), centred * w) / fact,
                                           _rt.cov_axes(m, rowvar)), np.shape(m))
            d[aweights] = _rt.cov_counts(xs, fweights) * (
                np.sum(centred * np.matmul(g, centred), axis=0)
                - np.sum(g * np.reshape(r, np.shape(g))) * (1.0 - _rt.cov_ddof(bias, ddof) * (
                    np.multiply(2.0, aweights) - np.sum(w * aweights) / np.sum(w))
                    / np.sum(w))) / fact
        elif given(fweights):
            w = _rt.cov_counts(xs, fweights)
            centred = xs - np.sum(xs * w, axis=1, keepdims=True) / np.sum(w)
            centred = centred - np.sum(centred * w, axis=1, keepdims=True) / np.sum(w)
            d[m] = np.reshape(np.transpose(np.matmul(g + np.transpose(g), centred * w)
                                           / _rt.cov_scale(xs, bias, ddof, fweights),
                                           _rt.cov_axes(m, rowvar)), np.shape(m))
        else:
            centred = xs - np.mean(xs, axis=1, keepdims=True)
            centred = centred - np.mean(centred, axis=1, keepdims=True)
            d[m] = np.reshape(np.transpose(np.matmul(g + np.transpose(g), centred)
                                           / _rt.cov_scale(xs, bias, ddof),
                                           _rt.cov_axes(m, rowvar)), np.shape(m))
        d[fweights] = _rt.no_derivative(fweights, _COUNTS)
        d[y] = _rt.no_derivative(y, _JOINED)  # (a y written in the call is joined to m)

    def tangent(r, m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None):
        xs = np.transpose(np.atleast_2d(m), _rt.cov_axes(m, rowvar))
        ts = np.transpose(np.atleast_2d(d[m]), _rt.cov_axes(m, rowvar))
        if given(aweights):
            w = np.multiply(_rt.cov_counts(xs, fweights), aweights)
            centred = xs - np.sum(xs * w, axis=1, keepdims=True) / np.sum(w)
            centred = centred - np.sum(centred * w, axis=1, keepdims=True) / np.sum(w)
            fact = np.sum(w) - _rt.cov_ddof(bias, ddof) * np.sum(w * aweights) / np.sum(w)
            moved = np.matmul(ts * w, np.transpose(centred))
            dw = _rt.cov_counts(xs, fweights) * d[aweights]
            lean = 1.0 - _rt.cov_ddof(bias, ddof) * (np.multiply(2.0, aweights) - np.sum(
                w * aweights) / np.sum(w)) / np.sum(w)
            dr = moved + np.transpose(moved) + np.matmul(centred * dw, np.transpose(centred)) \
                - np.reshape(r, np.shape(moved)) * np.sum(dw * lean)  # (a term 0 by symbol goes)
            d[r] = np.reshape(dr / fact, np.shape(r)) + _rt.no_tangent(d[fweights], _COUNTS)
        elif given(fweights):
            w = _rt.cov_counts(xs, fweights)
            centred = xs - np.sum(xs * w, axis=1, keepdims=True) / np.sum(w)
            moved = np.matmul(ts * w, np.transpose(
                centred - np.sum(centred * w, axis=1, keepdims=True) / np.sum(w)))
            d[r] = np.reshape((moved + np.transpose(moved))
                              / _rt.cov_scale(xs, bias, ddof, fweights), np.shape(r)) + \
                _rt.no_tangent(d[fweights], _COUNTS)
        else:
            centred = xs - np.mean(xs, axis=1, keepdims=True)
            moved = np.matmul(ts - np.mean(ts, axis=1, keepdims=True), np.transpose(
                centred - np.mean(centred, axis=1, keepdims=True)))
            d[r] = np.reshape((moved + np.transpose(moved)) / _rt.cov_scale(xs, bias, ddof),
                              np.shape(r))


@rule(np.corrcoef)
class Corrcoef:  # R = C / (s s^T), s = sqrt(diag C); C as for np.cov (ddof 1)
    def adjoint(r, x, y=None, rowvar=True):
        xs = np.transpose(np.atleast_2d(x), _rt.cov_axes(x, rowvar))
        centred = xs - np.mean(xs, axis=1, keepdims=True)
        c = np.matmul(centred, np.transpose(centred)) / _rt.cov_scale(xs)
        s = np.sqrt(np.diagonal(c))
        g = np.reshape(d[r], np.shape(c))
        gr = g * np.reshape(r, np.shape(c))
        gc = g / np.outer(s, s) - np.diag((np.sum(gr, axis=0) + np.sum(gr, axis=1))
                                          / (2.0 * np.diagonal(c)))
        d[x] = np.reshape(np.transpose(np.matmul(gc + np.transpose(gc), centred)
                                       / _rt.cov_scale(xs), _rt.cov_axes(x, rowvar)),
                          np.shape(x))
        d[y] = _rt.no_derivative(y, _JOINED)

    def tangent(r, x, y=None, rowvar=True):
        xs = np.transpose(np.atleast_2d(x), _rt.cov_axes(x, rowvar))
        centred = xs - np.mean(xs, axis=1, keepdims=True)
        c = np.matmul(centred, np.transpose(centred)) / _rt.cov_scale(xs)
        ts = np.transpose(np.atleast_2d(d[x]), _rt.cov_axes(x, rowvar))
        moved = np.matmul(ts - np.mean(ts, axis=1, keepdims=True), np.transpose(centred))
        dc = (moved + np.transpose(moved)) / _rt.cov_scale(xs)
        u = np.diagonal(dc) / (2.0 * np.diagonal(c))
        s = np.sqrt(np.diagonal(c))
        d[r] = np.reshape(dc / np.outer(s, s) - np.reshape(r, np.shape(c)) * (
            u[:, np.newaxis] + u[np.newaxis, :]), np.shape(r))
