"""The rows of the ``idioms29`` zoos (``idioms29_zoo``, ``idioms29_more_zoo``,
``idioms29_style_zoo``), one table (``tests/test_idioms29.py``)."""

from __future__ import annotations

import idioms29_alias_zoo as a
import idioms29_extra_zoo as x
import idioms29_helpers_zoo as h
import idioms29_loops_zoo as lp
import idioms29_models_zoo as o
import idioms29_more_zoo as m
import idioms29_python_zoo as p
import idioms29_style_zoo as s
import idioms29_views_zoo as v
import idioms29_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _p = seeded(2901)

T_EXP = np.linspace(0.0, 2.0, 6)
Y_EXP = 1.5 * np.exp(-0.7 * T_EXP) + _n(6, scale=0.05)
X_LR = _n(6, 3)
Y_PM = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
Y_REG = X_LR @ np.array([0.5, -1.0, 2.0]) + _n(6, scale=0.8)
LABELS = np.array([0, 2, 1, 2, 0, 1])
Y_ONE_HOT = np.eye(3)[LABELS]
COUNTS = np.array([0.0, 2.0, 1.0, 4.0, 0.0, 3.0])
X_GP = _u(-1.0, 1.0, 5, 2)
Y_GP = np.sin(3.0 * X_GP[:, 0]) + _n(5, scale=0.1)
EDGES = np.array([[0, 1], [1, 2], [2, 3], [0, 2]])
X_POLY = np.linspace(-1.0, 1.0, 6)
Y_POLY = 0.5 * X_POLY ** 2 - X_POLY + _n(6, scale=0.1)
DATA = np.array([-1.5, -0.9, -0.2, 0.3, 0.4, 1.1, 1.7])
MATMUL_IN_PLACE = np.lib.NumpyVersion(np.__version__) >= "2.0.0"  # (`a @= b`: NumPy 1.x raises)

