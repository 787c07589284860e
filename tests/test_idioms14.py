"""``idioms14_zoo`` (mixtures through logsumexp, Kalman filters, Black-Scholes with ``math.erf``,
softmax regression with ``np.eye(k)[labels]``, ``np.einsum`` contractions, ``np.linalg``,
cumulative operations, interpolation, fancy indexing read and written, sorting in the value,
``np.where`` chains, float32 end to end, configs, callable objects, recursion, tolerance loops and
early returns) differentiated in every mode: each row's value, grad, value_and_grad, vjp and jvp
against central finite differences (``zoo_modes.check_first_order_modes``, which also checks the
caller's arrays are unchanged), and for a scalar row with one array under ``wrt`` also its
Hessian-vector product against differences of the gradient."""

from __future__ import annotations

import functools

import idioms14_zoo as z
import numpy as np
import pytest
from helpers import call_unchanged, numeric_jacobian
from idioms20_check import check_mode
from test_realworld import Row
from zoo_modes import check_row

import tangentish

R = np.random.default_rng(1414)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.2, 1.0, shape)  # noqa: E731  (positive ones)

LABELS5 = np.array([0, 2, 1, 2, 0])
BINARY5 = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
IDX = np.array([0, 3, 5, 3])
KAL = (np.array([0.2, -0.1]), np.eye(2) * 0.5 + 0.1, np.array([0.4]),
       np.array([[1.0, 0.1], [0.0, 0.9]]), np.eye(2) * 0.05, np.array([[1.0, 0.5]]),
       np.array([[0.2]]))
T234 = _n(2, 3, 4)
PRICES = np.cumsum(np.abs(_n(8)) * np.array([1, -1, 1, 1, -1, -1, 1, 1])) + 10.0

