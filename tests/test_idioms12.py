"""``idioms12_zoo`` (textbook models, unrolled solvers, einsum and linalg idioms, stencils,
closures, classes, partials, helpers that change their arguments) differentiated in every mode:
each row's value, grad, value_and_grad, vjp and jvp against central finite differences
(``zoo_modes.check_first_order_modes``), and for a scalar row with one array under ``wrt`` also
its Hessian-vector product against differences of the gradient."""

from __future__ import annotations

import functools

import idioms12_zoo as z
import numpy as np
import pytest
from test_realworld import Row
from zoo_modes import check_first_order_modes, check_hessian_vector_product

import tangentish

R = np.random.default_rng(1212)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.2, 1.0, shape)  # noqa: E731  (positive ones)
X63, Y6 = _n(6, 3), _n(6)
LABELS6 = (R.uniform(size=6) > 0.5).astype(float)
CLASSES6 = np.array([0, 2, 1, 1, 0, 2])
SPD3 = _n(3, 3) @ _n(3, 3).T + 3.0 * np.eye(3)
KALMAN = (_n(2), 0.5 * np.eye(2) + 0.1, _n(2), np.array([[1.0, 0.1], [0.0, 1.0]]),
          np.array([[1.0, 0.0], [0.3, 1.0]]), 0.05 * np.eye(2), 0.2 * np.eye(2))
RIDGE = z.Ridge(0.3)
SCALED = z.Scaled(1.7)
SQUASHED = z.Squashed(_n(3, 2), _n(2))
DATA_MODEL = z.DataModel(X63, np.sign(Y6))
REGRESSOR, TANH_REGRESSOR = z.Regressor.default(), z.TanhRegressor(0.7)
PRIOR = z.Prior(0.2, 1.5)
CLUSTERS = np.vstack([_n(4, 2, scale=0.4) - 1.0, _n(4, 2, scale=0.4) + 1.0])

