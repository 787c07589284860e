"""Methods of the user's own classes, called where a function is differentiated
(``passes/inline_helpers.py``: ``inline_method`` and ``inline_own_method``).

- ``self.act(v)`` inside a bound method differentiated (``tangentish.grad(model.loss)``): the
  method of the object's class, inlined; the class is part of the transform's key, so a subclass
  overriding ``act`` gets a derivative of its own.
- ``model.loss(x)`` and ``model(x)`` on an object of the module, inside a plain function: the
  method's body inlined with ``self`` read as ``model``.

Every gradient is checked against finite differences, in several modes; what cannot be inlined
(the class unknown, an attribute of the object hiding a method, a method that changes its
object) is refused with the call's file and line.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish
from tangentish.errors import ArgumentError, UnsupportedConstructError

MODELS = '''
import dataclasses

import numpy as np


def squash(v):
    return np.tanh(v)


class Model:
    def __init__(self, w, shift=0.1):
        self.w = np.asarray(w, dtype=float)
        self.shift = shift

    def act(self, v):
        return squash(v * self.w + self.shift)

    def hidden(self, x, scale=2.0):
        return self.act(x) * scale - 0.5 * x

    def loss(self, x):
        h = self.hidden(x)
        return np.sum(self.act(h) ** 2) + self.penalty(x, scale=0.1)

    def penalty(self, x, scale):
        return scale * np.sum(x * x)

    def __call__(self, x):
        return self.loss(x) * 2.0


class Sub(Model):
    def act(self, v):
        return np.sin(v) * self.w


class Counting(Model):
    def act(self, v):
        self.calls = 1
        return np.tanh(v)


@dataclasses.dataclass
class Layer:
    w: np.ndarray
    b: float

    def pred(self, x):
        return np.tanh(self.w * x + self.b)

    def loss(self, x):
        return np.sum(self.pred(x) ** 2)


class Linear:
    def __init__(self, n, m, seed):
        rng = np.random.default_rng(seed)
        self.W, self.b = rng.normal(size=(n, m)), rng.normal(size=m)

    def __call__(self, x):
        return x @ self.W + self.b


class Net:
    def __init__(self):
        self.first, self.second = Linear(3, 4, 0), Linear(4, 2, 1)

    def __call__(self, x):
        return self.second(np.tanh(self.first(x)))

    def loss(self, x):
        return np.sum(self(x) ** 2)


class Twice(Model):
    def __call__(self, x):
        return np.sum(self.act(x) ** 2) * 2.0

    def loss(self, x):
        return self(x) + self.act(x).sum()


class Buffered(Model):
    def act(self, v):  # (writes into an array of its own: not inlined, a derivative of its own)
        out = np.zeros(v.shape)
        out[0] = np.tanh(v[0] * self.w[0])
        out[1:] = np.sin(v[1:]) * self.w[1:]
        return out + self.shift


BUFFERED = Buffered([1.0, -2.0, 0.5])


def through_buffered(x):
    return BUFFERED.loss(x) + np.sum(BUFFERED.act(x) ** 3)


class Recursive(Model):
    def loss(self, x):
        return self(x)  # (Model.__call__ calls self.loss: this one)


NET = Net()


def through_layers(x):
    return np.sum(NET(x) ** 2) + NET.loss(x)


MODEL = Model([1.0, -2.0, 0.5])
OTHER = Sub([0.5, 1.0, 1.5])


def cos_penalty(self, x, scale):
    return scale * np.sum(np.cos(3.0 * x))


def through_global(x):
    return MODEL.loss(x) + MODEL(x) * 0.5


def through_global_hidden(x):
    return np.sum(MODEL.hidden(x, scale=3.0))
'''

X = np.array([0.3, -0.7, 1.1])
V = np.array([1.0, 0.5, -2.0])


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("methods"), "user_models", MODELS)


def _objects(models):
    return {"model": models.Model([1.0, -2.0, 0.5]), "sub": models.Sub([0.5, 1.0, 1.5]),
            "shifted": models.Model([0.2, 0.4, 0.6], shift=-0.3)}


@pytest.mark.parametrize("name", ["model", "sub", "shifted"])
@pytest.mark.parametrize("method", ["loss", "__call__"])
def test_bound_methods_calling_their_own_methods(models, name, method):
    obj = _objects(models)[name]
    f = obj.loss if method == "loss" else obj
    expected = numeric_grad(f, (X,))
    assert_grad_close(tangentish.grad(f)(X), expected)
    value, gradient = tangentish.value_and_grad(f)(X)
    assert np.isclose(value, f(X)) and np.allclose(gradient, expected, rtol=1e-5, atol=1e-7)
    _, tangent = tangentish.jvp(f)(X, x_dot=V)
    assert np.isclose(tangent, expected @ V, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", ["model", "sub"])
def test_second_order_of_a_bound_method(models, name):
    obj = _objects(models)[name]
    hessian = tangentish.hessian(obj.loss)(X)
    gradient = tangentish.grad(obj.loss)
    expected = np.array([numeric_grad(lambda x, i=i: gradient(x)[i], (X,)) for i in range(3)])
    np.testing.assert_allclose(hessian, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangentish.hvp(obj.loss)(X, V), hessian @ V, rtol=1e-8, atol=1e-10)


def test_a_subclass_overriding_a_method_gets_its_own_derivative(models):
    base, sub = models.Model([1.0, 2.0, 3.0]), models.Sub([1.0, 2.0, 3.0])
    for _ in range(2):  # (in turns: the cache keys each by the object's class)
        for obj in (base, sub, base):
            assert_grad_close(tangentish.grad(obj.loss)(X), numeric_grad(obj.loss, (X,)))
    assert "np.sin" in tangentish.grad(sub.loss).source
    assert "np.sin" not in tangentish.grad(base.loss).source


def test_global_objects_called_in_a_function(models):
    for f in (models.through_global, models.through_global_hidden):
        assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
        _, tangent = tangentish.jvp(f)(X, x_dot=V)
        assert np.isclose(tangent, numeric_grad(f, (X,)) @ V, rtol=1e-5, atol=1e-7)
    assert "MODEL.w" in tangentish.grad(models.through_global).source  # (`self` read as MODEL)


def test_rebinding_the_global_object_derives_again(models):
    saved = models.MODEL
    try:
        for obj in (models.OTHER, models.Model([3.0, 1.0, 2.0]), saved):
            models.MODEL = obj
            f = models.through_global
            assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
    finally:
        models.MODEL = saved


def test_redefining_a_method_derives_again(models):
    obj = models.Model([1.0, 2.0, 3.0])
    saved = models.Model.penalty
    try:
        first = tangentish.grad(obj.loss)(X)
        models.Model.penalty = models.cos_penalty
        assert_grad_close(tangentish.grad(obj.loss)(X), numeric_grad(obj.loss, (X,)))
        assert not np.allclose(tangentish.grad(obj.loss)(X), first)
    finally:
        models.Model.penalty = saved
    assert_grad_close(tangentish.grad(obj.loss)(X), first)


def _refused(f, *args, match):
    with pytest.raises(UnsupportedConstructError, match=match) as info:
        tangentish.grad(f)(*args)
    assert "user_models.py" in str(info.value) and "line" in str(info.value)
    return str(info.value)


def test_what_cannot_be_inlined_is_refused_where_it_is_called(models):
    obj = models.Model([1.0, 2.0, 3.0])
    text = _refused(models.Model.loss, obj, X, match="methods called on `self`")
    assert "self.hidden(x)" in text  # (the unbound function: the class of `self` is not known)
    hidden = models.Model([1.0, 2.0, 3.0])
    hidden.act = np.tanh  # (an attribute of the object hides its class's method)
    _refused(hidden.loss, X, match="methods called on `self`")
    counting = models.Counting([1.0, 2.0, 3.0])
    _refused(counting.loss, X, match="changes its argument 'self' in place")
    recursive = models.Recursive([1.0, 2.0, 3.0])
    _refused(recursive.loss, X, match="recursive")


def test_methods_differentiated_with_respect_to_the_object_are_refused(models):
    obj = models.Model([1.0, 2.0, 3.0])
    with pytest.raises(ArgumentError, match="held constant"):  # (a plain object: no container)
        tangentish.grad(obj.loss, wrt="self")(X)


def test_a_dataclass_differentiated_with_respect_to_itself(models):
    layer = models.Layer(np.array([1.0, 2.0, 3.0]), 0.5)
    assert_grad_close(tangentish.grad(layer.loss)(X), numeric_grad(layer.loss, (X,)))
    with pytest.raises(UnsupportedConstructError, match="methods called on `self`"):
        tangentish.grad(layer.loss, wrt="self")(X)  # (its fields are leaves: not inlined there)


def test_objects_holding_objects(models):
    """``NET(x)`` on the module's object: ``self.first(x)`` reads ``NET.first``, a ``Linear``
    whose ``__call__`` is inlined in turn.  Bound (``grad(net.loss)``), the classes of the
    object's attributes are part of the transform's key (``layouts.Layout``): the same."""
    f = models.through_layers
    assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
    assert "NET.first.W" in tangentish.grad(f).source
    assert_grad_close(tangentish.grad(models.NET.loss)(X), numeric_grad(models.NET.loss, (X,)))
    assert "= self.first" in tangentish.grad(models.NET.loss).func.source
    twice = models.Twice([1.0, 2.0, 0.5])  # (`self(x)`: its class's __call__)
    assert_grad_close(tangentish.grad(twice.loss)(X), numeric_grad(twice.loss, (X,)))
    looping = models.Model([1.0, 2.0, 0.5])  # (Model.__call__ calls self.loss: no recursion)
    assert_grad_close(tangentish.grad(looping)(X), numeric_grad(looping, (X,)))


def test_methods_that_are_not_inlined_get_a_derivative_of_their_own(models):
    """A method writing into an array of its own is not inlined: called as written, with a
    derivative function of its own (``grad_act_wrt_v(self, v, ...)``) built knowing the class."""
    obj = models.Buffered([0.5, 1.0, -1.5])
    for f in (obj.loss, obj, models.through_buffered):
        expected = numeric_grad(f, (X,))
        assert_grad_close(tangentish.grad(f)(X), expected)
        _, tangent = tangentish.jvp(f)(X, x_dot=V)
        assert np.isclose(tangent, expected @ V, rtol=1e-5, atol=1e-7)
    assert "grad_act_wrt_v(BUFFERED," in tangentish.grad(models.through_buffered).source
    gradient = tangentish.grad(obj.loss)
    hessian = tangentish.hessian(obj.loss)(X)
    expected = np.array([numeric_grad(lambda x, i=i: gradient(x)[i], (X,)) for i in range(3)])
    np.testing.assert_allclose(hessian, expected, rtol=1e-5, atol=1e-6)


def test_a_class_of_another_module(models, tmp_path):
    """The module's object may be of a class defined elsewhere: its methods (of another file:
    never inlined) get derivatives of their own, whose ``self.act(...)`` calls are followed."""
    user = module_from_text(tmp_path, "other_user", """
        import numpy as np
        from user_models import Model

        SHARED = Model([0.3, -0.6, 1.2])


        def f(x):
            return SHARED.loss(x) * np.sum(SHARED(x))
        """) if _importable(models) else None
    assert_grad_close(tangentish.grad(user.f)(X), numeric_grad(user.f, (X,)))


def _importable(models):
    import sys

    sys.modules.setdefault("user_models", models)
    return True