ROWS = [
    Row("gmm_loglik", z.gmm_loglik, (_n(2), _n(6))),
    Row("gmm_2d", z.gmm_2d, (_n(3, 2), _n(5, 2))),
    Row("kalman_step", z.kalman_step, KAL, (0, 1), second=False),
    Row("kalman_step_m", z.kalman_step, KAL),
    Row("kalman_step_Q", z.kalman_step, KAL, 4),
    Row("kalman_filter", z.kalman_filter, (_n(6),)),
    Row("kalman_filter_q", z.kalman_filter, (_n(6), 0.1, 0.5), (1, 2), second=False),
    Row("black_scholes", z.black_scholes, (103.0,)),
    Row("black_scholes_vol", z.black_scholes_vol, (0.3,)),
    Row("bs_erf_loop", z.bs_erf_loop, (_u(3) + 0.5, _u(3)), (0, 1), second=False),
    Row("softmax_regression", z.softmax_regression, (_n(4, 3), _n(5, 4), LABELS5)),
    Row("softmax_regression_bias", z.softmax_regression_bias,
        ({"W": _n(4, 3), "b": _n(3)}, _n(5, 4), LABELS5), 1),
    Row("nll_gather", z.nll_gather, (_n(5, 3), LABELS5)),
    Row("label_smoothing", z.label_smoothing, (_n(5, 3), LABELS5)),
    Row("einsum_kinds", z.einsum_kinds, (_n(3, 3), _n(3, 3), _n(3)), (0, 1, 2), second=False),
    Row("einsum_kinds_A", z.einsum_kinds, (_n(3, 3), _n(3, 3), _n(3))),
    Row("einsum_batched", z.einsum_batched, (_n(2, 3, 4), _n(4, 2)), (0, 1), second=False),
    Row("einsum_ellipsis", z.einsum_ellipsis, (_n(2, 3, 4), _n(4)), (0, 1), second=False),
    Row("einsum_three", z.einsum_three, (_n(3), _n(3, 4), _n(4)), (0, 1, 2), second=False),
    Row("einsum_transpose", z.einsum_transpose, (_n(3, 3),)),
    Row("einsum_bilinear_batch", z.einsum_bilinear_batch, (_n(4, 3), _n(2, 3, 2), _n(4, 2)),
        (0, 1, 2), second=False),
    Row("linalg_mix", z.linalg_mix, (_n(3, 3),)),
    Row("eigh_top", z.eigh_top, (_n(3, 3),)),
    Row("eigvalsh_sum", z.eigvalsh_sum, (_n(4, 3),)),
    Row("norms_many", z.norms_many, (_n(3, 4),)),
    Row("qr_regression", z.qr_regression, (_n(6, 3), _n(6)), (0, 1), second=False),
    Row("batched_solve", z.batched_solve, (_n(2, 3, 3), _n(2, 3)), (0, 1), second=False),
    Row("multi_dot_power", z.multi_dot_power, (_n(3, 3), _n(3, 3)), (0, 1), second=False),
    Row("pinv_fit", z.pinv_fit, (_n(5, 3), _n(5)), (0, 1), second=False),
    Row("svd_nuclear", z.svd_nuclear, (_n(4, 3),)),
    Row("cholesky_logdet", z.cholesky_logdet, (_n(3, 3),)),
    Row("cumulative_mix", z.cumulative_mix, (_n(5),)),
    Row("cumsum_axis", z.cumsum_axis, (_n(3, 4),)),
    Row("diff_orders", z.diff_orders, (_n(6),)),
    Row("gradient_spacing", z.gradient_spacing, (_n(6),)),
    Row("gradient_2d", z.gradient_2d, (_n(3, 4),)),
    Row("interp_values", z.interp_values, (_n(4),)),
    Row("interp_table", z.interp_table, (_n(4), 0.9), (0, 1), second=False),
    Row("outer_kron", z.outer_kron, (_n(3), _n(2)), (0, 1), second=False),
    Row("tile_repeat", z.tile_repeat, (_n(4),)),
    Row("repeat_axis", z.repeat_axis, (_n(2, 3),)),
    Row("fancy_read_write", z.fancy_read_write, (_n(6), IDX)),
    Row("add_at_repeated", z.add_at_repeated, (_n(4), np.array([0, 2, 2, 1]))),
    Row("mask_written", z.mask_written, (np.array([-0.5, 0.3, 1.7, 2.2, -1.1, 0.9]),)),
    Row("mask_read_reduce", z.mask_read_reduce, (_n(4, 3),)),
    Row("argmax_select", z.argmax_select, (_n(4, 3), _n(3, 3)), (0, 1), second=False),
    Row("argsort_topk", z.argsort_topk, (_n(6),)),
    Row("scatter_rows", z.scatter_rows, (_n(3, 2), np.array([4, 0, 2]))),
    Row("repeated_index_assign", z.repeated_index_assign, (_n(4), np.array([1, 3, 1, 0]))),
    Row("running_max_drawdown", z.running_max_drawdown, (PRICES,)),
    Row("minimum_accumulate", z.minimum_accumulate, (_n(6),)),
    Row("sort_in_value", z.sort_in_value, (_n(6),)),
    Row("partition_median", z.partition_median, (_n(7),)),
    Row("where_chain", z.where_chain, (np.array([-1.7, -0.4, 0.5, 1.3, 1.8, 2.6]),)),
    Row("clip_array_bounds", z.clip_array_bounds,
        (np.array([-1.2, 0.1, 0.8, 1.9]), np.array([-1.0, 0.3, -0.5, 0.0]),
         np.array([0.5, 0.6, 1.0, 1.5])), (0, 1, 2), second=False),
    Row("logaddexp_forms", z.logaddexp_forms, (_n(4), _n(4)), (0, 1), second=False),
    Row("lgamma_loop", z.lgamma_loop, (_u(4) + 0.5,)),
    Row("beta_log_prob", z.beta_log_prob, (_u(5) * 0.8, 2.0, 3.0), (1, 2), second=False),
    Row("axis_tuples", z.axis_tuples, (T234,)),
    Row("float32_pipeline", z.float32_pipeline, (_n(5).astype(np.float32),)),
    Row("float32_matrix", z.float32_matrix, (_n(3, 4).astype(np.float32),
                                             _n(4).astype(np.float32)), (0, 1), second=False),
    Row("config_model", z.config_model, (_n(4), _n(4)), (0, 1), second=False),
    Row("config_argument", z.config_argument, (_n(4),)),
    Row("callable_object", z.callable_object, (_n(5),)),
    Row("local_function_list", z.local_function_list, (_n(5),)),
    Row("enumerate_zip_reversed", z.enumerate_zip_reversed, (_n(4), _n(4)), (0, 1),
        second=False),
    Row("rows_iteration", z.rows_iteration, (_n(3, 4),)),
    Row("newton_sqrt", z.newton_sqrt, (2.3,)),
    Row("fixed_point_tol", z.fixed_point_tol, (_n(3),)),
    Row("early_return_loop", z.early_return_loop, (np.array([0.4, -0.9, 1.1, 0.3]),)),
    Row("early_return_loop_late", z.early_return_loop, (np.array([0.1, -0.2, 0.3, 0.1]),)),
    Row("first_positive", z.first_positive, (np.array([-0.4, -0.9, 1.1, 0.3]),)),
    Row("prod_with_zero", z.prod_with_zero, (np.array([0.5, 0.0, -1.2, 0.8, 1.5, -0.7]),)),
    Row("prod_with_zero_none", z.prod_with_zero, (_n(6),)),
    Row("prod_keepdims", z.prod_keepdims, (_u(3, 2) + 0.5,)),
    Row("tensordot_forms", z.tensordot_forms, (_n(3, 3), _n(3, 3), _n(3)), (0, 1, 2),
        second=False),
    Row("triangular_parts", z.triangular_parts, (_n(3, 3),)),
    Row("pad_roll", z.pad_roll, (_n(5),)),
    Row("meshgrid_field", z.meshgrid_field, (0.7, 1.3), (0, 1), second=False),
    Row("polyval_fit", z.polyval_fit, (_n(4),)),
    Row("polyval_in_x", z.polyval_in_x, (_n(4),)),
    Row("convolve_same", z.convolve_same, (_n(6), _n(3)), (0, 1), second=False),
    Row("covariance_stats", z.covariance_stats, (_n(5, 3),)),
    Row("corrcoef_loss", z.corrcoef_loss, (_n(3, 5),)),
    Row("weighted_average", z.weighted_average, (_n(4), _u(4)), (0, 1), second=False),
    Row("median_loss", z.median_loss, (_n(5),)),
    Row("hypot_arctan", z.hypot_arctan, (_u(4), _n(4)), (0, 1), second=False),
    Row("special_elementwise", z.special_elementwise, (_u(5) + 0.3,)),
    Row("split_stack", z.split_stack, (_n(9),)),
    Row("block_diag", z.block_diag, (_n(2, 2), _n(3, 3)), (0, 1), second=False),
    Row("diag_build", z.diag_build, (_n(3),)),
    Row("fill_diagonal_copy", z.fill_diagonal_copy, (_n(3, 3),)),
    Row("ix_block", z.ix_block, (_n(3, 4),)),
    Row("take_choose", z.take_choose, (_n(6),)),
    Row("apply_rows", z.apply_rows, (_n(3, 4),)),
    Row("errstate_log", z.errstate_log, (_n(4),)),
    Row("local_lambda", z.local_lambda, (_n(4),)),
    Row("closure_helper", z.closure_helper, (_n(4),)),
    Row("map_and_reduce", z.map_and_reduce, (_n(4),)),
    Row("builtin_minmax", z.builtin_minmax, (_n(4),)),
    Row("dict_generators", z.dict_generators, (_n(3),)),
    Row("dict_items_loop", z.dict_items_loop, (_n(3),)),
    Row("list_comp_filter", z.list_comp_filter, (np.array([0.4, -0.3, 1.2, -2.0]),)),
    Row("shape_unpack", z.shape_unpack, (_n(4, 3), _n(3)), (0, 1), second=False),
    Row("item_and_float", z.item_and_float, (_n(3),)),
    Row("floor_index", z.floor_index, (0.41,)),
    Row("seeded_noise", z.seeded_noise, (_n(4),)),
    Row("math_scalars", z.math_scalars, (0.7, -0.4), (0, 1), second=False),
    Row("sum_where", z.sum_where, (_n(6),)),
    Row("mixed_promotion", z.mixed_promotion, (_n(4).astype(np.float32), _n(4)), 1),
    Row("inplace_normalize", z.inplace_normalize, (_n(5),)),
    Row("unique_groups", z.unique_groups, (_n(5),)),
    Row("nonzero_select", z.nonzero_select, (_n(6),)),
    Row("strided_update", z.strided_update, (_n(6),)),
    Row("bs_vectorized", z.bs_vectorized, (_u(3) + 0.5, _u(3)), (0, 1), second=False),
    Row("fill_empty", z.fill_empty, (_n(5),)),
    Row("einsum_implicit", z.einsum_implicit, (_n(3, 3), _n(3)), (0, 1), second=False),
    Row("matrix_rhs_solve", z.matrix_rhs_solve, (_n(3, 3), _n(3, 2)), (0, 1), second=False),
    Row("eigh_indexed", z.eigh_indexed, (_n(3, 3),)),
    Row("scipy_special_mix", z.scipy_special_mix, (_n(3), _n(5, 3), BINARY5), (0, 1),
        second=False),
    Row("scipy_special_mix_w", z.scipy_special_mix, (_n(3), _n(5, 3), BINARY5)),
    Row("powers_mix", z.powers_mix, (_u(4), _u(4)), (0, 1), second=False),
    Row("builtin_sum_rows", z.builtin_sum_rows, (_n(3, 4),)),
    Row("casting_inside", z.casting_inside, (_n(4),)),
    Row("softmax_inplace", z.softmax_inplace, (_n(5),)),
    Row("decorated_helper", z.decorated_helper, (_n(4),)),
    Row("model_loss", z.MODEL.loss, (_n(3), _n(4, 3))),
    Row("pair_loops", z.pair_loops, (_n(3, 2),)),
    Row("kalman_smoother_stack", z.kalman_smoother_stack, (_n(5),)),
    Row("mask_assign_from", z.mask_assign_from, (_n(6), _n(6)), (0, 1), second=False),
    Row("add_at_2d", z.add_at_2d, (_n(3, 3),)),
    Row("argmin_distance", z.argmin_distance, (_n(5, 2), _n(2)), (0, 1), second=False),
    Row("flag_branch", z.flag_branch, (_n(4),)),
    Row("chained_alias", z.chained_alias, (_n(3),)),
    Row("fibonacci_swap", z.fibonacci_swap, (_n(3),)),
    Row("break_continue", z.break_continue, (np.array([0.5, -1.5, 1.2, 1.1, 0.9, 0.7]),)),
    Row("nested_early_return", z.nested_early_return,
        (np.array([[0.2, -0.3, 0.5], [0.4, 1.4, -0.1], [2.0, 0.1, 0.3]]),)),
    Row("index_arithmetic", z.index_arithmetic, (_n(5),)),
    Row("ellipsis_none", z.ellipsis_none, (_n(3, 2),)),
    Row("active_branches", z.active_branches, (np.array([0.5, -0.2, 0.3]),)),
    Row("active_branches_other", z.active_branches, (np.array([-0.5, -0.2, 0.3]),)),
    Row("sorted_scalars", z.sorted_scalars, (np.array([0.3, 0.2, 1.0, -0.7]),)),
    Row("stack_mixed", z.stack_mixed, (0.4, -1.3), (0, 1), second=False),
    Row("tensordot_pairs", z.tensordot_pairs, (_n(2, 3), _n(3, 2)), (0, 1), second=False),
    Row("float32_inplace", z.float32_inplace, (_n(4).astype(np.float32),)),
    Row("integer_data", z.integer_data, (_n(2) * 0.3,)),
    Row("safe_reciprocal", z.safe_reciprocal, (np.array([0.5, 0.1, -1.2, 2.0]),)),
    Row("loop_dict_state", z.loop_dict_state, (_n(3),)),
    Row("list_reverse_array", z.list_reverse_array, (_n(4),)),
    Row("helper_tuple_dict", z.helper_tuple_dict, (_n(5),)),
    Row("keyword_order", z.keyword_order, (_n(4),)),
    Row("permuted", z.permuted, (_n(5),)),
    Row("batched_inverse_loop", z.batched_inverse_loop, (_n(3, 2, 2),)),
    Row("power_abs_negative", z.power_abs_negative, (np.array([0.5, -1.2, 2.0, -0.3]),)),
    Row("square_masked_inplace", z.square_masked_inplace,
        (np.array([0.5, -1.2, 2.0, -0.3, 0.8]),)),
    Row("stable_activations", z.stable_activations, (_n(6) * 3.0,)),
    Row("manual_interp", z.manual_interp, (_n(4),)),
    Row("unpacked_theta", z.unpacked_theta, (np.array([1.2, 0.7, 0.1]),)),
    Row("tuple_parameter", z.tuple_parameter, ((0.5, -0.3), _n(4)), 1),
    Row("nested_config", z.nested_config, (_n(3),)),
    Row("kwargs_config", z.kwargs_config, (_n(4),)),
    Row("kwargs_display", z.kwargs_display, (np.array([0.4, -1.1, 0.8, 0.3]),)),  # (refusals9)
    Row("rows_written_in_loop", z.rows_written_in_loop, (_n(3, 2),), second=False),
    Row("concat_append", z.concat_append, (_n(4),)),
    Row("unravel_argmax", z.unravel_argmax, (_n(3, 3),)),
    Row("meshgrid_active", z.meshgrid_active, (_n(3), _n(2)), (0, 1), second=False),
    Row("product_builtins", z.product_builtins, (_n(4),)),
    Row("fft_power", z.fft_power, (_n(6),)),  # (through np.fft.rfft's complex values)
    Row("check_finite", z.check_finite, (_n(4),)),
    Row("allclose_loop", z.allclose_loop, (_u(4) + 0.5,)),
    Row("scipy_linalg_solves", z.scipy_linalg_solves, (_n(3, 3), _n(3)), (0, 1), second=False),
    Row("scipy_stats_logpdf", z.scipy_stats_logpdf, (0.3, _n(4)), (0, 1), second=False),
    Row("hyperbolic_mix", z.hyperbolic_mix, (np.array([0.5, -1.2, 1.1, -0.3]),)),
    Row("keepdims_normalize", z.keepdims_normalize, (_n(3, 4),)),
    Row("argsort_take", z.argsort_take, (_n(5),)),
    Row("lexsort_rows", z.lexsort_rows, (_n(4, 2),)),
    Row("black_box_vi", z.black_box_vi, (np.array([0.2, -0.1, -0.5, 0.3]),)),
    Row("bilinear_sample", z.bilinear_sample, (_n(4, 4),)),
    Row("advect_roll", z.advect_roll, (_n(4, 3),)),
    Row("maxpool_reshape", z.maxpool_reshape, (_n(2, 4, 4),)),
    Row("vae_like", functools.partial(z.vae_like, (_n(3, 4, scale=0.5), _n(2, 3, scale=0.5))),
        (_n(5, 3),)),
    Row("wave_equation", z.wave_equation, (_n(6),)),
    Row("rosenbrock_descent", z.rosenbrock_descent, (np.array([0.3, 0.8]),)),
    Row("mixture_density", z.mixture_density,
        ({"W": _n(4), "b": _n(4)}, _n(5), _n(5)), 1),
    Row("scipy_logsumexp_b", z.scipy_logsumexp_b, (_n(3), _u(3)), (0, 1), second=False),
    Row("cross_and_outer", z.cross_and_outer, (_n(3), _n(3)), (0, 1), second=False),
    Row("svd_full", z.svd_full, (_n(4, 3),)),
    Row("vstack_growing", z.vstack_growing, (_n(3),)),
    # (refused before passes/module_probes.py and passes/unbound_methods.py)
    Row("unbound_methods", z.unbound_methods, (_n(3, 4),)),
    Row("trapezoid_area", z.trapezoid_area, (_n(5), np.sort(_n(5)))),
    Row("closure_default_args", z.closure_default_args, (_n(3),)),  # (refused before)
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_row_in_every_mode_against_finite_differences(name):
    check_row(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.recursive_horner, (_n(4),), ("recursive call to idioms14_zoo._horner",
                                    "rewrite the recursion as a loop")),
    (z.callable_list, (_n(4),), ("a call to a local value", "f(x)")),
    (z.transpose_view_write, (_n(3, 3),), ("an assignment into a nested element",
                                           "A.T[0] = np.sin(X[:, 1])")),
    (z.view_write_back, (_n(6),), ("'c' is changed in place", "shares its memory",
                                   "c[0] *= 2.0")),
    (z.maml_inner, (_n(3), _n(5, 3), _n(5)), ("`inner` is not known before maml_inner runs",
                                              "module level")),
]


