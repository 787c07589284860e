"""The refusals refusals13 lifted (``refusals13_zoo``): each program in every first-order mode
and ``hvp`` against central differences within their error estimate (``idioms15_check``); what
stays refused names the construct, the file and line, with a hint.  (The rules' own rows are in
tests/rules.)"""

from __future__ import annotations

import pytest
import refusals13_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(6040)

CASES = [
    Case("emath_power", z.emath_power, (_n(4),)),
    Case("emath_logn", z.emath_logn, (_n(4),)),
    Case("multiply_at", z.multiply_at, (_n(4),)),
    Case("add_at_a_constant", z.add_at_a_constant, (_n(4), _n(3))),
    Case("unique_values", z.unique_values, (_n(5),)),
    Case("del_items", z.del_items, (_n(4),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.unique_of_a_tie, (_n(3),), ("np.unique of values that repeat", "np.sort(np.ravel(x))")),
    (z.del_a_slice, (_n(3),), ("`del` of an element, slice", "del xs[i]")),
    (z.del_of_an_array_item, (_n(3),), ("other than an item of a list or dict", "np.delete(a, i)")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_with_a_hint(refused, transform):
    check_refusal(*refused, transform)

