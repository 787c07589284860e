"""``idioms10_zoo``: a tenth batch of programs nobody here wrote, each checked in every mode
against central finite differences with the machinery of ``test_realworld``: per row (function,
point, wrt) the value, ``grad`` and ``value_and_grad`` twice (the second call from the cache),
``vjp`` pulled back twice, ``jvp`` along a seeded direction, and the Hessian-vector product of
the scalar rows with one array under ``wrt`` (finite differences of the gradient)."""

from __future__ import annotations

import idioms10_zoo as z
import numpy as np
import pytest
from helpers import numeric_jacobian
from test_realworld import Row
from zoo_modes import check_first_order_modes, check_hessian_vector_product

import tangentish

R = np.random.default_rng(1010)


def _n(*shape, scale=1.0):  # (seeded normal and positive uniform points)
    return R.normal(0.0, scale, shape)


def _u(*shape):
    return R.uniform(0.2, 1.0, shape)


X43 = _n(4, 3)
MASK34 = np.array([[True, False, True, True], [False, True, True, False],
                   [True, True, False, True]])
PARAMS = {"W1": _n(3, 4, scale=0.5), "b1": _n(4, scale=0.1), "W2": _n(4, 2), "b2": _n(2)}

ROWS = [
    Row("huber", z.huber, (_n(6) * 2.0, _n(6))),
    Row("focal_loss", z.focal_loss, (_n(6), (R.uniform(size=6) > 0.5).astype(int))),
    Row("layer_norm", z.layer_norm, (_n(3, 4), _u(4), _n(4)), (0, 1, 2), second=False),
    Row("layer_norm_x", z.layer_norm, (_n(3, 4), _u(4), _n(4))),
    Row("attention", z.attention, (_n(3, 2), _n(4, 2), _n(4, 2)), (0, 1, 2), second=False),
    Row("attention_Q", z.attention, (_n(3, 2), _n(4, 2), _n(4, 2))),
    Row("kl_logits", z.kl_logits, (_n(3, 4), _n(3, 4)), (0, 1), second=False),
    Row("masked_mse", z.masked_mse, (_n(3, 4), _n(3, 4), MASK34)),
    Row("gelu_mlp", z.gelu_mlp, (_n(3, 4), _n(4, 2)), (0, 1), second=False),
    Row("conv1d_valid", z.conv1d_valid, (_n(8), _n(3)), (0, 1), second=False),
    Row("label_smoothing", z.label_smoothing, (_n(4, 3), np.array([0, 2, 1, 2]))),
    Row("cosine_loss", z.cosine_loss, (_n(4, 3), _n(4, 3)), (0, 1), second=False),
    Row("pendulum", z.pendulum_midpoint, (0.6, 9.81), (0, 1), second=False),
    Row("pendulum_g", z.pendulum_midpoint, (0.6, 9.81), 1),
    Row("ring_chain", z.ring_chain_energy, (np.arange(5.0) + _n(5, scale=0.1), 2.0), (0, 1),
        second=False),
    Row("orbit_energy", z.orbit_energy, (_n(3, 2) + 2.0, _n(3, 2)), (0, 1), second=False),
    Row("spring_euler", z.spring_euler, (1.0, 0.0, 2.0), (0, 1, 2), second=False),
    Row("heat_implicit", z.heat_implicit, (_n(5), 0.3), (0, 1), second=False),
    Row("highest_point", z.highest_point, (12.0, _u(4)), (0, 1), second=False),
    Row("gaussian_nll", z.gaussian_nll, (_n(5), _n(5, scale=0.3), _n(5)), (0, 1),
        second=False),
    Row("logreg_l2", z.logreg_l2, (_n(3), X43, np.sign(_n(4)))),
    Row("weighted_moments", z.weighted_moments, (_n(6), _u(6)), (0, 1), second=False),
    Row("poisson_glm", z.poisson_glm, (_n(3, scale=0.3), X43, R.poisson(2.0, 4).astype(float))),
    Row("standardized_cubes", z.standardized_cubes, (_n(7),)),
    Row("ewma_vol", z.ewma_vol, (_n(6, scale=0.02), 0.94), (0, 1), second=False),
    Row("polyfit_residual", z.polyfit_residual, (_n(3), np.linspace(-1.0, 1.0, 5), _n(5)),
        (0, 1), second=False),
    Row("row_norm_penalty", z.row_norm_penalty, (_n(4, 3),)),
    Row("moving_rms", z.moving_rms, (_n(8),)),
    Row("dft_band_power", z.dft_band_power, (_n(8),)),
    Row("vectorized_piecewise", z.vectorized_piecewise, (_n(5), 0.7), (0, 1), second=False),
    Row("iir_filter", z.iir_filter, (_n(2), 0.5, _n(6)), (0, 1, 2), second=False),
    Row("total_variation", z.total_variation, (_n(4, 5),)),
    Row("rosenbrock", z.rosenbrock, (_n(4),)),
    Row("lasso_prox", z.lasso_prox_objective, (_n(5), 0.3), (0, 1), second=False),
    Row("gated_products", z.gated_products, (_n(6),)),
    Row("schedule_by_lambdas", z.schedule_by_lambdas, (_n(4),)),
    Row("drawdown", z.drawdown, (np.array([1.0, 1.3, 1.1, 1.5, 1.2, 1.4]),)),
    Row("softplus_sum", z.softplus_sum, (_n(5),)),
    Row("bilinear", z.bilinear, (_n(3), _n(3, 4), _n(4)), (0, 1, 2), second=False),
    Row("gram_logdet", z.gram_logdet, (_n(5, 3), 0.1), (0, 1), second=False),
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


@pytest.mark.parametrize("wrt", ["params", ("x", "params")])
def test_keyword_only_parameter_dicts_under_wrt(wrt):
    x = X43
    names = (wrt,) if isinstance(wrt, str) else wrt
    grads = tangentish.grad(z.mlp_kwonly, wrt=wrt)(x, params=PARAMS)
    grads = dict(zip(names, (grads,) if isinstance(wrt, str) else grads, strict=True))
    for key in sorted(PARAMS):
        ref = numeric_jacobian(lambda leaf, k=key: z.mlp_kwonly(x, params={**PARAMS, k: leaf}),
                               (PARAMS[key],), 0)
        np.testing.assert_allclose(grads["params"][key], ref, rtol=2e-5, atol=1e-7, err_msg=key)
    if "x" in grads:
        ref = numeric_jacobian(lambda a: z.mlp_kwonly(a, params=PARAMS), (x,), 0)
        np.testing.assert_allclose(grads["x"], ref, rtol=2e-5, atol=1e-7)
    derivative = tangentish.jvp(z.mlp_kwonly, wrt="params")
    direction = {k: np.ones_like(v) * 0.1 for k, v in PARAMS.items()}
    _, tangent = derivative(x, params=PARAMS, params_dot=direction)
    expected = sum(np.sum(grads["params"][k] * direction[k]) for k in PARAMS)
    np.testing.assert_allclose(tangent, expected, rtol=2e-5, atol=1e-7)
    shift = tangentish.grad(z.kwonly_shift, wrt="shift")(x[0], shift=0.3)
    ref = numeric_jacobian(lambda s: z.kwonly_shift(x[0], shift=s), (0.3,), 0)
    np.testing.assert_allclose(shift, ref, rtol=2e-5, atol=1e-7)
