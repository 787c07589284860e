"""The user API: wrt forms, seeds, value_and_grad, argument promotion, source access."""

import inspect
import math

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import ArgumentError, NonScalarOutputError

OFFSET = 1.0


def loss(w, x, y=2.0, *, scale=1.0):
    return scale * np.sum((x @ w - y) ** 2)


def scalar_poly(x):
    return 2 * x ** 2 + 3 * x + 1


def elementwise(x):
    return np.sin(x) * 2.0


def uses_global(x):
    return np.sum(x * OFFSET)


def args_for_loss(seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=3), rng.normal(size=(4, 3))


@pytest.mark.parametrize("wrt", [0, "w", -3])
def test_wrt_single_forms_agree(wrt):
    w, x = args_for_loss()
    got = tangentish.grad(loss, wrt=wrt)(w, x)
    np.testing.assert_allclose(got, numeric_grad(loss, (w, x), 0), rtol=1e-6, atol=1e-8)


def test_wrt_tuple_returns_tuple_in_order():
    w, x = args_for_loss(1)
    gx, gw = tangentish.grad(loss, wrt=("x", 0))(w, x)
    np.testing.assert_allclose(gw, numeric_grad(loss, (w, x), 0), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gx, numeric_grad(loss, (w, x), 1), rtol=1e-6, atol=1e-8)
    (only,) = tangentish.grad(loss, wrt=(0,))(w, x)
    assert only.shape == w.shape


