"""What the rules of ``trapezoid`` (and ``scipy.integrate.cumulative_trapezoid``), ``vander``,
``insert``, ``poly``, ``polyint``, ``cov``/``corrcoef`` and ``linalg.multi_dot`` need beyond
plain NumPy: constant weights, exponents, index maps and scales (non-differentiable), the
polynomials of all roots but some (``poly``'s slopes), and the adjoint and tangent of a chain of
matrix products."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _gradient_dtype, _shape, _zero_padded
from .items import settle


def trapezoid_weights(y: Any, x: Any = None, dx: Any = 1.0, axis: int = -1) -> np.ndarray:
    """The weights ``w`` with ``np.trapezoid(y, x, dx, axis) == np.sum(y * w, axis)``, shaped to
    broadcast against ``y``: half of the step on each side of a sample."""
    y = np.asarray(y)
    axis = int(axis) % y.ndim
    n = y.shape[axis]
    if x is None:
        steps = np.full(max(n - 1, 0), float(dx), dtype=_gradient_dtype(y))
    else:
        x = np.asarray(x, dtype=_gradient_dtype(y))
        steps = np.diff(x) if x.ndim == 1 else np.diff(x, axis=axis)
    if steps.ndim == 1:
        shape = [1] * y.ndim
        shape[axis] = n - 1
        steps = steps.reshape(shape)
    return (_zero_padded(steps, axis, 1, 0) + _zero_padded(steps, axis, 0, 1)) / 2


def ediff1d_span(r: Any, to_end: Any = None, to_begin: Any = None, part: int = 1) -> slice:
    """Where ``np.ediff1d``'s result ``r`` holds ``to_begin`` (``part`` 0), the differences (1)
    or ``to_end`` (2)."""
    size = np.size(r)
    begin = 0 if to_begin is None else np.size(to_begin)
    end = size - (0 if to_end is None else np.size(to_end))
    return (slice(0, begin), slice(begin, end), slice(end, size))[part]


def polyfit_lhs(x: Any, deg: Any, w: Any = None, rcond: Any = None, full: Any = False
                ) -> np.ndarray:
    """``np.polyfit``'s matrix: ``np.vander(x, deg + 1)``, each row times its weight ``w``;
    raising for ``full=True`` (a tuple of diagnostics) or an ``rcond``, which are not
    differentiated."""
    if full or rcond is not None:
        raise UnsupportedConstructError(
            "np.polyfit with full=True or an rcond is not differentiated",
            hint="leave them out: the fit of full column rank is differentiated")
    lhs = np.vander(np.asarray(x) + 0.0, int(deg) + 1)  # (as NumPy builds it, in x's dtype)
    if w is not None:
        lhs *= (np.asarray(w) + 0.0)[:, np.newaxis]
    return lhs


def polyfit_rows(w: Any, y: Any) -> np.ndarray:
    """The weights ``w`` of ``np.polyfit``, shaped to scale the rows of ``y`` (one fit a column)."""
    return np.reshape(np.asarray(w) + 0.0, (-1,) + (1,) * (np.ndim(y) - 1))


def vander_powers(x: Any, N: Any = None, increasing: bool = False) -> np.ndarray:
    """The exponents of the columns of ``np.vander(x, N, increasing)``."""
    n = len(x) if N is None else int(N)
    powers = np.arange(n, dtype=_gradient_dtype(x))
    return powers if increasing else powers[::-1]


def insert_sources(arr: Any, obj: Any, values: Any, axis: Any = None) -> np.ndarray:
    """Where each element of ``np.insert(arr, obj, values, axis)`` comes from: ``k`` for element
    ``k`` of ``arr`` (flattened), ``arr.size + j`` for element ``j`` of ``values``."""
    size = int(np.size(arr))
    first = np.arange(size).reshape(_shape(arr))
    second = np.arange(size, size + int(np.size(values))).reshape(_shape(values))
    return np.insert(first, obj, second, axis=axis)


def insert_like(arr: Any, values: Any) -> np.ndarray:
    """A flat array with one slot per element of ``arr`` and then of ``values``, in ``arr``'s
    gradient dtype (``np.insert`` casts ``values`` to ``arr``'s dtype)."""
    return np.zeros(int(np.size(arr)) + int(np.size(values)), dtype=_gradient_dtype(arr))


def polyint_scale(p: Any, m: int = 1) -> np.ndarray:
    """The factors ``c`` with ``np.polyint(p, m)[:len(p)] == p * c`` (the integration constants
    come after them)."""
    n = len(np.atleast_1d(p))
    return np.polyint(np.ones(n, dtype=_gradient_dtype(p)), int(m))[:n]


def polydiv_pad(u: Any, v: Any) -> int:
    """How many leading zeros make the dividend ``u`` of ``np.polydiv(u, v)`` at least as long as
    the divisor: NumPy's quotient is then ``[0.]`` and its remainder ``u``, which the derivative of
    the general case gives when ``u`` is so padded.  Coefficients of rank above 1 are refused (NumPy
    reads their rows as coefficients)."""
    if np.ndim(u) > 1 or np.ndim(v) > 1:
        raise ValueError("np.polydiv is differentiated of 1-d coefficients (or numbers)")
    return max(int(np.size(v)) - int(np.size(u)), 0)


def cov_axes(m: Any, rowvar: Any = True) -> tuple[int, int]:
    """The transposition that puts the variables of ``np.cov(m, rowvar=rowvar)`` on the rows
    (raising NumPy's error for more than two dimensions)."""
    if np.ndim(m) > 2:
        raise ValueError("m has more than 2 dimensions")
    flip = not rowvar and np.ndim(m) == 2 and np.shape(m)[0] != 1
    return (1, 0) if flip else (0, 1)


def cov_ddof(bias: Any = False, ddof: Any = None) -> Any:
    """The ``ddof`` of ``np.cov``: as given, else 1 (0 with ``bias``)."""
    return (0 if bias else 1) if ddof is None else ddof


def cov_counts(rows: Any, fweights: Any = None) -> np.ndarray:
    """``np.cov``'s frequency weights as floats (ones without them), checked as NumPy checks them."""
    if fweights is None:
        return np.ones(np.shape(rows)[1])
    counts = np.asarray(fweights)
    if not np.all(counts == np.around(counts)):
        raise TypeError("fweights must be integer")
    return counts.astype(float)


def cov_scale(rows: Any, bias: Any = False, ddof: Any = None, fweights: Any = None) -> float:
    """The divisor of ``np.cov``: the number of observations (the sum of ``fweights``) less
    ``ddof`` (1 unless ``bias``)."""
    return float(np.sum(cov_counts(rows, fweights)) - cov_ddof(bias, ddof))


def _chain(arrays: list) -> Any:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.matmul(out, a)
    return out


def _as_matrices(arrays: Any) -> list[np.ndarray]:
    mats = [np.asarray(a) for a in arrays]
    if mats[0].ndim == 1:
        mats[0] = mats[0][np.newaxis, :]
    if mats[-1].ndim == 1:
        mats[-1] = mats[-1][:, np.newaxis]
    return mats


def _items(values: Any, arrays: Any) -> list[np.ndarray]:
    """One (co)tangent per array, shaped like it: ``values`` is a list, a tuple or an object array
    of them, where an item nothing flowed into may be ``0.0``."""
    items = []
    for k, a in enumerate(arrays):
        item = np.asarray(values[k])
        items.append(np.broadcast_to(item.astype(np.result_type(_gradient_dtype(a), item), copy=False),
                                     np.shape(a)))
    return items


def _replaced(arrays: list, slots: dict) -> list:
    return [slots.get(k, a) for k, a in enumerate(arrays)]


def _adjoints(g: Any, arrays: list) -> list:
    """``L^T g R^T`` for each array: ``L`` and ``R`` the chains left and right of it."""
    mats = _as_matrices(arrays)
    rows, cols = mats[0].shape[0], mats[-1].shape[1]
    g = np.reshape(np.asarray(g, dtype=np.result_type(_gradient_dtype(mats[0]), g)), (rows, cols))
    grads = []
    for k in range(len(mats)):
        left = _chain(mats[:k]).T if k else np.eye(rows, dtype=g.dtype)
        right = _chain(mats[k + 1:]).T if k + 1 < len(mats) else np.eye(cols, dtype=g.dtype)
        grads.append(np.reshape(left @ g @ right, np.shape(arrays[k])))
    return grads


def multi_dot_adjoint(g: Any, arrays: Any) -> list:
    """The adjoint of ``np.linalg.multi_dot(arrays)``: one gradient per array, left products
    transposed times ``g`` times right products transposed, in the form of a list's adjoint
    (:func:`.items.settle`: stacked, or items when their shapes differ), so that two add item by
    item."""
    return settle(_adjoints(g, list(arrays)))


def multi_dot_tangent(t: Any, arrays: Any) -> Any:
    """The tangent of ``np.linalg.multi_dot(arrays)``: the sum of the chains with one array
    replaced by its tangent."""
    t, arrays = _items(t, arrays), list(arrays)
    total = 0.0
    for k in range(len(arrays)):
        total = total + np.linalg.multi_dot(_replaced(arrays, {k: t[k]}))
    return total


def multi_dot_cross(t: Any, s: Any, arrays: Any) -> Any:
    """The second derivative of ``np.linalg.multi_dot(arrays)`` along ``t`` and ``s`` (one tangent
    per array each): the sum of the chains with array ``k`` replaced by ``t[k]`` and another,
    ``l``, by ``s[l]``."""
    t, s, arrays = _items(t, arrays), _items(s, arrays), list(arrays)
    total = 0.0
    for k in range(len(arrays)):
        for m in range(len(arrays)):
            if k != m:
                total = total + np.linalg.multi_dot(_replaced(arrays, {k: t[k], m: s[m]}))
    return total


def multi_dot_adjoint_with(g: Any, t: Any, arrays: Any) -> list:
    """:func:`multi_dot_cross` transposed in one direction, ``<g, cross(t, s)> = sum_m
    <adjoint_with(g, t)[m], s[m]>``; it is also the tangent of :func:`multi_dot_adjoint` in
    ``arrays`` along ``t``."""
    t, arrays = _items(t, arrays), list(arrays)
    total = [np.zeros(np.shape(a), dtype=np.result_type(_gradient_dtype(a), g)) for a in arrays]
    for k in range(len(arrays)):
        grads = _adjoints(g, _replaced(arrays, {k: t[k]}))
        total = [acc if m == k else acc + grad for m, (acc, grad) in enumerate(
            zip(total, grads, strict=True))]
    return settle(total)


def poly_drop(seq: Any, k: int) -> np.ndarray:
    """``np.poly`` of ``seq`` (1-d real roots, ``n`` of them) without ``k`` of them, for every
    ``k`` indices: entry ``[i1, ..., ik]`` is ``np.poly`` of the roots but those (``n - k + 1``
    coefficients), zeros where two indices repeat.  ``np.poly``'s slope in root ``j`` is
    ``-[0, poly_drop(seq, 1)[j]]``, and ``poly_drop(seq, k)``'s is ``poly_drop(seq, k + 1)``'s
    so, to any order."""
    roots = np.asarray(seq)
    if roots.ndim != 1 or np.iscomplexobj(roots):
        raise UnsupportedConstructError(
            "tangentish differentiates np.poly of a 1-d array of real roots only (a square "
            "matrix's characteristic polynomial, or complex roots, are not differentiated)",
            hint="pass the roots (np.poly(np.linalg.eigvalsh(a)) for a symmetric matrix)")
    n, k = roots.size, int(k)
    out = np.zeros((n,) * k + (max(n - k + 1, 0),), dtype=_gradient_dtype(roots))
    for index in np.ndindex(*(n,) * k):
        if len(set(index)) == k:
            out[index] = np.poly(np.delete(roots, list(index)))
    return out


def after_initial(r: Any, initial: Any, axis: int) -> np.ndarray:
    """The positions along ``axis`` of ``scipy.integrate.cumulative_trapezoid``'s result ``r``
    that hold running sums: all of them, or all but the first (``initial=`` given)."""
    return np.arange(0 if initial is None else 1, np.shape(r)[axis])


def half_steps(y: Any, x: Any, axis: int) -> np.ndarray:
    """Half of each step between the sample points ``x`` (1-d, or shaped as ``y``) along
    ``axis``, shaped to broadcast against ``y`` without its last sample along ``axis``."""
    y = np.asarray(y)
    x = np.asarray(x, dtype=_gradient_dtype(y))
    axis = int(axis) % y.ndim
    if x.ndim != 1:
        return np.diff(x, axis=axis) / 2
    shape = [1] * y.ndim
    shape[axis] = x.size - 1
    return (np.diff(x) / 2).reshape(shape)


def axis_pads(value: Any, axis: int, before: int, after: int) -> list[tuple[int, int]]:
    """``np.pad``'s widths putting ``before`` and ``after`` zeros along ``axis`` of ``value``
    alone."""
    pads = [(0, 0)] * np.ndim(value)
    pads[int(axis) % np.ndim(value)] = (before, after)
    return pads
