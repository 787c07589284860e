"""Programs written the way people write NumPy (``realistic_models_zoo``, ``realistic_numerics_zoo``)
in every mode against finite differences.

A row per (function, point, wrt).  ``check_grads`` (error-estimated central differences of the
original function, reverse and forward mode, containers leaf by leaf) checks ``grad`` and ``jvp``,
and at second order ``hvp``; the ``vjp`` pullback, called twice, is compared with the Jacobian by
central differences; ``hessian`` with differences of the verified gradient.  Every result has its
argument's structure, shape and dtype, the value is the function's own, repeated calls (the
generic derivative, then the one specialized to the arguments) give the same numbers, and the
caller's arguments come back unchanged."""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

import numpy as np
import pytest
import realistic_models_zoo as m
import realistic_numerics_zoo as q
from helpers import numeric_jacobian, specialize

import tangentish


class Row(NamedTuple):
    name: str
    fn: Any
    args: tuple
    wrt: Any = 0


R = np.random.default_rng(700)


def _n(*shape, scale=1.0):
    """Standard normal draws of ``shape`` (times ``scale``); positive ones are ``_u``'s."""
    return R.standard_normal(shape) * scale


def _u(*shape):
    return R.uniform(0.2, 1.0, shape)


X63 = _n(6, 3)
PM6 = np.where(_n(6) > 0, 1.0, -1.0)
SPD = _n(4, 4)
SPD = SPD @ SPD.T + 4.0 * np.eye(4)
DOMINANT = _n(4, 4, scale=0.3) + 3.0 * np.eye(4)
LOWER = np.tril(_n(4, 4, scale=0.3)) + 2.0 * np.eye(4)
F32 = np.float32

