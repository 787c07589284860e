"""Norms and special functions: derivative conventions where a formula divides by 0."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _axes, _cotangent, _gradient_dtype, _restore, _scalar_if_0d, _select_weights
from .items import common_dtype
from .linalg import nuclear_curvature, spectral_curvature


def ratio(x: Any, r: Any) -> Any:
    """``x / r``, with 0 where ``r`` is 0: the derivative convention where a norm or a standard
    deviation is 0 (a subgradient; for ``np.std`` of one element it is the exact derivative of a
    function that is identically 0)."""
    zero = np.equal(r, 0)
    out = np.where(zero, 0.0, np.divide(x, np.where(zero, 1.0, r)))
    return out.astype(_float_dtype(x, r), copy=False)[()]


def _float_dtype(*values: Any) -> np.dtype:
    """The float dtype of an expression of ``values``, Python numbers promoting weakly (NumPy 1.x
    promotes a float32 scalar met by a Python float, or by another scalar in ``np.where``, to
    float64)."""
    if all(getattr(v, "dtype", None) == _FLOAT64 for v in values):
        return _FLOAT64  # (the usual case, without working out the promotion)
    dtype = common_dtype([*values, 1.0])
    return dtype if dtype.kind in "fc" else _FLOAT64


_FLOAT64 = np.dtype(np.float64)


_ratio = ratio


def significant(r: Any, a: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``r``, a deviation or a norm of ``a`` (over ``axis``), with 0 where it is no larger than
    the rounding error of ``a``'s entries: values equal up to rounding count as equal, so their
    deviation's derivative follows the convention of an exact 0 (see :func:`ratio`) instead of
    dividing rounding noise by rounding noise."""
    a = np.asarray(a)
    magnitude = np.where(np.isnan(a), 0.0, np.abs(a))
    count = max(a.size // max(np.size(r), 1), 1)
    eps = np.finfo(a.dtype).eps if a.dtype.kind in "fc" else np.finfo(float).eps
    scale = np.max(magnitude, axis=axis, keepdims=keepdims) if a.size else 0.0
    small = np.abs(r) <= 16.0 * max(count, 1) ** 0.5 * eps * scale
    return np.where(small, 0.0, r).astype(_float_dtype(r), copy=False)[()]


def unnorm(g: Any, x: Any, r: Any, ord: Any = None, axis: Any = None,
           keepdims: bool = False) -> Any:
    """Adjoint of ``r = np.linalg.norm(x, ord, axis, keepdims)``: vector p-norms (incl. 0, ±inf),
    Frobenius, and the matrix ±1, ±2, ±inf and nuclear norms.  A zero norm gets a zero gradient."""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    axes = _axes(axis, x.ndim)
    g = _cotangent(g, x.dtype)
    gk = _restore(g if g.shape == np.shape(r) else np.broadcast_to(g, np.shape(r)), x.shape, axis,
                  keepdims)
    rk = _restore(r, x.shape, axis, keepdims)
    if ord is None or ord == "fro" or (ord == 2 and len(axes) == 1):
        return _scalar_if_0d(gk * _ratio(x, rk))
    if len(axes) == 1:
        if ord == 0:
            return np.zeros_like(x)
        if np.isinf(ord):
            return gk * _select_weights(np.abs(x), rk, axes[0], True) * np.sign(x)
        return gk * np.sign(x) * np.abs(x) ** (ord - 1) * _ratio(1.0, rk ** (ord - 1))
    row, col = axes
    if ord == "nuc" or ord in (2, -2):
        u, _, vh = np.linalg.svd(np.moveaxis(x, (row, col), (-2, -1)), full_matrices=False)
        if ord != "nuc":
            pick = 0 if ord == 2 else -1  # singular values come sorted, largest first
            u, vh = u[..., :, [pick]], vh[..., [pick], :]
        return gk * np.moveaxis(u @ vh, (-2, -1), (row, col))
    summed, compared = (row, col) if ord in (1, -1) else (col, row)  # column sums / row sums
    sums = np.sum(np.abs(x), axis=summed, keepdims=True)
    return gk * _select_weights(sums, rk, compared, True) * np.sign(x)


def one_axis(axis: Any) -> Any:
    """``axis`` of ``np.linalg.vector_norm``, when it is one axis (an int, or a 1-tuple); several
    axes (a norm over a flattened block) are refused."""
    if np.ndim(axis) == 0:
        return axis
    if len(axis) == 1:
        return axis[0]
    raise UnsupportedConstructError(
        "np.linalg.vector_norm over several axes at once is not differentiated",
        hint="reshape the array so those axes are one, or use np.linalg.norm of a reshape")


def sinc_slope(x: Any, y: Any) -> Any:
    """Derivative of ``y = np.sinc(x)``: ``(cos(pi x) - y) / x``, and 0 at ``x = 0``."""
    return _ratio(np.cos(np.pi * np.asarray(x)) - y, x)[()]


def nan_outside(value: Any, inside: Any, flowing: Any = 1.0) -> Any:
    """``value`` where ``inside`` is true; elsewhere NaN, or 0 where ``flowing`` is 0.  A
    log-density's partial outside the distribution's support, where the log-density is -inf in a
    neighbourhood and has no slope (central differences give NaN there too); derivative code
    passes the incoming gradient as ``flowing``, so that a gradient of 0 (a masked-out term)
    gives 0 there, not 0 * NaN."""
    out = np.where(inside, value, np.where(np.equal(flowing, 0), 0.0, np.nan))
    return out.astype(_float_dtype(value), copy=False)[()]


def safe_log(x: Any) -> Any:
    """``log(x)`` where ``x > 0`` and ``0`` elsewhere: the exponent-gradient of ``x ** y`` (a
    Python float for a Python number, which leaves a float32 factor float32)."""
    if x.__class__ in (float, int):
        return math.log(x) if x > 0 else 0.0
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, np.log(np.where(positive, x, 1.0)), 0.0)[()]


