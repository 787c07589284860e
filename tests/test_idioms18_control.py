"""``idioms18_control_zoo`` (LQR rollouts, Riccati recursions, shooting costs, PID loops,
cart-pole, bicycle and quadrotor models stepped in loops, Denavit-Hartenberg kinematics, IK by
Jacobian transpose, barrier penalties, a linear-system class) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms18_control_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1803)

K0 = np.array([[3.0, 2.5]])
X0 = np.array([1.0, -0.5])
Q3 = np.array([0.3, -0.4, 0.6])

CASES = [
    Case("lqr_rollout_cost", z.lqr_rollout_cost, (K0, X0), (0, 1)),
    Case("lqr_rollout_cost_K", z.lqr_rollout_cost, (K0, X0)),
    Case("riccati_recursion", z.riccati_recursion, (np.array([1.0, 0.5]), 0.2), (0, 1)),
    Case("riccati_recursion_q", z.riccati_recursion, (np.array([1.0, 0.5]), 0.2)),
    Case("shooting_cost", z.shooting_cost, (_n(6), X0), (0, 1)),
    Case("shooting_cost_us", z.shooting_cost, (_n(6), X0)),
    Case("pid_loop", z.pid_loop, (np.array([2.0, 0.5, 0.1]),)),
    Case("cartpole_euler", z.cartpole_euler, (np.array([0.0, 0.1, 0.2, -0.1]), _n(8)), (0, 1)),
    Case("cartpole_euler_force", z.cartpole_euler, (np.array([0.0, 0.1, 0.2, -0.1]), _n(8)), 1),
    Case("bicycle_rk4", z.bicycle_rk4,
         (np.array([0.0, 0.0, 0.1, 1.0]), _n(5, 2, scale=0.2)), (0, 1)),
    Case("bicycle_rk4_controls", z.bicycle_rk4,
         (np.array([0.0, 0.0, 0.1, 1.0]), _n(5, 2, scale=0.2)), 1),
    Case("dh_forward_kinematics", z.dh_forward_kinematics, (Q3,)),
    Case("planar_arm_obstacle", z.planar_arm_obstacle, (Q3 + 0.5,)),
    Case("ik_jacobian_transpose", z.ik_jacobian_transpose, (Q3,)),
    Case("unicycle_tracking", z.unicycle_tracking, (_u(0.5, 1.5, 5), _n(5), _n(5, 2)), (0, 1, 2)),
    Case("barrier_penalty", z.barrier_penalty, (_u(0, 1, 6, 2),)),
    Case("discrete_lyapunov_sum", z.discrete_lyapunov_sum,
         (np.array([[0.9, 0.1], [-0.2, 0.8]]), np.array([[1.0, 0.2], [0.2, 0.5]])), (0, 1)),
    Case("discrete_lyapunov_sum_A", z.discrete_lyapunov_sum,
         (np.array([[0.9, 0.1], [-0.2, 0.8]]), np.array([[1.0, 0.2], [0.2, 0.5]]))),
    Case("mpc_tracking_vectorised", z.mpc_tracking_vectorised, (_n(5), X0, _n(5)), (0, 1, 2)),
    Case("mpc_tracking_vectorised_U", z.mpc_tracking_vectorised, (_n(5), X0, _n(5))),
    Case("linear_system_rollout", z.linear_system_rollout, (_n(4, 1), X0), (0, 1)),
    Case("quadrotor_2d", z.quadrotor_2d, (_u(4.5, 5.5, 6, 2),)),
    Case("trajectory_jerk", z.trajectory_jerk, (_n(6, 2),)),
    Case("pendulum_energy_shaping", z.pendulum_energy_shaping, (0.4, 0.3), (0, 1)),
    Case("kalman_gain_steady", z.kalman_gain_steady, (0.05, 0.3), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
