"""Gathers and choices: the adjoints of ``take``, ``ndarray.item``, ``take_along_axis``,
``compress``, ``choose``, ``select``, ``sort``/``partition``, ``interp`` and ``unique``.

The adjoint of a gather is a scatter that adds (an element read twice gets both contributions);
its transpose, what each helper's own rule says, is the gather itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _gradient_dtype, _scalar_if_0d, _shape
from .broadcast import unbroadcast
from .items import settle


def _zeros(like: Any, g: Any) -> np.ndarray:
    return np.zeros(_shape(like), dtype=np.result_type(_gradient_dtype(like), g))


def untake(g: Any, a: Any, indices: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.take(a, indices, axis)``: ``g`` added back at the indexes it came from (a
    0-d ``a`` is taken from along an axis 0 or -1 as with none)."""
    out = _zeros(a, g)
    if axis is None or out.ndim == 0:
        flat = out.reshape(-1)
        np.add.at(flat, np.ravel(indices), np.ravel(np.broadcast_to(g, np.shape(indices))))
        return _scalar_if_0d(flat.reshape(out.shape))
    axis = axis % out.ndim
    moved = np.moveaxis(out, axis, 0)
    index_ndim = np.ndim(indices)
    g_moved = np.moveaxis(np.asarray(g), tuple(range(axis, axis + index_ndim)),
                          tuple(range(index_ndim)))
    np.add.at(moved, indices, g_moved)
    return out


def item_of(t: Any, index: Any = None) -> Any:
    """``t.item(index)`` (``t.item()`` without one): one element as a Python number, also when
    ``t`` is already a number."""
    t = np.asarray(t)
    return t.item() if index is None else t.item(index)


def unitem(g: Any, a: Any, index: Any = None) -> np.ndarray:
    """Adjoint of ``a.item(index)``: zeros shaped like ``a`` with ``g`` at the element read (a flat
    index, a tuple of indexes, or none for an array of one element)."""
    out = _zeros(a, g)
    if isinstance(index, tuple):
        out[index] += g
    else:
        out.reshape(-1)[0 if index is None else index] += g
    return out


def taken_at(a: Any, indices: Any, axis: Any = None, mode: str = "raise") -> Any:
    """The positions ``np.take(a, indices, axis, mode=mode)`` reads: ``indices`` as given
    (``"raise"``), wrapped into the axis's length (``"wrap"``) or clipped into it (``"clip"``,
    a negative index read as 0, as NumPy reads it in that mode)."""
    if mode == "raise":
        return indices
    n = np.size(a) if axis is None or np.ndim(a) == 0 else np.shape(a)[axis]
    return np.mod(indices, n) if mode == "wrap" else np.clip(indices, 0, n - 1)


def untake_along_axis(g: Any, arr: Any, indices: Any, axis: Any = -1) -> Any:
    """Adjoint of ``np.take_along_axis(arr, indices, axis)`` (``axis=None``: of ``arr`` flattened)."""
    if axis is None:
        return np.reshape(untake(np.ravel(g), np.ravel(arr), np.ravel(indices)), _shape(arr))
    out = _zeros(arr, g)
    g = np.asarray(g)
    axis = axis % out.ndim
    grid = list(np.ogrid[tuple(slice(n) for n in g.shape)])
    for k, n in enumerate(out.shape):  # an axis of length 1 in `arr` was broadcast
        if n == 1 and k != axis:
            grid[k] = np.zeros_like(grid[k])
    grid[axis] = np.broadcast_to(indices, g.shape)
    np.add.at(out, tuple(grid), g)
    return out


def order_of(a: Any, r: Any, axis: Any = -1) -> np.ndarray:
    """Indexes ``i`` with ``np.take_along_axis(a, i, axis) == r`` for ``r`` a permutation of ``a``
    along ``axis`` (``np.sort``, ``np.partition``; ``axis=None``: of ``a`` flattened).  Equal
    values are matched in order (the stable order; :func:`tied_mean` then shares their
    derivative)."""
    a = np.asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    from_a = np.argsort(a, axis=axis, kind="stable")
    from_r = np.argsort(np.asarray(r), axis=axis, kind="stable")
    source = np.empty_like(from_a)
    np.put_along_axis(source, from_r, from_a, axis=axis)
    return source