ROWS = [
    Row("logreg_intercept", z.logreg_intercept, (_n(4), X63, LABELS6)),
    Row("softmax_regression", z.softmax_regression, (_n(3, 3), X63, CLASSES6)),
    Row("pca_reconstruction", z.pca_reconstruction, (_n(3, 2), X63)),
    Row("em_loglik", z.em_loglik, (np.array([[-0.8, -1.1], [0.9, 1.2]]), CLUSTERS)),
    Row("kalman_step", z.kalman_step, KALMAN, (0, 1, 2), second=False),
    Row("kalman_step_F", z.kalman_step, KALMAN, 3),
    Row("black_scholes", z.black_scholes_call, (100.0, 95.0, 0.5, 0.02, 0.25), (0, 2, 3, 4),
        second=False),
    Row("black_scholes_sigma", z.black_scholes_call, (100.0, 95.0, 0.5, 0.02, 0.25), 4),
    Row("black_scholes_vec", z.black_scholes_vec,
        (np.array([90.0, 100.0, 110.0]), 100.0, 0.5, 0.02, np.array([0.2, 0.25, 0.3])),
        (0, 4), second=False),
    Row("newton_implicit", z.newton_implicit, (_u(4) + 1.0, _n(4))),
    Row("newton_implicit_b", z.newton_implicit, (_u(4) + 1.0, _n(4)), 1),
    Row("gd_inner", z.gd_inner, (0.3, SPD3 / 5.0, _n(3)), (0, 1, 2), second=False),
    Row("gd_inner_b", z.gd_inner, (0.3, SPD3 / 5.0, _n(3)), 2),
    Row("conjugate_gradient", z.conjugate_gradient, (SPD3, _n(3)), (0, 1), second=False),
    Row("conjugate_gradient_b", z.conjugate_gradient, (SPD3, _n(3)), 1),
    Row("fixed_steps_empty", z.fixed_steps_empty, (_n(4),)),
    Row("einsum_forms", z.einsum_forms, (_n(3, 3), _n(3, 3), _n(3)), (0, 1, 2), second=False),
    Row("einsum_forms_A", z.einsum_forms, (_n(3, 3), _n(3, 3), _n(3))),
    Row("batched_bilinear", z.batched_bilinear, (_n(4, 3), _n(3, 2)), (0, 1), second=False),
    Row("batched_bilinear_W", z.batched_bilinear, (_n(4, 3), _n(3, 2)), 1),
    Row("linear_system", z.linear_system, (_n(3, scale=0.3), _n(2))),
    Row("cholesky_whiten", z.cholesky_whiten, (_n(3, 3), _n(4, 3)), (0, 1), second=False),
    Row("cholesky_whiten_S", z.cholesky_whiten, (_n(3, 3), _n(4, 3))),
    Row("eigh_spread", z.eigh_spread, (_n(3, 3),)),
    Row("inv_quadratic", z.inv_quadratic, (_n(3, 2), _n(3)), (0, 1), second=False),
    Row("inv_quadratic_A", z.inv_quadratic, (_n(3, 2), _n(3))),
    Row("meshgrid_field", z.meshgrid_field, (0.2, -0.1, 0.6), (0, 1, 2), second=False),
    Row("kron_separable", z.kron_separable, (_n(2), _n(3), _n(6)), (0, 1, 2), second=False),
    Row("kron_separable_a", z.kron_separable, (_n(2), _n(3), _n(6))),
    Row("padded_laplacian", z.padded_laplacian, (_n(4, 5),)),
    Row("roll_periodic", z.roll_periodic, (_n(6),)),
    Row("roll_periodic_c", z.roll_periodic, (_n(6), 0.3), (0, 1), second=False),
    Row("triangular_masks", z.triangular_masks, (_n(4, 4),)),
    Row("take_along_topk", z.take_along_topk, (_n(3, 5),)),
    Row("argsort_reorder", z.argsort_reorder, (_n(6), _n(6)), (0, 1), second=False),
    Row("argsort_reorder_x", z.argsort_reorder, (_n(6), _n(6))),
    Row("interp_curve", z.interp_curve, (_n(5), _u(7)), (0, 1), second=False),
    Row("interp_curve_fp", z.interp_curve, (_n(5), _u(7))),
    Row("polyval_loss", z.polyval_loss, (_n(4), np.linspace(-1, 1, 7), _n(7)), (0, 1),
        second=False),
    Row("polyval_loss_c", z.polyval_loss, (_n(4), np.linspace(-1, 1, 7), _n(7))),
    Row("rank_weighted", z.rank_weighted, (_n(6),)),
    Row("cumsum_pipeline", z.cumsum_pipeline, (_n(6),)),
    Row("cumprod_survival", z.cumprod_survival, (_u(5) * 0.5,)),
    Row("clipped_bce", z.clipped_bce, (_n(6), LABELS6)),
    Row("smooth_max_min", z.smooth_max_min, (_n(6),)),
    Row("pairwise_reshape", z.pairwise_reshape, (_n(5),)),
    Row("keepdims_normalise", z.keepdims_normalise, (_n(5, 3),)),
    Row("log_cosh", z.log_cosh, (_n(6), _n(6)), (0, 1), second=False),
    Row("log_cosh_pred", z.log_cosh, (_n(6), _n(6))),
    Row("stacked_features", z.stacked_features, (_n(4),)),
    Row("generator_energy", z.generator_energy, (_n(5),)),
    Row("math_scalar", z.math_scalar, (0.7, 0.4), (0, 1), second=False),
    Row("math_scalar_a", z.math_scalar, (0.7, 0.4)),
    Row("math_mixed", z.math_mixed, (_n(4), 0.8), (0, 1), second=False),
    Row("math_mixed_x", z.math_mixed, (_n(4), 0.8)),
    Row("closed_loss", z.CLOSED_LOSS, (_n(3), X63, Y6)),
    Row("nested_helpers", z.nested_helpers, (_n(5), _n(5)), (0, 1), second=False),
    Row("nested_helpers_x", z.nested_helpers, (_n(5), _n(5))),
    Row("ridge_method", RIDGE.loss, (_n(3), X63, Y6)),
    Row("callable_object", SCALED.__call__, (_n(4),)),
    Row("partial_net", z.PARTIAL_NET, (_n(3), X63, Y6)),
    Row("kwonly_flags", z.kwonly_flags, (_n(5), 0.7), (0, 1), second=False),
    Row("kwonly_flags_x", z.kwonly_flags, (_n(5), 0.7)),
    Row("kwonly_flags_opts", functools.partial(z.kwonly_flags, normalize=False, power=3,
                                               center=True), (_n(5), 0.7), (0, 1), second=False),
    Row("int_bool_params", z.int_bool_params, (_n(3), 5, True)),
    Row("int_bool_params_nolog", z.int_bool_params, (_n(3), 4, False)),
    Row("float32_layer", z.float32_layer,
        (_n(4, 3).astype(np.float32), _n(3, 2).astype(np.float32)), (0, 1), second=False),
    Row("zero_d", z.zero_d, (np.array(0.4), np.array(1.5)), (0, 1), second=False),
    Row("zero_d_x", z.zero_d, (np.array(0.4), np.array(1.5))),
    Row("center_inplace", z.center_inplace, (_n(3, 4), _n(4)), (0, 1), second=False),
    Row("weighted_loss", z.weighted_loss, (_n(5),)),
    Row("weighted_loss_w", functools.partial(z.weighted_loss, w=_u(5), mask=_n(5) > 0), (_n(5),)),
    Row("fixed_noise_loss", z.fixed_noise_loss, (_n(3), X63)),
    Row("squashed_method", SQUASHED.loss, (_n(5, 3), _n(5, 2))),
    Row("even_terms", z.even_terms, (_n(5), _n(5)), (0, 1), second=False),
    Row("kernel_matrix", z.kernel_matrix, (_n(4),)),
    Row("enumerate_zip", z.enumerate_zip, (_n(4), _n(4)), (0, 1), second=False),
    Row("polar_stack", z.polar_stack, (_n(5), _u(5)), (0, 1), second=False),
    Row("polar_stack_t", z.polar_stack, (_n(5), _u(5))),
    Row("newton_tolerance", z.newton_tolerance, (2.3,)),
    Row("fsum_reduce", z.fsum_reduce, (_n(3, 3),)),
    Row("top_k_sorted", z.top_k_sorted, (_n(6),)),
    Row("tuple_axes_mean", z.tuple_axes_mean, (_n(2, 3, 4),)),
    Row("solve_matrix_rhs", z.solve_matrix_rhs, (_n(3, 3), _n(3, 2)), (0, 1), second=False),
    Row("solve_matrix_rhs_A", z.solve_matrix_rhs, (_n(3, 3), _n(3, 2))),
    Row("tensordot_axes", z.tensordot_axes, (_n(3, 4), _n(4, 2)), (0, 1), second=False),
    Row("float32_scalar", z.float32_scalar, (_n(4).astype(np.float32),), second=False),
    Row("sigmoid_logaddexp", z.sigmoid_logaddexp, (_n(5),)),
    Row("gaussian_kl", z.gaussian_kl, (0.3, -0.2, 0.1, 0.4), (0, 1, 2, 3), second=False),
    Row("gaussian_kl_mu", z.gaussian_kl, (0.3, -0.2)),
    Row("softmax_temperature", z.softmax_temperature, (_n(5), 0.7), (0, 1), second=False),
    Row("softmax_temperature_T", z.softmax_temperature, (_n(5), 0.7), 1),
    Row("newaxis_gram", z.newaxis_gram, (_n(4, 3),)),
    Row("ndim_branch", z.ndim_branch, (_n(4),)),
    Row("ndim_branch_2d", z.ndim_branch, (_n(4, 2),)),
    Row("concat_scaled", z.concat_scaled, (_n(5),)),
    Row("helper_tuple_loop", z.helper_tuple_loop, (_n(3, 4),)),
    Row("isclose_guard", z.isclose_guard, (_n(4), _n(4)), (0, 1), second=False),
    Row("heaviside_mix", z.heaviside_mix, (_n(5),)),
    Row("data_model_nll", DATA_MODEL.nll, (_n(3), 0.7), (0, 1), second=False),
    Row("kalman_filter_loglik", z.kalman_filter_loglik, (0.3, _n(5)), (0, 1), second=False),
    Row("kalman_filter_loglik_q", z.kalman_filter_loglik, (0.3, _n(5))),
    Row("viterbi_score", z.viterbi_score, (_n(3, 3), _n(4, 3)), (0, 1), second=False),
    Row("gumbel_softmax", z.gumbel_softmax, (_n(4),)),
    Row("bilinear_sample", z.bilinear_sample, (_n(4, 4), R.uniform(0.1, 2.9, (5, 2))), (0, 1),
        second=False),
    Row("ray_sphere", z.ray_sphere, (np.array([0.1, -0.2, -3.0]), np.array([0.05, 0.1, 1.0])),
        (0, 1), second=False),
    Row("quaternion_rotate", z.quaternion_rotate, (_n(4), _n(3)), (0, 1), second=False),
    Row("spline_eval", z.spline_eval, (_n(4, 3), R.uniform(0.05, 0.95, 6),
                                       np.linspace(0, 1, 5)), (0, 1), second=False),
    Row("image_gradients", z.image_gradients, (_n(4, 5),)),
    Row("take_along_xent", z.take_along_xent, (_n(5, 3), np.array([0, 2, 1, 1, 0]))),
    Row("cosine_schedule_sum", z.cosine_schedule_sum, (0.3,)),
    Row("contrastive_fill", z.contrastive_fill, (_n(4, 3),)),
    Row("poisson_offset", z.poisson_offset, (_n(3, scale=0.3), X63, np.arange(6.0), _u(6) + 1.0),
        (0, 3), second=False),
    Row("wls_inverse", z.wls_inverse, (_u(6) + 0.5, X63, Y6), (0, 1, 2), second=False),
    Row("partition_percentile", z.partition_percentile, (_n(7),)),
    Row("sliding_max", z.sliding_max, (_n(7),)),
    Row("scipy_special_mix", z.scipy_special_mix, (_n(4, 3), _n(3, 5)), (0, 1), second=False),
    Row("qr_orthogonal", z.qr_orthogonal, (_n(4, 3), _n(4)), (0, 1), second=False),
    Row("block_matrix", z.block_matrix, (_n(3), _n(3, 3)), (0, 1), second=False),
    Row("closure_appends", z.closure_appends, (_n(4),)),
    Row("math_on_elements", z.math_on_elements, (_n(4),)),
    Row("halves", z.halves, (_n(6),)),
    Row("inv_times_vector", z.inv_times_vector, (_n(3, 3), _n(3)), (0, 1), second=False),
    Row("regressor_property", REGRESSOR.loss, (_n(3), X63, Y6)),
    Row("regressor_call", REGRESSOR.__call__, (_n(3), X63, Y6)),
    Row("tanh_regressor_template", TANH_REGRESSOR.loss, (_n(3), X63, Y6)),
    Row("partial_of_method", functools.partial(TANH_REGRESSOR.loss, y=Y6), (_n(3), X63)),
    Row("dataclass_method", PRIOR.logp, (_n(4),)),
    Row("class_static_call", z.class_static_call, (_n(4),)),
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_row_in_every_mode_against_finite_differences(name):
    row = BY_NAME[name]
    check_first_order_modes(row)
    if row.second and not isinstance(row.wrt, tuple):  # (one array under wrt, scalar output)
        check_hessian_vector_product(row)


def test_a_helper_changing_a_row_view_the_caller_made_is_refused_at_its_line():
    """``row = X[i]`` then ``_normalize_inplace(row)`` (``v /= n`` inside, on the parameter
    itself): inlined, the write through the view of ``X`` is refused where it runs, naming the
    helper's line (written on ``X[i]`` in the function itself it is followed)."""
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(z.helper_normalize_rows)(_n(3, 4))
    message = str(caught.value)
    assert "idioms12_zoo.py:405" in message and "'row' is changed in place" in message


def test_a_dict_comprehension_over_a_dict_argument_held_constant_says_why_it_is_refused():
    """``{k: 2.0 * v for k, v in params.items()}`` with ``params`` not under ``wrt``: the keys
    are not known when the derivative is built (under ``wrt`` it is unrolled per structure);
    the hint says so instead of promising that a dict argument's loop gives constants."""
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(z.scaled_dict, wrt=1)({"w": 1.0, "b": 0.5}, _n(3))
    message = str(caught.value)
    assert "idioms12_zoo.py" in message and "params.items()" in message
    assert "under `wrt`" in message and "held constant" in message
