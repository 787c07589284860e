"""``idioms16_style_zoo`` (reduce and accumulate, map with a lambda, math.fsum, SciPy's softmax
and weighted logsumexp, errstate, recursion, properties and static methods, closures, *args
helpers, try/except, continue, while-else) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms16_style_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1607)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda lo, hi, *shape: R.uniform(lo, hi, shape)  # noqa: E731

_C = _n(3, 3)
COV = _C @ _C.T + np.eye(3)

CASES = [
    Case("reduce_compose_rotations", z.reduce_compose_rotations, (_n(3),)),
    Case("accumulate_wealth", z.accumulate_wealth, (_n(4, scale=0.05),)),
    Case("map_lambda_payoffs", z.map_lambda_payoffs, (np.array([0.8, 1.2, 1.5, 0.95]),)),
    Case("fsum_log_returns", z.fsum_log_returns, (_u(0.8, 1.2, 5),)),
    Case("scipy_softmax_policy", z.scipy_softmax_policy, (_n(2, 3), _n(2, 3)), (0, 1)),
    Case("logsumexp_weighted", z.logsumexp_weighted, (_n(4), _u(0.2, 1.0, 4)), (0, 1)),
    Case("errstate_safe_log", z.errstate_safe_log, (_u(0.2, 2.0, 4),)),
    Case("assert_and_isinstance", z.assert_and_isinstance, (_n(3),)),
    Case("closure_over_arrays", z.closure_over_arrays, (_n(2), _n(4, 2), _n(4)), (0, 1, 2)),
    Case("varargs_terms", z.varargs_terms, (_n(3),)),
    Case("continue_skips", z.continue_skips, (_n(7),)),
    Case("nested_loops_pairs", z.nested_loops_pairs, (_n(4, 2),)),
    Case("while_with_else", z.while_with_else, (_n(3),)),
    Case("ternary_chain", z.ternary_chain, (np.array([0.5, -0.2, 0.9]),)),
    Case("ternary_chain_negative", z.ternary_chain, (np.array([-0.5, 0.2, -0.9]),)),
    Case("string_format_unused", z.string_format_unused, (_n(3),)),
    Case("min_max_builtin_arrays", z.min_max_builtin_arrays, (_n(3), _n(3)), (0, 1)),
    Case("any_all_guard", z.any_all_guard, (_n(3),)),
    Case("enumerate_zip_three", z.enumerate_zip_three, (_n(3), _n(3), _n(3)), (0, 1, 2)),
    Case("list_slice_assign", z.list_slice_assign, (_n(4),)),  # (refused before refusals9)
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
