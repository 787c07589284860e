"""``and``, ``or`` and chained comparisons whose later operands do work the adjoint must undo
(a loop that tapes values, an active value built on the way): the adjoint of the ``if`` the
lowering makes for each lazy operand must take the branch the primal took.  It tested the
expression's own result, which that branch binds again, so where the first operand held and the
second did not it skipped the second's adjoint and its tape pops, and every pop before it read
the wrong values (fuzz seed 4802 program 2: ``TypeError`` in generated code).  And a list
comprehension (a generator a builtin consumes) in a later operand, or in a branch of ``a if c
else b``, was run before the whole expression, where Python may never run it: the derivative
raised (``IndexError`` below; ``TypeError`` for ``y is not None and sum(v for v in y)``) where
the function returns.  Table: each form
at points where each operand decides (first true and second false included), grad,
value_and_grad and vjp against central finite differences (``helpers.assert_reverse_modes``),
and second order (``check_grads(order=2)``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes, module_from_text

import tangentish

# the test of an `if` in f(x), after a loop that tapes values; PICKED holds the sum of squares
# of x's elements above 0.5, built by a loop of its own (which tapes what it reads)
PICKED = "sum(v * v for v in x if v > 0.5)"
TESTS = {
    "and": f"x[0] > 0.0 and {PICKED} > 2.0",
    "and_of_three": f"x[0] > 0.0 and x[1] < 5.0 and {PICKED} > 2.0",
    "or": f"x[0] < 0.0 or {PICKED} > 2.0",
    "or_of_three": f"x[0] < 0.0 or x[1] > 5.0 or {PICKED} > 2.0",
    "chain": f"0.0 < x[0] < {PICKED}",
    "chain_of_three": f"-1.0 < x[0] < x[1] + 5.0 < {PICKED} + 6.0",
    "and_guards_an_index": "len(x) > 9 and sum([x[9] * v for v in x]) > 2.0",
    "or_guards_an_index": "len(x) < 9 or sum([x[9] * v for v in x]) > 2.0",
    "chain_guards_an_index": "x[0] > 5.0 > sum([x[9] * v for v in x])",
    "conditional_guards_an_index": "(sum([x[9] * v for v in x]) if len(x) > 9 else x[0]) > 0.0",
    "and_in_a_value": None,  # (the expression's value itself used: below)
}
POINTS = {
    "first_decides": np.array([-0.4, 0.3, 0.9, 1.1]),
    "second_false": np.array([0.4, 0.3, 0.6, 0.7]),
    "second_true": np.array([0.4, 0.3, 1.3, 1.2]),
}


def _text(form: str) -> str:
    head = ("import numpy as np\n\n\ndef f(x):\n    s = 0.0\n    for i in range(3):\n"
            "        s = s + np.sin(x[i] * s + x[i])\n")
    if form == "and_in_a_value":
        return head + f"    k = x[0] > 0.0 and {PICKED} + 1.0\n    return s * (1.5 + k)\n"
    return (head + f"    if {TESTS[form]}:\n        s = s * np.cos(x[3])\n"
            "    return s + np.sum(x * x)\n")


@pytest.mark.parametrize("point", sorted(POINTS))
@pytest.mark.parametrize("form", sorted(TESTS))
def test_the_adjoint_takes_the_branch_each_lazy_operand_took(tmp_path, form, point):
    module = module_from_text(tmp_path, f"lazy_{form}_{point}", _text(form))
    x = POINTS[point]
    assert_reverse_modes(module.f, x)
    tangentish.check_grads(module.f, (x,), order=2, seed=3, warn=False)
