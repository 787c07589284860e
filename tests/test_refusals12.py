"""The refusals refusals12 lifted (``refusals12_zoo``): each program in every first-order mode
and ``hvp`` against central differences within their error estimate (``idioms15_check``); what
stays refused names the construct, the file and line, with a hint.  (The rules' own rows are in
tests/rules: ufunc_running_log_sum_exp, rt_running_lse, ga_take_modes.)"""

from __future__ import annotations

import numpy as np
import pytest
import refusals11_zoo as z11
import refusals12_zoo as z
import scipy.linalg as sla
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5960)

CASES = [
    Case("log_forward_at_1e3", z.log_forward, (_u(0.5, 1.5, 2, 3),)),
    Case("put_along", z.put_along, (_n(2, 2),)),
    Case("local_keywords", z.local_keywords, (_n(3),)),
    Case("grid_items_set", z.grid_items_set, (_n(3),)),
    # (second=False: a row item written in a loop is restored from the tape in place, which the
    # gradient differentiated again refuses, clearly, naming the line)
    Case("dp_table", z.dp_table, (_n(2),), second=False),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.local_keywords_positional_name, (_n(3),), ("local function 'h', which takes `**kw`",
                                                   "a positional-only parameter", "h(x, scale=2.0)")),
    (z.grid_of_one_row, (_n(2),), ("`grid[0][1]`", "an item of an item", "grid[i] = row")),
    (z.grid_row_held, (_n(2),), ("`grid[0][1]`", "an item of an item", "grid[i] = row")),
    (z11.grid_item_added, (_n(2),), ("`grid[i][j]` is changed in place", "'grid'")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_with_a_hint(refused, transform):
    check_refusal(*refused, transform)


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_sqrtm_of_a_number_is_refused_where_scipy_computes_one(transform):
    """SciPy 1.17 takes ``sqrtm`` of a 0-d array to ``exp`` of it (no square root): refused,
    naming the call; SciPy 1.15 raises its own ValueError, from the function itself."""
    try:
        sla.sqrtm(np.array(1.5))
    except ValueError:
        with pytest.raises(ValueError, match="Non-matrix input"):
            tangentish.grad(z.sqrtm_of_a_number)(_n(3))
        return
    check_refusal(z.sqrtm_of_a_number, (_n(3),), ("scipy.linalg.sqrtm of a 0-d array",
                                                  "np.sqrt(a)", "np.atleast_2d(a)"), transform)
