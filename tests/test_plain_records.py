"""Objects of plain classes built inside the differentiated function (``passes/plain_records.py``
with ``record_locals`` and ``record_helpers``): a class whose ``__init__`` only stores values of
its arguments (``self.a = a``, ``self.bias = 0.0``, ``self.w2 = 2 * a``; one by one or together,
``self.a, self.b = a, b``) is a record like a dataclass, so its fields, methods, properties,
``__call__`` (also a dataclass's) and the data of its class (``k = 2.5``) are followed, also for a
private class (``_State``: the text filter for constructions once asked for a capital first) and a
class inheriting such an ``__init__``, in every mode against central differences
(``idioms15_check``).  A class whose construction may do more is no record: its construction is
refused with the rule lookup's error naming it, never guessed (each reason in a table)."""

from __future__ import annotations

import dataclasses

import idioms16_style_zoo as style
import numpy as np
import pytest
from foreign_acts import ActDense
from helpers import numeric_jacobian
from idioms15_check import Case, by_name, check, seeded
from idioms20_check import check_quietly

import tangentish
from tangentish.passes.plain_records import plain_fields

_n, _u, _ = seeded(1808)


class Box:
    """A test function with its box (the docstring is allowed)."""

    def __init__(self, lower, upper, shift=0.25):
        self.upper = upper
        self.lower = lower
        self.shift = shift

    def __call__(self, x):
        return self.evaluate(np.clip(x, self.lower, self.upper) - self.shift)

    def evaluate(self, z):
        return np.sum(z ** 2) + 0.5 * np.sum(np.sin(3 * z) ** 2)


class State:
    def __init__(self, x, v):
        self.x = x
        self.v = v

    def energy(self, k):
        return 0.5 * np.sum(self.v ** 2) + 0.5 * k * np.sum(self.x ** 2)


class Spring(State):
    k = 2.5  # (data of the class: read from it, `Spring.k`)
    rest = np.array([0.1, -0.1, 0.0])

    def __init__(self, x, v):
        self.x = x
        self.v = v

    def potential(self):
        return 0.5 * self.k * np.sum((self.x - self.rest) ** 2)


class Norm:
    def __init__(self, gain, bias, eps=1e-5):
        self.gain, self.bias, self.eps = gain, bias, eps  # (stored together)

    def __call__(self, x):
        centred = x - x.mean()
        return self.gain * centred / np.sqrt(np.mean(centred ** 2) + self.eps) + self.bias


@dataclasses.dataclass
class Quadratic:
    a: np.ndarray
    c: float = 1.0

    def __call__(self, x):
        return self.c * np.sum(self.a * x * x)


@dataclasses.dataclass
class _Private:
    a: np.ndarray
    b: float = 2.0


class _PrivatePlain:
    def __init__(self, a):
        self.a = a


def private_classes(x):
    p = _Private(np.sin(x))
    q = _PrivatePlain(p.a * p.b)
    q.a = q.a + x
    return np.sum(q.a ** 2)


def _relu(z):
    return np.maximum(z, 0.0)


class ActLayer:
    def __init__(self, W, act=_relu, gain=1.0):
        self.W = W
        self.act = act
        self.gain = gain

    def __call__(self, x):
        return self.gain * self.act(x @ self.W)


class LambdaDefault:
    def __init__(self, W, act=lambda z: 2.0 * z):
        self.W, self.act = W, act

    def __call__(self, x):
        return self.act(x @ self.W)


def function_defaults(W, x):
    first = ActLayer(W)  # (the default, a function of this module)
    second = ActLayer(W * 0.5, act=np.sin, gain=2.0)  # (another one passed)
    return np.sum(first(x) ** 2) + np.sum(second(first(x)))


def foreign_function_default(W, x):
    hidden = ActDense(W, 0.1)  # (another file's class: np.tanh, as this module names it)
    out = ActDense(W.T, -0.2, act=np.cos)
    return np.sum(out(hidden(x)) ** 2)


def called_object(x):
    box = Box(-2.0, 2.0, np.array([0.1, -0.2, 0.3]))
    return box(x)


def method_and_keywords(x):
    box = Box(upper=1.5, lower=-1.5)
    return box.evaluate(x) + box.shift


def fields_written_in_a_loop(x, k=0.7, dt=0.1):
    s = State(x, np.zeros_like(x))
    for _ in range(4):
        s.v = s.v - dt * k * s.x
        s.x = s.x + dt * s.v
    return s.energy(k)