ROWS = [
    Row("logistic_l2", m.logistic_l2, (_n(3), X63, PM6)),
    Row("softmax_xent", m.softmax_xent, (_n(3, 4), _n(4), X63, np.array([0, 1, 2, 3, 1, 0])),
        (0, 1)),
    Row("softmax_xent_onehot", m.softmax_xent_onehot, (_n(5, 3), np.eye(3)[[0, 1, 2, 1, 0]])),
    Row("huber", m.huber, (np.array([0.1, -0.9, 2.0, -0.3]),)),
    Row("hinge_squared", m.hinge_squared, (_n(3), X63, PM6)),
    Row("binary_xent_clipped", m.binary_xent_clipped, (_n(5), np.array([1.0, 0, 0, 1, 1]))),
    Row("mlp_dict", m.mlp_dict,
        ({"W1": _n(3, 4), "b1": _n(4), "W2": _n(4, 1), "b2": _n(1)}, X63, _n(6))),
    Row("mlp_layers", m.mlp_layers, ([(_n(3, 4), _n(4)), (_n(4, 2), _n(2))], X63)),
    Row("mlp_weights_list", m.mlp_weights_list, ([_n(4, 3), _n(4, 4), _n(2, 4)], _n(3))),
    Row("attention_einsum", m.attention_einsum, (_n(4, 3), _n(5, 3), _n(5, 2)), (0, 1, 2)),
    Row("attention_causal", m.attention_causal, (_n(4, 3), _n(3, 3), _n(3, 3)), (0, 1, 2)),
    Row("layer_norm_affine", m.layer_norm_affine, (_n(2, 5), _u(5), _n(5)), (0, 1, 2)),
    Row("conv2d_valid", m.conv2d_valid, (_n(4, 5), _n(2, 2)), (0, 1)),
    Row("gru_cell", m.gru_cell_loss, (_n(3), _n(2), _n(3, 5), _n(3, 5), _n(3, 5)), (0, 2, 4)),
    Row("gmm_loglik", m.gmm_loglik,
        (_n(6), np.array([-1.0, 0.0, 1.5]), _n(3, scale=0.3), _n(3)), (0, 1, 2, 3)),
    Row("gp_neg_log_marginal", m.gp_neg_log_marginal, (np.array([0.1, 0.2, -1.0]), _n(5, 2),
                                                       _n(5))),
    Row("gp_nlml_slogdet", m.gp_nlml_slogdet, (0.3, _n(5), _n(5)), (0, 1)),
    Row("poisson_glm", m.poisson_glm,
        (_n(3, scale=0.3), X63, R.poisson(2.0, 6).astype(float), _n(6, scale=0.1)), (0, 1, 3)),
    Row("mvn_logpdf", m.mvn_logpdf, (_n(3), _n(3), _n(3, 3)), (0, 1, 2)),
    Row("kalman_loglik_q", m.kalman_loglik, (0.3, _n(6))),
    Row("kalman_loglik_ys", m.kalman_loglik, (0.3, _n(6)), 1),
    Row("kalman_matrix", m.kalman_matrix,
        (np.array([[0.9, 0.1], [0.0, 0.8]]), _n(5, 1), np.array([[1.0, 0.5]]), 0.1 * np.eye(2),
         np.array([[0.3]])), (0, 1, 3, 4)),
    Row("euler_trajectory", m.euler_trajectory, (1.2, 0.7), (0, 1)),
    Row("euler_trajectory_vec", m.euler_trajectory, (_n(3), 0.7), (0, 1)),
    Row("rk4_pendulum", m.rk4_pendulum, (np.array([0.5, 0.0]), np.array([9.81, 0.2])), (0, 1)),
    Row("spring_mass_while", m.spring_mass_while, (2.0,)),
    Row("spring_mass_while_start", m.spring_mass_while, (2.0, 0.8, 0.3), (0, 1, 2)),
    Row("projectile", m.projectile_until_ground, (5.0, 0.7), (0, 1)),
    Row("chain_of_springs", m.chain_of_springs, (np.array([1.1, 2.2, 2.9]),)),
    Row("rosenbrock", m.rosenbrock, (_n(4),)),
    Row("himmelblau", m.himmelblau, (_n(2),)),
    Row("polyval_fit", m.polyval_fit, (_n(4), np.linspace(-1, 1, 7), _n(7)), (0, 1)),
    Row("laplacian_energy", m.laplacian_energy, (_n(4, 5),)),
    Row("survival", m.survival_loglik, (_n(6), 3)),
    Row("cumsum_path", m.cumsum_path, (_n(6),)),
    Row("inplace_scan", m.inplace_scan, (_n(5), 0.3), (0, 1)),
    Row("masked_mean", m.masked_mean, (np.array([0.5, -0.3, 1.2, -0.8]),)),
    Row("safe_log_positive", m.safe_log_early, (_u(4),)),
    Row("safe_log_mixed", m.safe_log_early, (_n(4),)),
    Row("generator_sum", m.generator_sum, (_n(4), _n(4)), (0, 1)),
    Row("pairs_python_loop", m.accumulate_python_loop, (_n(4),)),
    Row("newton_cubic_root", m.newton_cubic_root, (2.5,)),
    Row("float32_model", m.float32_model, (_n(3).astype(F32), X63.astype(F32)), (0, 1)),
    Row("bilinear_einsum", m.bilinear_einsum, (_n(3, 3), _n(3), _n(3)), (0, 1, 2)),
    Row("normalize_rows", m.normalize_rows_keepdims, (_n(3, 4),)),
    Row("method", m.LinearModel(1.5).loss, (_n(3), X63, _n(6)), (0, 1)),
    # numerics by hand, bigger models
    Row("forward_substitution", q.forward_substitution, (LOWER, _n(4)), (0, 1)),
    Row("cholesky_by_hand", q.cholesky_by_hand, (SPD,)),
    Row("gauss_seidel", q.gauss_seidel, (DOMINANT, _n(4)), (0, 1)),
    Row("thomas", q.thomas, (_n(4, scale=0.3), 3.0 + _u(4), _n(4, scale=0.3), _n(4)),
        (0, 1, 2, 3)),
    Row("power_iteration", q.power_iteration, (SPD,)),
    Row("gram_schmidt", q.gram_schmidt, (_n(3, 3),)),
    Row("lu_by_hand", q.lu_by_hand, (DOMINANT,)),
    Row("rk4_tableau", q.rk4_tableau, (_n(2), 0.7), (0, 1)),
    Row("secant_root", q.secant_root, (2.0,)),
    Row("fibonacci_like", q.fibonacci_like, (0.7,)),
    Row("swap_in_place", q.swap_in_place, (np.array([0.3, -0.5, 1.2, 0.1]),)),
    Row("soft_dtw", q.soft_dtw, (_n(3), _n(4)), (0, 1)),
    Row("hmm_forward", q.hmm_forward,
        (np.log(R.dirichlet(np.ones(3), 3)), np.log(R.dirichlet(np.ones(4), 3)),
         np.log(np.ones(3) / 3), np.array([0, 3, 1, 2, 2])), (0, 1, 2)),
    Row("sinkhorn", q.sinkhorn_cost, (_n(3), _u(3, 4)), (0, 1)),
    Row("transformer_block", q.transformer_block,
        (_n(3, 4), _n(4, 12, scale=0.4), _n(4, 4, scale=0.4), _n(4, 6, scale=0.4),
         _n(6, 4, scale=0.4)), (0, 1, 2, 3, 4)),
    Row("meta_learning", q.meta_learning, (0.1, _n(3), X63, _n(6))),
    Row("trajectory_rows", q.trajectory_rows, (_n(2), 1.3), (0, 1)),
    Row("unpack_theta", q.unpack_theta, (_n(10), X63, _n(6))),
    Row("rotation_matrix", q.rotation_matrix_loss, (0.4, _n(5, 2)), (0, 1)),
]
BY_NAME = {row.name: row for row in ROWS}
assert len(BY_NAME) == len(ROWS), "row names are unique"


