"""Forward mode's structural zeros across control flow (``passes/support_flow.py``: ``merged``,
``carried``): a tangent that ``np.where`` made 0 off its condition keeps that support after a
nested ``if`` (each branch computes its mask into one name as it ends) and after a loop that
rebinds the name (a mask carried from one iteration to the next), so a singular function
further on (``np.sqrt(x * x)`` at the zeros ``np.where`` left) gets a tangent 0 there, never
``0 * inf`` (fuzz seed 4753 program 221: NaN); nor does a name bound to a constant in the
branch taken (fuzz seed 4870 program 264).  Table: each form x each singular function,
``jvp`` along a direction that moves every element, and ``grad``, against one-sided finite
differences (``helpers.one_sided_jacobian``) at points where the guarded elements are
negative (``f`` is flat in them)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unused)

GUARDED = "x = np.where(x > 0.0, np.sqrt(x), 0.0) * 3.0"
# name: the function of u, singular at u = 0
SINGULAR = {"sqrt": "np.sqrt({})", "power_half": "({}) ** 0.5", "cbrt": "np.cbrt({})"}
# the body of f(x, c), before `return <SINGULAR of x * x, summed>`; c = 0.0
FORMS = {
    "nested_if": f"if c > 1.0:\n        pass\n    else:\n        if c < -1.0:\n"
                 f"            x = x * 2.0\n        else:\n            {GUARDED}",
    "nested_if_with_loop_branch": f"if c > 1.0:\n        pass\n    else:\n        if c < -1.0:\n"
                                  "            for i in range(1):\n                z = x * 2.0\n"
                                  f"        else:\n            {GUARDED}",
    "for_loop": f"for i in range(2):\n        {GUARDED}",
    "while_loop": f"k = 0\n    while k < 2:\n        {GUARDED}\n        k += 1",
    "loop_around_if": f"for i in range(2):\n        if c < 1.0:\n            {GUARDED}",
    "loop_then_if": f"for i in range(2):\n        x = x * 1.0\n    if c < 1.0:\n        {GUARDED}",
    "branch_after_a_product": f"x = np.eye(5) @ x\n    if c < 1.0:\n        {GUARDED}",
    "if_then_loop_of_copies": f"if c < 1.0:\n        {GUARDED}\n    for i in range(2):\n"
                              "        x = x * 1.0",
    # a constant in the branch taken: its tangent 0 by structure, not a computed 0 (fuzz seed
    # 4870 program 264: `acc = 0.0` there, `acc = A` in the other branch)
    "constant_in_the_branch_taken": "if c > 1.0:\n        x = x * 2.0\n    else:\n"
                                    "        x = np.zeros(5)",
    "constant_in_the_branch_then_loop": "if c > 1.0:\n        x = x * 2.0\n    else:\n"
                                        "        x = np.zeros(5)\n    for i in range(2):\n"
                                        "        x = x * 1.5",
    # the branch not taken would make it depend on x (its tangent 0 by structure otherwise; y
    # maybe unbound in the second: fuzz seed 4870 program 264, `s3 /= A` in a branch not taken)
    "constant_unless_the_branch": "y = np.zeros(5)\n    if c > 1.0:\n        y = x * 2.0\n"
                                  "    x = y",
    "maybe_unbound_constant": "if c < 1.0:\n        y = np.zeros(5)\n    if c > 1.0:\n"
                              "        y = x * 2.0\n    x = y",
    "constant_in_a_list": "if c > 1.0:\n        x = x * 2.0\n    else:\n        x = np.zeros(5)\n"
                          "    x = np.sum([x], axis=0)",
    "constant_in_a_list_a_loop_binds": "if c > 1.0:\n        x = x * 2.0\n    else:\n"
                                       "        x = np.zeros(5)\n    h = 1.0\n"
                                       "    for i in range(2):\n        h = [x]\n"
                                       "    x = np.sum(h, axis=0)",
}
RETURNS = {
    "elementwise": "np.sum({})",
    "concatenated": "np.sum(({})[:-2])",  # (the argument padded, as the fuzzer writes it)
}
BAD = [-1.5, -0.5]


def _module(tmp_path, form, singular, returned):
    argument = "np.concatenate((x * x, [-1.0, 0.0]))" if returned == "concatenated" else "x * x"
    value = RETURNS[returned].format(SINGULAR[singular].format(argument))
    text = f"import numpy as np\n\n\ndef f(x, c):\n    {FORMS[form]}\n    return {value}\n"
    return module_from_text(tmp_path, f"fwd_{form}_{singular}_{returned}", text)


@pytest.mark.parametrize("returned", sorted(RETURNS))
@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_tangent_np_where_left_zero_stays_zero_past_control_flow(tmp_path, form, singular,
                                                                     returned):
    module = _module(tmp_path, form, singular, returned)
    x = np.array(BAD + [0.5, 1.2, 2.0])
    slopes = one_sided_jacobian(lambda y: module.f(y, 0.0), x)
    assert np.all(slopes[: len(BAD)] == 0.0) and np.all(np.isfinite(slopes))
    direction = np.array([1.0, -0.7, 0.3, 0.9, -1.1])
    value, tangent = tangentish.jvp(module.f)(x, 0.0, x_dot=direction)
    assert value == module.f(x, 0.0)
    np.testing.assert_allclose(tangent, slopes @ direction, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangentish.grad(module.f)(x, 0.0), slopes, rtol=1e-5, atol=1e-6)


def test_masks_nothing_reads_are_not_in_the_derivative():
    """The masks a branch or a loop would carry are dropped where no guard reads them."""
    def f(x, c):
        if c < 1.0:
            x = np.where(x > 0.0, np.sqrt(x), 0.0) * 3.0
        for _ in range(2):
            x = x * 1.5
        return np.sum(x * 2.0)
    assert "_mask =" not in tangentish.jvp(f).source


SWAP = '''import numpy as np


def f(x, y):
    y = np.zeros(3) * y
    for _ in range(2):
        x, y = y, x + y
    return np.sum(1.0 / x)
'''


def test_masks_a_loop_carries_are_updated_at_once(tmp_path):
    """A swap in a loop (``x, y = y, x + y``, ``y`` 0 by structure at first): each carried mask
    is updated from the masks as the iteration found them, not from one just updated (fuzz seed
    4893 program 110: jvp and hessian 0 where they are not)."""
    f = module_from_text(tmp_path, "fwd_swap", SWAP).f
    x, y = np.array([0.5, 1.2, 2.0]), np.array([1.0, 1.0, 1.0])
    slopes = one_sided_jacobian(lambda z: f(z, y), x)
    direction = np.array([1.0, -0.7, 0.3])
    np.testing.assert_allclose(tangentish.jvp(f)(x, y, x_dot=direction)[1], slopes @ direction,
                               rtol=1e-5, atol=1e-6)
    curvature = one_sided_jacobian(lambda z: tangentish.grad(f)(z, y), x)
    np.testing.assert_allclose(tangentish.hessian(f)(x, y), curvature, rtol=1e-4, atol=1e-4)


# A number a branch or loop binds to a constant (its tangent 0 by structure), then picked by
# the builtin max or min and handed to a singular function at its singular point: the pick's
# tangent is 0 where the picked operand's is (fuzz seed 5790 program 35: `a = np.max(b - b)` in
# a loop, then `math.sqrt(max(a, 0.0))`; the builtins' picks had no support, so 0 * inf).
SCALAR_FORMS = {
    "if": "if c > -1.0:\n        x = c - c",
    "loop": "for i in range(2):\n        x = c * 0.0",
    "loop_around_if": "for i in range(2):\n        if c > -1.0:\n            x = c - c",
}
PICKS = {"max": "math.sqrt(max(x, 0.0))", "min": "np.sqrt(-min(x, 0.0))"}


@pytest.mark.parametrize("pick", sorted(PICKS))
@pytest.mark.parametrize("form", sorted(SCALAR_FORMS))
def test_a_builtin_pick_of_a_zero_tangent_stays_zero(tmp_path, form, pick):
    text = f"import math\nimport numpy as np\n\n\ndef f(x, c):\n    {SCALAR_FORMS[form]}\n" \
           f"    return {PICKS[pick]}\n"
    module = module_from_text(tmp_path, f"pick_{form}_{pick}", text)
    slope = one_sided_jacobian(lambda y: np.array([module.f(float(y[0]), 0.0)]), np.array([0.7]))
    assert np.all(np.isfinite(slope))
    _, tangent = tangentish.jvp(module.f)(0.7, 0.0, x_dot=1.0)
    np.testing.assert_allclose(tangent, slope[0, 0], atol=1e-12)
    np.testing.assert_allclose(tangentish.grad(module.f)(0.7, 0.0), slope[0, 0], atol=1e-12)


HELPER = '''import math
import numpy as np


def picked(a, c):
    for i in range(2):
        if c > -1.0:
            acc = c - c
            a = acc
    return math.sqrt(max(a, 0.0))


def f(x, c):
    return picked(np.median(x * 1.0), c) + np.sum(x)
'''


def test_a_helper_handed_no_mask_keeps_a_loop_zero(tmp_path):
    """The helper's parameter has no known support (its caller's tangent, a median's, hands no
    mask), and the loop binds it to a constant: carried from everywhere, its mask says 0 after
    the loop, not 0 * inf at the pick's square root (fuzz seed 5790 program 35)."""
    module = module_from_text(tmp_path, "picked_in_a_helper", HELPER)
    x = np.array([0.3, -0.2, 0.5, 0.1])
    slopes = one_sided_jacobian(lambda y: module.f(y, 0.0), x)
    direction = np.array([1.0, -0.7, 0.3, 0.9])
    _, tangent = tangentish.jvp(module.f)(x, 0.0, x_dot=direction)
    np.testing.assert_allclose(tangent, slopes @ direction, rtol=1e-6)
    np.testing.assert_allclose(tangentish.grad(module.f)(x, 0.0), slopes, rtol=1e-6)
