"""Derivatives of the runtime helpers that generated code calls, so that derivative code can be
differentiated again (``jvp`` of ``grad`` for Hessians, ``grad`` of ``grad``).  A helper is never
re-differentiated as user code: it has a rule here or is declared non-differentiable.

Most helpers are linear in their gradient argument ``g``: the adjoint is the transpose (a broadcast
for a sum, a gather for a scatter) and the tangent the helper itself.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from .. import runtime
from ..extend import d, elementwise, linear, non_differentiable, returns_sequence, rule, singular

non_differentiable(
    runtime.zeros_like, runtime.reduced_size, runtime.pick_first, runtime.fpick_first,
    runtime.clip_inside, runtime.clip_lower, runtime.clip_upper, runtime.clip_reaches_lower,
    runtime.clip_reaches_upper, runtime.inverse_permutation, runtime.like, runtime.ties,
    runtime.reads, runtime.read_mask, runtime.put_index, runtime.mask_index, runtime.diagonal_index,
    runtime.along_axis_index, runtime.written_count, runtime.unpopped_mask, runtime.factor_masks,
    runtime.step, runtime.probe, runtime.reached, runtime.at_kept, runtime.at_won,
    runtime.frechet_scale, runtime.item_arrays, runtime.reached_tangent, runtime.reached_at,
    runtime.appended_mask, runtime.extended_mask)

elementwise(runtime.safe_log, lambda r, x: _rt.safe_reciprocal(x))
elementwise(runtime.safe_log1p, lambda r, x: _rt.safe_reciprocal(1.0 + x))
elementwise(runtime.share, lambda s, u: s * (s - 1.0))
elementwise(runtime.share2, lambda s, u: 0.6931471805599453 * s * (s - 1.0))  # (ln 2)
singular(runtime.power)  # (a Python float's power, in a partial: operator.pow's, math.sqrt's...)
elementwise(runtime.power, lambda y, base, exponent: exponent * _rt.power(base, exponent - (exponent != 0)),
            lambda y, base, exponent: y * _rt.safe_log(base))
linear((runtime.own, runtime.private, runtime.snapshot), lambda r, value: d[r])
linear(runtime.checked, lambda r, value, ok, what, hint: _rt.checked(d[r], ok, what, hint))
linear(runtime.nan_outside, lambda r, value, inside, flowing=1.0:
       _rt.unbroadcast(_rt.nan_outside(d[r], inside, d[r]), value))
linear(runtime.chosen, lambda r, g, weight: _rt.unbroadcast(_rt.chosen(d[r], weight), g))
linear(runtime.unbroadcast, lambda r, grad, like: _rt.fit(d[r], grad))
linear(runtime.widen_to, lambda r, grad, value: d[r])  # (a cast: precision only)
singular(runtime.divided)  # (b = 0 where c holds)


@rule(runtime.divided)
class Divided:  # np.where(c, a / b, 0.0): its derivatives kept on c as that where's are
    def adjoint(r, c, a, b):  # (written as np.where: passes/masked_ratios.py divides on c only)
        d[a] = _rt.unbroadcast(np.where(c, d[r] / b, 0.0), a)
        d[b] = _rt.unbroadcast(np.where(c, -d[r] * r / b, 0.0), b)

    def tangent(r, c, a, b):  # (two terms: either tangent may be a symbolic zero)
        d[r] = np.where(c, d[a] / b, 0.0) - np.where(c, d[b] * r / b, 0.0)




@rule(runtime.added_at)
class AddedAt:  # np.add.at out of place: linear in (a, values) jointly; values gather at index
    def adjoint(r, a, index, values):
        d[a] = d[r]
        d[values] = _rt.unbroadcast(d[r][index], values)

    def tangent(r, a, index, values):
        d[r] = _rt.added_at(d[a], index, d[values])


@rule(runtime.slotted)
class Slotted:  # np.multiply.at spread along a last axis: linear in (a, values) jointly, fill kept
    def adjoint(r, a, index, values, fill=1.0, ufunc=np.multiply):  # (ufunc: its errors)
        d[a] = _rt.unbroadcast(d[r][..., 0], a)
        d[values] = _rt.unbroadcast(_rt.slot_values(d[r], a, index), values)

    def tangent(r, a, index, values, fill=1.0, ufunc=np.multiply):
        d[r] = _rt.slotted(d[a], index, d[values], 0.0)


linear(runtime.slot_values, lambda r, g, a, index:
       _rt.slotted(np.zeros(np.shape(a), dtype=np.result_type(d[r])), index, d[r], 0.0))


@rule((runtime.maximum_at, runtime.minimum_at))
class ExtremeAt:  # np.maximum.at out of place: each element takes its winner's derivative
    def adjoint(r, a, index, values):  # (ties share it evenly, as np.maximum's do)
        d[a] = _rt.chosen(d[r], _rt.at_kept(a, r, index, values))
        d[values] = _rt.unbroadcast(_rt.chosen(d[r][index], _rt.at_won(a, r, index, values)),
                                    values)

    def tangent(r, a, index, values):  # (two terms: either tangent may be a symbolic zero)
        d[r] = _rt.chosen(d[a], _rt.at_kept(a, r, index, values)) + _rt.unindex(
            _rt.chosen(d[values], _rt.at_won(a, r, index, values)), r, index)


@rule(runtime.unreduce)
class Unreduce:
    """Linear in ``grad``; its tangent is a new array, never a view (the proof that only
    arithmetic reads a ``view=True`` result covers the derivative it is in, not the derivative of
    that derivative)."""

    def adjoint(r, grad, like, axis=None, keepdims=False, view=False):
        d[grad] = _rt.fit(np.sum(d[r], axis=axis, keepdims=keepdims), grad)

    def tangent(r, grad, like, axis=None, keepdims=False, view=False):
        d[r] = _rt.unreduce(d[grad], like, axis=axis, keepdims=keepdims)


linear(runtime.unindex, lambda r, g, like, index, unique=False: _rt.unbroadcast(d[r][index], g))
linear(runtime.flat_read, lambda r, a, index:  # (x.flat[i]: passes/lower.py)
       np.reshape(_rt.unindex(d[r], np.ravel(a), index), np.shape(a)))
linear(runtime.uncumsum, lambda r, g, a, axis=None: _rt.fit(np.cumsum(d[r], axis=axis), g))
linear(runtime.initial_dropped, lambda r, g, include_initial, axis=None:
       _rt.initial_added(d[r], include_initial, axis))
linear(runtime.initial_added, lambda r, t, include_initial, axis=None:
       _rt.initial_dropped(d[r], include_initial, axis))

# Products: linear in the gradient and in one operand separately.
linear(runtime.matmul_left, lambda r, g, x1, x2: {g: _rt.fit(np.matmul(d[r], x2), g),
                                                  x2: _rt.matmul_right(g, d[r], x2)})
linear(runtime.matmul_right, lambda r, g, x1, x2: {g: _rt.fit(np.matmul(x1, d[r]), g),
                                                   x1: _rt.matmul_left(g, x1, d[r])})
linear(runtime.dot_left, lambda r, g, a, b: {g: _rt.fit(np.dot(d[r], b), g),
                                             b: _rt.dot_right(g, d[r], b)})
linear(runtime.dot_right, lambda r, g, a, b: {g: _rt.fit(np.dot(a, d[r]), g),
                                              a: _rt.dot_left(g, a, d[r])})


@rule(runtime.seed)
class Seed:  # the seed passes the output's adjoint through
    def adjoint(r, output, out_bar, function):
        d[out_bar] = d[r]

    def tangent(r, output, out_bar, function):
        d[r] = d[out_bar]


@rule(runtime.add_at)
class AddAt:  # linear in (acc, g) jointly: acc + g scattered at index (unique: none repeats)
    def adjoint(r, acc, g, like, index, unique=False):
        d[acc] = d[r]
        d[g] = _rt.unbroadcast(d[r][index], g)

    def tangent(r, acc, g, like, index, unique=False):  # (a new array: acc's tangent not written)
        d[r] = d[acc] + _rt.unindex(d[g], like, index, unique)


@rule(runtime.zero_index)
class ZeroIndex:
    def adjoint(r, g, index):
        d[g] = _rt.set_index(d[r], index, 0.0)

    def tangent(r, g, index):
        d[r] = _rt.set_index(d[g], index, 0.0)

non_differentiable(runtime.array_operand, runtime.check_unshared, runtime.check_like, runtime.check_not_array,
                   runtime.check_not_module, runtime.copyto_cast, runtime.extended_slots,
                   runtime.fails, runtime.default_changed,
                   runtime.float_target, runtime.unresolved)

linear(runtime.average_part, lambda res, g, r, returned=False:
       _rt.average_result(d[res], r, returned))
linear(runtime.average_result, lambda res, t, r, returned=False:
       _rt.average_part(d[res], r, returned))
linear(runtime.fit, lambda r, value, like: _rt.fit(d[r], value))
linear(runtime.spread, lambda r, g, items: _rt.fit(np.sum(d[r], axis=0), g))
linear(runtime.out_written, lambda r, value, into, what: d[r])  # (a check of out=, see checks.py)
linear(runtime.in_place, lambda r, new, old, op: d[r])  # (x op= v: rounded as NumPy does)
# rounding-level deviations count as 0 (a convention, as for ratio): elsewhere the identity in r
linear(runtime.significant, lambda res, r, a, axis=None, keepdims=False: d[res])
linear(runtime.aux_pair, lambda r, value, function: d[r])
linear(runtime.settled, lambda r, value: d[r])  # (a list contribution in the adjoint's form)
returns_sequence(runtime.aux_pair, runtime.unlisted)  # (unlisted: a list source's adjoint)
linear(runtime.unpopped, lambda r, g, item: d[r][:-1])
linear(runtime.unlisted, lambda r, g, source: _rt.fit(d[r], g))
linear(runtime.untolisted, lambda r, g, source: _rt.fit(d[r], g))  # (x.tolist()'s: each
linear(runtime.tolisted, lambda r, t, source:  # the other's transpose)
       _rt.unbroadcast(_rt.untolisted(d[r], source), t))
returns_sequence(runtime.tolisted)
linear(runtime.inner_left, lambda r, g, a, b: {g: _rt.fit(np.inner(d[r], b), g),
                                               b: _rt.inner_right(g, d[r], b)})
linear(runtime.inner_right, lambda r, g, a, b: {g: _rt.fit(np.inner(a, d[r]), g),
                                                a: _rt.inner_left(g, a, d[r])})
elementwise(runtime.safe_reciprocal, lambda r, x: -(r * r))
elementwise(runtime.sinc_slope, lambda r, x, y: _rt.sinc_curvature(x, y),
            lambda r, x, y: -_rt.ratio(1.0, x))
# c = (-pi sin(pi x) - slope) / x: by x (y held) (-pi**2 cos(pi x) - 2 c) / x, by y 1 / x**2; both
# 0 at x = 0, where sinc's third derivative is 0 (the convention of sinc_curvature's partial by y)
elementwise(runtime.sinc_curvature,
            lambda r, x, y: _rt.ratio(-np.pi ** 2 * np.cos(np.pi * x) - 2.0 * r, x),
            lambda r, x, y: _rt.ratio(1.0, x * x))


@rule(runtime.ratio)
class Ratio:  # x / r, 0 where r is 0: so are its derivatives, whatever reaches them there (the
    def adjoint(res, x, r):  # inf of np.sqrt's partial at np.std(a) = 0, a of one element)
        d[x] = _rt.unbroadcast(_rt.ratio(d[res], r), x)
        d[r] = _rt.unbroadcast(-_rt.ratio(d[res] * res, r), r)

    def tangent(res, x, r):  # (two terms: either tangent may be a symbolic zero)
        d[res] = _rt.ratio(d[x], r) - _rt.ratio(d[r] * res, r)


@rule(runtime.prod_others)
class ProdOthers:  # the Hessian of a product is symmetric: one helper for both halves
    def adjoint(r, a, axis=None):
        d[a] = _rt.prod_others_adjoint(d[r], a, axis=axis)

    def tangent(r, a, axis=None):
        d[r] = _rt.prod_others_adjoint(d[a], a, axis=axis)


@rule(runtime.prod_others_adjoint)
class ProdOthersAdjoint:  # linear in g (a symmetric matrix); its partial by a is the curvature
    def adjoint(r, g, a, axis=None):
        d[g] = _rt.prod_others_adjoint(d[r], a, axis=axis)
        d[a] = _rt.prod_others_curvature(g, d[r], a, axis=axis)

    def tangent(r, g, a, axis=None):
        d[r] = (_rt.prod_others_adjoint(d[g], a, axis=axis)
                + _rt.prod_others_curvature(g, d[a], a, axis=axis))


@rule(runtime.prod_others_curvature)
class ProdOthersCurvature:  # symmetric in (g, s, r); fourth derivatives in a are refused
    def adjoint(r, g, s, a, axis=None):
        d[g] = _rt.prod_others_curvature(d[r], s, a, axis=axis)
        d[s] = _rt.prod_others_curvature(g, d[r], a, axis=axis)
        d[a] = _rt.no_derivative(a, "np.prod four times")

    def tangent(r, g, s, a, axis=None):
        d[r] = (_rt.prod_others_curvature(d[g], s, a, axis=axis)
                + _rt.prod_others_curvature(g, d[s], a, axis=axis)
                + _rt.no_tangent(d[a], "np.prod four times"))


@rule(runtime.unnorm)
class Unnorm:  # linear in g; its partials by x and by r for p-norms (0 for piecewise-linear norms)
    def adjoint(res, g, x, r, ord=None, axis=None, keepdims=False):
        d[g] = _rt.fit(np.sum(_rt.unnorm(1.0, x, r, ord=ord, axis=axis, keepdims=keepdims)
                              * d[res], axis=axis, keepdims=keepdims), g)
        d[x] = _rt.unnorm_curvature(d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
        d[r] = _rt.unnorm_scale(d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)

    def tangent(res, g, x, r, ord=None, axis=None, keepdims=False):
        d[res] = (_rt.unnorm(d[g], x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_curvature(d[x], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_scale(d[r], g, x, r, ord=ord, axis=axis, keepdims=keepdims,
                                     transpose=False))


@rule(runtime.unnorm_curvature)
class UnnormCurvature:  # linear in w (symmetric) and g; third partials by x and r: unnorm_partial
    def adjoint(res, w, g, x, r, ord=None, axis=None, keepdims=False):
        d[w] = _rt.unnorm_curvature(d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
        d[g] = _rt.fit(np.sum(_rt.unnorm_curvature(w, 1.0, x, r, ord=ord, axis=axis,
                                                   keepdims=keepdims) * d[res],
                              axis=axis, keepdims=keepdims), g)
        d[x] = _rt.unnorm_partial("xxx", w, d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
        d[r] = _rt.unnorm_partial("xxr", w, d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims,
                                  reduce=True)

    def tangent(res, w, g, x, r, ord=None, axis=None, keepdims=False):
        d[res] = (_rt.unnorm_curvature(d[w], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_curvature(w, d[g], x, r, ord=ord, axis=axis, keepdims=keepdims)
                  + _rt.unnorm_partial("xxx", w, d[x], g, x, r, ord=ord, axis=axis,
                                       keepdims=keepdims)
                  + _rt.unnorm_partial("xxr", w, d[r], g, x, r, ord=ord, axis=axis,
                                       keepdims=keepdims))


@rule(runtime.unnorm_scale)
class UnnormScale:  # linear in w (transposed by `transpose`) and g; third partials: unnorm_partial
    # (what reads `transpose` is passed by position: a keyword naming a parameter the call left
    # out is dropped, a position gets its default)
    def adjoint(res, w, g, x, r, ord=None, axis=None, keepdims=False, transpose=True):
        d[w] = _rt.unnorm_scale(d[res], g, x, r, ord, axis, keepdims, not transpose)
        d[g] = _rt.fit(_rt.unnorm_partial("xr", w, d[res], 1.0, x, r, ord=ord, axis=axis,
                                          keepdims=keepdims, reduce=True), g)
        d[x] = _rt.unnorm_partial("xxr", w, d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims)
        d[r] = _rt.unnorm_partial("xrr", w, d[res], g, x, r, ord=ord, axis=axis, keepdims=keepdims,
                                  reduce=True)

    def tangent(res, w, g, x, r, ord=None, axis=None, keepdims=False, transpose=True):
        d[res] = (_rt.unnorm_scale(d[w], g, x, r, ord=ord, axis=axis, keepdims=keepdims,
                                   transpose=transpose)
                  + _rt.unnorm_scale(w, d[g], x, r, ord=ord, axis=axis, keepdims=keepdims,
                                     transpose=transpose)
                  + _rt.unnorm_partial("xxr", w, d[x], g, x, r, ord, axis, keepdims, transpose)
                  + _rt.unnorm_partial("xrr", w, d[r], g, x, r, ord, axis, keepdims, transpose))


@rule(runtime.unnorm_partial)
class UnnormPartial:  # the norms' fourth derivatives are refused
    def adjoint(res, kind, a, b, g, x, r, ord=None, axis=None, keepdims=False, reduce=False):
        d[a] = _rt.no_derivative(a, "np.linalg.norm four times")
        d[b] = _rt.no_derivative(b, "np.linalg.norm four times")
        d[g] = _rt.no_derivative(g, "np.linalg.norm four times")
        d[x] = _rt.no_derivative(x, "np.linalg.norm four times")
        d[r] = _rt.no_derivative(r, "np.linalg.norm four times")

    def tangent(res, kind, a, b, g, x, r, ord=None, axis=None, keepdims=False, reduce=False):
        d[res] = (_rt.no_tangent(d[a], "np.linalg.norm four times")
                  + _rt.no_tangent(d[b], "np.linalg.norm four times")
                  + _rt.no_tangent(d[g], "np.linalg.norm four times")
                  + _rt.no_tangent(d[x], "np.linalg.norm four times")
                  + _rt.no_tangent(d[r], "np.linalg.norm four times"))


@rule(runtime.set_index)
class SetIndex:  # linear in (a, value) jointly
    def adjoint(r, a, index, value):
        d[a] = _rt.set_index(d[r], index, 0.0)
        d[value] = _rt.unbroadcast(_rt.written(d[r], index), value)

    def tangent(r, a, index, value):
        d[r] = _rt.set_index(d[a], index, d[value])


# the adjoint of the value of an assignment (repeated positions: the last write only) and its
# transpose; both linear in their first argument
linear(runtime.written, lambda r, g, index: _rt.unwritten(d[r], g, index))
linear(runtime.unwritten, lambda r, h, like, index: _rt.written(d[r], index))


@rule(runtime.appended)
class Appended:
    def adjoint(result, items, item):
        d[item] = d[result][-1]
        d[items] = d[result][:-1]

    def tangent(result, items, item):
        d[result] = _rt.appended(list(d[items]), d[item])


@rule(runtime.joined)
class Joined:  # `a + b` of two lists or two tuples (an empty one's adjoint is its own zero: a
    def adjoint(result, items, more):  # stacked slice of none of three rows has shape (0, 3))
        kept = len(items)
        d[more] = d[result][kept:] if len(more) else _rt.zeros_like(more)
        d[items] = d[result][:kept] if kept else _rt.zeros_like(items)

    def tangent(result, items, more):
        d[result] = _rt.extended(d[items], d[more])


@rule(runtime.repeated)
class Repeated:  # `xs * k` of a list or tuple and an int (passes/sequences.py: the list first)
    def adjoint(result, items, times):
        d[items] = _rt.unrepeated(d[result], items, times)

    def tangent(result, items, times):
        d[result] = _rt.repeated(d[items], times)


linear(runtime.unrepeated, lambda r, g, items, times: _rt.repeated(d[r], times))


@rule(runtime.extended)
class Extended:
    def adjoint(result, items, more):
        kept = len(d[result]) - len(more)
        d[more] = d[result][kept:]
        d[items] = d[result][:kept]

    def tangent(result, items, more):
        d[result] = _rt.extended(d[items], d[more])

# scipy.signal's convolutions (runtime/convolutions.py): each adjoint is bilinear in the gradient
# and the operand it correlates with; ``convolve_in`` is the convolution itself
linear(runtime.convolve_in, lambda r, in1, in2, mode="full": {
    in1: _rt.unconvolve_first(d[r], in1, in2, mode),
    in2: _rt.unconvolve_second(d[r], in1, in2, mode)})
linear(runtime.unconvolve_first, lambda r, g, in1, in2, mode="full": {
    g: _rt.fit(_rt.convolve_in(d[r], in2, mode), g),
    in2: _rt.unconvolve_second(g, d[r], in2, mode)})
linear(runtime.unconvolve_second, lambda r, g, in1, in2, mode="full": {
    g: _rt.fit(_rt.convolve_in(in1, d[r], mode), g),
    in1: _rt.unconvolve_first(g, in1, d[r], mode)})

# np.correlate's adjoints (runtime/contract.py): <uncorrelate_first(g, a, v), y> is
# <g, correlate(y, v)>, so the transpose in g is the correlation, and in v the other operand's
# adjoint with y (of a's shape) in a's place; the same the other way
linear(runtime.uncorrelate_first, lambda r, g, a, v, mode="valid": {
    g: _rt.fit(np.correlate(d[r], v, mode), g), v: _rt.uncorrelate_second(g, d[r], v, mode)})
linear(runtime.uncorrelate_second, lambda r, g, a, v, mode="valid": {
    g: _rt.fit(np.correlate(a, d[r], mode), g), a: _rt.uncorrelate_first(g, a, d[r], mode)})

# scipy.spatial.distance's cdist and pdist, lowered (passes/distances.py): the points as float64
non_differentiable(runtime.pair_rows)
linear(runtime.as_points, lambda r, x: _rt.fit(d[r], x))
linear(runtime.resquareform, lambda r, t, like: _rt.unsquareform(d[r], like))
linear(runtime.unsquareform, lambda r, g, like: _rt.resquareform(d[r], like))


@rule(runtime.frechet_block)
class FrechetBlock:  # [[a, e], [0, a]]: linear in (a, e) together (not in each apart)
    def adjoint(r, a, e):
        rows = np.shape(a)[-2]
        cols = np.shape(a)[-1]
        d[a] = d[r][..., :rows, :cols] + d[r][..., rows:, cols:]
        d[e] = d[r][..., :rows, cols:]

    def tangent(r, a, e):
        d[r] = _rt.frechet_block(d[a], d[e])
