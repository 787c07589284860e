"""Objects holding objects, and loops over lists and tuples of objects or functions
(``passes/object_loops.py``, ``passes/method_calls.py``, ``layouts.py``).

- Bound (``grad(net.loss)``): ``self.l1(x)``, ``self.layers[0].forward(h)``, ``self.acts[1](x)``
  follow the object's layout (the classes its attributes hold, the lengths of its lists), which
  keys the transform.
- In a plain function: ``for layer in LAYERS``, ``for act in (np.tanh, np.sin)``, ``zip``,
  ``enumerate``, ``reversed``, ``LAYERS[1](x)`` and one-``for`` comprehensions over a module's
  list; the list's length and its items' classes are dependencies of the derivative.
- Comprehensions with several ``for``s (and ``if``s) are nested loops.

Every derivative is checked against finite differences (``tangentish.check_grads``: error
estimated, both modes, second order; vjp and the Hessian against ``numeric_grad``); what stays
unsupported is refused at its line.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X, V = np.array([0.3, -0.7, 1.1]), np.array([1.0, 0.5, -2.0])  # (the point, a direction)

LAYERS = '''
import numpy as np


def cube(v):
    return v * v * v / 3.0


class Dense:
    def __init__(self, seed, scale=1.0):
        rng = np.random.default_rng(seed)
        self.w, self.b = scale * rng.normal(size=(3, 3)), rng.normal(size=3)

    def __call__(self, x):
        return np.tanh(self.w @ x + self.b)

    def forward(self, x):
        return self(x) * 0.5 + 0.1 * x


class Wave:
    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        return np.sin(self.k * x)

    def forward(self, x):
        return self.k * np.cos(x)


class Residual:
    def __init__(self, inner):
        self.inner = inner

    def __call__(self, x):
        return x + self.inner(x)

    def forward(self, x):
        return self.inner.forward(x) - x


class Net:
    def __init__(self, layers, acts=(np.tanh, np.sin, cube)):
        self.l1, self.l2 = Dense(0), Residual(Wave(0.7))
        self.layers = list(layers)
        self.acts = acts
        self.scales = (1.0, -2.0, 0.5)
        self.own = self  # (a cycle: the layout cuts it)

    def loss(self, x):
        return np.sum(self.l2(self.l1(x)) ** 2)

    def loss_loop(self, x):
        for layer in self.layers:
            x = layer(x)
        return np.sum(x ** 2)

    def loss_forward(self, x):
        for i, layer in enumerate(reversed(self.layers), 1):
            x = layer.forward(x) / i
        return np.sum(x)

    def loss_zip(self, x):
        for act, scale in zip(self.acts, self.scales):
            x = act(x) * scale
        return np.sum(x)

    def loss_display(self, x):
        total = 0.0
        for layer in (self.l1, self.l2):
            total = total + np.sum(layer(x))
        return total + sum([np.sum(layer(x)) for layer in self.layers])


LAYER_LIST = [Dense(1), Wave(1.3), Residual(Dense(2, 0.5))]
ACTS = (np.tanh, np.sin, cube)
NET = Net([Dense(3), Wave(0.4)])


def through_list(x):
    for layer in LAYER_LIST:
        x = layer(x)
    return np.sum(x ** 2)


def through_functions(x):
    for act in (np.tanh, np.sin):
        x = act(x) + 0.1 * x
    for act in ACTS:
        x = act(x)
    return np.sum(x)


def through_zip(x):
    total = 0.0
    for k, (layer, act) in enumerate(zip(LAYER_LIST, ACTS)):
        total = total + (k + 1.0) * np.sum(act(layer.forward(x) if k != 2 else layer(x)))
    return total


def through_indexes(x):
    return np.sum(LAYER_LIST[1](LAYER_LIST[0](x)) * ACTS[2](x)) + np.sum(LAYER_LIST[0].forward(x))


def through_object(x):
    return NET.loss_loop(x) + NET.loss_forward(x) * NET.loss_zip(x)


def through_comprehension(x):
    outs = [layer(x) for layer in LAYER_LIST]
    return np.sum(outs[0] * outs[2]) + np.sum(outs[1])
'''

@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("layers"), "user_layers", LAYERS)


def _net(layers):
    return layers.Net([layers.Dense(5), layers.Residual(layers.Wave(0.9)), layers.Dense(6)])


CASES = {
    "self.l2(self.l1(x))": lambda m: _net(m).loss,
    "for layer in self.layers": lambda m: _net(m).loss_loop,
    "enumerate(reversed(self.layers)), .forward": lambda m: _net(m).loss_forward,
    "zip(self.acts, self.scales)": lambda m: _net(m).loss_zip,
    "(self.l1, self.l2) and a comprehension": lambda m: _net(m).loss_display,
    "for layer in LAYER_LIST": lambda m: m.through_list,
    "for act in (np.tanh, np.sin), ACTS": lambda m: m.through_functions,
    "enumerate(zip(LAYER_LIST, ACTS))": lambda m: m.through_zip,
    "LAYER_LIST[1](LAYER_LIST[0](x))": lambda m: m.through_indexes,
    "NET.loss_loop(x) (inlined)": lambda m: m.through_object,
    "[layer(x) for layer in LAYER_LIST]": lambda m: m.through_comprehension,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_mode_against_finite_differences(layers, case):
    f = CASES[case](layers)
    tangentish.check_grads(f, (X,), modes=("rev", "fwd"), order=2, seed=3)
    expected = numeric_grad(f, (X,))
    value, gradient = tangentish.value_and_grad(f)(X)
    assert np.isclose(value, f(X)) and np.allclose(gradient, expected, rtol=1e-5, atol=1e-7)
    _, pullback = tangentish.vjp(f)(X)
    assert_grad_close(pullback(2.0), 2.0 * expected, rtol=1e-5, atol=1e-6)
    _, tangent = tangentish.jvp(f)(X, x_dot=V)
    assert np.isclose(tangent, expected @ V, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("case", ["for layer in self.layers", "for layer in LAYER_LIST",
                                  "zip(self.acts, self.scales)"])
def test_hessians(layers, case):
    f = CASES[case](layers)
    gradient = tangentish.grad(f)
    expected = np.array([numeric_grad(lambda x, i=i: gradient(x)[i], (X,)) for i in range(3)])
    np.testing.assert_allclose(tangentish.hessian(f)(X), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangentish.hvp(f)(X, V), expected @ V, rtol=1e-5, atol=1e-6)


def test_a_changed_module_list_derives_again(layers):
    """The list's length and each item's class are dependencies: grown, shrunk, emptied, an item
    of another class or an item whose class changed, the next ``grad(f)`` is built again."""
    saved, f = list(layers.LAYER_LIST), layers.through_list
    states = [saved + [layers.Wave(2.0)], saved[1:], [layers.Dense(9), *saved[1:]],
              [saved[0], layers.Dense(8), saved[2]], [], saved]
    try:
        for state in states:
            layers.LAYER_LIST[:] = state  # (in place: the same list object)
            assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
        item = layers.LAYER_LIST[0] = layers.Dense(4)
        assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
        item.__class__, item.k = layers.Wave, 0.8
        assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
        derivative = tangentish.grad(f)
        item.k = -0.3  # (a layer's data is read live: the same derivative, the new value)
        assert tangentish.grad(f) is derivative
        assert_grad_close(derivative(X), numeric_grad(f, (X,)))
    finally:
        layers.LAYER_LIST[:] = saved


@pytest.mark.parametrize("calls", [0, 1, 2])
def test_an_item_given_another_class_derives_again(layers, calls):
    """A list item called as a layer runs its class's ``__call__``: the same object given another
    class is another derivative (the item's class is a dependency), also after calls of the old
    one built its specialized code (it was the same object's: stale, silently wrong)."""
    saved, f = list(layers.LAYER_LIST), layers.through_list
    try:
        item = layers.LAYER_LIST[0] = layers.Dense(40 + calls)
        before = tangentish.grad(f)
        for _ in range(calls):
            assert_grad_close(before(X), numeric_grad(f, (X,)))
        item.__class__, item.k = layers.Wave, 0.8
        after = tangentish.grad(f)
        assert after is not before
        for _ in range(2):
            assert_grad_close(after(X), numeric_grad(f, (X,)))
    finally:
        layers.LAYER_LIST[:] = saved


def test_a_changed_object_derives_again(layers):
    """Bound, the object's layout keys the derivative: objects laid out alike share one, a list
    grown or an attribute holding another class gets its own."""
    first, second = _net(layers), _net(layers)
    assert tangentish.grad(first.loss_loop).func is tangentish.grad(second.loss_loop).func
    second.layers.append(layers.Wave(1.7))
    assert tangentish.grad(first.loss_loop).func is not tangentish.grad(second.loss_loop).func
    second.l1 = layers.Wave(0.2)
    second.acts = (np.cos, np.tanh, layers.cube)
    for f in (second.loss_loop, second.loss, second.loss_zip, first.loss_loop):
        assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))


