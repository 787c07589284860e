"""A support (where an adjoint or tangent may be non-zero) whose test reads a view of an array
that an element assignment changes: the test must be evaluated while the view holds the value
the support was found at.

Reverse mode: the adjoint of ``P[1, 1] = t`` puts the old value back; a support recorded after
it (``_rt.pick_first(r, 0.5)`` of ``np.maximum(r, 0.5)``, ``r = P[1, :]``) read lazily after the
restore saw the old value, so the written value's adjoint was masked by it (fuzz seed 4810
program 32: ``grad`` was 0 where it is not; ``hvp`` refused).  Forward mode: a support read
after the change saw the new value (a NaN tangent).  And the adjoint of the write, which zeroes
the overwritten element (``_rt.zero_index(P_bar, (1, 1))``), made the support of a supported
array ``np.any`` of it, so a singular partial behind the overwritten element met ``0 * inf``.
Mechanism: ``passes/supports.py`` (``freeze``) and ``passes/supports_bound.py``
(``forget_changed``) compute such supports into a
mask of their own before the change, for every name sharing the array's memory; and
``supports_made.given`` moves a mask through ``zero_index`` as it moves the adjoint.

Every row is ``f(x, s)``, differentiated with respect to the scalar ``s``; the reference is
central differences.  (The first row has no view at all: the support reads ``P`` itself, which
the restore changes; main at 80bc4ab still gave its ``grad`` 0.0.)
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_grad

import tangentish

# name: (body, x, s); r is a view of P, written through P or r
ROWS = {
    "restored_array_masks_the_written_value": ("""
        P = x * 1.0
        P[1] = P[1] * np.cbrt(s)
        return np.sum(np.maximum(P, 0.5))""", [0.6, 0.25, 0.7], 27.0),
    "restored_view_masks_the_written_value": ("""
        P = x * 1.0
        r = P[1, :]
        r[1] = r[1] * np.cbrt(s)
        m = np.maximum(r, 0.5)
        return np.sum(m)""", [[0.1, 0.2, 0.3], [0.6, 0.25, 0.7]], 27.0),
    "restored_column_view": ("""
        P = x * 1.0
        c = P[:, 1]
        c[0] = c[0] * np.sqrt(s)
        return np.sum(np.maximum(c, 1.0))""", [[0.1, 0.5, 0.3], [0.6, 0.25, 0.7]], 9.0),
    "overwritten_element_of_a_supported_array": ("""
        w = np.sqrt(x * s)
        P = w + 1.0
        r = P[1, :]
        P[1, 1] = 3.0
        m = np.maximum(r, 0.5)
        return np.sum(m)""", [[0.1, 0.2, 0.3], [0.6, 0.0, 0.7]], 1.0),
    "array_changed_through_its_view_after_its_support": ("""
        P = x * s
        r = P[1, :]
        m = np.maximum(P, 0.5)
        r[1] = 2.0
        return np.sum(np.sqrt(m - 0.5)) + np.sum(r)""", [[0.1, 0.2, 0.3], [0.6, 0.25, 0.7]], 1.0),
}

MODES = {
    "grad": lambda f, x, s: tangentish.grad(f, wrt=1)(x, s),
    "value_and_grad": lambda f, x, s: tangentish.value_and_grad(f, wrt=1)(x, s)[1],
    "vjp": lambda f, x, s: tangentish.vjp(f, wrt=1)(x, s)[1](1.0),
    "jvp": lambda f, x, s: tangentish.jvp(f, wrt=1)(x, s, s_dot=1.0)[1],
}


def _function(tmp_path, name: str):
    body = ROWS[name][0].replace("\n        ", "\n    ")
    text = f"import numpy as np\n\n\ndef f(x, s):{body}\n"
    return module_from_text(tmp_path, f"view_restores_{name}", text).f


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ROWS)
def test_a_support_reading_a_view_sees_the_value_it_was_found_at(tmp_path, name, mode):
    f, (_, x, s) = _function(tmp_path, name), ROWS[name]
    x = np.array(x)
    with np.errstate(invalid="ignore", divide="ignore"):  # (np.where computes both sides)
        expected = numeric_grad(f, (x.copy(), s), wrt=1)
        got = MODES[mode](f, x.copy(), s)
    assert np.isfinite(got), got
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)


# (the last row's second order is refused: the gradient reads P after changing it through r)
@pytest.mark.parametrize("name", list(ROWS)[:-1])
def test_its_second_derivative_is_the_slope_of_its_gradient(tmp_path, name):
    f, (_, x, s) = _function(tmp_path, name), ROWS[name]
    x = np.array(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        gradient = tangentish.grad(f, wrt=1)
        expected = numeric_grad(lambda t: gradient(x.copy(), t), (s,))
        got = tangentish.hessian(f, wrt=1)(x.copy(), s)
    assert np.isfinite(got), got
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7)
