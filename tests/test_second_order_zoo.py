"""``second_order_zoo``: programs people differentiate twice, each at a point and a ``wrt``:
``hessian``, ``jacobian(grad(f))`` and ``hvp`` against central differences of the gradient (the
gradient itself against central differences of the function first), and ``grad(grad(f))`` where
the argument is a number; the Fisher information of a softmax against its closed form and the
Laplacian of a potential against second differences of the potential."""

from __future__ import annotations

import numpy as np
import pytest
import second_order_zoo as z
from helpers import call_unchanged, numeric_jacobian
from test_realworld import Row

import tangentish

R = np.random.default_rng(2026)


def _n(*shape, scale=1.0):
    return R.standard_normal(shape) * scale


X63 = _n(6, 3)
Y6 = (R.uniform(size=6) > 0.5).astype(float)
X42 = _n(4, 2)
A43 = _n(4, 3)
LABELS = np.array([0, 2, 1, 2])
POS = np.array([[0.0, 0.0, 0.0], [1.1, 0.1, -0.1], [0.2, 1.2, 0.1], [1.0, 1.1, 0.9]])
SITES = np.array([[1.0, 0.0, 0.0], [-0.5, 0.8, 0.2], [0.1, -0.7, 0.6]])
CENTERS = np.array([[0.5, 0.1], [-0.4, 0.3], [0.0, -0.6]])
SERIES = np.array([0.3, 0.5, 0.1, -0.2, 0.4, 0.6, 0.2])

