"""Any callable a user holds: partials, bound methods, class and static methods, callable objects,
decorated methods, inner functions and nested lambdas (tangentish/callables.py).

Every derivative is compared with central finite differences of the callable as the user holds it.
"""

import collections
import dataclasses
import functools
import inspect

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import ArgumentError, ArgumentValueError, SourceUnavailableError
from tangentish.cache import CACHE


def loss(w, x, b):
    return np.sum(np.tanh(x @ w + b) ** 2)


def traced(fn):
    @functools.wraps(fn)
    def wrapper(self, x):
        return 2.0 * fn(self, x)

    return wrapper


class Model:
    scale = 3.0

    def __init__(self, w):
        self.w = w

    def loss(self, x):
        return np.sum(np.sin(self.w * x)) * self.scale

    @traced
    def doubled(self, x):
        return np.sum(self.w * x * x)

    @classmethod
    def cubic(cls, x):
        return cls.scale * x ** 3

    @staticmethod
    def square(x):
        return x * x

    def __call__(self, x, y):
        return np.sum(self.w * x * y)


def make_scaled(y):
    return lambda x: lambda z: y * x * np.sin(z)  # nested lambdas on one line


def outer(a):
    def inner(x):
        return np.exp(a * x)

    return inner


@pytest.fixture
def data(rng):
    return rng.normal(size=3), rng.normal(size=(4, 3)), float(rng.normal())


def close(got, expected):
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)


def test_a_partial_differentiates_its_first_free_parameter_with_bound_ones_constant(data):
    w, x, b = data
    held = functools.partial(loss, x=x, b=b)
    close(tangentish.grad(held)(w), numeric_grad(held, (w,), 0))
    positional = functools.partial(loss, w)  # wrt=0 is x now, the first parameter still free
    close(tangentish.grad(positional)(x, b), numeric_grad(positional, (x, b), 0))
    close(tangentish.grad(positional, wrt=-1)(x, b), numeric_grad(positional, (x, b), 1))


def test_a_partial_argument_named_in_wrt_is_differentiated_at_its_bound_value(data):
    w, x, b = data
    by_keyword = tangentish.grad(functools.partial(loss, x=x, b=b), wrt=("w", "b"))
    gw, gb = by_keyword(w)
    close(gw, numeric_grad(loss, (w, x, b), 0))
    close(gb, numeric_grad(loss, (w, x, b), 2))
    by_position = tangentish.grad(functools.partial(loss, w, x), wrt="w")
    close(by_position(b), numeric_grad(loss, (w, x, b), 0))


def test_a_bound_method_holds_self_constant(rng):
    model = Model(rng.normal(size=3))
    x = rng.normal(size=3)
    d = tangentish.grad(model.loss)
    close(d(x), numeric_grad(model.loss, (x,), 0))
    assert str(inspect.signature(d)) == "(x, *, out_bar=1.0)"
    assert "def grad_loss_wrt_x(self, x" in d.source
    model.w = 2.0 * model.w  # the object is read when the derivative runs
    close(d(x), numeric_grad(model.loss, (x,), 0))


def test_decorated_class_and_static_methods_and_callable_objects(rng):
    model = Model(rng.normal(size=3))
    x, y = rng.normal(size=3), rng.normal(size=3)
    close(tangentish.grad(model.doubled)(x), 4.0 * model.w * x)  # functools.wraps decorator
    assert tangentish.grad(Model.cubic)(2.0) == pytest.approx(3.0 * 3.0 * 4.0)
    assert tangentish.grad(model.cubic)(2.0) == pytest.approx(36.0)  # through an instance
    assert tangentish.grad(Model.square)(3.0) == pytest.approx(6.0)
    assert tangentish.grad(Model.__dict__["square"])(3.0) == pytest.approx(6.0)  # the object
    close(tangentish.grad(model, wrt="y")(x, y), model.w * x)  # its __call__, self constant
    close(tangentish.grad(model, wrt=(0, 1))(x, y)[0], model.w * y)


def test_inner_functions_and_nested_lambdas(rng):
    z = float(rng.normal())
    inner_lambda = make_scaled(2.0)(3.0)
    assert tangentish.grad(inner_lambda)(z) == pytest.approx(6.0 * np.cos(z))
    assert "lambda" in inner_lambda.__qualname__
    assert tangentish.grad(outer(0.5))(z) == pytest.approx(0.5 * np.exp(0.5 * z))


