"""``idioms18_gp_zoo`` (GP marginal likelihoods through Cholesky and scipy's cho_solve, a kernel
object, periodic, Matern and ARD kernels, a sparse bound, posterior samples, kernel alignment and
LOO; RK4, adaptive Heun, leapfrog and Euler-Maruyama integrators) in every first-order mode
against central differences within their error estimate (``idioms15_check``), and hvp for the
scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms18_gp_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1809)

X = np.sort(_u(-2, 2, 5, 1), axis=0)
Y = np.sin(2 * X[:, 0]) + _n(5, scale=0.1)
XS = np.array([[-0.5], [0.7], [1.9]])
X2 = _n(5, 2)

CASES = [
    Case("rbf_cdist_nll", z.rbf_cdist_nll, (np.log(np.array([0.8, 1.2, 0.1])), X, Y), (0, 1, 2)),
    Case("rbf_cdist_nll_params", z.rbf_cdist_nll, (np.log(np.array([0.8, 1.2, 0.1])), X, Y)),
    Case("gp_cho_solve", z.gp_cho_solve, (-0.2, X, Y), (0, 1, 2)),
    Case("gp_cho_solve_ell", z.gp_cho_solve, (-0.2, X, Y)),
    Case("kernel_object_predict", z.kernel_object_predict, (0.9, X, Y, XS), (0, 2, 3)),
    Case("kernel_object_predict_ell", z.kernel_object_predict, (0.9, X, Y, XS)),
    Case("matern52_nll", z.matern52_nll, (0.9, X, Y), (0, 2)),
    Case("sparse_titsias_bound", z.sparse_titsias_bound, (XS, X, Y), (0, 1, 2)),
    Case("sparse_titsias_bound_Z", z.sparse_titsias_bound, (XS, X, Y)),
    Case("ard_kernel_loop", z.ard_kernel_loop, (np.array([0.1, -0.3]), X2, _n(5)), (0, 1, 2)),
    Case("rk4_trajectory_stack", z.rk4_trajectory_stack,
         (np.array([1.0, 0.0]), np.array([2.0, 0.3])), (0, 1)),
    Case("rk4_trajectory_stack_theta", z.rk4_trajectory_stack,
         (np.array([1.0, 0.0]), np.array([2.0, 0.3])), 1),
    Case("heun_adaptive", z.heun_adaptive, (1.0, 2.0), (0, 1)),
    Case("leapfrog_hmc_energy", z.leapfrog_hmc_energy, (_n(3), _n(3)), (0, 1)),
    Case("leapfrog_hmc_energy_q", z.leapfrog_hmc_energy, (_n(3), _n(3))),
    Case("euler_maruyama_fixed_noise", z.euler_maruyama_fixed_noise,
         (1.0, np.array([0.1, 0.2])), (0, 1)),
    Case("gp_posterior_samples_fixed", z.gp_posterior_samples_fixed, (0.9, X, XS, Y), (0, 1, 3)),
    Case("kernel_alignment", z.kernel_alignment, (0.8, X2, np.array([1, -1, 1, 1, -1.0])), (0, 1)),
    Case("kernel_ridge_loo", z.kernel_ridge_loo, (-1.0, X, Y), (0, 1, 2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
