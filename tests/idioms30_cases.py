"""The rows of the ``idioms30`` zoos (``idioms30_zoo``: state-space models, attention,
mixtures, HMC; ``idioms30_more_zoo``: kinematics, splines, order statistics, scatter/gather,
graphs; ``idioms30_guard_zoo``: guarded code, linear algebra, complex and FFT;
``idioms30_python_zoo``: the Python around the math; ``idioms30_extra_zoo``: less common
spellings of the same; ``idioms30_edge_zoo``: their edges, exact zeros, one-triangle reads),
one table (``tests/test_idioms30.py``)."""

from __future__ import annotations

import idioms30_edge_zoo as e
import idioms30_extra_zoo as x
import idioms30_guard_zoo as g
import idioms30_more_zoo as m
import idioms30_python_zoo as p
import idioms30_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(3001)

Y_TREND = np.cumsum(0.3 + _n(7, scale=0.5))
Y_AR = _n(6)
Y_MISSING = _n(5, 2)
Y_MISSING[2, 1] = np.nan
A_DYN = np.array([[0.9, 0.1], [-0.1, 0.8]])
Q_DYN = np.array([[0.2, 0.05], [0.05, 0.3]])
H_INFO = np.array([[1.0, 0.5], [0.0, 1.0]])
D_T = 4
VALID = np.array([[True, True, True, False], [True, True, False, False]])
X_MIX = np.concatenate([_n(5, scale=0.5) - 1.0, _n(5, scale=0.5) + 1.5])
X2_MIX = np.concatenate([_n(4, 2) - 1.0, _n(4, 2) + 1.0])
COUNTS = np.array([0.0, 3.0, 1.0, 7.0, 2.0, 9.0])
Y_SCHOOLS = np.array([28.0, 8.0, -3.0, 7.0])
S_SCHOOLS = np.array([15.0, 10.0, 16.0, 11.0])
EDGES = np.array([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]])
SRC = np.array([0, 1, 2, 3, 0, 2, 1])
DST = np.array([1, 2, 3, 0, 2, 0, 1])
SEG = np.array([0, 2, 1, 0, 2, 2])
KNOTS = np.array([0.0, 0.7, 1.5, 2.2, 3.0])
XQ = np.array([0.2, 0.9, 1.4, 2.5, 2.9])
X_REG = _n(6, 3)
Y_REG = X_REG @ np.array([1.0, -0.5, 0.3]) + _n(6, scale=0.3)


def _prenorm_params():
    d = 4
    return (1.0 + _n(d, scale=0.1), _n(d, scale=0.1), _n(d, 3 * d, scale=0.4),
            1.0 + _n(d, scale=0.1), _n(d, scale=0.1), _n(d, 6, scale=0.4), _n(6, d, scale=0.4))