def rebuilt_each_step(x):
    s = State(x, 0.5 * x)
    for _ in range(3):
        s = State(s.x + 0.1 * np.tanh(s.v), s.v - 0.1 * s.x)
    return np.sum(s.x * s.v)


def class_data_and_inherited_method(x):
    s = Spring(x, 0.3 * x)
    return s.potential() + s.energy(s.k) + np.sum(s.rest * s.x)


def dataclass_called(x):
    q = Quadratic(np.array([1.0, 2.0, 0.5]), c=0.3)
    return q(x) + q(np.sin(x))


class Model:
    """A model whose construction stores a constant and computed fields, with a property."""

    def __init__(self, w, scale=2.0):
        self.w = w
        self.scale = scale
        self.bias = 0.5
        self.inv = 1.0 / scale
        self.w2 = -(w * w) * scale

    def predict(self, x):
        return np.tanh(self.w * x) * self.scale + self.bias

    @property
    def norm(self):
        return np.sum(self.w ** 2) * self.inv


class Renames:
    def __init__(self, a):
        self.b = a


def constants_and_computed_fields(x):
    m = Model(x)
    return np.sum(m.predict(np.array([1.0, 2.0, 3.0]))) + m.norm + np.sum(m.w2)


def computed_argument_read_once(x):
    m = Model(np.sin(x), scale=3.0)
    r = Renames(x * 2.0)
    return m.norm * np.sum(r.b)


def property_in_a_loop(x):
    total = 0.0
    m = Model(x, 0.5)
    for _ in range(3):
        total = total + m.norm
        m.w = m.w * 0.9
    return total


def stored_together(gain, x):
    norm = Norm(gain, 0.5)
    return np.sum(np.tanh(norm(x)) ** 2) + norm.eps


def stored_together_swapped_and_computed(x):
    s = SwappedTogether(x)
    c = ComputedTogether(np.sin(x), b=x * x)
    return np.sum(s.a * s.b + c.a * c.b)


@dataclasses.dataclass
class Segment:
    lo: float
    hi: float = 2.0

    def __post_init__(self):
        """Derived sizes (refusals9: a dataclass with __post_init__ was refused)."""
        self.width = self.hi - self.lo
        self.mid = self.lo + 0.5 * self.width
        self.hi = self.hi * 1.5


def dataclass_post_init(x):
    s = Segment(x[0], hi=x[1] ** 2)
    t = Segment(np.sum(x))
    t.lo = t.lo * t.mid
    return s.width * s.mid + np.sin(t.mid) * t.width + s.hi * t.lo


class Starred:
    def __init__(self, *a):
        self.a = a


class Stack:
    """``*layers`` stored whole, as a list (``Sequential(Dense(W1), Tanh())``)."""

    def __init__(self, gain, *layers):
        self.gain = gain
        self.layers = list(layers)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x) * self.gain
        return x


class Tanh:
    def __call__(self, x):
        return np.tanh(x)


def star_arguments_whole(W, x):
    """``*args`` read whole by ``__init__`` (a tuple, ``list(args)``), the construction's
    arguments past the named ones computed (idioms30's ``sequential_model``: refused before
    as a call of ``Dense`` without a rule)."""
    pair = Starred(x, np.sin(x))
    net = Stack(0.5, ActLayer(W), Tanh(), ActLayer(W.T))
    return np.sum(net(x) * pair.a[1]) + np.sum(pair.a[0] ** 2)


def test_star_arguments_read_whole_in_vjp():
    """(One mode: idioms30's sequential_model runs the class in two more.)"""
    check_quietly(Case("star_arguments_whole", star_arguments_whole, (_n(3, 3), _n(3)), (0, 1)),
                  "vjp")


class Scaled(Box):
    def __init__(self, lower, scale, *rest):
        super().__init__(lower * scale, 2.0 * scale, shift=0.5)
        self.rest = list(rest)


def test_a_super_init_stores_the_base_fields_of_its_arguments():
    """``super().__init__(lower * scale, 2.0 * scale, shift=0.5)``: ``Box``'s fields, each its
    argument's expression of ``Scaled``'s parameters, stored where the call stands (idioms30's
    ``kernel_hierarchy``, refused before, runs ``SumKernel`` in two modes)."""
    found = plain_fields(Scaled)
    assert found.fields == ["lower", "upper", "shift", "rest"] and found.params == ["lower", "scale"]
    assert found.star == "rest" and found.values["shift"].value == 0.5


