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
])
def test_the_analysis_proves_only_cancelling_shifts(fn, expected):
    assert _shifts(fn) == expected


def test_the_adjoint_of_a_cancelling_max_is_not_written():
    source = tangentish.source(logsumexp)
    assert "ties" not in source and not re.search(r"\bm_bar\b", source)
    kept = tangentish.source(scaled_shift)  # here the max does reach the output
    assert "_rt.ties(" in kept


@pytest.mark.parametrize("fn", [logsumexp, log_softmax, softmax, scalar_shift_any_sum, squared])
def test_gradients_stay_right_with_ties(fn):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3))
    x[:, 1] = x[:, 0] = np.max(x, axis=1)  # two maxima per row, and several overall
    args = (x,) if fn is logsumexp else (x, rng.uniform(0.0, 1.0, (4, 3)))
    tangentish.check_grads(fn, args, modes=("rev", "fwd"))
    grad = tangentish.grad(fn)(*args)
    assert np.all(np.isfinite(grad))


def test_second_order_through_a_dropped_shift():
    x = np.array([0.3, -1.2, 0.3, 0.8])
    p = np.exp(x - np.max(x))
    p /= np.sum(p)
    np.testing.assert_allclose(tangentish.hessian(logsumexp)(x), np.diag(p) - np.outer(p, p),
                               atol=1e-12)
