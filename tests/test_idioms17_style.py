"""``idioms17_style_zoo`` (early returns, while-else, closures and returned functions,
comprehensions with conditions, f(*args), keyword-only and default array arguments, __call__,
static and class methods, partials, dict dispatch, chained comparisons, math on numbers) in
every first-order mode against central differences within their error estimate
(``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms17_style_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(1707)

X3 = _n(3)
X5 = np.array([0.3, -0.7, 1.1, -0.2, 0.6])

CASES = [
    Case("early_return_regimes", z.early_return_regimes, (X3,)),
    Case("early_return_regimes_small", z.early_return_regimes, (X3 * 0.1,)),
    Case("early_return_in_loop", z.early_return_in_loop, (X5,)),
    Case("early_return_in_loop_none", z.early_return_in_loop, (X5 * 0.1,)),
    Case("while_else_search", z.while_else_search, (X3,)),
    Case("nested_closure_scale", z.nested_closure_scale, (X3, _n(3)), (0, 1)),
    Case("comprehension_with_conditions", z.comprehension_with_conditions, (X5,)),
    Case("nested_comprehension", z.nested_comprehension, (_n(3, 3),)),
    Case("call_with_star_args", z.call_with_star_args, (X3, (0.5, -1.0, 0.3)), (0, 1)),
    Case("keyword_only_args", z.keyword_only_args, (X3, _n(3)), (0, 1)),
    Case("default_array_arg", z.default_array_arg, (X3,)),
    Case("default_none_arg", z.default_none_arg, (X3,)),
    Case("callable_object", z.callable_object, (_n(2),)),
    Case("static_and_class_methods", z.static_and_class_methods, (X5,)),
    Case("partial_helper", z.partial_helper, (X3,)),
    Case("dict_dispatch_constant_key", z.dict_dispatch_constant_key, (X5,)),
    Case("enumerate_start", z.enumerate_start, (X5,)),
    Case("chained_comparison", z.chained_comparison, (X5,)),
    Case("math_on_numbers", z.math_on_numbers, (0.7, 1.3), (0, 1)),
    Case("math_on_numbers_a", z.math_on_numbers, (0.7, 1.3)),
    Case("conditional_expression_vector", z.conditional_expression_vector, (X3,)),
    Case("unpack_swap_loop", z.unpack_swap_loop, (0.4, 0.9), (0, 1)),
    Case("reversed_sorted_loops", z.reversed_sorted_loops, (X5,)),
    Case("string_flags", z.string_flags, (_n(3, 2),)),
    Case("accumulate_dict_of_lists", z.accumulate_dict_of_lists, (X5,)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])


def test_keyword_arguments_by_name_are_passed_on():
    """``keyword_only_args(w, x, kind="l2", scale=0.5)``: the keywords reach the derivative."""
    args = (X3, _n(3))
    check(Case("keyword_only_args_l2", lambda w, x: z.keyword_only_args(
        w, x, kind="l2", scale=0.5), args, (0, 1)))
    got = tangentish.grad(z.keyword_only_args)(*args, kind="l2", scale=0.5)
    want = tangentish.grad(lambda w, x: z.keyword_only_args(w, x, kind="l2", scale=0.5))(*args)
    np.testing.assert_allclose(got, want, rtol=1e-12)


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.lambda_list_map, (X3,), ("a `lambda` used as a value",)),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_every_mode(refused, transform):
    check_refusal(*refused, transform)