def test_an_object_held_twice(layers):
    """``self.l1`` also in ``self.layers``: one layout, the same derivative as an equal copy."""
    net = _net(layers)
    net.layers.append(net.l1)
    for f in (net.loss_loop, net.loss_forward):
        assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)))
    other = _net(layers)
    other.layers.append(layers.Dense(0))
    assert tangentish.grad(other.loss_loop).func is tangentish.grad(net.loss_loop).func


REFUSED = '''
import numpy as np


class Dense:
    def __init__(self, w):
        self.w = w

    def __call__(self, x):
        return np.tanh(self.w * x)


class Chain:
    def __init__(self, n):
        self.next = Chain(n - 1) if n else None

    def __call__(self, x):
        return np.sin(x) if self.next is None else np.sin(self.next(x))


class Net:
    def __init__(self):
        self.layers = [Dense(1.0), Dense(2.0)]

    def grow(self, x):
        self.layers.append(Dense(3.0))
        for layer in self.layers:
            x = layer(x)
        return np.sum(x)


LAYERS = [Dense(1.0), Dense(2.0)]
CHAIN = Chain(3)


def breaks(x):
    for layer in LAYERS:
        if np.sum(x) > 10.0:
            break
        x = layer(x)
    return np.sum(x)


def rebinds(x):
    for layer in LAYERS:
        x = layer(x)
        layer = None
    return np.sum(x)


def mutates(x):
    for layer in LAYERS:
        x = layer(x)
    LAYERS[0] = Dense(5.0)
    return np.sum(x)


def captures(x):
    for layer in LAYERS:
        x = (lambda v: layer(v))(x)
    return np.sum(x)


def recursive(x):
    return np.sum(CHAIN(x))
'''


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("refused"), "user_refused", REFUSED)


