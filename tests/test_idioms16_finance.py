"""``idioms16_finance_zoo`` (portfolio variance, Black-Scholes without erf, discounting loops,
binomial trees, planar-arm kinematics and Jacobian steps) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar
ones differentiated in one argument."""

from __future__ import annotations

import idioms16_finance_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1601)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda lo, hi, *shape: R.uniform(lo, hi, shape)  # noqa: E731

_A = _n(4, 4)
COV = _A @ _A.T / 4 + 0.1 * np.eye(4)
W4 = _u(0.5, 1.5, 4)
MU = _n(4, scale=0.1)
THETAS = _u(-1.0, 1.0, 3)
LENGTHS = _u(0.5, 1.5, 3)
TARGET = np.array([1.2, 0.9])

CASES = [
    Case("portfolio_variance", z.portfolio_variance, (W4, COV), (0, 1)),
    Case("portfolio_variance_w", z.portfolio_variance, (W4, COV)),
    Case("sharpe_ratio", z.sharpe_ratio, (W4, MU, COV), (0, 1, 2)),
    Case("sharpe_ratio_w", z.sharpe_ratio, (W4, MU, COV)),
    Case("softmax_weights_risk", z.softmax_weights_risk, (_n(4), _n(6, 4, scale=0.1)), (0, 1)),
    Case("black_scholes_call", z.black_scholes_call,
         (_u(0.8, 1.2, 3), np.array([0.9, 1.0, 1.3]), 1.5, 0.02, 0.3), (0, 1, 2, 3, 4)),
    Case("black_scholes_call_S", z.black_scholes_call,
         (_u(0.8, 1.2, 3), np.array([0.9, 1.0, 1.3]), 1.5, 0.02, 0.3)),
    Case("black_scholes_logistic", z.black_scholes_logistic, (_u(0.8, 1.2, 3), 1.0, 0.25),
         (0, 1, 2)),
    Case("discounted_cashflows", z.discounted_cashflows, (0.05, _u(1.0, 2.0, 5)), (0, 1)),
    Case("discounted_cashflows_list", z.discounted_cashflows, (0.05, [1.0, 2.0, 3.0])),
    Case("npv_vectorised", z.npv_vectorised, (0.04, _u(1.0, 2.0, 5)), (0, 1)),
    Case("bond_duration", z.bond_duration, (0.03, _u(1.0, 2.0, 6)), (0, 1)),
    Case("bond_duration_y", z.bond_duration, (0.03, _u(1.0, 2.0, 6))),
    Case("yield_curve_forwards", z.yield_curve_forwards, (_u(0.01, 0.05, 5),)),
    Case("irr_newton", z.irr_newton, (np.array([-10.0, 3.0, 4.0, 5.0]),)),
    Case("binomial_tree", z.binomial_tree, (1.05, 0.3), (0, 1)),
    Case("binomial_tree_sigma", z.binomial_tree, (1.05, 0.3), 1),
    Case("monte_carlo_asian", z.monte_carlo_asian, (1.1, 0.2, _n(6, 4)), (0, 1)),
    Case("ewma_volatility", z.ewma_volatility, (_n(6, scale=0.02),)),
    Case("max_drawdown_soft", z.max_drawdown_soft, (np.array([0.05, -0.1, 0.03, -0.06, 0.08]),)),
    Case("mean_variance_utility", z.mean_variance_utility, (W4, MU, COV), (0, 1, 2)),
    Case("risk_parity_loss", z.risk_parity_loss, (W4, COV), (0, 1)),
    Case("annuity_while", z.annuity_while, (0.01, 1.0), (0, 1)),
    Case("planar_fk", z.planar_fk, (THETAS, LENGTHS), (0, 1)),
    Case("fk_reach_loss", z.fk_reach_loss, (THETAS, LENGTHS, TARGET), (0, 1, 2)),
    Case("fk_reach_loss_q", z.fk_reach_loss, (THETAS, LENGTHS, TARGET)),
    Case("fk_cumsum", z.fk_cumsum, (THETAS, LENGTHS), (0, 1)),
    Case("fk_homogeneous", z.fk_homogeneous, (THETAS, LENGTHS), (0, 1)),
    Case("jacobian_transpose_step", z.jacobian_transpose_step, (THETAS, LENGTHS, TARGET)),
    Case("damped_least_squares", z.damped_least_squares, (THETAS, LENGTHS, TARGET), (0, 1, 2)),
    Case("manipulability", z.manipulability, (THETAS, LENGTHS)),
    Case("joint_limit_penalty", z.joint_limit_penalty, (np.array([-1.5, -0.3, 0.4, 1.7]),)),
    Case("trajectory_smoothness", z.trajectory_smoothness, (_n(5, 2),)),
    Case("unicycle_rollout", z.unicycle_rollout, (_n(4, 2, scale=0.5), _n(3)), (0, 1)),
    Case("rotation_angle_loss", z.rotation_angle_loss, (0.3, _n(4, 2), _n(4, 2)), (0, 1, 2)),
    Case("rotation_angle_loss_theta", z.rotation_angle_loss, (0.3, _n(4, 2), _n(4, 2))),
    Case("pd_controller", z.pd_controller, (np.array([4.0, 1.5]), 0.1, 0.0)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
