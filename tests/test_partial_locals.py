"""``functools.partial`` held in a local and called (passes/partial_locals.py): every way of binding
and calling, in every mode, against central differences; the bound arguments keep the values they
had where the partial was made; any other use is refused by name."""

import functools
from functools import partial

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish
from tangentish.errors import UnsupportedConstructError


def base(a, b, scale=1.0):
    return np.sin(a) * b * scale


def numpy_function(x):
    g = functools.partial(np.power, x)
    return np.sum(g(3.0))


def keyword_bound(x):
    g = partial(base, x, scale=2.0)
    s = 0.0
    for k in range(3):
        s = s + np.sum(g(x * k))
    return s


def keyword_replaced(x):
    g = partial(base, scale=0.5)
    x = x * 2.0
    return np.sum(g(x, x) + g(b=x, a=1.0, scale=3.0))


def bound_value_kept(x):
    y = x * 3.0
    g = partial(base, y)
    y = y * 0.5  # (the partial holds the y of before)
    return np.sum(g(x)) + np.sum(y * y)


def made_in_a_branch(x):
    if np.sum(x) > 0.0:
        g = partial(base, b=x)
        out = np.sum(g(x * x))
    else:
        out = np.sum(x)
    return out


CASES = [numpy_function, keyword_bound, keyword_replaced, bound_value_kept, made_in_a_branch]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_every_mode_matches_differences(f):
    x = np.array([0.3, -0.7, 1.1])
    expected = assert_reverse_modes(f, x)
    direction = np.array([0.5, 1.0, -2.0])
    _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-6, atol=1e-8)
    tangentish.check_grads(f, (x,), order=2, seed=2, warn=False)


def passed_on(x):
    g = partial(base, x)
    return np.sum(apply(g, x))


def apply(fn, v):
    return fn(v)


def returned(x):
    g = partial(base, x)
    return g


@pytest.mark.parametrize("f", [passed_on, returned], ids=lambda f: f.__name__)
def test_a_partial_used_other_than_by_calling_it_is_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(np.array([0.5, 1.5]))
    message = str(info.value)
    assert "functools.partial g used other than by calling it" in message
    assert "test_partial_locals.py" in message


def rebound(x):
    g = partial(base, x)
    g = partial(base, x * 2.0)
    return np.sum(g(x))


def parameter_rebound(x, g=np.sin):
    y = g(x)
    g = partial(base, x)
    return np.sum(g(y))


@pytest.mark.parametrize("f", [rebound, parameter_rebound], ids=lambda f: f.__name__)
def test_a_partial_bound_twice_is_left_to_the_local_call_refusal(f):
    with pytest.raises(UnsupportedConstructError, match="a call to a local value"):
        tangentish.grad(f)(np.array([0.5, 1.5]))
