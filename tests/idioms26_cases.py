"""The rows of the ``idioms26`` zoos (``idioms26_zoo``, ``idioms26_more_zoo``), one table
(``tests/test_idioms26.py``)."""

from __future__ import annotations

import idioms26_more_zoo as m
import idioms26_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2601)


def _spd(n: int) -> np.ndarray:
    a = _n(n, n, scale=0.4)
    return a @ a.T + np.eye(n)


F22 = np.array([[1.0, 0.1], [-0.2, 0.95]])
H12 = np.array([[1.0, 0.3]])
PM1 = np.array([1.0, -1.0, -1.0, 1.0, 1.0])
Y01 = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
X53 = _n(5, 3)

CASES = [
    Case("kalman_step_loss", z.kalman_step_loss,
         (_n(2), _spd(2), _n(1), F22, H12, 0.1 * np.eye(2), np.array([[0.3]])), (0, 1, 2, 3)),
    Case("kalman_run", z.kalman_run, (0.2, [0.3, -0.1, 0.5]), (0, 1)),
    Case("scalar_kalman_nll", z.scalar_kalman_nll, (np.array([0.8, -1.0, -0.5]), _n(4)), (0, 1)),
    Case("heun_euler_adaptive", z.heun_euler_adaptive, (np.array([0.4, -0.2]), 1.3), (0, 1)),
    Case("verlet_chain", z.verlet_chain, (np.arange(4.0) + _n(4, scale=0.1), 1.5), (0, 1)),
    Case("pendulum_energy", z.pendulum_energy, (0.5, 1.2), (0, 1)),
    Case("kepler_eccentric", z.kepler_eccentric, (1.1, 0.3), (0, 1)),
    Case("newton_sqrt_array", z.newton_sqrt_array, (_u(0.5, 3.0, 3),)),
    Case("tridiag_solve_inplace", z.tridiag_solve_inplace,
         (_n(3, scale=0.3), _u(3.0, 4.0, 4), _n(3, scale=0.3), _n(4, 2)), (0, 1, 2, 3)),
    Case("implicit_diffusion", z.implicit_diffusion, (_n(5), 0.3), (0, 1)),
    Case("horner", z.horner, (_n(4), _n(3)), (0, 1)),
    Case("horner_list", z.horner_list, (_n(3),)),
    Case("polyfit_residual", z.polyfit_residual, (_n(6),)),
    Case("polyval_deriv", z.polyval_deriv, (_n(4), _n(3)), (0, 1)),
    Case("lookup_table", z.lookup_table, (_u(0.05, 0.95, 4), _n(5)), (0, 1)),
    Case("compound_growth", z.compound_growth, (_u(0.01, 0.1, 4),)),
    Case("discounted_cumprod", z.discounted_cumprod, (_u(0.5, 0.95, 4),)),
    Case("heat_roll", z.heat_roll, (_n(5),)),
    Case("heat_pad_edge", z.heat_pad_edge, (_n(5), 0.15), (0, 1)),
    Case("laplacian_2d", z.laplacian_2d, (_n(3, 4),)),
    Case("projected_gradient", z.projected_gradient, (_n(4, scale=0.2), _n(4)), (0, 1)),
    Case("moving_average_valid", z.moving_average_valid, (_n(6),)),
    Case("convolve_same", z.convolve_same, (_n(6), _n(3)), (0, 1)),
    Case("sliding_max_pool", z.sliding_max_pool, (_n(6),)),
    Case("sliding_std", z.sliding_std, (_n(6),)),
    Case("reversed_cumsum", z.reversed_cumsum, (_n(4),)),
    Case("math_mixed", z.math_mixed, (_n(4), 1.3), (0, 1)),
    # part two
    Case("gmm_loglik", m.gmm_loglik, (_n(3), _n(5), _n(3), _n(3, scale=0.2)), (0, 1, 2, 3)),
    Case("gmm_2d", m.gmm_2d, (_n(3, 2), _n(4, 2)), (0, 1)),
    Case("causal_attention", m.causal_attention, (_n(3, 2), _n(3, 2), _n(3, 2)), (0, 1, 2)),
    Case("padded_attention", m.padded_attention, (_n(2, 3, 2), _n(2, 2), np.array([2, 3])),
         (0, 1)),
    Case("group_norm", m.group_norm, (_n(2, 4, 2, 2), _n(4), _n(4)), (0, 1, 2)),
    Case("instance_norm_stats", m.instance_norm_stats, (_n(2, 3, 3), 0.4), (0, 1)),
    Case("gumbel_softmax", m.gumbel_softmax, (_n(2, 3),)),
    Case("huber", m.huber, (np.array([0.1, 2.5, -1.7, 0.4]), np.array([0.3, 0.2, 0.1, -0.5])),
         (0, 1)),
    Case("expectile", m.expectile, (_n(4, 3), _n(4)), (0, 1)),
    Case("squared_hinge", m.squared_hinge, (_n(3), X53, PM1), (0, 1)),
    Case("smooth_l1", m.smooth_l1, (np.array([0.1, -0.9, 0.3, 1.7]),)),
    Case("focal_loss", m.focal_loss, (_n(5), Y01)),
    Case("softplus_three_ways", m.softplus_three_ways, (np.array([-25.0, -1.0, 0.3, 22.0]),)),
    Case("lognormal_stats", m.lognormal_stats, (_n(3), _n(3, scale=0.3)), (0, 1)),
    Case("masked_mean", m.masked_mean, (_n(5), Y01)),
    Case("masked_mean_bool", m.masked_mean_bool, (_n(5), Y01 > 0)),
    Case("bilinear", m.bilinear, (_n(3), _n(3, 2), _n(2)), (0, 1, 2)),
    Case("batched_matvec", m.batched_matvec, (_n(2, 2, 3), _n(2, 3)), (0, 1)),
    Case("batched_trace", m.batched_trace, (_n(2, 3, 3),)),
    Case("matmul_chain", m.matmul_chain, (_n(3, 3), _n(3, 3), _n(3)), (0, 1, 2)),
    Case("gp_nll", m.gp_nll, (0.2, _n(4, 2), _n(4)), (0, 1, 2)),
    Case("gp_predict", m.gp_predict, (_n(4), _n(4), _n(2)), (0, 1, 2)),
    Case("mlp_layers", m.mlp_layers,
         ([{"W": _n(3, 4, scale=0.5), "b": _n(4)}, {"W": _n(4, 1, scale=0.5), "b": _n(1)}],
          _n(2, 3)), (0, 1)),
    Case("closure_model", m.closure_model, (1.2, _n(3)), (0, 1)),
    Case("param_tuple_model", m.param_tuple_model, ((_n(3, 2), _n(2), 1.5), _n(4, 3)), (0, 1)),
    Case("dropout_local_state", m.dropout_local_state, (_n(2, 3),)),
    Case("ensemble_map", m.ensemble_map, ([_n(3), _n(3)], _n(4, 3), _n(4)), (0, 1, 2)),
]
