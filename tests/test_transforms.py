"""The transform family: vjp (split motion), has_aux, stop_gradient, jacobian, hessian, hvp and
nesting, each against closed forms, finite differences, or the other mode."""

import gast
import numpy as np
import pytest
from flow_zoo import fill_loop, list_of_rows, loop_with_branch
from helpers import numeric_grad
from test_control_flow import CASES

import tangentish
from tangentish.extend import d, rule
from tangentish.passes.dataflow import upward_exposed

A = np.array([[2.0, 1.0, 0.0], [0.5, 3.0, -1.0], [0.0, 2.0, 1.0]])
X = np.array([0.3, -0.5, 1.2])


def quadratic(x):
    return x @ A @ x


def cubic(x):
    return np.sum(x ** 3)


def log_sigmoid_sum(w):
    p = 1.0 / (1.0 + np.exp(-w))
    return np.sum(np.log(p))


def vector_valued(x):
    return np.sin(x) * x[0]


def scalar_cube(t):
    return t ** 3


def with_aux(x):
    y = np.sin(x)
    return np.sum(y ** 2), y


def stopped(x):
    return np.sum(tangentish.stop_gradient(x) * x)


@tangentish.stop_gradient
def opaque_scale(x):
    return x * 10.0


def uses_opaque(x):
    return np.sum(opaque_scale(x) * x)


def test_vjp_pullback_is_reusable_and_linear():
    value, pullback = tangentish.vjp(vector_valued)(X)
    np.testing.assert_allclose(value, vector_valued(X))
    jac = np.diag(np.cos(X) * X[0])
    jac[:, 0] += np.sin(X)
    u, v = np.array([1.0, 2.0, -1.0]), np.array([0.5, 0.0, 3.0])
    np.testing.assert_allclose(pullback(u), jac.T @ u)
    np.testing.assert_allclose(pullback(v), jac.T @ v)
    np.testing.assert_allclose(pullback(u + v), pullback(u) + pullback(v))
    assert "def vjp_vector_valued_wrt_x_backward(_residuals, out_bar):" in pullback.source


def test_vjp_pullback_checks_the_cotangent_before_the_generated_code():
    """The seed check is the Pullback's (check_cotangent): the generated pullback has none, and
    the output is no residual when only that check would read it."""
    value, pullback = tangentish.vjp(vector_valued)(X)
    assert "_rt.seed" not in pullback.source and "out_bar = " not in pullback.source
    with pytest.raises(tangentish.ArgumentValueError, match=r"has shape \(\), but the output has "
                                                            r"shape \(3,\)"):
        pullback(1.0)
    with pytest.raises(tangentish.ArgumentValueError, match=r"shape \(2,\)"):
        pullback(np.ones(2))
    _, scalar_pullback = tangentish.vjp(cubic)(X)
    assert "return out, (x,)" in scalar_pullback.source
    np.testing.assert_allclose(scalar_pullback(2.0), 6.0 * X ** 2)


@pytest.mark.parametrize("fn", [fill_loop, list_of_rows, loop_with_branch])
def test_vjp_pullback_replays_loops_and_updates(fn):
    x = np.linspace(-1.0, 1.5, 6) if fn is not list_of_rows else np.ones((3, 2))
    _, pullback = tangentish.vjp(fn)(x)
    expected = tangentish.grad(fn)(x)
    np.testing.assert_allclose(pullback(1.0), expected)
    np.testing.assert_allclose(pullback(2.0), 2.0 * expected)


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=[
    f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(CASES)])
def test_vjp_hands_over_only_what_the_pullback_reads_before_binding_it(fn, args, wrt):
    """A name the pullback binds (pops from the tape, assigns) before any read of it is no
    residual: the forward half neither returns it nor binds it to None first."""
    _, pullback = tangentish.vjp(fn, wrt=wrt)(*args)
    tree = next(node for node in gast.parse(pullback.source).body
                if isinstance(node, gast.FunctionDef) and node.name.endswith("_backward"))
    unpack, *rest = tree.body[1:]  # (after the docstring)
    names = [n.id for n in gast.walk(unpack.targets[0]) if isinstance(n, gast.Name)]
    assert isinstance(unpack.value, (gast.Name, gast.Subscript)) and names
    assert set(names) <= upward_exposed(rest), sorted(set(names) - upward_exposed(rest))


def test_has_aux_passes_aux_through():
    grad, aux = tangentish.grad(with_aux, has_aux=True)(X)
    np.testing.assert_allclose(aux, np.sin(X))
    np.testing.assert_allclose(grad, 2 * np.sin(X) * np.cos(X))
    (value, aux2), grad2 = tangentish.value_and_grad(with_aux, has_aux=True)(X)
    np.testing.assert_allclose(value, np.sum(np.sin(X) ** 2))
    np.testing.assert_allclose(grad2, grad)
    value3, tangent, aux3 = tangentish.jvp(with_aux, has_aux=True)(X, x_dot=np.ones(3))
    np.testing.assert_allclose(tangent, np.sum(grad))
    value4, pullback, aux4 = tangentish.vjp(with_aux, has_aux=True)(X)
    np.testing.assert_allclose(pullback(1.0), grad)


def test_stop_gradient_as_expression_and_as_helper_marker():
    np.testing.assert_allclose(tangentish.grad(stopped)(X), X)
    np.testing.assert_allclose(tangentish.grad(uses_opaque)(X), opaque_scale(X))


