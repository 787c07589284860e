"""``idioms16_edge_zoo`` (views written in place, float()/.item() of differentiated values,
lru_cache'd helpers, module caches, np.vectorize, integer and float mixes, clip with array
bounds, maximum.reduce, nan_to_num, argmax one-hots) in every first-order mode against central
differences within their error estimate (``idioms15_check``)."""

from __future__ import annotations

import idioms16_edge_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1610)  # (seeded points)

CASES = [
    Case("view_written_in_place", z.view_written_in_place, (_n(4),)),
    Case("float_of_item", z.float_of_item, (_n(3),)),
    Case("math_on_items", z.math_on_items, (_n(3),)),
    Case("vectorized_payoff", z.vectorized_payoff, (np.array([0.8, 1.3, 1.6]),)),
    Case("int_float_mix", z.int_float_mix, (_n(3), np.array([1, 3, 4]))),
    Case("where_scalar_branch", z.where_scalar_branch, (np.array([0.4, -0.3, 1.2]),)),
    Case("clip_array_bounds", z.clip_array_bounds,
         (np.array([0.4, -0.3, 1.2]), np.array([0.0, -1.0, 0.0]), np.array([1.0, 0.5, 1.0])),
         (0, 1, 2)),
    Case("maximum_reduce", z.maximum_reduce, (_n(3), _n(3), _n(3)), (0, 1, 2)),
    Case("nan_to_num_ratio", z.nan_to_num_ratio, (_n(3), np.array([0.5, 0.0, 2.0])), (0, 1)),
    Case("cumulative_max_drawdown", z.cumulative_max_drawdown,
         (np.array([1.0, 1.2, 1.1, 1.4, 0.9]),)),
    Case("argmax_onehot", z.argmax_onehot, (np.array([0.3, 1.4, -0.2]),)),
    Case("sort_then_weights", z.sort_then_weights, (_n(4),)),
    # (second=False: the float32 rounding makes the gradient a staircase its differences see)
    Case("astype_round_trip", z.astype_round_trip, (_n(3),), second=False),
    Case("outer_loop_accumulate", z.outer_loop_accumulate, (_n(3), _n(2)), (0, 1)),
    Case("divmod_split", z.divmod_split, (np.array([0.3, 1.4, -0.6]),)),
    Case("power_of_negative_base", z.power_of_negative_base, (np.array([0.9, 2.2, -1.1]),)),
    Case("einsum_repeated_output", z.einsum_repeated_output, (_n(2, 3),)),
    Case("norm_zero_safe", z.norm_zero_safe, (_n(3),)),
    Case("complex_magnitude", z.complex_magnitude, (_n(2),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
