"""Order statistics: the weights with which ``np.quantile`` (``percentile``, ``median`` and their
``nan`` forms) combines the sorted values.

A quantile is ``(1 - t) * s[i] + t * s[j]`` of the values ``s`` sorted along the reduced axes, with
``i``, ``j`` and ``t`` fixed by ``q``, the count of values and the method; its derivative with
respect to the input is the array of those weights, put back where the chosen values sit.  Equal
values share their weights evenly (as ``max`` shares among ties: any split is a one-sided
derivative at a tie; the even one is symmetric).  A slice whose result is NaN (a NaN in it, or,
for the ``nan`` forms, nothing but NaN) gets zero weights: NaN values take no part.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _axes
from .gather import share_ties

# method -> (alpha, beta) of NumPy's virtual index n*q + alpha + q*(1 - alpha - beta) - 1, or the
# name of a rule of its own
_CONTINUOUS = {"linear": None, "midpoint": None, "interpolated_inverted_cdf": (0.0, 1.0),
               "hazen": (0.5, 0.5), "weibull": (0.0, 0.0), "median_unbiased": (1 / 3, 1 / 3),
               "normal_unbiased": (3 / 8, 3 / 8)}
_DISCRETE = {"lower": np.floor, "higher": np.ceil, "nearest": np.around}


def quantile_axes(q: Any, a: Any, axis: Any) -> tuple[int, ...]:
    """The reduced axes of :func:`quantile_weights`' array (``q``'s axes lead, then ``a``'s)."""
    lead = np.ndim(q)
    return tuple(lead + k for k in sorted(_axes(axis, np.ndim(a))))


def q_axes(q: Any) -> tuple[int, ...]:
    """The leading axes of :func:`quantile_weights`' array: one per axis of ``q``."""
    return tuple(range(np.ndim(q)))


def quantile_weights(a: Any, q: Any, axis: Any = None, method: str = "linear",
                     skip_nan: bool = False) -> np.ndarray:
    """Weights ``w`` of shape ``q.shape + a.shape`` with ``np.quantile(a, q, axis, method=method)
    == np.sum(a * w, axis=quantile_axes(q, a, axis))`` (``nanquantile`` with ``skip_nan``)."""
    a = np.asarray(a)
    dtype = np.result_type(a.dtype, np.float16) if a.dtype.kind == "f" else np.dtype(np.float64)
    reduced = sorted(_axes(axis, a.ndim))
    if skip_nan and np.ndim(q) > 1:  # (NumPy lays that result out otherwise, by version)
        raise UnsupportedConstructError(
            "np.nanquantile/np.nanpercentile with a q of two or more dimensions is not "
            "differentiated", hint="pass q flattened (and reshape the result)")
    kept = [k for k in range(a.ndim) if k not in reduced]
    size = int(np.prod([a.shape[k] for k in reduced]))  # (not -1: no slice of an empty `a`)
    rows = np.transpose(a, kept + reduced).reshape([a.shape[k] for k in kept] + [size])
    order = np.argsort(rows, axis=-1, kind="stable")  # (NaN last)
    ordered = np.take_along_axis(rows, order, axis=-1)
    q = np.asarray(q, dtype=np.float64)
    picked = _sorted_weights(ordered, q.reshape(q.shape + (1,) * (rows.ndim - 1)), method,
                             skip_nan)  # q.shape + rows.shape
    weights = np.empty_like(picked)
    np.put_along_axis(weights, np.broadcast_to(order, picked.shape), picked, axis=-1)
    weights = weights.reshape(q.shape + tuple(a.shape[k] for k in kept + reduced))
    back = np.argsort([*range(q.ndim), *(q.ndim + k for k in kept + reduced)])
    return np.transpose(weights, back).astype(dtype, copy=False)


def _sorted_weights(ordered: np.ndarray, q: np.ndarray, method: str, skip_nan: bool
                    ) -> np.ndarray:
    """The weights of each sorted position (last axis), for each ``q`` (leading axes)."""
    n = ordered.shape[-1]
    nan = np.isnan(ordered) if ordered.dtype.kind == "f" else np.zeros(ordered.shape, bool)
    count = n - np.sum(nan, axis=-1) if skip_nan else np.full(ordered.shape[:-1], n)
    low, high, t = _positions(count.astype(np.float64), q, method)
    where = np.arange(n)
    weights = (where == low[..., None]) * (1.0 - t)[..., None] + \
        (where == high[..., None]) * t[..., None]
    weights = share_ties(np.broadcast_to(ordered, weights.shape), weights)
    void = (count == 0) if skip_nan else nan.any(axis=-1)
    return np.where(void[..., None] | nan, 0.0, weights)


def _positions(count: np.ndarray, q: np.ndarray, method: str) -> tuple:
    if np.any((q < 0) | (q > 1)):
        raise ValueError("Quantiles must be in the range [0, 1]")
    last = np.maximum(count - 1, 0)
    if method in _DISCRETE:
        index = np.clip(_DISCRETE[method](last * q), 0, last)
        return index, index, np.zeros(index.shape)
    if method not in _CONTINUOUS:
        raise UnsupportedConstructError(
            f"np.quantile's method={method!r} is not differentiated",
            hint="use one of " + ", ".join(sorted([*_CONTINUOUS, *_DISCRETE]))
            + " (the default, 'linear', for np.median)")
    shape = _CONTINUOUS[method]
    if shape is None:
        virtual = last * q
    else:
        alpha, beta = shape
        virtual = count * q + (alpha + q * (1.0 - alpha - beta)) - 1.0
    low = np.clip(np.floor(virtual), 0, last)
    high = np.clip(np.floor(virtual) + 1, 0, last)
    t = np.where((virtual < 0) | (virtual >= last), 0.0, virtual - np.floor(virtual))
    if method == "midpoint":
        t = np.where(t > 0, 0.5, 0.0)
    return low, high, t


def edges_follow(bins: Any, range: Any, a: Any, also: Any = True) -> float:  # noqa: A002
    """1.0 where ``np.histogram(a, bins, range)``'s edges follow ``a``: a number of bins or an
    estimator's name, no ``range=`` and ``a`` not empty, so they are ``np.linspace(lo, hi, n + 1)``
    of ``a``'s minimum and maximum (0.5 further out each where they are equal), ``n`` piecewise
    constant; and ``also`` (``density``: the densities divide by the bins' widths); else 0.0."""
    return float(np.ndim(bins) == 0 and range is None and np.size(a) > 0 and bool(also))


def unhistogram(g: Any, a: Any, edges: Any) -> np.ndarray:
    """Adjoint of ``np.histogram(a, edges, weights=w)[0]`` in ``w``: each weight takes its
    bin's cotangent (``edges[k] <= a < edges[k + 1]``, the last bin closed, as NumPy counts),
    0 outside the edges (and at NaN)."""
    a, edges = np.asarray(a), np.asarray(edges)
    g = np.asarray(g)
    k = np.searchsorted(edges, a, side="right") - 1
    k = np.where(a == edges[-1], edges.size - 2, k)
    inside = (a >= edges[0]) & (a <= edges[-1])
    return np.where(inside, g[np.clip(k, 0, edges.size - 2)], np.zeros((), g.dtype))


def rehistogram(t: Any, a: Any, edges: Any) -> np.ndarray:
    """``np.histogram(a, edges, weights=t)``'s counts: the tangent of the sums of the weights
    along their tangent ``t`` (:func:`unhistogram`'s transpose)."""
    return np.histogram(a, edges, weights=np.broadcast_to(t, np.shape(a)))[0]