@pytest.mark.parametrize("fn, expected", [
    (quadratic, A + A.T),
    (cubic, np.diag(6 * X)),
    (log_sigmoid_sum, np.diag(-(1 / (1 + np.exp(-X))) * (1 - 1 / (1 + np.exp(-X))))),
])
def test_hessian_of_closed_forms(fn, expected):
    np.testing.assert_allclose(tangentish.hessian(fn)(X), expected, atol=1e-12)


def test_hessian_matches_finite_differences_of_the_gradient():
    gradient = tangentish.grad(loop_with_branch)
    x = np.linspace(-1.0, 1.0, 5) + 0.1  # away from the branch's kink at 0
    numeric = np.array([numeric_grad(lambda v, i=i: gradient(v)[i], (x,), 0) for i in range(5)])
    np.testing.assert_allclose(tangentish.hessian(loop_with_branch)(x), numeric, atol=1e-6)


def test_hvp_equals_hessian_times_vector():
    v = np.array([1.0, 2.0, -1.0])
    np.testing.assert_allclose(tangentish.hvp(quadratic)(X, v), (A + A.T) @ v)
    np.testing.assert_allclose(tangentish.hvp(cubic)(X, v), 6 * X * v)
    assert "def jvp_grad_cubic_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):" in \
        tangentish.hvp(cubic).source


@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_jacobian_both_modes(mode):
    expected = np.diag(np.cos(X) * X[0])
    expected[:, 0] += np.sin(X)
    np.testing.assert_allclose(tangentish.jacobian(vector_valued, mode=mode)(X), expected)


def test_jacobian_several_wrt():
    def f(x, w):
        return np.tanh(w @ x)

    w = np.arange(6.0).reshape(2, 3) / 10
    jx, jw = tangentish.jacobian(f, wrt=(0, 1))(X, w)
    fx, fw = tangentish.jacobian(f, wrt=(0, 1), mode="fwd")(X, w)
    np.testing.assert_allclose(jx, fx)
    np.testing.assert_allclose(jw, fw)
    assert jx.shape == (2, 3) and jw.shape == (2, 2, 3)


def test_grad_of_grad_of_grad():
    first = tangentish.grad(scalar_cube)
    second = tangentish.grad(first)
    third = tangentish.grad(second)
    assert (first(2.0), second(2.0), third(2.0)) == (12.0, 12.0, 6.0)


def test_jvp_of_grad_and_grad_of_jvp_agree():
    gradient = tangentish.grad(cubic)
    _, hv = tangentish.jvp(gradient)(X, x_dot=np.ones(3))
    directional = tangentish.jvp(cubic)

    def along_ones(x):
        return directional(x, x_dot=np.ones(3))[1]

    np.testing.assert_allclose(tangentish.grad(along_ones)(X), hv)


def test_nested_sources_are_deterministic():
    first = tangentish.source(tangentish.grad(cubic), mode="jvp")
    tangentish.grad(cubic)
    assert tangentish.source(tangentish.grad(cubic), mode="jvp") == first


def planted_cube(x):
    return x * x * x


@rule(planted_cube)
class PlantedCube:
    # First derivative right; the stop_gradient halves the second derivative (6x becomes 3x).
    def adjoint(y, x):
        d[x] = d[y] * 3.0 * tangentish.stop_gradient(x) * x

    def tangent(y, x):
        d[y] = d[x] * 3.0 * x * x


def uses_planted_cube(x):
    return np.sum(planted_cube(x))


def test_check_grads_order_two_uses_tangentish_hvp_and_catches_a_wrong_second_derivative():
    x = np.array([0.3, -0.2, 0.8])
    assert tangentish.check_grads(cubic, (x,), order=2).ok
    assert tangentish.check_grads(uses_planted_cube, (x,), order=1).ok
    with pytest.raises(tangentish.GradientCheckError):
        tangentish.check_grads(uses_planted_cube, (x,), order=2)


def doubled(x):
    return x * x


@rule(doubled)
class WrongBothWays:  # 3x instead of 2x, in both modes
    def adjoint(y, x):
        d[x] = d[y] * 3.0 * x

    def tangent(y, x):
        d[y] = d[x] * 3.0 * x


def squared(x):
    return x * x


@rule(squared)
class WrongAdjointOnly:
    def adjoint(y, x):
        d[x] = d[y] * 3.0 * x

    def tangent(y, x):
        d[y] = d[x] * 2.0 * x


def model_with_doubled(x):
    a = np.tanh(x)
    b = doubled(a)
    return np.sum(np.exp(-b) * a)


def model_with_squared(x):
    a = np.tanh(x)
    b = squared(a)
    return np.sum(np.exp(-b) * a)


def test_check_grads_names_the_first_wrong_generated_statement():
    with pytest.raises(tangentish.GradientCheckError) as info:
        tangentish.check_grads(model_with_doubled, (X,))
    message = str(info.value)
    assert "first wrong statement" in message
    assert "`b_dot = a_dot * 3.0 * a`" in message and "`b = doubled(a)`" in message


def test_check_grads_points_at_the_reverse_sweep_when_forward_mode_is_right():
    with pytest.raises(tangentish.GradientCheckError) as info:
        tangentish.check_grads(model_with_squared, (X,))
    assert "the error is in the reverse sweep" in str(info.value)