def share(u: Any) -> Any:
    """``1 / (1 + exp(u))``: an operand's share of ``np.logaddexp``, ``u`` the other operand less
    it (``x1``'s is ``share(x2 - x1)``), the sigmoid of ``-u``.  As a helper, not as its
    arithmetic in a rule, for its derivative: ``-s * (1 - s)`` is 0 where ``u`` is inf (an
    operand of -inf, a running ``np.logaddexp`` from ``-np.inf``), where that of the
    arithmetic, ``-exp(u) / (1 + exp(u)) ** 2``, is inf / inf, NaN.  Its value at ``+0.0`` and
    ``-0.0`` is the same bits (``0.5``: :mod:`tangentish.passes.even_at_zero`)."""
    return 1.0 / (1.0 + np.exp(u))


def share2(u: Any) -> Any:
    """``1 / (1 + 2 ** u)``: an operand's share of ``np.logaddexp2`` (as :func:`share`)."""
    return 1.0 / (1.0 + np.exp2(u))


def power(base: Any, exponent: Any) -> Any:
    """``base ** exponent`` in NumPy's arithmetic: a Python number is taken as ``np.float64``, so
    a partial of a Python float's power at a singular point is NumPy's inf or NaN (with its
    warning), as ``np.power``'s is, not a ``ZeroDivisionError`` (``0.0 ** -0.5``) or a complex
    number; an array or NumPy scalar is powered as it is (its dtype kept)."""
    if base.__class__ in (float, int):
        base = np.float64(base)
    return base ** exponent


def safe_log1p(x: Any) -> Any:
    """``log1p(x)`` where ``x > -1`` and ``0`` elsewhere (as :func:`safe_log`, for ``1 + x``)."""
    x = np.asarray(x)
    inside = x > -1.0
    return np.where(inside, np.log1p(np.where(inside, x, 0.0)), 0.0)[()]