ROWS = [
    Row("logistic_l2", z.logistic_l2, (_n(3), X63, Y6)),
    Row("newton_refined_logistic", z.newton_refined_logistic, (_n(3, scale=0.5), X63, Y6)),
    Row("newton_cube_root", z.newton_cube_root, (2.5, 1.2)),
    Row("newton_cube_root_x0", z.newton_cube_root, (2.5, 1.2), 1),
    Row("huber_regression", z.huber_regression, (_n(3, scale=0.3), X63, _n(6, scale=0.5))),
    Row("log_barrier", z.log_barrier, (_n(3, scale=0.1), A43, np.full(4, 2.0), _n(3))),
    Row("mlp_loss_W1", z.mlp_loss, (_n(2, 3), _n(3), _n(3, 1), X42, _n(4))),
    Row("mlp_loss_b1", z.mlp_loss, (_n(2, 3), _n(3), _n(3, 1), X42, _n(4)), 1),
    Row("mlp_helper_layers", z.mlp_helper_layers, (_n(2, 3), _n(3, 2), X42, _n(4))),
    Row("softmax_xent", z.softmax_xent, (np.array([0.3, -1.2, 0.8, 0.1]), 2)),
    Row("softmax_regression", z.softmax_regression, (_n(2, 3, scale=0.5), X42, LABELS)),
    Row("softmax_entropy", z.softmax_entropy, (np.array([0.3, -1.2, 0.8, 0.1]),)),
    Row("lennard_jones", z.lennard_jones, (POS * 1.1,)),
    Row("bonded_energy", z.bonded_energy, (POS[:3] + _n(3, 3, scale=0.05),)),
    Row("coulomb_potential", z.coulomb_potential,
        (np.array([0.2, 0.3, -0.1]), np.array([1.0, -0.5, 0.8]), SITES)),
    Row("spring_forces_energy", z.spring_forces_energy, (np.array([0.0, 1.2, 1.9, 3.3]), 1.4)),
    Row("spring_forces_energy_k", z.spring_forces_energy,
        (np.array([0.0, 1.2, 1.9, 3.3]), 1.4), 1),
    Row("chain_energy_slices", z.chain_energy_slices, (np.array([0.0, 1.2, 1.9, 3.3]),)),
    Row("rosenbrock_loop", z.rosenbrock_loop, (np.array([0.8, 1.1, 0.9, 1.3]),)),
    Row("gaussian_wells", z.gaussian_wells, (np.array([0.1, -0.2]), CENTERS,
                                             np.array([1.0, 0.5, 2.0]))),
    Row("ar1_nll", z.ar1_nll, (np.array([0.4, -0.3]), SERIES)),
    Row("gp_marginal_nll", z.gp_marginal_nll, (np.array([0.1, 0.2, -1.5]), X42, _n(4))),
    Row("pendulum_heun", z.pendulum_heun, (np.array([9.0, 0.3]),)),
    Row("smoothing_running_stats", z.smoothing_running_stats, (_n(6), 0.35)),
    Row("smoothing_running_stats_alpha", z.smoothing_running_stats, (_n(6), 0.35), 1),
    Row("power_iteration_rayleigh", z.power_iteration_rayleigh,
        (_n(9, scale=0.5) + np.eye(3).ravel(),)),
    Row("column_scaled_loss", z.column_scaled_loss, (_n(2, 3),)),
    Row("tikhonov_residual", z.tikhonov_residual, (_n(3), A43, _n(4))),
    Row("fem_compliance", z.fem_compliance, (np.array([1.0, 2.0, 1.5]),
                                             np.array([0.0, 0.5, -0.2, 1.0]))),
    Row("kalman_nll", z.kalman_nll, (-0.7, _n(6))),
    Row("rnn_history_loss", z.rnn_history_loss, (_n(3, 3, scale=0.5), _n(3, 2, scale=0.5),
                                                 _n(4, 2))),
    Row("cholesky_logdet_loop", z.cholesky_logdet_loop, (np.array([0.3, -0.5, 0.8]),)),
    Row("levenberg_step_loss", z.levenberg_step_loss,
        (np.array([1.5, 0.7]), np.linspace(0.0, 2.0, 5), np.array([1.4, 1.0, 0.6, 0.4, 0.35]))),
    Row("normalized_weights_loop", z.normalized_weights_loop, (_n(4),)),
    Row("method_energy", z.method_energy, (_n(3),)),
    Row("converged_fixed_point", z.converged_fixed_point, (0.9,)),
    Row("grad_accumulated_in_place", z.grad_accumulated_in_place,
        (_n(3, scale=0.5), _n(5, 3), _n(5))),
    Row("trapezoid_action", z.trapezoid_action, (np.linspace(0.0, 1.0, 6) + _n(6, scale=0.1),)),
    Row("dict_wrapped_loss", z.dict_wrapped_loss, (_n(2, 3), X42, _n(4))),
    Row("trajectory_loss", z.trajectory_loss, (0.7, 1.3)),
    Row("trajectory_loss_k", z.trajectory_loss, (0.7, 1.3), 1),
    Row("unrolled_sgd", z.unrolled_sgd, (_n(2, 1), X42, _n(4))),
    Row("newton_system", z.newton_system, (np.array([2.0, 3.0]),)),
    Row("heat_in_place", z.heat_in_place, (_n(6), 0.2)),
    Row("heat_in_place_alpha", z.heat_in_place, (_n(6), 0.2), 1),
    Row("gram_schmidt_energy", z.gram_schmidt_energy, (_n(3, 3) + 2.0 * np.eye(3),)),
    Row("sinkhorn_like", z.sinkhorn_like, (_n(2, 3, scale=0.3),)),
    Row("two_helpers_write", z.two_helpers_write, (_n(4),)),
    Row("masked_cubes", z.masked_cubes, (np.array([0.4, -0.9, 1.3, 0.2, -0.3]),)),
    Row("eigen_energy", z.eigen_energy, (np.array([0.3, -0.4]),)),
    Row("logdet_and_trace_inverse", z.logdet_and_trace_inverse, (np.array([0.3, -0.4]),)),
    Row("stop_early", z.stop_early, (np.array([0.5, 0.9, 1.1, 0.3, 0.7]),)),
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


def _checked_gradient(row: Row):
    """The gradient, after checking it against central differences of the function."""
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    got = np.asarray(call_unchanged(gradient, row.args), dtype=np.float64)
    expected = numeric_jacobian(row.fn, row.args, row.wrt).reshape(np.shape(got))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg="gradient")
    return gradient


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_second_derivatives(name):
    row = BY_NAME[name]
    gradient = _checked_gradient(row)
    arg = row.args[row.wrt]
    expected = numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), row.args,
                                row.wrt, step=1e-6).reshape(np.shape(arg) * 2)
    tolerance = {"rtol": 1e-5, "atol": 1e-6 * max(1.0, np.max(np.abs(expected)))}
    for call in range(2):  # (the generic derivative, then the one specialized to the call)
        hess = call_unchanged(tangentish.hessian(row.fn, wrt=row.wrt, progress=False), row.args)
        assert np.shape(hess) == expected.shape, "hessian shape"
        np.testing.assert_allclose(hess, expected, err_msg=f"hessian, call {call}", **tolerance)
        jac = call_unchanged(tangentish.jacobian(gradient, wrt=row.wrt, progress=False),
                             row.args)
        np.testing.assert_allclose(np.reshape(jac, expected.shape), expected,
                                   err_msg=f"jacobian of grad, call {call}", **tolerance)
        v = np.random.default_rng(call).standard_normal(np.shape(arg))
        v = v if np.ndim(arg) else float(v)
        product = call_unchanged(tangentish.hvp(row.fn, wrt=row.wrt), (*row.args, v))
        np.testing.assert_allclose(product, np.tensordot(expected, v, axes=np.ndim(v)),
                                   err_msg=f"hvp, call {call}", **tolerance)
        if not np.ndim(arg):
            second = call_unchanged(tangentish.grad(gradient, wrt=row.wrt), row.args)
            np.testing.assert_allclose(second, expected, err_msg="grad of grad", **tolerance)


def test_fisher_information_of_a_softmax_is_its_closed_form():
    logits = np.array([0.3, -1.2, 0.8, 0.1])
    p = np.exp(logits - np.max(logits))
    p /= np.sum(p)
    for label in range(4):  # (the Hessian of -log p[label] is the same for every label)
        hess = tangentish.hessian(z.softmax_xent, progress=False)(logits, label)
        np.testing.assert_allclose(hess, np.diag(p) - np.outer(p, p), rtol=1e-10, atol=1e-12)


def test_laplacian_of_a_potential_against_second_differences():
    x, charges = np.array([0.2, 0.3, -0.1]), np.array([1.0, -0.5, 0.8])
    hess = tangentish.hessian(z.coulomb_potential, progress=False)(x, charges, SITES)
    laplacian = np.trace(hess)
    h, expected = 1e-4, 0.0
    for axis in range(3):
        e = np.eye(3)[axis] * h
        expected += (z.coulomb_potential(x + e, charges, SITES) - 2.0 *
                     z.coulomb_potential(x, charges, SITES) +
                     z.coulomb_potential(x - e, charges, SITES)) / h ** 2
    np.testing.assert_allclose(laplacian, expected, rtol=1e-5)
