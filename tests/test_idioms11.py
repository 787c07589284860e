"""``idioms11_zoo``: an eleventh batch of programs nobody here wrote, each checked in every mode
against central finite differences with the machinery of ``test_realworld``: per row (function,
point, wrt) the value, ``grad`` and ``value_and_grad`` twice (the second call from the cache),
``vjp`` pulled back twice, ``jvp`` along a seeded direction, and the Hessian-vector product of
the scalar rows with one array under ``wrt`` (finite differences of the gradient).  Dict and
dataclass parameters under ``wrt`` are checked entry by entry below the table."""

from __future__ import annotations

import dataclasses

import idioms11_zoo as z
import numpy as np
import pytest
from helpers import numeric_jacobian
from idioms15_check import Case, check
from test_realworld import Row
from zoo_modes import check_first_order_modes, check_hessian_vector_product

import tangentish

R = np.random.default_rng(1111)


def _n(*shape, scale=1.0):  # (seeded normal and positive uniform points)
    return R.normal(0.0, scale, shape)


def _u(*shape):
    return R.uniform(0.2, 1.0, shape)


T5 = np.linspace(0.0, 2.0, 5)
LINEAR = z.Linear(_n(3, 2), _n(2))
TWO_LAYER = z.TwoLayer(_n(3, 4), _n(4, 1))
TRIANGLE = np.array([[0.0, 0.0], [1.1, 0.1], [0.3, 1.2]])
QUAD = np.array([[0.0, 0.0], [1.0, 0.1], [1.2, 1.0], [0.1, 0.9]])

