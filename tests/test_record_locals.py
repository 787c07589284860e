"""Dataclasses and named tuples built inside the differentiated function (passes/record_locals.py).

Every form of construction and field use, in every mode, against central differences (a named
tuple unpacked into its fields, ``a, b = t``, and a class's ``staticmethod`` or ``classmethod``
read through the object too); each use a dict would give another meaning to (the record returned,
iterated, unpacked into other than its fields, a frozen field written...) refused at its line;
classes whose construction does more than store its fields left to the rule lookup (a clear
MissingRuleError, never a silent guess)."""

import dataclasses
import typing
from collections import namedtuple

import numpy as np
import pytest
from helpers import assert_reverse_modes, numeric_jacobian

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError


@dataclasses.dataclass
class Point:
    a: float
    b: float = 2.0


@dataclasses.dataclass(frozen=True)
class Frozen:
    a: float
    b: float


Pair = namedtuple("Pair", "a b", defaults=(0.5,))


class Typed(typing.NamedTuple):
    a: float
    b: float = 3.0


@dataclasses.dataclass
class Checked:
    a: float

    def __post_init__(self):
        self.a = abs(self.a)


def positional(x):
    p = Point(x, x * x)
    return np.sum(p.a * p.b)


def keywords_and_default(x):
    p = Point(b=np.sin(x), a=x)
    q = Point(np.cos(x))
    return np.sum(p.a * p.b + q.a * q.b)


def field_writes(x):
    p = Point(x)
    p.b = p.b * x
    p.b *= 1.5  # (a new array: the caller's x is not written)
    p.a = p.a + np.tanh(x)
    return np.sum(p.a * p.b)


def frozen_reads(x):
    f = Frozen(x, np.exp(-x))
    return np.sum(f.a + f.b * f.a)


def named_tuple(x):
    t = Pair(np.sin(x))
    u = Typed(x, b=x * 2.0)
    return np.sum(t.a * t[1] + u[0] * u.b + t[-1])


def in_branches(x):
    if np.sum(x) > 0:
        p = Point(x, 1.0)
        s = 1.0
    else:
        p = Point(x * 2.0, 3.0)
        s = 2.0
    return np.sum(p.a * p.b) * s


def in_a_loop(x):
    s = Point(x, 0.0)
    for _ in range(3):
        s = Point(np.sin(s.a), s.b + s.a)
    return np.sum(s.b)


def in_a_comprehension(x):
    p = Point(x, 0.5)
    return sum([p.a[i] * p.b for i in range(2)])


def unpacked_by_field(x):
    """``a, b = t`` of a named tuple: its fields in order (``_replace`` then unpacked: idioms30's
    ``namedtuple_replace``; refused before as the record used as a whole)."""
    t = Pair(np.sin(x), x)
    a, b = t
    return np.sum(a * b)


def unpacked(x):
    t = Pair(x, x)
    a, b = t
    u = Typed(np.sin(x), b=x * x)
    [c, d] = u
    return np.sum(a * b + c * d)


@dataclasses.dataclass
class Scaled:
    s: float

    @staticmethod
    def squash(z):
        return z / (1.0 + z * z)

    @classmethod
    def twice(cls, z):
        return 2.0 * z

    def apply(self, x):
        return self.twice(self.squash(self.s * x))


def class_functions_through_the_object(x):
    p, q = Scaled(x[0]), Scaled(2.0)
    return np.sum(p.apply(x) + p.squash(x) * q.twice(x))


CASES = [positional, keywords_and_default, field_writes, frozen_reads, named_tuple, in_branches,
         in_a_loop, in_a_comprehension, unpacked_by_field, unpacked,
         class_functions_through_the_object]
POINTS = [np.array([0.3, -0.8, 1.2]), np.array([-0.9, -0.2, 0.1])]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    x = POINTS[point]
    expected = assert_reverse_modes(f, x)
    direction = np.array([1.0, -0.5, 0.25])
    _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-6, atol=1e-8)
    tangentish.check_grads(f, (x,), order=2, seed=1, warn=False)


def iterated(x):
    t = Pair(x, x)
    return sum(t)


def unpacked_starred(x):
    t = Pair(x, x)
    a, *b = t
    return np.sum(a * b[0])


