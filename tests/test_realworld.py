"""Programs nobody here wrote: ``realworld_zoo`` (models, losses, integrators, simulations written
the way people write NumPy) in every mode against central finite differences.

One table, a row per (function, point, wrt).  Each mode is compared with the Jacobian of the
original function by central differences (``numeric_jacobian``): ``grad`` / ``value_and_grad`` (scalar
outputs), ``vjp`` (its pullback called twice, with two cotangents), ``jvp`` (a seeded direction),
``jacobian`` (both modes, small outputs) and second order (``hvp`` against differences of the
verified gradient, ``hessian`` against the Jacobian of the gradient by differences).  Values, shapes
and dtypes are the original function's; arguments come back unchanged."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pytest
import realworld_zoo as z
from helpers import call_unchanged, copies, numeric_jacobian

import tangentish


class Row(NamedTuple):
    name: str
    fn: Any
    args: tuple
    wrt: Any = 0
    second: bool = True
    dense: bool = True
    kwargs: dict = {}


R = np.random.default_rng(430)


def _n(*shape, scale=1.0):
    return R.standard_normal(shape) * scale


def _u(*shape, low=0.2, high=1.0):
    return R.uniform(low, high, shape)


X52 = _n(5, 2)
Y5 = _n(5)
X63 = _n(6, 3)
COUNTS6 = R.poisson(2.0, 6).astype(float)
LABELS6 = (R.uniform(size=6) > 0.5).astype(float)
T7 = np.linspace(-1.0, 1.0, 7)
POS43 = np.array([[0.0, 0.0, 0.0], [1.2, 0.1, -0.2], [0.1, 1.3, 0.3], [0.2, -0.1, 1.1]])
XS32 = _n(3, 2, scale=0.5)
MASK = np.tril(np.ones((4, 4), dtype=bool))

ROWS = [
    Row("rbf_kernel", z.rbf_kernel, (_n(3, 2), _n(4, 2)), (0, 1), second=False),
    Row("rbf_kernel_ls", z.rbf_kernel, (_n(3, 2), _n(4, 2), 0.7, 1.3), 2),
    Row("gp_nll", z.gp_nll, (np.array([0.1, 0.2, -1.0]), X52, Y5)),
    Row("gp_nll_slogdet", z.gp_nll_slogdet, (np.array([0.1, 0.2, -1.0]), X52, Y5)),
    Row("gp_nll_slogdet_X", z.gp_nll_slogdet, (np.array([0.1, 0.2, -1.0]), X52, Y5), 1),
    Row("gmm_logpdf", z.gaussian_mixture_logpdf,
        (_n(6), np.array([-1.0, 0.0, 1.5]), _n(3, scale=0.3), _n(3)), (1, 2, 3), second=False),
    Row("gmm_logpdf_x", z.gaussian_mixture_logpdf,
        (_n(6), np.array([-1.0, 0.0, 1.5]), _n(3, scale=0.3), _n(3)), 0),
    Row("poisson_glm", z.poisson_glm_nll, (_n(3, scale=0.3), X63, COUNTS6)),
    Row("logistic", z.logistic_regression, (_n(3), 0.2, X63, LABELS6), (0, 1), second=False),
    Row("logistic_w", z.logistic_regression, (_n(3), 0.2, X63, LABELS6)),
    Row("ridge", z.ridge_closed_form, (0.7, X63, _n(6))),
    Row("ridge_X", z.ridge_closed_form, (0.7, X63, _n(6)), 1),
    Row("kmeans_soft", z.kmeans_soft_loss, (_n(3, 2), _n(8, 2))),
    Row("polyfit", z.polyfit_loss, (_n(4), T7, _n(7))),
    Row("polyfit_t", z.polyfit_loss, (_n(4), T7, _n(7)), 1),
    Row("horner", z.horner, (_n(4), T7), (0, 1), second=False),
    Row("batch_norm", z.batch_norm, (_n(5, 3), _u(3), _n(3)), (0, 1, 2), second=False),
    Row("layer_norm", z.layer_norm, (_n(2, 4), _u(4), _n(4)), (0, 1), second=False),
    Row("softmax", z.softmax, (_n(2, 3),)),
    Row("softmax_axis0", z.softmax, (_n(2, 3), 0)),
    Row("attention_masked", z.attention, (_n(4, 3), _n(4, 3), _n(4, 2), MASK), (0, 1, 2),
        second=False),
    Row("attention_plain", z.attention, (_n(4, 3), _n(4, 3), _n(4, 2)), 0),
    Row("multi_head_attention", z.multi_head_attention,
        (_n(3, 4), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5),
         _n(4, 4, scale=0.5)), (0, 1, 4), second=False),
    Row("mlp", z.mlp_loss, (_n(3, 4), _n(4), _n(4, 2), _n(2), X63, _n(6, 2)), (0, 1, 2, 3),
        second=False),
    Row("mlp_W1", z.mlp_loss, (_n(3, 4), _n(4), _n(4, 2), _n(2), X63, _n(6, 2)), 0),
    Row("cross_entropy_smoothed", z.cross_entropy_smoothed,
        (_n(4, 3), np.array([0, 2, 1, 2]), 0.8, 0.1)),
    Row("cross_entropy_temperature", z.cross_entropy_smoothed,
        (_n(4, 3), np.array([0, 2, 1, 2]), 0.8, 0.1), 2),
    Row("huber", z.huber_loss, (np.array([0.1, 2.0, -1.7, 0.4]), np.zeros(4))),
    Row("quantile", z.quantile_loss, (np.array([0.1, 2.0, -1.7, 0.4]), _n(4) * 0.1 + 0.3)),
    Row("focal", z.focal_loss, (_n(5), np.array([1, 0, 1, 1, 0]))),
    Row("conv1d_loops", z.conv1d_loops, (_n(6), _n(3)), (0, 1), second=False),
    Row("conv1d_numpy", z.conv1d_numpy, (_n(6), _n(3)), (0, 1), second=False),
    Row("conv1d_numpy_x", z.conv1d_numpy, (_n(6), _n(3)), 0),
    Row("rnn", z.rnn_loss, (_n(2), _n(2, 2, scale=0.5), _n(2, 2, scale=0.5), XS32), (0, 1, 2),
        second=False),
    Row("rnn_Wh", z.rnn_loss, (_n(2), _n(2, 2, scale=0.5), _n(2, 2, scale=0.5), XS32), 1),
    Row("adam_like", z.adam_like_step, (_n(3), np.array([0.5, -0.3, 0.2])), 0),
    Row("spring_energy", z.spring_energy, (POS43,)),
    Row("spring_energy_k", z.spring_energy, (POS43, 2.0, 0.9), (1, 2), second=False),
    Row("pairwise_1d", z.pairwise_1d, (_n(5),)),
    Row("euler_decay", z.euler_decay, (1.5, 0.8), (0, 1), second=False),
    Row("euler_decay_vec", z.euler_decay, (_n(3), 0.8), 1),
    Row("rk4", z.rk4_oscillator, (np.array([1.0, 0.0]), 1.3), (0, 1), second=False),
    Row("rk4_omega", z.rk4_oscillator, (np.array([1.0, 0.0]), 1.3), 1),
    Row("ballistic", z.ballistic_range, (10.0, 0.6), (0, 1), second=False),
    Row("damped_pendulum", z.damped_pendulum, (0.8, 0.3), (0, 1), second=False),
    Row("damped_pendulum_theta", z.damped_pendulum, (0.8, 0.3), 0),
    Row("heat_equation", z.heat_equation, (_n(6), 0.2), (0, 1), second=False),
    Row("cumulative_returns", z.cumulative_returns, (np.array([0.1, -0.3, 0.2, -0.05, 0.15]),)),
    Row("discounted_sum", z.discounted_sum, (_n(5), 0.9), (0, 1), second=False),
    Row("discounted_sum_gamma", z.discounted_sum, (_n(5), 0.9), 1),
    Row("total_variation", z.total_variation, (np.array([0.1, 0.5, 0.2, 0.9, -0.3]),)),
    Row("trimmed_mean", z.trimmed_mean, (np.array([0.3, -1.2, 2.5, 0.7, 0.1]),)),
    Row("ranked_weighted", z.ranked_weighted, (np.array([0.3, -1.2, 2.5, 0.7]), _n(4)), (0, 1),
        second=False),
    Row("top_k", z.top_k_sum, (np.array([0.3, -1.2, 2.5, 0.7]),)),
    Row("cosine_similarity", z.cosine_similarity_loss, (_n(4), _n(4)), (0, 1), second=False),
    Row("cosine_similarity_a", z.cosine_similarity_loss, (_n(4), _n(4))),
    Row("weighted_parts", z.weighted_parts, (_n(4), _n(4)), (0, 1), second=False),
    Row("piecewise_log", z.piecewise_early_return, (np.array([0.5, 0.4]),)),
    Row("piecewise_square", z.piecewise_early_return, (np.array([-0.5, -0.4]),)),
    Row("piecewise_identity", z.piecewise_early_return, (np.array([0.1, 0.2]),)),
    Row("unpack_stats", z.unpack_stats, (np.array([0.3, -1.2, 2.5, 0.7]),)),
    Row("clipped", z.clipped_objective, (np.array([[0.3, -1.2], [0.1, 0.7]]),)),
    Row("gram_trace", z.gram_trace, (_n(3, 2), _n(3, 2)), (0, 1), second=False),
    Row("gram_trace_A", z.gram_trace, (_n(3, 2), _n(3, 2))),
    Row("float_scalar_param", z.float_scalar_param, (0.7, _n(4)), (0, 1), second=False),
    Row("float_scalar_param_alpha", z.float_scalar_param, (0.7, _n(4))),
    Row("integer_data", z.integer_data_regression,
        (_n(3), R.integers(-3, 4, (4, 3)), 6)),
    Row("sliced_update", z.sliced_update, (_n(3),)),
    Row("logsumexp_rows", z.logsumexp_rows, (_n(3, 4),)),
    Row("logsumexp_keepdims", z.logsumexp_rows, (_n(3, 4), 0, True)),
    # float32 inputs: same checks, float32 derivatives
    Row("mlp_float32", z.mlp_loss,
        tuple(a.astype(np.float32) for a in (_n(3, 4), _n(4), _n(4, 2), _n(2), X63, _n(6, 2))),
        (0, 2), second=False),
    Row("layer_norm_float32", z.layer_norm,
        tuple(a.astype(np.float32) for a in (_n(2, 4), _u(4), _n(4))), 0, second=False),
    Row("softmax_float32", z.softmax, (_n(2, 3).astype(np.float32),), second=False),
]

M33 = _n(3, 3) * 0.3 + 2.0 * np.eye(3)
ROWS += [
    Row("vae_elbo", z.vae_elbo, (_n(3), _n(3, scale=0.3), _n(4), _n(3, 4)), (0, 1, 3),
        second=False),
    Row("vae_elbo_mu", z.vae_elbo, (_n(3), _n(3, scale=0.3), _n(4), _n(3, 4))),
    Row("newton_sqrt", z.newton_sqrt, (2.5,)),
    Row("newton_sqrt_vec", z.newton_sqrt, (_u(3, low=0.5, high=2.0),)),
    Row("fixed_point_tol", z.fixed_point_tol, (0.7,)),
    Row("einsum_bilinear", z.einsum_bilinear, (_n(3), _n(3, 3), _n(3)), (0, 1, 2), second=False),
    Row("einsum_bilinear_A", z.einsum_bilinear, (_n(3), _n(3, 3), _n(3)), 1),
    Row("einsum_batch", z.einsum_batch, (_n(4, 3), _n(3, 2)), (0, 1), second=False),
    Row("det_inverse", z.det_inverse, (M33,)),
    Row("boolean_mask", z.boolean_mask_loss, (np.array([0.5, -0.3, 1.2, -0.8, 0.1]),)),
    Row("stack_in_loop", z.stack_in_loop, (_n(3),)),
    Row("concat_features", z.concat_features, (_n(3),)),
    Row("norms_rows", z.norms_rows, (_n(4, 3),)),
    Row("builtin_math", z.builtin_math, (0.7, 0.3), (0, 1), second=False),
    Row("builtin_math_a", z.builtin_math, (0.7, 0.3)),
    Row("trapezoid", z.trapezoid_integral, (_n(5), np.cumsum(_u(5))), (0, 1), second=False),
    Row("interp", z.interp_loss, (_n(5), np.array([0.1, 0.33, 0.61, 0.9]))),
    Row("cov", z.cov_loss, (_n(5, 3),)),
    Row("weighted_average", z.weighted_average, (_n(4), _u(4)), (0, 1), second=False),
    Row("median_abs", z.median_abs, (np.array([0.3, -1.2, 2.5, 0.7, 0.1]),)),
    Row("lstsq", z.lstsq_residual, (_n(5, 2), _n(5)), (0, 1), second=False),
    Row("svd_nuclear", z.svd_nuclear, (_n(3, 2),)),
    Row("qr", z.qr_loss, (M33,)),
    Row("eigh_top", z.eigh_top, (_n(3, 3),)),
    Row("arctan_polar", z.arctan_polar, (_n(4, 2),)),
    Row("expand_broadcast", z.expand_broadcast, (_n(3), _n(2)), (0, 1), second=False),
    Row("outer_kron", z.outer_kron, (_n(3), _n(2)), (0, 1), second=False),
    Row("inplace_param", z.inplace_param, (_n(3), _n(3)), (0, 1)),
    Row("item_and_float", z.item_and_float, (_u(4),)),
    Row("where_one_arg", z.where_one_arg, (np.array([0.5, -0.3, 1.2, -0.8, 0.1]),)),
    Row("nonzero_take", z.nonzero_take, (np.array([0.5, -0.3, 1.2, -0.8, 0.1]),)),
    Row("reduce_multi_axis", z.reduce_multi_axis, (_n(2, 3, 4),)),
    Row("power_rules", z.power_rules, (_n(4), 3.0), (0, 1), second=False),
    Row("matrix_power", z.matrix_power_chain, (_n(3, 3) * 0.5,)),
    Row("tril_solve", z.tril_solve, (_n(3, 3), _n(3)), (0, 1), second=False),
    Row("sigmoid_classes", z.sigmoid_classes, (_n(3, 4), X63)),
    Row("gaussian_logpdf_mv", z.gaussian_logpdf_mv, (_n(3), _n(3), _n(6)), (0, 1, 2),
        second=False),
    Row("gaussian_logpdf_mv_L", z.gaussian_logpdf_mv, (_n(3), _n(3), _n(6)), 2),
    Row("running_max_while", z.running_max_while, (np.array([0.3, -1.2, 2.5, 0.7, 0.1]),)),
    Row("gradient_descent_last", z.gradient_descent_last, (_n(3),)),
    Row("gradient_descent_last_lr", z.gradient_descent_last, (_n(3), 0.1), 1),
    Row("kernel_by_loops", z.kernel_by_loops, (_n(3), 0.8), (0, 1), second=False),
    Row("kernel_by_loops_x", z.kernel_by_loops, (_n(3), 0.8)),
    Row("nested_unpack_loop", z.nested_unpack_loop, (_n(3), _n(3)), (0, 1), second=False),
    Row("filtered_comprehension", z.filtered_comprehension,
        (np.array([0.5, -0.3, 1.2, -0.8]),)),
    Row("positional_axes", z.positional_axes, (_n(3, 3),)),
    Row("norm_orders", z.norm_orders, (np.array([0.5, -0.3, 1.2]), _n(2, 2)), (0, 1),
        second=False),
    Row("fancy_slices", z.fancy_slices, (_n(3, 3),)),
    Row("pad_roll_tile", z.pad_roll_tile, (_n(3),)),
    Row("lambda_activation", z.lambda_activation, (_n(2, 3), _n(3)), (0, 1), second=False),
    Row("lambda_activation_W", z.lambda_activation, (_n(2, 3), _n(3))),
    Row("conditional_expression_pos", z.conditional_expression, (_n(3), 0.5), (0, 1),
        second=False),
    Row("conditional_expression_neg", z.conditional_expression, (_n(3), -0.5), 1),
    Row("early_return_in_loop_hit", z.early_return_in_loop, (np.array([0.8, 0.9, 0.1]),)),
    Row("early_return_in_loop_miss", z.early_return_in_loop, (np.array([0.3, 0.2, 0.1]),)),
    Row("quadratic_forms", z.quadratic_forms, (_n(3), _n(3, 3)), (0, 1), second=False),
    Row("quadratic_forms_x", z.quadratic_forms, (_n(3), _n(3, 3))),
    Row("softplus_diag", z.softplus_diag, (_n(3),)),
    Row("ellipsis_einsum", z.ellipsis_einsum, (_n(2, 3), _n(2, 3)), (0, 1), second=False),
    Row("global_lengths", z.global_lengths, (_n(4),)),
    Row("indexed_accumulate", z.indexed_accumulate, (_n(4), _n(4)), (0, 1), second=False),
    Row("flatten_ravel", z.flatten_ravel, (_n(2, 3),)),
    Row("topk_sorted_tail", z.topk_sorted_tail, (np.array([0.3, -1.2, 2.5, 0.7]),)),
    Row("leapfrog", z.leapfrog, (_n(2), _n(2)), (0, 1), second=False),
    Row("leapfrog_x", z.leapfrog, (_n(2), _n(2))),
    Row("inv_times", z.inv_times, (M33, _n(3)), (0, 1), second=False),
    Row("float32_mixed", z.float32_mixed, (_n(4).astype(np.float32),), second=False),
    Row("newton_root_vec", z.newton_root_vec, (_u(3, low=0.5, high=3.0),)),
    Row("nan_guarded", z.nan_guarded, (_u(4),)),
    Row("power_family", z.power_family, (_u(4),)),
    Row("stacked_columns", z.stacked_columns, (_n(3), _n(3)), (0, 1), second=False),
    Row("mse_with_reshape", z.mse_with_reshape, (_n(3), X63, _n(6))),
    Row("pairwise_cdist", z.pairwise_cdist, (_n(3, 2), _n(4, 2)), (0, 1), second=False),
    Row("pairwise_cdist_A", z.pairwise_cdist, (_n(3, 2), _n(4, 2))),
    Row("inplace_normalize", z.inplace_normalize, (_n(4),)),
    Row("alias_then_augment", z.alias_then_augment, (_n(3),)),
    Row("masked_copy", z.masked_copy, (np.array([0.5, -0.05, 1.2, 0.02]),)),
    Row("leaky_relu_dropout", z.leaky_relu_dropout,
        (np.array([0.5, -0.3, 1.2, -0.8]), np.array([1.0, 0.0, 1.0, 1.0]))),
    Row("discounted_returns", z.discounted_returns, (_n(4), 0.9), (0, 1), second=False),
    Row("discounted_returns_r", z.discounted_returns, (_n(4),)),
    Row("reverse_cumsum", z.reverse_cumsum, (_n(4),)),
    Row("sort_method_copy", z.sort_method_copy, (np.array([0.3, -1.2, 2.5, 0.7]),)),
    Row("policy_gradient", z.policy_gradient_loss,
        (_n(3, 2), _n(5, 3), np.array([0, 1, 1, 0, 1]), _n(5)), (0, 3), second=False),
    Row("policy_gradient_theta", z.policy_gradient_loss,
        (_n(3, 2), _n(5, 3), np.array([0, 1, 1, 0, 1]), _n(5))),
    Row("add_at_histogram", z.add_at_histogram, (_n(5), np.array([0, 2, 0, 1, 2]))),
    Row("min_builtin", z.min_builtin, (_n(3), _n(3)), (0, 1), second=False),
    Row("slice_assign_whole", z.slice_assign_whole, (_n(4),)),
    Row("gauss_newton_step", z.gauss_newton_step,
        (np.array([1.5, 0.7]), np.linspace(0, 2, 6), 1.4 * np.exp(-0.8 * np.linspace(0, 2, 6)))),
    Row("lotka_volterra", z.lotka_volterra,
        (np.array([1.0, 0.5]), np.array([1.1, 0.4, 0.1, 0.4])), (0, 1), second=False),
    Row("lotka_volterra_params", z.lotka_volterra,
        (np.array([1.0, 0.5]), np.array([1.1, 0.4, 0.1, 0.4])), 1),
    Row("sgd_inner_loop", z.sgd_inner_loop, (_n(3), X63, _n(6)), (0, 1), second=False),
    Row("sgd_inner_loop_w0", z.sgd_inner_loop, (_n(3), X63, _n(6))),
    Row("bounce", z.bounce_simulation, (1.0, 0.5), (0, 1), second=False),
]
if z.scipy_special is not None:
    ROWS += [
        Row("scipy_special", z.scipy_special_loss, (_n(4),)),
        Row("scipy_triangular", z.scipy_triangular, (_n(3, 3), _n(3)), (0, 1), second=False),
    ]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"



def _in64(args):
    """The arguments with every float32 array in float64: the reference runs in float64."""
    return tuple(a.astype(np.float64) if isinstance(a, np.ndarray) and a.dtype == np.float32
                 else a for a in args)


def _positions(wrt):
    return list(wrt) if isinstance(wrt, tuple) else [wrt]


def _float32(row):
    return any(isinstance(a, np.ndarray) and a.dtype == np.float32 for a in row.args)


def _tolerance(row):
    return {"rtol": 3e-3, "atol": 3e-4} if _float32(row) else {"rtol": 2e-5, "atol": 1e-7}


def _references(row):
    """The Jacobian by central differences of the original function (on copies: some of these
    change their arguments in place), with respect to each ``wrt`` argument."""
    return [numeric_jacobian(lambda *a: row.fn(*copies(a)), _in64(row.args), p)
            for p in _positions(row.wrt)]


def _as_list(result, wrt):
    return list(result) if isinstance(wrt, tuple) else [result]


def _assert_like_input(got, arg, label):
    """A derivative with respect to ``arg`` has its shape, and its dtype when ``arg`` is an array
    (a Python float's derivative is a float or a 0-d float64)."""
    assert np.shape(got) == np.shape(arg), f"{label}: shape {np.shape(got)} != {np.shape(arg)}"
    if isinstance(arg, np.ndarray):
        assert np.asarray(got).dtype == arg.dtype, f"{label}: dtype {np.asarray(got).dtype}"


def _assert_value(value, row):
    expected = row.fn(*copies(row.args))
    assert np.shape(value) == np.shape(expected), "value shape"
    assert np.asarray(value).dtype == np.asarray(expected).dtype, "value dtype"
    np.testing.assert_allclose(value, expected, rtol=1e-12, atol=0)


def _scalar(row):
    return np.ndim(row.fn(*copies(row.args))) == 0


def _cotangent(row, seed):
    out = row.fn(*copies(row.args))
    v = np.random.default_rng(seed).standard_normal(np.shape(out))
    return v.astype(np.asarray(out).dtype) if np.ndim(out) else float(v)


def _pulled(v, jac):
    v = np.asarray(v, dtype=np.float64)
    return np.tensordot(v, jac, axes=v.ndim)


RUN = ROWS  # (alias_then_augment, refused until stop 59, is differentiated: idioms29)
NAMES = [row.name for row in RUN]
SCALAR = [row.name for row in RUN if _scalar(row)]
SECOND = [row.name for row in RUN if row.second and _scalar(row) and not isinstance(row.wrt, tuple)]


@pytest.mark.parametrize("name", SCALAR)
def test_grad_and_value_and_grad(name):
    """Three calls each: the first runs the generic derivative, later ones the one specialized to
    the arguments' ranks and dtypes (README, "Specialized to the shapes and dtypes")."""
    row = BY_NAME[name]
    refs = _references(row)
    for call in range(3):
        gradient = call_unchanged(tangentish.grad(row.fn, wrt=row.wrt), row.args)
        value, again = call_unchanged(tangentish.value_and_grad(row.fn, wrt=row.wrt), row.args)
        _assert_value(value, row)
        for p, ref, got, other in zip(_positions(row.wrt), refs, _as_list(gradient, row.wrt),
                                      _as_list(again, row.wrt), strict=True):
            for label, result in (("grad", got), ("value_and_grad", other)):
                label = f"{label} wrt {p}, call {call}"
                _assert_like_input(result, row.args[p], label)
                np.testing.assert_allclose(result, ref, err_msg=label, **_tolerance(row))


@pytest.mark.parametrize("name", NAMES)
def test_vjp_pullback_twice(name):
    row = BY_NAME[name]
    refs = _references(row)
    value, pullback = call_unchanged(tangentish.vjp(row.fn, wrt=row.wrt), row.args)
    _assert_value(value, row)
    for seed in (1, 2):
        v = _cotangent(row, seed)
        pulled = _as_list(pullback(v), row.wrt)
        for p, ref, got in zip(_positions(row.wrt), refs, pulled, strict=True):
            _assert_like_input(got, row.args[p], f"pullback {seed} wrt {p}")
            np.testing.assert_allclose(got, _pulled(v, ref), err_msg=f"pullback {seed} wrt {p}",
                                       **_tolerance(row))


@pytest.mark.parametrize("name", NAMES)
def test_jvp(name):
    row = BY_NAME[name]
    refs = _references(row)
    derivative = tangentish.jvp(row.fn, wrt=row.wrt)
    rng = np.random.default_rng(7)
    directions = []
    for p in _positions(row.wrt):
        d = rng.standard_normal(np.shape(row.args[p]))
        directions.append(d.astype(row.args[p].dtype) if isinstance(row.args[p], np.ndarray)
                          else float(d))
    tangents = {derivative.record.tangents[n]: d
                for n, d in zip(derivative.wrt, directions, strict=True)}
    value, tangent = call_unchanged(lambda *a: derivative(*a, **tangents), row.args)
    _assert_value(value, row)
    expected = sum(np.tensordot(ref, np.asarray(d, dtype=np.float64), axes=np.ndim(d))
                   for ref, d in zip(refs, directions, strict=True))
    assert np.shape(tangent) == np.shape(value), "tangent shape"
    assert np.asarray(tangent).dtype == np.asarray(value).dtype, "tangent dtype"
    np.testing.assert_allclose(tangent, expected, **_tolerance(row))


@pytest.mark.parametrize("name", [row.name for row in RUN if row.dense])
@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_jacobian(name, mode):
    row = BY_NAME[name]
    refs = _references(row)
    jac = call_unchanged(tangentish.jacobian(row.fn, wrt=row.wrt, mode=mode, progress=False),
                          row.args)
    for p, ref, got in zip(_positions(row.wrt), refs, _as_list(jac, row.wrt), strict=True):
        assert np.shape(got) == ref.shape, f"jacobian wrt {p}: shape {np.shape(got)}"
        np.testing.assert_allclose(got, ref, err_msg=f"jacobian wrt {p}", **_tolerance(row))


def _gradient_jacobian(row, step=1e-6):
    """Differences of the (first-order-verified) gradient: the Hessian's reference."""
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    return numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), row.args,
                            row.wrt, step=step)