CASES = [
    # scipy.optimize-style problems
    Case("powell_singular", z.powell_singular, (np.array([3.0, -1.0, 0.5, 1.0]),)),
    Case("brown_badly_scaled", z.brown_badly_scaled, (np.array([1.5, 0.7]),)),
    Case("exp_fit_gauss_newton", z.exp_fit_gauss_newton, (np.array([1.2, 0.5]), T_EXP, Y_EXP),
         (0, 2)),
    Case("bard_residuals", z.bard_residuals, (np.array([0.1, 1.2, 2.0]),)),
    Case("helical_valley", z.helical_valley, (np.array([0.7, 0.4, 0.3]),)),
    Case("freudenstein_roth", z.freudenstein_roth, (np.array([0.5, -2.0]),)),
    Case("trid", z.trid, (_n(5),)),
    Case("dixon_price", z.dixon_price, (_n(4),)),
    # scikit-learn-style losses
    Case("logistic_loss_pm", z.logistic_loss_pm, (_n(3), X_LR, Y_PM), (0, 1)),
    Case("squared_hinge", z.squared_hinge, (_n(3, scale=0.3), 0.1, X_LR, Y_PM), (0, 1, 2)),
    Case("huber_regression", z.huber_regression, (np.array([0.4, -0.8, 1.5]), X_LR, Y_REG)),
    Case("elastic_net", z.elastic_net, (_n(3), X_LR, Y_REG), (0, 2)),
    Case("softmax_regression", z.softmax_regression, (_n(3, 3), X_LR, LABELS), (0, 1)),
    Case("poisson_deviance", z.poisson_deviance, (_n(3, scale=0.3), X_LR, COUNTS)),
    Case("pinball_loss", z.pinball_loss, (_n(3), X_LR, Y_REG)),
    Case("multinomial_logsumexp", z.multinomial_logsumexp,
         (_n(3, 3), _n(3), X_LR, Y_ONE_HOT), (0, 1)),
    # signal processing
    Case("fir_filter_energy", z.fir_filter_energy, (_n(8), _n(3)), (0, 1)),
    Case("hann_frame_energy", z.hann_frame_energy, (_n(8),)),
    Case("rfft_power", z.rfft_power, (_n(6),)),
    Case("moving_average_cumsum", z.moving_average_cumsum, (_n(7),)),
    Case("autocorrelation", z.autocorrelation, (_n(6),)),
    Case("biquad", z.biquad, (_n(6), np.array([0.2, 0.4, 0.2]), np.array([-0.5, 0.2])),
         (0, 1, 2)),
    # images
    Case("total_variation", m.total_variation, (_n(4, 5),)),
    Case("box_filter_cumsum", m.box_filter_cumsum, (_n(5, 6),)),
    Case("laplacian_energy", m.laplacian_energy, (_n(5, 5),)),
    Case("sobel_magnitude", m.sobel_magnitude, (_n(5, 4),)),
    Case("avg_pool_reshape", m.avg_pool_reshape, (_n(4, 6), _n(2, 3)), (0, 1)),
    Case("neighbour_sum_inplace", m.neighbour_sum_inplace, (_n(3, 4),)),
    # ODE integrators
    Case("rk4_lotka", m.rk4_lotka, (np.array([1.0, 0.5]), 1.1, 0.4), (0, 1, 2)),
    Case("leapfrog_chain", m.leapfrog_chain, (_n(4), _n(4), 1.3), (0, 1, 2)),
    Case("euler_while", m.euler_while, (0.8, 0.6), (0, 1)),
    Case("midpoint_pendulum", m.midpoint_pendulum, (np.array([0.5, -0.2]), 1.4), (0, 1)),
    # Gaussian processes
    Case("gp_nll_cholesky", m.gp_nll_cholesky, (np.log([0.7, 1.1, 0.2]), X_GP, Y_GP), (0, 2)),
    Case("gp_nll_slogdet", m.gp_nll_slogdet, (np.log([0.6, 0.9, 0.3]), X_GP, Y_GP), (0, 1)),
    Case("gp_predict_mean", m.gp_predict_mean, (_u(-1.0, 1.0, 3, 2), X_GP, Y_GP), (0, 1, 2)),
    # physics by einsum
    Case("dipole_energy", m.dipole_energy,
         (np.array([[0.0, 0.0, 0.0], [1.2, 0.1, 0.0], [0.2, 1.1, 0.4]]), _n(3, 3)), (0, 1)),
    Case("inertia_eigs", m.inertia_eigs, (_n(4, 3), _u(0.5, 1.5, 4)), (0, 1)),
    Case("spring_network", m.spring_network,
         (_n(4, 2), EDGES, _u(0.5, 2.0, 4), _u(0.5, 1.0, 4)), (0, 2, 3)),
    Case("bilinear_form", m.bilinear_form, (_n(3), _n(3, 3), _n(3)), (0, 1, 2)),
    # polynomials
    Case("polyval_fit", m.polyval_fit, (_n(3), X_POLY, Y_POLY), (0, 1)),
    Case("vander_lstsq_residual", m.vander_lstsq_residual, (Y_POLY, X_POLY), (0, 1)),
    Case("horner_loop", m.horner_loop, ([0.5, -1.0, 2.0], _n(4)), (0, 1)),
    Case("chebyshev_series", m.chebyshev_series, (_n(4), _u(-1.0, 1.0, 5)), (0, 1)),
    # the Python around the NumPy
    Case("pairwise_newaxis", s.pairwise_newaxis, (_n(4, 2),)),
    Case("where_mask_clip", s.where_mask_clip, (np.array([-1.2, -0.3, 0.4, 1.5]),)),
    Case("enumerate_zip_pairs", s.enumerate_zip_pairs, ([0.3, -1.1, 0.8], _n(3)), (0, 1)),
    Case("newton_cuberoot", s.newton_cuberoot, (2.7,)),
    Case("newton_while_tol", s.newton_while_tol, (_u(0.5, 2.0, 3),)),
    Case("two_layer_class", s.TwoLayer(np.random.default_rng(29)).loss, (_n(4, 3), _n(4, 2))),
    Case("dataclass_ridge", s.dataclass_ridge, (s.Ridge(_n(3), 0.2), X_LR, Y_REG)),
    Case("helpers_calling_helpers", s.helpers_calling_helpers, (_n(3), _n(3)), (0, 1)),
    Case("zip_transpose", s.zip_transpose, ([(0.3, 1.2), (-0.7, 0.4), (1.1, -0.5)],)),
    Case("zip_two_lists", s.zip_two_lists, ([0.3, 1.2], [-0.7, 0.4]), (0, 1)),
    Case("found_namespace_norm", s.found_namespace_norm, (_n(3),)),
    Case("histogram_weights", s.histogram_weights, (0.3, DATA)),
    Case("balanced_mse", s.balanced_mse,
         (_n(6), np.array([-1.5, -0.2, 0.3, 0.4, 1.1, -0.7])), (0, 1)),
    Case("xp_default_logsumexp", s.xp_default_logsumexp, (_n(4),)),
    Case("masked_mean", s.masked_mean, (_n(5), np.array([True, False, True, True, False]))),
    Case("running_max_ratio", s.running_max_ratio, (_u(0.5, 2.0, 5),)),
    # library calls
    Case("lstsq_residual", x.lstsq_residual, (_n(5, 2), _n(5)), (0, 1)),
    Case("eigh_spread", x.eigh_spread, (_n(3, 3),)),
    Case("inv_quadratic", x.inv_quadratic, (_n(3, 3), _n(3)), (0, 1)),
    Case("interp_curve", x.interp_curve, (_n(5), np.array([0.1, 0.35, 0.6, 0.9])), (0, 1)),
    Case("gradient_smoothness", x.gradient_smoothness, (_n(6),)),
    Case("meshgrid_field", x.meshgrid_field, (_n(3),)),
    Case("kron_tril", x.kron_tril, (_n(4), _n(2, 2)), (0, 1)),
    Case("graph_messages", x.graph_messages, (_n(3, 2), EDGES[:3] % 3, _n(2, 2)), (0, 2)),
    Case("bincount_weights", x.bincount_weights, (_n(5), np.array([0, 2, 0, 1, 2]))),
    Case("robust_median", x.robust_median, (np.array([0.3, -1.2, 0.8, 2.1, -0.4]),)),
    Case("argsort_rank_loss", x.argsort_rank_loss, (_n(5), np.array([3.0, 0.0, 1.0, 2.0, 0.0]))),
    Case("cumprod_survival", x.cumprod_survival, (_u(0.05, 0.4, 5),)),
    Case("row_norms", x.row_norms, (_n(3, 4),)),
    Case("stack_split", x.stack_split, (_n(6),)),
    Case("outer_update", x.outer_update, (_n(3), _n(3)), (0, 1)),
    Case("irfft_roundtrip", x.irfft_roundtrip, (_n(6),)),
    Case("det_matrix_power", x.det_matrix_power, (_n(3, 3),)),
    Case("sinc_heaviside", x.sinc_heaviside, (np.array([-1.3, -0.4, 0.2, 0.7, 1.9]),)),
    # the statements around the math
    Case("checked_mse", p.checked_mse, (_n(3), X_LR, Y_REG)),
    Case("verbose_newton", p.verbose_newton, (2.3,)),
    Case("kwargs_caller", p.kwargs_caller, (_n(3), X_LR, Y_REG)),
    Case("partial_loss", p.partial_loss, (_n(3), X_LR, (Y_PM + 1) / 2)),
    Case("frozen_dataclass_method", p.Spring2D(np.array([0.2, -0.1]), 1.5).energy, (_n(2),)),
    Case("polyline_length", p.polyline_length, (_n(4, 2),)),
    Case("gae_advantages", p.gae_advantages,
         (_n(6), _n(5), np.array([0.0, 0.0, 1.0, 0.0, 0.0])), (0, 1)),
    Case("fixed_point_early_return", p.fixed_point_early_return, (0.8,)),
    Case("gradient_descent_while", p.gradient_descent_while,
         (np.array([[2.0, 0.3], [0.3, 1.0]]), _n(2)), (0, 1)),
    Case("leaky_relu_inplace", p.leaky_relu_inplace, (_n(3, 2), _n(2, 3)), (0, 1)),
    Case("masked_write", p.masked_write, (np.array([0.2, -0.9, 0.4, 1.3]),)),
    Case("batched_einsum", p.batched_einsum, (_n(2, 3, 3), _n(2, 3)), (0, 1)),
    Case("tensordot_layer", p.tensordot_layer, (_n(2, 2, 3), _n(3)), (0, 1)),
    Case("fft2_power", p.fft2_power, (_n(4, 4),)),
    Case("diff_prepend", p.diff_prepend, (_n(5),)),
    Case("roll_laplacian", p.roll_laplacian, (_n(5),)),
    Case("logaddexp_reduce", p.logaddexp_reduce, (_n(4),)),
    Case("atleast_expand", p.atleast_expand, (_n(3),)),
    Case("float32_cast", p.float32_cast, (np.array([0.5, -1.25, 2.0]),), second=False),
    Case("ridge_as_lstsq", p.ridge_as_lstsq, (_n(3), X_LR, Y_REG), (0, 1)),
    Case("gauss_newton_normal", p.gauss_newton_normal, (np.array([1.3, 0.6]), T_EXP)),
    # views, writes and decompositions
    Case("view_write", v.view_write, (_n(4),)),
    Case("inplace_sort", v.inplace_sort, (np.array([0.3, -1.2, 0.8, 2.1]),)),
    Case("out_argument", v.out_argument, (_n(3), _n(3)), (0, 1)),
    Case("fill_diagonal_inv", v.fill_diagonal_inv, (_n(3, 3),)),
    Case("flat_strides", v.flat_strides, (_n(3, 3),)),
    Case("gp_flat_noise", v.gp_flat_noise, (-1.0, X_GP, Y_GP), (0, 1, 2)),
    Case("flat_forms", v.flat_forms, (_n(3), _n(3)), (0, 1)),
    Case("flat_parameter_write", v.flat_parameter_write, (_n(3), _n(3))),  # (not in v: the
    # differences in v would run the program on the one x it writes into)
    Case("closure_over_arg", v.closure_over_arg, (_n(3),)),
    Case("sorted_pairs", v.sorted_pairs, (np.array([0.3, 1.2, -0.5]), _n(3)), 1),
    Case("where_indices", v.where_indices, (np.array([0.4, -1.2, 0.9, 0.1]),)),
    Case("ellipsis_none", v.ellipsis_none, (_n(2, 3),)),
    *([Case("matmul_inplace", v.matmul_inplace, (_n(2, 3), _n(3, 3)), (0, 1))]
      if MATMUL_IN_PLACE else []),
    Case("qr_least_squares", v.qr_least_squares, (_n(4, 2), _n(4)), (0, 1)),
    Case("truncated_svd_error", v.truncated_svd_error, (_n(3, 2),)),
    Case("spectral_gap", v.spectral_gap, (_n(3, 3),)),
    Case("reparameterized", v.reparameterized, (_n(3), _n(3, scale=0.3)), (0, 1)),
    Case("sum_where", v.sum_where, (_n(4), np.array([True, False, True, True]))),
    Case("standardized", v.standardized, (_n(5, 2),)),
    Case("cov_corr", v.cov_corr, (_n(5, 3),)),
    Case("nanmean_data", v.nanmean_data, (_n(2), np.array([0.5, np.nan, 1.5, -0.3]))),
    Case("isfinite_guard", v.isfinite_guard, (np.array([0.5, -2.0, 1.5]),)),
    Case("nested_layers", v.nested_layers,
         ({"layers": [{"W": _n(2, 3), "b": _n(3)}, {"W": _n(3, 2), "b": _n(2)}]}, _n(4, 2)),
         (0, 1)),
    # names and views that share an array; Python's builtins
    Case("chained_alias", a.chained_alias, (_n(3),)),
    Case("augmented_alias", a.augmented_alias, (_n(3),)),
    Case("tuple_swap", a.tuple_swap, (_n(4),)),
    Case("repeated_index_add", a.repeated_index_add, (_n(4),)),
    Case("rows_in_place", a.rows_in_place, (_n(3, 2),)),
    Case("wraparound_recurrence", a.wraparound_recurrence, (_n(4),)),
    Case("reverse_cumsum", a.reverse_cumsum, (_n(4),)),
    Case("fractional_part", a.fractional_part, (np.array([0.3, -1.2, 2.6, 0.8]),)),
    Case("python_builtins", a.python_builtins, (np.array([0.7, -1.3, 0.4]), _n(2, 3)), (0, 1)),
    Case("chained_comparison", a.chained_comparison, (np.array([0.3, -1.2, 0.1, 0.9]),)),
    Case("select_piecewise", a.select_piecewise, (np.array([-1.7, -0.3, 0.6, 1.4]),)),
    Case("nested_break_continue", a.nested_break_continue,
         (np.array([[0.3, -0.2, 0.8], [1.1, -1.7, 0.5], [0.2, 0.4, -0.1]]),)),
    # models as classes; SciPy's statistics
    Case("class_property_static", o.Logistic(X_LR, (Y_PM + 1) / 2).loss, (_n(3),)),
    Case("classmethod_model", o.classmethod_model, (_n(3), X_POLY, Y_POLY), (0, 1)),
    Case("stats_likelihood", o.stats_likelihood, (np.array([0.1, -0.2, 1.0]), DATA)),
    Case("special_functions", o.special_functions, (_u(0.5, 2.0, 3), _u(0.5, 2.0, 3), _n(4)),
         (0, 1, 2)),
    Case("convolve_kernel", o.convolve_kernel, (_n(4, 4), _n(2, 2)), (0, 1)),
    Case("kalman_nll", o.kalman_nll, (0.3, 0.5, _n(5)), (0, 1, 2)),
    # helpers the way libraries split code
    Case("zscore_via_helpers", h.zscore_via_helpers, (_n(5, 2),)),
    Case("keyword_overrides", h.keyword_overrides, (np.array([0.3, -1.4, 2.2, 0.1]), _n(4)),
         (0, 1)),
    Case("stacked_rnn", h.stacked_rnn, (_n(3, 2), _n(3, 5, scale=0.5)), (0, 1)),
    Case("dict_from_helper", h.dict_from_helper, (_n(4), _n(3)), (0, 1)),
    Case("lambda_bound", h.lambda_bound, (np.array([0.3, -1.4, 2.2, -0.1]),)),
    # optimizers unrolled, simulation steps
    Case("adam_unrolled", lp.adam_unrolled,
         (_n(2), 0.1, np.array([[2.0, 0.4], [0.4, 1.0]]), _n(2)), (0, 1)),
    Case("momentum_unrolled", lp.momentum_unrolled,
         (_n(2), 0.05, np.array([[2.0, 0.4], [0.4, 1.0]])), (0, 1, 2)),
    Case("minimum_image_energy", lp.minimum_image_energy,
         (np.array([[0.2, 0.3], [2.7, 0.5], [1.4, 2.8]]),)),
    Case("mc_call_price", lp.mc_call_price, (1.05, 0.3, _n(16)), (0, 1)),
    Case("sir_euler", lp.sir_euler, (0.6, 0.2), (0, 1)),
    Case("softmax_policy_value", lp.softmax_policy_value,
         (_n(2, 2), _p(2, 2, 2), _n(2, 2)), (0, 2)),
]