@pytest.mark.parametrize("fn, args, named", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line(fn, args, named):
    """What tangentish does not differentiate raises one of its errors naming the construct, the
    zoo's file and line with the source text, and a hint; never a wrong value or a raw error."""
    with pytest.raises((tangentish.UnsupportedConstructError, tangentish.MissingRuleError)) as caught:
        tangentish.grad(fn)(*args)
    message = str(caught.value)
    assert "idioms14_zoo.py" in message and "line" in message and "hint:" in message
    for part in named:
        assert part in message, (part, message)


with np.errstate(invalid="ignore"):  # (where_chain's np.sqrt of the branch not taken)
    SECOND = [row.name for row in ROWS if row.second and not isinstance(row.wrt, tuple)
              and np.ndim(row.fn(*row.args)) == 0 and np.size(row.args[row.wrt]) <= 12
              and np.asarray(row.args[row.wrt]).dtype != np.float32]


@pytest.mark.parametrize("name", SECOND)
def test_the_dense_hessian_against_differences_of_the_gradient(name):
    """``tangentish.hessian`` (forward over reverse, every column) against central differences
    of the generated gradient, and symmetric (the second derivatives of a smooth function)."""
    row = BY_NAME[name]
    hessian = call_unchanged(tangentish.hessian(row.fn, wrt=row.wrt, progress=False), row.args)
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    expected = numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), row.args,
                                row.wrt)
    np.testing.assert_allclose(hessian, expected, rtol=1e-4, atol=1e-5)
    n = np.size(row.args[row.wrt])
    flat = np.reshape(hessian, (n, n))
    np.testing.assert_allclose(flat, flat.T, rtol=1e-6, atol=1e-8)


