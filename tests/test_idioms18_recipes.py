"""``idioms18_recipes_zoo`` (Thomas, Jacobi, Gauss-Seidel and SOR sweeps, LU and Householder by
hand, Romberg and adaptive Simpson, secant, Halley and Newton with tolerances, Richardson,
continued fractions, Gauss-Legendre, splines, graph Laplacians by np.add.at and np.bincount,
segment softmax, COO and CSR products, a power method) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms18_recipes_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1807)

SPD = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.5]])
B3 = _n(3)
W6 = _u(0.5, 1.5, 6)
X5 = _n(5)

CASES = [
    Case("thomas_solve", z.thomas_solve, (_n(3), _u(3, 4, 4), _n(3), _n(4)), (0, 1, 2, 3)),
    Case("thomas_solve_d", z.thomas_solve, (_n(3), _u(3, 4, 4), _n(3), _n(4)), 3),
    Case("jacobi_sweeps", z.jacobi_sweeps, (SPD, B3), (0, 1)),
    Case("jacobi_sweeps_A", z.jacobi_sweeps, (SPD, B3)),
    Case("gauss_seidel_tol", z.gauss_seidel_tol, (SPD, B3), (0, 1)),
    Case("sor_solve", z.sor_solve, (SPD, B3), (0, 1)),
    Case("sor_solve_b", z.sor_solve, (SPD, B3), 1),
    Case("doolittle_lu_logdet", z.doolittle_lu_logdet, (SPD + _n(3, 3, scale=0.1),)),
    Case("romberg", z.romberg, (np.array([0.8, 2.0]),)),
    Case("adaptive_simpson_stack", z.adaptive_simpson_stack, (1.7,)),
    Case("secant_root", z.secant_root, (0.8,)),
    Case("halley_cbrt", z.halley_cbrt, (2.7,)),
    Case("halley_cbrt_small", z.halley_cbrt, (0.4,)),
    Case("continued_fraction_tanh", z.continued_fraction_tanh, (0.9,)),
    Case("gauss_legendre_integral", z.gauss_legendre_integral, (np.array([-0.5, 1.2]),)),
    Case("natural_cubic_spline", z.natural_cubic_spline, (X5,)),
    Case("laplacian_add_at", z.laplacian_add_at, (W6, X5), (0, 1)),
    Case("laplacian_add_at_signal", z.laplacian_add_at, (W6, X5), 1),
    Case("laplacian_bincount", z.laplacian_bincount, (W6, X5), (0, 1)),
    Case("normalised_adjacency_power", z.normalised_adjacency_power, (W6, X5), (0, 1)),
    Case("random_walk_smoothing", z.random_walk_smoothing, (X5,)),
    Case("heat_kernel_eigh", z.heat_kernel_eigh, (0.4, X5), (0, 1)),
    Case("segment_sum_softmax", z.segment_sum_softmax, (_n(6),)),
    Case("sparse_matvec_coo", z.sparse_matvec_coo, (_n(6), _n(4)), (0, 1)),
    Case("csr_rows_loop", z.csr_rows_loop, (_n(5), _n(3)), (0, 1)),
    Case("power_method_rayleigh", z.power_method_rayleigh, (SPD,)),
    Case("newton_system_2d", z.newton_system_2d, (np.array([5.0, 2.0]),)),
    Case("checked_solver", z.checked_solver, (SPD, B3), (0, 1)),
    Case("checked_solver_direct", z.checked_solver, (SPD, B3, "direct"), (0, 1)),
    Case("chebyshev_fit_eval", z.chebyshev_fit_eval, (X5,)),
    Case("trapezoid_nonuniform", z.trapezoid_nonuniform,
         (_n(5), np.array([0.0, 0.3, 0.5, 1.1, 1.4])), (0, 1)),
    Case("bisection_then_newton", z.bisection_then_newton, (0.7,)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