@pytest.mark.parametrize("name, match", [
    ("breaks", "`break` in a loop over objects or functions"),
    ("rebinds", "loop variable `layer` of a loop over objects or functions is assigned"),
    ("mutates", "a loop runs over `LAYERS`, which the function changes"),
    ("captures", "whose variable a nested function reads"),
    ("recursive", "recursive call"),
    ("grow", "a loop runs over `self.layers`, which the function changes"),
])
def test_what_stays_unsupported_is_refused_at_its_line(refused, name, match):
    f = refused.Net().grow if name == "grow" else getattr(refused, name)
    for transform in (tangentish.grad, lambda g: lambda x: tangentish.jvp(g)(x, x_dot=V)):
        with pytest.raises(UnsupportedConstructError, match=match) as info:
            transform(f)(X)
        assert "user_refused.py" in str(info.value) and "line" in str(info.value)
        assert "hint" in str(info.value)


COMPREHENSIONS = '''
import numpy as np


def products(x, y):
    return np.sum(np.array([a * b for a in x for b in y if a > -0.5]))


def triangle(x):
    return sum([x[i] * np.sin(x[j]) for i in range(3) for j in range(i, 3) if i != j or i == 1])


def nested(x, y):
    rows = [[np.tanh(a * b) for b in y if b > 0.0] for a in x]
    return sum(np.sum(np.array(r)) * k for k, r in enumerate(rows))


def three(x, y):
    return np.sum(np.array([a * b - c for a in x if a < 1.0 for b in y for c in (a, b)]))


def generator(x, y):
    return sum(a * np.sin(b) for a in x for b in y if a > b) + max(a * b for a in y for b in x)
'''


@pytest.fixture(scope="module")
def comprehensions(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("comprehensions"), "user_comprehensions",
                            COMPREHENSIONS)


@pytest.mark.parametrize("name", ["products", "triangle", "nested", "three", "generator"])
def test_comprehensions_with_several_fors(comprehensions, name):
    f = getattr(comprehensions, name)
    args = (X,) if name == "triangle" else (X, np.array([0.4, -1.2, 2.0, 0.9]))
    wrt = (0,) if name == "triangle" else (0, 1)
    tangentish.check_grads(f, args, wrt=wrt, modes=("rev", "fwd"), order=2, seed=5)
    expected = numeric_grad(f, args, wrt=0)
    assert_grad_close(tangentish.grad(f)(*args), expected)
    _, tangent = tangentish.jvp(f, wrt=0)(*args, x_dot=V)
    assert np.isclose(tangent, expected @ V, rtol=1e-5, atol=1e-6)
