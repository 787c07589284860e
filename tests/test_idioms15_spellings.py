"""``idioms15_spellings_zoo`` and ``idioms15_flow_zoo`` (NumPy, SciPy and Python spellings of
outside code: see their docstrings) in every first-order mode against central differences
within their error estimate (``idioms15_check``), the Hessian-vector product of each scalar one
of one argument.  (``getattr_activation``, the last refused, is supported since stop 58.)"""

from __future__ import annotations

import idioms15_flow_zoo as f
import idioms15_spellings_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1520)
_n = lambda *shape: R.normal(0.0, 1.0, shape)  # noqa: E731  (seeded points)

CASES = [
    Case("enum_zip_tuple", z.enum_zip_tuple, (_n(4), _n(4)), (0, 1)),
    Case("stack_comp", z.stack_comp, (_n(3),)),
    Case("einsum_dot", z.einsum_dot, (_n(3), _n(3, 3)), (0, 1)),
    Case("norm_keepdims", z.norm_keepdims, (_n(4, 2), _n(2)), (0, 1)),
    Case("reduce_prod", z.reduce_prod, (_n(4),)),
    Case("builtin_max0", z.builtin_max0, (_n(5),)),
    Case("math_exp_loop", z.math_exp_loop, (_n(4),)),
    Case("float64_astype", z.float64_astype, (_n(3),)),
    Case("linspace_active", z.linspace_active, (1.3,)),
    Case("arange_times", z.arange_times, (_n(4),)),
    Case("full_active", z.full_active, (0.7, _n(3)), (0, 1)),
    Case("cumprod_rev", z.cumprod_rev, (_n(4),)),
    Case("outer_trace", z.outer_trace, (_n(3), _n(3, 3)), (0, 1)),
    Case("solve_mat", z.solve_mat, (_n(3, 3), _n(3, 2)), (0, 1)),
    Case("roll_pad_kw", z.roll_pad_kw, (_n(4), 0.3), (0, 1)),
    Case("clip_none", z.clip_none, (_n(5),)),
    Case("where_idx", z.where_idx, (_n(5),)),
    Case("soft_thresh", z.soft_thresh, (_n(5), 0.3), (0, 1)),
    Case("reshape_T", z.reshape_T, (_n(6), _n(2)), (0, 1)),
    Case("axes_moves", z.axes_moves, (_n(2, 3),)),
    Case("broadcast_to", z.broadcast_to, (_n(4),)),
    Case("matrix_power", z.matrix_power, (_n(2, 2),)),
    Case("interp_fp", z.interp_fp, (_n(3),)),
    Case("gammaln_scalar", z.gammaln_scalar, (1.7,)),
    Case("nansum_init", z.nansum_init, (_n(4),)),
    Case("mean_axes", z.mean_axes, (_n(2, 3, 2),)),
    Case("cov_T", z.cov_T, (_n(5, 3),)),
    Case("fixed_noise", z.fixed_noise, (_n(4),)),
    Case("scalar_branches", z.scalar_branches, (0.6,)),
    Case("scalar_branches_2", z.scalar_branches, (-0.5,)),
    Case("pow_arange", z.pow_arange, (np.abs(_n(3)) + 0.5,)),
    Case("softplus_stable", z.softplus_stable, (_n(5),)),
    Case("recurrence_inplace", z.recurrence_inplace, (_n(5), 0.8), (0, 1)),
    Case("kernel_double_loop", z.kernel_double_loop, (_n(3, 2), 1.5), (0, 1)),
    Case("size_ndim", z.size_ndim, (_n(2, 3),)),
    Case("dots_1d", z.dots_1d, (_n(3), _n(3)), (0, 1)),
    Case("arctan2_both", z.arctan2_both, (_n(3), _n(3)), (0, 1)),
    Case("floor_frac", z.floor_frac, (np.array([0.3, 1.2, -0.6, 2.3]),)),
    Case("allclose_guard", z.allclose_guard, (_n(3),)),
    Case("eigvalsh_sym", z.eigvalsh_sym, (_n(3, 3),)),
    Case("logical_masks", z.logical_masks, (np.array([-1.5, -0.3, 0.4, 2.0]),)),
    Case("sorted_key_abs", z.sorted_key_abs, (np.array([-1.5, -0.3, 0.4, 2.0]),)),
    Case("model_loss", z.model_loss, (_n(4, 3), _n(4)), (0, 1)),
    Case("stepper_loop", z.stepper_loop, (_n(3),)),
    Case("dict_arg_sum", z.dict_arg_sum, ({"a": _n(3), "b": _n(2)}, _n(3)), (0, 1)),
    Case("vectorized_helper", z.vectorized_helper, (_n(4),)),
    Case("call_star_data", z.call_star_data, (_n(3), _n(4, 3), _n(4)), (0, 1, 2)),
    Case("asarray_start", z.asarray_start, (_n(3),)),
    Case("float_return", z.float_return, (_n(3),)),
    Case("item_return", z.item_return, (_n(3),)),
    Case("list_of_scalars_np", z.list_of_scalars_np, (_n(3),)),
    Case("np_max_of_list", z.np_max_of_list, (_n(3),)),
    Case("float_wrapper", z.float_wrapper, (_n(3),)),
    Case("scalar_input_array_ops", z.scalar_input_array_ops, (0.4,)),
    Case("zero_d_array", z.zero_d_array, (_n(3),)),
    Case("accumulate_rows", z.accumulate_rows, (_n(3, 2),)),
    Case("reverse_cumsum_loop", z.reverse_cumsum_loop, (_n(4),)),
    Case("shape_zero_safe", z.shape_zero_safe, (_n(3),)),
    Case("chain_methods", z.chain_methods, (_n(3, 2),)),
    Case("linalg_on_rows", z.linalg_on_rows, (_n(3, 2),)),
    Case("any_branch", z.any_branch, (_n(3, 2),)),
    Case("for_else", f.for_else, (_n(4),)),
    Case("while_tol_counter", f.while_tol_counter, (np.abs(_n(3)) + 0.5,)),
    Case("nested_lists", f.nested_lists, (_n(3),)),
    Case("unzip_pairs", f.unzip_pairs, (_n(3), _n(3)), (0, 1)),
    Case("chained_index", f.chained_index, (_n(3, 3),)),
    Case("list_item_aug", f.list_item_aug, (_n(5),)),
    Case("step_slice_assign", f.step_slice_assign, (_n(6),)),
    Case("mask_assign_active", f.mask_assign_active, (_n(5),)),
    Case("put_along", f.put_along, (_n(3),)),
    Case("add_at_active", f.add_at_active, (_n(4),)),
    Case("searchsorted_gather", f.searchsorted_gather, (np.array([-1.4, -0.5, 0.4, 1.6]),)),
    Case("bincount_weights", f.bincount_weights, (_n(4),)),
    Case("sort_inplace_copy", f.sort_inplace_copy, (_n(5),)),
    Case("unique_group_mean", f.unique_group_mean, (_n(5),)),
    Case("block_concat", f.block_concat, (_n(2), _n(2, 2)), (0, 1)),
    Case("split_list", f.split_list, (_n(6),)),
    Case("names_loop", f.names_loop, ({"W1": _n(3, 3), "W2": _n(3, 2)}, _n(2, 3)), 1),
    Case("reductions_misc", f.reductions_misc, (_n(6),)),
    Case("average_weights", f.average_weights, (_n(4), _n(4)), (0, 1)),
    Case("scipy_linalg_misc", f.scipy_linalg_misc, (_n(3, 3), _n(3)), (0, 1)),
    Case("special_misc", f.special_misc, (_n(4),)),
    Case("tensordot_axes", f.tensordot_axes, (_n(2, 3), _n(3, 2)), (0, 1)),
    Case("pairwise_triu", f.pairwise_triu, (_n(4, 2),)),
    Case("frozen_replace", f.frozen_replace, (_n(3), _n(2, 3)), (0, 1)),
    Case("namedtuple_replace", f.namedtuple_replace, (_n(3),)),
    Case("kwargs_to_numpy", f.kwargs_to_numpy, (_n(3, 2),)),
    Case("hypot_chain", f.hypot_chain, (_n(3), _n(3)), (0, 1)),
    # (refused before: numpy.polynomial's series, the builtin divmod, a list of lambdas)
    Case("polynomial_polyval", f.polynomial_polyval, (_n(3), _n(4)), (0, 1)),
    Case("divmod_use", z.divmod_use, (np.array([0.3, 1.2, -0.6, 2.3]),)),
    Case("lambda_defaults_comp", f.lambda_defaults_comp, (_n(3),)),
    # (refused before: multivariate_normal.logpdf's default cov, the number 1)
    Case("scipy_stats_misc", f.scipy_stats_misc, (0.3, _n(4)), (0, 1)),
    # (refused before: getattr(np, name) of a string default, read as that default since idioms28)
    Case("getattr_activation", f.getattr_activation, (_n(4),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