def _positions(wrt):
    return list(wrt) if isinstance(wrt, tuple) else [wrt]


def _as_list(result, wrt):
    return list(result) if isinstance(wrt, tuple) else [result]


def _output(row):
    return row.fn(*copy.deepcopy(row.args))


def _scalar(row):
    return np.ndim(_output(row)) == 0


def _container(value):
    return isinstance(value, (dict, list, tuple))


def _leaves(value):
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _plain(row):
    return not any(_container(row.args[p]) for p in _positions(row.wrt))


def _called(fn, row):
    """``fn(*row.args)``, asserting that every argument (and every leaf of a container) is left
    as it was."""
    before = copy.deepcopy(row.args)
    result = fn(*row.args)
    for old, now in zip(before, row.args, strict=True):
        for a, b in zip(_leaves(old), _leaves(now), strict=True):
            np.testing.assert_array_equal(b, a)
    return result


def _assert_like(got, arg, label):
    """A derivative has its argument's structure, and each leaf its leaf's shape and dtype (a
    Python float's derivative is a float or a 0-d float64)."""
    assert type(got) is type(arg) or not _container(arg), f"{label}: {type(got)}"
    for leaf, want in zip(_leaves(got), _leaves(arg), strict=True):
        assert np.shape(leaf) == np.shape(want), f"{label}: shape {np.shape(leaf)}"
        dtype = want.dtype if isinstance(want, np.ndarray) else np.dtype(np.float64)
        assert np.asarray(leaf).dtype == dtype, f"{label}: dtype {np.asarray(leaf).dtype}"


def _assert_value(value, row):
    expected = _output(row)
    assert np.shape(value) == np.shape(expected), "value shape"
    assert np.asarray(value).dtype == np.asarray(expected).dtype, "value dtype"
    np.testing.assert_allclose(value, expected, rtol=1e-12, atol=0)


NAMES = [row.name for row in ROWS]
SCALAR = [row.name for row in ROWS if _scalar(row)]
SECOND = [row.name for row in ROWS if _scalar(row) and not isinstance(row.wrt, tuple)
          and _plain(row)]


@pytest.mark.parametrize("name", NAMES)
def test_grad_and_jvp_against_finite_differences(name):
    row = BY_NAME[name]
    report = tangentish.check_grads(row.fn, row.args, wrt=row.wrt, seed=7, warn=False,
                                    raise_on_failure=False)
    assert report.ok, str(report)


@pytest.mark.parametrize("name", SCALAR)
def test_gradients_keep_structure_shape_dtype_and_repeat_exactly(name):
    """Three calls each: the first runs the generic derivative, later ones the one specialized to
    the arguments."""
    row = BY_NAME[name]
    results = []
    for call in range(3):
        gradient = _called(tangentish.grad(row.fn, wrt=row.wrt), row)
        value, again = _called(tangentish.value_and_grad(row.fn, wrt=row.wrt), row)
        for transform in (tangentish.grad, tangentish.value_and_grad):  # (what later calls run)
            specialize(transform(row.fn, wrt=row.wrt), row.args)
        _assert_value(value, row)
        for p, got, other in zip(_positions(row.wrt), _as_list(gradient, row.wrt),
                                 _as_list(again, row.wrt), strict=True):
            _assert_like(got, row.args[p], f"grad wrt {p}, call {call}")
            for a, b in zip(_leaves(got), _leaves(other), strict=True):
                np.testing.assert_array_equal(a, b, err_msg=f"value_and_grad wrt {p}")
        results.append([np.asarray(leaf) for leaf in _leaves(gradient)])
    for later in results[1:]:
        for a, b in zip(results[0], later, strict=True):
            np.testing.assert_array_equal(b, a, err_msg="a repeated call")


