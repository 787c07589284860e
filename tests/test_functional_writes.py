"""A gradient's own item writes (``y_bar[i] = 0.0``, in place where passes/owned.py proves it
safe) differentiated again: a second derivative whose tape may see the write through a value
read before it takes the gradient with those writes as new values (passes/functional_writes.py),
instead of refusing it (test_second_order_fills' prefix_with_branch was refused once runtime23's
proof wrote its adjoint in place).  Each row: the gradient still writes in place, and its hvp and
grad of grad against central differences of the gradient."""

from __future__ import annotations

import numpy as np
import pytest
from test_second_order_fills import prefix_with_branch

import tangentish


def running_product(x):
    y = np.ones(len(x))
    for i in range(1, len(x)):
        y[i] = y[i - 1] * np.sin(x[i]) + x[i - 1]
    return np.sum(y ** 2)


def two_arrays(x):
    y, z = np.zeros(len(x)), np.zeros(len(x))
    for i in range(len(x)):
        y[i] = np.tanh(x[i]) + (z[i - 1] if i else 0.0)
        z[i] = y[i] * x[i]
    return np.sum(y * z)


@pytest.mark.parametrize("f", [prefix_with_branch, running_product, two_arrays],
                         ids=lambda f: f.__name__)
def test_a_gradient_writing_its_own_items_is_differentiated_again(f):
    x, v, h = np.array([0.3, -0.7, 1.1, 0.4]), np.array([1.0, -0.5, 0.25, 2.0]), 1e-6
    gradient = tangentish.grad(f)
    assert "_bar[i] = " in gradient.source  # (the first derivative keeps its write in place)
    expected = (gradient(x + h * v) - gradient(x - h * v)) / (2 * h)
    np.testing.assert_allclose(tangentish.hvp(f)(x, v), expected, rtol=1e-6, atol=1e-7)
    twice = tangentish.grad(gradient)(x, out_bar_bar=v)
    np.testing.assert_allclose(twice, expected, rtol=1e-6, atol=1e-7)
