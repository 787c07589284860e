"""``raise Error(<arguments>)`` (a guard clause, as people validate inputs) is kept in the primal of
every mode and has no derivative; its arguments (constants, values, an f-string, a helper's
result) are computed first, in the primal; what it cannot keep (``from``, a bare re-raise,
``*args``) is refused at the ``raise``.

Each row runs every mode at a point where the guard does not fire (against finite differences, by
``check_grads`` at first and second order) and at a point where it fires (the user's exception,
in every mode)."""

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError


class ShapeError(ValueError):
    pass


def top_guard(alpha, x):
    if x.ndim != 1:
        raise ValueError("x must be a vector")
    return np.sum(np.exp(-alpha * x ** 2))


def guard_in_loop(x):
    s = 0.0
    for v in x:
        if v > 100.0:
            raise ShapeError
        s = s + v * v
    return s


def guard_in_else(x):
    if x.shape[0] > 1:
        y = np.sin(x)
    else:
        raise ValueError("too short", 2)
    return np.sum(y * x)


def _checked_positive(x):
    if np.any(x > 100.0):
        raise ShapeError("too large")
    return np.log1p(x * x)


def guard_in_helper(x):
    return np.sum(_checked_positive(x) * x)


def guard_in_while(x):
    k = 0
    while k < 3:
        k += 1
        x = x * 0.5 + np.sin(x)
        if np.max(np.abs(x)) > 100.0:
            raise ArithmeticError(message_for_overflow())
    return np.sum(x * x)


def message_for_overflow():
    return "overflow"


def f_string_message(x):
    if x.ndim != 1:
        raise ValueError(f"bad rank {x.ndim}")
    return np.sum(x)


def variable_message(x, why="bad rank"):
    if x.ndim != 1:
        raise ValueError(why, x.shape)
    return np.sum(np.tanh(x))


def active_message(x):
    s = np.sum(x ** 2)
    if s > 100.0:
        raise ShapeError(f"norm too large: {s:.3f}", s)
    return s * np.sum(x)


def f_string_in_loop(x):
    acc = 0.0
    for i, v in enumerate(x):
        if v > 50.0:
            raise OverflowError(f"element {i} = {v} too large")
        acc = acc + v * v
    return acc


ROWS = [
    (top_guard, (0.7, np.array([0.3, -0.5, 0.2])), (0.7, np.ones((2, 2))), ValueError),
    (guard_in_loop, (np.array([0.3, -0.5, 0.2]),), (np.array([0.3, 200.0]),), ShapeError),
    (guard_in_else, (np.array([0.3, -0.5, 0.2]),), (np.array([0.3]),), ValueError),
    (guard_in_helper, (np.array([0.3, -0.5, 0.2]),), (np.array([0.3, 200.0]),), ShapeError),
    (guard_in_while, (np.array([0.3, -0.5, 0.2]),), (np.array([400.0, 2.0]),), ArithmeticError),
    (f_string_message, (np.array([0.3, -0.5, 0.2]),), (np.ones((2, 2)),), ValueError),
    (variable_message, (np.array([0.3, -0.5, 0.2]),), (np.ones((2, 2)),), ValueError),
    (active_message, (np.array([0.3, -0.5, 0.2]),), (np.array([9.0, 6.0]),), ShapeError),
    (f_string_in_loop, (np.array([0.3, -0.5, 0.2]),), (np.array([0.3, 60.0]),), OverflowError),
]


@pytest.mark.parametrize("fn, good, bad, error", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_a_guard_clause_is_kept_in_every_mode(fn, good, bad, error):
    assert tangentish.check_grads(fn, good, order=2, seed=4).ok
    wrt = 1 if fn is top_guard else 0
    assert tangentish.check_grads(fn, good, wrt=wrt, order=2, seed=5).ok
    transforms = {
        "grad": lambda: tangentish.grad(fn, wrt=wrt)(*bad),
        "value_and_grad": lambda: tangentish.value_and_grad(fn, wrt=wrt)(*bad),
        "vjp": lambda: tangentish.vjp(fn, wrt=wrt)(*bad),
        "jvp": lambda: tangentish.jvp(fn, wrt=wrt)(*bad, **{
            tangentish.jvp(fn, wrt=wrt).record.tangents[tangentish.jvp(fn, wrt=wrt).wrt[0]]:
            np.ones_like(bad[wrt])}),
        "hvp": lambda: tangentish.hvp(fn, wrt=wrt)(*bad, np.ones_like(bad[wrt])),
    }
    with pytest.raises(error) as original:
        fn(*bad)
    for mode, run in transforms.items():
        with pytest.raises(error) as info:
            run()
        assert type(info.value) is error, mode
        assert info.value.args == original.value.args, mode  # (the message, as Python made it)


def chained(x):
    if x.ndim != 1:
        raise ValueError("bad rank") from None
    return np.sum(x)


def bare(x):
    if x.ndim != 1:
        raise
    return np.sum(x)


def starred(x, why=("bad", "rank")):
    if x.ndim != 1:
        raise ValueError(*why)
    return np.sum(x)


@pytest.mark.parametrize("fn", [chained, bare, starred])
def test_a_raise_that_chains_or_unpacks_is_refused_at_it(fn):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(fn)(np.array([0.3, 0.2]))
    text = str(info.value)
    assert "`raise`" in text and "test_raise.py" in text and "hint:" in text