def share_ties(ordered: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``weights`` (along the last axis, sorted like ``ordered``) averaged over runs of equal values."""
    n = ordered.shape[-1]
    if n < 2:
        return weights
    starts = np.concatenate([np.ones(ordered.shape[:-1] + (1,), bool),
                             ordered[..., 1:] != ordered[..., :-1]], axis=-1)
    if starts.all():
        return weights
    runs = np.cumsum(starts, axis=-1) - 1 + n * np.arange(starts[..., 0].size).reshape(
        starts.shape[:-1] + (1,))
    totals = np.bincount(runs.reshape(-1), weights.reshape(-1))
    sizes = np.bincount(runs.reshape(-1))
    return (totals / np.maximum(sizes, 1))[runs]


def tied_mean(g: Any, value: Any, axis: Any = -1) -> Any:
    """``g`` averaged over the positions where ``value`` (``np.sort``'s, ``np.partition``'s or
    ``sorted()``'s value) holds equal values along ``axis``: tied values share their derivative
    evenly, as ``max``'s ties do, instead of the stable order giving each its own one-sided one
    (so a tied value whose derivative is not finite makes every tied position's NaN or inf).  It
    is its own transpose, so the adjoint and the tangent both apply it; ``g`` itself where no
    value repeats."""
    value = np.asarray(value)
    axis = -1 if axis is None else axis  # (the value is then flat)
    if value.ndim == 0 or value.shape[axis] < 2:
        return g
    order = np.argsort(value, axis=axis, kind="stable")
    ordered = np.moveaxis(np.take_along_axis(value, order, axis), axis, -1)
    if (ordered[..., 1:] != ordered[..., :-1]).all():
        return g
    g = np.broadcast_to(np.asarray(g), value.shape)
    gathered = np.moveaxis(np.take_along_axis(g, order, axis), axis, -1)
    if np.iscomplexobj(gathered):
        shared = share_ties(ordered, gathered.real) + 1j * share_ties(ordered, gathered.imag)
    else:
        shared = share_ties(ordered, gathered)
    out = np.empty(np.shape(g), dtype=np.result_type(gathered, np.float16))
    np.put_along_axis(out, order, np.moveaxis(shared, -1, axis), axis)
    return out


def running_source(a: Any, r: Any, axis: Any = 0) -> np.ndarray:
    """Indexes ``i`` with ``np.take_along_axis(a, i, axis) == r`` for ``r`` the running maximum or
    minimum of ``a`` along ``axis`` (``np.maximum.accumulate``): each position's value comes from
    the latest position up to it that reached the running extremum (a one-sided derivative at a
    tie)."""
    a = np.asarray(a)
    where = np.arange(a.shape[axis]).reshape((-1,) + (1,) * (a.ndim - 1 - axis % a.ndim))
    return np.maximum.accumulate(np.where(a == np.asarray(r), where, 0), axis=axis)


def _running_runs(a: Any, r: Any, axis: Any) -> tuple[np.ndarray, list] | None:
    """For ``r`` the running maximum or minimum of ``a`` along ``axis``: the positions that reach
    it (``a == r``) and the runs of equal ``r`` holding more than one of them, as ``(row, start,
    end)`` of the arrays with ``axis`` last and the others flattened; None where there is none.
    (A position reaching ``r[k]`` up to ``k`` is in ``k``'s run: ``r`` is monotonic.)"""
    a, r = np.asarray(a), np.asarray(r)
    hit = np.moveaxis(a == r, axis, -1)
    moved = np.moveaxis(r, axis, -1)
    starts = np.ones(hit.shape, bool)
    starts[..., 1:] = moved[..., 1:] != moved[..., :-1]
    if not (hit & ~starts).any():
        return None
    hit, starts = hit.reshape(-1, hit.shape[-1]), starts.reshape(-1, hit.shape[-1])
    runs = []
    for row in np.flatnonzero((hit & ~starts).any(axis=-1)):
        bounds = np.append(np.flatnonzero(starts[row]), starts.shape[-1])
        runs += [(row, s, e) for s, e in zip(bounds[:-1], bounds[1:], strict=True)
                 if hit[row, s + 1:e].any()]
    return hit, runs


def running_share(t: Any, a: Any, r: Any, axis: Any = 0) -> Any:
    """The tangent of ``np.maximum.accumulate(a, axis)`` (``minimum``'s) from ``t``, ``a``'s tangent
    gathered from where each position's extremum was last reached: where it was reached more than
    once (a tie), each position's is the mean over every position reaching it up to there, as
    ``max`` shares its ties (so a tied value whose derivative is not finite makes it NaN or inf);
    ``t`` itself where no value ties."""
    return _per_tied_run(t, a, r, axis, lambda v, reached: np.cumsum(
        np.where(reached, v, 0)) / np.cumsum(reached))


def unrunning_share(g: Any, a: Any, r: Any, axis: Any = 0) -> Any:
    """The transpose of :func:`running_share`: each position's ``g`` shared evenly among the
    positions that reached its extremum up to there, summed at each of them."""
    return _per_tied_run(g, a, r, axis, lambda v, reached: np.where(
        reached, np.cumsum((v / np.cumsum(reached))[::-1])[::-1], 0))


def _per_tied_run(v: Any, a: Any, r: Any, axis: Any, along: Any) -> Any:
    """``v`` with ``along(v[run], reached[run])`` in place of each run of :func:`_running_runs`."""
    found = _running_runs(a, r, axis)
    if found is None:
        return v
    hit, runs = found
    moved = np.moveaxis(np.array(v, dtype=np.result_type(v, np.float16)), axis, -1)
    flat = moved.reshape(hit.shape)
    for row, s, e in runs:
        flat[row, s:e] = along(flat[row, s:e], hit[row, s:e])
    return np.moveaxis(flat.reshape(moved.shape), -1, axis)


def unreduceat(g: Any, array: Any, indices: Any, axis: Any = 0) -> Any:
    """Adjoint of ``np.add.reduceat(array, indices, axis)``: item ``i`` of ``g`` spread over the
    slice NumPy summed for it, ``indices[i]:indices[i + 1]`` where the indices increase there,
    ``indices[i]`` alone where not, ``indices[-1]`` to the end for the last."""
    n = _shape(array)[axis]
    starts = np.asarray(indices, dtype=np.intp).reshape(-1)
    ends = np.append(starts[1:], n)
    ends = np.where(ends > starts, ends, starts + 1)
    positions = np.arange(n)
    dtype = _gradient_dtype(array)
    members = ((positions >= starts[:, np.newaxis]) & (positions < ends[:, np.newaxis])).astype(dtype)
    spread = np.tensordot(members, np.moveaxis(np.asarray(g, dtype=dtype), axis, 0), axes=(0, 0))
    return np.moveaxis(spread, 0, axis)


def uncompress(g: Any, condition: Any, a: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.compress(condition, a, axis)``: ``g`` back at the kept positions."""
    out = _zeros(a, g)
    keep = np.flatnonzero(condition)
    if axis is None:
        flat = out.reshape(-1)
        flat[keep] = g
        return _scalar_if_0d(flat.reshape(out.shape))
    index = [slice(None)] * out.ndim
    index[axis] = keep
    out[tuple(index)] = g
    return out


def unextract(g: Any, condition: Any, arr: Any) -> Any:
    """Adjoint of ``np.extract(condition, arr)``."""
    return uncompress(g, np.ravel(condition), arr)


def unchoose(g: Any, a: Any, choices: Any) -> Any:
    """Adjoint of ``np.choose(a, choices)``: choice ``i`` receives ``g`` where ``a == i``."""
    return _like_choices([unbroadcast(np.where(np.equal(a, i), g, 0.0), choice)
                          for i, choice in enumerate(choices)], choices)


def unselect(g: Any, condlist: Any, choicelist: Any) -> Any:
    """Adjoint of ``np.select(condlist, choicelist, default)`` for the choices: each receives ``g``
    where its condition is the first true one."""
    taken = np.zeros(np.shape(g), dtype=bool)
    pieces = []
    for condition, choice in zip(condlist, choicelist, strict=True):
        mine = np.logical_and(condition, ~taken)
        pieces.append(unbroadcast(np.where(mine, g, 0.0), choice))
        taken = taken | mine
    return _like_choices(pieces, choicelist)


def _like_choices(pieces: list, choices: Any) -> Any:
    """The choices' adjoints in the adjoint form of a list or tuple of choices (:func:`.items.settle`:
    a second contribution to the same list then adds item by item, never joins two lists), as one
    array for an array of them (``choice[..., :1]`` of the adjoint of an array ``choice``: a list
    raised)."""
    if isinstance(choices, np.ndarray):
        return np.stack(pieces) if pieces else np.zeros(np.shape(choices))
    return settle(pieces)


def unselect_default(g: Any, condlist: Any) -> Any:
    """Adjoint of ``np.select``'s ``default``: ``g`` where no condition holds."""
    return np.where(np.any(np.asarray(condlist, dtype=bool), axis=0), 0.0, g)


def _segment(x: Any, xp: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each ``x``: the segment ``i`` of ``xp`` it falls in, its weight ``t`` in the segment,
    and whether it is left of ``xp[0]`` / right of ``xp[-1]``."""
    x, xp = np.asarray(x, dtype=float), np.asarray(xp, dtype=float)
    i = np.clip(np.searchsorted(xp, x, side="right") - 1, 0, max(len(xp) - 2, 0))
    width = xp[np.minimum(i + 1, len(xp) - 1)] - xp[i]
    t = np.where(width > 0, (x - xp[i]) / np.where(width > 0, width, 1.0), 0.0)
    return i, t, x < xp[0], x > xp[-1]


def interp_slope(x: Any, xp: Any, fp: Any) -> Any:
    """The derivative of ``np.interp(x, xp, fp)`` with respect to ``x``: the slope of the segment
    ``x`` falls in (at a knot, the segment to its right; 0 outside ``xp`` and at the last knot)."""
    i, _, below, above = _segment(x, xp)
    xp, fp = np.asarray(xp), np.asarray(fp)
    n = len(xp)
    width = xp[np.minimum(i + 1, n - 1)] - xp[i]
    rise = fp[np.minimum(i + 1, n - 1)] - fp[i]
    at_end = np.asarray(x) >= xp[-1]
    slope = np.where((width > 0) & ~below & ~above & ~at_end, rise / np.where(width > 0, width, 1.0),
                     0.0)
    return _scalar_if_0d(np.asarray(slope, dtype=np.result_type(fp, np.asarray(x), 1.0)))


def uninterp(g: Any, x: Any, xp: Any, fp: Any) -> Any:
    """Adjoint of ``np.interp(x, xp, fp)`` with respect to ``fp``: each output's two weights (outside
    ``xp`` the value is ``fp[0]`` or ``fp[-1]``)."""
    i, t, below, above = _segment(x, xp)
    g = np.broadcast_to(g, np.shape(i))
    inside = ~below & ~above
    out = _zeros(fp, g)
    np.add.at(out, i[inside], (g * (1.0 - t))[inside])
    np.add.at(out, np.minimum(i + 1, len(out) - 1)[inside], (g * t)[inside])
    out[0] += np.sum(g[below])
    out[-1] += np.sum(g[above])
    return out


def uninterp_slope(c: Any, x: Any, xp: Any, fp: Any) -> Any:
    """The transpose of :func:`interp_slope` as a linear map of ``fp``: ``c`` divided by each
    segment's width, subtracted at its left knot and added at its right one."""
    i, _, below, above = _segment(x, xp)
    xp = np.asarray(xp)
    n = len(xp)
    width = xp[np.minimum(i + 1, n - 1)] - xp[i]
    live = (width > 0) & ~below & ~above & (np.asarray(x) < xp[-1])
    share = np.where(live, np.broadcast_to(c, np.shape(i)) / np.where(width > 0, width, 1.0), 0.0)
    out = _zeros(fp, share)
    np.add.at(out, np.minimum(i + 1, n - 1), share)
    np.add.at(out, i, -share)
    return out


def period_of(period: Any) -> Any:
    """``|period|`` of ``np.interp(..., period=period)``, raising NumPy's error for 0."""
    if np.all(np.asarray(period) == 0):
        raise ValueError("period must be a non-zero value")
    return np.abs(period)


def interp_end(x: Any, xp: Any, value: Any, side: int) -> Any:
    """Where ``np.interp(x, xp, fp, left=value)`` (``side`` -1) or ``right=value`` (``side`` 1)
    returns ``value``: 1.0 there and 0.0 elsewhere (all 0.0 when ``value`` is None, where the end
    of ``fp`` is returned instead), shaped as ``x``."""
    _, _, below, above = _segment(x, xp)
    return np.where((below if side < 0 else above) & (value is not None), 1.0, 0.0)


def interp_inside(x: Any, xp: Any, left: Any, right: Any) -> Any:
    """Where ``np.interp(x, xp, fp, left=left, right=right)`` returns a value of ``fp``: 0.0
    where it returns ``left`` or ``right`` (those given), 1.0 elsewhere, shaped as ``x``."""
    return 1.0 - interp_end(x, xp, left, -1) - interp_end(x, xp, right, 1)


def unique_source(ar: Any, r: Any, axis: Any = None) -> np.ndarray:
    """Where in ``np.ravel(ar)`` each value of ``np.unique(ar)``'s result ``r`` (its first item
    when it is a tuple) came from, in ``r``'s order.  Only where no value of ``ar`` repeats: where
    two are equal, moving one apart adds a value to the result (its length changes), which has no
    derivative; so does ``axis=`` (rows merged when equal), both refused."""
    values = np.ravel(r[0] if isinstance(r, tuple) else r)
    flat = np.ravel(ar)
    if axis is not None or values.size != flat.size:
        raise UnsupportedConstructError(
            "np.unique of values that repeat (or with axis=): moving one of two equal values "
            "apart adds a value to the result, whose length changes, so it has no derivative "
            "there", hint="differentiate np.sort(np.ravel(x)) (its ties have a one-sided "
            "derivative), or choose the values by a mask of a constant array (x[keep])")
    order = np.argsort(flat, kind="stable")
    return order[np.searchsorted(flat[order], values)]


def unique_cotangent(g: Any, r: Any) -> Any:
    """The cotangent of ``np.unique``'s values in the cotangent ``g`` of its result ``r``: ``g``,
    or item 0 of a tuple's (``0.0`` where nothing flowed into it), shaped as the values."""
    if not isinstance(r, tuple):
        return g
    like = r[0]
    return np.array(np.broadcast_to(np.asarray(g[0], dtype=np.result_type(
        _gradient_dtype(like), np.asarray(g[0]).dtype)), np.shape(like)))


def unique_tangent(t: Any, r: Any) -> Any:
    """The tangent of ``np.unique``'s result ``r`` from its values' tangent ``t``: ``t``, or for a
    tuple ``(t, 0, ...)`` (indexes and counts carry none), each 0 shaped as its item."""
    if not isinstance(r, tuple):
        return t
    return (t, *[np.zeros(np.shape(item), dtype=np.asarray(t).dtype) for item in r[1:]])