CASES = [
    Case("stored_together", stored_together, (1.3, _n(4)), (0, 1)),
    Case("stored_together_gain", stored_together, (1.3, _n(4)), 0),
    Case("constants_and_computed_fields", constants_and_computed_fields, (_n(3),)),
    Case("computed_argument_read_once", computed_argument_read_once, (_n(3),)),
    Case("property_in_a_loop", property_in_a_loop, (_n(3),)),
    Case("property_in_a_method", style.pendulum_method_energy, (0.3, 0.1), (0, 1)),  # (refused
    # before: `self.omega2` in `Pendulum.step`)
    Case("stored_together_swapped_and_computed", stored_together_swapped_and_computed,
         (_n(3),)),
    Case("called_object", called_object, (_n(3),)),
    Case("called_object_clipped", called_object, (np.array([2.5, -0.4, 1.0]),)),
    Case("method_and_keywords", method_and_keywords, (_n(3),)),
    Case("fields_written_in_a_loop", fields_written_in_a_loop, (_n(3), 0.7), (0, 1)),
    Case("rebuilt_each_step", rebuilt_each_step, (_n(3),)),
    Case("dataclass_called", dataclass_called, (_n(3),)),
    Case("class_data_and_inherited_method", class_data_and_inherited_method, (_n(3),)),
    Case("private_classes", private_classes, (_n(3),)),
    Case("dataclass_post_init", dataclass_post_init, (np.array([0.3, 1.4, -0.6]),)),
    Case("function_defaults", function_defaults, (_n(3, 3), _n(3)), (0, 1)),
    Case("foreign_function_default", foreign_function_default, (_n(3, 3), _n(3)), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_plain_objects_built_inside_in_every_mode(name):
    check(BY_NAME[name])


def returned(x):
    s = State(np.sin(x), x * 2.0)
    s.v = s.v + s.x
    return s


def test_a_returned_plain_object_is_refused_naming_it():
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.vjp(returned)(_n(3))
    message = str(caught.value)
    assert "the State s built in the function returned" in message and \
        "test_plain_records.py" in message and "make State a dataclass" in message


class Calls:
    def __init__(self, a):
        self.a = np.log(a)


class ReadsSelf:
    def __init__(self, a):
        self.b = a
        self.a = self.b * 2


SCALE = 2.0


class ReadsGlobal:
    def __init__(self, a):
        self.a = a * SCALE


class Guarded:
    def __init__(self, a):
        self.a = a

    def __setattr__(self, name, value):
        object.__setattr__(self, name, np.abs(value))


class FromGuarded(Guarded):
    def __init__(self, a):
        self.a = a


class Propertied:
    def __init__(self, a):
        self.a = a

    @property
    def a(self):
        return self._a

    @a.setter
    def a(self, value):
        self._a = value * 3


class SuperCalls(Box):
    def __init__(self, a):
        super().__init__(np.log(a), a)


class KeywordOnly:
    def __init__(self, *, a):
        self.a = a


class ArrayDefault:
    def __init__(self, a=np.zeros(2)):  # noqa: B008  (the point: not a plain constant)
        self.a = a


class Inherits(Box):
    pass


class SwappedTogether:
    def __init__(self, a, b=1.0):
        self.a, self.b = b, a


class ComputedTogether:
    def __init__(self, a, b=1.0):
        self.a, self.b = a, 2 * b


class Twice:
    def __init__(self, a):
        self.a = a
        self.a = a


@dataclasses.dataclass
class PostCalls:
    a: float

    def __post_init__(self):
        self.b = np.log(self.a)


@dataclasses.dataclass(frozen=True)
class PostFrozen:
    a: float

    def __post_init__(self):
        object.__setattr__(self, "b", self.a * 2.0)


@dataclasses.dataclass
class PostInitVar:
    a: float
    k: dataclasses.InitVar[float] = 1.0

    def __post_init__(self, k):
        self.a = self.a * k


@dataclasses.dataclass
class PostGuarded(Guarded):
    a: float

    def __post_init__(self):
        self.a = self.a * 2.0


NOT_RECORDS = [Calls, ReadsSelf, ReadsGlobal, Guarded, FromGuarded, Propertied, SuperCalls, KeywordOnly,
               ArrayDefault, Twice, PostCalls, PostFrozen, PostInitVar, PostGuarded]


def inherited_construction(x):
    box = Inherits(x[0] - 2.0, x[1] + 2.0)
    return box(x)


def test_an_inherited_init_that_only_stores_builds_a_record():
    """``class Inherits(Box): pass``: its construction runs ``Box.__init__``, which only stores
    its arguments, so it is the record ``Box`` is (refused before as not the class's own
    ``__init__``; idioms30's ``class Matern32(Kernel)``), its ``__call__`` followed; the
    gradient against central differences."""
    assert plain_fields(Inherits).fields == plain_fields(Box).fields
    x = np.array([0.4, -0.7, 1.1])
    np.testing.assert_allclose(tangentish.grad(inherited_construction)(x),
                               numeric_jacobian(inherited_construction, (x,), 0), rtol=1e-7)


@pytest.mark.parametrize("cls", NOT_RECORDS, ids=lambda c: c.__name__)
def test_a_construction_that_may_do_more_is_refused_naming_the_class(cls):
    assert plain_fields(cls) is None

    def f(x):
        o = cls(x)
        return np.sum(o.a)

    with pytest.raises(tangentish.TangentishError) as caught:
        tangentish.grad(f)(np.array([0.5, -1.5]))
    assert cls.__name__ in str(caught.value) and "hint:" in str(caught.value)


def test_a_function_default_this_module_does_not_name_is_refused():
    """``act=lambda z: ...``: the construction cannot spell the default it would store."""
    def f(W, x):
        return np.sum(LambdaDefault(W)(x))

    with pytest.raises(tangentish.UnsupportedConstructError, match="the default of 'act'"):
        tangentish.grad(f)(_n(3, 3), _n(3))


def test_plain_fields_in_parameter_order_with_defaults():
    box, state, model = plain_fields(Box), plain_fields(State), plain_fields(Model)
    assert (box.fields, box.params, box.defaults, box.values) == (
        ["lower", "upper", "shift"], ["lower", "upper", "shift"], {"shift": 0.25}, None)
    assert (state.fields, state.defaults, state.values) == (["x", "v"], {}, None)
    assert (model.fields, model.params, model.defaults) == (
        ["w", "scale", "bias", "inv", "w2"], ["w", "scale"], {"scale": 2.0})
    norm = plain_fields(Norm)
    assert (norm.fields, norm.defaults, norm.values) == (["gain", "bias", "eps"], {"eps": 1e-5},
                                                         None)


def computed_arguments(x):
    m = Model(np.sin(x), scale=np.cos(x[0]) + 2.0)
    s = Swapped(np.exp(x), b=x * x)
    return m.norm + np.sum(m.w2) + np.sum(s.a * s.b)


class Swapped:
    def __init__(self, a, b):
        self.b = b
        self.a = a


def test_computed_arguments_are_evaluated_once_in_the_call_order():
    """``Model(np.sin(x))`` stores ``w`` three times (``self.w`` and ``self.w2``): its argument is
    evaluated once, into a name of its own, before the construction (and ``Swapped(f(), g())``
    evaluates ``f()`` first, as Python does, though ``__init__`` stores ``b`` first)."""
    check(Case("computed_arguments", computed_arguments, (_n(3),)))
    code = [line for line in tangentish.grad(computed_arguments).source.splitlines()
            if not line.strip().startswith("#")]
    assert sum("np.sin(x)" in line for line in code) == 1
    assert sum("np.exp(x)" in line for line in code) == 1
    assert min(k for k, line in enumerate(code) if "np.exp(x)" in line) < \
        min(k for k, line in enumerate(code) if "x * x" in line)


def test_a_construction_reading_a_computed_argument_twice_is_refused():
    """Where the arguments stay computed (no statement to hoist them before: a record built in
    a statement the hoisting does not see), the record is refused rather than evaluating an
    argument twice."""
    from tangentish.passes import record_locals
    from tangentish.syntax.parse import parse_function

    def twice(x):
        m = Model(np.sin(x))
        return np.sum(m.w2)

    info = parse_function(twice)
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        record_locals.replace_record_locals(info)
    message = str(caught.value)
    assert "reads 'w' 3 times" in message and "bind" in message and \
        "test_plain_records.py" in message
