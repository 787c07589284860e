"""The rules of the runtime helpers that stand for a NumPy or Python form in the code the passes
lower (not only in derivative code): ``np.max(a, initial=v)`` is ``_rt.extremum_from`` and a
reduction's start ``_rt.as_start`` (passes/reduction_forms.py, with ``_rt.where_count`` counting a
``where=``), ``np.logaddexp.reduce`` is ``_rt.log_sum_exp`` and ``np.logaddexp.accumulate``
``_rt.running_log_sum_exp`` (passes/call_forms.py; with the two helpers of its derivative, each
the other's transpose, so it is differentiated to any order), ``np.abs(z) ** 2`` is
``_rt.squared_magnitude`` (passes/squared_magnitudes.py; ``np.hypot(a, b) ** 2``
``_rt.squared_hypot``, ``math.dist(p, q) ** 2`` ``_rt.squared_distance``, a norm's square
summed and given the type of its spelling by ``_rt.squared_as``), ``xs.pop()`` as a
statement ``_rt.drop_last`` (passes/normalize.py); ``_rt.vander_slopes`` (the slopes of a
``numpy.polynomial`` pseudo-Vandermonde matrix, rules/numpy_series.py), ``_rt.bessel_i``
(``np.i0``'s derivative and its own, to any order), ``_rt.log1p_excess`` (the generalized
distributions' shape slopes, the same), ``_rt.poly_drop`` (``np.poly``'s, the same),
``_rt.series_coefficients`` (a ``numpy.polynomial`` series object's coefficients,
passes/series_objects.py), ``_rt.reached_solve`` (the solve in the adjoints of ``np.linalg.solve``,
``scipy.linalg.solve`` and ``solve_banded``), ``_rt.reached_product`` (``@``'s and
``np.linalg.lstsq``'s adjoint product), ``_rt.triangular_reached``, ``_rt.cho_reached`` and
``_rt.lu_reached`` (the triangular, Cholesky and LU solves' adjoints) and the matrices the
supports see (``_rt.triangular_system``, ``_rt.cho_system``, ``_rt.lu_system``); and the helpers
computing axes or indices only.

Imported on the first question about one of them (``rules.ON_DEMAND``): a function none of these
forms are written for loads neither these rules nor the runtime families their keys live in.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import adjoint, d, elementwise, linear, non_differentiable, rule, tangent

non_differentiable(runtime.where_count, runtime.kept_ties, runtime.start_share, runtime.one_axis,
                   runtime.einsum_adjoint_subscripts, runtime.tensordot_adjoint_axes,
                   runtime.tensordot_adjoint_order, runtime.diff_mask,
                   runtime.gradient_mask, runtime.weighs, runtime.undiff_reach,
                   runtime.ungradient_reach, runtime.cross_reach)


@rule(runtime.extremum_from)
class ExtremumFrom:  # max/min with initial= (passes/reduction_forms.py): a tie with it shares too
    def adjoint(r, a, start, axis=None, keepdims=False, where=True, smallest=False):
        d[a] = _rt.chosen(_rt.unreduce(d[r], a, axis=axis, keepdims=keepdims),
                          _rt.kept_ties(a, r, start, axis=axis, keepdims=keepdims, where=where))
        d[start] = _rt.unbroadcast(_rt.chosen(d[r], _rt.start_share(
            a, r, start, axis=axis, keepdims=keepdims, where=where)), start)

    def tangent(r, a, start, axis=None, keepdims=False, where=True, smallest=False):
        d[r] = np.sum(_rt.chosen(d[a], _rt.kept_ties(a, r, start, axis=axis, keepdims=keepdims,
                                                      where=where)), axis=axis,
                      keepdims=keepdims) + _rt.chosen(d[start], _rt.start_share(
                          a, r, start, axis=axis, keepdims=keepdims, where=where))


@rule(runtime.as_start)
class AsStart:  # where a reduction given initial= starts (passes/reduction_forms.py): a cast
    def adjoint(r, initial, like):  # (r: a NumPy number of the dtype cast to)
        d[initial] = _rt.recast(d[r], initial, np.result_type(r))

    def tangent(r, initial, like):
        d[r] = _rt.recast(d[initial], r, np.result_type(r))


@rule(runtime.drop_last)  # `xs.pop()` as a statement (normalize splits `v = xs.pop()`)
class DropLast:
    def adjoint(result, items, last):
        d[items] = _rt.unpopped(d[result], last)

    def tangent(result, items, last):
        d[result] = d[items][:-1]


@rule(runtime.log_sum_exp)
class LogSumExp:  # d/da log(sum(exp(a))) = exp(a - r): the softmax weights
    def adjoint(r, a, axis=0, keepdims=False):
        d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * np.exp(
            a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=0, keepdims=False):
        d[r] = np.sum(d[a] * np.exp(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)), axis,
                      keepdims=keepdims)


@rule(runtime.squared_magnitude)
class SquaredMagnitude:  # |z|**2 = Re(z)**2 + Im(z)**2 (passes/squared_magnitudes.py)
    def adjoint(y, z, written="np.abs(z) ** 2"):  # (dL/dRe + 1j dL/dIm of a complex z: 2 g z)
        d[z] = 2.0 * d[y] * z

    def tangent(y, z, written="np.abs(z) ** 2"):  # (the value as written: its type, its dtype)
        d[y] = 2.0 * np.real(np.conj(z) * d[z])


@rule(runtime.squared_hypot)
class SquaredHypot:  # hypot(a, b)**2 = a**2 + b**2 (passes/squared_magnitudes.py)
    def adjoint(y, a, b, written="{} ** 2"):
        d[a] = _rt.unbroadcast(2.0 * d[y] * a, a)
        d[b] = _rt.unbroadcast(2.0 * d[y] * b, b)

    def tangent(y, a, b, written="{} ** 2"):  # (of the value's dtype, as written)
        d[y] = np.asarray(2.0 * (a * d[a] + b * d[b]), np.result_type(y))[()]


@rule(runtime.squared_as)
class SquaredAs:  # sqrt(total) squared as written: the identity, in the type of the square
    def adjoint(y, total, written="{} ** 2"):
        d[total] = d[y]

    def tangent(y, total, written="{} ** 2"):
        d[y] = np.asarray(d[total], np.result_type(y))[()]


@rule(runtime.squared_distance)
class SquaredDistance:  # math.dist(p, q)**2 = sum((p - q)**2) (passes/squared_magnitudes.py)
    def adjoint(y, p, q):
        d[p] = 2.0 * d[y] * (np.array(p, dtype=float) - np.array(q, dtype=float))
        d[q] = -2.0 * d[y] * (np.array(p, dtype=float) - np.array(q, dtype=float))

    def tangent(y, p, q):  # (a Python float, as the value: weak beside float32)
        d[y] = float(2.0 * np.sum((np.array(d[p]) - np.array(d[q]))
                                  * (np.array(p, dtype=float) - np.array(q, dtype=float))))


@rule(runtime.log2_sum_exp2)
class Log2SumExp2:  # d/da log2(sum(2 ** a)) = 2 ** (a - r)
    def adjoint(r, a, axis=0, keepdims=False):
        d[a] = _rt.unreduce(d[r], a, axis=axis, keepdims=keepdims) * np.exp2(
            a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims))

    def tangent(r, a, axis=0, keepdims=False):
        d[r] = np.sum(d[a] * np.exp2(a - _rt.unreduce(r, a, axis=axis, keepdims=keepdims)), axis,
                      keepdims=keepdims)


@rule(runtime.running_log_sum_exp)
class RunningLogSumExp:  # np.logaddexp.accumulate: d r[j] / d a[k] = exp(a[k] - r[j]) for k <= j,
    # summed by the two helpers below in logs (no exp(a) alone: a of 1e3 does not overflow)
    def adjoint(r, a, axis=0):
        d[a] = _rt.running_lse_adjoint(d[r], a, r, axis)

    def tangent(r, a, axis=0):
        d[r] = _rt.running_lse_tangent(d[a], a, r, axis)


@rule(runtime.running_log2_sum_exp2)
class RunningLog2SumExp2:  # np.logaddexp2.accumulate: the same in base 2 (a and r times
    # log 2, a Python float: float32 stays float32)
    def adjoint(r, a, axis=0):
        d[a] = _rt.running_lse_adjoint(d[r], a * 0.6931471805599453, r * 0.6931471805599453, axis)

    def tangent(r, a, axis=0):
        d[r] = _rt.running_lse_tangent(d[a], a * 0.6931471805599453, r * 0.6931471805599453, axis)


@rule(runtime.running_lse_tangent)
class RunningLseTangent:  # out[j] = sum(t[k] exp(a[k] - r[j]), k <= j): linear in t; each term
    # is its own derivative in a[k] and the negative of it in r[j]; the transpose sums over j >= k
    def adjoint(out, t, a, r, axis=0):
        d[t] = _rt.unbroadcast(_rt.running_lse_adjoint(d[out], a, r, axis), t)
        d[a] = _rt.unbroadcast(t * _rt.running_lse_adjoint(d[out], a, r, axis), a)
        d[r] = _rt.unbroadcast(-d[out] * out, r)

    def tangent(out, t, a, r, axis=0):
        d[out] = _rt.running_lse_tangent(d[t] + t * d[a], a, r, axis) - out * d[r]


@rule(runtime.running_lse_adjoint)
class RunningLseAdjoint:  # out[k] = sum(g[j] exp(a[k] - r[j]), j >= k): the transpose of the above
    def adjoint(out, g, a, r, axis=0):
        d[g] = _rt.unbroadcast(_rt.running_lse_tangent(d[out], a, r, axis), g)
        d[a] = _rt.unbroadcast(d[out] * out, a)
        d[r] = _rt.unbroadcast(-g * _rt.running_lse_tangent(d[out], a, r, axis), r)

    def tangent(out, g, a, r, axis=0):
        d[out] = _rt.running_lse_adjoint(d[g] - g * d[r], a, r, axis) + out * d[a]


@rule(runtime.vander_slopes)
class VanderSlopes:  # r[..., k] = the m-th derivative of basis function k at x
    def adjoint(r, x, deg, vander, der, m=1):
        d[x] = np.reshape(np.sum(d[r] * _rt.vander_slopes(x, deg, vander, der, m + 1), axis=-1),
                          np.shape(x))

    def tangent(r, x, deg, vander, der, m=1):
        d[r] = np.expand_dims(d[x], -1) * _rt.vander_slopes(x, deg, vander, der, m + 1)


@rule(runtime.bessel_i)
class BesselI:  # I_n' = (I_{n-1} + I_{n+1}) / 2, with I_{-1} = I_1 (n an integer, held)
    def adjoint(y, n, x):
        d[x] = d[y] * (0.5 * (_rt.bessel_i(abs(n - 1), x) + _rt.bessel_i(n + 1, x)))

    def tangent(y, n, x):
        d[y] = d[x] * (0.5 * (_rt.bessel_i(abs(n - 1), x) + _rt.bessel_i(n + 1, x)))


@rule(runtime.poly_drop)
class PolyDrop:  # each entry np.poly of the roots but k: its slope in root j is -[0, the same
    # without j too] (rows of a repeated index are 0 at every order)
    def adjoint(r, seq, k):
        d[seq] = -np.sum(np.reshape(np.sum(d[r][..., np.newaxis, 1:] * _rt.poly_drop(seq, k + 1),
                                           axis=-1), (-1, np.size(seq))), axis=0)

    def tangent(r, seq, k):
        d[r] = np.concatenate((np.zeros(np.shape(r)[:-1] + (1,), np.result_type(r)), -np.sum(
            _rt.poly_drop(seq, k + 1) * d[seq][:, np.newaxis], axis=-2)), axis=-1)


@rule(runtime.log1p_excess)
class Log1pExcess:  # the n-th derivative of g(u) = (log1p(u) - u / (1 + u)) / u**2 (n held)
    def adjoint(y, u, n=0):
        d[u] = d[y] * _rt.log1p_excess(u, n + 1)

    def tangent(y, u, n=0):
        d[y] = d[u] * _rt.log1p_excess(u, n + 1)


elementwise(runtime.sine_moment, lambda y, phi, n: np.sin(phi) ** (2 * n),  # (n: an order)
            lambda y, phi, n: _rt.no_derivative(n, "the order of a moment of sin^2"))

# a series object's coefficients (passes/series_objects.py): NumPy's copy as a 1-d float array
linear(runtime.series_coefficients, lambda r, c: np.reshape(d[r], np.shape(c)))


@rule(runtime.reached_solve)
class ReachedSolve:  # np.linalg.solve of a matrix or a stack (the adjoints of np.linalg.solve,
    def adjoint(x, a, g):  # scipy.linalg.solve and solve_banded; g: columns, or one vector)
        g_bar = _rt.reached_solve(np.swapaxes(a, -1, -2), d[x])
        d[g] = g_bar
        d[a] = -(_rt.as_column(g_bar) @ np.swapaxes(_rt.as_column(x), -1, -2))

    def tangent(x, a, g):  # (a temporary: a term whose tangent is 0 by symbol goes)
        rhs = d[g] - d[a] @ x
        d[x] = _rt.reached_solve(a, rhs)


@rule(runtime.reached_product)
class ReachedProduct:  # m @ g (np.linalg.lstsq's adjoint; g: columns, or one vector)
    def adjoint(r, m, g):
        d[g] = _rt.reached_product(np.swapaxes(m, -1, -2), d[r])
        d[m] = _rt.as_column(d[r]) @ np.swapaxes(_rt.as_column(g), -1, -2)

    def tangent(r, m, g):
        d[r] = _rt.reached_product(m, d[g]) + d[m] @ g


@rule(runtime.triangular_reached)  # (solve_triangular's adjoint: r solves m.T @ r = g, m the
class TriangularReached:  # matrix of _rt.triangular_system; the solver's r wherever g is finite,
    def adjoint(r, solution, a, g, trans=0, lower=False, unit_diagonal=False):  # whose code the
        d[solution] = d[r]  # adjoint differentiates already)

    def tangent(r, solution, a, g, trans=0, lower=False, unit_diagonal=False):
        rhs = d[g] - np.swapaxes(_rt.transposed_if(_rt.triangle(d[a], lower, unit_diagonal),
                                                   trans), -1, -2) @ r
        d[r] = _rt.triangular_reached(d[solution], a, rhs, trans=trans, lower=lower,
                                      unit_diagonal=unit_diagonal)


@rule(runtime.cho_reached)
class ChoReached:  # (cho_solve's adjoint: r solves l @ l.T @ r = g)
    def adjoint(r, solution, c_and_lower, g):
        d[solution] = d[r]

    def tangent(r, solution, c_and_lower, g):  # (l_dot @ l.T + l @ l_dot.T) @ r: n^2 work
        low = _rt.as_lower(_rt.triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
        low_dot = _rt.as_lower(_rt.triangle(d[c_and_lower][0], c_and_lower[1]), c_and_lower[1])
        rhs = d[g] - low_dot @ (np.swapaxes(low, -1, -2) @ r) - low @ (np.swapaxes(
            low_dot, -1, -2) @ r)  # (a temporary: a term whose tangent is 0 by symbol goes)
        d[r] = _rt.cho_reached(d[solution], c_and_lower, rhs)


@rule(runtime.lu_reached)
class LuReached:  # (lu_solve's adjoint: r solves m.T @ r = g, m = p.T @ l @ u transposed for trans)
    def adjoint(r, solution, lu_and_piv, g, trans=0):
        d[solution] = d[r]

    def tangent(r, solution, lu_and_piv, g, trans=0):
        m_dot = _rt.transposed_if((np.tril(d[lu_and_piv][0], -1) @ np.triu(lu_and_piv[0]) + (
            np.tril(lu_and_piv[0], -1) + np.eye(np.shape(r)[0], dtype=r.dtype)) @ np.triu(
            d[lu_and_piv][0]))[np.argsort(_rt.lu_rows(lu_and_piv[1]))], trans)
        rhs = d[g] - np.swapaxes(m_dot, -1, -2) @ r
        d[r] = _rt.lu_reached(d[solution], lu_and_piv, rhs, trans=trans)


@rule(runtime.triangular_system)
class TriangularSystem:  # affine in a: its triangle, and ones on the diagonal for unit_diagonal
    def adjoint(r, a, trans=0, lower=False, unit_diagonal=False):
        d[a] = _rt.triangle(_rt.transposed_if(d[r], trans), lower, unit_diagonal)

    def tangent(r, a, trans=0, lower=False, unit_diagonal=False):
        d[r] = _rt.transposed_if(_rt.triangle(d[a], lower, unit_diagonal), trans)


@tangent(runtime.cho_system)  # l @ l.T
def cho_system_tangent(r, c_and_lower):
    low = _rt.as_lower(_rt.triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
    low_dot = _rt.as_lower(_rt.triangle(d[c_and_lower][0], c_and_lower[1]), c_and_lower[1])
    d[r] = low_dot @ np.swapaxes(low, -1, -2) + low @ np.swapaxes(low_dot, -1, -2)


@adjoint(runtime.cho_system)  # l's adjoint: tril((g + g.T) @ l)
def cho_system_adjoint(r, c_and_lower):
    low = _rt.as_lower(_rt.triangle(c_and_lower[0], c_and_lower[1]), c_and_lower[1])
    d[c_and_lower] = _rt.unindex(_rt.as_lower(np.tril((d[r] + np.swapaxes(d[r], -1, -2)) @ low),
                                              c_and_lower[1]), c_and_lower, 0)


@adjoint(runtime.lu_system)  # lu's adjoint: tril(p g u^T, -1) + triu(l^T p g)
def lu_system_adjoint(r, lu_and_piv, trans=0):
    pg = _rt.transposed_if(d[r], trans)[_rt.lu_rows(lu_and_piv[1])]
    d[lu_and_piv] = _rt.unindex(np.tril(pg @ np.swapaxes(np.triu(lu_and_piv[0]), -1, -2), -1)
                                + np.triu(np.swapaxes(np.tril(lu_and_piv[0], -1) + np.eye(
                                    np.shape(r)[-1], dtype=r.dtype), -1, -2) @ pg), lu_and_piv, 0)


@tangent(runtime.lu_system)  # p.T @ l @ u, transposed for trans
def lu_system_tangent(r, lu_and_piv, trans=0):
    low = np.tril(lu_and_piv[0], -1) + np.eye(np.shape(r)[-1], dtype=r.dtype)
    d[r] = _rt.transposed_if((np.tril(d[lu_and_piv][0], -1) @ np.triu(lu_and_piv[0]) + low @ np.triu(
        d[lu_and_piv][0]))[np.argsort(_rt.lu_rows(lu_and_piv[1]))], trans)


# the series of numpy.polynomial at points (chebval...: numpy_series.py), read again: linear in
# the coefficients, and in the points each basis function moves with its point
_SERIES_X3 = "a numpy.polynomial series' slope in its points x differentiated in x again (a " \
    "third derivative in the points)"


@rule(runtime.unseries)
class Unseries:  # linear in g; c gives its shape only; in x each point's basis moves with it
    def adjoint(r, g, x, c, vander, tensor=True):
        d[g] = _rt.unbroadcast(_rt.series_at(d[r], x, vander, tensor), g)
        d[x] = _rt.unbroadcast(g * _rt.series_slope(d[r], x, vander, tensor), x)

    def tangent(r, g, x, c, vander, tensor=True):
        d[r] = _rt.unseries(d[g], x, c, vander, tensor) + _rt.unseries_slope(
            g * d[x], x, c, vander, tensor)


@rule(runtime.series_at)
class SeriesAt:  # linear in h; in x the slope of the series at each point
    def adjoint(r, h, x, vander, tensor=True):
        d[h] = _rt.unseries(d[r], x, h, vander, tensor)
        d[x] = _rt.unbroadcast(d[r] * _rt.series_slope(h, x, vander, tensor), x)

    def tangent(r, h, x, vander, tensor=True):
        d[r] = _rt.series_at(d[h], x, vander, tensor) + d[x] * _rt.series_slope(
            h, x, vander, tensor)


@rule(runtime.unseries_slope)
class UnseriesSlope:  # linear in g (series_slope's transpose); in x: refused (third order)
    def adjoint(r, g, x, c, vander, tensor=True):
        d[g] = _rt.unbroadcast(_rt.series_slope(d[r], x, vander, tensor), g)
        d[x] = _rt.no_derivative(x, _SERIES_X3)

    def tangent(r, g, x, c, vander, tensor=True):
        d[r] = _rt.unseries_slope(d[g], x, c, vander, tensor) + _rt.no_tangent(d[x], _SERIES_X3)


@rule(runtime.series_slope)
class SeriesSlope:  # linear in h; in x: refused (third order)
    def adjoint(r, h, x, vander, tensor=True):
        d[h] = _rt.unseries_slope(d[r], x, h, vander, tensor)
        d[x] = _rt.no_derivative(x, _SERIES_X3)

    def tangent(r, h, x, vander, tensor=True):
        d[r] = _rt.series_slope(d[h], x, vander, tensor) + _rt.no_tangent(d[x], _SERIES_X3)
