"""The second-order partials of the norms whose gradient is piecewise constant (the vector 1-, inf-
and -inf-norms: ``g sign(x)``, or ``g`` at the extreme element) are 0, also where the operand has
exact zeros.  The 1-norm's were taken as the p-norms' ``(p - 1) |x|**(p - 2) / r**(p - 1)``, which
is ``0 * inf = NaN`` at ``x = 0`` (call fuzzer, seed 141, program 22: ``hvp`` NaN where the
function does not depend on the norm's operand at all).  Each order and reduction form on an
operand that is identically 0 (``x * x - x * x``), against the closed-form Hessian ``2 I``."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

X = np.array([[0.8, -1.0, 0.6], [-0.08, -0.35, 0.2]])
FORMS = [(order, axis, keepdims) for order in (1, np.inf, -np.inf)
         for axis, keepdims in ((0, False), (1, True), (-1, False))] + [(1, None, False)]


@pytest.mark.parametrize(("order", "axis", "keepdims"), FORMS)
def test_hessian_through_a_piecewise_linear_norm_of_zeros(order, axis, keepdims):
    def f(x):
        zeros = x * x - x * x
        v = zeros.ravel() if axis is None else zeros
        return np.sum(np.sin(np.linalg.norm(v, order, axis=axis, keepdims=keepdims))) + \
            np.sum(x ** 2)

    hessian = tangentish.hessian(f)(X).reshape(X.size, X.size)
    np.testing.assert_array_equal(hessian, 2.0 * np.eye(X.size))
    v = np.linspace(-1.0, 1.0, X.size).reshape(X.shape)
    np.testing.assert_array_equal(tangentish.hvp(f)(X, v), 2.0 * v)
