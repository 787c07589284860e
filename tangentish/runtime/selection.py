"""Selections: max/min with ties, clip, maximum/minimum, np.maximum.at/np.minimum.at.

A selection's derivative is a weight: 1 (or a tie's share) where an operand is chosen, 0 where it is
not.  The derivative *selects* by it (:func:`chosen`), never multiplies by it alone: a cotangent or
tangent that is inf or NaN where the operand is not chosen (``np.sqrt(np.maximum(x, 0.0))`` at
``x < 0``: ``sqrt'(0)`` is inf) would give ``inf * 0 = NaN`` where the exact derivative is 0."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import _gradient_dtype, _restore, _scalar_if_0d, _select_weights, _weights


def chosen(g: Any, weight: Any) -> Any:
    """``g * weight`` where ``weight`` (a selection's 0/1 or tie-share weight) is not 0, and 0 where
    it is, even where ``g`` is inf or NaN: what an operand that is not chosen receives.  (The
    product, repaired only if it holds a NaN: ``np.where`` over a mask costs many times more.)"""
    product = np.multiply(g, weight)
    if product.__class__ is not np.ndarray:  # (a number: NumPy's ufuncs give 0-d results so)
        if product == product:
            return product
    elif product.ndim == 1:  # a sum of squares is NaN exactly where a term is (never inf - inf):
        squares = product.dot(product)  # one pass and no temporary, a fraction of isnan + any
        if squares == squares:
            return product
    elif not np.isnan(product).any():
        return product
    return _scalar_if_0d(np.where(np.not_equal(weight, 0), product, 0.0))


def divided(c: Any, a: Any, b: Any) -> Any:
    """``np.where(c, a / b, 0.0)`` (a derivative's quotient kept where the adjoint or tangent may
    be non-zero), dividing only where ``c`` holds: ``b`` is 1 elsewhere, so a 0 / 0 or x / 0 the
    result drops raises no warning (a square root's partial ``g / (2 * sqrt(x))`` off the branch
    ``np.where(x > 0, ...)`` took).  The same value, shape and dtype as the ``np.where``."""
    if b.__class__ is np.ndarray:  # (a 1 of b's own dtype: the quotient's dtype unchanged)
        b = np.where(c, b, np.ones((), b.dtype))
    elif not np.any(c):  # (a number b, nowhere divided by: a 1 of its own type)
        b = type(b)(1)
    return np.where(c, np.divide(a, b), 0.0)  # (NumPy's division, as the primal's NumPy function
    # computed: a Python 0.0 / 0.0 is NaN there, never a ZeroDivisionError)


def ties(a: Any, r: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Where ``r = max(a)``/``min(a)`` over ``axis`` takes its value: 1/k at each of the k
    positions of ``a`` holding the extreme of their group (ties share), 0 elsewhere, in ``a``'s
    gradient dtype.  The adjoint of the reduction is ``unreduce(g, a, ...) * ties(a, r, ...)``,
    its tangent ``np.sum(t * ties(a, r, ...), axis)``."""
    return _scalar_if_0d(_select_weights(a, r, axis, keepdims))


def pick_first(a: Any, b: Any) -> Any:
    """Weight of ``a`` in ``max(a, b)``: 1 where ``a > b``, 0.5 where they tie, 0 elsewhere."""
    return _weights(np.where(np.greater(a, b), 1.0, np.where(np.equal(a, b), 0.5, 0.0)), a, b)


def step(a: Any, sign: Any = None) -> Any:
    """``np.heaviside(a, 0.5)``: the weight of ``a`` in ``max(a, 0)`` (1 above 0, 0.5 at 0, 0
    below, NaN where ``a`` is NaN), for a float array.  NumPy's ``heaviside`` branches on each
    element, which costs several times its arithmetic where signs vary (1,000 elements of random
    sign: 5 us against 2); from a few hundred elements on, the same numbers come from
    ``np.sign``, which does not branch, or from ``sign``, ``np.sign(a)`` computed already (the
    derivative reads it elsewhere too: ``passes/step_signs.py``)."""
    if a.size <= _BRANCHY:
        return np.heaviside(a, 0.5)
    if sign is None:
        weight = np.sign(a)
        weight *= 0.5
    else:
        weight = sign * 0.5
    weight += 0.5
    return weight


_BRANCHY = 256  # (elements up to which heaviside's one call costs less than three)


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


def clip_lower(a: Any, a_min: Any, a_max: Any = None) -> Any:
    """1.0 where ``clip`` returns its lower bound: ``a < a_min`` and ``a_min <= a_max`` (where the
    bounds cross, NumPy returns ``a_max``); 0.0 if ``a`` or ``a_min`` is None."""
    if a is None or a_min is None:
        return 0.0
    below = np.less(a, a_min)
    if a_max is not None:
        below = np.logical_and(below, np.less_equal(a_min, a_max))
    return _weights(below, *(v for v in (a, a_min, a_max) if v is not None))


def clip_upper(a: Any, a_min: Any, a_max: Any) -> Any:
    """1.0 where ``clip`` returns its upper bound: ``a_max < max(a, a_min)`` (so also where the
    bounds cross and ``a`` is below both); 0.0 if ``a`` or ``a_max`` is None."""
    if a is None or a_max is None:
        return 0.0
    above = np.less(a_max, a if a_min is None else np.maximum(a, a_min))
    return _weights(above, *(v for v in (a, a_min, a_max) if v is not None))


def clip_reaches_lower(a: Any, a_min: Any, a_max: Any = None) -> Any:
    """Where ``clip``'s lower bound takes part in its derivative: where it is returned, and where
    ``a`` ties with it (``a <= a_min``, the bounds not crossed).  At a tie ``a`` takes the whole
    derivative (:func:`clip_inside`) and the bound's weight is 0 (:func:`clip_lower`), but
    multiplying its derivative by that 0 rather than selecting it away keeps a NaN or inf there
    (``np.clip(x, np.abs(x) ** 0.5, 1.0)`` at 0 has no derivative, not ``x``'s 1: README,
    "Ties and kinks").  False if ``a`` or ``a_min`` is None."""
    if a is None or a_min is None:
        return False
    reach = np.less_equal(a, a_min)
    return reach if a_max is None else np.logical_and(reach, np.less_equal(a_min, a_max))


def clip_reaches_upper(a: Any, a_min: Any, a_max: Any) -> Any:
    """Where ``clip``'s upper bound takes part in its derivative (:func:`clip_reaches_lower`):
    ``a_max <= max(a, a_min)``.  False if ``a`` or ``a_max`` is None."""
    if a is None or a_max is None:
        return False
    return np.less_equal(a_max, a if a_min is None else np.maximum(a, a_min))


def extremum_from(a: Any, start: Any, axis: Any = None, keepdims: bool = False, where: Any = True,
                  smallest: bool = False) -> Any:
    """``np.max(a, axis, keepdims=keepdims, initial=start, where=where)`` (``np.min`` when
    ``smallest``): the extreme of the elements ``where`` keeps and of ``start``."""
    reduce = np.min if smallest else np.max
    return reduce(a, axis=axis, keepdims=keepdims, initial=start, where=where)


def _start_hits(a: Any, r: Any, start: Any, axis: Any, keepdims: bool, where: Any) -> tuple:
    """Which kept elements of ``a`` and whether ``start`` hold :func:`extremum_from`'s value ``r``,
    and how many candidates (both) hold it, in ``r``'s shape."""
    a = np.asarray(a)
    full = _restore(r, a.shape, axis, keepdims)
    hit = ((a == full) | np.isnan(a) & np.isnan(full)) & np.asarray(where, dtype=bool)
    start_hit = np.equal(r, start) | np.isnan(r) & np.isnan(start)
    count = np.sum(hit, axis=axis, keepdims=keepdims) + start_hit
    return hit, start_hit, np.maximum(count, 1)


def kept_ties(a: Any, r: Any, start: Any, axis: Any = None, keepdims: bool = False,
              where: Any = True) -> Any:
    """The weight of each element of ``a`` in :func:`extremum_from`: 1/k at the k candidates
    holding the extreme (the start among them: ties share evenly), 0 elsewhere and where
    ``where`` leaves the element out, in ``a``'s gradient dtype."""
    hit, _, count = _start_hits(a, r, start, axis, keepdims, where)
    weights = hit / _restore(count, hit.shape, axis, keepdims)
    return _scalar_if_0d(weights.astype(_gradient_dtype(a), copy=False))


def start_share(a: Any, r: Any, start: Any, axis: Any = None, keepdims: bool = False,
                where: Any = True) -> Any:
    """The weight of ``start`` in each output of :func:`extremum_from` (its tie's share)."""
    _, start_hit, count = _start_hits(a, r, start, axis, keepdims, where)
    return _scalar_if_0d(np.asarray(start_hit / count, dtype=_gradient_dtype(start)))


def maximum_at(a: Any, index: Any, values: Any) -> Any:
    """``np.maximum.at(a, index, values)`` that leaves ``a`` alone: a copy of ``a`` (its dtype)
    holding at each element the largest of itself and of the ``values`` sent there."""
    out = np.array(a, copy=True)
    np.maximum.at(out, index, values)
    return out


def minimum_at(a: Any, index: Any, values: Any) -> Any:
    """``np.minimum.at(a, index, values)`` that leaves ``a`` alone (see :func:`maximum_at`)."""
    out = np.array(a, copy=True)
    np.minimum.at(out, index, values)
    return out


def _at_hits(a: Any, r: Any, index: Any, values: Any) -> tuple:
    """For ``r = maximum_at(a, index, values)`` (or ``minimum_at``): which elements of ``a`` and
    which of ``values`` (broadcast to ``a[index]``'s shape) hold their element's result (NaN ones
    where it is NaN, which NumPy propagates), and how many candidates hold each element's."""
    a, r = np.asarray(a), np.asarray(r)
    sent = np.broadcast_to(values, np.shape(a[index]))
    there = r[index]
    kept = (a == r) | np.isnan(a) & np.isnan(r)
    won = (sent == there) | np.isnan(sent) & np.isnan(there)
    count = kept.astype(np.intp)
    np.add.at(count, index, won)
    return kept, won, np.maximum(count, 1)


def at_kept(a: Any, r: Any, index: Any, values: Any) -> Any:
    """The weight of each element of ``a`` in :func:`maximum_at`'s (or :func:`minimum_at`'s)
    result ``r``: 1/k where it is one of the k candidates holding the result (ties share evenly,
    as ``np.maximum``'s do), 0 where a value sent there beat it."""
    kept, _, count = _at_hits(a, r, index, values)
    return (kept / count).astype(_gradient_dtype(a), copy=False)


def at_won(a: Any, r: Any, index: Any, values: Any) -> Any:
    """The weight of each of ``values`` (broadcast to ``a[index]``'s shape) in ``r``, as
    :func:`at_kept` gives ``a``'s: its tie's share where it holds its element's result, else 0."""
    _, won, count = _at_hits(a, r, index, values)
    return (won / count[index]).astype(_gradient_dtype(values), copy=False)
