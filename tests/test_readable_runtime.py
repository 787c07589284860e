"""Generated code says in Python and NumPy what they say directly (issue 10: a reader of generated
code needs only a small runtime).  Each case: the construct no longer calls the runtime helper
it used to, and the derivative still matches central finite differences."""

from __future__ import annotations

import numpy as np
from helpers import numeric_grad, numeric_jacobian

import tangentish


def rows_then_stack(x):
    rows = []
    for i in range(x.shape[0]):
        rows.append(np.sin(x[i]) * (i + 1.0))
    rows.append(x[0] * x[-1])
    return np.sum(np.stack(rows) ** 2)


def appended_then_popped(x):
    parts = [x[0]]
    total = 0.0
    for i in range(1, x.shape[0]):
        parts.append(np.cos(parts[-1]) * x[i])
        total = total + parts.pop() * x[i - 1]
        parts.append(x[i] ** 2)
    return total + np.sum(np.stack(parts))


def test_a_tangent_list_is_appended_to_in_place():
    """``rows_dot.append(v_dot)``, as the primal's ``rows.append(v)``: not
    ``rows_dot = _rt.appended(rows_dot, v_dot)`` (the same list, extended in place)."""
    x = np.random.default_rng(3).standard_normal(4)
    v = np.linspace(1.0, -0.5, 4)
    for fn in (rows_then_stack, appended_then_popped):
        derivative = tangentish.jvp(fn)
        assert "_rt.appended" not in derivative.source
        assert "rows_dot.append(" in derivative.source or "parts_dot.append(" in derivative.source
        value, tangent = derivative(x, x_dot=v)
        np.testing.assert_allclose(value, fn(x), rtol=1e-12)
        np.testing.assert_allclose(tangent, numeric_jacobian(fn, (x,), 0) @ v, rtol=1e-6,
                                   atol=1e-8)


def test_the_tape_s_tangent_is_appended_to_in_place():
    """hvp (the jvp of a gradient that pushes onto a tape): ``_tape_dot.append(...)``."""
    x = np.random.default_rng(4).standard_normal(4)
    v = np.linspace(1.0, -0.5, 4)
    for fn in (rows_then_stack, appended_then_popped):
        derivative = tangentish.hvp(fn)
        assert "_rt.appended" not in derivative.source
        assert "_tape_dot.append(" in derivative.source
        gradient = tangentish.grad(fn)
        expected = numeric_jacobian(gradient, (x,), 0) @ v
        np.testing.assert_allclose(derivative(x, v), expected, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(gradient(x), numeric_grad(fn, (x,)), rtol=1e-6, atol=1e-8)
