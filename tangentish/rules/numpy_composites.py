"""Composites of the differentiated primitives: ``trapezoid`` (``trapz`` on NumPy 1.x),
``ediff1d``, ``vander``, ``geomspace``, ``insert``, the polynomial arithmetic ``polyadd``/
``polysub``/``polymul``/``polyint``/``polydiv``, ``polyfit``, ``cov``/``corrcoef`` and ``linalg.multi_dot``.

Most adjoints are written with NumPy functions that have rules themselves, so they differentiate
again.  ``trapezoid`` is differentiated in ``y`` and ``dx`` (refused in ``x`` when it varies),
``ediff1d`` in ``ary``, ``to_begin`` and ``to_end``, ``insert`` in ``arr`` and
``values``, ``polyint`` in ``p`` (the constants ``k`` are refused at the call), ``polyfit`` in ``y``
(the pseudo-inverse of the Vandermonde matrix of ``x``, of full column rank, its rows and ``y``'s
times the weights ``w``; refused in ``x`` and ``w`` when they vary, with ``full=True`` or an
``rcond`` when it runs, and with ``cov`` at the call).  ``polydiv(u, v)``
gives ``q`` and ``r`` with ``u = q * v + r``: the first ``len(q)`` equations are a triangular
Toeplitz system ``T q = u[:len(q)]`` (``T`` made of ``v``), whose solve is itself a quotient, of
``b`` followed by ``len(v) - 1`` zeros; ``T``'s transpose is ``T`` reversed both ways, so its solve
is the quotient of ``b`` reversed, reversed.  ``r`` is the tail of ``u - q * v`` NumPy keeps.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, given, linear, non_differentiable, returns_sequence, rule

non_differentiable(runtime.trapezoid_weights, runtime.vander_powers, runtime.insert_sources,
                   runtime.insert_like, runtime.polyint_scale, runtime.polydiv_pad,
                   runtime.ediff1d_span, runtime.polyfit_lhs, runtime.polyfit_rows,
                   runtime.after_initial, runtime.half_steps, runtime.axis_pads)

@rule(np.ediff1d)
class Ediff1d:  # to_begin, the differences of ary flattened, to_end: linear in the three
    def adjoint(r, ary, to_end=None, to_begin=None):
        d[ary] = np.reshape(_rt.undiff(d[r][_rt.ediff1d_span(r, to_end, to_begin, 1)],
                                       np.ravel(ary)), np.shape(ary))
        d[to_end] = _rt.recast(np.reshape(d[r][_rt.ediff1d_span(r, to_end, to_begin, 2)],
                                          np.shape(to_end)), to_end)
        d[to_begin] = _rt.recast(np.reshape(d[r][_rt.ediff1d_span(r, to_end, to_begin, 0)],
                                            np.shape(to_begin)), to_begin)

    def tangent(r, ary, to_end=None, to_begin=None):
        d[r] = np.ediff1d(d[ary], to_end=d[to_end], to_begin=d[to_begin])


linear(np.polymul, lambda r, a1, a2: {a1: np.correlate(d[r], a2, "valid"),
                                      a2: np.correlate(d[r], a1, "valid")})
linear(np.polyint, lambda r, p, m=1: d[r][:np.size(p)] * _rt.polyint_scale(p, m))


def _trapezoid_rule(fn):
    @rule(fn)
    class Trapezoid:  # sum(y * w, axis): linear in y, the weights w from x, or dx times those of 1
        def adjoint(r, y, x=None, dx=1.0, axis=-1):
            if given(x):
                d[y] = np.expand_dims(d[r], axis) * _rt.trapezoid_weights(y, x, dx, axis)
                d[x] = _rt.no_derivative(x, "trapezoid in its sample points x")
                d[dx] = _rt.no_derivative(dx, "trapezoid in its spacing dx, x passed too")
            else:
                d[y] = np.expand_dims(d[r], axis) * _rt.trapezoid_weights(y, None, 1.0, axis) * dx
                d[dx] = _rt.unbroadcast(d[r] * np.sum(y * _rt.trapezoid_weights(
                    y, None, 1.0, axis), axis), dx)

        def tangent(r, y, x=None, dx=1.0, axis=-1):
            if given(x):
                d[r] = np.sum(d[y] * _rt.trapezoid_weights(y, x, dx, axis), axis) + _rt.no_tangent(
                    d[x], "trapezoid in its sample points x") + _rt.no_tangent(
                    d[dx], "trapezoid in its spacing dx, x passed too")
            else:
                d[r] = np.sum(d[y] * _rt.trapezoid_weights(y, None, 1.0, axis), axis) * dx + \
                    d[dx] * np.sum(y * _rt.trapezoid_weights(y, None, 1.0, axis), axis)


for _name in ("trapezoid", "trapz"):  # trapz: NumPy 1.x (to 2.3); trapezoid: NumPy >= 2.0
    if hasattr(np, _name):
        _trapezoid_rule(getattr(np, _name))


@rule(np.vander)
class Vander:  # r[i, j] = x[i] ** p[j]
    def adjoint(r, x, N=None, increasing=False):
        p = _rt.vander_powers(x, N, increasing)
        d[x] = np.sum(d[r] * p * x[:, np.newaxis] ** np.maximum(p - 1.0, 0.0), axis=1)

    def tangent(r, x, N=None, increasing=False):
        p = _rt.vander_powers(x, N, increasing)
        d[r] = d[x][:, np.newaxis] * p * x[:, np.newaxis] ** np.maximum(p - 1.0, 0.0)


@rule(np.geomspace)
class Geomspace:  # start * (stop / start) ** t: dr = r * ((1 - t) dstart / start + t dstop / stop)
    def adjoint(r, start, stop, num=50, endpoint=True, dtype=None, axis=0):
        t = _rt.linspace_steps(r, num, endpoint, axis)
        g = _rt.recast(d[r], r, dtype) * r  # an integer dtype rounds: derivative 0
        d[start] = _rt.unbroadcast(np.sum(g * (1.0 - t), axis) / start, start)
        d[stop] = _rt.unbroadcast(np.sum(g * t, axis) / stop, stop)

    def tangent(r, start, stop, num=50, endpoint=True, dtype=None, axis=0):
        t = _rt.linspace_steps(r, num, endpoint, axis)
        d[r] = _rt.recast(r * ((1.0 - t) * np.expand_dims(d[start] / start, axis)
                               + t * np.expand_dims(d[stop] / stop, axis)), r, dtype)


@rule(np.insert)
class Insert:  # linear in (arr, values) jointly: every element of the result is copied from one
    def adjoint(r, arr, obj, values, axis=None):
        d[arr] = np.reshape(_rt.unmoved(d[r], _rt.insert_like(arr, values), _rt.insert_sources(
            arr, obj, values, axis))[:np.size(arr)], np.shape(arr))
        d[values] = _rt.recast(np.reshape(_rt.unmoved(d[r], _rt.insert_like(arr, values),
                                                      _rt.insert_sources(arr, obj, values, axis))[
            np.size(arr):], np.shape(values))[()], values, np.result_type(r))

    def tangent(r, arr, obj, values, axis=None):  # (values take arr's dtype: truncated to an int)
        d[r] = _rt.recast(np.insert(d[arr], obj, d[values], axis), r, np.result_type(r))


@rule(np.polyadd)
class Polyadd:  # the shorter coefficients padded with leading zeros
    def adjoint(r, a1, a2):
        d[a1] = np.reshape(d[r][np.size(r) - np.size(a1):], np.shape(a1))
        d[a2] = np.reshape(d[r][np.size(r) - np.size(a2):], np.shape(a2))

    def tangent(r, a1, a2):
        d[r] = np.polyadd(d[a1], d[a2])


@rule(np.polysub)
class Polysub:
    def adjoint(r, a1, a2):
        d[a1] = np.reshape(d[r][np.size(r) - np.size(a1):], np.shape(a1))
        d[a2] = -np.reshape(d[r][np.size(r) - np.size(a2):], np.shape(a2))

    def tangent(r, a1, a2):
        d[r] = np.polysub(d[a1], d[a2])


@rule(np.polydiv)
class Polydiv:  # u (padded to len(v)) = q * v + r: dq solves T dq = du[:k] - (q * dv)[:k]
    def adjoint(r, u, v):
        pad = _rt.polydiv_pad(u, v)
        size = np.size(u) + pad
        zeros = np.zeros(size + np.size(v), r[0].dtype)  # (zeros of the primal's dtype)
        g_r = np.concatenate((zeros[:size - np.size(r[1])], _rt.part(d[r], r, 1)))
        g_q = _rt.part(d[r], r, 0) - np.correlate(g_r, np.ravel(v), "valid")
        g_b = np.flip(np.polydiv(np.concatenate((np.flip(g_q), zeros[:np.size(v) - 1])), v)[0])
        g_u = g_r + np.concatenate((g_b, zeros[:size - np.size(r[0])]))
        d[u] = np.reshape(g_u[pad:], np.shape(u))
        d[v] = np.reshape(-np.correlate(g_u, r[0], "valid"), np.shape(v))

    def tangent(r, u, v):
        zeros = np.zeros(np.size(u) + np.size(v), r[0].dtype)
        t_u = np.concatenate((zeros[:_rt.polydiv_pad(u, v)], np.ravel(d[u])))
        b = t_u[:np.size(r[0])] - np.convolve(r[0], np.ravel(d[v]))[:np.size(r[0])]
        t_q = np.polydiv(np.concatenate((b, zeros[:np.size(v) - 1])), v)[0]
        t_r = t_u - np.convolve(t_q, np.ravel(v)) - np.convolve(r[0], np.ravel(d[v]))
        d[r] = (t_q, t_r[np.size(t_u) - np.size(r[1]):])


returns_sequence(np.polydiv)


@rule(np.poly)
class Poly:  # c = prod_j (z - r_j) of 1-d real roots: dc/dr_j = -[0, np.poly of the others]
    def adjoint(r, seq_of_zeros):
        d[seq_of_zeros] = -np.matmul(_rt.poly_drop(seq_of_zeros, 1), np.ravel(d[r])[1:])

    def tangent(r, seq_of_zeros):
        d[r] = np.reshape(np.concatenate((np.zeros(1, np.result_type(r)), -np.matmul(
            d[seq_of_zeros], _rt.poly_drop(seq_of_zeros, 1)))), np.shape(r))

@rule(np.linalg.multi_dot)
class MultiDot:  # linear in each matrix: the sum of the chains with one tangent each
    def adjoint(r, arrays):
        d[arrays] = _rt.multi_dot_adjoint(d[r], arrays)

    def tangent(r, arrays):
        d[r] = _rt.multi_dot_tangent(d[arrays], arrays)


_POLYFIT_X = "np.polyfit in its sample points x (hold x constant, or fit with np.linalg.lstsq(" \
    "np.vander(x, deg + 1), y))"


@rule(np.polyfit)
class Polyfit:  # c = pinv(V) y, V = vander(x, deg + 1) of full column rank (its rows and y's
    # times the weights w): linear in y
    def adjoint(r, x, y, deg, rcond=None, full=False, w=None):
        p = _rt.full_rank_pinv(np.linalg.pinv(_rt.polyfit_lhs(x, deg, w, rcond, full)),
                               _rt.polyfit_lhs(x, deg, w))
        if given(w):
            d[y] = _rt.polyfit_rows(w, y) * np.matmul(np.transpose(p), d[r])
            d[w] = _rt.no_derivative(w, "np.polyfit in its weights w")
        else:
            d[y] = np.matmul(np.transpose(p), d[r])
        d[x] = _rt.no_derivative(x, _POLYFIT_X)

    def tangent(r, x, y, deg, rcond=None, full=False, w=None):
        p = _rt.full_rank_pinv(np.linalg.pinv(_rt.polyfit_lhs(x, deg, w, rcond, full)),
                               _rt.polyfit_lhs(x, deg, w))
        if given(w):
            d[r] = np.matmul(p, _rt.polyfit_rows(w, y) * d[y]) + _rt.no_tangent(
                d[x], _POLYFIT_X) + _rt.no_tangent(d[w], "np.polyfit in its weights w")
        else:
            d[r] = np.matmul(p, d[y]) + _rt.no_tangent(d[x], _POLYFIT_X)
