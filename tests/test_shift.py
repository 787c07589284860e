"""Shift invariance (tangentish/passes/shift.py): which subtracted maxima carry no derivative, the
code that is then left out, and the gradients, which stay right (ties included)."""

import re

import numpy as np
import pytest

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.shift import invariant_shifts
from tangentish.syntax.parse import parse_function


def logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def log_softmax(x, y):
    z = x - np.max(x, axis=1, keepdims=True)
    return np.sum(y * (z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))))


def softmax(x, y):
    m = np.amax(x, 1, keepdims=True)
    e = np.exp(x - m)
    return np.sum(y * (e / np.sum(e, axis=1, keepdims=True)))


def scalar_shift_any_sum(x, y):
    m = np.min(x)
    e = np.exp(x - m)
    c = e
    p = 2.0 * c / np.sum(c, axis=0)
    return np.sum(p * y)


def returns_the_max(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m))), m


def other_axis(x):
    m = np.max(x, axis=1, keepdims=True)
    e = np.exp(x - m)
    return np.sum(e / np.sum(e, axis=0, keepdims=True))


def no_keepdims(x):
    m = np.max(x, axis=1)
    return np.sum(np.exp(x - m[:, None]))


def scaled_shift(x):
    m = np.max(x)
    return 2.0 * m + np.log(np.sum(np.exp(x - m)))


def squared(x, y):
    m = np.max(x)
    e = np.exp(x - m)
    return np.sum(y * (e * e / np.sum(e * e)))


def squared_over_sum(x):
    m = np.max(x)
    e = np.exp(x - m)
    return np.sum(e * e / np.sum(e))  # scaled by exp(-c): depends on m


def in_a_branch(x):
    m = np.max(x)
    z = x - m
    if np.sum(x) > 0:
        z = z * 2.0
    return np.log(np.sum(np.exp(z))) + m


def shifted_other_array(x, w):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(w - m)))


def mixture_picked(x):  # the maximum kept, then its axis picked to add it back
    m = np.max(x, axis=1, keepdims=True)
    return -np.sum(np.log(np.sum(np.exp(x - m), axis=1)) + m[:, 0])


def squeezed_max(x):  # the maximum without keepdims, its axis put back where it is subtracted
    m = np.max(x, axis=1)
    return np.sum(m + np.log(np.sum(np.exp(x - m[:, None]), axis=1)))


def last_axis_methods(x):
    m = x.max(axis=-1, keepdims=True)
    return np.sum(np.log(np.exp(x - m).sum(axis=-1)) + m[..., 0])


def expanded_log_softmax(x, y):
    m = np.max(x, axis=1)
    z = x - np.expand_dims(m, 1)
    return np.sum(y * (z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))))


def squeezed_with_squeeze(x):
    m = np.amax(x, axis=0, keepdims=True)
    return np.sum(np.squeeze(m, axis=0) + np.log(np.sum(np.exp(x - m), axis=0)))


def picked_the_wrong_way(x):  # m[0, :]: the first row's maximum, not each row's
    m = np.max(x, axis=1, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=1)) + m[0, :])


def squeezed_against_x(x):  # x - m with m squeezed: a square x broadcasts it along rows
    m = np.max(x, axis=1)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=1)) + m)


def squeezed_indexed(x):  # an item of the squeezed maximum is one row's shift
    m = np.max(x, axis=1)
    return np.sum(np.log(np.sum(np.exp(x - m[:, None]), axis=1))) + 3.0 * m[0]


def summed_other_axis(x):
    m = np.max(x, axis=1, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=0)))


def _shifts(fn):
    info = parse_function(fn)
    desugar(info)
    return invariant_shifts(normalize(info))