CASES = [
    # state-space models
    Case("local_linear_trend_loglik", z.local_linear_trend_loglik,
         (np.log([0.5, 0.2, 0.05]), Y_TREND), (0, 1)),
    Case("ar1_kalman_scalar", z.ar1_kalman_scalar, (np.array([0.6, -0.3, -0.8]), Y_AR), (0, 1)),
    Case("rts_smoother_energy", z.rts_smoother_energy, (-0.7, Y_AR), (0, 1)),
    Case("kalman_missing_obs", z.kalman_missing_obs, (-0.5, Y_MISSING, A_DYN, Q_DYN), (0, 2, 3)),
    Case("information_filter", z.information_filter, (-0.4, _n(4, 2), H_INFO), (0, 1, 2)),
    # attention
    Case("multihead_causal", z.multihead_causal,
         (_n(1, 3, D_T), _n(D_T, D_T, scale=0.5), _n(D_T, D_T, scale=0.5),
          _n(D_T, D_T, scale=0.5), _n(D_T, D_T, scale=0.5)), (0, 1, 2, 3, 4)),
    Case("padded_cross_attention", z.padded_cross_attention,
         (_n(2, 2, 3), _n(2, 4, 3), VALID, _n(3, 3)), (0, 1, 3)),
    Case("prenorm_block", z.prenorm_block, (_n(3, 4), _prenorm_params()), (0, 1)),
    Case("attention_entropy", z.attention_entropy, (_n(3, 2), _n(4, 2), 0.8), (0, 1, 2)),
    # mixtures
    Case("gmm_naive_em_loglik", z.gmm_naive_em_loglik,
         (X_MIX, np.array([0.1, -0.2]), np.array([-0.8, 1.2]), np.log([0.6, 0.7])),
         (0, 1, 2, 3)),
    Case("gmm2d_responsibility_entropy", z.gmm2d_responsibility_entropy,
         (X2_MIX, np.array([[-1.0, -0.5], [0.8, 1.2]]), np.array([0.1, -0.2])), (0, 1, 2)),
    Case("poisson_mixture_em", z.poisson_mixture_em,
         (np.array([1.5, 6.0]), COUNTS, np.array([0.4, 0.6])), (0, 2)),
    Case("student_t_mixture", z.student_t_mixture,
         (X_MIX, np.array([-1.0, 1.4]), np.array([-0.4, -0.2])), (0, 1, 2)),
    # HMC and Langevin
    Case("eight_schools_noncentered", z.eight_schools_noncentered,
         (np.array([4.0, 1.2, 0.3, -0.5, 0.8, 0.1]), Y_SCHOOLS, S_SCHOOLS)),
    Case("hmc_energy_error", z.hmc_energy_error,
         (np.array([0.7, -0.4]), np.array([0.3, 1.1]), 0.2), (0, 1, 2)),
    Case("mala_log_accept", z.mala_log_accept,
         (np.array([0.2, 0.5]), np.array([0.35, 0.3]), 0.1), (0, 1, 2)),
    Case("gamma_beta_priors", z.gamma_beta_priors, (np.array([0.5, 0.2]), COUNTS)),
    # kinematics
    Case("planar_chain_tip", m.planar_chain_tip,
         (np.array([0.3, -0.5, 0.8]), np.array([1.0, 0.8, 0.5]), np.array([1.2, 0.9])),
         (0, 1, 2)),
    Case("spatial_arm_manipulability", m.spatial_arm_manipulability,
         (np.array([0.3, 0.7, -1.1]),)),
    Case("dls_ik_step", m.dls_ik_step, (np.array([0.4, 0.9]), np.array([0.9, 1.1])), (0, 1)),
    Case("diff_drive_path", m.diff_drive_path, (_u(0.5, 1.5, 6, 2),)),
    # interpolation and splines
    Case("interp_moving_knots", m.interp_moving_knots,
         (_n(4, scale=0.3), _n(5), np.array([0.3, 1.7, 2.9, 3.6])), (0, 1, 2)),
    Case("linear_spline_searchsorted", m.linear_spline_searchsorted,
         (_n(5), XQ, KNOTS), (0, 1, 2)),
    Case("natural_cubic_spline", m.natural_cubic_spline,
         (_n(5), np.array([0.3, 1.2, 2.6, 3.5])), (0, 1)),
    Case("bilinear_lookup", m.bilinear_lookup,
         (_n(4, 4), np.array([[0.3, 1.6], [2.2, 0.4], [1.5, 2.7]])), (0, 1)),
    Case("inverse_cdf_sample", m.inverse_cdf_sample,
         (_u(0.5, 1.5, 4), np.array([0.05, 0.3, 0.55, 0.9])), (0, 1)),
    # order statistics
    Case("trimmed_and_mad", m.trimmed_and_mad, (np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.0]),)),
    Case("iqr_scaled", m.iqr_scaled, (np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.3, 0.1]),)),
    Case("k_smallest_energy", m.k_smallest_energy,
         (np.array([2.3, 0.4, 1.7, 0.9, 3.1, 0.2, 1.1]),)),
    Case("argsort_pair_auc", m.argsort_pair_auc,
         (np.array([0.3, -1.2, 0.8, 2.1, -0.4]), np.array([1.0, 0.0, 0.0, 1.0, 1.0]))),
    Case("quantile_band", m.quantile_band,
         (np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.3]), _u(0.5, 1.5, 6)), (0, 1)),
    # scatter and gather
    Case("segment_means_add_at", m.segment_means_add_at, (_n(6), SEG)),
    Case("weighted_bincount", m.weighted_bincount, (_n(6), np.array([0, 3, 1, 0, 3, 3]))),
    Case("repeated_gather", m.repeated_gather, (_n(4, 3), np.array([0, 2, 2, 1, 0, 2]))),
    Case("buffered_repeated_add", m.buffered_repeated_add, (_n(5), np.array([0, 2, 2, 3, 0]))),
    Case("scatter_max_trick", m.scatter_max_trick, (_n(6), SEG)),
    # graphs
    Case("gnn_two_rounds", m.gnn_two_rounds,
         (_n(4, 2), SRC, DST, _n(2, 3, scale=0.5), _n(3, 3, scale=0.5)), (0, 3, 4)),
    Case("laplacian_quadratic", m.laplacian_quadratic, (_u(0.5, 1.5, 5), _n(4), EDGES), (0, 1)),
    Case("label_propagation", m.label_propagation,
         (_n(5, scale=0.3), np.array([1.0, 0.0, 0.0, -1.0]), EDGES[:, 0], EDGES[:, 1]),
         (0, 1)),
    Case("edge_attention", m.edge_attention, (_n(4, 2), SRC, DST, _n(4)), (0, 3)),
    # guarded code
    Case("clipped_entropy", g.clipped_entropy, (np.array([0.4, -0.3, 1.2, 0.7, -1.0]),)),
    Case("kl_with_zeros", g.kl_with_zeros, (_n(4), np.array([0.5, 0.0, 0.3, 0.2]))),
    Case("log1mexp_sum", g.log1mexp_sum, (np.array([0.1, 0.5, 1.3, 3.0]),)),
    Case("softplus_inverse", g.softplus_inverse, (np.array([0.2, 1.0, 4.5]),)),
    Case("safe_ratio_nan_to_num", g.safe_ratio_nan_to_num,
         (np.array([1.0, 0.0, -2.0, 0.5]), np.array([0.5, 0.0, 0.0, 2.0]))),
    Case("guarded_normalise", g.guarded_normalise,
         (np.array([[0.3, 0.4], [0.0, 0.0], [-1.2, 0.5]]),)),
    Case("relative_error_guard", g.relative_error_guard,
         (np.array([0.3, 0.2, -0.9]), np.array([0.5, 0.0, -1.2]))),
    Case("log_sum_guarded", g.log_sum_guarded, (_n(5),)),
    Case("sqrt_where_safe", g.sqrt_where_safe, (np.array([0.4, -0.3, 1.2, 0.0, 2.0]),)),
    # linear algebra
    Case("pca_explained", g.pca_explained, (_n(6, 3),)),
    Case("lstsq_with_rcond", g.lstsq_with_rcond, (_n(5, 2), _n(5)), (0, 1)),
    Case("pinv_projector", g.pinv_projector, (_n(4, 2), _n(4)), (0, 1)),
    Case("det_inv_mix", g.det_inv_mix, (_n(3, 3),)),
    Case("matrix_norm_family", g.matrix_norm_family, (_n(3, 3),)),
    Case("vector_norm_family", g.vector_norm_family, (np.array([0.3, -1.7, 0.8, 1.1]),)),
    Case("mahalanobis_eigh", g.mahalanobis_eigh, (_n(3), _n(3, 3)), (0, 1)),
    Case("solve_triangular_chain", g.solve_triangular_chain, (_n(3, 3), _n(3)), (0, 1)),
    # complex and FFT
    Case("iir_response_loss", g.iir_response_loss,
         (np.array([0.3, 0.4, 0.2]), np.array([-0.5, 0.2]), _n(6)), (0, 1), second=False),
    # (second=False: a second derivative through np.polyval of complex points is refused, with
    # a hint, as tests/rules/numpy_fft.py's cx_polyval row says)
    Case("welch_psd", g.welch_psd, (_n(10),)),
    Case("fft_convolve", g.fft_convolve, (_n(5), _n(3)), (0, 1)),
    Case("phase_alignment", g.phase_alignment, (_n(8), _n(8)), (0, 1)),
    Case("complex_rotation", g.complex_rotation, (0.4, _n(3) + 1j * _n(3))),
    Case("dft_by_matrix", g.dft_by_matrix, (_n(6),)),
    # the Python around the math
    Case("reduce_layers", p.reduce_layers, (_n(2, 3), [_n(3, 3), _n(3, 2)]), (0, 1)),
    Case("reduce_mul_scalars", p.reduce_mul_scalars, (_n(3),)),
    Case("accumulate_discounts", p.accumulate_discounts, (_n(5), 0.9), (0, 1)),
    Case("accumulate_running_max", p.accumulate_running_max,
         (np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.0]),)),
    Case("recursive_tree_literal", p.recursive_tree_literal, (_n(5),)),  # (recursive_tree,
    # its bound `len(x)`, is refused: test_idioms30.py)
    Case("recursive_matrix_power", p.recursive_matrix_power, (_n(3, 3),)),
    Case("kernel_hierarchy", p.kernel_hierarchy, (_n(4, 2), _n(4)), (0, 1)),
    Case("kernel_lengthscale", p.kernel_lengthscale, (-0.3, _n(4, 2), _n(4)), (0, 1, 2)),
    Case("namedtuple_params", p.namedtuple_params,
         (p.Params(_n(3, 2), _n(2), 0.7), _n(4, 3)), (0, 1)),
    Case("namedtuple_replace", p.namedtuple_replace,
         (p.Params(_n(3, 2), _n(2), 0.7), _n(4, 3)), (0, 1)),
    Case("closure_of_closure", p.closure_of_closure, (_n(3), X_REG, Y_REG), (0, 1, 2)),
    Case("map_lambda_terms", p.map_lambda_terms, (_n(4),)),
    Case("keyword_only", p.keyword_only, (_n(3), X_REG, Y_REG), (0, 1)),
    Case("args_kwargs_forward", p.args_kwargs_forward, (_n(3), _n(3)), (0, 1)),
    Case("sequential_model", p.sequential_model, (_n(3, 4), _n(2, 3), _n(4, 2)), (0, 1, 2)),
    Case("dict_comprehension_model", p.dict_comprehension_model,
         ({"W": _n(3, 2), "b": _n(2), "skip": 0.4}, _n(4, 3)), (0, 1), second=False),
    # (hvp in x alone: the comprehension over a dict held constant, whose keys the derivative,
    # built for every dict, does not know, refused, as idioms27's dict_value_inplace)
    Case("sorted_by_lambda", p.sorted_by_lambda, (np.array([0.3, -1.2, 0.8, 2.1]),)),
    Case("starmap_products", p.starmap_products, (_n(3), _n(3)), (0, 1)),
    Case("pairwise_combinations", p.pairwise_combinations, (_n(4),)),
    Case("partial_keyword", p.partial_keyword, (_n(3), X_REG, Y_REG), (0, 1)),
]

