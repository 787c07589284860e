"""``idioms18_optim_zoo`` (optimisation benchmark functions: Himmelblau, Rastrigin, Ackley,
camels, Wood, Powell, Griewank, Levy, Zakharov, Goldstein-Price, Rosenbrock in loops and slices,
a benchmark class, a dict of settings, descent steps) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms18_optim_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1801)

P2 = np.array([0.7, -1.3])
X4 = _n(4)
X8 = _n(8, scale=0.7)

CASES = [
    Case("himmelblau", z.himmelblau, (P2,)),
    Case("rastrigin_loop", z.rastrigin_loop, (X4,)),
    Case("ackley", z.ackley, (X4,)),
    Case("styblinski_tang", z.styblinski_tang, (X4,)),
    Case("booth_matyas", z.booth_matyas, (P2,)),
    Case("six_hump_camel", z.six_hump_camel, (P2,)),
    Case("three_hump_camel", z.three_hump_camel, (0.4, -0.9), (0, 1)),
    Case("wood", z.wood, (X4,)),
    Case("powell_singular", z.powell_singular, (X8,)),
    Case("griewank", z.griewank, (X4 * 3,)),
    Case("levy", z.levy, (X4,)),
    Case("zakharov", z.zakharov, (X4 * 0.5,)),
    Case("dixon_price", z.dixon_price, (X4,)),
    Case("trid", z.trid, (X4,)),
    Case("goldstein_price", z.goldstein_price, (P2 * 0.5,)),
    Case("rosenbrock_extended", z.rosenbrock_extended, (X8,)),
    Case("rosenbrock_while", z.rosenbrock_while, (X4,)),
    Case("shifted_benchmark", z.shifted_benchmark, (_n(3),)),
    Case("shifted_benchmark_clipped", z.shifted_benchmark, (np.array([2.5, -0.4, 1.0]),)),
    Case("weighted_sphere_config", z.weighted_sphere_config, (_n(3),)),
    Case("michalewicz_smooth", z.michalewicz_smooth, (_u(0.5, 2.5, 4),)),
    Case("schwefel_2_22", z.schwefel_2_22, (X4,)),
    Case("mccormick", z.mccormick, (P2,)),
    Case("descent_on_himmelblau", z.descent_on_himmelblau, (P2 * 2,)),
    Case("penalty_function_i", z.penalty_function_i, (X4,)),
    Case("brown_badly_scaled_like", z.brown_badly_scaled_like, (_u(0.3, 0.9, 3),)),
    Case("sum_squares_kwargs", z.sum_squares_kwargs, (X4,)),
    Case("beale_vectorised", z.beale_vectorised, (np.array([[0.5, 0.3], [1.2, -0.4]]),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
