"""Forward mode: the tangent of a (bi)linear operation (``np.outer``, ``@``, ``np.convolve``,
``np.einsum``, ``np.kron``, ``np.multiply.outer``, ``np.tensordot``) or of a move that pads or
places (``np.pad``, ``np.diag``), or a difference of neighbours (``np.diff``, ``np.ediff1d``) is 0
by structure where each product summing into an element has a factor 0 by structure.  Its support
was ``np.any`` of its operands' masks, so ``np.sqrt`` of an element that reads only zeroed inputs
was ``0 * inf`` = NaN in jvp (hvp) where ``grad`` and the finite differences give the derivative.
The support is now the same operation of the masks (``tangentish/passes/supports_linear.py``,
``supports_moved.py``).  Each function in every mode and at second order, against central
differences, at a point where an element is ``sqrt(0)`` of structurally zero inputs (``x[0] <=
0``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish


def _kept(x):
    return np.where(x > 0, x, 0.0)


def outer(x):
    return np.sum(np.sqrt(np.outer(_kept(x), np.ones(2))))


def matmul_rows(x):
    W = np.where(np.outer(x, np.ones(2)) > 0, np.outer(x, [1.0, 2.0]), 0.0)
    return np.sum(np.sqrt(W @ np.array([1.0, 3.0])))


def dot_columns(x):
    W = np.where(np.outer(np.ones(2), x) > 0, np.outer([1.0, 2.0], x), 0.0)
    return np.sum(np.sqrt(np.dot(np.array([2.0, 1.0]), W)))


def convolve(x):
    return np.sum(np.sqrt(np.convolve(_kept(x), [1.0, 0.0, 1.0], mode="full")))


def correlate(x):
    return np.sum(np.sqrt(np.correlate(_kept(x), [1.0, 2.0], "full")))


def einsum(x):
    return np.sum(np.sqrt(np.einsum("i,j->ij", _kept(x), np.ones(2))))


def kron(x):
    return np.sum(np.sqrt(np.kron(_kept(x), np.array([1.0, 2.0]))))


def multiply_outer(x):
    return np.sum(np.sqrt(np.multiply.outer(_kept(x), [1.0, 2.0])))


def tensordot(x):
    return np.sum(np.sqrt(np.tensordot(np.diag(_kept(x)), np.ones((3, 2)), axes=1)))


def diag_product(x):
    return np.sum(np.sqrt(np.diag(_kept(x)) @ np.ones(3)))


def pad_zeros(x):
    return np.sum(np.sqrt(np.pad(_kept(x), 1)))


def pad_edge(x):
    return np.sum(np.sqrt(np.pad(_kept(x), (2, 1), mode="edge")))


def pad_mean(x):
    return np.sum(np.sqrt(np.pad(_kept(x), 1, mode="mean")))


def pad_varying_constant(x):
    return np.sum(np.sqrt(np.pad(_kept(x), 1, constant_values=x[1])))


def diff_twice_along_rows(x):  # (differences: each element reads n + 1 neighbours)
    rows = np.outer(_kept(x)[[0, 0, 0, 1, 2]], [1.0, 2.0])
    return np.sum(np.sqrt(np.diff(rows, 2, axis=0) ** 2))


def ediff1d(x):
    return np.sum(np.sqrt(np.ediff1d(_kept(x)[[0, 0, 1, 2]]) ** 2))


CASES = [outer, matmul_rows, dot_columns, convolve, correlate, einsum, kron, multiply_outer,
         tensordot, diag_product, pad_zeros, pad_edge, pad_mean,
         pad_varying_constant, diff_twice_along_rows, ediff1d]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_a_structural_zero_through_a_linear_operation_stays_zero(f):
    x = np.array([-0.5, 0.7, 0.2])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_both_orders(f, x)


def gradient_rows(x):  # (np.gradient: inside, the two neighbours; at an edge, edge_order + 1)
    rows = np.outer(_kept(x)[[0, 0, 0, 1, 2]], [1.0, 2.0])
    return np.sum(np.sqrt(np.gradient(rows, axis=0)))


def gradient_spaced(x):
    return np.sum(np.sqrt(np.gradient(_kept(x)[[0, 0, 0, 1, 2]], 0.5, edge_order=2)))


@pytest.mark.parametrize("f", [gradient_rows, gradient_spaced], ids=lambda f: f.__name__)
def test_a_structural_zero_through_np_gradient_stays_zero_in_forward_mode(f):
    """jvp against central differences (at x[0] <= 0 and x increasing, so that each gradient is
    >= 0 and those of the zeroed elements are sqrt(0); reverse mode meets 0 * inf in
    np.gradient's adjoint there, a value zero: not checked)."""
    x, direction = np.array([-0.5, 0.2, 0.7]), np.array([0.3, -0.7, 1.1])
    step = 1e-6
    expected = (f(x + step * direction) - f(x - step * direction)) / (2.0 * step)
    with np.errstate(divide="ignore", invalid="ignore"):
        value, tangent = tangentish.jvp(f)(x, x_dot=direction)
    assert value == f(x)
    np.testing.assert_allclose(tangent, expected, rtol=1e-6)