def _cotangent(row, seed):
    out = _output(row)
    v = np.random.default_rng(seed).standard_normal(np.shape(out))
    return v.astype(np.asarray(out).dtype) if np.ndim(out) else float(v)


def _tolerance(row):
    single = any(isinstance(a, np.ndarray) and a.dtype == F32 for a in row.args)
    return {"rtol": 3e-3, "atol": 3e-4} if single else {"rtol": 2e-5, "atol": 1e-7}


def _reference_pullback(row, p, v):
    """``v`` contracted with the Jacobian by central differences (float64 throughout), or for a
    container argument the verified ``grad`` seeded with ``v``."""
    arg = row.args[p]
    if _container(arg):
        return tangentish.grad(row.fn, wrt=p)(*copy.deepcopy(row.args), out_bar=v)
    wide = tuple(a.astype(np.float64) if isinstance(a, np.ndarray) and a.dtype == F32 else a
                 for a in row.args)
    jac = numeric_jacobian(lambda *a: row.fn(*copy.deepcopy(a)), wide, p)
    v = np.asarray(v, dtype=np.float64)
    return np.tensordot(v, jac, axes=v.ndim)


@pytest.mark.parametrize("name", NAMES)
def test_vjp_pullback_twice(name):
    row = BY_NAME[name]
    value, pullback = _called(tangentish.vjp(row.fn, wrt=row.wrt), row)
    _assert_value(value, row)
    for seed in (1, 2, 1):
        v = _cotangent(row, seed)
        for p, got in zip(_positions(row.wrt), _as_list(pullback(v), row.wrt), strict=True):
            _assert_like(got, row.args[p], f"pullback {seed} wrt {p}")
            want = _reference_pullback(row, p, v)
            for a, b in zip(_leaves(got), _leaves(want), strict=True):
                np.testing.assert_allclose(a, b, err_msg=f"pullback {seed} wrt {p}",
                                           **_tolerance(row))


@pytest.mark.parametrize("name", SECOND)
def test_hvp_and_hessian(name):
    row = BY_NAME[name]
    report = tangentish.check_grads(row.fn, row.args, wrt=row.wrt, order=2, seed=8, warn=False,
                                    raise_on_failure=False)
    assert report.ok, str(report)
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    ref = numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), row.args,
                           row.wrt)
    hess = _called(tangentish.hessian(row.fn, wrt=row.wrt, progress=False), row)
    assert np.shape(hess) == ref.shape, "hessian shape"
    np.testing.assert_allclose(hess, ref, rtol=1e-4, atol=1e-6, err_msg="hessian")


def test_a_helper_taking_star_args_is_differentiated_not_zero(tmp_path):
    """A model summing its penalties through a ``*args`` helper: inlined, its ``*weights`` the
    tuple of the arrays the call passes (a derivative of its own could not see them: it gave
    zero, then was refused); every mode against finite differences."""
    path = tmp_path / "penalties.py"
    path.write_text("import numpy as np\n\n\ndef l2(*weights):\n"
                    "    return sum(np.sum(w ** 2) for w in weights)\n\n\n"
                    "def loss(W, b):\n    return l2(W, b) + np.sum(W) * b[0]\n")
    namespace = {"__name__": "penalties", "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102 (our own text)
    loss, args = namespace["loss"], (_n(2, 2), _n(2))
    refs = [numeric_jacobian(loss, args, p) for p in (0, 1)]
    for got, want in zip(tangentish.grad(loss, wrt=(0, 1))(*args), refs, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8, err_msg="grad")
    for got, want in zip(tangentish.vjp(loss, wrt=(0, 1))(*args)[1](1.0), refs, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8, err_msg="vjp")
    _, tangent = tangentish.jvp(loss)(*args, W_dot=np.ones((2, 2)))
    np.testing.assert_allclose(tangent, np.sum(refs[0]), rtol=1e-6, atol=1e-8, err_msg="jvp")
