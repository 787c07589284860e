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


def differences(x):  # (np.diff, np.ediff1d: each element reads n + 1 neighbours)
    rows = np.outer(_kept(x)[[0, 0, 0, 1, 2]], [1.0, 2.0])
    return np.sum(np.sqrt(np.diff(rows, 2, axis=0) ** 2)) + np.sum(
        np.sqrt(np.ediff1d(_kept(x)[[0, 0, 1, 2]]) ** 2))


def gradients(x):  # (np.gradient: inside, the two neighbours; at an edge, edge_order + 1)
    rows = np.outer(_kept(x)[[0, 0, 0, 1, 2]], [1.0, 2.0])
    return np.sum(np.sqrt(np.abs(np.gradient(rows, axis=0)))) + np.sum(
        np.sqrt(np.abs(np.gradient(_kept(x)[[0, 0, 0, 1, 2]], 0.5, edge_order=2))))


def gradients_of_axes(x):  # (np.gradient over several axes: one mask per array of its tuple)
    rows = np.outer(_kept(x)[[0, 0, 0, 1, 2]], [1.0, 2.0])
    down, across = np.gradient(rows)
    return np.sum(np.sqrt(np.abs(down))) + np.sum(np.sqrt(np.abs(across))) + np.sum(
        np.sqrt(np.abs(np.gradient(rows, axis=(0, 1))[1])))


CASES = [outer, matmul_rows, dot_columns, convolve, correlate, einsum, kron, multiply_outer,
         tensordot, diag_product, pad_zeros, pad_edge, pad_mean,
         pad_varying_constant, differences, gradients, gradients_of_axes]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_a_structural_zero_through_a_linear_operation_stays_zero(f):
    x = np.array([-0.5, 0.7, 0.2])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_both_orders(f, x)