@pytest.mark.parametrize("fn, expected", [
    (logsumexp, {"m"}),
    (log_softmax, {"max_x"}),
    (softmax, {"m"}),
    (scalar_shift_any_sum, {"m"}),
    (returns_the_max, set()),
    (other_axis, set()),
    (no_keepdims, set()),
    (scaled_shift, set()),
    (squared, {"m"}),
    (squared_over_sum, set()),
    (in_a_branch, set()),
    (shifted_other_array, set()),
    (mixture_picked, {"m"}),
    (squeezed_max, {"m"}),
    (last_axis_methods, {"m"}),
    (expanded_log_softmax, {"m"}),
    (squeezed_with_squeeze, {"m"}),
    (picked_the_wrong_way, set()),
    (squeezed_against_x, set()),
    (squeezed_indexed, set()),
    (summed_other_axis, set()),
])
def test_the_analysis_proves_only_cancelling_shifts(fn, expected):
    assert _shifts(fn) == expected


def test_the_adjoint_of_a_cancelling_max_is_not_written():
    source = tangentish.source(logsumexp)
    assert "ties" not in source and not re.search(r"\bm_bar\b", source)
    kept = tangentish.source(scaled_shift)  # here the max does reach the output
    assert "_rt.ties(" in kept


SINGLE = [logsumexp, mixture_picked, squeezed_max, last_axis_methods, squeezed_with_squeeze,
          picked_the_wrong_way, squeezed_against_x, squeezed_indexed, summed_other_axis]


@pytest.mark.parametrize("fn", [logsumexp, log_softmax, softmax, scalar_shift_any_sum, squared,
                                mixture_picked, squeezed_max, last_axis_methods,
                                expanded_log_softmax, squeezed_with_squeeze, picked_the_wrong_way,
                                squeezed_indexed, summed_other_axis])
def test_gradients_stay_right_with_ties(fn):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3))
    x[:, 1] = x[:, 0] = np.max(x, axis=1)  # two maxima per row, and several overall
    if fn is squeezed_with_squeeze:
        x[1, :] = x[0, :] = np.max(x, axis=0)  # (its maximum is over the columns)
    args = (x,) if fn in SINGLE else (x, rng.uniform(0.0, 1.0, (4, 3)))
    tangentish.check_grads(fn, args, modes=("rev", "fwd"))
    grad = tangentish.grad(fn)
    for _ in range(3):  # (generic, then specialized)
        assert np.all(np.isfinite(grad(*args)))


def test_second_order_through_a_dropped_shift():
    x = np.array([0.3, -1.2, 0.3, 0.8])
    p = np.exp(x - np.max(x))
    p /= np.sum(p)
    np.testing.assert_allclose(tangentish.hessian(logsumexp)(x), np.diag(p) - np.outer(p, p),
                               atol=1e-12)


def negative_axis_row(x):  # (fuzz seed 5580 program 42: m[0] of axis=-2 raised IndexError)
    m = np.max(x, axis=-2, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=-2)) + m[0])


def negative_axis_column(x):
    m = np.max(x, axis=-2, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=-2)) + m[:, 0])


def negative_axis_squeezed(x):
    m = np.max(x, axis=-2, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=-2)) + np.squeeze(m, axis=-2))


def negative_axis_ellipsis(x):
    m = np.max(x, axis=-2, keepdims=True)
    return np.sum(np.log(np.sum(np.exp(x - m), axis=-2, keepdims=True)) + m[..., 0, :])


@pytest.mark.parametrize("fn, expected", [
    (negative_axis_row, set()), (negative_axis_column, set()), (negative_axis_ellipsis, set()),
    (negative_axis_squeezed, {"m"}),  # (np.squeeze of the same axis -2 as the sum's: proven)
])
def test_a_maximum_over_a_negative_axis_taken_apart_by_an_index(fn, expected):
    """An index of a maximum over ``axis=-2`` (where its axis falls depends on the rank, which
    the analysis does not know) proves nothing and is differentiated as usual, right."""
    assert _shifts(fn) == expected
    x = np.random.default_rng(5).standard_normal((4, 3))
    tangentish.check_grads(fn, (x,), modes=("rev", "fwd"))
