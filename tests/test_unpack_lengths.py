"""Unpacking into names checks the length as Python does (``passes/unpack_lengths.py``): a
sequence of another length raises Python's ``ValueError`` in every mode, never silently binds the
first items.  The table crosses the ways a sequence is made (a list built in a loop, a tuple from
an inlined or a checkpointed helper, a tuple display chosen by a branch, an array, a starred
target, a nested target, a loop target) with lengths that match, exceed and fall short; where
Python unpacks, the derivatives are checked against finite differences at first and second
order."""

import numpy as np
import pytest

import tangentish


def built(x, n):
    xs = []
    for i in range(n):
        xs.append(x * (i + 1.0))
    return xs


def three(x):
    return x, 2.0 * x, np.sin(x)


@tangentish.checkpoint
def three_checkpointed(x):
    return x, 2.0 * x, np.sin(x)


def from_loop(x, n):
    a, b = built(x, n)
    return np.sum(a * np.cos(b))


def from_helper(x, n):
    if n == 3:
        a, b, c = three(x)
        return np.sum(a * b * c)
    a, b = three(x)
    return np.sum(a * b)


def from_checkpointed(x, n):
    parts = three_checkpointed(x * n)
    total = np.sum(parts[2])
    if n != 3:
        first, second = parts
        total = total + np.sum(first * second)
    return total


def from_branches(x, n):
    t = (x, np.cos(x))
    if n == 3:
        t = (x, np.cos(x), x)
    elif n == 1:
        t = (x,)
    a, b = t
    return np.sum(a * b ** 2)


def from_array(x, n):
    a, b = x[:n] * 2.0
    return a * np.exp(b)


def starred(x, n):
    a, *_, b = built(x, n)
    return np.sum(np.sin(a) * b)


def nested(x, n):
    (a, b), c = built(x, n), x
    return np.sum(a * b * c)


def loop_target(x, n):
    rows = [built(x, n), built(np.cos(x), n)]
    total = 0.0
    for a, b in rows:
        total = total + np.sum(a * b)
    return total


FORMS = [from_loop, from_helper, from_checkpointed, from_branches, from_array, starred, nested,
         loop_target]


def _modes(fn, x, n):
    """Each transform called at (x, n): value_and_grad, grad, vjp, jvp, hessian."""
    yield lambda: tangentish.value_and_grad(fn)(x, n)
    yield lambda: tangentish.grad(fn)(x, n)
    yield lambda: tangentish.vjp(fn)(x, n)
    yield lambda: tangentish.jvp(fn)(x, n, x_dot=np.ones_like(x))
    yield lambda: tangentish.hessian(fn)(x, n)


def _python_error(fn, x, n):
    try:
        fn(x, n)
    except ValueError as error:
        return error
    return None


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("fn", FORMS, ids=[f.__name__ for f in FORMS])
def test_unpacking_checks_the_length_in_every_mode(fn, n):
    x = np.random.default_rng(620 + n).uniform(0.5, 1.5, 3)
    expected = _python_error(fn, x, n)
    if expected is None:
        assert tangentish.check_grads(fn, (x, n), order=2, seed=n).ok
        value, _ = tangentish.value_and_grad(fn)(x, n)
        assert value == fn(x, n)
        return
    assert "values to unpack" in str(expected)
    for run in _modes(fn, x, n):
        with pytest.raises(ValueError, match="values to unpack"):
            run()


def test_a_tuple_display_of_the_right_length_is_not_checked():
    def f(x):
        t = (x, 2.0 * x)
        a, b = t
        return np.sum(a * b)

    assert "len(" not in tangentish.source(f)
    assert "len(" in tangentish.source(from_loop)
