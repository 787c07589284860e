"""Namedtuples and dataclasses under ``wrt`` handed whole to small helpers of their module
(passes/record_parameters.py: the helpers inlined before the containers are flattened), and
loops over a tuple of constant keys into a dict under ``wrt`` (passes/computed_keys.py): each
form in every first-order mode against central differences (``idioms20_check``: each leaf its own
differences); before, the first was refused with ``MissingRuleError`` naming the attribute
(``.w``) or "passing the whole namedtuple to a function", the second "this use of the dict"; a
method of such a record (``net.predict(x)``) is inlined as a helper handed it (``Net.predict(net,
x)``: it was refused as "this use of the Net net").
What still cannot be followed is refused at its line."""

import dataclasses
import typing

import numpy as np
import pytest
from idioms15_check import Case, seeded
from idioms20_check import check_mode

import tangentish
from tangentish.errors import UnsupportedConstructError

_n, _u, _ = seeded(2302)


class Dense(typing.NamedTuple):
    W: np.ndarray
    b: np.ndarray


@dataclasses.dataclass
class Net:
    layers: list
    head: np.ndarray

    def predict(self, x):  # (a method of the record under wrt: Net.predict(net, x), inlined)
        return forward(self, x) * self.scale()

    def scale(self):
        return np.sum(self.head ** 2)


def method_loss(net, x):
    return np.sum(net.predict(x) ** 2) + net.layers[1].bias_norm()


class Biased(typing.NamedTuple):  # (a namedtuple's method, called on a path into the record)
    W: np.ndarray
    b: np.ndarray

    def bias_norm(self):
        return self.b @ self.b


def affine(p, x):
    return x @ p.W + p.b


def dense(layer, h, act=np.tanh):  # (a function default: passed by name, then inlined)
    return act(affine(layer, h))


def forward(net, x):
    h = x
    for layer in net.layers:
        h = dense(layer, h)
    return h @ net.head


def net_loss(net, x):  # (a dataclass to a helper looping over its namedtuples to helpers)
    return np.sum(forward(net, x) ** 2)


def last_first(layers, x):  # (parts by constant and negative index, by keyword)
    return np.sum(dense(h=dense(layers[0], x), layer=layers[-1]) ** 2)


def record_and_array(p, scale):  # (the record and an array under wrt together)
    return np.sum(affine(p, np.ones((2, 3)) * scale))


def keyed_loop(params, x):
    h = x
    for name in ("l1", "l2"):
        h = np.tanh(h @ params[name]["W"] + params[name]["b"])
    return np.sum(h ** 2)


def writer(p, x):
    p.b[0] = 0.0
    return x @ p.W


def hands_to_writer(p, x):
    return np.sum(writer(p, x))


X = _n(2, 3)
D1, D2 = Dense(_n(3, 3), _n(3)), Dense(_n(3, 3), _n(3))
CASES = [
    Case("net_loss", net_loss, (Net([D1, D2], _n(3)), X)),
    Case("method_loss", method_loss, (Net([D1, Biased(_n(3, 3), _n(3))], _n(3)), X)),
    Case("last_first", last_first, ([D1, D2], X)),
    Case("record_and_array", record_and_array, (D1, 0.7), (0, 1)),
    Case("keyed_loop", keyed_loop, ({"l1": {"W": _n(3, 3), "b": _n(3)},
                                     "l2": {"W": _n(3, 2), "b": _n(2)}}, X)),
]


@pytest.mark.parametrize("mode", ["value_and_grad", "vjp", "jvp"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_mode_matches_differences(case, mode):
    check_mode(case, mode)


def test_the_helpers_are_inlined():
    source = tangentish.grad(net_loss).specialized(Net([D1, D2], _n(3)), X).source
    assert "def grad_dense" not in source and "def grad_affine" not in source
    assert "net_layers_1_W" in source


def test_a_helper_writing_into_the_record_is_refused():
    with pytest.raises(UnsupportedConstructError) as caught:
        tangentish.grad(hands_to_writer)(D1, X)
    assert "test_record_parameters.py" in str(caught.value) and "hint:" in str(caught.value)
