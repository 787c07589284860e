"""A gradient's own item writes (``y_bar[i] = 0.0``, in place where passes/owned.py proves it
safe) differentiated again: a second derivative whose tape may see the write through a value
read before it takes the gradient with those writes as new values (passes/functional_writes.py),
instead of refusing it (test_second_order_fills' prefix_with_branch was refused once runtime23's
proof wrote its adjoint in place).  Each row: the gradient still writes in place, and its hvp and
grad of grad against central differences of the gradient.

The same holds for an array of the user's that the gradient's tape holds and that changes in
place afterwards, where nothing but the tape may share its memory: a loop's last value pushed,
then sorted or written through a view after the loop (the mutation fuzzer's seed 195/91 hvp
was refused, as was any such change at run time whenever the tape held the array)."""

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


def sorted_after_loop(x):  # (fuzz/mutate.py --seed 195, program 91, reduced)
    for _ in range(2):
        y = np.array(x, dtype=float)
        y[..., :1] = y[..., :1] * 2.0 + 0.25
    y.sort()
    return np.sum(y * np.arange(len(y)))


@pytest.mark.parametrize("f", [sorted_after_loop], ids=lambda f: f.__name__)
def test_a_user_array_the_tape_holds_changed_in_place_is_differentiated_again(f):
    """(test_view_writes' rebound_at_the_end_of_a_loop: a view written in a loop, the same.)"""
    x, v, h = np.array([0.3, -0.7, 1.1, 0.4]), np.array([1.0, -0.5, 0.25, 2.0]), 1e-6
    gradient = tangentish.grad(f)
    expected = (gradient(x + h * v) - gradient(x - h * v)) / (2 * h)
    np.testing.assert_allclose(tangentish.hvp(f)(x, v), expected, rtol=1e-6, atol=1e-7)
