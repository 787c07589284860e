"""A scattered sum (``np.bincount(i, weights=w)``, ``np.add.at(acc, i, w)``) is 0 by structure
in a bin no index reaches, and in one the indices reach only with weights that are 0 by
structure; a running sum (``np.cumsum``) is 0 by structure up to its first element that is
not; ``np.sqrt`` of such an element then contributes 0, not ``0 * inf``.

Forward mode kept no mask through a scattered sum (``np.any`` of the weights' at best), so jvp
gave NaN where the other modes and the finite differences give a number (fuzz seed 5508,
program 6), and the pullback of ``grad`` took ``np.any`` of the mask of a product's adjoint in
a second-order pullback (fuzz seed 5507, program 20: ``vjp(grad(f))`` NaN where ``hessian``
gives 0).  Now the tangent's mask is the same scatter of the weights' masks
and a running sum's the same running test of its operand's
(``tangentish/passes/supports_moved.py``), and a product's adjoint keeps its factor's mask
(``supports_apart.moved_mask``).  Each function in every mode, second order too, against
central differences, at points where a structurally-zero bin meets ``np.sqrt``."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders, numeric_jacobian

import tangentish


def unreached_bin(x):
    return np.sum(np.sqrt(np.bincount([0, 1, 1], weights=np.cos(x), minlength=4)))


def masked_weights(x):
    w = np.where(x > 0, x, 0.0)
    return np.sum(np.sqrt(np.bincount([0, 2, 2], weights=w, minlength=4)) * np.arange(1, 5))


def add_at_zeros(x):
    acc = np.zeros(4)
    np.add.at(acc, [0, 1, 1], np.cos(x))
    return np.std(np.sqrt(acc))


def add_at_masked(x):
    acc = np.zeros(4)
    np.add.at(acc, [0, 1, 1], np.where(x > 0, x, 0.0))
    return np.sum(np.sqrt(acc))


def add_at_onto_a_tangent(x):
    acc = np.concatenate((np.where(x > 0, x, 0.0), np.zeros(1)))
    np.add.at(acc, [0, 0], x[1] * 0.5)
    return np.sum(np.sqrt(acc) * np.arange(1, 5))


def joined_bins(x):  # (fuzz seed 5508, program 6, shrunk)
    b = np.sqrt(np.concatenate((np.bincount([0, 1, 1], weights=np.cos(x), minlength=3), x)))
    return np.std(np.concatenate((b, x))[:3])


def scaled_bins(x):  # (fuzz seed 5507, program 20, shrunk: a product of bincounts)
    counts = np.bincount([1, 1, 2, 2], minlength=4)
    b = np.sqrt(np.concatenate((counts * np.bincount([1, 1, 2, 2], weights=x, minlength=4),
                                x)))[:4]
    return np.sum(x * b)


def running_sum(x):
    return np.sum(np.sqrt(np.cumsum(np.where(x > 0, x, 0.0))))


def running_sum_along(x):
    w = np.where(np.outer(np.ones(2), x) > 0, np.outer([1.0, 2.0], x), 0.0)
    return np.sum(np.sqrt(np.cumsum(w, axis=1)) * np.arange(1, 4))


def running_sum_reversed(x):
    return np.sum(np.sqrt(np.cumsum(np.where(x > 0, x, 0.0)[::-1])[::-1]))


CASES = [
    (running_sum, [-0.5, 0.7, 0.2]),
    (running_sum_along, [-0.5, 0.7, 0.2]),
    (running_sum_reversed, [0.5, 0.7, -0.2]),
    (unreached_bin, [0.3, -0.2, 0.5]),
    (masked_weights, [0.4, -0.3, -0.6]),
    (add_at_zeros, [0.0, 0.08, -0.26]),
    (add_at_masked, [0.7, -0.4, 0.2]),
    (add_at_onto_a_tangent, [-0.5, 0.7, -0.3]),
    (joined_bins, [0.1, 0.08, 0.26]),
    (scaled_bins, [0.41, 1.06, 1.05, 1.23]),
]


@pytest.mark.parametrize("f, x", CASES, ids=[c[0].__name__ for c in CASES])
def test_a_bin_zero_by_structure_stays_zero_through_sqrt(f, x):
    x = np.array(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_both_orders(f, x)


@pytest.mark.parametrize("f, x", CASES, ids=[c[0].__name__ for c in CASES])
def test_the_pullback_of_the_gradient_is_the_hessian(f, x):
    x = np.array(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        hessian = numeric_jacobian(tangentish.grad(f), (x,), 0)
        _, pullback = tangentish.vjp(tangentish.grad(f))(x)
        u = np.linspace(1.0, -0.5, x.size)
        np.testing.assert_allclose(pullback(u), hessian.T @ u, rtol=1e-5, atol=1e-6)
