"""Derivatives of the runtime helpers of the newer families (rearrangements, gathers,
contractions, linear algebra, checks), so that derivative code calling them can be differentiated
again.  Almost all are linear in their gradient argument and read their other arguments for shapes
and indexes only: the adjoint is the plain NumPy map they transpose (``np.diagonal`` for
``undiagonal``, ``np.take`` for ``untake``...).  Where a helper depends smoothly on another
argument its rule says so, or refuses it (``_rt.no_derivative``) instead of leaving it out.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, elementwise, linear, non_differentiable, returns_sequence, rule

non_differentiable(runtime.linspace_steps, runtime.other_trans, runtime.lower_degree,
                   runtime.block_ndim, runtime.lifted_shape, runtime.tensor_axes,
                   runtime.tensor_solve_shapes, runtime.tensor_inv_shapes, runtime.join_dtype)

# -- rearrangements: each the transpose of a plain NumPy map ---------------------------------------
# one triangle of a matrix read as a symmetric one (scipy.linalg's symmetric solves, numpy.linalg's
# cholesky, eigh, eigvalsh) and the adjoint of that reading: each the other's transpose
linear(runtime.read_matrix, lambda r, a, assume_a=None, lower=False:
       _rt.fold_reads(d[r], assume_a, lower))
linear(runtime.fold_reads, lambda r, g, assume_a=None, lower=False:
       _rt.read_matrix(d[r], assume_a, lower))
linear(runtime.undiagonal, lambda r, g, a, offset=0, axis1=0, axis2=1:
       np.diagonal(d[r], offset, axis1, axis2))
linear(runtime.untrace, lambda r, g, a, offset=0, axis1=0, axis2=1:
       _rt.fit(np.trace(d[r], offset, axis1, axis2), g))
linear(runtime.undiag, lambda r, g, v, k=0: np.diag(d[r], k))
linear(runtime.unrollaxis, lambda r, g, a, axis, start=0: np.rollaxis(d[r], axis, start))
linear(runtime.unrepeat, lambda r, g, a, repeats, axis=None:
       _rt.fit(np.repeat(d[r], repeats, axis=axis), g))
linear(runtime.untile, lambda r, g, a, reps: _rt.fit(np.tile(d[r], reps), g))
linear(runtime.unpad, lambda r, g, array, pad_width, mode="constant", stat_length=None,
       end_values=0.0: _rt.fit(_rt.pad_tangent(d[r], array, pad_width, mode, 0.0, stat_length,
                                               end_values), g))


@rule(runtime.pad_tangent)
class PadTangent:  # linear in t and constant_values jointly (np.pad's own rule, of its tangent)
    def adjoint(r, t, array, pad_width, mode="constant", constant_values=0.0, stat_length=None,
                end_values=0.0):
        d[t] = _rt.unpad(d[r], array, pad_width, mode, stat_length, end_values)
        d[constant_values] = _rt.pad_border(d[r], array, pad_width, constant_values)

    def tangent(r, t, array, pad_width, mode="constant", constant_values=0.0, stat_length=None,
                end_values=0.0):
        d[r] = _rt.pad_tangent(d[t], array, pad_width, mode, d[constant_values], stat_length,
                               end_values)


linear(runtime.pad_border, lambda r, g, array, pad_width, constant_values=0.0:
       _rt.fit(np.pad(np.zeros(np.shape(array)), pad_width, constant_values=1.0) * d[r], g))
linear(runtime.rejoin, lambda r, pieces, like, how="concatenate", axis=0:
       _rt.unjoin(d[r], like, how, axis))
linear(runtime.unjoin, lambda r, g, arrays, how="concatenate", axis=0:
       _rt.fit(_rt.rejoin(d[r], arrays, how, axis), g))
linear(runtime.unsplit, lambda r, pieces, parts, ary, axis=0:
       _rt.unjoin(np.reshape(d[r], np.shape(_rt.rejoin(parts, parts, "concatenate", axis))),
                  parts, "concatenate", axis))
linear(runtime.undiff, lambda r, g, a, n=1, axis=-1: np.diff(d[r], n, axis))
linear(runtime.diff_edge, lambda r, edge, a, axis=-1: {edge: _rt.unbroadcast(d[r], edge)})
elementwise(runtime.period_of, lambda r, period: np.sign(period))
linear(runtime.unreduceat, lambda r, g, array, indices, axis=0:
       np.add.reduceat(d[r], indices, axis))
linear(runtime.moved, lambda r, c, source: _rt.unmoved(d[r], c, source))
linear(runtime.unmoved, lambda r, g, like, source: _rt.fit(_rt.moved(d[r], source), g))
linear(runtime.recast, lambda r, g, like, dtype=None: _rt.recast(d[r], g, dtype))
linear(runtime.transposed_if, lambda r, m, trans: _rt.transposed_if(d[r], trans))
linear(runtime.triangle, lambda r, m, lower=False, unit_diagonal=False:
       _rt.triangle(d[r], lower, unit_diagonal))
linear(runtime.as_lower, lambda r, c, lower=False: _rt.as_lower(d[r], lower))
linear(runtime.outer_left, lambda r, a, b: np.reshape(d[r], np.shape(a)))
linear(runtime.solve_columns, lambda r, v, a, b=None: np.reshape(d[r], np.shape(v)))
linear(runtime.thin_only, lambda r, u, a, full_matrices=True: d[r])
linear(runtime.thin_cotangent, lambda r, g, a, full_matrices=True, axis=-1: d[r])
linear(runtime.tall_only, lambda r, q, a: d[r])
linear(runtime.full_rank_only, lambda r, x, rank, a: d[r])
linear(runtime.full_rank_pinv, lambda r, p, a: d[r])
linear(runtime.nonsingular_only, lambda r, t, sign: d[r])
linear(runtime.residuals_fit, lambda r, value, like: _rt.residuals_fit(d[r], value))
linear(runtime.part, lambda res, cotangent, result, i: _rt.unindex(d[res], result, i))
linear(runtime.real_only, lambda r, value, what, of: _rt.real_only(d[r], what, of))
linear(runtime.matrices_only, lambda r, a, what: _rt.matrices_only(d[r], what))
linear(runtime.basis_free, lambda r, coupling, w, what, skew=False, rest=0.0: d[r])
linear(runtime.real_eigenvalues, lambda r, value, what, w: _rt.real_eigenvalues(d[r], what, w))
linear(runtime.no_derivative, lambda r, value, what: _rt.no_derivative(d[r], what))
linear(runtime.no_tangent, lambda r, tangent, what: _rt.no_tangent(d[r], what))
linear(runtime.values_only, lambda r, value, compute_uv: _rt.values_only(d[r], compute_uv))

# -- gathers ----------------------------------------------------------------------------------------
linear(runtime.untake, lambda r, g, a, indices, axis=None:
       _rt.fit(np.take(d[r], indices, axis=axis), g))
linear(runtime.as_column, lambda r, a: np.reshape(d[r], np.shape(a))[()])
linear(runtime.item_of, lambda r, t, index=None: _rt.unitem(d[r], t, index=index))
linear(runtime.unitem, lambda r, g, a, index=None: _rt.item_of(d[r], index=index))
linear(runtime.untake_along_axis, lambda r, g, arr, indices, axis=-1:
       _rt.fit(np.take_along_axis(d[r], indices, axis), g))
linear(runtime.uncompress, lambda r, g, condition, a, axis=None:
       np.compress(condition, d[r], axis=axis))
linear(runtime.unextract, lambda r, g, condition, arr: np.extract(condition, d[r]))
linear(runtime.unchoose, lambda r, g, a, choices:
       _rt.fit(np.choose(a, _rt.rejoin(d[r], choices, "list")), g))
linear(runtime.unselect, lambda r, g, condlist, choicelist:
       _rt.fit(np.select(condlist, _rt.rejoin(d[r], choicelist, "list")), g))
returns_sequence(runtime.unchoose, runtime.unselect)  # (one adjoint per choice)
linear(runtime.unselect_default, lambda r, g, condlist: _rt.unselect_default(d[r], condlist))

# -- contractions ----------------------------------------------------------------------------------
linear(runtime.unkron_left, lambda r, g, a, b: {g: _rt.fit(np.kron(d[r], b), g),
                                                b: _rt.unkron_right(g, d[r], b)})
linear(runtime.unkron_right, lambda r, g, a, b: {g: _rt.fit(np.kron(a, d[r]), g),
                                                 a: _rt.unkron_left(g, a, d[r])})
linear(runtime.unconvolve, lambda r, g, a, v, mode="full": {
    g: _rt.fit(np.convolve(d[r], v, mode), g), v: _rt.unconvolve(g, v, d[r], mode)})
linear(runtime.unpolyder, lambda r, g, p, m=1: np.polyder(d[r], m))


# Linear in value (in c); the operands give shapes only.  Keywords naming an operand the call
# did not pass are dropped.
linear(runtime.einsum_spread, lambda r, value, subscripts, k, x, y=None, z=None, w=None, v=None:
       _rt.einsum_gather(d[r], subscripts, k, x, y=y, z=z, w=w, v=v))
linear(runtime.einsum_gather, lambda r, c, subscripts, k, x, y=None, z=None, w=None, v=None:
       _rt.einsum_spread(d[r], subscripts, k, x, y=y, z=z, w=w, v=v))


@rule(runtime.unpolyval)
class Unpolyval:  # linear in g, a polynomial in x
    def adjoint(r, g, p, x):
        d[g] = _rt.fit(np.polyval(d[r], x), g)
        d[x] = _rt.unbroadcast(g * np.polyval(np.polyder(d[r]), x), x)

    def tangent(r, g, p, x):
        d[r] = _rt.unpolyval(d[g], p, x) + _rt.unpolyder(
            _rt.unpolyval(g * d[x], np.polyder(p), x), p)


# -- a field of a named result (`np.linalg.svd(a).S`, lowered to _rt.named_field: passes/lower.py)
@rule(runtime.named_field)
class NamedField:  # the item of the named tuple that holds the field
    def adjoint(r, value, name):
        d[value] = _rt.unindex(d[r], value, _rt.field_index(value, name))

    def tangent(r, value, name):
        d[r] = d[value][_rt.field_index(value, name)]


non_differentiable(runtime.field_index)


linear(runtime.unseries_der, lambda r, g, c, der, m=1, scl=1, axis=0: der(d[r], m, scl, axis))


@rule(runtime.interp_slope)
class InterpSlope:  # piecewise constant in x, linear in fp, rise / width: d width is the slope of xp
    def adjoint(r, x, xp, fp):
        d[fp] = _rt.uninterp_slope(d[r], x, xp, fp)
        d[xp] = _rt.uninterp_slope(-(d[r] * _rt.interp_slope(x, xp, fp)), x, xp, xp)

    def tangent(r, x, xp, fp):
        d[r] = (_rt.interp_slope(x, xp, d[fp])
                - _rt.interp_slope(x, xp, fp) * _rt.interp_slope(x, xp, d[xp]))


@rule(runtime.uninterp_slope)
class UninterpSlope:  # linear in c (interp_slope's transpose); c / width moves with the width
    def adjoint(r, c, x, xp, fp):
        d[c] = _rt.fit(_rt.interp_slope(x, xp, d[r]), c)
        d[xp] = _rt.uninterp_slope(-(c * _rt.interp_slope(x, xp, d[r])), x, xp, xp)

    def tangent(r, c, x, xp, fp):
        d[r] = (_rt.uninterp_slope(d[c], x, xp, fp)
                - _rt.uninterp_slope(c * _rt.interp_slope(x, xp, d[xp]), x, xp, fp))


@rule(runtime.uninterp)
class Uninterp:  # linear in g; the weights move with x, and with the knots as with -x
    def adjoint(r, g, x, xp, fp):
        d[g] = _rt.fit(np.interp(x, xp, d[r]), g)
        d[x] = _rt.unbroadcast(g * _rt.interp_slope(x, xp, d[r]), x)
        d[xp] = _rt.uninterp(-(g * _rt.interp_slope(x, xp, d[r])), x, xp, xp)

    def tangent(r, g, x, xp, fp):
        d[r] = (_rt.uninterp(d[g], x, xp, fp) + _rt.uninterp_slope(g * d[x], x, xp, fp)
                - _rt.uninterp_slope(g * _rt.fit(np.interp(x, xp, d[xp]), x), x, xp, fp))


@rule(runtime.nonzero_diagonal)
class NonzeroDiagonal:  # the identity on m, which it checks (a tangent is not checked)
    def adjoint(r, m, what, singular_values=False):
        d[m] = d[r]

    def tangent(r, m, what, singular_values=False):
        d[r] = d[m]


@rule(runtime.gap_inverse)
class GapInverse:  # F = 1 / (w_j - w_i): dF = -F**2 (dw_j - dw_i)
    def adjoint(f, w):
        d[w] = np.sum(d[f] * f * f, axis=-1) - np.sum(d[f] * f * f, axis=-2)

    def tangent(f, w):
        d[f] = -f * f * (d[w][..., np.newaxis, :] - d[w][..., :, np.newaxis])


@rule(runtime.polygamma)
class Polygamma:
    def adjoint(y, n, x):
        d[x] = d[y] * _rt.polygamma(n + 1, x)

    def tangent(y, n, x):
        d[y] = d[x] * _rt.polygamma(n + 1, x)


linear(runtime.weights_along, lambda r, weights, a, axis=None: np.reshape(d[r], np.shape(weights)))


@rule(runtime.average_weights)
class AverageWeights:  # `a` gives the shape only; the weights' derivative is refused
    def adjoint(r, a, weights, axis=None):
        d[weights] = _rt.no_derivative(weights, "np.average's weights")

    def tangent(r, a, weights, axis=None):
        d[r] = _rt.no_tangent(d[weights], "np.average's weights")


@rule(runtime.matrix_power_tangent)
class MatrixPowerTangent:  # linear in t; its partial by a is the curvature
    def adjoint(r, t, a, n):
        d[t] = _rt.matrix_power_tangent(d[r], np.swapaxes(a, -1, -2), n)
        d[a] = _rt.matrix_power_curvature(d[r], np.swapaxes(t, -1, -2), np.swapaxes(a, -1, -2), n)

    def tangent(r, t, a, n):
        d[r] = _rt.matrix_power_tangent(d[t], a, n) + _rt.matrix_power_curvature(t, d[a], a, n)


@rule(runtime.matrix_power_curvature)
class MatrixPowerCurvature:  # bilinear in (t, s); third derivatives in a are refused
    def adjoint(r, t, s, a, n):
        d[t] = _rt.matrix_power_curvature(d[r], np.swapaxes(s, -1, -2), np.swapaxes(a, -1, -2), n)
        d[s] = _rt.matrix_power_curvature(d[r], np.swapaxes(t, -1, -2), np.swapaxes(a, -1, -2), n)
        d[a] = _rt.no_derivative(a, "np.linalg.matrix_power three times")

    def tangent(r, t, s, a, n):
        d[r] = (_rt.matrix_power_curvature(d[t], s, a, n) + _rt.matrix_power_curvature(t, d[s], a, n)
                + _rt.no_tangent(d[a], "np.linalg.matrix_power three times"))


@rule(runtime.cofactors)
class Cofactors:  # det's gradient; its derivative, det's Hessian, is symmetric: its own adjoint
    def adjoint(r, a):
        d[a] = _rt.cofactors_tangent(d[r], a)

    def tangent(r, a):
        d[r] = _rt.cofactors_tangent(d[a], a)


@rule(runtime.cofactors_tangent)
class CofactorsTangent:  # linear in e; its partial by a is det's third derivative
    def adjoint(r, e, a):
        d[e] = _rt.cofactors_tangent(d[r], a)
        d[a] = _rt.cofactors_curvature(e, d[r], a)

    def tangent(r, e, a):
        d[r] = _rt.cofactors_tangent(d[e], a) + _rt.cofactors_curvature(e, d[a], a)


@rule(runtime.cofactors_curvature)
class CofactorsCurvature:  # bilinear in (e, f), symmetric; det's fourth derivative is refused
    def adjoint(r, e, f, a):
        d[e] = _rt.cofactors_curvature(d[r], f, a)
        d[f] = _rt.cofactors_curvature(e, d[r], a)
        d[a] = _rt.no_derivative(a, "np.linalg.det four times")

    def tangent(r, e, f, a):
        d[r] = (_rt.cofactors_curvature(d[e], f, a) + _rt.cofactors_curvature(e, d[f], a)
                + _rt.no_tangent(d[a], "np.linalg.det four times"))


@rule(runtime.cumprod_tangent)
class CumprodTangent:  # linear in t; its partial by a is the curvature
    def adjoint(r, t, a, axis=None):
        d[t] = _rt.uncumprod(d[r], a, axis=axis)
        d[a] = _rt.uncumprod_curvature(d[r], t, a, axis=axis)

    def tangent(r, t, a, axis=None):
        d[r] = _rt.cumprod_tangent(d[t], a, axis=axis) + _rt.cumprod_curvature(t, d[a], a, axis=axis)


@rule(runtime.uncumprod)
class Uncumprod:  # the transpose of cumprod_tangent
    def adjoint(r, g, a, axis=None):
        d[g] = _rt.cumprod_tangent(d[r], a, axis=axis)
        d[a] = _rt.uncumprod_curvature(g, d[r], a, axis=axis)

    def tangent(r, g, a, axis=None):
        d[r] = _rt.uncumprod(d[g], a, axis=axis) + _rt.uncumprod_curvature(g, d[a], a, axis=axis)


@rule(runtime.cumprod_curvature)
class CumprodCurvature:  # bilinear in (t, s); third derivatives in a are refused
    def adjoint(r, t, s, a, axis=None):
        d[t] = _rt.uncumprod_curvature(d[r], s, a, axis=axis)
        d[s] = _rt.uncumprod_curvature(d[r], t, a, axis=axis)
        d[a] = _rt.no_derivative(a, "np.cumprod three times")

    def tangent(r, t, s, a, axis=None):
        d[r] = (_rt.cumprod_curvature(d[t], s, a, axis=axis)
                + _rt.cumprod_curvature(t, d[s], a, axis=axis)
                + _rt.no_tangent(d[a], "np.cumprod three times"))


@rule(runtime.uncumprod_curvature)
class UncumprodCurvature:  # bilinear in (g, s); third derivatives in a are refused
    def adjoint(r, g, s, a, axis=None):
        d[g] = _rt.cumprod_curvature(s, d[r], a, axis=axis)
        d[s] = _rt.uncumprod_curvature(g, d[r], a, axis=axis)
        d[a] = _rt.no_derivative(a, "np.cumprod three times")

    def tangent(r, g, s, a, axis=None):
        d[r] = (_rt.uncumprod_curvature(d[g], s, a, axis=axis)
                + _rt.uncumprod_curvature(g, d[s], a, axis=axis)
                + _rt.no_tangent(d[a], "np.cumprod three times"))


@rule(runtime.multi_dot_tangent)
class MultiDotTangent:  # linear in t; its partial by the arrays is the cross term
    def adjoint(r, t, arrays):
        d[t] = _rt.multi_dot_adjoint(d[r], arrays)
        d[arrays] = _rt.multi_dot_adjoint_with(d[r], t, arrays)

    def tangent(r, t, arrays):
        d[r] = _rt.multi_dot_tangent(d[t], arrays) + _rt.multi_dot_cross(t, d[arrays], arrays)


@rule(runtime.multi_dot_adjoint)
class MultiDotAdjoint:  # the transpose of multi_dot_tangent
    def adjoint(r, g, arrays):
        d[g] = _rt.fit(_rt.multi_dot_tangent(d[r], arrays), g)
        d[arrays] = _rt.multi_dot_adjoint_with(g, d[r], arrays)

    def tangent(r, g, arrays):
        d[r] = _rt.multi_dot_adjoint(d[g], arrays) + _rt.multi_dot_adjoint_with(g, d[arrays], arrays)


@rule(runtime.multi_dot_cross)
class MultiDotCross:  # bilinear in (t, s); third derivatives in the arrays are refused
    def adjoint(r, t, s, arrays):
        d[t] = _rt.multi_dot_adjoint_with(d[r], s, arrays)
        d[s] = _rt.multi_dot_adjoint_with(d[r], t, arrays)
        d[arrays] = _rt.no_derivative(arrays, "np.linalg.multi_dot three times")

    def tangent(r, t, s, arrays):
        d[r] = (_rt.multi_dot_cross(d[t], s, arrays) + _rt.multi_dot_cross(t, d[s], arrays)
                + _rt.no_tangent(d[arrays], "np.linalg.multi_dot three times"))


@rule(runtime.multi_dot_adjoint_with)
class MultiDotAdjointWith:  # bilinear in (g, t); third derivatives in the arrays are refused
    def adjoint(r, g, t, arrays):
        d[g] = _rt.fit(_rt.multi_dot_cross(t, d[r], arrays), g)
        d[t] = _rt.multi_dot_adjoint_with(g, d[r], arrays)
        d[arrays] = _rt.no_derivative(arrays, "np.linalg.multi_dot three times")

    def tangent(r, g, t, arrays):
        d[r] = (_rt.multi_dot_adjoint_with(d[g], t, arrays)
                + _rt.multi_dot_adjoint_with(g, d[t], arrays)
                + _rt.no_tangent(d[arrays], "np.linalg.multi_dot three times"))