X_PCT = np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.3, 0.1, -0.7])
EXTRA = [
    Case("divide_out_where", x.divide_out_where,
         (np.array([1.0, 0.5, -2.0, 0.7]), np.array([0.5, 0.0, 1.5, -2.0]))),
    Case("log_out_where", x.log_out_where, (np.array([0.3, -0.1, 0.5, 1.2]),)),
    Case("masked_fill_attention", x.masked_fill_attention, (_n(3, 2), _n(3, 2), _n(3, 2)),
         (0, 1, 2)),
    Case("ellipsis_attention", x.ellipsis_attention, (_n(2, 3, 2), _n(2, 4, 2)), (0, 1)),
    Case("layer_norm_var_std", x.layer_norm_var_std, (_n(2, 4), _n(4)), (0, 1)),
    Case("subtract_at_2d", x.subtract_at_2d,
         (_n(5), np.array([0, 1, 1, 2, 0]), np.array([2, 1, 1, 0, 2]))),
    Case("inverse_permutation", x.inverse_permutation, (X_PCT,)),
    Case("percentile_methods", x.percentile_methods, (X_PCT,)),
    Case("sort_axis0_top", x.sort_axis0_top, (np.array([[0.3, -1.2, 0.8], [2.1, -0.4, 1.3],
                                                         [0.1, -0.7, 1.9]]),)),
    Case("partition_rows", x.partition_rows, (np.array([[0.3, -1.2, 0.8, 1.5],
                                                         [2.1, -0.4, 1.3, 0.2]]),)),
    Case("interp_edges_period", x.interp_edges_period,
         (_n(4), np.array([-0.5, 0.4, 1.7, 2.6, 3.4, 4.2])), (0, 1)),
    Case("searchsorted_right_bins", x.searchsorted_right_bins,
         (np.array([1.3, 2.2, 2.9, 4.1]), np.array([0.1, -0.3, 0.2, 0.4])), (0, 1)),
    Case("diff_second_order", x.diff_second_order, (_n(6), np.cumsum(_u(0.5, 1.0, 6))), (0, 1)),
    Case("cholesky_kalman_update", x.cholesky_kalman_update,
         (_n(3), _n(3, 3), _n(2), _n(2, 3)), (0, 1, 2, 3)),
    Case("other_families", x.other_families, (np.array([0.2, -0.3]), _n(5))),
    Case("mvn_logpdf_cov", x.mvn_logpdf_cov, (_n(4, 2), _n(2), _n(2, 2)), (0, 1, 2)),
    Case("logaddexp_reduce_mixture", x.logaddexp_reduce_mixture, (_n(5), _n(3)), (0, 1)),
    Case("fftshift_lowpass", x.fftshift_lowpass, (_n(8),)),
    Case("unwrapped_phase", x.unwrapped_phase, (_n(8),)),
    Case("svd_values_cond", x.svd_values_cond, (_n(3, 3),)),
    Case("generator_chunks", x.generator_chunks, (X_PCT[:6],)),
    Case("try_cholesky_fallback", x.try_cholesky_fallback, (_n(3, 3), _n(3)), (0, 1)),
    Case("zip_star_columns", x.zip_star_columns, (np.array([[0.3, -1.2, 0.8], [2.1, -0.4, 1.3]]),)),
    Case("reversed_enumerate_discount", x.reversed_enumerate_discount, (_n(5),)),
    Case("clip_bce", x.clip_bce, (_n(5), np.array([1.0, 0.0, 1.0, 1.0, 0.0]))),
]
CASES += EXTRA

