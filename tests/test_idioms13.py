"""``idioms13_zoo`` (ODE integrators, finite elements, pair potentials, Gaussian processes,
attention and normalisation layers, classifier and embedding losses, parameters in containers,
the star arguments, ``dict(zip(NAMES, x))`` and ``x.sort()`` of a parameter) differentiated in
every mode: each row's value, grad, value_and_grad, vjp and jvp against central finite
differences (``zoo_modes.check_first_order_modes``), and for a scalar row with one array under
``wrt`` also its Hessian-vector product against differences of the gradient."""

from __future__ import annotations

import dataclasses
import functools

import idioms13_more_zoo as m
import idioms13_zoo as z
import numpy as np
import pytest
from helpers import numeric_jacobian
from test_realworld import Row
from zoo_modes import check_row

import tangentish

R = np.random.default_rng(1313)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.2, 1.0, shape)  # noqa: E731  (positive ones)
X43, Y4 = _n(4, 3), _n(4)
BINARY6 = (R.uniform(size=6) > 0.5).astype(float)
LAYER = z.Layer(_n(3, 2), _n(2))
AFFINE = z.Affine(_n(4), 0.3)
PARAMS = {"W1": _n(3, 4, scale=0.5), "b1": _n(4), "w2": _n(4)}
LAYERS = [(_n(3, 3, scale=0.6), _n(3)), (_n(3, 2, scale=0.6), _n(2))]
CHAIN = np.cumsum(_n(5, 2, scale=0.3) + np.array([1.0, 0.0]), axis=0)
PAIRS = np.array([[0.0, 0.0, 0.0], [1.1, 0.1, 0.0], [0.2, 1.2, -0.1], [0.9, 1.0, 0.8]])
ORIGINS = np.array([[0.1, 0.2, -3.0], [2.5, 0.0, -3.0], [-0.3, 0.4, -2.5]])