def lower_degree(n: Any) -> Any:
    """``n - 1``, the degree of an orthogonal polynomial's derivative, and ``0`` for ``n = 0``
    (whose derivative is 0: the rules multiply by ``n != 0``), where SciPy's polynomials of degree
    -1 may be NaN."""
    if n.__class__ in (int, float):  # a Python number stays one (weak: float32 stays float32)
        return 0 if n == 0 else n - 1
    return np.where(np.equal(n, 0), 0, np.subtract(n, 1))[()]


def safe_reciprocal(x: Any) -> Any:
    """``1 / x`` where ``x > 0`` and ``0`` elsewhere (the derivative of :func:`safe_log`)."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, 1.0 / np.where(positive, x, 1.0), 0.0)[()]


def sinc_curvature(x: Any, y: Any) -> Any:
    """The partial of :func:`sinc_slope` by ``x`` with ``y = sinc(x)`` held: ``(-pi sin(pi x) -
    slope) / x``; at ``x = 0`` it is sinc's second derivative, ``-pi**2 / 3`` (there the partial by
    ``y``, ``-1/x``, is taken as 0, so the two add up to the exact second derivative)."""
    x = np.asarray(x)
    slope = sinc_slope(x, y)
    zero = x == 0
    curve = (-np.pi * np.sin(np.pi * x) - slope) / np.where(zero, 1.0, x)
    return np.where(zero, -np.pi ** 2 / 3.0, curve)[()]


# -- p-norms at second order: the partials of unnorm's value by x and by r --------------------------

def _pnorm(x: Any, r: Any, g: Any, ord: Any, axis: Any, keepdims: bool) -> tuple:
    """(p, x, restored g, restored r) of a vector p-norm (or Frobenius); p is None for the norms
    whose gradient is piecewise constant (vector 1, inf, 0, matrix 1/inf) or does not read r
    (spectral, nuclear).  (The 1-norm's gradient is g sign(x): its partials are 0, not (p - 1)
    times |x|**(p - 2), which is 0 * inf = NaN at x = 0.)"""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    axes = _axes(axis, x.ndim)
    gk = _restore(np.broadcast_to(_cotangent(g, x.dtype), np.shape(r)), x.shape, axis, keepdims)
    rk = _restore(r, x.shape, axis, keepdims)
    if ord is None or ord == "fro" or (ord == 2 and len(axes) == 1):
        return 2.0, x, gk, rk
    if len(axes) == 1 and ord not in (0, 1) and not np.isinf(ord):
        return float(ord), x, gk, rk
    return None, x, gk, rk  # spectral and nuclear: unnorm does not read r


def unnorm_curvature(w: Any, g: Any, x: Any, r: Any, ord: Any = None, axis: Any = None,
                     keepdims: bool = False) -> Any:
    """``w`` times the partial of ``unnorm(g, x, r)`` by ``x`` with ``r`` held (diagonal, so it is
    its own transpose): ``g (p - 1) |x|**(p - 2) / r**(p - 1)``; 0 for piecewise-linear norms.
    For the spectral (±2) and nuclear matrix norms, ``g`` times the norm's Hessian applied to ``w``
    (symmetric too)."""
    if ord in (2, -2, "nuc") and len(_axes(axis, np.ndim(x))) == 2:
        return _matrix_curvature(w, g, x, r, ord, axis, keepdims)
    p, x, gk, rk = _pnorm(x, r, g, ord, axis, keepdims)
    if p is None:
        return np.zeros_like(x)
    return _scalar_if_0d(w * gk * (p - 1.0) * _ratio(np.abs(x) ** (p - 2.0), rk ** (p - 1.0)))


def _matrix_curvature(w: Any, g: Any, x: Any, r: Any, ord: Any, axis: Any, keepdims: bool) -> Any:
    x = np.asarray(x, dtype=_gradient_dtype(x))
    row, col = _axes(axis, x.ndim)
    gk = _restore(np.broadcast_to(_cotangent(g, x.dtype), np.shape(r)), x.shape, axis, keepdims)
    moved = np.moveaxis(x, (row, col), (-2, -1))
    along = np.moveaxis(np.broadcast_to(_cotangent(w, x.dtype), x.shape), (row, col), (-2, -1))
    if ord == "nuc":
        hessian = nuclear_curvature(moved, along)
    else:
        hessian = spectral_curvature(moved, along, 0 if ord == 2 else -1)
    return gk * np.moveaxis(hessian, (-2, -1), (row, col))


def unnorm_scale(w: Any, g: Any, x: Any, r: Any, ord: Any = None, axis: Any = None,
                 keepdims: bool = False, transpose: bool = True) -> Any:
    """The partial of ``unnorm(g, x, r)`` by ``r`` (``x`` held), ``g sign(x) |x|**(p-1) (1 - p) /
    r**p``: applied to a tangent ``w`` of ``r`` (``transpose=False``), or transposed and applied
    to a cotangent ``w`` shaped like ``x`` (summed back to ``r``'s shape)."""
    p, x, gk, rk = _pnorm(x, r, g, ord, axis, keepdims)
    if p is None:
        return np.zeros_like(x) if not transpose else np.zeros(np.shape(r), dtype=x.dtype)[()]
    part = gk * np.sign(x) * np.abs(x) ** (p - 1.0) * (1.0 - p) * _ratio(1.0, rk ** p)
    if not transpose:
        return _scalar_if_0d(part * _restore(w, x.shape, axis, keepdims))
    return np.sum(part * w, axis=axis, keepdims=keepdims)[()]


# -- p-norms at third order ---------------------------------------------------------------------

def unnorm_partial(kind: str, a: Any, b: Any, g: Any, x: Any, r: Any, ord: Any = None,
                   axis: Any = None, keepdims: bool = False, reduce: bool = False) -> Any:
    """A partial of ``unnorm(g, x, r) = g phi(x, r)``, ``phi = sign(x) |x|**(p-1) / r**(p-1)``
    for a p-norm, times ``a`` and ``b`` (each shaped like ``x``, or like ``r`` and spread over
    ``x``'s reduced axes), summed back to ``r``'s shape with ``reduce``: ``kind`` names the
    derivatives after unnorm's own by ``x``, ``"xx"`` (unnorm_curvature's factor), ``"xr"``
    (unnorm_scale's), ``"xxx"``, ``"xxr"``, ``"xrr"`` (third derivatives).  Elementwise; 0 where
    ``r`` is 0 and where a negative power of ``|x|`` meets ``x = 0`` (the norms' convention).  The
    piecewise-linear norms give 0, the spectral and nuclear norms 0 by ``r`` (their curvature does
    not read it); their third derivative by ``x`` is refused."""
    xs = np.asarray(x)
    p, xs, gk, rk = _pnorm(xs, r, g, ord, axis, keepdims)
    matrix = ord in (2, -2, "nuc") and len(_axes(axis, xs.ndim)) == 2
    if matrix and kind == "xxx":
        raise UnsupportedConstructError(
            "tangentish does not differentiate the spectral or nuclear norm three times",
            hint="use the Frobenius norm (the default), or differentiate twice at most")
    if p is None or matrix:
        zero = np.zeros_like(xs)
        return np.sum(zero, axis=axis, keepdims=keepdims)[()] if reduce else _scalar_if_0d(zero)
    i, j = kind.count("x") - 1, kind.count("r")
    x_coefficient = (1.0, p - 1.0, (p - 1.0) * (p - 2.0))[i]
    r_coefficient = (1.0, 1.0 - p, (1.0 - p) * -p)[j]
    exponent = p - 1.0 - i
    magnitude = np.abs(xs)
    nonzero = magnitude > 0
    power = np.where(nonzero, np.where(nonzero, magnitude, 1.0) ** exponent,
                     1.0 if exponent == 0 else 0.0)
    factor = x_coefficient * power * (np.sign(xs) if i != 1 else 1.0) \
        * _ratio(r_coefficient, rk ** (p - 1.0 + j))
    out = gk * factor * _spread(a, xs, r, axis, keepdims) * _spread(b, xs, r, axis, keepdims)
    return np.sum(out, axis=axis, keepdims=keepdims)[()] if reduce else _scalar_if_0d(out)


def _spread(value: Any, x: np.ndarray, r: Any, axis: Any, keepdims: bool) -> Any:
    """``value`` shaped like ``x``, or like ``r`` (its reduced axes put back to broadcast)."""
    shape = np.shape(value)
    return _restore(value, x.shape, axis, keepdims) if shape == np.shape(r) and \
        shape != x.shape else value


def log_sum_exp(a: Any, axis: Any = 0, keepdims: bool = False) -> Any:
    """``np.logaddexp.reduce(a, axis, keepdims=keepdims)`` (what the user wrote: the same values),
    as a function a rule can name."""
    return np.logaddexp.reduce(a, axis=axis, keepdims=keepdims)


def log2_sum_exp2(a: Any, axis: Any = 0, keepdims: bool = False) -> Any:
    """``np.logaddexp2.reduce(a, axis, keepdims=keepdims)``, as a function a rule can name."""
    return np.logaddexp2.reduce(a, axis=axis, keepdims=keepdims)


def running_log_sum_exp(a: Any, axis: Any = 0) -> Any:
    """``np.logaddexp.accumulate(a, axis)`` (``r[j] = log(sum(exp(a[:j + 1])))``), as a function a
    rule can name."""
    return np.logaddexp.accumulate(a, axis=axis)


def running_log2_sum_exp2(a: Any, axis: Any = 0) -> Any:
    """``np.logaddexp2.accumulate(a, axis)``, as a function a rule can name."""
    return np.logaddexp2.accumulate(a, axis=axis)


def running_lse_tangent(t: Any, a: Any, r: Any, axis: Any = 0) -> Any:
    """``sum(t[k] * exp(a[k] - r[j]) for k <= j)`` along ``axis``: the tangent of ``r`` =
    ``running_log_sum_exp(a)``.  Computed as logs of the positive and negative parts of
    ``t * exp(a)``, run along with ``np.logaddexp.accumulate``, so no ``exp`` of ``a`` alone
    overflows (``a`` of 1e3 and more): each term ``a[k] - r[j]`` is at most 0."""
    return _signed_running(t, a, r, axis, reverse=False)


def running_lse_adjoint(g: Any, a: Any, r: Any, axis: Any = 0) -> Any:
    """``sum(g[j] * exp(a[k] - r[j]) for j >= k)`` along ``axis``: the adjoint of ``a`` for
    ``r = running_log_sum_exp(a)`` (the recursion ``T[k] = g[k] + exp(r[k] - r[k+1]) T[k+1]``,
    summed at once), by logs of the parts of ``g * exp(-r)`` accumulated from the end."""
    return _signed_running(g, a, r, axis, reverse=True)


def _signed_running(t: Any, a: Any, r: Any, axis: Any, reverse: bool) -> Any:
    t, a, r = np.broadcast_arrays(t, a, r)
    total = None
    for sign in (1.0, -1.0):
        with np.errstate(divide="ignore"):  # (log(0) = -inf: a term that adds nothing)
            part = np.log(np.maximum(sign * t, 0.0))
        if reverse:
            run = np.flip(np.logaddexp.accumulate(np.flip(part - r, axis), axis=axis), axis)
            term = np.exp(a + run)
        else:
            term = np.exp(np.logaddexp.accumulate(part + a, axis=axis) - r)
        total = term if total is None else total - term
    return total.astype(np.result_type(t, a, r), copy=False)[()]
