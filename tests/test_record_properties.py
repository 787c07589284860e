"""Properties of records built in the differentiated function (``passes/record_helpers.py``):
``m.r0`` of a plain class, a dataclass or a named tuple whose ``r0`` is a ``@property`` is its
getter inlined as a method is (``SIRModel.r0.fget(m)``: its ``self.beta`` reads the field), where
the statement reading it always evaluates it; it was refused ("a property is not followed")
however plain the getter.  Each row in every mode against central differences
(``idioms15_check``); a getter that cannot be inlined (it writes into ``self``, or the read sits
under ``if ... else``), or a property written (its setter), is refused naming the property, the
file and the line, never guessed."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import idioms16_style_zoo as style16
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(1907)


class SIR:
    def __init__(self, beta, gamma, dt=0.5):
        self.beta = beta
        self.gamma = gamma
        self.dt = dt

    @property
    def r0(self):
        return self.beta / self.gamma

    @property
    def rate(self):  # (a property reading another)
        return self.r0 * self.gamma * self.dt

    def run(self, steps):
        s, i = 0.99, 0.01
        for _ in range(steps):
            new = self.rate * s * i
            s, i = s - new, i + new - self.gamma * i * self.dt
        return s + 0.01 * self.r0


@dataclasses.dataclass
class Segment:
    a: np.ndarray
    b: np.ndarray

    @property
    def length(self):
        return np.sqrt(np.sum((self.b - self.a) ** 2))

    @property
    def midpoint(self):
        return 0.5 * (self.a + self.b)


class Polar(NamedTuple):
    r: float
    theta: float

    @property
    def x(self):
        return self.r * np.cos(self.theta)


class Counting:
    def __init__(self, a):
        self.a = a

    @property
    def doubled(self):
        self.a = 2 * self.a  # (writes into its object: not inlined)
        return self.a


def plain_class_in_a_method(beta, gamma):
    model = SIR(beta, gamma)
    return model.run(20)


def read_in_expressions(beta, gamma):
    m = SIR(beta, gamma)
    total = m.r0 ** 2
    total += np.log(m.rate) * m.r0
    return total


def dataclass_properties(a, b):
    seg = Segment(a, b)
    return seg.length + np.sum(seg.midpoint ** 2)


def properties_in_a_loop(points):
    total = 0.0
    for k in range(len(points) - 1):
        seg = Segment(points[k], points[k + 1])
        total += seg.length
    return total


def named_tuple_property(r, theta):
    p = Polar(r, theta)
    return p.x ** 2 + p.r


def field_changed_then_read(beta, gamma):
    m = SIR(beta, gamma)
    first = m.r0
    m.beta = m.beta * 2.0
    return first * m.r0


CASES = [
    Case("plain_class_in_a_method", plain_class_in_a_method, (0.5, 0.2), (0, 1)),
    Case("plain_class_in_a_method_beta", plain_class_in_a_method, (0.5, 0.2), 0),
    Case("read_in_expressions", read_in_expressions, (0.5, 0.2), (0, 1)),
    Case("dataclass_properties", dataclass_properties, (_n(3), _n(3)), (0, 1)),
    Case("properties_in_a_loop", properties_in_a_loop, (_n(4, 2),)),
    Case("named_tuple_property", named_tuple_property, (1.5, 0.3), (0, 1)),
    Case("field_changed_then_read", field_changed_then_read, (0.5, 0.2), (0, 1)),
    # (idioms16's pendulum, refused before: its property reads the class's `g`)
    Case("pendulum_method_energy", style16.pendulum_method_energy, (0.3, 0.1), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_a_property_of_a_record_built_inside_in_every_mode(name):
    check(BY_NAME[name])


def under_a_conditional(beta, gamma):
    m = SIR(beta, gamma)
    return m.r0 if beta > 0 else 0.0


class Halved:
    def __init__(self, a):
        self.a = a

    @property
    def double(self):
        return 2 * self.a

    @double.setter
    def double(self, value):
        self.a = value / 2


def written_through_a_setter(x):
    h = Halved(x)
    h.double = 3 * x
    return np.sum(h.a)


def writing_getter(x):
    c = Counting(x)
    return np.sum(c.doubled)


REFUSED = [
    (under_a_conditional, (0.5, 0.2), ("property m.r0", "if ... else")),
    (writing_getter, (_n(3),), ("property c.doubled", "returning once")),
    (written_through_a_setter, (_n(3),), ("writing the property h.double", "setter")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_a_property_that_cannot_be_inlined_is_refused_naming_it(refused, transform):
    check_refusal(*refused, transform)