def test_rows_changed_in_place_through_the_loop_variable_refuse_second_order_naming_the_line():
    """``for row in Y: row *= 2.0`` is differentiated once (the row's first-order modes above);
    differentiating that gradient again is refused with the line to copy at, never wrong."""
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.hvp(z.rows_written_in_loop)(_n(3, 2), np.ones((3, 2)))
    message = str(caught.value)  # (the row's name, 'row' or the gradient's 'row_1': refusals8)
    assert "idioms14_zoo.py:" in message and "copy" in message
    assert "'row'" in message or "'row_1'" in message
    assert "grad_rows_written" not in message  # (the user's line, not the gradient's: refusals4)


def test_nan_reductions_of_data_with_nans_times_the_parameter():
    """NaN data times x under np.nanmean/nansum/nanmax gave NaN gradient entries where the data
    is NaN (the reductions' structural 0 times the partial ``data``, NaN); central differences
    give 0 there (passes/supports.py: what a NaN-skipping reduction reads comes from)."""
    check_row(Row("nan_data_stats", z.nan_data_stats, (_n(5),)))


# Array-valued functions: vjp (its value, two cotangents), jvp and the dense Jacobian in both
# modes, against central differences (grad needs a scalar output).
VECTOR_ROWS = [
    Row("residuals", z.residuals, (np.array([1.1, 0.9]),)),
    Row("lorenz_rhs", z.lorenz_rhs, (np.array([1.0, 2.0, 20.0]),)),
    Row("softmax_vector", z.softmax_vector, (_n(4),)),
    Row("polar_to_cartesian", z.polar_to_cartesian, (np.array([1.3, 0.4]),)),
    Row("normalize_rows", z.normalize_rows, (_n(3, 2),)),
    Row("cumulative_returns_vec", z.cumulative_returns_vec, (0.1 * _n(5),)),
    Row("matrix_exp_series", z.matrix_exp_series, (0.5 * _n(2, 2),)),
    Row("rk4_state", z.rk4_state, (np.array([0.5, -0.2]),)),
    Row("pairwise_distances", z.pairwise_distances, (_n(3, 2),)),
    Row("batched_quadratic", z.batched_quadratic, (_n(4, 3), _n(3, 3)), (0, 1), second=False),
    Row("running_mean_vec", z.running_mean_vec, (_n(5),)),
    Row("sorted_vector", z.sorted_vector, (_n(5),)),
    Row("solve_map", z.solve_map, (_n(3),)),
    Row("gram_matrix", z.gram_matrix, (_n(4, 2),)),
]
VECTOR = {row.name: row for row in VECTOR_ROWS}