ROWS = [
    Row("star_noise_shape", z.star_noise_shape, (_n(3, 2),)),
    Row("star_max_min", z.star_max_min, (_n(4),)),
    Row("star_ufunc", z.star_ufunc, (_u(2, 3),)),
    Row("star_helper_tuple", z.star_helper_tuple, (_n(4),)),
    Row("star_helper_array", z.star_helper_array, (_n(2, 3),)),
    Row("star_stack_rows", z.star_stack_rows, (_n(3),)),
    Row("star_zeros_shape", z.star_zeros_shape, (_n(2, 3),)),
    Row("dict_of_zip", z.dict_of_zip, (_u(3) + 0.5,)),
    Row("dict_comprehension_zip", z.dict_comprehension_zip, (_n(2),)),
    Row("dict_of_zip_generator", z.dict_of_zip_generator, (_n(3),)),
    Row("sort_parameter", z.sort_parameter, (_n(5),)),
    Row("sort_parameter_axis", z.sort_parameter_axis, (_n(3, 4),)),
    Row("rk4_lotka", z.rk4_lotka, (_u(2) + 0.5, 0.8), (0, 1), second=False),
    Row("rk4_lotka_z0", z.rk4_lotka, (_u(2) + 0.5, 0.8)),
    Row("logistic_growth", z.logistic_growth, (0.7,)),
    Row("leapfrog_oscillator", z.leapfrog_oscillator, (0.3, -0.2), (0, 1), second=False),
    Row("euler_heat", z.euler_heat, (_n(6),)),
    Row("fem_1d_energy", z.fem_1d_energy, (_n(4), _u(5) + 0.5), (0, 1), second=False),
    Row("fem_1d_energy_u", z.fem_1d_energy, (_n(4), _u(5) + 0.5)),
    Row("ray_sphere_hits", z.ray_sphere_hits, (ORIGINS, np.array([0.05, 0.1, 1.0]), 1.2),
        (0, 1, 2), second=False),
    Row("lennard_jones", z.lennard_jones, (PAIRS,)),
    Row("spring_chain", z.spring_chain, (CHAIN,)),
    Row("projectile_range", z.projectile_range, (12.0, 0.6), (0, 1), second=False),
    Row("gp_marginal_likelihood", z.gp_marginal_likelihood, (0.2, X43, Y4), (0, 2),
        second=False),
    Row("gp_marginal_likelihood_ell", z.gp_marginal_likelihood, (0.2, X43, Y4)),
    Row("attention", z.attention, (_n(3, 4), _n(5, 4), _n(5, 2)), (0, 1, 2), second=False),
    Row("attention_Q", z.attention, (_n(3, 4), _n(5, 4), _n(5, 2))),
    Row("layer_norm", z.layer_norm, (_n(3, 4), _n(4), _n(4)), (0, 1, 2), second=False),
    Row("layer_norm_x", z.layer_norm, (_n(3, 4), _n(4), _n(4))),
    Row("batch_norm", z.batch_norm, (_n(5, 3), _n(3), _n(3)), (0, 1, 2), second=False),
    Row("conv1d_valid", z.conv1d_valid, (_n(7), _n(3)), (0, 1), second=False),
    Row("sliding_windows", z.sliding_windows, (_n(7), _n(3)), (0, 1), second=False),
    Row("distillation_kl", z.distillation_kl, (_n(5, 3), _n(5, 3)), (0, 1), second=False),
    Row("distillation_kl_student", z.distillation_kl, (_n(5, 3), _n(5, 3))),
    Row("focal_loss", z.focal_loss, (_n(6), BINARY6)),
    Row("triplet_loss", z.triplet_loss, (_n(4, 3), _n(4, 3), _n(4, 3)), (0, 1, 2),
        second=False),
    Row("cosine_similarity", z.cosine_similarity, (_n(3), _n(4, 3)), (0, 1), second=False),
    Row("norms_ord_axis", z.norms_ord_axis, (_n(3, 4),)),
    Row("masked_mean", z.masked_mean, (_n(6), _n(6) > 0)),
    Row("nan_safe_log", z.nan_safe_log, (_u(5),)),
    Row("piecewise_ramp", z.piecewise_ramp, (_n(6),)),
    Row("select_bands", z.select_bands, (_n(7),)),
    Row("binned_means", z.binned_means, (R.uniform(-0.95, 0.95, 6), _u(6)), (0, 1),
        second=False),
    Row("huber_loss", z.huber_loss, (_n(6), _n(6))),
    Row("dataclass_params_x", z.dataclass_params, (_n(4, 3), LAYER)),
    Row("namedtuple_params_x", functools.partial(z.namedtuple_params, AFFINE), (_n(4),)),
    Row("dict_params_X", z.dict_params, (PARAMS, X43), 1),
    Row("nested_list_params_x", functools.partial(z.nested_list_params, LAYERS), (_n(4, 3),)),
    Row("kwargs_helper", z.kwargs_helper, (_n(4),)),
    Row("kwonly_model", z.kwonly_model, (_n(5),)),
    Row("kwargs_forwarding", z.kwargs_forwarding, (_n(4), 0.7), (0, 1), second=False),
    Row("kwargs_forwarding_x", z.kwargs_forwarding, (_n(4), 0.7)),
    Row("kwargs_passed_whole", z.kwargs_passed_whole, (_n(4),)),
    Row("float32_mix", z.float32_mix, (_n(4).astype(np.float32), _n(4)), 1),
    Row("zero_d_ops", z.zero_d_ops, (np.array(0.3), np.array(-1.2)), (0, 1), second=False),
    Row("polynomial_features", z.polynomial_features, (_n(6), _n(4)), (0, 1), second=False),
    Row("softplus_regression", z.softplus_regression, (_n(3), X43, np.sign(Y4))),
    Row("running_stats", z.running_stats, (_n(5),)),
    Row("gram_schmidt", z.gram_schmidt, (_n(3, 2),)),
    Row("polyfit_trend", z.polyfit_trend, (_n(7),)),
    Row("put_along_rows", z.put_along_rows, (_n(3, 4), _n(3, 1)), (0, 1), second=False),
    Row("put_along_rows_X", z.put_along_rows, (_n(3, 4), _n(3, 1))),
    Row("put_along_parameter", z.put_along_parameter, (_n(3, 2), np.array([[2, 0], [1, 2]]))),
    Row("scatter_into_parameter", z.scatter_into_parameter,
        (_n(3, 2), np.array([[2, 0], [1, 2]]))),
    Row("activation_table", z.activation_table, (_n(4, 3), _n(3, 2)), (0, 1), second=False),
    Row("gd_with_config", z.gd_with_config, (_n(3), _n(5, 3), _n(5)), (0, 1, 2), second=False),
    Row("slogdet_logdet", z.slogdet_logdet, (_n(3, 3),)),
    Row("lstsq_fit", z.lstsq_fit, (_n(5, 2), _n(5)), (0, 1), second=False),
    Row("bincount_weights", z.bincount_weights, (_n(5), np.array([0, 2, 1, 2, 0]))),
    Row("scatter_add", z.scatter_add, (_n(5), np.array([0, 2, 1, 2, 0]))),
    Row("reduce_where", z.reduce_where, (_n(6),)),
    Row("median_percentile", z.median_percentile, (_n(7),)),
    Row("gradient_trapezoid", z.gradient_trapezoid, (_n(6),)),
    Row("ddof_stats", z.ddof_stats, (_n(4, 3),)),
    Row("norm_keepdims", z.norm_keepdims, (_n(3, 4),)),
    Row("expand_and_einsum", z.expand_and_einsum, (_n(3, 3), _n(3, 3)), (0, 1), second=False),
    Row("cross_geometry", z.cross_geometry, (_n(3), _n(3)), (0, 1), second=False),
    Row("tolerance_loop", z.tolerance_loop, (2.5,)),
    Row("promote_rank", z.promote_rank, (_n(4),)),
    Row("assert_and_print", z.assert_and_print, (_n(5),)),
    Row("dropout_fixed", z.dropout_fixed, (_n(6), _n(6)), (0, 1), second=False),
    Row("special_functions", z.special_functions, (_n(5),)),
    Row("scipy_special", z.scipy_special, (_n(5),)),
    Row("argmax_onehot", z.argmax_onehot, (_n(4, 3), _n(4, 3))),
    Row("where_indices", z.where_indices, (_n(6),)),
    Row("cumulative_returns", z.cumulative_returns, (0.1 * _n(6),)),
    Row("swap_tensordot", z.swap_tensordot, (_n(3, 2, 4), _n(3, 5)), (0, 1), second=False),
    Row("interp_and_diff", z.interp_and_diff, (_n(5),)),
    Row("enumerate_pairs", z.enumerate_pairs, (_n(3, 2), _n(3, 2)), (0, 1), second=False),
    Row("sorted_key", z.sorted_key, (np.array([0.3, -1.2, 0.7, 2.1]),)),
    Row("clip_keywords", z.clip_keywords, (_n(6),)),
    Row("inv_and_det", z.inv_and_det, (_n(3, 3),)),
    Row("float32_constants", z.float32_constants, (_n(4),)),
    Row("apply_along_rows", z.apply_along_rows, (_n(3, 4),)),
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_row_in_every_mode_against_finite_differences(name):
    check_row(BY_NAME[name])


CONTAINER_ROWS = [("dataclass_params", z.dataclass_params, (_n(4, 3), LAYER), 1),
                  ("namedtuple_params", z.namedtuple_params, (AFFINE, _n(4)), 0),
                  ("dict_params", z.dict_params, (PARAMS, X43), 0),
                  ("nested_list_params", z.nested_list_params, (LAYERS, _n(4, 3)), 0)]


def _leaves(tree, path=()):
    """(path, array) of every float leaf of a dict, list, tuple, named tuple or dataclass."""
    if dataclasses.is_dataclass(tree):
        tree = {f.name: getattr(tree, f.name) for f in dataclasses.fields(tree)}
    if isinstance(tree, dict):
        return [leaf for k in tree for leaf in _leaves(tree[k], (*path, k))]
    if isinstance(tree, (list, tuple)):
        keys = tree._fields if hasattr(tree, "_fields") else range(len(tree))
        return [leaf for i, k in enumerate(keys) for leaf in _leaves(tree[i], (*path, k))]
    return [(path, tree)]


def _at(tree, path):
    for key in path:
        tree = getattr(tree, key) if isinstance(key, str) and not isinstance(tree, dict) \
            else tree[key]
    return tree


def _replaced(tree, path, value):
    if not path:
        return value
    key, rest = path[0], path[1:]
    if dataclasses.is_dataclass(tree):
        return dataclasses.replace(tree, **{key: _replaced(getattr(tree, key), rest, value)})
    if isinstance(tree, dict):
        return {**tree, key: _replaced(tree[key], rest, value)}
    if hasattr(tree, "_fields"):
        return tree._replace(**{key: _replaced(getattr(tree, key), rest, value)})
    items = list(tree)
    items[key] = _replaced(items[key], rest, value)
    return type(tree)(items)


def _leaf_difference(fn, args, position, path, step=1e-6):
    """Central differences of ``fn`` along each entry of the leaf at ``path`` of ``args[position]``."""
    leaf = np.asarray(_at(args[position], path), dtype=np.float64)
    out = np.zeros(leaf.shape)
    for index in np.ndindex(leaf.shape):
        values = []
        for sign in (1.0, -1.0):
            moved = leaf.copy()
            moved[index] += sign * step
            given = list(args)
            given[position] = _replaced(args[position], path, moved if leaf.ndim else
                                        float(moved))
            values.append(fn(*given))
        out[index] = (values[0] - values[1]) / (2 * step)
    return out


@pytest.mark.parametrize("name, fn, args, position", CONTAINER_ROWS,
                         ids=[row[0] for row in CONTAINER_ROWS])
def test_a_container_of_parameters_under_wrt_against_finite_differences(name, fn, args,
                                                                        position):
    """grad, value_and_grad and a vjp pullback wrt a dataclass, named tuple, dict or list of
    (W, b) pairs: each leaf of the gradient against central differences of the function."""
    gradient = tangentish.grad(fn, wrt=position)(*args)
    value, same = tangentish.value_and_grad(fn, wrt=position)(*args)
    _, pullback = tangentish.vjp(fn, wrt=position)(*args)
    pulled = pullback(-2.0)
    assert np.isclose(value, fn(*args))
    for path, _ in _leaves(args[position]):
        expected = _leaf_difference(fn, args, position, path)
        for got, scale in ((gradient, 1.0), (same, 1.0), (pulled, -2.0)):
            np.testing.assert_allclose(_at(got, path), scale * expected, rtol=1e-5, atol=1e-7,
                                       err_msg=f"{name} at {path}")


def test_a_helper_reading_its_kwargs_at_a_computed_key_is_refused_at_its_signature():
    """``**opts`` is the dict of the call's other keywords where the helper reads its keys
    (``opts.get``, ``opts["k"]``, ``"k" in opts``, ``g(x, **opts)``, ``h(opts)``: the
    kwargs_forwarding and kwargs_passed_whole rows); read at a key the helper computes
    (``opts[name]``), the helper is not inlined and its own derivative refuses the ``**opts``."""
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(z.kwargs_computed_key)(_n(3))
    message = str(caught.value)
    assert "idioms13_zoo.py" in message and "**kwargs" in message and "**opts" in message


def test_star_arguments_keep_python_s_checks_of_their_counts():
    """``max(*x)`` is ``max(x)`` only for two items or more (one item, Python would iterate the
    item); a ufunc's ``*p`` must hold its number of inputs (a third item would be ``out=``):
    both raise ``TypeError`` when the derivative runs, naming the call."""
    with pytest.raises(TypeError, match=r"max\(\) of \*x"):
        tangentish.grad(z.star_max_min)(np.array([0.5]))
    with pytest.raises(TypeError, match=r"np\.(hypot|arctan2)\(\) takes 2 more positional"):
        tangentish.grad(z.star_ufunc)(_u(3, 2))


def test_random_sizes_given_by_star_draw_what_the_function_draws():
    """``np.random.randn(*x.shape)`` is ``np.random.standard_normal(tuple(x.shape) or None)``:
    the same draws from the same global state (a Python float for no sizes, as ``randn()``)."""
    x = _n(3, 2)
    for point in (x, np.float64(0.7)):
        np.random.seed(5)
        expected = z.noise_like(point)
        np.random.seed(5)
        _, pullback = tangentish.vjp(z.noise_like)(point)
        np.random.seed(5)
        got, _ = tangentish.vjp(z.noise_like)(point)
        np.testing.assert_array_equal(got, expected)
        assert type(got) is type(expected)
        np.random.seed(5)
        np.testing.assert_array_equal(pullback(np.ones_like(expected)),
                                      np.random.standard_normal(np.shape(point)) if np.ndim(point)
                                      else np.random.standard_normal())


def test_a_dict_of_zip_raises_when_the_values_are_fewer_than_the_names():
    """``dict(zip(NAMES, theta))`` is built for ``len(NAMES)`` items: fewer would build a
    smaller dict (another function), so the derivative raises ``ValueError`` naming the zip."""
    with pytest.raises(ValueError, match=r"zip\(\) of theta and 3 keys"):
        tangentish.grad(z.dict_of_zip)(_u(2) + 0.5)


def test_a_module_list_of_names_changed_in_place_builds_again():
    """``COEFFS`` is a module list: the derivative is built with its items, which it keeps as a
    copy; changing the list in place (another order) builds it again."""
    x = np.array([0.3, -0.4])
    first = tangentish.grad(z.dict_comprehension_zip)(x)
    z.COEFFS.reverse()
    try:
        swapped = tangentish.grad(z.dict_comprehension_zip)(x)
        reference = rw_reference(z.dict_comprehension_zip, x)
    finally:
        z.COEFFS.reverse()
    np.testing.assert_allclose(swapped, reference, rtol=1e-6, atol=1e-8)
    assert not np.allclose(first, swapped)


def rw_reference(fn, x, step=1e-6):
    return np.array([(fn(x + step * e) - fn(x - step * e)) / (2 * step) for e in np.eye(len(x))])


def test_sorting_a_parameter_leaves_the_caller_s_array_unsorted():
    """``x.sort()`` on a parameter is differentiated as a sort of a private copy (as ``x += 1``
    is): the caller's array keeps its order in every transform (the function itself sorts it)."""
    x = np.array([0.3, -1.0, 2.0, 0.1])
    before = x.copy()
    tangentish.grad(z.sort_parameter)(x)
    tangentish.jvp(z.sort_parameter)(x, x_dot=np.ones(4))
    tangentish.hvp(z.sort_parameter)(x, np.ones(4))
    np.testing.assert_array_equal(x, before)


def test_a_counter_attribute_written_by_a_method_is_refused_naming_it():
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(z.Counted().loss)(_n(3))
    message = str(caught.value)
    assert "`self.calls`" in message and "idioms13_zoo.py" in message
    assert "self.calls += 1" in message and "wrapper" in message


@pytest.mark.parametrize("shift", [2.0, -2.0])  # (positive definite, then not: the fallback)
def test_try_except_takes_the_branch_python_takes(shift):
    """(Refused until refusals6, passes/try_statements.py.)"""
    A = np.array([[1.0, 0.2, 0.1], [0.2, 1.5, 0.3], [0.1, 0.3, 2.0]]) + (shift - 1.0) * np.eye(3)
    got = tangentish.grad(z.cholesky_or_identity)(A)
    np.testing.assert_allclose(got, numeric_jacobian(z.cholesky_or_identity, [A], 0),
                               rtol=1e-6, atol=1e-8)


def test_a_loop_changing_the_rows_of_a_module_array_is_the_module_write_refusal():
    before = z.WEIGHTS.copy()
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(z.shift_global_rows)(_n(3))
    message = str(caught.value)
    assert "module-level value 'WEIGHTS'" in message and "row += 1.0" in message
    np.testing.assert_array_equal(z.WEIGHTS, before)


def test_a_function_picked_from_a_table_by_a_config_entry_follows_the_entry():
    """``act = ACTIVATIONS[CONFIG["act"]]`` then ``act(h)``: the key is read when the derivative
    runs, so changing the configuration changes the function differentiated."""
    x, W = _n(4, 3), _n(3, 2)
    derivative = tangentish.grad(z.activation_table, wrt=(0, 1))
    z.CONFIG["act"] = "relu"
    try:
        got = derivative(x, W)
        reference = [numeric_jacobian(z.activation_table, (x, W), p) for p in (0, 1)]
    finally:
        z.CONFIG["act"] = "tanh"
    for g, r in zip(got, reference, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-5, atol=1e-7)


def test_put_along_axis_writes_where_numpy_writes_a_repeated_position_last():
    """``np.put_along_axis`` with a position written twice (row 2 of column 1 here): the value
    and the gradient of the last write, as NumPy's assignment keeps it."""
    x, rows = _n(3, 2), np.array([[2, 2], [1, 2]])
    value, gradient = tangentish.value_and_grad(z.put_along_parameter)(x, rows)
    assert value == z.put_along_parameter(x.copy(), rows)
    np.testing.assert_allclose(gradient, numeric_jacobian(
        lambda v: z.put_along_parameter(v.copy(), rows), (x,), 0), rtol=1e-5, atol=1e-7)

# The programs of idioms13_more_zoo, in every mode as above.
A32 = _n(3, 2)
MLP = m.MLP()
MLP_PARAMS = MLP.init()
MORE_ROWS = [
    Row("mlp_inplace_relu", m.mlp_inplace_relu, (_n(4, 3), _n(3, 5), _n(5, 2)), (0, 1, 2), second=False),
    Row("adam_unrolled", m.adam_unrolled, (_n(3), _n(6, 3), _n(6)), (0, 1), second=False),
    Row("col_normalize_inplace", m.col_normalize_inplace, (_n(3, 4),)),
    Row("row_views", m.row_views, (_n(3, 4),)),
    Row("reduce_product", m.reduce_product, (_u(4),)),
    Row("int_input_mix", m.int_input_mix, (_n(6), 5)),
    Row("broadcast_outer", m.broadcast_outer, (_n(3), _n(4)), (0, 1), second=False),
    Row("chained_comparisons", m.chained_comparisons, (_n(7),)),
    Row("power_iteration", m.power_iteration, (_n(3, 3),)),
    Row("sum_of_list_arrays", m.sum_of_list_arrays, (_n(3, 4),)),
    Row("tuple_returning_helper", m.tuple_returning_helper, (_n(5),)),
    Row("matrix_power_trace", m.matrix_power_trace, (_n(3, 3),)),
    Row("nested_loops_pairwise", m.nested_loops_pairwise, (_n(4, 2),)),
    Row("logsumexp_manual", m.logsumexp_manual, (_n(3, 4),)),
    Row("masked_fill_neg_inf", m.masked_fill_neg_inf,
        (_n(3, 4), np.array([[1, 1, 0, 1], [0, 1, 1, 1], [1, 0, 0, 1]], bool))),
    Row("reshape_transpose_chain", m.reshape_transpose_chain, (_n(12),)),
    Row("flip_and_stack", m.flip_and_stack, (_n(4),)),
    Row("atleast_and_squeeze", m.atleast_and_squeeze, (_n(4),)),
    Row("round_trip_dtype", m.round_trip_dtype, (_n(4),)),
    Row("complex_free_abs", m.complex_free_abs, (_n(5),)),
    Row("hinge_svm", m.hinge_svm, (_n(3), _n(6, 3), np.sign(_n(6)))),
    Row("kmeans_soft", m.kmeans_soft, (_n(2, 2), _n(6, 2))),
    Row("ewma", m.ewma, (_n(6),)),
    Row("diag_ops", m.diag_ops, (_n(4, 4),)),
    Row("list_append_loop", m.list_append_loop, (_n(5),)),
    Row("mean_of_dicts", m.mean_of_dicts, (_n(5),)),
    Row("quadratic_form_solve", m.quadratic_form_solve, (_n(4, 3), _n(3)), (0, 1), second=False),
    Row("softmax_axis0", m.softmax_axis0, (_n(3, 4),)),
    Row("namedtuple_build", m.namedtuple_build, (_n(3), 0.4, _n(5, 3)), (0, 1), second=False),
    Row("rotation_matrix", m.rotation_matrix, (0.3, _n(4, 2))),
    Row("barycentric", m.barycentric,
        (np.array([0.2, 0.3]), np.array([[0.0, 0.0], [1.0, 0.1], [0.2, 1.0]])), (0, 1),
        second=False),
    Row("pendulum_energy", m.pendulum_energy, (np.array([0.5, 0.1]),)),
    Row("gauss_newton_step", m.gauss_newton_step,
        (np.array([1.5, 0.7]), np.linspace(0, 2, 6), _n(6) * 0.1 + 1.0)),
    Row("gaussian_mixture_nll", m.gaussian_mixture_nll, (_n(2), _n(6))),
    Row("histogram_soft", m.histogram_soft, (_n(7),)),
    Row("conv2d_valid", m.conv2d_valid, (_n(4, 5), _n(2, 2)), (0, 1), second=False),
    Row("maxpool_1d", m.maxpool_1d, (_n(7),)),
    Row("rnn_unrolled", m.rnn_unrolled, (_n(3, 2), _n(3, 3) * 0.5, _n(4, 2)), (0, 1), second=False),
    Row("gru_cell", m.gru_cell, (_n(6, 3, 3) * 0.5, _n(3), _n(3)), (0, 1, 2), second=False),
    Row("pagerank_like", m.pagerank_like, (_n(4, 4) + 0.1,)),
    Row("portfolio_variance", m.portfolio_variance, (_u(3), np.eye(3) * 0.2 + 0.05)),
    Row("spline_smoothness", m.spline_smoothness, (_n(6),)),
    Row("lorenz_rk2", m.lorenz_rk2, (np.array([1.0, 1.0, 1.0]),)),
    Row("tuple_unpack_loop", m.tuple_unpack_loop, (_n(3, 4),)),
    Row("min_distance", m.min_distance, (_n(5, 2), _n(2)), (0, 1), second=False),
    Row("log_barrier", m.log_barrier, (_n(2) * 0.1, A32, np.abs(_n(3)) + 2.0)),
    Row("soft_threshold", m.soft_threshold, (_n(6),)),
    Row("elastic_energy", m.elastic_energy, (_n(4),)),
    Row("spring_energy", m.SPRING.energy, (_n(4, 2),)),
    Row("simulate", m.simulate, (_n(3), _n(3)), (0, 1), second=False),
    Row("closed_loss", m.CLOSED, (_n(3),)),
    Row("nested_def", m.nested_def, (_n(4),)),
    Row("classmethod_loss", m.classmethod_loss, (_n(4),)),
    Row("adam_run", m.ADAM.run, (_n(3), 1.5), (0, 1), second=False),
    Row("mlp_x", functools.partial(MLP.loss, MLP_PARAMS), (_n(5, 3), _n(5))),
]
MORE = {row.name: row for row in MORE_ROWS}
assert len(MORE) == len(MORE_ROWS) and not set(MORE) & set(BY_NAME), "row names are unique"


@pytest.mark.parametrize("name", sorted(MORE))
def test_each_more_row_in_every_mode_against_finite_differences(name):
    check_row(MORE[name])


def test_a_dataclass_model_s_list_of_layer_pairs_under_wrt():
    """``MLP.loss(params, x, y)`` with ``params`` a list of ``(W, b)`` tuples under ``wrt``: each
    leaf of the gradient against central differences."""
    X, y = _n(5, 3), _n(5)
    gradient = tangentish.grad(MLP.loss)(MLP_PARAMS, X, y)
    for path, _ in _leaves(MLP_PARAMS):
        np.testing.assert_allclose(
            _at(gradient, path), _leaf_difference(MLP.loss, (MLP_PARAMS, X, y), 0, path),
            rtol=1e-5, atol=1e-7, err_msg=str(path))
