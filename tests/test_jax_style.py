"""For people coming from JAX: ``argnums=`` as an alias of ``wrt=``, ``jvp(f, primals, tangents)``
and ``vjp(f, *primals)`` called JAX's way.  References: central finite differences."""

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import ArgumentError, ArgumentValueError


def f(x, y):
    return np.sum(np.sin(x) * y) + np.sum(x ** 2)


def vector(x, y):
    return np.cos(x) * y


def with_aux(x):
    return np.sum(x ** 3), np.max(x)


@pytest.fixture
def xy(rng):
    return rng.normal(size=4), rng.normal(size=4)


def test_argnums_is_wrt_for_every_transform(xy):
    x, y = xy
    gy = numeric_grad(f, (x, y), 1)
    np.testing.assert_allclose(tangentish.grad(f, argnums=1)(x, y), gy, rtol=1e-6)
    np.testing.assert_allclose(tangentish.value_and_grad(f, argnums=1)(x, y)[1], gy, rtol=1e-6)
    np.testing.assert_allclose(tangentish.vjp(f, argnums=1)(x, y)[1](1.0), gy, rtol=1e-6)
    assert tangentish.jvp(f, argnums=1)(x, y, y_dot=np.ones(4))[1] == pytest.approx(np.sum(gy))
    assert tangentish.source(f, argnums=(0, 1)) == tangentish.source(f, wrt=(0, 1))
    np.testing.assert_allclose(tangentish.jacobian(f, argnums=1)(x, y), gy, rtol=1e-6)
    np.testing.assert_allclose(tangentish.hessian(f, argnums=1)(x, y), np.zeros((4, 4)))
    np.testing.assert_allclose(tangentish.hvp(f, argnums=0)(x, y, np.ones(4)),
                               -np.sin(x) * y + 2.0, rtol=1e-12)


def test_argnums_and_wrt_together_is_an_error():
    with pytest.raises(ArgumentError, match="both wrt=1 and argnums=0") as info:
        tangentish.grad(f, 1, argnums=0)
    assert "pass one" in info.value.hint


def test_jvp_in_jax_form(xy, rng):
    x, y = xy
    u, v = rng.normal(size=4), rng.normal(size=4)
    value, tangent = tangentish.jvp(f, (x, y), (u, v))
    assert value == pytest.approx(f(x, y))
    expected = numeric_grad(f, (x, y), 0) @ u + numeric_grad(f, (x, y), 1) @ v
    assert tangent == pytest.approx(expected, rel=1e-6)
    out, tangent_out = tangentish.jvp(vector, [x, y], [u, v])  # lists too, vector output
    np.testing.assert_allclose(tangent_out, -np.sin(x) * y * u + np.cos(x) * v, rtol=1e-12)
    value, tangent, aux = tangentish.jvp(with_aux, (x,), (u,), has_aux=True)
    assert tangent == pytest.approx(np.sum(3 * x ** 2 * u)) and aux == np.max(x)


def test_vjp_in_jax_form_returns_one_cotangent_per_primal(xy):
    x, y = xy
    value, pullback = tangentish.vjp(f, x, y)
    assert value == pytest.approx(f(x, y))
    gx, gy = pullback(1.0)
    np.testing.assert_allclose(gx, numeric_grad(f, (x, y), 0), rtol=1e-6)
    np.testing.assert_allclose(gy, numeric_grad(f, (x, y), 1), rtol=1e-6)
    (only,) = tangentish.vjp(lambda t: np.sum(t ** 2), x)[1](1.0)  # a tuple, as in JAX
    np.testing.assert_allclose(only, 2.0 * x)
    (g,) = tangentish.vjp(lambda t: t ** 2, 3.0)[1](1.0)  # a float point is a primal
    assert g == pytest.approx(6.0)
    value, pullback, aux = tangentish.vjp(with_aux, x, has_aux=True)
    np.testing.assert_allclose(pullback(1.0)[0], 3 * x ** 2)
    assert aux == np.max(x)


def test_a_lone_int_is_wrt_and_other_mistakes_say_what_to_do(xy):
    x, y = xy
    assert callable(tangentish.vjp(f, 1))  # wrt=1 (write 1.0 for a point), as documented
    with pytest.raises(ArgumentValueError, match="2 primals but 1 tangents"):
        tangentish.jvp(f, (x, y), (x,))
    with pytest.raises(ArgumentError, match="primals as a non-empty tuple"):
        tangentish.jvp(f, x, (x,))
    with pytest.raises(ArgumentValueError, match="got 3 primals, but f takes 2"):
        tangentish.vjp(f, x, y, y)
    with pytest.raises(ArgumentError, match="takes no argnums"):
        tangentish.vjp(f, x, y, argnums=0)
    value, pullback = tangentish.vjp(lambda t: t[0], [1.0, 2.0])  # a list: a container
    assert value == 1.0 and pullback(1.0) == ([1.0, 0.0],)