ROWS = [
    Row("least_squares_obj", z.least_squares_obj, (np.array([1.0, 0.5, 0.2]), T5, _n(5))),
    Row("beale", z.beale, (np.array([1.0, 0.5]),)),
    Row("penalty_obj", z.penalty_obj, (_n(4), _n(4), 2.0)),
    Row("barrier_obj", z.barrier_obj, (_u(4),)),
    Row("rk4_decay", z.rk4_decay, (0.8, 0.7), (0, 1), second=False),
    Row("rk4_decay_k", z.rk4_decay, (0.8, 0.7), 1),
    Row("leapfrog", z.leapfrog_oscillator, (1.0, 0.2, 1.3), (0, 1, 2), second=False),
    Row("euler_lotka", z.euler_lotka, (np.array([1.0, 0.5]), 1.1), (0, 1), second=False),
    Row("euler_lotka_state", z.euler_lotka, (np.array([1.0, 0.5]), 1.1)),
    Row("rk4_vector", z.rk4_vector, (_n(3), _n(3, 3, scale=0.3)), (0, 1), second=False),
    Row("linear_method", LINEAR.loss, (_n(5, 3), _n(5, 2))),
    Row("two_layer_method", TWO_LAYER.loss, (_n(5, 3), _n(5, 1))),
    Row("config_keyed", z.config_keyed, (_n(5), {"activation": "softplus", "scale": 0.5})),
    Row("config_keyed_relu", z.config_keyed, (_n(5), {"activation": "relu", "scale": 2.0})),
    Row("gmm_loglik", z.gmm_loglik, (_n(3), _n(6), _n(3)), (0, 2), second=False),
    Row("gmm_loglik_means", z.gmm_loglik, (_n(3), _n(6), _n(3))),
    Row("gp_nll", z.gp_nll, (0.1, np.linspace(0.0, 2.0, 5), _n(5)), (0, 2), second=False),
    Row("gp_nll_ell", z.gp_nll, (0.1, np.linspace(0.0, 2.0, 5), _n(5))),
    Row("laplace", z.laplace_logpdf, (0.3, _n(5)), (0, 1), second=False),
    Row("beta_binomial", z.beta_binomial_like, (_n(4), np.array([1, 3, 2, 0]), 4)),
    Row("conv2d_slices", z.conv2d_slices, (_n(5, 5), _n(3, 3)), (0, 1), second=False),
    Row("smooth_diff", z.smooth_diff, (_n(6),)),
    Row("gradient_energy", z.gradient_energy, (_n(6),)),
    Row("same_convolve", z.same_convolve, (_n(6), _n(3)), (0, 1), second=False),
    Row("median_free", z.median_free_denoise, (_n(6),)),
    Row("weighted_var", z.weighted_var, (_n(6), _u(6)), (0, 1), second=False),
    Row("pinball", z.pinball_loss, (_n(6), _n(6)), (0, 1), second=False),
    Row("kde", z.gaussian_kernel_density, (_n(4), _n(6)), (0, 1), second=False),
    Row("zscore_clip", z.zscore_clip, (_n(7),)),
    Row("pairwise_energy", z.pairwise_energy, (_n(4, 2),)),
    Row("unit_rows", z.unit_rows, (_n(4, 3),)),
    Row("triangle_areas", z.triangle_areas, (_n(4, 3), np.array([[0, 1, 2], [1, 2, 3]]))),
    Row("polygon_area", z.polygon_area, (QUAD,)),
    Row("lennard_jones", z.lennard_jones, (TRIANGLE,)),
    Row("nbody_while", z.nbody_while, (_n(3, 2), _n(3, 2, scale=0.1)), (0, 1), second=False),
    Row("spring_network", z.spring_network,
        (_n(3, 2), [(0, 1), (1, 2), (0, 2)], np.array([1.0, 1.0, 1.4])), (0, 2), second=False),
    Row("discounted_value", z.discounted_value, (_u(5) * 0.1, _n(5)), (0, 1), second=False),
    Row("portfolio_growth", z.portfolio_growth, (_u(3), _n(6, 3, scale=0.05)), (0, 1),
        second=False),
    Row("annuity", z.annuity_rate, (0.05,)),
    Row("logged_objective", z.logged_objective, (_u(4),)),
    Row("enumerate_weights", z.enumerate_weights, (_n(3), [_n(3), _n(3)])),
    Row("early_return_loop", z.early_return_loop, (_u(3) + 1.0,)),
    Row("masked_positive", z.masked_positive, (_n(6),)),
    Row("fancy_accumulate", z.fancy_accumulate, (_n(3), np.array([0, 2, 3]))),
    Row("add_at_hist", z.add_at_hist, (_n(5), np.array([0, 2, 2, 3, 0]))),
    Row("astype_mix", z.astype_mix, (_n(3), 5)),
    Row("float32_poly", z.float32_poly, (_n(4).astype(np.float32),)),
    Row("zip_pairs", z.zip_pairs, (_n(4), _n(4)), (0, 1), second=False),
    Row("where_chain", z.where_chain, (_n(6) * 2.0,)),
    Row("damp_tail", z.damp_tail, (_n(6), 0.5), (0, 1), second=False),
    Row("damp_tail_x", z.damp_tail, (_n(6), 0.5)),
    Row("normalize_rows_inplace", z.normalize_rows_inplace, (_n(3, 4),)),
    Row("piecewise_potential", z.piecewise_potential, (_n(7) * 1.5, 0.8), (0, 1), second=False),
    Row("piecewise_potential_x", z.piecewise_potential, (_n(7) * 1.5, 0.8)),
    Row("piecewise_extra", z.piecewise_extra, (np.abs(_n(6)) * np.sign(_n(6)) + 0.1, 0.7), (0, 1),
        second=False),
    Row("squash_first_row", z.squash_first_row, (_n(3, 3),), second=False),  # (hvp: refused)
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_every_first_order_mode_matches_finite_differences(name):
    check_first_order_modes(BY_NAME[name])


SECOND = sorted(row.name for row in ROWS if row.second and not isinstance(row.wrt, tuple))


@pytest.mark.parametrize("name", SECOND)
def test_hessian_vector_products_match_finite_differences_of_the_gradient(name):
    check_hessian_vector_product(BY_NAME[name])

def _dict_net(sizes):  # weights "W{i}"/"b{i}" of a chain of layers
    return {k: v for i, (a, b) in enumerate(sizes)
            for k, v in ((f"W{i}", _n(a, b, scale=0.5)), (f"b{i}", _n(b, scale=0.1)))}


DICT_ROWS = {
    "dict_weights_net": (z.dict_weights_net, _dict_net([(3, 4), (4, 2)]), (_n(5, 3),)),
    "deep_forward": (z.deep_forward, {"W1": _n(4, 3), "b1": _n(4, 1), "W2": _n(4, 4),
                                      "b2": _n(4, 1), "W3": _n(1, 4), "b3": _n(1, 1)},
                     (_n(3, 5),)),
    "deep_forward_two": (z.deep_forward, {"W1": _n(4, 3), "b1": _n(4, 1), "W2": _n(1, 4),
                                          "b2": _n(1, 1)}, (_n(3, 5),)),
    "formatted_keys": (z.formatted_keys, {"layer0": _n(3), "shift_0": _n(3), "layer1": _n(3),
                                          "shift_1": 0.3}, (_n(3),)),
}


@pytest.mark.parametrize("name", sorted(DICT_ROWS))
def test_dict_parameters_read_by_keys_made_in_a_loop(name):
    """``params['W' + str(l)]``, ``params[f"b{i}"]``, ``params["layer%d" % k]`` in a ``for``
    over ``range`` with bounds known when the derivative is built (``L = len(params) // 2``):
    grad, value_and_grad, vjp and jvp with respect to the dict, entry by entry."""
    fn, params, rest = DICT_ROWS[name]
    refs = {k: numeric_jacobian(lambda leaf, k=k: fn({**params, k: leaf}, *rest), (params[k],), 0)
            for k in params}
    value, grads = tangentish.value_and_grad(fn)(params, *rest)
    np.testing.assert_allclose(value, fn(params, *rest), rtol=1e-12)
    assert list(grads) == list(params)
    for k in params:
        np.testing.assert_allclose(grads[k], refs[k], rtol=2e-5, atol=1e-7, err_msg=k)
    _, pullback = tangentish.vjp(fn)(params, *rest)
    pulled = pullback(0.5)
    for k in params:
        np.testing.assert_allclose(pulled[k], 0.5 * refs[k], rtol=2e-5, atol=1e-7, err_msg=k)
    derivative = tangentish.jvp(fn)
    direction = {k: np.random.default_rng(7).standard_normal(np.shape(v)) for k, v in params.items()}
    direction = {k: d if np.ndim(d) else float(d) for k, d in direction.items()}
    _, tangent = derivative(params, *rest, **{derivative.record.tangents[derivative.wrt[0]]: direction})
    expected = sum(np.sum(refs[k] * direction[k]) for k in params)
    np.testing.assert_allclose(tangent, expected, rtol=2e-5, atol=1e-7)


def test_dict_keys_made_from_a_value_known_only_when_called_stay_refused():
    """A key made from an index whose bounds are an argument (not known when the derivative is
    built) is refused at its line, naming the dict, with the hint saying which keys work."""
    def layers(params, x, n):
        for i in range(n):
            x = np.tanh(params[f"W{i}"] @ x)
        return np.sum(x)

    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(layers)({"W0": np.eye(2)}, np.ones(2), 1)
    message = str(caught.value)
    assert "the dict params" in message and 'params[f"W{i}"]' in message.replace("'", '"')
    assert "range" in message and "constant bounds" in message


def _label(v):  # (what a `str` of the function's own makes: not the builtin's text)
    return "0"


def test_a_key_made_by_a_str_that_is_not_the_builtin_is_not_folded():
    """``str`` rebound in the function (here a parameter) is not the builtin: the key it makes is
    not known when the derivative is built, so it stays refused instead of naming "W1"."""
    def layers(params, x, str=_label):
        for i in range(1, 2):
            x = np.tanh(params["W" + str(i)] @ x)
        return np.sum(x)

    params = {"W0": np.eye(2), "W1": 2.0 * np.eye(2)}
    assert layers(params, np.ones(2)) == np.sum(np.tanh(np.ones(2)))  # (W0, as Python reads it)
    with pytest.raises(tangentish.UnsupportedConstructError, match="the dict params"):
        tangentish.grad(layers)(params, np.ones(2))


def test_a_dataclass_parameter_under_wrt():
    p, X, y = z.Params(_n(3), 0.2), _n(5, 3), np.sign(_n(5))
    grads = tangentish.grad(z.dataclass_loss)(p, X, y)
    ref_w = numeric_jacobian(lambda w: z.dataclass_loss(z.Params(w, p.b), X, y), (p.w,), 0)
    ref_b = numeric_jacobian(lambda b: z.dataclass_loss(z.Params(p.w, b), X, y), (p.b,), 0)
    np.testing.assert_allclose(grads.w, ref_w, rtol=2e-5, atol=1e-7)
    np.testing.assert_allclose(grads.b, ref_b, rtol=2e-5, atol=1e-7)
    assert dataclasses.is_dataclass(grads)


def test_a_class_of_the_users_built_in_the_function_is_followed():
    """``s = Scaler(mean, std)`` then ``s.transform(X)``: its ``__init__`` stores its parameters
    together (``self.mean, self.std = mean, std``), a plain record (``passes/plain_records.py``),
    so its method is followed (it was refused as a call without a rule); every mode against
    central differences, and the bound method's gradient as before."""
    X, mean, std = _n(4, 2), _n(2), _u(2)
    check(Case("standardized_energy", z.standardized_energy, (X, mean, std), (0, 1, 2)))
    scaler = z.Scaler(mean, std)
    energy = lambda A: np.sum(scaler.transform(A) ** 2)  # noqa: E731
    got = tangentish.grad(scaler.transform)(X, out_bar=2.0 * scaler.transform(X))
    np.testing.assert_allclose(got, numeric_jacobian(energy, (X,), 0), rtol=2e-5, atol=1e-7)


@pytest.mark.parametrize("mode", ["grad", "value_and_grad", "vjp", "jvp"])
def test_a_bound_method_with_a_list_of_weights_under_wrt_calling_another_method(mode):
    """``grad(mlp.loss)(Ws, x, y)`` with ``Ws`` a list: the derivative built per structure is
    still the bound method's, so ``self.forward(...)`` and ``self.activation`` are followed."""
    mlp, x, y = z.MLP(scale=0.7), _n(5, 3), _n(5, 2)
    Ws = [_n(3, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 2)]
    refs = [numeric_jacobian(lambda leaf, k=k: mlp.loss([*Ws[:k], leaf, *Ws[k + 1:]], x, y),
                             (Ws[k],), 0) for k in range(len(Ws))]
    if mode == "jvp":
        derivative = tangentish.jvp(mlp.loss)
        directions = [np.cos(np.arange(w.size)).reshape(w.shape) for w in Ws]
        _, tangent = derivative(Ws, x, y, **{derivative.record.tangents[derivative.wrt[0]]:
                                             directions})
        expected = sum(np.sum(r * d) for r, d in zip(refs, directions, strict=True))
        np.testing.assert_allclose(tangent, expected, rtol=2e-5, atol=1e-7)
        return
    if mode == "grad":
        grads = tangentish.grad(mlp.loss)(Ws, x, y)
    elif mode == "value_and_grad":
        value, grads = tangentish.value_and_grad(mlp.loss)(Ws, x, y)
        np.testing.assert_allclose(value, mlp.loss(Ws, x, y), rtol=1e-12)
    else:
        value, pullback = tangentish.vjp(mlp.loss)(Ws, x, y)
        grads = pullback(1.0)
    assert isinstance(grads, list) and len(grads) == len(Ws)
    for k, (got, ref) in enumerate(zip(grads, refs, strict=True)):
        np.testing.assert_allclose(got, ref, rtol=2e-5, atol=1e-7, err_msg=str(k))


def test_a_table_of_functions_called_in_an_inlined_helper_at_a_key_it_is_handed(monkeypatch):
    """``ACTIVATIONS[name](z)`` in a helper inlined into the function: one copy per key there too
    (it was refused); a key added to the table later builds the derivative again."""
    x, W = _n(4, 3), _n(3, 2)
    for act in ("tanh", "softplus", "sin"):
        if act == "sin":
            monkeypatch.setitem(z.ACTIVATIONS, "sin", np.sin)
        grads = tangentish.grad(z.configured_layer, wrt=(0, 1))(x, W, act)
        for p, got in enumerate(grads):
            ref = numeric_jacobian(lambda *a, act=act: z.configured_layer(*a, act), (x, W), p)
            np.testing.assert_allclose(got, ref, rtol=2e-5, atol=1e-7, err_msg=f"{act} {p}")
    with pytest.raises(KeyError):
        tangentish.grad(z.configured_layer)(x, W, "relu")


def test_piecewise_keeps_numpys_results_and_refuses_other_forms():
    """``np.piecewise`` lowered: NumPy's value and dtype (an int ``x`` gives ints), later
    conditions winning, a function not called where its condition selects nothing; lists not
    written in the call are refused naming the call."""
    x = np.array([-2.0, -0.5, 0.5, 2.0])

    def overlapping(v):
        return np.piecewise(v, [v < 1, v < 0], [np.sin, np.cos])

    np.testing.assert_array_equal(tangentish.value_and_grad(
        lambda v: np.sum(overlapping(v)))(x)[1], np.where(x < 0, -np.sin(x), np.where(
            x < 1, np.cos(x), 0.0)))
    def never(v):  # (np.max of nothing raises: the function must not be called)
        return np.sum(np.piecewise(v, [v > 100], [lambda t: np.max(t) * t, lambda t: 2 * t]))
    np.testing.assert_allclose(tangentish.grad(never)(x), 2.0 * np.ones(4))
    def counts(v, n):
        k = np.arange(n)
        return np.sum(np.piecewise(k, [k < 2], [lambda t: t * 3, 7])) * np.sum(v)
    value, grad = tangentish.value_and_grad(counts)(x, 4)
    assert value == counts(x, 4) and np.allclose(grad, np.sum([0, 3, 7, 7]))
    conds = [x < 0]

    def held(v):
        return np.sum(np.piecewise(v, conds, [np.sin, np.cos]))
    with pytest.raises(tangentish.UnsupportedConstructError, match="lists written in the call"):
        tangentish.grad(held)(x)