def unpacked_short(x):
    t = Pair(x, x)
    a, b, c = t  # (ValueError in Python: too few values)
    return np.sum(a * b)


def frozen_written(x):
    f = Frozen(x, x)
    f.a = x * 2.0
    return np.sum(f.a)


def method_read(x):
    t = Pair(x, x)
    return np.sum(t._replace(a=1.0).a)


def unknown_keyword(x):
    p = Point(x, c=1.0)
    return np.sum(p.a)


def missing_field(x):
    p = Point()
    return np.sum(p.b + x)


REFUSED = {iterated: "used as a whole", unpacked_starred: "used as a whole",
           unpacked_short: "used as a whole",
           frozen_written: "frozen Frozen f written", method_read: "t._replace",
           unknown_keyword: "the keyword 'c'", missing_field: "no value for 'a'"}


@pytest.mark.parametrize("f", list(REFUSED), ids=lambda f: f.__name__)
def test_what_a_dict_would_mean_otherwise_is_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(np.array([0.5, 1.5]))
    message = str(info.value)
    assert REFUSED[f] in message and "test_record_locals.py" in message


def returned(x):
    p = Point(np.sin(x), 0.0)
    p.b = np.sum(p.a * x)
    t = Pair(x * 2.0)
    return (p, {"t": t})


def test_a_returned_record_is_built_again_from_its_fields():
    x = np.array([0.3, -0.8, 1.2])
    value = returned(x)
    jac = tangentish.jacobian(returned)(x)
    leaves = {"p.a": lambda v: returned(v)[0].a, "p.b": lambda v: returned(v)[0].b,
              "t.a": lambda v: returned(v)[1]["t"].a, "t.b": lambda v: returned(v)[1]["t"].b}
    got = {"p.a": jac[0].a, "p.b": jac[0].b, "t.a": jac[1]["t"].a, "t.b": jac[1]["t"].b}
    for name, leaf in leaves.items():
        np.testing.assert_allclose(got[name], numeric_jacobian(leaf, (x,), 0), rtol=1e-6,
                                   atol=1e-8, err_msg=name)
    out, pullback = tangentish.vjp(returned)(x)
    assert type(out[0]) is Point and type(out[1]["t"]) is Pair
    np.testing.assert_allclose(out[0].a, value[0].a)
    cotangent = (Point(np.ones(3), 2.0), {"t": Pair(np.zeros(3), 1.0)})
    expected = numeric_jacobian(lambda v: returned(v)[0].a.sum() + 2.0 * returned(v)[0].b
                                + returned(v)[1]["t"].b, (x,), 0)
    np.testing.assert_allclose(pullback(cotangent), expected, rtol=1e-6, atol=1e-8)


def post_init(x):
    c = Checked(x)
    return np.sum(c.a)


def rebound(x):
    p = Point(x)
    s = p.a
    p = x * 2.0
    return np.sum(p + s)


@pytest.mark.parametrize("f", [post_init, rebound], ids=lambda f: f.__name__)
def test_a_construction_that_does_more_is_left_to_the_rule_lookup(f):
    with pytest.raises(MissingRuleError) as info:
        tangentish.grad(f)(np.array([0.5, 1.5]))
    assert "Checked" in str(info.value) or "Point" in str(info.value)


def test_a_local_named_like_a_record_class_is_not_one():
    def f(x):
        Point = np.sin  # noqa: N806 - the point: a local that shadows the class
        p = Point(x)
        return np.sum(p.a)
    with pytest.raises(MissingRuleError, match="attribute `.a`"):  # (np.sin(x).a: the alias
        tangentish.grad(f)(np.array([0.5, 1.5]))  # is called, passes/partial_locals.py)


def test_a_parameter_named_like_a_record_class_is_not_one():
    def f(x, Point=np.sin):  # noqa: N803 - the point: a parameter that shadows the class
        p = Point(x)
        return np.sum(p * 2.0)
    x = np.array([0.5, 1.5])  # (not "the Point p ... used as a whole": its default's call,
    np.testing.assert_allclose(tangentish.grad(f)(x), 2.0 * np.cos(x))  # callable_defaults)
