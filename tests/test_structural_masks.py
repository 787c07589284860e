"""A product by a comparison's result (``x * (x > 0)``, a ReLU written with a mask) selects as
``np.where(x > 0, x, 0.0)`` does: where the mask is False the tangent of the product is
structurally 0, so a singular function of it (``np.sqrt``: inf at 0) is kept on the mask instead
of giving ``inf * 0 = NaN`` (fuzz seed 2906, program 213); in reverse mode the product's adjoint
selects (``np.where(m, g, 0.0)``) where a singular function is in the code.  Each row: ``jvp``, or
``grad`` and ``vjp``, against the analytic derivative at a point with negative elements,
directions non-zero everywhere."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

X = np.array([-0.9, -1.1, 1.0, -0.4, 0.25])
V = np.array([1.0, -2.0, 0.5, 3.0, -1.5])


def product_right(x):
    return np.sum(np.sqrt(x * (x > 0.0)))


def product_left(x):
    return np.sum(np.sqrt((x >= 0.0) * x))


def named_mask(x):
    positive = x > 0.0
    relu = x * positive
    return np.sum(np.sqrt(relu) * 2.0)


def broadcast_mask(x):
    mask = x[:, None] > np.zeros((1, 2))
    return np.sum(np.sqrt(x[:, None] * mask))


def _expected(f) -> float:
    positive = X > 0
    scale = {product_right: 1.0, product_left: 1.0, named_mask: 2.0, broadcast_mask: 2.0}[f]
    return float(np.sum(scale * 0.5 / np.sqrt(X[positive]) * V[positive]))


@pytest.mark.parametrize("f", [product_right, product_left, named_mask, broadcast_mask],
                         ids=lambda f: f.__name__)
def test_forward_mode_keeps_a_masked_product_on_its_mask(f):
    with np.errstate(invalid="ignore", divide="ignore"):  # (0 / 0 computed, then not chosen)
        value, tangent = tangentish.jvp(f)(X, x_dot=V)
    assert value == pytest.approx(f(X))
    assert tangent == pytest.approx(_expected(f), rel=1e-13)


def _gradient(f) -> np.ndarray:
    """The analytic gradient: ``scale / (2 sqrt(x))`` where ``x > 0``, 0 elsewhere."""
    scale = {product_right: 1.0, product_left: 1.0, named_mask: 2.0, broadcast_mask: 2.0}[f]
    positive = X > 0
    return np.where(positive, scale * 0.5 / np.sqrt(np.where(positive, X, 1.0)), 0.0)


@pytest.mark.parametrize("f", [product_right, product_left, named_mask, broadcast_mask],
                         ids=lambda f: f.__name__)
def test_reverse_mode_selects_with_the_mask(f):
    """The product's adjoint ``g * m``, after a singular adjoint made ``g`` inf where ``m`` is
    False, is ``np.where(m, g, 0.0)``: 0 there, not ``inf * 0``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        grad = tangentish.grad(f)(X)
        _, pullback = tangentish.vjp(f)(X)
        cotangent = pullback(-3.0)
    np.testing.assert_allclose(grad, _gradient(f), rtol=1e-13)
    np.testing.assert_allclose(cotangent, -3.0 * _gradient(f), rtol=1e-13)


def test_without_a_singular_function_the_product_stays_a_product():
    def f(x):
        return np.sum(np.tanh(x * (x > 0.0)))
    assert "np.where" not in tangentish.grad(f).source
