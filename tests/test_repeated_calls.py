"""A derivative's later calls run code specialized to the arguments' shapes (tangentish/
specialize.py), where the seed is the number 1.0 and products with it fold away.  A fold may leave
an adjoint that *is* a primal array (``v_bar = g1`` for ``np.dot(g1, v)``); where the reverse
sweep then restores that array in place (``g1[mask] = _tape.pop()``, undoing ``g1[mask] -= 0.5``),
the gradient changed with it: the first call was right and every later one wrong (fuzz seed 4894
program 93).  The fold's guard knew the restored name, not the other names of its array
(``fn.sharing``).  Each function here is called several times and checked every time against
central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialize

import tangentish


def masked_update_in_a_while(v):
    g1 = v * 1.0
    it = 0
    while it < 1:
        it += 1
        if 1.0:
            g1[v < 0.0] -= 0.5
        else:
            g1 -= 1.0
    return np.dot(g1, v)


def masked_update_in_a_for(v):
    g = v * 2.0
    for k in range(2):
        g[v > 0.1 * k] *= 1.5
    return np.dot(v, g)


def element_update_then_product(v):
    g = np.sin(v)
    for k in range(len(v)):
        if v[k] < 0.5:
            g[k] = g[k] - v[k] * v[k]
    return np.sum(g * v)


def slice_update_then_sum(v):
    g = v * 1.0
    for _ in range(2):
        g[1:] += g[:-1] * 0.5
    return np.sum(g * v) + np.dot(g, g)


CASES = [masked_update_in_a_while, masked_update_in_a_for, element_update_then_product,
         slice_update_then_sum]
V = np.array([-0.35, 0.34, 0.97, -0.19])


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("transform", ["grad", "value_and_grad"])
def test_every_call_of_a_derivative_is_right(fn, transform):
    derivative = getattr(tangentish, transform)(fn)
    expected = numeric_grad(fn, (V.copy(),), 0)
    for _ in range(3):  # (the first call runs the generic code, the others the specialized)
        got = derivative(V.copy())
        specialize(derivative, (V,))  # (what later calls run)
        gradient = got[1] if transform == "value_and_grad" else got
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)