@pytest.mark.parametrize("name", sorted(VECTOR))
def test_each_array_valued_row_by_vjp_jvp_and_jacobian(name):
    row = VECTOR[name]
    positions = row.wrt if isinstance(row.wrt, tuple) else (row.wrt,)
    refs = [numeric_jacobian(row.fn, row.args, p) for p in positions]
    out = row.fn(*row.args)
    value, pullback = call_unchanged(tangentish.vjp(row.fn, wrt=row.wrt), row.args)
    np.testing.assert_allclose(value, out, rtol=1e-12, atol=0)
    assert np.asarray(value).dtype == np.asarray(out).dtype
    for seed in (1, 2):
        v = np.random.default_rng(seed).standard_normal(np.shape(out))
        pulled = pullback(v)
        pulled = pulled if isinstance(row.wrt, tuple) else (pulled,)
        for got, ref, p in zip(pulled, refs, positions, strict=True):
            assert np.shape(got) == np.shape(row.args[p])
            np.testing.assert_allclose(got, np.tensordot(v, ref, axes=v.ndim), rtol=1e-5,
                                       atol=1e-7, err_msg=f"vjp {seed} wrt {p}")
    derivative = tangentish.jvp(row.fn, wrt=row.wrt)
    directions = [np.random.default_rng(7).standard_normal(np.shape(row.args[p]))
                  for p in positions]
    tangents = {derivative.record.tangents[n]: d for n, d in zip(derivative.wrt, directions,
                                                                  strict=True)}
    value, tangent = call_unchanged(lambda *a: derivative(*a, **tangents), row.args)
    np.testing.assert_allclose(value, out, rtol=1e-12, atol=0)
    expected = sum(np.tensordot(ref, d, axes=d.ndim) for ref, d in zip(refs, directions,
                                                                        strict=True))
    np.testing.assert_allclose(tangent, expected, rtol=1e-5, atol=1e-7, err_msg="jvp")
    if isinstance(row.wrt, tuple):
        return
    for mode in ("rev", "fwd"):
        got = call_unchanged(tangentish.jacobian(row.fn, wrt=row.wrt, mode=mode, progress=False),
                             row.args)
        assert np.shape(got) == refs[0].shape, mode
        np.testing.assert_allclose(got, refs[0], rtol=1e-5, atol=1e-6, err_msg=mode)  # (the
        # differences' rounding where pairwise_distances' diagonal sits at np.maximum's kink)


def test_a_tuple_of_a_scalar_and_an_array_pulls_back_a_tuple_of_cotangents():
    x = _n(4)
    value, pullback = tangentish.vjp(z.tuple_output)(x)
    assert np.isclose(value[0], np.sum(x ** 2)) and np.allclose(value[1], np.tanh(x))
    v = _n(4)
    np.testing.assert_allclose(pullback((0.5, v)), x + v * (1 - np.tanh(x) ** 2), rtol=1e-12)


def test_a_write_through_a_ravel_and_flat_refused_before_is_differentiated():
    """``Y.ravel()[::3] = 0.0`` was refused as an item of an item: the view is named first
    (passes/view_targets.py), then written on ``Y`` (``.flat[1]`` too); one mode suffices."""
    check_mode(Row("flat_writes", z.flat_writes, (_n(3, 4),)), "value_and_grad")

