"""Tests of tangentish.checking.check_grads with hand-written derivatives (no AD needed)."""

from __future__ import annotations

import numpy as np
import pytest

from tangentish.checking import (
    CheckReport,
    GradientCheckError,
    NonDifferentiablePoint,
    check_grads,
)
from tangentish.errors import ArgumentError, ArgumentValueError

pytestmark = pytest.mark.filterwarnings("error")  # no stray warnings unless expected


def seeded(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# -- functions with their hand-written gradients ------------------------------------------

def tanh_sq(x):
    return np.sum(np.tanh(x) ** 2)


def tanh_sq_grad(x):
    t = np.tanh(x)
    return 2 * t * (1 - t**2)


def quad(x, A):
    return x @ A @ x


def quad_grad(x, A):
    return (A + A.T) @ x


def quad_grads(x, A):
    return (A + A.T) @ x, np.outer(x, x)


def logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def logsumexp_grad(x):
    return np.exp(x - logsumexp(x))


def layer(x, W):
    return np.tanh(W @ x)


def layer_vjp(x, W, v):
    s = v * (1 - np.tanh(W @ x) ** 2)
    return W.T @ s, np.outer(s, x)


def layer_jvp(x, W, tangents):
    dx, dW = tangents
    return (1 - np.tanh(W @ x) ** 2) * (W @ dx + dW @ x)


A5 = seeded(1).standard_normal((5, 5))


def quad_a(x):
    return quad(x, A5)


def quad_a_grad(x):
    return quad_grad(x, A5)


SMOOTH = [
    (tanh_sq, tanh_sq_grad),
    (quad_a, quad_a_grad),
    (logsumexp, logsumexp_grad),
]


# -- correct derivatives pass -------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("f", "g"), SMOOTH, ids=lambda v: getattr(v, "__name__", ""))
def test_correct_gradients_pass(f, g, dtype):
    x = seeded(2).standard_normal(5).astype(dtype)
    report = check_grads(f, (x,), grad=g)
    assert report.ok and not report.failures and not report.kinks
    assert all(r.status == "ok" for r in report.records)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_correct_float32_and_float64_on_larger_problems(dtype):
    r = seeded(3)
    n = 300
    x, A = r.standard_normal(n).astype(dtype), r.standard_normal((n, n)).astype(dtype)
    assert check_grads(quad, (x, A), wrt=(0, 1), grad=quad_grads, projections=4).ok
    y = (10 * r.standard_normal(n)).astype(dtype)  # badly conditioned in float32
    assert check_grads(logsumexp, (y,), grad=logsumexp_grad, projections=4).ok


def poly_log(x):
    return np.sum(x**2 * np.log(x**2)) + np.log(np.sum(x**2))


def poly_log_grad(x):
    return 2 * x * np.log(x**2) + 2 * x + 2 * x / np.sum(x**2)


@pytest.mark.parametrize("scale", [1e6, 1e-6])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_large_and_small_scales(scale, dtype):
    x = (seeded(4).uniform(0.5, 2.0, 20) * scale).astype(dtype)
    report = check_grads(poly_log, (x,), grad=poly_log_grad)
    assert report.ok
    wrong = lambda x: 1.01 * poly_log_grad(x)  # noqa: E731
    with pytest.raises(GradientCheckError):
        check_grads(poly_log, (x,), grad=wrong)


def test_domain_boundary_within_one_step():
    x = np.array([1e-7, 2e-7, 0.5])  # the default step would leave log's domain
    report = check_grads(lambda x: np.sum(np.log(x)), (x,), grad=lambda x: 1 / x)
    assert report.ok


def test_array_output_with_vjp_jvp_and_dot_test():
    r = seeded(5)
    x, W = r.standard_normal(4), r.standard_normal((3, 4))
    report = check_grads(layer, (x, W), wrt=(0, 1), vjp=layer_vjp, jvp=layer_jvp)
    assert report.ok
    kinds = {rec.kind for rec in report.records}
    assert kinds == {"rev", "fwd", "dot"}
    dots = [rec for rec in report.records if rec.kind == "dot"]
    assert len(dots) == 4 and all(d.status == "ok" for d in dots)
    assert all(d.abs_err <= 1e-13 * max(1.0, abs(d.fd)) for d in dots)  # a few ulps


def test_array_output_vjp_only_and_jvp_only():
    r = seeded(6)
    x, W = r.standard_normal(4), r.standard_normal((3, 4))
    assert check_grads(layer, (x, W), wrt=(0, 1), vjp=layer_vjp).ok
    assert check_grads(layer, (x, W), wrt=(0, 1), jvp=layer_jvp, modes=("fwd",)).ok


def test_python_floats_and_wrt_by_name():
    def f(a, b, c):
        return a * np.sin(b) + c

    def g(a, b, c):
        return np.sin(b), a * np.cos(b)

    report = check_grads(f, (1.5, 0.3, 2.0), wrt=("a", "b"), grad=g)
    assert report.ok
    assert {rec.argname for rec in report.records} == {"a", "b"}


# -- planted bugs are caught --------------------------------------------------------------

def test_wrong_sign():
    x = seeded(7).standard_normal(6)
    with pytest.raises(GradientCheckError) as info:
        check_grads(tanh_sq, (x,), grad=lambda x: -tanh_sq_grad(x))
    assert isinstance(info.value, AssertionError)
    assert "finite differences" in str(info.value) and "AD" in str(info.value)


def test_wrong_factor():
    def f(x):
        return np.sum(x**2)

    x = seeded(8).standard_normal(10)
    with pytest.raises(GradientCheckError) as info:
        check_grads(f, (x,), grad=lambda x: 3 * x)
    (failure, *_) = info.value.report.failures
    assert failure.record.rel_err == pytest.approx(0.5, rel=1e-6)
    assert failure.element.ad == pytest.approx(1.5 * failure.element.fd)


def bsum(x, y):
    return np.sum(np.sin(x + y))  # (3, 1) + (1, 4) broadcasts to (3, 4)


def bsum_grad_unreduced(x, y):
    c = np.cos(x + y)
    return c.sum(axis=1, keepdims=True), c  # y's gradient is not reduced


def bsum_grad_misreduced(x, y):
    c = np.cos(x + y)
    return c.sum(axis=1, keepdims=True), c.mean(axis=0, keepdims=True)  # mean, not sum


def bsum_grad(x, y):
    c = np.cos(x + y)
    return c.sum(axis=1, keepdims=True), c.sum(axis=0, keepdims=True)


def test_broadcasting_reduction():
    r = seeded(9)
    x, y = r.standard_normal((3, 1)), r.standard_normal((1, 4))
    assert check_grads(bsum, (x, y), wrt=(0, 1), grad=bsum_grad).ok
    with pytest.raises(GradientCheckError, match="missing reduction over broadcast"):
        check_grads(bsum, (x, y), wrt=(0, 1), grad=bsum_grad_unreduced)
    with pytest.raises(GradientCheckError) as info:
        check_grads(bsum, (x, y), wrt=(0, 1), grad=bsum_grad_misreduced)
    assert {f.record.argnum for f in info.value.report.failures} == {1}


def test_single_wrong_element_is_named():
    x = seeded(10).standard_normal(200)

    def bad(x):
        g = tanh_sq_grad(x)
        g[137] += 0.05
        return g

    with pytest.raises(GradientCheckError) as info:
        check_grads(tanh_sq, (x,), grad=bad)
    first = info.value.report.failures[0]
    assert first.element.index == (137,)
    assert first.element.ad - first.element.fd == pytest.approx(0.05, rel=1e-5)
    assert "index (137,)" in str(info.value)


def test_single_wrong_element_in_small_matrix_argument():
    x, A = seeded(11).standard_normal(4), A5[:4, :4].copy()

    def bad(x, A):
        gx, gA = quad_grads(x, A)
        gA[2, 1] *= -1.0
        return gx, gA

    with pytest.raises(GradientCheckError) as info:
        check_grads(quad, (x, A), wrt=(0, 1), grad=bad)
    failures = info.value.report.failures
    assert {f.record.argname for f in failures} == {"A"}
    assert failures[0].element.index == (2, 1)


def test_wrong_second_argument_is_named():
    def f(x, y):
        return np.sum(x * np.exp(y))

    def g(x, y):
        return np.exp(y), 2 * x * np.exp(y)  # wrong factor on y

    r = seeded(12)
    with pytest.raises(GradientCheckError) as info:
        check_grads(f, (r.standard_normal(3), r.standard_normal(3)), wrt=(0, 1), grad=g)
    assert {f.record.argnum for f in info.value.report.failures} == {1}
    assert "argument 1 ('y')" in str(info.value)
    assert "argument 0 (" not in str(info.value)


def test_wrong_jvp_is_caught_by_fd_and_dot_test():
    r = seeded(13)
    x, W = r.standard_normal(4), r.standard_normal((3, 4))

    def bad_jvp(x, W, tangents):
        dx, dW = tangents
        return (1 - np.tanh(W @ x) ** 2) * (W @ dx + 0.5 * dW @ x)

    report = check_grads(layer, (x, W), wrt=(0, 1), vjp=layer_vjp, jvp=bad_jvp,
                         raise_on_failure=False)
    failed = {(f.record.kind, f.record.argname) for f in report.failures}
    assert failed == {("fwd", "W"), ("dot", "W")}


_FLOAT32_WEIGHTS = np.arange(1.0, 5.0)


def _through_float32(x):
    return np.sum(np.tanh(x.astype(np.float32)).astype(np.float64) * _FLOAT32_WEIGHTS * x)


def test_a_function_rounding_to_float32_inside_passes_the_dot_test():
    """Its derivatives round where it does, in both modes: the dot test allows the rounding it
    measures (forward mode along 3u against u) rather than float64's."""
    report = check_grads(_through_float32, (seeded(21).standard_normal(4),),
                         raise_on_failure=False)
    assert report.ok, report


def _clipped(g):
    norm = np.sqrt(np.sum(g[:3] ** 2) + np.sum(g[3:] ** 2))
    return np.sum((g * min(1.0, 1.5 / norm)) ** 2)  # (2.25 wherever the clip is active)


def _level(x):
    return np.sum(x * x) / np.sum(x * x) * 3.0 + np.sum(x) * 0.0


@pytest.mark.parametrize("f", [_clipped, _level], ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", [7, 8, 9])
def test_a_locally_constant_function_passes_the_dot_test(f, seed):
    """Its derivatives cancel to rounding of the output's size (about 1e-16 here), not of the
    derivative's (zero): no false failure blaming a rule."""
    x = seeded(23).uniform(-1.5, 1.5, 6) * 3.0
    report = check_grads(f, (x,), seed=seed, raise_on_failure=False)
    assert report.ok, report


def test_a_wrong_vjp_still_fails_the_dot_test_when_its_rounding_is_measured():
    x = seeded(22).standard_normal(4)

    def jvp(x, tangents):
        return np.sum((1 - np.tanh(x) ** 2) * tangents[0])

    def vjp(x, g):  # off by 1e-6 relative
        return (g * (1 - np.tanh(x) ** 2) * (1.0 + 1e-6),)

    report = check_grads(lambda x: np.sum(np.tanh(x)), (x,), vjp=vjp, jvp=jvp,
                         raise_on_failure=False)
    assert "dot" in {f.record.kind for f in report.failures}


def _softmax_total(x):
    e = np.exp(x - np.max(x))
    return np.sum(e / np.sum(e))


ZERO_DERIVATIVES = {  # (f, the scale of x, order): derivatives identically zero, or partly
    "floor": (lambda x: np.sum(np.floor(x)), 1e4, 2),  # (whole-number values: no float32 sign)
    "floor_times_x": (lambda x: np.sum(np.floor(x) * x), 1e4, 2),
    "x_minus_x": (lambda x: np.sum(x - x), 1.0, 2),
    "centered_mean": (lambda x: np.mean(x - x.mean()), 1.0, 2),
    "centered_column": (lambda x: (x - x.mean()).sum(keepdims=True) * np.ones(3), 1.0, 1),
    "pythagoras_far": (lambda x: np.sum(np.sin(x) ** 2 + np.cos(x) ** 2), 300.0, 2),
    "softmax_total_small": (_softmax_total, 1e-3, 2),
    "exp_log": (lambda x: np.sum(np.exp(np.log(np.abs(x))) - np.abs(x)), 1.0, 2),
    "mixed": (lambda x: _softmax_total(x) + np.sum(np.floor(x)) + x[0] ** 2 * x[1], 1.0, 2),
}


@pytest.mark.parametrize("name", list(ZERO_DERIVATIVES))
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_derivative_that_is_zero_is_no_failure(name, seed):
    """Where the true derivative is zero, AD gives 0 or rounding (a cancellation: 1/n - 1/n) and
    finite differences 0 or their noise: exact zeros are compared absolutely, within what the
    differences resolve, where the values are rounding (they change with the seed's scale); a
    whole-number f is no sign of hidden low precision (its coarse steps crossed floor's jumps)."""
    f, scale, order = ZERO_DERIVATIVES[name]
    x = np.array([0.3, -1.2, 2.5, 0.7]) * scale
    report = check_grads(f, (x,), order=order, seed=seed, raise_on_failure=False, warn=False)
    assert report.ok, report


def test_a_dropped_derivative_below_the_differences_resolution_still_fails():
    """Zero in one mode where the other is a true (linear) derivative too small for finite
    differences to see (f = 1e6 + 1e-4 * sum(x)): the dot test still fails; a Hessian-vector
    product dropping a small true curvature fails at second order."""
    x = seeded(24).standard_normal(4)

    def f(x):
        return 1e6 + 1e-4 * np.sum(x)

    report = check_grads(f, (x,), vjp=lambda x, g: (np.zeros_like(x),),
                         jvp=lambda x, t: 1e-4 * np.sum(t[0]), raise_on_failure=False)
    assert "dot" in {f.record.kind for f in report.failures}

    def g(x):
        return _softmax_total(x) + 1e-9 * x[0] ** 2

    report = check_grads(g, (x,), order=2, hvp=lambda x, v: np.zeros_like(x),
                         raise_on_failure=False)
    assert "order2" in {f.record.kind for f in report.failures}


# -- kinks --------------------------------------------------------------------------------

def test_relu_kink_is_reported_not_failed():
    x = seeded(14).standard_normal(8)
    x[[2, 5]] = 0.0
    weights = np.arange(1.0, 9.0)

    def f(x):
        return np.sum(weights * np.maximum(x, 0))

    for grad_at_zero in (0.0, 0.5, 1.0):
        def g(x, at=grad_at_zero):
            return weights * np.where(x > 0, 1.0, np.where(x == 0, at, 0.0))

        with pytest.warns(NonDifferentiablePoint, match="non-differentiable"):
            report = check_grads(f, (x,), grad=g)
        assert report.ok and report.kinks
        assert all(k.indices == ((2,), (5,)) for k in report.kinks)


def test_abs_kink_is_reported_and_wrong_subgradient_fails():
    x = np.array([0.3, 0.0, -1.2, 0.7])
    with pytest.warns(NonDifferentiablePoint):
        report = check_grads(lambda x: np.sum(np.abs(x)), (x,), grad=np.sign)
    assert report.ok and report.kinks[0].indices == ((1,),)
    bad = lambda x: np.sign(x) + 3.0 * (x == 0)  # noqa: E731  (3 is not in [-1, 1])
    with pytest.raises(GradientCheckError) as info:
        check_grads(lambda x: np.sum(np.abs(x)), (x,), grad=bad, warn=False)
    assert info.value.report.failures[0].element.index == (1,)
    assert "one-sided slopes" in str(info.value)


def test_max_with_ties_accepts_either_subgradient():
    x = np.array([1.0, 3.0, 3.0, 2.0])

    def onehot(x):
        return (np.arange(x.size) == np.argmax(x)).astype(float)

    def shared(x):
        return (x == x.max()) / np.sum(x == x.max())

    for g in (onehot, shared):
        report = check_grads(np.max, (x,), grad=g, warn=False)
        assert report.ok and report.kinks


# -- determinism, purity, cost ------------------------------------------------------------

def test_deterministic_reports_and_messages():
    x = seeded(15).standard_normal(50)
    bad = lambda x: 1.1 * tanh_sq_grad(x)  # noqa: E731
    a = check_grads(tanh_sq, (x,), grad=bad, seed=7, raise_on_failure=False)
    b = check_grads(tanh_sq, (x,), grad=bad, seed=7, raise_on_failure=False)
    c = check_grads(tanh_sq, (x,), grad=bad, seed=8, raise_on_failure=False)
    assert a == b and a.summary() == b.summary()
    assert a.records != c.records
    with pytest.raises(GradientCheckError) as info:
        check_grads(tanh_sq, (x,), grad=bad, seed=7)
    message = str(info.value)
    assert message == a.summary()
    assert "seed=7" in message
    assert "tangentish.check_grads(tanh_sq, args, wrt=0, grad=<lambda>, seed=7)" in message


def test_args_are_never_mutated():
    r = seeded(16)
    x, A = r.standard_normal(6).astype(np.float32), r.standard_normal((6, 6))
    x0, A0 = x.copy(), A.copy()

    def vandal_f(x, A):
        value = quad(x, A)
        x[...] = 0.0  # a badly behaved function mutating its input
        return value

    def vandal_grad(x, A):
        gx, gA = quad_grads(x, A)
        A *= 2.0
        return gx, gA

    report = check_grads(vandal_f, (x, A), wrt=(0, 1), grad=vandal_grad, projections=3)
    assert report.ok
    report = check_grads(vandal_f, (x, A), wrt=0, grad=lambda x, A: vandal_grad(x, A)[0])
    assert report.ok  # A is not differentiated, but still protected
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(A, A0)
    assert x.dtype == np.float32


def test_containers_the_function_changes_are_given_fresh_at_every_call():
    # (only top-level arrays were copied: `acc.append(...)` in f grew the caller's list at every
    # evaluation, each evaluation saw another list, and the caller's list came back changed;
    # forward mode did not pop the tangent list of a list parameter's copy: a raw ValueError)
    def grows(x, acc, params):
        last = acc.pop()
        acc.append(x * last)
        params["w"] *= 2.0
        return np.sum(np.concatenate(acc) ** 2) + np.sum(params["w"] * x)

    x = np.array([0.4, -1.2, 0.7])
    acc, params = [np.ones(3), np.array(2.0)], {"w": np.arange(3.0)}
    report = check_grads(grows, (x, acc, params), order=2, warn=False)
    assert report.ok
    assert len(acc) == 2 and acc[1] == 2.0 and np.array_equal(params["w"], np.arange(3.0))


def test_correct_check_is_cheap():
    x = seeded(17).standard_normal(1000)
    report = check_grads(tanh_sq, (x,), grad=tanh_sq_grad)
    assert report.ok
    assert report.evaluations < 50
    assert report.derivative_calls <= 2


def test_report_without_raising():
    x = seeded(18).standard_normal(3)
    report = check_grads(tanh_sq, (x,), grad=lambda x: 0 * x, raise_on_failure=False)
    assert isinstance(report, CheckReport) and not report.ok
    assert report.evaluations > 0 and report.failures and report.records


# -- dtype handling -----------------------------------------------------------------------

def test_float32_only_function_falls_back():
    def strict(x):
        if x.dtype != np.float32:
            raise TypeError("float32 only")
        return np.sum(np.tanh(x) ** 2)

    x = seeded(19).standard_normal(8).astype(np.float32)
    report = check_grads(strict, (x,), grad=tanh_sq_grad)
    assert report.ok
    assert any("float64" in note for note in report.notes)
    with pytest.raises(GradientCheckError):
        check_grads(strict, (x,), grad=lambda x: 1.1 * tanh_sq_grad(x))


def test_float32_precision_loss_is_a_note_not_a_failure():
    # 1 - tanh(z)**2 near saturation loses most float32 digits: a correct but imprecise
    # float32 derivative, which must not be a false alarm.
    x = np.full(3, 3.0, dtype=np.float32)
    w = np.full((1, 3), 0.9, dtype=np.float32)  # tanh(8.1): 1 - tanh**2 ~ 4e-7
    report = check_grads(layer, (x, w), wrt=(0, 1), vjp=layer_vjp, jvp=layer_jvp)
    assert report.ok
    assert any("precision loss" in note for note in report.notes)
    with pytest.raises(GradientCheckError):
        check_grads(layer, (x, w), wrt=(0, 1), vjp=lambda x, w, v: layer_vjp(x, w, 1.1 * v))


# -- second order -------------------------------------------------------------------------

def cubic(x):
    return np.sum(np.cos(x)) + x @ A5 @ x + np.sum(x**3)


def cubic_grad(x):
    return -np.sin(x) + (A5 + A5.T) @ x + 3 * x**2


def cubic_hessian(x):
    return np.diag(-np.cos(x) + 6 * x) + A5 + A5.T


def test_order2_with_hessian_and_hvp():
    x = seeded(21).standard_normal(5)
    report = check_grads(cubic, (x,), grad=cubic_grad, hessian=cubic_hessian, order=2)
    assert report.ok
    assert {rec.kind for rec in report.records} == {"rev", "order2"}
    hvp = lambda x, w: cubic_hessian(x) @ w  # noqa: E731
    assert check_grads(cubic, (x,), grad=cubic_grad, hvp=hvp, order=2).ok


def test_order2_catches_wrong_hessian():
    x = seeded(22).standard_normal(5)

    def wrong(x):
        return np.diag(-np.cos(x) + 6 * x) + A5  # forgot the symmetric part

    with pytest.raises(GradientCheckError) as info:
        check_grads(cubic, (x,), grad=cubic_grad, hessian=wrong, order=2)
    kinds = {f.record.kind for f in info.value.report.failures}
    assert kinds == {"order2"}
    assert "Hessian" in str(info.value) and "order=2" in str(info.value)


# -- configuration errors and tangentish fallback ---------------------------------------

def test_bad_configuration_is_reported_clearly():
    x = np.ones(3)
    with pytest.raises(ValueError, match="jvp="):
        check_grads(tanh_sq, (x,), grad=tanh_sq_grad, modes=("fwd",))
    with pytest.raises(ValueError, match="vjp="):
        check_grads(np.sin, (x,), grad=np.cos)  # array output needs vjp=
    with pytest.raises(ArgumentError, match="bool"):
        check_grads(lambda n: n * 2.0, (True,), grad=lambda n: 2.0)
    with pytest.raises(ArgumentValueError, match="no parameter 'nope'"):
        check_grads(tanh_sq, (x,), wrt="nope", grad=tanh_sq_grad)


def test_integer_arguments_are_promoted_like_everywhere_else():
    report = check_grads(lambda n: n * n * 2.0, (3,), grad=lambda n: 4.0 * n)
    assert report.ok


def test_missing_tangentish_derivatives_give_clear_error(monkeypatch):
    from tangentish import api

    monkeypatch.setattr(api, "grad", None, raising=False)  # as if unavailable
    monkeypatch.setattr(api, "jvp", None, raising=False)  # as if unavailable
    with pytest.raises(ValueError, match="tangentish.grad is not available"):
        check_grads(tanh_sq, (np.ones(3),))


def test_uses_tangentish_conventions_lazily(monkeypatch):
    from tangentish import api

    seen = []

    def fake_grad(f, wrt=0):
        assert f is layer and wrt == (0, 1)

        def vjp(x, W, out_bar=None):
            seen.append(out_bar)
            return layer_vjp(x, W, out_bar)

        return vjp

    monkeypatch.setattr(api, "grad", fake_grad, raising=False)
    monkeypatch.setattr(api, "jvp", None, raising=False)  # as if unavailable
    r = seeded(23)
    report = check_grads(layer, (r.standard_normal(4), r.standard_normal((3, 4))), wrt=(0, 1))
    assert report.ok and seen and all(s.shape == (3,) for s in seen)
    assert any("tangentish.jvp" in note for note in report.notes)


# -- more argument kinds, domains, overrides, messages ------------------------------------

def test_zero_dim_and_numpy_scalar_arguments():
    def f(a, b):
        return np.sin(a) * b**2

    def g(a, b):
        return np.cos(a) * b**2, 2 * b * np.sin(a)

    for a, b in ((np.array(0.4), np.float32(1.5)), (np.float64(-0.2), np.array(2.0))):
        assert check_grads(f, (a, b), wrt=(0, 1), grad=g).ok


def test_function_refusing_points_outside_its_domain():
    def f(x):
        if np.any(x < 0):
            raise ValueError("negative input")
        return np.sum(np.sqrt(x))

    x = np.array([1e-9, 0.25, 4.0])
    assert check_grads(f, (x,), grad=lambda x: 0.5 / np.sqrt(x)).ok


def test_user_tolerances_are_added_to_the_estimate():
    x = seeded(24).standard_normal(5)
    slightly_off = lambda x: tanh_sq_grad(x) * (1 + 1e-4)  # noqa: E731
    with pytest.raises(GradientCheckError):
        check_grads(tanh_sq, (x,), grad=slightly_off)
    assert check_grads(tanh_sq, (x,), grad=slightly_off, rtol=1e-3).ok
    assert check_grads(tanh_sq, (x,), grad=slightly_off, atol=1e-2).ok


def test_failure_message_contents():
    x = seeded(25).standard_normal(12)
    bad = lambda x: tanh_sq_grad(x) + (np.arange(12) == 7)  # noqa: E731
    with pytest.raises(GradientCheckError) as info:
        check_grads(tanh_sq, (x,), grad=bad, seed=3)
    text = str(info.value)
    for piece in ("AD (under test)", "finite differences (reference)", "abs error",
                  "rel error", "step t =", "worst element: index (7,)", "seed=3",
                  "Reproduce: tangentish.check_grads(tanh_sq, args, wrt=0"):
        assert piece in text, piece


def test_forward_mode_failure_in_large_argument_is_localised():
    x = seeded(26).standard_normal(150)

    def f(x):
        return np.sin(x) * x

    def jvp(x, tangents):
        (dx,) = tangents
        d = (np.cos(x) * x + np.sin(x)) * dx
        d[42] *= 2.0
        return d

    report = check_grads(f, (x,), jvp=jvp, modes=("fwd",), raise_on_failure=False)
    assert not report.ok
    assert report.failures[0].element.index == (42,)


def test_kink_with_forward_mode():
    x = np.array([0.0, 1.0, -2.0])

    def jvp(x, tangents):
        return (x > 0) * tangents[0]

    with pytest.warns(NonDifferentiablePoint):
        report = check_grads(lambda x: np.maximum(x, 0), (x,), jvp=jvp, modes="fwd")
    assert report.ok and report.kinks[0].indices == ((0,),)


def test_output_shape_must_not_change():
    def f(x):
        return np.ones(2) if x[0] > 1.0 else np.ones(3)

    with pytest.raises(ValueError, match="shape"):
        check_grads(f, (np.array([1.0]),), vjp=lambda x, v: np.zeros(1))


def test_order2_with_two_arguments_and_hessian_blocks():
    def f(x, y):
        return np.sum(x**2 * np.sin(y))

    def g(x, y):
        return 2 * x * np.sin(y), x**2 * np.cos(y)

    def hessian(x, y):
        xx = np.diag(2 * np.sin(y))
        xy = np.diag(2 * x * np.cos(y))
        yy = np.diag(-(x**2) * np.sin(y))
        return ((xx, xy), (xy.T, yy))

    r = seeded(27)
    args = (r.standard_normal(3).astype(np.float32), r.standard_normal(3).astype(np.float32))
    report = check_grads(f, args, wrt=(0, 1), grad=g, hessian=hessian, order=2)
    assert report.ok and sum(rec.kind == "order2" for rec in report.records) == 4

    def bad(x, y):
        (xx, xy), (yx, yy) = hessian(x, y)
        return ((xx, xy), (yx, 2 * yy))

    with pytest.raises(GradientCheckError) as info:
        check_grads(f, args, wrt=(0, 1), grad=g, hessian=bad, order=2)
    assert {f.record.argname for f in info.value.report.failures} == {"y"}


def test_hidden_float32_arithmetic_is_detected():
    def f(x):  # returns a Python float, but computes in float32
        return float(np.sum(np.tanh(x.astype(np.float32)) ** 2))

    x = seeded(28).standard_normal(50)
    report = check_grads(f, (x,), grad=tanh_sq_grad, projections=4)
    assert report.ok and any("noisier" in note for note in report.notes)
    with pytest.raises(GradientCheckError):
        check_grads(f, (x,), grad=lambda x: 1.05 * tanh_sq_grad(x))


def test_wrong_element_hidden_among_kinks_is_found():
    r = seeded(29)
    x = r.standard_normal(40)
    x[[3, 11, 12, 30]] = 0.0

    def f(x):
        return np.sum(np.maximum(x, 0)) + np.sum(np.tanh(x) ** 2)

    def g(x):
        return (x > 0) + tanh_sq_grad(x)

    report = check_grads(f, (x,), grad=g, warn=False)
    assert report.ok and report.kinks[0].indices == ((3,), (11,), (12,), (30,))

    def bad(x):
        return g(x) + 0.1 * (np.arange(40) == 21)  # small next to the kinks' jumps

    report = check_grads(f, (x,), grad=bad, warn=False, raise_on_failure=False)
    assert not report.ok
    assert {fail.element.index for fail in report.failures if fail.element} == {(21,)}


def test_checks_tangentish_grad():

    r = seeded(30)
    x, W = r.standard_normal(4), r.standard_normal((3, 4))
    assert check_grads(tanh_sq, (x,), modes="rev").ok
    assert check_grads(layer, (x, W), wrt=(0, 1), modes="rev").ok
