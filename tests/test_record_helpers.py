"""Records (and dicts) passed whole to small helpers and returned by them, and rebuilt with a
field replaced (passes/record_helpers.py): every form in every first-order mode and at second order, against
central differences; what still cannot be followed is refused at its line."""

import dataclasses
import math
import typing
from collections import namedtuple

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import UnsupportedConstructError

State = namedtuple("State", "pos vel")


@dataclasses.dataclass
class Filter:
    mean: np.ndarray
    var: float


class Body(typing.NamedTuple):
    x: np.ndarray
    m: float = 2.0


GAIN = 0.3


def step(state, dt):
    vel = state.vel - dt * np.sin(state.pos)
    return State(state.pos + dt * vel, vel)


def update(s, y, r=0.5):
    k = s.var / (s.var + r)
    return Filter(s.mean + k * (y - s.mean), (1 - k) * s.var)


def kinetic(b):
    return 0.5 * b.m * np.sum(b.x ** 2)


def energy(state):
    total = 0.0
    total += kinetic(Body(state.vel))
    return total + np.sum(np.cos(state.pos))


def leapfrog(state, dt):
    half = State(state.pos, state.vel - 0.5 * dt * np.sin(state.pos))
    moved = step(half, dt)
    return moved


def rescaled(state, scale):
    state = State(state.pos * scale, state.vel)  # (its parameter rebound)
    return state


def nt_loop(x):
    state = State(x, np.zeros_like(x))
    for _ in range(4):
        state = step(state, 0.1)
    return np.sum(state.pos ** 2 + state.vel)


def dc_loop(x):
    s = Filter(x, 1.0)
    for y in (0.3, -0.1, 0.5):
        s = update(s, y)
    return np.sum(s.mean) * s.var


def keywords_and_default(x):
    s = Filter(mean=x, var=2.0)
    s = update(r=GAIN, y=np.sin(x), s=s)
    return np.sum(s.mean ** 2) + s.var


def consumed_in_expression(x):
    b = Body(x * 1.5)
    return kinetic(b) * 2.0 + np.sum(x)


def in_branch_test(x):
    b = Body(x, m=0.5)
    if kinetic(b) > 0.25:
        return np.sum(np.sin(x))
    return np.sum(x ** 3)


def nested_helpers(x):
    state = State(x, np.cos(x))
    state = leapfrog(state, 0.2)
    return energy(state)


def clashing_names(x):
    vel = np.sin(x)  # (the helper's own `vel` is renamed)
    state = State(x, vel)
    state = step(state, 0.1)
    return np.sum(state.vel * vel)


def rebound_parameter(x):
    state = State(x, x * 2.0)
    state = rescaled(state, 1.5)
    return np.sum(state.pos * state.vel)


def nt_replace(x):
    s = State(x, x * 2.0)
    s = s._replace(vel=s.vel + 1.0)
    return np.sum(s.pos * s.vel)


def dc_replace(x):
    s = Filter(x, 1.0)
    t = dataclasses.replace(s, var=math.exp(0.5))
    return np.sum(t.mean * t.var + s.mean)


def adam(state, g, lr=0.1):
    m = 0.9 * state.pos + 0.1 * g
    v = 0.99 * state.vel + 0.01 * g * g
    return State(m, v), lr * m / (np.sqrt(v) + 1e-3)


def observed(s, y):
    gain = s.vel / (s.vel + 0.5)
    new = State(s.pos + gain * (y - s.pos), (1.0 - gain) * s.vel)
    return new, np.sum((y - s.pos) ** 2)


def named_tuple_returned(x):
    s = State(x, np.ones_like(x))
    total = 0.0
    for y in (0.3, -0.2):
        s, term = observed(s, y * x)
        total = total + term
    return total + np.sum(s.pos * s.vel)


def tuple_returned(x):
    w = x
    st = State(np.zeros_like(x), np.zeros_like(x))
    for _ in range(3):
        st, update = adam(st, 2.0 * w - 1.0)
        w = w - update
    return np.sum(w ** 2) + np.sum(st.vel)


def weighted_norms(params, scale):
    total = 0.0
    for name, v in params.items():
        total = total + (2.0 if name == "w" else scale) * np.sum(v ** 2)
    return total


def dict_passed(x):
    params = {"w": x, "b": np.sin(x[:2])}
    return weighted_norms(params, 0.5)


def returned_record(x):
    state = State(x, 0.5 * x)
    state = step(state, 0.3)
    return np.sum(state.pos), state


CASES = [nt_loop, dc_loop, keywords_and_default, consumed_in_expression, in_branch_test,
         nested_helpers, clashing_names, rebound_parameter, nt_replace, dc_replace,
         tuple_returned, named_tuple_returned, dict_passed]
POINTS = [np.array([0.3, -0.8, 1.2]), np.array([-0.9, -0.2, 0.1])]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    assert_both_orders(f, POINTS[point], seed=1)


def test_a_returned_record_after_a_helper():
    x = POINTS[0]
    out, pullback = tangentish.vjp(returned_record)(x)
    assert type(out[1]) is State
    np.testing.assert_allclose(out[1].pos, returned_record(x)[1].pos)
    tangentish.check_grads(returned_record, (x,), warn=False)


def test_the_helpers_body_is_in_the_derivative():
    text = tangentish.source(nt_loop)
    assert "step(" not in text.split('"""')[2].split("# adjoint")[0]  # (the primal: inlined)
    assert "[test_record_helpers.py:35]" in text  # (the helper's line is cited)


def writes_its_argument(s):
    s.mean = s.mean * 2.0
    return s.var


def passed_to_a_writer(x):
    s = Filter(x, 1.0)
    return np.sum(writes_its_argument(s) * x)


def passed_to_numpy(x):
    s = State(x, x)
    return np.sum(np.stack(s))


@pytest.mark.parametrize("f", [passed_to_a_writer, passed_to_numpy], ids=lambda f: f.__name__)
def test_a_record_a_helper_cannot_take_is_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(POINTS[0])
    assert "used as a whole" in str(info.value) and "test_record_helpers.py" in str(info.value)
