"""Structural zeros of a singular function's value made or read inside a branch
(``passes/supports.py`` ``guard``): an adjoint that reaches the singular function through a
copy a branch binds (``v = np.sqrt(v)`` then ``v[1]``; ``z, p = p, z`` in a branch not taken)
is 0 at the elements nothing reads, never ``0 * inf`` or ``0 * NaN``.  Table: each form x each
singular function, at points where the unread elements are singular (fuzz seed 4201 program 68
found the second form), grad and vjp against one-sided finite differences
(``helpers.one_sided_jacobian``).  A branch that leaves the adjoint 0 while the other has no
support known (reads the whole value) used to join to no support at all, where it is the test
(``support_flow.join``: :data:`.supports_base.EVERYWHERE` in one branch, nowhere in the other)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread)

# name: (the function of x, points where its partial is not finite)
SINGULAR = {
    "sqrt": ("np.sqrt({})", [-1.5, 0.0]),
    "log": ("np.log({})", [-1.0, 0.0]),
    "power_half": ("{} ** 0.5", [-1.5, 0.0]),
}
# the body of f(x, c): FN is the singular function, K the first element that is not singular
FORMS = {
    "unread_in_the_branch_not_taken": "z = FN(x)\n    if c > 1.0:\n        x = z\n"
                                      "    return np.sum(x[K:] * x[K:])",
    "copy_in_the_branch_taken": "if c > 1.0:\n        pass\n    else:\n        x = FN(x)\n"
                                "    return x[K] + x[K + 1]",
    "copy_in_the_only_branch": "if c < 1.0:\n        x = FN(x)\n    return np.sum(x[K:])",
    "copy_in_elif": "if c > 1.0:\n        x = x * 2.0\n    elif c > -1.0:\n        x = FN(x)\n"
                    "    else:\n        x = -x\n    return x[K] * 2.0",
    "branch_left_zero_then_read": "y = FN(x)\n    if c > 1.0:\n        y = x * 3.0\n"
                                  "    return np.sum(y[K:])",
    # the whole value read in the branch not taken only (fuzz seed 4768 program 45)
    "whole_value_in_the_branch_not_taken": "z = FN(x)\n    if c > 1.0:\n        c = np.sum(z)\n"
                                           "    return c + np.sum(x[K:])",
    "reduced_then_not_chosen": "s = np.sum(FN(x))\n    w = s if c > 1.0 else c\n"
                               "    return w + np.sum(x[K:])",
    "filtered_out_of_a_list": "s = np.sum(FN(x))\n    w = sum([e for e in [s, c] if e > 5.0], 0.0)\n"
                              "    return w + np.sum(x[K:])",
}


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("form", sorted(FORMS))
def test_unread_singular_elements_behind_a_branch_get_zero(tmp_path, form, singular):
    expression, bad = SINGULAR[singular]
    body = FORMS[form].replace("FN(x)", expression.format("x")).replace("K", str(len(bad)))
    module = module_from_text(tmp_path, f"branch_{form}_{singular}",
                              f"import numpy as np\n\n\ndef f(x, c):\n    {body}\n")
    x = np.array(bad + [0.5, 1.2, 2.0])
    slopes = one_sided_jacobian(lambda y: module.f(y, 0.0), x)
    assert np.all(slopes[: len(bad)] == 0.0) and np.all(np.isfinite(slopes))
    np.testing.assert_allclose(tangentish.grad(module.f)(x, 0.0), slopes, rtol=1e-5, atol=1e-6)
    _, pullback = tangentish.vjp(module.f)(x, 0.0)
    np.testing.assert_allclose(pullback(1.0), slopes, rtol=1e-5, atol=1e-6)
