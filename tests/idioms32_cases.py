"""The rows of the ``idioms32`` zoos (``idioms32_zoo``: ODE integrators, Gaussian processes,
Kalman filters, least squares, image filters; ``idioms32_more_zoo``: einsum, masked losses,
attention, log-sum-exp, polynomial fits and the Python around them; ``idioms32_extra_zoo``: the
same kinds in other spellings), one table (``tests/test_idioms32.py``)."""

from __future__ import annotations

import idioms32_extra_zoo as e
import idioms32_more_zoo as m
import idioms32_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(3201)

X_GP = _u(-2.0, 2.0, 6, 1)
Y_GP = np.sin(2 * X_GP[:, 0]) + _n(6, scale=0.1)
X_1D = np.sort(_u(-2.0, 2.0, 6))
K_PSD = (lambda a: a @ a.T + 0.5 * np.eye(5))(_n(5, 3))
Y_5 = _n(5)
YS_1D = np.cumsum(_n(8, scale=0.4))
YS_2D = np.cumsum(_n(6, scale=0.3))[:, None]
T_EXP = np.linspace(0.0, 3.0, 9)
Y_EXP = 2.0 * np.exp(-0.7 * T_EXP) + 0.3 + _n(9, scale=0.05)
THETA0 = np.array([1.8, 0.6, 0.25])
X_LS = _n(8, 3)
Y_LS = X_LS @ np.array([0.5, -1.0, 2.0]) + _n(8, scale=0.3)
CIRCLE = np.stack([np.cos(np.linspace(0, 5, 7)), np.sin(np.linspace(0, 5, 7))], 1) * 1.5 + \
    np.array([0.3, -0.2]) + _n(7, 2, scale=0.05)
IMG = _u(0.0, 1.0, 5, 6)
IMG_SQ = _u(0.0, 1.0, 4, 6)
MASK = np.array([True, False, True, True, False, True])
LABELS_BIN = np.array([1, 0, 1, 1, 0, 0])
LABELS3 = np.array([0, 2, 1, 1, 2])
X_POLY = np.linspace(-1.0, 1.0, 7)
Y_POLY = X_POLY ** 3 - 0.5 * X_POLY + _n(7, scale=0.05)
IDX = np.array([1, 0, 2, 0, 3])
T_8 = np.linspace(0.0, 3.0, 8)
Y_8 = 2.0 * np.exp(-0.7 * T_8) + _n(8, scale=0.05)
X_6 = np.sort(_u(-2.0, 2.0, 6))
TARGET_NAN = _n(6)
TARGET_NAN[2] = np.nan
MASK_34 = np.array([[1, 1, 0, 1], [1, 0, 1, 1], [0, 1, 1, 1]], bool)


def _mlp_keys():
    return {"W1": _n(3, 2, scale=0.6), "W2": _n(2, 3, scale=0.6)}


