"""``idioms9_zoo``: a ninth batch of programs nobody here wrote, in every mode against central
finite differences, by the machinery of ``test_realworld`` (a row per function, point and wrt:
``grad``/``value_and_grad`` three calls each, ``vjp`` twice, ``jvp``, ``jacobian`` in both modes
and second order)."""

from __future__ import annotations

import idioms9_zoo as z
import numpy as np
import pytest
import test_realworld as rw
from helpers import call_unchanged, numeric_jacobian
from test_realworld import Row

import tangentish

R = np.random.default_rng(909)


def _n(*shape, scale=1.0):
    return R.standard_normal(shape) * scale


def _u(*shape, low=0.2, high=1.0):
    return R.uniform(low, high, shape)


X43 = _n(4, 3)
LABELS4 = np.array([0, 2, 1, 2])
Y4 = (R.uniform(size=4) > 0.5).astype(float)
SIGNS6 = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
X62 = _n(6, 2)
POS = np.array([[0.0, 0.0, 0.0], [1.1, 0.2, -0.1], [0.1, 1.2, 0.3], [0.9, 1.0, 0.8]])
BONDS = [(0, 1), (1, 2), (2, 3), (0, 3)]
PARAMS = {"hidden": {"W": _n(3, 4, scale=0.5), "b": _n(4, scale=0.1)},
          "out": {"W": _n(4, 2, scale=0.5), "b": _n(2, scale=0.1)}}
RETURNS = _n(8, 3, scale=0.05) + 0.01
T6 = np.linspace(-1.0, 1.0, 6)

