"""A local bound in the branches of an ``if`` to different functions read from outside and then
called (``if mode == "mean": red = np.mean`` / ``else: red = np.sum``; ``red(x)``), once refused as
a call to a local value, is the call of the function the branch taken chose
(passes/chosen_functions.py).  Each program, at flags choosing each branch, in every first-order
mode and second order against central differences; a flag no branch takes raises what the
function raises; the forms the pass leaves alone stay refused."""

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import UnsupportedConstructError


def _smooth_l1(v):
    return np.where(np.abs(v) < 1.0, 0.5 * v * v, np.abs(v) - 0.5)


def reduced(x, mode="mean"):
    if mode == "mean":
        red = np.mean
    elif mode == "sum":
        red = np.sum
    else:
        raise ValueError(f"unknown reduction {mode}")
    return red(x ** 2) + red(np.abs(x))


def activated(x, act="tanh", scale=1.0):
    if act == "tanh":
        f = np.tanh
    elif act == "sin":
        f = np.sin
    else:
        f = np.arctan
    h = f(scale * x)
    return np.sum(f(h) * x)


def loss_named(x, kind="huber"):
    if kind == "huber":  # noqa: SIM108  (the idiom tested)
        loss = _smooth_l1
    else:
        loss = np.square
    return np.sum(loss(x - 0.3))


def with_a_default(x, act=None, normalise=False):
    f = np.tanh
    if act == "sin":
        f = np.sin
    elif act == "arcsinh":
        f = np.arcsinh
    norm = np.sum
    if normalise:
        norm = np.mean
    return norm(f(x) * x)


CASES = [(reduced, "mean"), (reduced, "sum"), (activated, "tanh"), (activated, "sin"),
         (activated, "other"), (loss_named, "huber"), (loss_named, "l2"),
         (with_a_default, None), (with_a_default, "sin"), (with_a_default, "arcsinh")]
POINT = np.array([0.3, -1.2, 2.0, 0.7])


@pytest.mark.parametrize("f, flag", CASES, ids=lambda c: getattr(c, "__name__", c))
def test_the_chosen_function_is_differentiated(f, flag):
    assert_both_orders(lambda x: f(x, flag), POINT, seed=4)
    got = tangentish.grad(f)(POINT, flag)  # (the flag an argument of the derivative)
    np.testing.assert_allclose(got, tangentish.grad(lambda x: f(x, flag))(POINT), rtol=1e-12)


def test_a_flag_no_branch_takes_raises_as_the_function_does():
    with pytest.raises(ValueError, match="unknown reduction max"):
        tangentish.grad(reduced)(POINT, "max")


def read_between(x, mode="mean"):
    red = np.sum
    y = red(x)
    if mode == "mean":
        red = np.mean
    return y + red(x)


def called_in_a_branch(x, mode="mean"):
    if mode == "mean":
        red = np.mean
        y = red(x)
    else:
        red = np.sum
        y = red(x)
    return y + red(x)


def passed_on(x, mode="mean"):
    if mode == "mean":  # noqa: SIM108
        red = np.mean
    else:
        red = np.sum
    return np.apply_along_axis(red, 0, x)


def test_a_default_and_a_flag_together():
    check = tangentish.grad(with_a_default)
    for act in (None, "sin", "arcsinh"):
        want = tangentish.grad(lambda x, act=act: with_a_default(x, act, True))(POINT)
        np.testing.assert_allclose(check(POINT, act, True), want, rtol=1e-12)
    assert_both_orders(lambda x: with_a_default(x, "arcsinh", True), POINT, seed=5)


@pytest.mark.parametrize("f", [read_between, called_in_a_branch, passed_on],
                         ids=lambda f: f.__name__)
def test_what_the_pass_leaves_alone_stays_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(POINT)
    assert "test_chosen_functions.py" in str(info.value)