A_NONSYM = np.array([[2.0, 0.7, -0.4], [0.1, 1.5, 0.9], [0.3, -0.8, 3.0]])
EDGE = [
    Case("eigvalsh_lower_only", e.eigvalsh_lower_only, (A_NONSYM,)),
    Case("eigh_upper", e.eigh_upper, (A_NONSYM,)),
    Case("cholesky_lower_only", e.cholesky_lower_only, (A_NONSYM,)),
    Case("scipy_eigh_lower", e.scipy_eigh_lower, (A_NONSYM,)),
    Case("pinv_hermitian", e.pinv_hermitian, (A_NONSYM, _n(3)), (0, 1)),
    Case("double_where_sqrt", e.double_where_sqrt, (np.array([0.4, -0.3, 1.2, -2.0]),)),
    Case("single_where_sqrt", e.single_where_sqrt, (np.array([0.4, -0.3, 1.2, -2.0]),)),
    Case("sinc_guarded", e.sinc_guarded, (np.array([0.4, 0.0, 1.2, -2.0]),), second=False),
    # (second=False: at x == 0 exactly the guard's branch is the constant 1.0, whose second
    # derivative, 0, is what any derivative of the branch taken gives; sin(x)/x's is -1/3)
    Case("squared_norm_at_zero", e.squared_norm_at_zero,
         (np.array([0.3, -0.2, 0.5]), np.array([0.3, -0.2, 0.5])), (0, 1)),
    Case("spectrum_with_zero_bin", e.spectrum_with_zero_bin, (_n(6),)),
    Case("rfft_pad_crop", e.rfft_pad_crop, (_n(6),)),
    Case("median_even_axis", e.median_even_axis, (np.array([[0.3, -1.2], [0.8, 2.1],
                                                             [-0.4, 1.0], [1.7, 0.2]]),)),
    Case("quantile_midpoint", e.quantile_midpoint, (np.array([0.3, -1.2, 0.8, 2.1, -0.4, 1.0]),)),
    Case("searchsorted_sorter", e.searchsorted_sorter,
         (np.array([0.25, 0.9, 1.6]), np.array([1.2, 0.1, 2.0, 0.6])), (0, 1)),
    Case("sort_flat_weights", e.sort_flat_weights, (np.array([[0.3, -1.2, 0.8], [2.1, -0.4, 1.0]]),)),
    Case("argsort_take_along", e.argsort_take_along, (np.array([[0.3, -1.2, 0.8],
                                                                 [2.1, -0.4, 1.0]]),)),
    Case("repeated_fancy_write", e.repeated_fancy_write, (_n(4),)),
    Case("repeated_inplace_ops", e.repeated_inplace_ops,
         (np.array([0.2, 0.9, -0.3, 1.4]), _n(3, scale=0.1)), (0, 1)),
    Case("add_at_rows_negative", e.add_at_rows_negative, (_n(3, 2), np.array([0, -1, 0])), 0),
]
CASES += EDGE
