"""The refusals refusals12 lifted (``refusals12_zoo``): each program in every first-order mode
and ``hvp`` against central differences within their error estimate (``idioms15_check``); what
stays refused names the construct, the file and line, with a hint."""

from __future__ import annotations

import pytest
import refusals11_zoo as z11
import refusals12_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5960)

CASES = [
    Case("running_lse", z.running_lse, (_n(5),)),
    Case("running_lse_rows", z.running_lse_rows, (_n(3, 4),)),
    Case("log_forward_at_1e3", z.log_forward, (_u(0.5, 1.5, 4),)),
    Case("put_along_rows", z.put_along_rows, (_n(2, 2),)),
    Case("put_along_flat", z.put_along_flat, (_n(4),)),
    Case("take_along_sorted", z.take_along_sorted, (_n(2, 3),)),
    Case("spread_after_calls", z.spread_after_calls, (_n(4),)),
    Case("local_keywords_read", z.local_keywords_read, (_n(3),)),
    Case("local_keywords_handed_on", z.local_keywords_handed_on, (_n(2, 2),)),
    Case("refusals11_local_keywords", z11.local_keywords, (_n(3),)),
    Case("grid_items_set", z.grid_items_set, (_n(3),)),
    # (second=False: a list item written in a loop goes on the tape, and the gradient's own
    # write of it back is refused when differentiated again, clearly, as for any list)
    Case("dp_table", z.dp_table, (_n(3),), second=False),
    Case("grid_items_added", z.grid_items_added, (_n(2),), second=False),
    Case("slice_of_a_list_set", z.slice_of_a_list_set, (_n(3),)),
    Case("refusals11_grid_item_set", z11.grid_item_set, (_n(2),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.sqrtm_of_a_number, (_n(3),), ("scipy.linalg.sqrtm of a 0-d array", "np.sqrt(a)",
                                     "np.atleast_2d(a)")),
    (z.local_keywords_spread, (_n(3), {"s": 2.0}), ("`**` keyword unpacking",)),
    (z.local_keywords_positional_name, (_n(3),), ("local function 'h', which takes `**kw`",
                                                   "a positional-only parameter", "h(x, scale=2.0)")),
    (z.grid_of_one_row, (_n(2),), ("`grid[0][1]`", "an item of an item", "grid[i] = row")),
    (z.grid_row_held, (_n(2),), ("`grid[0][1]`", "an item of an item", "grid[i] = row")),
    (z11.grid_item_added, (_n(2),), ("`grid[i][j]` is changed in place", "'grid'")),
    (z.grad_of_a_lambda, (_n(3), _n(3)), ("`a lambda` is not known", "tangentish.grad(g)(y, x)")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_with_a_hint(refused, transform):
    check_refusal(*refused, transform)