CASES = [
    # ODE integrators
    Case("rk4_van_der_pol", z.rk4_van_der_pol, (np.array([1.0, 0.2]), 0.8), (0, 1)),
    Case("rk4_linear_system", z.rk4_linear_system,
         (np.array([[-0.8, 0.3], [-0.2, -1.1]]), np.array([1.0, 0.5])), (0, 1)),
    Case("heun_logistic", z.heun_logistic,
         (np.array([0.1, 0.6]), np.array([0.0, 0.5, 1.0, 1.5]), np.array([0.5, 0.8, 1.1, 1.4]))),
    Case("rkf45_step_error", z.rkf45_step_error, (np.array([0.4, -1.2, 2.0]), 0.3), (0, 1)),
    Case("velocity_verlet_spring", z.velocity_verlet_spring,
         (np.array([1.0, -0.4, 0.2, 0.5]), 2.0), (0, 1)),
    Case("implicit_midpoint", z.implicit_midpoint, (np.array([0.3, 0.7]), 0.5), (0, 1)),
    Case("shooting_residual", z.shooting_residual, (np.array([3.0, 4.0]),)),
    # Gaussian processes and kernels
    Case("gp_nll_ard_periodic", z.gp_nll_ard_periodic,
         (np.array([-0.2, 0.1, 0.5, -2.0]), np.column_stack([X_GP, X_GP ** 2]), Y_GP)),
    Case("gp_nll_cho_solve", z.gp_nll_cho_solve, (np.array([-0.3, 0.2, -1.5]), X_GP, Y_GP)),
    Case("gp_nll_triangular", z.gp_nll_triangular, (np.array([0.1, -0.2, -1.8]), X_GP, Y_GP)),
    Case("gp_nll_slogdet", z.gp_nll_slogdet, (np.array([-0.1, 0.0, -1.2]), X_GP, Y_GP)),
    Case("gp_predictive_mean", z.gp_predictive_mean, (X_GP, Y_GP, _u(-1.5, 1.5, 3, 1)), (0, 1, 2)),
    Case("matern32_nll", z.matern32_nll, (np.array([0.2, 0.1]), X_1D, Y_GP)),
    Case("kernel_ridge_loo", z.kernel_ridge_loo, (-0.5, K_PSD, Y_5), (0, 1, 2)),
    # Kalman filters
    Case("kalman_loglik", z.kalman_loglik, (np.array([0.9, -1.5, -1.0]), YS_1D), (0, 1)),
    Case("kalman_2d_update", z.kalman_2d_update,
         (np.array([[1.0, 0.1], [0.0, 0.95]]), 0.05 * np.eye(2), YS_2D), (0, 1)),
    Case("kalman_joseph_form", z.kalman_joseph_form, (0.05, YS_1D), (0, 1)),
    Case("rts_smoother", z.rts_smoother, (0.8, YS_1D), (0, 1)),
    # Gauss-Newton and least squares
    Case("gauss_newton_steps", z.gauss_newton_steps, (THETA0, T_EXP, Y_EXP), (0, 2)),
    Case("levenberg_marquardt_step", z.levenberg_marquardt_step, (THETA0, T_EXP, Y_EXP), (0, 2)),
    Case("lstsq_fit_residual", z.lstsq_fit_residual, (X_LS, Y_LS), (0, 1)),
    Case("circle_fit_residuals", z.circle_fit_residuals, (np.array([0.2, -0.1, 1.4]), CIRCLE),
         (0, 1)),
    Case("weighted_normal_equations", z.weighted_normal_equations, (_n(8, scale=0.3), X_LS, Y_LS),
         (0, 1)),
    # image filters
    Case("box_blur_pad", z.box_blur_pad, (IMG,)),
    Case("sobel_magnitude", z.sobel_magnitude, (IMG,)),
    Case("laplacian_wrap", z.laplacian_wrap, (IMG,)),
    Case("gaussian_separable", z.gaussian_separable, (IMG,)),
    Case("total_variation_denoise", z.total_variation_denoise, (IMG, IMG[::-1].copy()), (0, 1)),
    Case("unsharp_mask", z.unsharp_mask, (IMG, 0.7), (0, 1)),
    Case("max_pool_2x2", z.max_pool_2x2, (IMG_SQ,)),
    Case("conv2d_windows", z.conv2d_windows, (IMG, _n(2, 3, scale=0.5)), (0, 1)),
    # einsum
    Case("einsum_batched_bilinear", m.einsum_batched_bilinear, (_n(3, 2), _n(4, 3), _n(4, 2)),
         (0, 1, 2)),
    Case("einsum_batch_matmul", m.einsum_batch_matmul, (_n(2, 3, 3), _n(2, 3, 3)), (0, 1)),
    Case("einsum_outer_trace", m.einsum_outer_trace, (_n(3), _n(3), _n(3, 3)), (0, 1, 2)),
    Case("einsum_ellipsis", m.einsum_ellipsis, (_n(2, 3, 2), _n(2, 2)), (0, 1)),
    Case("einsum_tensor_network", m.einsum_tensor_network,
         (_n(2, 2, scale=0.7), _n(2, 2, 2, scale=0.7), _n(2, 2, scale=0.7)), (0, 1, 2)),
    Case("einsum_pairwise_sq", m.einsum_pairwise_sq, (_n(4, 2, scale=0.6),)),
    Case("einsum_quadratic_forms", m.einsum_quadratic_forms, (_n(3, 3), _n(4, 3)), (0, 1)),
    # masked and np.where losses
    Case("masked_mse", m.masked_mse, (_n(6), _n(6), MASK), (0, 1)),
    Case("huber_where", m.huber_where, (_n(7, scale=0.8),)),
    Case("masked_mean_by_multiply", m.masked_mean_by_multiply, (_n(6), MASK)),
    Case("focal_loss", m.focal_loss, (_n(6), LABELS_BIN)),
    Case("hinge_squared", m.hinge_squared,
         (_n(3, scale=0.5), X_LS[:6], np.where(LABELS_BIN > 0, 1.0, -1.0))),
    Case("masked_array_select", m.masked_array_select, (_n(5), IDX)),
    Case("nan_safe_log", m.nan_safe_log, (_u(-0.5, 2.0, 7),)),
    # attention
    Case("scaled_dot_attention", m.scaled_dot_attention, (_n(3, 2), _n(4, 2), _n(4, 2)),
         (0, 1, 2)),
    Case("causal_attention", m.causal_attention,
         (_n(4, 3), _n(3, 2, scale=0.6), _n(3, 2, scale=0.6), _n(3, 2, scale=0.6)), (0, 1, 2, 3)),
    Case("multi_head_attention", m.multi_head_attention, (_n(3, 4), _n(4, 12, scale=0.4)), (0, 1)),
    Case("cross_attention_einsum", m.cross_attention_einsum, (_n(2, 3), _n(4, 3), _n(4, 2)),
         (0, 1, 2)),
    Case("attention_pooling", m.attention_pooling, (_n(5, 3), _n(3)), (0, 1)),
    # log-sum-exp
    Case("lse_manual", m.lse_manual, (_n(6, scale=2.0),)),
    Case("lse_weighted", m.lse_weighted, (_n(5), _u(0.2, 1.0, 5)), (0, 1)),
    Case("lse_rows_keepdims", m.lse_rows_keepdims, (_n(3, 4, scale=2.0),)),
    Case("log_softmax_xent", m.log_softmax_xent, (_n(5, 3), LABELS3)),
    Case("logaddexp_reduce", m.logaddexp_reduce, (_n(5, scale=3.0),)),
    Case("smooth_max_temperature", m.smooth_max_temperature, (_n(5), 0.3), (0, 1)),
    Case("log_mean_exp", m.log_mean_exp, (_n(4, 3, scale=2.0),)),
    Case("mixture_loglik", m.mixture_loglik, (np.array([-1.0, 0.5, 2.0]), _n(7, scale=1.5),
                                               np.array([0.1, -0.3, 0.2])), (0, 1, 2)),
    # polynomial fits
    Case("polyval_fit_loss", m.polyval_fit_loss, (np.array([0.8, 0.1, -0.4, 0.05]), X_POLY,
                                                   Y_POLY), (0, 1)),
    Case("vander_least_squares", m.vander_least_squares, (X_POLY, Y_POLY), (0, 1)),
    Case("vander_increasing", m.vander_increasing, (_n(4, scale=0.5), X_POLY), (0, 1)),
    Case("clenshaw_chebyshev", m.clenshaw_chebyshev, (_n(4), X_POLY), (0, 1)),
    Case("polyder_curvature", m.polyder_curvature, (np.array([0.3, -0.2, 0.5, 0.1]), X_POLY),
         (0, 1)),
    Case("chebyshev_fit", m.chebyshev_fit, (_n(4), X_POLY, Y_POLY), (0, 1)),
    # (hvp over c and x together: chebval's coefficient adjoint differentiated in its points x,
    # each basis function's slope, _rt.series_slope)
    # the Python around it
    Case("nested_generator_sum", m.nested_generator_sum, (_n(4),)),
    Case("nested_generator_args", m.nested_generator_args, (_n(5), _n(5)), (0, 1)),
    Case("recursion_literal_depth", m.recursion_literal_depth, (_n(3),)),
    Case("global_keys_loop", m.global_keys_loop, ({"w": _n(3), "b": _n(2)},)),
    Case("global_keys_comprehension", m.global_keys_comprehension, (_mlp_keys(), _n(2)), (0, 1)),
    Case("partial_rebound", m.partial_rebound, (_n(4),)),
    Case("kwargs_elsewhere", m.kwargs_elsewhere, (_n(4), 0.7), (0, 1)),
    Case("recursion_elsewhere", m.recursion_elsewhere, (_n(3),)),
    Case("generator_elsewhere", m.generator_elsewhere, (_n(6),)),
    Case("partial_made_elsewhere", m.partial_made_elsewhere, (_n(4),)),
    Case("partial_of_kwargs_helper", m.partial_of_kwargs_helper, (_n(4),)),
    Case("functions_returned", m.functions_returned, (_n(4),)),
    Case("functions_in_containers", m.functions_in_containers, (_n(4),)),
    Case("function_chosen_elsewhere", m.function_chosen_elsewhere, (_n(4),)),
    Case("function_chosen_through_helpers", m.function_chosen_through_helpers, (_n(4),)),
    Case("closure_made_elsewhere", m.closure_made_elsewhere, (_n(4),)),
    Case("records_made_elsewhere", m.records_made_elsewhere, (_n(3), _n(3, 3)), (0, 1)),
    Case("record_helper_by_path", m.record_helper_by_path, (_n(4),)),
    Case("dicts_built_by_helpers", m.dicts_built_by_helpers, (np.array([2.0, 0.5, 0.3]),)),
    # other spellings
    Case("solve_pos", e.solve_pos, (np.array([0.1, -1.5]), X_6, np.sin(X_6))),
    Case("cho_nocheck", e.cho_nocheck, (np.array([0.1, -1.5]), X_6, np.sin(X_6))),
    Case("einsum_opt", e.einsum_opt, (_n(2, 3), _n(3, 3), _n(3, 2)), (0, 1, 2)),
    Case("scipy_softmax_attn", e.scipy_softmax_attn, (_n(3, 2), _n(4, 2), _n(4, 2)), (0, 1, 2)),
    Case("scipy_log_softmax", e.scipy_log_softmax, (_n(4, 3), np.array([0, 2, 1, 1]))),
    Case("nanmean_loss", e.nanmean_loss, (_n(6), TARGET_NAN)),
    Case("nansum_loss", e.nansum_loss, (_n(6), TARGET_NAN)),
    Case("topk_attention", e.topk_attention, (_n(3), _n(5, 3), _n(5, 2)), (0, 1, 2)),
    Case("take_along", e.take_along, (_n(4, 3), _n(4, 3)), (0, 1)),
    Case("pad_reflect_1d", e.pad_reflect_1d, (_n(6),)),
    Case("pad_linear_ramp", e.pad_linear_ramp, (_n(5),)),
    Case("pad_const_values", e.pad_const_values, (_n(3, 3),)),
    Case("apply_along", e.apply_along, (_n(3, 3),)),
    Case("rk4_solve_ivp_style", e.rk4_solve_ivp_style,
         (np.array([0.5, 0.1]), np.linspace(0.0, 1.0, 6))),
    Case("information_filter", e.information_filter, (0.1, _n(5)), (0, 1)),
    Case("where_scalar_branches", e.where_scalar_branches, (_n(6),)),
    Case("masked_softmax", e.masked_softmax, (_n(3, 4), MASK_34)),
    Case("lse_return_sign", e.lse_return_sign, (_n(4), np.array([1.0, -0.2, 0.5, 0.3])), (0, 1)),
    Case("stable_softplus_sum", e.stable_softplus_sum, (_n(6),)),
    Case("lse_pairwise_reduce", e.lse_pairwise_reduce, (_n(5, scale=3.0),)),
    Case("vander_np_linalg_lstsq", e.vander_np_linalg_lstsq, (X_6, np.sin(X_6)), (0, 1)),
    Case("legendre_vander", e.legendre_vander, (_n(3), X_6 / 2.0), (0, 1)),
    Case("trace_einsum_batched", e.trace_einsum_batched, (_n(2, 3, 3),)),
    Case("image_gradient_np", e.image_gradient_np, (_n(4, 5),)),
    Case("median_free_blur", e.median_free_blur, (_n(4, 5),)),
    Case("roll_filter", e.roll_filter, (_n(4, 5),)),
    Case("gauss_newton_lstsq", e.gauss_newton_lstsq, (np.array([1.8, 0.6]), T_8, Y_8), (0, 2)),
    Case("gn_pinv", e.gn_pinv, (np.array([1.8, 0.6]), T_8, Y_8), (0, 2)),
]
