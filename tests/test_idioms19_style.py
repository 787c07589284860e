"""``idioms19_style_zoo`` (asserts and f-string raises, ``np.errstate``, ``np.copyto`` with
``where=``, keyword-only helpers, lists stacked, early returns, ``while`` loops with tolerances,
tuple swaps, ``enumerate``/``zip``/``range(len())``, f-string keys, float32 pipelines, a
dataclass argument, ``functools.reduce``, ``sorted`` by key, builtins ``min``/``max``,
bisection, Horner, Chebyshev, Simpson, trapezoid, Richardson, secant, ``*args``, default
dicts, conditional expressions) in every first-order mode against central differences within
their error estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one
argument."""

from __future__ import annotations

import idioms19_style_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1906)

PARAMS = {"W0": _n(3, 4, scale=0.5), "b0": _n(4), "W1": _n(4, 2, scale=0.5), "b1": _n(2)}
MATS = [np.eye(2) + _n(2, 2, scale=0.3) for _ in range(3)]

CASES = [
    Case("validated_mse", z.validated_mse, (_n(5), _n(5)), (0, 1)),
    Case("errstate_entropy", z.errstate_entropy, (np.array([0.2, 1e-3, 0.5, 0.3]),)),
    Case("copyto_where", z.copyto_where, (np.array([0.5, -0.1, 1.2, 0.2, -2.0]),)),
    Case("keyword_only_helper", z.keyword_only_helper,
         (np.array([0.1, 1.4, -0.3, 2.2]), np.array([0.0, 0.5, 0.1, -0.4])), (0, 1)),
    Case("list_then_stack", z.list_then_stack, (_n(3, 2), list(_n(4, 2))), (0, 1)),
    Case("list_then_vstack_rows", z.list_then_vstack_rows, (_n(3, 2), _n(3)), (0, 1)),
    Case("early_return_guard", z.early_return_guard, (_n(3),)),
    Case("early_return_guard_large", z.early_return_guard, (3.0 + _n(3),)),
    Case("while_tolerance_cap", z.while_tolerance_cap, (2.5,)),
    Case("tuple_swap_fibonacci", z.tuple_swap_fibonacci, (0.3, 0.7), (0, 1)),
    Case("enumerate_zip_weights", z.enumerate_zip_weights, (_n(4), _n(4), _u(0.1, 1, 4)),
         (0, 1, 2)),
    Case("range_len_diff", z.range_len_diff, (_n(6),)),
    Case("fstring_param_dict", z.fstring_param_dict, (PARAMS, _n(2, 3)), (0, 1)),
    Case("float32_pipeline", z.float32_pipeline,
         (np.array([0.5, -1.0, 2.0], dtype=np.float32), np.array([1.5, 0.5, -0.5],
                                                                 dtype=np.float32)), (0, 1)),
    Case("float32_norm", z.float32_norm, (np.array([0.5, -1.0, 2.0], dtype=np.float32),)),
    Case("dataclass_argument", z.dataclass_argument, (_n(3), z.Hyper(0.1), [_n(3), _n(3)]),
         (0, 1, 2)),
    Case("reduce_compose", z.reduce_compose, (MATS, _n(2)), (0, 1)),
    Case("sorted_by_key", z.sorted_by_key, (_n(5, 2),)),
    Case("min_max_builtin", z.min_max_builtin, (0.4, 1.3), (0, 1)),
    Case("bisection_root", z.bisection_root, (2.0,), 0, False),  # (no hvp: the bisected root
    # is piecewise constant in c, its steps 1e-13 apart; differences of the gradient see them)
    Case("horner_reversed", z.horner_reversed, (_n(4), np.linspace(-1, 1, 5)), (0, 1)),
    Case("chebyshev_recurrence", z.chebyshev_recurrence, (_n(5), np.linspace(-1, 1, 6)),
         (0, 1)),
    Case("simpson_by_hand", z.simpson_by_hand, (0.1, 1.7), (0, 1)),
    Case("trapezoid_loop", z.trapezoid_loop, (np.array([1.3, 0.7]),)),
    Case("richardson_derivative", z.richardson_derivative, (_n(3),)),
    Case("secant_search", z.secant_search, (2.0,)),
    Case("star_args_caller", z.star_args_caller, (_n(3), _n(2)), (0, 1)),
    Case("conditional_expression_rows", z.conditional_expression_rows, (_n(4, 3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
