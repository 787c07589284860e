"""A helper whose result does not depend on its argument has a tangent 0 by structure in its
caller (``passes/forward.py``: the helper's ``jvp`` record lists every ``wrt`` parameter in
``zeros`` when no tangent reaches its output), never the computed zero its ``jvp`` returns, which
a singular partial further on turns into ``0 * inf`` (fuzz seed 4874 program 239: ``jvp`` NaN
for ``math.sqrt(abs(2.0 * h1(a=c)))`` with ``h1`` returning ``np.var`` of constants).  Table:
each constant helper x each singular function, ``jvp`` along a direction that moves every
element and ``grad``, against one-sided finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

# name: the body of h(a, scale=2.0), whose value is the same whatever a
HELPERS = {
    "var_of_constants": "t = a * 2.0\n    return np.var((scale * np.ones(2))[[0, 0]])",
    "a_number": "return 0.0",
    "a_sum_of_zeros": "return np.sum(np.zeros(3)) * scale",
    "an_unread_argument": "u = np.tanh(a)\n    return scale - 2.0",
}
# name: a function singular at 0 of the helper's value h
SINGULAR = {"math_sqrt_abs": "math.sqrt(abs(2.0 * {}))", "np_sqrt": "np.sqrt({})",
            "cbrt": "np.cbrt({})", "power_half": "({}) ** 0.5"}


def _module(tmp_path, helper, singular):
    outer = SINGULAR[singular].format("h(np.sum(x * x))")
    text = ("import math\n\nimport numpy as np\n\nimport tangentish\n\n\n"
            "@tangentish.checkpoint  # (called, not inlined: a derivative of its own)\n"
            f"def h(a, scale=2.0):\n    {HELPERS[helper]}"
            f"\n\n\ndef f(x):\n    return {outer} + np.sum(np.sin(x))\n")
    return module_from_text(tmp_path, f"const_{helper}_{singular}", text)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("helper", sorted(HELPERS))
def test_a_helper_constant_in_its_argument_has_a_zero_tangent(tmp_path, helper, singular):
    module = _module(tmp_path, helper, singular)
    x = np.array([0.3, -1.2, 0.8])
    slopes = one_sided_jacobian(module.f, x)
    direction = np.array([1.0, -0.5, 2.0])
    value, tangent = tangentish.jvp(module.f)(x, x_dot=direction)
    assert value == module.f(x)
    np.testing.assert_allclose(tangent, slopes @ direction, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.grad(module.f)(x), slopes, rtol=1e-6, atol=1e-8)
    assert "def jvp_h" not in tangentish.jvp(module.f).source  # (no helper emitted unused)
