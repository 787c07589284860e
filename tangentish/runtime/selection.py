"""Selections: max/min with ties, clip, maximum/minimum."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import _cotangent, _gradient_dtype, _restore, _scalar_if_0d, _select_weights, _weights


def unreduce_select(g: Any, a: Any, r: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Adjoint of ``r = max(a)``/``min(a)`` over ``axis``: ``g`` goes to the positions holding the
    extreme, split evenly among ties."""
    shape = np.shape(a)
    g = _cotangent(g, _gradient_dtype(a))
    return _scalar_if_0d(_restore(g, shape, axis, keepdims) * _select_weights(a, r, axis, keepdims))


def reduce_select(t: Any, a: Any, r: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Tangent of ``r = max(a)``/``min(a)`` over ``axis``: the mean of ``t`` over the tied extremes."""
    return np.sum(t * _select_weights(a, r, axis, keepdims), axis=axis, keepdims=keepdims)


def pick_first(a: Any, b: Any) -> Any:
    """Weight of ``a`` in ``max(a, b)``: 1 where ``a > b``, 0.5 where they tie, 0 elsewhere."""
    return _weights(np.where(np.greater(a, b), 1.0, np.where(np.equal(a, b), 0.5, 0.0)), a, b)


def fpick_first(a: Any, b: Any, smallest: bool = False) -> Any:
    """Weight of ``a`` in ``np.fmax(a, b)`` (``np.fmin`` when ``smallest``): as :func:`pick_first`,
    but a NaN operand loses to a number."""
    weight = pick_first(b, a) if smallest else pick_first(a, b)
    return _weights(np.where(np.isnan(b) & ~np.isnan(a), 1.0, weight), a, b)


def clip_inside(a: Any, a_min: Any = None, a_max: Any = None) -> Any:
    """1.0 where ``a_min <= a <= a_max`` (``clip`` passes ``a`` through), else 0.0; a bound that is
    ``None`` is no bound."""
    inside: Any = True
    if a_min is not None:
        inside = np.logical_and(inside, np.greater_equal(a, a_min))
    if a_max is not None:
        inside = np.logical_and(inside, np.less_equal(a, a_max))
    bounds = [bound for bound in (a_min, a_max) if bound is not None]
    return _weights(inside, a, *bounds)


def clip_below(a: Any, bound: Any) -> Any:
    """1.0 where ``a < bound`` (so ``clip`` returns the bound), else 0.0; 0.0 if either is None."""
    if a is None or bound is None:
        return 0.0
    return _weights(np.less(a, bound), a, bound)