ROWS = [
    Row("softmax_xent", z.softmax_xent, (_n(3, 3, scale=0.5), _n(3), X43, LABELS4), (0, 1),
        second=False),
    Row("softmax_xent_W", z.softmax_xent, (_n(3, 3, scale=0.5), _n(3), X43, LABELS4), 0),
    Row("mlp_minibatches", z.mlp_minibatches, (_n(3, 4), _n(4, 1), X43, _n(4)), (0, 1),
        second=False),
    Row("mlp_minibatches_W2", z.mlp_minibatches, (_n(3, 4), _n(4, 1), X43, _n(4)), 1),
    Row("train_logreg", z.train_logreg, (_n(3, scale=0.3), X43, Y4), 0),
    Row("train_logreg_lr", z.train_logreg, (_n(3, scale=0.3), X43, Y4, 0.5), (0, 3),
        second=False),
    Row("svm_hinge", z.svm_hinge, (_n(2), X62, SIGNS6)),
    Row("triplet", z.triplet_loss, (_n(4, 3), _n(4, 3), _n(4, 3)), (0, 1, 2), second=False),
    Row("triplet_anchor", z.triplet_loss, (_n(4, 3), _n(4, 3), _n(4, 3))),
    Row("info_nce", z.info_nce, (_n(3, 4), _n(3, 4)), (0, 1), second=False),
    Row("info_nce_Z1", z.info_nce, (_n(3, 4), _n(3, 4))),
    Row("batchnorm_train", z.batchnorm_train, (_n(5, 3), _u(3), _n(3), _n(2, 3)), (0, 1, 2),
        second=False),
    Row("gmm_responsibilities", z.gmm_responsibilities,
        (np.array([-1.0, 0.2, 1.5]), _n(7), 0.1), (0, 2), second=False),
    Row("gmm_means", z.gmm_responsibilities, (np.array([-1.0, 0.2, 1.5]), _n(7))),
    Row("policy_baseline", z.policy_with_baseline,
        (_n(3, 2), _n(5, 3), np.array([0, 1, 1, 0, 1]), _n(5))),
    Row("nbody", z.nbody_potential, (POS, np.array([1.0, 2.0, 0.5, 1.5])), (0, 1),
        second=False),
    Row("nbody_pos", z.nbody_potential, (POS, np.array([1.0, 2.0, 0.5, 1.5]))),
    Row("spring_chain", z.spring_chain_verlet, (np.array([0.0, 1.1, 2.3, 2.9]), 1.5), (0, 1),
        second=False),
    Row("spring_chain_k", z.spring_chain_verlet, (np.array([0.0, 1.1, 2.3, 2.9]), 1.5), 1),
    Row("spring_chain_x0", z.spring_chain_verlet, (np.array([0.0, 1.1, 2.3, 2.9]), 1.5), 0),
    Row("heat_stencil", z.heat_stencil, (_n(6), 0.2), (0, 1), second=False),
    Row("projectile_drag", z.projectile_drag, (12.0, 0.7), (0, 1), second=False),
    Row("projectile_angle", z.projectile_drag, (12.0, 0.7), 1),
    Row("lennard_jones", z.lennard_jones_cutoff, (POS * 1.1,)),
    Row("morse_bonds", z.morse_bonds, (POS, BONDS)),
    Row("two_link_arm", z.two_link_arm, (np.array([0.4, 0.9]), np.array([0.8, 1.1])), (0, 1),
        second=False),
    Row("two_link_angles", z.two_link_arm, (np.array([0.4, 0.9]), np.array([0.8, 1.1]))),
    Row("mvn_loglik", z.mvn_loglik, (_n(2), _n(4, scale=0.3), _n(5, 2)), (0, 1), second=False),
    Row("mvn_loglik_L", z.mvn_loglik, (_n(2), _n(4, scale=0.3), _n(5, 2)), 1),
    Row("student_t", z.student_t_nll, (np.array([0.1, -0.3, 0.5]), _n(6))),
    Row("weighted_lstsq", z.weighted_lstsq, (1.1, X43, _n(4), _u(4)), (0, 3), second=False),
    Row("weighted_lstsq_w", z.weighted_lstsq, (1.1, X43, _n(4), _u(4)), 3),
    Row("kde_loo", z.kde_leave_one_out, (-0.5, _n(6)), (0, 1), second=False),
    Row("kde_loo_bw", z.kde_leave_one_out, (-0.5, _n(6))),
    Row("bayes_evidence", z.bayes_evidence, (0.2, 0.5, _n(6, 3), _n(6)), (0, 1, 2),
        second=False),
    Row("bayes_evidence_alpha", z.bayes_evidence, (0.2, 0.5, _n(6, 3), _n(6))),
    Row("penalized", z.penalized, (np.array([0.6, 0.7, 0.2]),)),
    Row("newton_cubic_root", z.newton_cubic_root, (2.0, 3.0), (0, 1), second=False),
    Row("newton_cubic_root_a", z.newton_cubic_root, (2.0, 3.0)),
    Row("objective_star", z.objective_star, (_n(3), X43, _n(4), 0.3)),
    Row("dict_params_by_keyword", z.dict_params_by_keyword, (PARAMS, X43), 1, second=False),
    Row("dict_params_named_act", z.dict_params_named_act, (PARAMS, X43), 1, second=False),
    Row("dict_params_default_act", z.dict_params_default_act, (PARAMS, X43), 0),
    Row("clipped_step_clipped", z.clipped_gradient_step, (_n(3) * 3.0, X43, _n(4))),
    Row("clipped_step_free", z.clipped_gradient_step, (np.zeros(3), X43 * 0.1, _n(4) * 0.1)),
    Row("fir_filter", z.fir_filter_loss, (_n(3), _n(8), _n(8)), (0, 1), second=False),
    Row("fir_filter_h", z.fir_filter_loss, (_n(3), _n(8), _n(8))),
    Row("moving_average", z.moving_average_cumsum, (_n(7),)),
    Row("dft_power", z.dft_power, (_n(8),)),
    Row("exponential_smoothing", z.exponential_smoothing, (_n(6), 0.3), (0, 1), second=False),
    Row("exponential_smoothing_alpha", z.exponential_smoothing, (_n(6), 0.3), 1),
    Row("vander_fit", z.vander_fit, (_n(4), T6, _n(6)), (0, 1), second=False),
    Row("vander_fit_c", z.vander_fit, (_n(4), T6, _n(6))),
    Row("quickstart_reshapes", z.quickstart_reshapes, (_n(12),)),
    Row("portfolio", z.portfolio, (_u(3), RETURNS)),
    Row("logistic_harvest", z.logistic_harvest, (0.8, 2.0, 0.1), (0, 1, 2), second=False),
    Row("logistic_harvest_r", z.logistic_harvest, (0.8, 2.0, 0.1)),
    Row("sorted_by_key", z.sorted_by_key_losses, (np.array([0.3, -0.2, 0.9]),)),
    Row("zip_star_rows", z.zip_star_rows, (_n(3, 3), _n(3)), (0, 1), second=False),
    Row("zip_star_rows_x", z.zip_star_rows, (_n(3, 3), _n(3)), 1),
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"
CONTAINERS = {"dict_params_default_act"}  # (a dict under wrt: compared leaf by leaf)
RUN = [row for row in ROWS if row.name not in CONTAINERS]
SCALAR = [row.name for row in RUN if rw._scalar(row)]
# (every row's second order is computed: spring_chain's helper writes f[:-1] += ..., f[1:] -= ...
# into an array it made, which the gradient no longer restores in place, as nothing after reads
# it; the refusals second order keeps are tested in test_second_order_helper_writes.py)
SECOND = [row.name for row in RUN if row.second and rw._scalar(row)
          and not isinstance(row.wrt, tuple)]


@pytest.mark.parametrize("name", SCALAR)
def test_grad_and_value_and_grad(name):
    row = BY_NAME[name]
    refs = rw._references(row)
    for call in range(3):
        gradient = call_unchanged(tangentish.grad(row.fn, wrt=row.wrt), row.args)
        value, again = call_unchanged(tangentish.value_and_grad(row.fn, wrt=row.wrt), row.args)
        rw._assert_value(value, row)
        for p, ref, got, other in zip(rw._positions(row.wrt), refs, rw._as_list(gradient, row.wrt),
                                      rw._as_list(again, row.wrt), strict=True):
            for label, result in (("grad", got), ("value_and_grad", other)):
                label = f"{label} wrt {p}, call {call}"
                rw._assert_like_input(result, row.args[p], label)
                np.testing.assert_allclose(result, ref, err_msg=label, **rw._tolerance(row))


@pytest.mark.parametrize("name", [row.name for row in RUN])
def test_vjp_pullback_twice(name):
    row = BY_NAME[name]
    refs = rw._references(row)
    value, pullback = call_unchanged(tangentish.vjp(row.fn, wrt=row.wrt), row.args)
    rw._assert_value(value, row)
    for seed in (1, 2):
        v = rw._cotangent(row, seed)
        pulled = rw._as_list(pullback(v), row.wrt)
        for p, ref, got in zip(rw._positions(row.wrt), refs, pulled, strict=True):
            rw._assert_like_input(got, row.args[p], f"pullback {seed} wrt {p}")
            np.testing.assert_allclose(got, rw._pulled(v, ref), err_msg=f"pullback {seed}",
                                       **rw._tolerance(row))


@pytest.mark.parametrize("name", [row.name for row in RUN])
def test_jvp(name):
    row = BY_NAME[name]
    refs = rw._references(row)
    derivative = tangentish.jvp(row.fn, wrt=row.wrt)
    rng = np.random.default_rng(7)
    directions = [rng.standard_normal(np.shape(row.args[p])) for p in rw._positions(row.wrt)]
    directions = [d if np.ndim(d) else float(d) for d in directions]
    tangents = {derivative.record.tangents[n]: d
                for n, d in zip(derivative.wrt, directions, strict=True)}
    value, tangent = call_unchanged(lambda *a: derivative(*a, **tangents), row.args)
    rw._assert_value(value, row)
    expected = sum(np.tensordot(ref, np.asarray(d, dtype=np.float64), axes=np.ndim(d))
                   for ref, d in zip(refs, directions, strict=True))
    assert np.shape(tangent) == np.shape(value), "tangent shape"
    np.testing.assert_allclose(tangent, expected, **rw._tolerance(row))


@pytest.mark.parametrize("name", [row.name for row in RUN if row.dense])
@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_jacobian(name, mode):
    row = BY_NAME[name]
    refs = rw._references(row)
    jac = call_unchanged(tangentish.jacobian(row.fn, wrt=row.wrt, mode=mode, progress=False),
                          row.args)
    for p, ref, got in zip(rw._positions(row.wrt), refs, rw._as_list(jac, row.wrt), strict=True):
        assert np.shape(got) == ref.shape, f"jacobian wrt {p}: shape {np.shape(got)}"
        np.testing.assert_allclose(got, ref, err_msg=f"jacobian wrt {p}", **rw._tolerance(row))


@pytest.mark.parametrize("name", SECOND)
def test_hvp_and_hessian(name):
    row = BY_NAME[name]
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    ref = numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), row.args,
                           row.wrt, step=1e-6)
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


@pytest.mark.parametrize("name", sorted(CONTAINERS))
@pytest.mark.parametrize("order", [1, 2])
def test_containers_under_wrt(name, order):
    row = BY_NAME[name]
    tangentish.check_grads(row.fn, row.args, wrt=row.wrt, order=order, seed=5, warn=False)
