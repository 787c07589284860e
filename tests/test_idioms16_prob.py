"""``idioms16_prob_zoo`` (mixtures with logsumexp, HMM forward loops, Kalman steps, Newton
iterations, quadrature, interpolation, RK4) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms16_prob_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _stochastic = seeded(1602)  # (seeded points)


OBS = np.array([0, 2, 1, 1, 0])
PI, A, B = _stochastic(3), _stochastic(3, 3), _stochastic(3, 3)
_S = _n(2, 2)
SPD = _S @ _S.T + np.eye(2)
F2 = np.array([[1.0, 0.1], [0.0, 1.0]])
H2 = np.array([[1.0, 0.0]])
XS = np.sort(_u(0.0, 1.0, 6))

CASES = [
    Case("gmm_loglik", z.gmm_loglik, (_n(5), _n(3), _n(3, scale=0.3), _n(3)), (0, 1, 2, 3)),
    Case("gmm_loglik_means", z.gmm_loglik, (_n(5), _n(3), _n(3, scale=0.3), _n(3)), 1),
    Case("gmm_manual_lse", z.gmm_manual_lse, (_n(5), _n(3), _n(3)), (0, 1, 2)),
    Case("gmm_responsibilities", z.gmm_responsibilities, (_n(5), _n(3)), (0, 1)),
    Case("hmm_forward", z.hmm_forward, (np.log(PI), np.log(A), np.log(B), OBS), (0, 1, 2)),
    Case("hmm_forward_A", z.hmm_forward, (np.log(PI), np.log(A), np.log(B), OBS), 1),
    Case("hmm_forward_scaled", z.hmm_forward_scaled, (PI, A, B, OBS), (0, 1, 2)),
    Case("hmm_softmax_params", z.hmm_softmax_params, (_n(3, 3), _n(3, 3), OBS), (0, 1)),
    Case("kalman_joseph", z.kalman_joseph,
         (_n(2), SPD, _n(1), F2, H2, 0.1 * np.eye(2), np.array([[0.5]])), (0, 1, 2, 3, 5, 6)),
    Case("kalman_joseph_P", z.kalman_joseph,
         (_n(2), SPD, _n(1), F2, H2, 0.1 * np.eye(2), np.array([[0.5]])), 1),
    Case("kalman_nll", z.kalman_nll, (_n(4, 1), 0.1, 0.5), (0, 1, 2)),
    Case("kalman_nll_q", z.kalman_nll, (_n(4, 1), 0.1, 0.5), 1),
    Case("bayes_linear_evidence", z.bayes_linear_evidence, (0.2, _n(6, 2), _n(6)), (0, 1, 2)),
    Case("bayes_linear_evidence_alpha", z.bayes_linear_evidence, (0.2, _n(6, 2), _n(6))),
    Case("student_t_nll", z.student_t_nll, (_n(5), 0.1, -0.2), (0, 1, 2)),
    Case("mixture_of_experts", z.mixture_of_experts, (_n(4, 3), _n(3, 2), _n(2, 3)), (0, 1, 2)),
    Case("elbo_gaussian", z.elbo_gaussian, (_n(3), _n(3, scale=0.3), _n(3)), (0, 1)),
    Case("newton_sqrt", z.newton_sqrt, (2.5,)),
    Case("newton_kepler", z.newton_kepler, (1.2, 0.3), (0, 1)),
    Case("newton_vector", z.newton_vector, (_u(0.5, 2.0, 3),)),
    Case("trapezoid_manual", z.trapezoid_manual, (_n(6), XS), (0, 1)),
    Case("simpson", z.simpson, (_n(7),)),
    Case("interp_loss", z.interp_loss, (_n(5), np.array([0.05, 0.33, 0.6, 0.91])), (0, 1)),
    Case("interp_query", z.interp_query, (np.array([0.1, 0.5, 0.8]), _n(4)), (0, 1)),
    Case("rk4_lotka_volterra", z.rk4_lotka_volterra,
         (np.array([1.1, 0.4, 0.1, 0.4]), np.array([1.0, 2.0])), (0, 1)),
    Case("rk4_lotka_volterra_p", z.rk4_lotka_volterra,
         (np.array([1.1, 0.4, 0.1, 0.4]), np.array([1.0, 2.0]))),
    Case("rk4_pendulum", z.rk4_pendulum, (0.4, 0.1, 1.2), (0, 1, 2)),
    Case("rk4_pendulum_theta", z.rk4_pendulum, (0.4, 0.1, 1.2)),
    Case("euler_heat", z.euler_heat, (_n(6), 0.2), (0, 1)),
    Case("bisection_root", z.bisection_root, (1.7,)),
    Case("fixed_point_cos", z.fixed_point_cos, (0.8,)),
    Case("gradient_fd_stencil", z.gradient_fd_stencil, (_n(6),)),
    Case("cumulative_trapezoid", z.cumulative_trapezoid, (_n(6),)),
    Case("chebyshev_series", z.chebyshev_series, (_n(4), _u(-1.0, 1.0, 5)), (0, 1)),
    Case("chebyshev_series_coef", z.chebyshev_series, (_n(4), _u(-1.0, 1.0, 5))),
    Case("chebyshev_series_x", z.chebyshev_series, (_n(4), _u(-1.0, 1.0, 5)), 1),
    Case("gauss_legendre_series", z.gauss_legendre_series, (_n(4),)),
    Case("hermite_expansion_nll", z.hermite_expansion_nll, (_n(3), _n(5)), (0, 1)),
    Case("power_series_slope", z.power_series_slope, (_n(4), _n(3)), (0, 1)),
    Case("power_series_slope_c", z.power_series_slope, (_n(4), _n(3))),
    Case("horner", z.horner, (_n(4), _n(5)), (0, 1)),
]
if hasattr(np, "trapezoid"):  # (NumPy >= 2.0; before, np.trapz)
    CASES += [Case("trapezoid_energy", z.trapezoid_energy, (_n(6), XS)),
              Case("trapezoid_dx", z.trapezoid_dx, (_n(6),))]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])

