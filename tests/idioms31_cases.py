"""The rows of the ``idioms31`` zoos (``idioms31_zoo``: small models and physics steps;
``idioms31_more_zoo``: statistics, optimisation loops, signal processing; ``idioms31_python_zoo``:
the Python around the math), one table (``tests/test_idioms31.py``)."""

from __future__ import annotations

import idioms31_more_zoo as m
import idioms31_python_zoo as p
import idioms31_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(3101)

X_CLS = _n(8, 3)
Y_BIN = (X_CLS @ np.array([1.0, -1.0, 0.5]) + _n(8, scale=0.5) > 0).astype(float)
LABELS = np.array([0, 2, 1, 1, 0, 2, 2, 1])
X_REG = _n(7, 3)
Y_REG = X_REG @ np.array([0.8, -0.4, 0.3]) + _n(7, scale=0.2)
X_VAL = _n(4, 3)
Y_VAL = X_VAL @ np.array([0.8, -0.4, 0.3])
COUNTS = np.array([1.0, 0.0, 3.0, 2.0, 5.0, 1.0, 0.0])
XS_SEQ = _n(4, 2)
SIGNAL = np.sin(np.linspace(0.0, 6.0, 16)) + _n(16, scale=0.2)
DATA = 1.5 + _n(12, scale=0.8)
SUCCESSES = np.array([3.0, 5.0, 1.0, 7.0])
TRIALS = np.array([8.0, 9.0, 6.0, 10.0])
Y_AR = np.cumsum(_n(10, scale=0.5))
A_SPD = np.array([[3.0, 0.5, 0.2], [0.5, 2.0, 0.3], [0.2, 0.3, 1.5]])
T_GRID = np.linspace(0.0, 2.0, 15)
OBSERVED = np.sin(2 * np.pi * (0.8 * T_GRID + 0.2 * T_GRID ** 2) + 0.3) + _n(15, scale=0.1)
MASSES = np.array([1.0, 2.0, 0.5, 1.5])
LJ_POS = np.array([[0.0, 0.0], [1.1, 0.1], [0.2, 1.2], [1.3, 1.25]]) + _n(4, 2, scale=0.02)


def _mlp_params():
    return (_n(3, 4, scale=0.5), _n(4, scale=0.1), _n(4, 1, scale=0.5), _n(1, scale=0.1))


def _dict_params():
    return {"W1": _n(3, 4, scale=0.5), "b1": _n(4, scale=0.1), "W2": _n(4, scale=0.5)}


