"""A transform called inside a differentiated function: ``tg.grad(g)(x)`` in the function's body.

Every derivative is compared with central finite differences of the function as written (which
itself calls tangentish at run time), in reverse and forward mode and at second order."""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers import assert_grad_close, call_unchanged, module_from_text, numeric_grad, numeric_jacobian

import tangentish
import tangentish as tg
from tangentish.errors import UnsupportedConstructError


def energy(x, k):
    d = x[1:] - x[:-1]
    return 0.5 * np.sum(k * d ** 2) + np.sum(np.cos(x))


def force_loss(k, x):
    forces = -tg.grad(energy)(x, k)
    return np.sum(forces ** 2)


def keyword_options(k, x):
    fk = tangentish.grad(energy, wrt="k")(x, k)
    value, (gx, gk) = tg.value_and_grad(energy, wrt=(0, 1))(x, k)
    return np.sum(fk * gk) + value * np.sum(gx ** 2)


def directional(k, x):
    value, slope = tg.jvp(energy)(x, k, x_dot=np.sin(x))
    return value * slope


def kept_in_a_local(k, x):
    force = tg.grad(energy)  # made once, called twice
    return np.sum(force(x, k) * force(x * 0.5, k ** 2))


def _scaled(s):
    return np.sum(np.tanh(s) * s)


def scale_holder():
    inner = _scaled

    def through_closure(x):  # the transformed function is a closure cell of the caller
        return np.sum(tg.grad(inner)(x) * x)

    return through_closure


def in_a_loop(x):
    total = 0.0
    for i in range(3):
        total = total + float(i + 1) * np.sum(tg.grad(_scaled)(x * (i + 1)))
    return total


def jax_form(k, x):
    value, slope = tg.jvp(energy, (x, k), (np.sin(x), k * k))  # JAX's form, evaluated at once
    return value * slope


def jax_form_list(k, x):
    _, slope = tangentish.jvp(_scaled, [x * k[0]], [np.cos(x)])
    return slope ** 2


CASES = [force_loss, keyword_options, directional, kept_in_a_local, scale_holder(), in_a_loop,
         jax_form, jax_form_list]


def _args(fn, rng):
    if fn in (force_loss, keyword_options, directional, kept_in_a_local, jax_form, jax_form_list):
        return [rng.uniform(1.0, 2.0, size=4), rng.normal(size=5)]
    return [rng.normal(size=4)]


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_reverse_mode_matches_finite_differences(fn, rng):
    args = _args(fn, rng)
    for position in range(len(args)):
        got = call_unchanged(tg.grad(fn, wrt=position), args)
        assert_grad_close(got, numeric_grad(fn, args, position), label=f"wrt {position}")
        assert got.dtype == np.float64 and got.shape == args[position].shape


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_forward_mode_matches_finite_differences(fn, rng):
    args = _args(fn, rng)
    direction = rng.normal(size=args[0].shape)
    value, tangent = tg.jvp(fn)(*args, **{tg.jvp(fn).record.tangents[
        tg.jvp(fn).wrt[0]]: direction})
    assert value == pytest.approx(fn(*args), rel=1e-12)
    assert tangent == pytest.approx(float(numeric_grad(fn, args, 0) @ direction), rel=1e-5)


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_second_order_matches_finite_differences_of_the_gradient(fn, rng):
    args = _args(fn, rng)
    hessian = tg.hessian(fn)(*args)
    reference = numeric_jacobian(lambda first, *rest: tg.grad(fn)(first, *rest), args, 0)
    assert_grad_close(hessian, reference, rtol=1e-5, atol=1e-6)


def test_a_rebound_transformed_function_is_not_served_stale(tmp_path):
    module = module_from_text(tmp_path, "nested_rebind", """\
        import numpy as np
        import tangentish as tg

        def g(x):
            return np.sum(x ** 2)

        def h(x):
            return np.sum(x ** 3)

        def f(x):
            return np.sum(tg.grad(g)(x))
        """)
    x = np.array([0.5, -1.0])
    np.testing.assert_allclose(tg.grad(module.f)(x), [2.0, 2.0])  # d/dx sum(2x)
    module.g = module.h
    np.testing.assert_allclose(tg.grad(module.f)(x), 6.0 * x)  # d/dx sum(3x^2)


def _lambda_inside(x):
    return np.sum(tg.grad(lambda y: np.sum(y ** 3))(x))


def _local_option(x, position):
    return np.sum(tg.grad(energy, wrt=position)(x, x[1:]))


