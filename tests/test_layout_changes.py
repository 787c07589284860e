"""An object changed after the derivative of its method was taken (layout_checks.py): the
derivative was built for the object's layout (which functions its attributes hold, how many layers
a list holds) and must never run for another.  Each row changes an object (a ``Held`` function, a
``Net`` of layers) after ``grad``, ``jvp`` or ``vjp`` of its ``loss`` was taken and called once,
then calls it again: against central differences of the *changed* object, or a clear error.
Before layout_checks.py, every row but the data one ran the old derivative silently (a lambda
rebound to another lambda; a layer appended; a nested layer's function changed), failed inside it
(a layer removed: ``IndexError``; a layer replaced by one of another class: ``AttributeError``)
or raised idioms28's ``TypeError`` (a named function rebound).  A function reading a global
object gets the same from stale.py's watch.  The cheap check (``layouts.holds``) is tested against
the layout made anew for each change and for objects it cannot read cheaply (a cycle, a long list
of data)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import TangentishError
from tangentish.layouts import holds, layout


def softplus(z):
    return np.log1p(np.exp(z))


LAMBDAS = (lambda z: z * z, lambda z: z ** 3)  # (no name: only their identity tells them apart)


class Layer:
    def __init__(self, act=np.tanh):
        self.w = np.array([0.7, -0.4])
        self.act = act

    def __call__(self, x):
        return self.act(x * self.w)


class Shifted:
    def __init__(self):
        self.b = np.array([0.1, 0.2])

    def __call__(self, x):
        return np.cos(x + self.b)


class Net:
    def __init__(self):
        self.layers = [Layer(), Layer(np.sin)]
        self.act = np.tanh
        self.scale = 2.0

    def loss(self, x):
        for layer in self.layers:
            x = layer(x)
        return np.sum(self.act(x) * self.scale)


class Held:
    def __init__(self, act=np.tanh):
        self.act = act

    def loss(self, x):
        return np.sum(self.act(x))


def _set(name, value):
    return lambda net: setattr(net, name, value)


CHANGES = {  # name: (the object, its change, the mode)
    "named_function": (Held, _set("act", softplus), "jvp"),
    "lambda": (lambda: Held(LAMBDAS[0]), _set("act", LAMBDAS[1]), "vjp"),
    "nested_layer_function": (Net, lambda net: setattr(net.layers[0], "act", np.cos), "grad"),
    "layer_appended": (Net, lambda net: net.layers.append(Layer(np.cos)), "grad"),
    "layer_removed": (Net, lambda net: net.layers.pop(), "grad"),
    "layer_replaced": (Net, lambda net: net.layers.__setitem__(1, Shifted()), "grad"),
    "scale_hyperparameter": (Net, _set("scale", 3.0), "grad"),  # (data: read live)
}
X, V = np.array([0.3, -0.5]), np.array([1.0, -2.0])


def _derivative_at(derivative, mode, x):
    """What ``derivative`` (of ``mode``) says of the gradient at ``x``: the gradient, the
    tangent along :data:`V`, or the pullback of 1.5."""
    if mode == "grad":
        return derivative(x)
    if mode == "jvp":
        return derivative(x, x_dot=V)[1]
    return derivative(x)[1](1.5)


def _expected(net, mode, x):
    gradient = numeric_grad(net.loss, (x,))
    return {"grad": gradient, "jvp": gradient @ V, "vjp": 1.5 * gradient}[mode]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_change_after_the_derivative_is_not_stale(name):
    made, change, mode = CHANGES[name]
    net = made()
    derivative = getattr(tangentish, mode)(net.loss)
    assert_grad_close(_derivative_at(derivative, mode, X), _expected(net, mode, X), label="before")
    change(net)
    for _ in range(2):  # (the second call: the derivative for the new layout, kept)
        assert_grad_close(_derivative_at(derivative, mode, X), _expected(net, mode, X),
                          label=name)


def test_a_partial_held_after_the_derivative_is_refused_clearly():
    net = Net()
    derivative = tangentish.grad(net.loss)
    net.act = functools.partial(np.power, x2=2.0)
    with pytest.raises(TangentishError, match="self.act"):
        derivative(X)


NET = Net()


def through_global(x):
    return NET.loss(x) * 2.0


LAYERS, ACTS = [Layer()], {"act": np.tanh}


def through_list(x):
    for layer in LAYERS:
        x = layer(x)
    return np.sum(ACTS["act"](x))


@pytest.mark.parametrize("f, changes", [
    (through_global, (lambda: NET.layers.append(Layer(np.sin)),)),
    (through_list, (lambda: LAYERS.append(Layer(np.cos)), lambda: ACTS.update(act=np.sin)))],
    ids=["object", "list_and_dict"])
def test_a_global_changed_after_the_derivative_of_a_function_reading_it(f, changes):
    """A function reading a global object, list or dict (``NET.loss(x)`` inlined, its layers
    unrolled; ``for layer in LAYERS``; ``ACTS["act"](x)``): what it read below them is watched on
    each call (stale.py; before, each change here left the old derivative running)."""
    derivative = tangentish.grad(f)
    for change in (None, *changes):
        if change is not None:
            change()
        assert_grad_close(derivative(X), numeric_grad(f, (X,)), label=str(change))


def test_a_derivative_of_a_generated_function_bound_by_hand_is_refused_after_a_change():
    """``jvp(functools.partial(grad(m.loss).func, m))``: nothing to rebuild it from (the held
    callable is the old generated function): refused clearly, not run for the old layout."""
    held = Held()
    product = tangentish.jvp(functools.partial(tangentish.grad(held.loss).func, held))
    np.testing.assert_allclose(product(X, x_dot=V)[1], -2 * np.tanh(X) * (1 - np.tanh(X) ** 2) * V,
                               rtol=1e-12)
    held.act = np.sin
    with pytest.raises(TangentishError, match="no longer has") as error:
        product(X, x_dot=V)
    assert error.value.location.filename == __file__


def _cycle(net):
    net.layers[0].owner = net


LAYOUT_CHANGES = {**{name: change for name, (_, change, _) in CHANGES.items()},
                  "partial": _set("act", functools.partial(np.power, x2=2.0)),
                  "module": _set("xp", np),
                  "history_of_floats": _set("history", [0.5] * 20),
                  "history_grown": lambda net: net.history.append(1.0),
                  "tuple_of_functions": _set("acts", (np.sin, np.cos)),
                  "tuple_item_changed": _set("acts", (np.sin, np.tan)),
                  "class_changed": lambda net: setattr(net.layers[1], "__class__", Shifted),
                  "cycle": _cycle, "cycle_broken": lambda net: delattr(net.layers[0], "owner")}


def test_the_cheap_check_agrees_with_the_layout_made_anew():
    """``holds(obj, made)`` is True exactly when the layout made anew is ``made`` (or, where it
    cannot tell cheaply, False): after each change of a sequence of them on one object."""
    net = Net()
    for name, change in LAYOUT_CHANGES.items():
        made = layout(net) or type(net)
        change(net)
        now = layout(net) or type(net)
        assert holds(net, now) or name.startswith("cycle"), name
        assert not holds(net, made) or made == now, name
        assert holds(net, made) == (made == now) or name.startswith("cycle"), name
