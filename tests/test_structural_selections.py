"""Forward mode's structural zeros through a selection of a selected tangent
(``passes/supports.py``: ``tangent_guard``): ``np.clip``, ``np.maximum``, another ``np.where``...
of a value ``np.where`` made constant off its condition keep the tangent 0 where either
selection drops it, so a function singular at that constant further on (``np.arccos`` at 1)
gets a tangent 0 there, never ``0 * inf`` (fuzz seed 4808 program 947: ``jvp`` NaN, the clip's
own support replaced the ``np.where``'s instead of narrowing it).  Table: each selection x each
singular function, ``jvp`` along a direction that moves every element, and ``grad``, against
one-sided finite differences (``helpers.one_sided_jacobian``) at points where the guarded
elements are negative (``f`` is flat in them)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unused)

GUARDED = "np.where(x > 0.0, np.sqrt(x), 1.0)"  # (1.0 where x <= 0: constant)
# name: a selection of the guarded value w, which keeps w = 1.0 as it is
SELECTIONS = {
    "clip": "np.clip({}, -1.0, 1.0)",
    "clip_keywords": "np.clip({}, a_min=-1.0, a_max=1.0)",
    "maximum": "np.maximum({}, -2.0)",
    "minimum": "np.minimum({}, 1.0)",
    "fmin": "np.fmin({}, 1.0)",
    "where_again": "np.where(x < 5.0, {}, 0.0)",
    "where_of_clip": "np.where(x < 5.0, np.clip({}, -1.0, 1.0), 0.0)",
    "clip_of_maximum": "np.clip(np.maximum({}, -2.0), -1.0, 1.0)",
}
# name: a function of u singular at u = 1
SINGULAR = {"arccos": "np.arccos({})", "sqrt_of_one_minus": "np.sqrt(1.0 - {})",
            "power_half": "(1.0 - {}) ** 0.5"}
BAD = [-1.5, -0.5]


def _module(tmp_path, selection, singular):
    value = SINGULAR[singular].format("s")
    text = (f"import numpy as np\n\n\ndef f(x):\n    w = {GUARDED}\n"
            f"    s = {SELECTIONS[selection].format('w')}\n    return np.sum({value} * x)\n")
    return module_from_text(tmp_path, f"sel_{selection}_{singular}", text)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("selection", sorted(SELECTIONS))
def test_a_selection_of_a_selected_tangent_keeps_both_zeros(tmp_path, selection, singular):
    module = _module(tmp_path, selection, singular)
    x = np.array(BAD + [0.2, 0.5, 0.8])
    slopes = one_sided_jacobian(module.f, x)
    assert np.all(np.isfinite(slopes))
    direction = np.array([1.0, -0.7, 0.3, 0.9, -1.1])
    value, tangent = tangentish.jvp(module.f)(x, x_dot=direction)
    assert value == module.f(x)
    np.testing.assert_allclose(tangent, slopes @ direction, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangentish.grad(module.f)(x), slopes, rtol=1e-5, atol=1e-6)