@pytest.mark.parametrize("name", SECOND)
def test_hvp_and_hessian(name):
    row = BY_NAME[name]
    ref = _gradient_jacobian(row)
    arg = row.args[row.wrt]
    vector = np.random.default_rng(3).standard_normal(np.shape(arg))
    vector = vector if np.shape(vector) else float(vector)
    product = call_unchanged(lambda *a: tangentish.hvp(row.fn, wrt=row.wrt)(*a, vector),
                              row.args)
    expected = np.tensordot(ref, np.asarray(vector), axes=np.ndim(vector))
    np.testing.assert_allclose(product, expected, rtol=1e-4, atol=1e-6, err_msg="hvp")
    hess = call_unchanged(tangentish.hessian(row.fn, wrt=row.wrt, progress=False), row.args)
    assert np.shape(hess) == ref.shape, "hessian shape"
    np.testing.assert_allclose(hess, ref, rtol=1e-4, atol=1e-6, err_msg="hessian")


def test_values_bound_in_a_loop_come_back_as_the_loop_left_them():
    """A value bound in a loop body and returned by name (as the output, an aux or an item of a
    tuple output) is the last iteration's, also after the adjoint sweep restored the loop's
    values from the tape (it was the first iteration's: see tests/fuzz, feature loop_last)."""
    a = np.array([0.3, 0.7])
    loss, hidden = z.hidden_state_aux(a)
    gradient, aux = tangentish.grad(z.hidden_state_aux, has_aux=True)(a)
    (value, aux_too), _ = tangentish.value_and_grad(z.hidden_state_aux, has_aux=True)(a)
    _, _, aux_three = tangentish.vjp(z.hidden_state_aux, has_aux=True)(a)
    for got in (aux, aux_too, aux_three):
        np.testing.assert_array_equal(got, hidden)
    assert value == loss
    np.testing.assert_allclose(gradient, numeric_jacobian(
        lambda x: z.hidden_state_aux(x)[0], (a,), 0), rtol=1e-6)
    out, _ = tangentish.vjp(z.last_pair)(a)
    for got, want in zip(out, z.last_pair(a), strict=True):
        np.testing.assert_array_equal(got, want)