def _local_function(x, k):
    def local(y):
        return np.sum(k * y ** 2)

    return np.sum(tg.grad(local)(x))


def _not_a_transform(x):
    return np.sum(np.frompyfunc(np.sin, 1, 1)(x))


def _misspelt(x):
    return np.sum(tg.grad(_scaled, wrtt=0)(x))


def _jax_form_built(x):
    primals = (x,)
    return tg.jvp(_scaled, primals, (x,))[1]


def _rebound(x):
    dg = tg.grad(_scaled)
    if x[0] > 0.0:
        dg = tg.grad(energy)
    return np.sum(dg(x))


@pytest.mark.parametrize("fn, args, message", [
    (_lambda_inside, (np.ones(2),), "`a lambda` is not known before _lambda_inside runs"),
    (_local_option, (np.ones(3), 1), "`position` is not known before _local_option runs"),
    (_local_function, (np.ones(2), np.ones(2)), "`local` is not known before _local_function"),
    (_not_a_transform, (np.ones(2),), "a call to the value `np.frompyfunc(np.sin, 1, 1)` returns"),
    (_rebound, (np.ones(2),), "a derivative made inside the function is differentiated when "
                             "called where it is made: `tangentish.grad(g)(x)`"),
    (_misspelt, (np.ones(2),), "cannot differentiate `tg.grad(_scaled, wrtt=0)`: "),
    (_jax_form_built, (np.ones(2),), "its primals and tangents must be tuples (or lists) "
                                     "written out"),
], ids=["lambda", "local-option", "local-function", "other-callee", "rebound", "misspelt",
        "jax-form-built"])
def test_what_is_not_known_before_the_call_is_refused_with_its_line(fn, args, message):
    with pytest.raises(UnsupportedConstructError, match=re.escape(message)) as caught:
        tg.grad(fn)(*args)
    assert "test_nested_transforms.py" in str(caught.value)


# -- forward over forward: the tangent keyword of a parameter whose ``_dot`` name is taken -----

def _wave(x):
    return np.sum(np.sin(x) * x ** 2)


def _takes_a_dot(x, x_dot):  # a user's parameter named like x's tangent
    return np.sum(np.exp(0.3 * x) * x_dot)


def test_jvp_of_a_jvp_takes_the_next_free_tangent_keyword(rng):
    """``jvp(jvp(f))``: the inner derivative has ``x_dot``, so the outer tangent of x is
    ``x_dot_dot`` (as ``grad`` of a gradient takes ``out_bar_bar``); its second tangent is the
    second derivative along the two directions, against differences of the first jvp."""
    x, u, w = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
    first = tg.jvp(_wave)
    twice = tg.jvp(first)
    assert twice.record.tangents == {"x": "x_dot_dot"}
    (value, slope), (slope_w, curvature) = twice(x, x_dot=u, x_dot_dot=w)
    assert value == pytest.approx(_wave(x)) and slope == pytest.approx(first(x, x_dot=u)[1])
    h = 1e-5
    along = (first(x + h * w, x_dot=u)[1] - first(x - h * w, x_dot=u)[1]) / (2 * h)
    assert curvature == pytest.approx(along, rel=1e-6)
    assert slope_w == pytest.approx(float(tg.grad(_wave)(x) @ w))
    with pytest.raises(tangentish.errors.ArgumentError, match="needs the tangent x_dot_dot= "
                       r"\(the direction in which x moves\)"):
        twice(x, x_dot=u)


def test_jvp_of_a_function_with_a_parameter_named_like_a_tangent(rng):
    x, v, u = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    derivative = tg.jvp(_takes_a_dot)
    assert derivative.record.tangents == {"x": "x_dot_dot"}
    value, tangent = derivative(x, v, x_dot_dot=u)
    assert value == pytest.approx(_takes_a_dot(x, v))
    assert tangent == pytest.approx(float(numeric_grad(_takes_a_dot, [x, v], 0) @ u), rel=1e-6)
    both = tg.jvp(_takes_a_dot, wrt=(0, 1))
    assert both.record.tangents == {"x": "x_dot_dot", "x_dot": "x_dot_dot_dot"}
    _, tangent = both(x, v, x_dot_dot=u, x_dot_dot_dot=v)
    expected = numeric_grad(_takes_a_dot, [x, v], 0) @ u + numeric_grad(_takes_a_dot, [x, v], 1) @ v
    assert tangent == pytest.approx(float(expected), rel=1e-6)
