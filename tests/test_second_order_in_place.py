"""Derivatives of derivatives whose first derivative accumulates an adjoint in place
(``_rt.add_at``/``_rt.zero_index`` after a copy between adjoints; passes/in_place_helpers.py):
the Hessian, the Hessian-vector product and grad of grad against central differences of the
gradient.  Before, normalizing the gradient dropped the copy and the helper changed the adjoint
that was copied, which was read again (fuzz seed 4007, program 32: a Hessian entry 0.27 for
0.38).  And a tape popped where the popped value's tangent is read by nothing: the optimizer
dropped the tangent tape's pop as dead, and the pops after it read the wrong items (IndexError)."""

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish


def sum_then_item(p):
    p = np.log10(np.exp(p))
    p = p + p * p
    return p[1]


def two_items(x):
    y = x * 2.0
    z = y
    return z[0] * z[2] + y[1] ** 3


def written_item(x):
    y = np.sin(x)
    z = y * 1.0
    z[1] = x[0] ** 2
    return np.sum(z * y)


def items_in_a_loop(x):
    s = x
    total = 0.0
    for i in range(1, 3):
        total = total + s[i] * s[i - 1] ** 2
    return total + np.sum(s)


def sqrt_exp(p):  # (a singular partial upstream: the adjoint read at the item only)
    q = np.sqrt(np.exp(p))
    q = q + q * q
    return q[0]


def arcsin_tanh(p):
    q = np.arcsin(np.tanh(p))
    q = q + q * q
    return q[1] * 2.0


def log1p_matrix(P):
    q = np.log1p(np.exp(P))
    q = q + q * q
    return q[1, 0]


def reciprocal(p):
    q = 1.0 / (np.exp(p) + 1.0)
    q = q + q * q
    return q[1]


def loop_then_written(x):  # (fuzz seed 4700 program 243: the restore of z[1], read by
    for _ in x:               # nothing, pops the tape before the loop's (1.0 * 1.0, y) items)
        y = x * (1.0 * 1.0)
    s = np.sum(y ** 3)
    z = np.zeros(3)
    w = z[::1]
    w[1] -= s
    return np.mean(z) * 2.0


X = np.array([-0.32, -1.28, 0.77])
CASES = [(sum_then_item, X), (sqrt_exp, X), (arcsin_tanh, X),
         (log1p_matrix, np.array([[0.3, -0.2], [0.5, 1.1]])), (reciprocal, X), (two_items, X),
         (written_item, X), (items_in_a_loop, X), (loop_then_written, X)]


@pytest.mark.parametrize("f, x", CASES, ids=[c[0].__name__ for c in CASES])
def test_hessian_hvp_and_grad_of_grad(f, x):
    gradient = tangentish.grad(f)
    expected = numeric_jacobian(gradient, (x,), 0).reshape(x.size, x.size)
    np.testing.assert_allclose(tangentish.hessian(f)(x).reshape(x.size, x.size), expected,
                               rtol=1e-6, atol=1e-8)
    v = np.linspace(0.3, -1.0, x.size).reshape(x.shape)
    np.testing.assert_allclose(np.ravel(tangentish.hvp(f)(x, v)), expected @ v.ravel(),
                               rtol=1e-6, atol=1e-8)

    def directional(y):
        return np.sum(tangentish.grad(f)(y) * v)
    np.testing.assert_allclose(np.ravel(tangentish.grad(directional)(x)), expected.T @ v.ravel(),
                               rtol=1e-6, atol=1e-8)
