"""Second derivatives of real programs whose gradient saves complex values on a tape
(passes/tape_kinds.py).  A gradient saving a loop's real values and an in-place write's complex
element on one tape gave back nothing proven real: the derivative of the gradient (hvp, hessian,
grad of grad) refused "a second derivative through the complex values of this statement" (grammar
fuzz seeds 6119/1, 6630/16, 7240/16, 7242/19, 6966/7, 6968/6, ...).  Now the values that may be
complex have a tape of their own, and what comes off ``_tape`` is real (a loop step saving
both kinds pushes each on its own).  Each row: hvp or grad of grad against central differences
of the gradient (itself checked against differences of f by the first-order
tests of the same forms)."""

import numpy as np
import pytest

import tangentish


def element_and_loop(x):  # (an element written in place, its complex copy saved: one tape
    # with the loop's real values before)
    z = np.array([1.0 + 1j * x[0], 2.0 * x[1]])
    z[0] *= x[2]
    s = 0.0
    for k in range(3):
        s = s + np.sin(x * k)
    return np.sum(z.imag) + np.sum(s)


def mixed_items(v):  # (a step saving real and complex values, restored in a branch's adjoint)
    r = 0.0
    for k in range(3):
        if k > 0:
            w = np.exp(1j * v) * (v + k)
            q = np.abs(w) ** 2
            r = r + np.sum(np.sin(q) * np.tanh(v))
    return r


X = np.array([0.3, 1.0, 1.7])
V = np.array([1.0, 0.54, -0.42])


def hvp(f):
    return tangentish.hvp(f)(X, V)


def grad_of_grad(f):
    gradient = tangentish.grad(f)

    def directional(y):
        return np.sum(gradient(y) * V)
    return tangentish.grad(directional)(X)  # (H V: the Hessian is symmetric)


CASES = [(element_and_loop, hvp), (mixed_items, grad_of_grad)]


@pytest.mark.parametrize("f, second", CASES, ids=[f.__name__ for f, _ in CASES])
def test_second_order_through_a_tape_of_complex_and_real_values(f, second) -> None:
    gradient, step = tangentish.grad(f), 1e-6
    expected = (gradient(X + step * V) - gradient(X - step * V)) / (2 * step)
    # (the differences' error: truncation ~ step**2 |f'''|, rounding ~ eps |g| / step: < 1e-8)
    np.testing.assert_allclose(second(f), expected, rtol=1e-6, atol=1e-7)