CASES = [
    # small models
    Case("logistic_l2", z.logistic_l2, (_n(3, scale=0.5), X_CLS, Y_BIN)),
    Case("softmax_xent", z.softmax_xent, (_n(3, 3, scale=0.5), X_CLS, LABELS)),
    Case("mlp_gelu", z.mlp_gelu, (_mlp_params(), X_REG, Y_REG)),
    Case("elman_rnn_loss", z.elman_rnn_loss,
         (_n(3, 2, scale=0.5), _n(3, 3, scale=0.4), XS_SEQ, _n(3, scale=0.3)), (0, 1)),
    Case("gru_unrolled", z.gru_unrolled, (_n(9, 2, scale=0.5), _n(3, 3, 3, scale=0.4), XS_SEQ),
         (0, 1)),
    Case("conv1d_valid", z.conv1d_valid, (np.array([0.5, -0.3, 0.8]), SIGNAL), (0, 1)),
    Case("batchnorm_forward", z.batchnorm_forward,
         (_n(6, 3), 1.0 + _n(3, scale=0.1), _n(3, scale=0.1)), (0, 1, 2)),
    Case("huber_regression", z.huber_regression, (np.array([0.5, -0.2, 0.1]), X_REG, Y_REG)),
    Case("poisson_glm", z.poisson_glm, (_n(3, scale=0.3), X_REG, COUNTS)),
    Case("ridge_cv_error", z.ridge_cv_error, (-1.0, X_REG, Y_REG, X_VAL, Y_VAL)),
    Case("ridge_by_hermitian_pinv", z.ridge_by_hermitian_pinv, (-0.5, X_REG, Y_REG), (0, 1, 2)),
    # physics steps
    Case("pendulum_rk4", z.pendulum_rk4, (np.array([0.6, -0.2]),)),
    Case("duffing_symplectic", z.duffing_symplectic,
         (np.array([0.2, -1.0, 1.0, 0.3]), 0.5, -0.1), (0, 1, 2)),
    Case("gravity_potential", z.gravity_potential, (_n(4, 2), MASSES), (0, 1)),
    Case("lennard_jones", z.lennard_jones, (LJ_POS,)),
    Case("heat_crank_nicolson", z.heat_crank_nicolson,
         (np.sin(np.linspace(0.0, np.pi, 9)) + _n(9, scale=0.1), -1.0), (0, 1)),
    Case("wave_leapfrog", z.wave_leapfrog, (np.exp(-np.linspace(-2.0, 2.0, 10) ** 2),)),
    Case("projectile_drag", z.projectile_drag, (12.0, 0.7), (0, 1)),
    Case("lotka_volterra", z.lotka_volterra, (np.array([1.1, 0.4, 0.4, 0.1]), np.array([10.0, 5.0])),
         (0, 1)),
    Case("orbit_leapfrog", z.orbit_leapfrog, (np.array([1.0, 0.1]), np.array([0.05, 1.0])), (0, 1)),
    Case("damped_oscillator", z.damped_oscillator, (np.array([1.2, -1.0, 3.0, 0.3]), T_GRID)),
    # statistics
    Case("normal_mle", m.normal_mle, (np.array([1.0, -0.2]), DATA)),
    Case("student_t_nll", m.student_t_nll, (np.array([1.2, -0.3, 1.0]), DATA)),
    Case("beta_binomial_loglik", m.beta_binomial_loglik, (np.array([0.5, 0.8]), SUCCESSES, TRIALS)),
    Case("kde_log_density", m.kde_log_density, (np.array([-0.5, 0.3, 1.4]), DATA), (0, 1)),
    Case("blr_log_evidence", m.blr_log_evidence, (np.array([0.1, 1.0]), X_REG, Y_REG), (0, 1, 2)),
    Case("ar2_loglik", m.ar2_loglik, (np.array([0.5, 0.2, -0.4]), Y_AR), (0, 1)),
    Case("pinball_loss", m.pinball_loss, (np.array([-0.9, 0.05, 1.1]), _n(9))),
    Case("label_smoothed_xent", m.label_smoothed_xent, (_n(8, 3), LABELS)),
    # optimisation loops
    Case("quadratic_gd", m.quadratic_gd, (_n(3), 0.2, A_SPD, np.array([1.0, -1.0, 0.5])),
         (0, 1, 2, 3)),
    Case("heavy_ball", m.heavy_ball, (_n(3), A_SPD)),
    Case("adam_unrolled", m.adam_unrolled, (_n(3, scale=0.5), X_REG, Y_REG), (0, 2)),
    Case("newton_sqrt", m.newton_sqrt, (2.7,)),
    Case("rosenbrock_nd", m.rosenbrock_nd, (np.array([-0.5, 0.8, 1.2, 0.3]),)),
    Case("rastrigin", m.rastrigin, (np.array([0.3, -1.2, 0.7]),)),
    # signal processing
    Case("fir_filter_energy", m.fir_filter_energy, (np.array([0.25, 0.5, 0.25]), SIGNAL), (0, 1)),
    Case("exp_smoothing_sse", m.exp_smoothing_sse, (0.4, SIGNAL), (0, 1)),
    Case("band_power", m.band_power, (SIGNAL,)),
    Case("hann_energy", m.hann_energy, (SIGNAL,)),
    Case("autocorr_penalty", m.autocorr_penalty, (SIGNAL,)),
    Case("moving_average_residual", m.moving_average_residual, (SIGNAL,)),
    Case("chirp_fit", m.chirp_fit, (np.array([0.75, 0.45, 0.25]), T_GRID, OBSERVED)),
    # the Python around the math
    Case("weighted_terms", p.weighted_terms, (_n(4), _n(4)), (0, 1)),
    Case("residuals_starmap", p.residuals_starmap, (np.array([0.7, -0.2]), _n(5), _n(5)), (0, 1, 2)),
    Case("forwarded_layer", p.forwarded_layer, (_n(3, 2, scale=0.5), _n(4, 3)), (0, 1)),
    Case("forwarded_positional", p.forwarded_positional, (_n(3, 2), _n(4, 3)), (0, 1)),
    Case("star_args_layer", p.star_args_layer, (_n(4), _n(4)), (0, 1)),
    Case("star_args_after_named", p.star_args_after_named, (_n(3), _n(3)), (0, 1)),
    Case("replaced_params", p.replaced_params,
         (p.Params(_n(3), 0.4), X_REG, Y_REG), (0, 1)),
    Case("replaced_typed", p.replaced_typed, (p.Linear(_n(3, scale=0.5), -0.2), X_VAL)),
    Case("replaced_twice", p.replaced_twice, (p.Params(_n(3), 0.4), _n(3))),
    Case("dataclass_replaced", p.dataclass_replaced, (p.Optim(0.1, _n(3)), _n(3))),
    Case("hypot_energy", p.hypot_energy, (_n(5, 2),)),
    Case("math_hypot_squares", p.math_hypot_squares, (np.array([0.3, -1.1, 0.8]),)),
    Case("dist_squared_spring", p.dist_squared_spring,
         (np.array([0.2, 0.5]), np.array([1.0, -0.4])), (0, 1)),
    Case("scipy_norms", p.scipy_norms, (np.array([0.5, -1.5, 0.25, 2.0]),)),
    Case("kernel_ridge_pinv", p.kernel_ridge_pinv, (0.1, _n(5, 2), _n(5)), (0, 1, 2)),
    Case("dict_params_loss", p.dict_params_loss, (_dict_params(), X_REG, Y_REG)),
    Case("layers_enumerate", p.layers_enumerate,
         ([_n(3, 3, scale=0.5), _n(3, 3, scale=0.5)], _n(3)), (0, 1)),
    Case("generator_moments", p.generator_moments, (_n(6),)),
    Case("horner", p.horner, (np.array([0.5, -1.0, 2.0, 0.3]), _n(5)), (0, 1)),
    Case("config_driven", p.config_driven, (_n(3, scale=0.3), X_REG * 0.3, Y_REG), (0, 1, 2)),
    Case("fixed_point_iteration", p.fixed_point_iteration, (0.9,)),
    Case("reduce_product", p.reduce_product, (np.array([0.9, -1.2, 1.5, 0.7, 1.1]),)),
    Case("closure_scale", p.closure_scale, (_n(4), _n(4)), (0, 1)),
    Case("clipped_update", p.clipped_update, (_n(3), np.array([1.5, -2.0, 0.5])), (0, 1)),
    Case("sorted_by_key", p.sorted_by_key, (_n(5),)),
]
