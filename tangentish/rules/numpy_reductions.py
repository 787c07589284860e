"""Derivatives of NumPy reductions: sum, mean, max/min, var/std, prod, cumsum.

``_rt.unreduce`` spreads a reduced gradient back over the input's shape; a keyword whose parameter the
call left out (``axis=axis`` for ``np.sum(x)``) is dropped when the template is instantiated.
"""

# ruff: noqa: F821  (templates name `np` and `_rt`, which exist in generated code only)

import numpy as np

from ..extend import adjoint, d, non_differentiable, tangent

non_differentiable(
    np.argmax, np.argmin, np.argsort, np.count_nonzero, np.any, np.all, np.nonzero,
    np.shape, np.ndim, np.size, np.zeros_like, np.ones_like, np.empty_like, np.zeros, np.ones,
    np.arange, np.linspace, np.eye, np.identity, np.full, np.isclose, np.allclose,
    np.array_equal, np.searchsorted, np.flatnonzero,
)


@adjoint(np.sum)
def sum_adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims)


@tangent(np.sum)
def sum_tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[r] = np.sum(d[a], axis=axis, keepdims=keepdims)


@adjoint(np.mean)
def mean_adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) / _rt.reduced_size(a, axis=axis)


@tangent(np.mean)
def mean_tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[r] = np.mean(d[a], axis=axis, keepdims=keepdims)


@adjoint(np.max)
@adjoint(np.amax)
def max_adjoint(r, a, axis=None, out=None, keepdims=False):
    d[a] = _rt.unreduce_select(d[r], a, r, axis=axis, keepdims=keepdims)


@tangent(np.max)
@tangent(np.amax)
def max_tangent(r, a, axis=None, out=None, keepdims=False):
    d[r] = _rt.reduce_select(d[a], a, r, axis=axis, keepdims=keepdims)


@adjoint(np.min)
@adjoint(np.amin)
def min_adjoint(r, a, axis=None, out=None, keepdims=False):
    d[a] = _rt.unreduce_select(d[r], a, r, axis=axis, keepdims=keepdims)


@tangent(np.min)
@tangent(np.amin)
def min_tangent(r, a, axis=None, out=None, keepdims=False):
    d[r] = _rt.reduce_select(d[a], a, r, axis=axis, keepdims=keepdims)


@adjoint(np.var)
def var_adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    d[a] = (_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * 2.0
            * (a - np.mean(a, axis=axis, keepdims=True))
            / (_rt.reduced_size(a, axis=axis) - ddof))


@tangent(np.var)
def var_tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    d[r] = (2.0 * np.sum(d[a] * (a - np.mean(a, axis=axis, keepdims=True)), axis=axis,
                         keepdims=keepdims) / (_rt.reduced_size(a, axis=axis) - ddof))


@adjoint(np.std)
def std_adjoint(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    d[a] = (_rt.unreduce(d[r] / r, a, axis=axis, keepdims=keepdims)
            * (a - np.mean(a, axis=axis, keepdims=True))
            / (_rt.reduced_size(a, axis=axis) - ddof))


@tangent(np.std)
def std_tangent(r, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    d[r] = (np.sum(d[a] * (a - np.mean(a, axis=axis, keepdims=True)), axis=axis,
                   keepdims=keepdims) / ((_rt.reduced_size(a, axis=axis) - ddof) * r))


@adjoint(np.prod)
def prod_adjoint(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * _rt.prod_others(a, axis=axis)


@tangent(np.prod)
def prod_tangent(r, a, axis=None, dtype=None, out=None, keepdims=False):
    d[r] = np.sum(d[a] * _rt.prod_others(a, axis=axis), axis=axis, keepdims=keepdims)


@adjoint(np.cumsum)
def cumsum_adjoint(r, a, axis=None, dtype=None, out=None):
    d[a] = _rt.uncumsum(d[r], a, axis=axis)


@tangent(np.cumsum)
def cumsum_tangent(r, a, axis=None, dtype=None, out=None):
    d[r] = np.cumsum(d[a], axis=axis)