def test_the_other_transforms_take_any_callable(rng):
    model = Model(rng.normal(size=3))
    x = rng.normal(size=3)
    value, pullback = tangentish.vjp(model.loss)(x)
    assert value == pytest.approx(model.loss(x))
    close(pullback(1.0), numeric_grad(model.loss, (x,), 0))
    value, tangent = tangentish.jvp(model.loss)(x, x_dot=np.ones(3))
    assert tangent == pytest.approx(np.sum(numeric_grad(model.loss, (x,), 0)))
    expected = np.diag(-model.scale * model.w ** 2 * np.sin(model.w * x))
    close(tangentish.hessian(model.loss)(x), expected)
    close(tangentish.hvp(model.loss)(x, np.ones(3)), expected @ np.ones(3))
    close(tangentish.jacobian(model.loss)(x), numeric_grad(model.loss, (x,), 0))
    report = tangentish.check_grads(model.loss, (x,), seed=3)
    assert report.ok


def test_derivatives_of_held_callables_can_be_differentiated_again():
    cubed = functools.partial(lambda s, x: s * x ** 3, 2.0)
    assert tangentish.grad(tangentish.grad(cubed))(1.5) == pytest.approx(12.0 * 1.5)
    assert tangentish.grad(tangentish.grad(Model.cubic))(2.0) == pytest.approx(18.0 * 2.0)


def test_repeated_grad_of_a_bound_method_hits_the_cache(rng):
    model = Model(rng.normal(size=3))
    first = tangentish.grad(model.loss)
    misses, hits = CACHE.stats.misses, CACHE.stats.hits
    again = [tangentish.grad(model.loss) for _ in range(5)]  # a new bound method each time
    other = tangentish.grad(Model(np.ones(3)).loss)  # another object: the same transform
    assert CACHE.stats.misses == misses and CACHE.stats.hits == hits + 6
    assert all(a.func is first.func for a in again) and other.func is first.func
    close(other(np.zeros(3)), np.ones(3) * Model.scale)


def test_a_plain_bound_object_is_never_under_wrt():
    model = Model(np.ones(3))
    with pytest.raises(ArgumentError, match="held constant") as info:
        tangentish.grad(model.loss, wrt="self.w")
    assert "make Model a dataclass" in info.value.hint and "self.w" in info.value.hint
    with pytest.raises(ArgumentError, match="wrt='self'"):
        tangentish.grad(model.loss, wrt="self")
    with pytest.raises(ArgumentValueError, match="1 positional parameter"):
        tangentish.grad(model.loss, wrt=1)  # counted as the bound method counts: x only
    with pytest.raises(ArgumentValueError, match="did you mean 'x'"):
        tangentish.grad(model.loss, wrt="X")


def test_what_cannot_be_adapted_says_what_to_do():
    made = np.frompyfunc(abs, 1, 1)  # (no rules: a partial of np.multiply is differentiated)
    with pytest.raises(SourceUnavailableError, match="inside functools.partial of") as info:
        tangentish.grad(functools.partial(made, 2.0))
    assert "rule" in info.value.hint
    with pytest.raises(SourceUnavailableError, match="class"):
        tangentish.grad(Model)
    with pytest.raises(SourceUnavailableError, match="classmethod object"):
        tangentish.grad(Model.__dict__["cubic"])  # not callable: reach it through the class


@dataclasses.dataclass
class Layer:
    w: np.ndarray
    b: float

    def loss(self, x):
        return np.sum(np.tanh(self.w * x + self.b) ** 2)


class Pair(collections.namedtuple("Pair", "w b")):
    def loss(self, x):
        return np.sum(np.tanh(self.w * x + self.b) ** 2)


@pytest.mark.parametrize("kind", [Layer, Pair])
def test_a_dataclass_or_namedtuple_method_is_differentiated_in_its_object(kind):
    """wrt="self" for a method of a dataclass or namedtuple: the gradient is an object of the
    class holding each field's gradient (the documented way to ask for self.w)."""
    rng = np.random.default_rng(3)
    obj, x = kind(rng.normal(size=3), 0.4), rng.normal(size=3)
    gradient = tangentish.grad(obj.loss, wrt="self")(x)
    assert type(gradient) is kind
    close(gradient.w, numeric_grad(lambda w: kind(w, obj.b).loss(x), (obj.w,)))
    close(gradient.b, numeric_grad(lambda b: kind(obj.w, b).loss(x), (obj.b,)))
    both = tangentish.grad(obj.loss, wrt=("self", "x"))(x)
    close(both[1], numeric_grad(obj.loss, (x,)))
    _, pullback = tangentish.vjp(obj.loss, wrt="self")(x)
    close(pullback(1.0).w, gradient.w)
    assert tangentish.check_grads(obj.loss, (x,), wrt="self").ok
    assert tangentish.check_grads(obj.loss, (x,), wrt=("self", 0), order=2).ok
    with pytest.raises(ArgumentError, match="held constant") as info:
        tangentish.grad(obj.loss, wrt="self.w")
    assert "wrt='self'" in info.value.hint
