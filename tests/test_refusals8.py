"""The refusals refusals8 lifted (``refusals8_zoo``).  Each program in every first-order mode
against central differences within their error estimate, and ``hvp`` against differences of the
checked gradient (``idioms15_check``)."""

from __future__ import annotations

import numpy as np
import pytest
import refusals8_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5620)

CASES = [
    Case("pairwise_loop", z.pairwise_loop, (_n(4),)),
    Case("pairwise_of_rows", z.pairwise_of_rows, (_n(3, 2),)),
    Case("pairwise_of_a_list", z.pairwise_of_a_list, (_n(3),)),
    Case("shifted_zip", z.shifted_zip, (_n(4),)),
    Case("product_loop", z.product_loop, (_n(3), _n(2)), (0, 1)),
    Case("product_repeat", z.product_repeat, (_n(3),)),
    Case("product_of_a_changing_list", z.product_of_a_changing_list, (_n(3),)),
    Case("product_of_computed_factors", z.product_of_computed_factors, (_n(3),)),
    Case("product_comprehension", z.product_comprehension, (_n(3),)),
    Case("product_three_nested", z.product_three_nested, (_n(3),)),
    Case("kw_forwarded", z.kw_forwarded, (_n(3), 0.7), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_a_product_loop_that_breaks_stays_refused(transform):
    check_refusal(z.product_with_break, (np.array([0.5, -0.3]),),
                  ("itertools.product", "prod(x, x)"), transform)