# (lifted by refuse31, checked in every mode by `python test_idioms29.py`: a write through
# `Z.T`, passes/view_positions.py; scipy.signal.lfilter in its denominator coefficients,
# rules/scipy_signal.py; a helper normalizing its argument in place, `v /= norm`, inlined,
# passes/inline_helpers.py; a Cholesky retried in a loop with more jitter)
CASES += [
    Case("transposed_view_write", a.transposed_view_write, (_n(2, 3),)),
    Case("ar_filter", o.ar_filter, (_n(6), 0.6), 1),
    Case("in_place_helper", h.in_place_helper, (_n(4),)),
]
# (a `break` after the Cholesky that worked, passes/try_statements.py; of a 3 x 3 A: K = A @ A.T
# of a 3 x 2 one is singular, the jitter then chosen by rounding, which differences cross)
CASES += [Case("cholesky_jitter", a.cholesky_jitter, (_n(3, 3),)),
          Case("generator_pairs", h.generator_pairs, (_n(4),))]  # (passes/generator_helpers.py)

# (refused, clearly: a write through a view of an array not proven C-contiguous,
# `z.reshape(2, 2)`, `Z.ravel()` of `z = x * 2.0`, which may be a copy, while the array is read
# afterwards; a lambda passed to scipy.optimize.brentq (a root's derivative in its parameter
# needs the implicit function theorem))
REFUSED = [
    (v.brentq_root, (0.7,), ("scipy.optimize.brentq of a lambda", "Newton step")),
    (a.reshaped_view_write, (_n(4),), ("changed in place", "shares its memory")),
    (a.ravel_write, (_n(2, 2),), ("changed in place", "shares its memory")),
]
