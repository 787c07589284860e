"""``super().method(...)`` in a method of a bound method's object (``grad(model.loss)``): the
method Python's zero-argument ``super()`` finds (the next class after the one defining the
calling method, in the object's class's MRO, that has it), inlined with ``self`` kept, at any
depth of a chain of subclasses, in every mode against central finite differences.  It was a
``MissingRuleError`` ("`.forward()` is no array method").  A module's object's method inlined
into a function finds it from the object's class the same way."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish


class Base:
    def __init__(self, W):
        self.W = W

    def forward(self, x):
        return x @ self.W

    def loss(self, x, y):
        return np.mean((self.forward(x) - y) ** 2)


class Squashed(Base):
    def forward(self, x):
        return np.tanh(super().forward(x))


class Scaled(Squashed):
    def forward(self, x):
        return 2.0 * super().forward(x) + 0.1 * x.sum()

    def loss(self, x, y):
        return super().loss(x, y) + 0.01 * np.sum(self.forward(x) ** 2)


MODEL = Scaled(np.array([[0.3, -0.2], [0.5, 0.1], [-0.4, 0.7]]))


def through_module_object(x, y):
    return MODEL.loss(x, y)


R = np.random.default_rng(2121)
X, Y = R.normal(size=(5, 3)), R.normal(size=(5, 2))
W = R.normal(size=(3, 2))


@pytest.mark.parametrize("cls", [Squashed, Scaled])
@pytest.mark.parametrize("p", [0, 1])
def test_super_calls_in_every_mode(cls, p):
    model = cls(W)
    args = (X, Y)
    ref = numeric_jacobian(model.loss, args, p)
    np.testing.assert_allclose(tangentish.grad(model.loss, wrt=p)(*args), ref, rtol=2e-5,
                               atol=1e-8)
    value, pullback = tangentish.vjp(model.loss, wrt=p)(*args)
    np.testing.assert_allclose(value, model.loss(*args), rtol=1e-12)
    np.testing.assert_allclose(pullback(0.5), 0.5 * ref, rtol=2e-5, atol=1e-8)
    direction = R.normal(size=args[p].shape)
    derivative = tangentish.jvp(model.loss, wrt=p)
    _, tangent = derivative(*args, **{derivative.record.tangents[derivative.wrt[0]]: direction})
    np.testing.assert_allclose(tangent, np.sum(ref * direction), rtol=2e-5, atol=1e-8)


def test_super_in_a_module_objects_method():
    """A module's object's method inlined into a function: ``super()`` is found from the
    object's class (it was refused as not known there; refusals4)."""
    for p in (0, 1):
        ref = numeric_jacobian(through_module_object, [X.copy(), Y.copy()], p)
        got = tangentish.grad(through_module_object, wrt=p)(X.copy(), Y.copy())
        np.testing.assert_allclose(got, ref, rtol=2e-5, atol=1e-8)
