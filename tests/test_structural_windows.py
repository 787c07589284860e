"""Structural zeros through a move by positions (``_rt.unmoved``, a gather's adjoint for the
supports: ``passes/supports_made.py`` ``SCATTERS``): the element of a singular function's value
that a window view, ``np.resize`` or ``np.delete`` leaves out has the exact derivative 0, never
``0 * inf`` or ``0 * NaN`` (fuzz seed 4204 program 61: ``sliding_window_view(...)[:, 0]``).
Table: each move x each singular function x a singular point, in grad and vjp against one-sided
finite differences (``helpers.one_sided_jacobian``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread)

SINGULAR = {"sqrt": "np.sqrt(x)", "log": "np.log(x)", "power_half": "x ** 0.5"}
# each reads every element of u but the last
MOVES = {
    "window": "np.sum(np.lib.stride_tricks.sliding_window_view(u, 2)[:, 0] * W)",
    "window_rows": "np.sum(np.lib.stride_tricks.sliding_window_view(u, 3)[0] * W)",
    "resize": "np.sum(np.resize(u, (3,)) * W)",
    "delete": "np.sum(np.delete(u, -1) * W)",
}


@pytest.mark.parametrize("at", [0.0, -1.0])
@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("move", sorted(MOVES))
def test_the_element_a_move_leaves_out_gets_zero(tmp_path, move, singular, at):
    text = (f"import numpy as np\n\nW = np.array([0.5, -1.5, 2.0])\n\n\ndef f(x):\n"
            f"    u = {SINGULAR[singular]}\n    return {MOVES[move]}\n")
    module = module_from_text(tmp_path, f"moved_{move}_{singular}", text)
    x = np.array([0.5, 1.2, 2.0, at])
    slopes = one_sided_jacobian(module.f, x)
    assert slopes[-1] == 0.0 and np.all(np.isfinite(slopes))
    np.testing.assert_allclose(tangentish.grad(module.f)(x), slopes, rtol=1e-5, atol=1e-6)
    _, pullback = tangentish.vjp(module.f)(x)
    np.testing.assert_allclose(pullback(1.0), slopes, rtol=1e-5, atol=1e-6)
    _, tangent = tangentish.jvp(module.f)(x, x_dot=np.array([1.0, 1.0, 1.0, 0.0]))
    np.testing.assert_allclose(tangent, np.sum(slopes), rtol=1e-5)