def test_keyword_arguments_and_defaults_pass_through():
    w, x = args_for_loss(2)
    df = tangentish.grad(loss)
    expected = numeric_grad(lambda w_: loss(w_, x, 0.5, scale=3.0), (w,), 0)
    np.testing.assert_allclose(df(w, x, 0.5, scale=3.0), expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(df(w, x=x, y=0.5, scale=3.0), expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("bad", [3, "z", (0, 0), 1.5, ()])
def test_bad_wrt_is_a_clear_error(bad):
    with pytest.raises(ArgumentError) as info:
        tangentish.grad(loss, wrt=bad)
    assert "loss" in str(info.value) or "wrt" in str(info.value)


def test_value_and_grad():
    w, x = args_for_loss(3)
    value, g = tangentish.value_and_grad(loss)(w, x)
    assert value == pytest.approx(loss(w, x))
    np.testing.assert_allclose(g, numeric_grad(loss, (w, x), 0), rtol=1e-6, atol=1e-8)


def test_tutorial_polynomial_at_two_is_eleven():
    assert tangentish.grad(scalar_poly)(2.0) == pytest.approx(11.0)


def test_integer_arguments_are_promoted_to_float():
    g = tangentish.grad(scalar_poly)(2)
    assert isinstance(g, float) and g == pytest.approx(11.0)
    garr = tangentish.grad(lambda v: np.sum(v * v))(np.arange(3))
    assert garr.dtype == np.float64
    np.testing.assert_allclose(garr, [0.0, 2.0, 4.0])
    with pytest.raises(ArgumentError, match="hold no float values"):  # ints in a list: constants
        tangentish.grad(lambda v: np.sum(v * v))([1, 2])


def test_boolean_and_string_arguments_are_rejected():
    df = tangentish.grad(scalar_poly)
    with pytest.raises(ArgumentError):
        df(True)
    with pytest.raises(ArgumentError):
        df("2")


def test_non_scalar_output_names_shape_and_alternatives():
    with pytest.raises(NonScalarOutputError) as info:
        tangentish.grad(elementwise)(np.ones(3))
    message = str(info.value)
    assert "(3,)" in message and "vjp" in message and "out_bar" in message


@pytest.mark.parametrize("transform, call", [
    ("hessian", lambda t: t(np.ones(3))),
    ("hvp", lambda t: t(np.ones(3), np.ones(3)))])
def test_a_second_derivative_of_a_non_scalar_output_is_refused_in_its_own_name(transform, call):
    """hessian and hvp differentiate grad(f): its seed check's refusal says the transform the
    user called, the output's shape and the line, not grad's hint about out_bar."""
    with pytest.raises(NonScalarOutputError) as info:
        call(getattr(tangentish, transform)(elementwise))
    message = str(info.value)
    assert message.startswith(f"{transform}(elementwise) needs a scalar output") and \
        "(3,)" in message and "test_api.py" in message and "out_bar" not in message


def test_out_bar_seed_gives_vector_jacobian_product():
    x = np.linspace(-1, 1, 5)
    v = np.arange(5.0)
    got = tangentish.grad(elementwise)(x, out_bar=v)
    np.testing.assert_allclose(got, 2.0 * np.cos(x) * v)
    with pytest.raises(NonScalarOutputError):
        tangentish.grad(elementwise)(x, out_bar=np.ones(4))


def test_source_and_inspect_agree():
    df = tangentish.grad(loss)
    assert inspect.getsource(df) == df.source
    assert tangentish.source(loss) == df.source
    assert df.source.startswith("def grad_loss_wrt_w(w, x, y=2.0, *, scale=1.0, out_bar=1.0):")
    assert "value_and_grad_loss_wrt_w" in tangentish.source(loss, mode="value_and_grad")
    with pytest.raises(ArgumentError):
        tangentish.source(loss, mode="hessian")


def test_signature_is_the_users_plus_seed():
    sig = inspect.signature(tangentish.grad(loss))
    assert list(sig.parameters) == ["w", "x", "y", "scale", "out_bar"]
    assert sig.parameters["out_bar"].kind is inspect.Parameter.KEYWORD_ONLY


def test_verbose_prints_source(capsys):
    df = tangentish.grad(scalar_poly, verbose=1)
    assert df.source in capsys.readouterr().out
    assert tangentish.grad(scalar_poly) is df  # (a cache hit: printed only when asked)
    assert capsys.readouterr().out == ""
    assert tangentish.grad(scalar_poly, verbose=1) is df
    assert df.source in capsys.readouterr().out


def test_globals_are_read_live_and_never_written():
    global OFFSET
    before = dict(globals())
    df = tangentish.grad(uses_global)
    x = np.ones(2)
    np.testing.assert_allclose(df(x), [1.0, 1.0])
    OFFSET = 3.0
    try:
        np.testing.assert_allclose(df(x), [3.0, 3.0])
    finally:
        OFFSET = 1.0
    assert set(globals()) == set(before)


def test_closures_are_read_live():
    factor = 2.0

    def scaled(x):
        return x * factor

    df = tangentish.grad(scaled)
    assert df(1.0) == 2.0
    factor = 5.0
    assert df(1.0) == 5.0


def test_inputs_are_not_mutated():
    w, x = args_for_loss(4)
    w0, x0 = w.copy(), x.copy()
    tangentish.grad(loss, wrt=(0, 1))(w, x)
    np.testing.assert_array_equal(w, w0)
    np.testing.assert_array_equal(x, x0)


def test_unused_argument_gets_zero_gradient():
    def ignores_y(x, y):
        return x * 2.0

    gx, gy = tangentish.grad(ignores_y, wrt=(0, 1))(1.0, np.ones((2, 2)))
    assert gx == 2.0
    np.testing.assert_array_equal(gy, np.zeros((2, 2)))


def test_lambda_in_a_file():
    df = tangentish.grad(lambda x: x ** 3)
    assert df(2.0) == pytest.approx(12.0)


def test_optimized_false_gives_same_numbers():
    w, x = args_for_loss(5)
    fast = tangentish.grad(loss)(w, x)
    plain = tangentish.grad(loss, optimized=False)(w, x)
    np.testing.assert_allclose(fast, plain)
    assert len(tangentish.source(loss, optimized=False)) >= len(tangentish.source(loss))


def test_math_module_on_floats():
    def f(t):
        return math.sin(t) * math.exp(t)

    t = 0.7
    assert tangentish.grad(f)(t) == pytest.approx(math.cos(t) * math.exp(t) + math.sin(t) * math.exp(t))
