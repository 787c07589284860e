"""``sorted(seq, key=F)`` and ``min``/``max(seq, key=F)`` (syntax/keyed.py): the order comes from
the keys (no derivative), the items are differentiated where each came from.  Lists of Python
floats, of arrays and of tuples; lambdas, builtins, NumPy functions, a helper and
``operator.itemgetter``; ``reverse=``, ties (Python's stable order), several arguments, inside a
comprehension's iterable and after a NumPy call in the same statement; every mode and second order
against central differences, two points each, three calls (generic, then specialized)."""

import operator

import numpy as np
import pytest
from helpers import assert_both_orders, specialize

import tangentish
from tangentish.errors import UnsupportedConstructError


def energy(v):
    return np.sum(v ** 2)


def by_magnitude(x):
    xs = [x[0], x[1] * 2.0, x[2], x[3] - 1.0]
    s = sorted(xs, key=lambda v: abs(v))
    return s[0] * 1.0 + s[1] * 2.0 + s[2] * 3.0 + s[3] * np.sin(s[0])


def rows_by_norm(x):
    rows = [x[:2], x[2:] * 3.0, x[1:3]]
    s = sorted(rows, key=np.linalg.norm, reverse=True)
    return np.sum(s[0] * 2.0 + s[1] ** 2) + np.sum(max(rows, key=np.sum) * s[2])


def helper_key(x):
    rows = [x[:2], np.cos(x[2:]), x[1:3] ** 2]
    best = max(rows, key=energy)
    worst = min(rows, key=energy)
    return np.sum(best * worst) + energy(best)


def pairs_by_item(x):
    pairs = [(x[0], 1.0), (x[1], 3.0), (x[2], 2.0), (x[3], 0.5)]
    best = min(pairs, key=operator.itemgetter(1))
    ordered = sorted(pairs, key=lambda p: -p[1])
    return best[0] * 3.0 + ordered[0][0] * ordered[1][0] + max(x[0], x[1], key=abs)


def ranked_in_comprehension(x):
    xs = list(x)
    return sum([v * (i + 1.0) for i, v in enumerate(sorted(xs, key=lambda v: (round(v), -v)))])


def ties_keep_order(x):
    labelled = [(0, x[0]), (1, x[1]), (0, x[2]), (1, x[3])]
    s = sorted(labelled, key=lambda p: p[0], reverse=True)
    first = max(labelled, key=lambda p: p[0])
    return s[0][1] * 1.0 + s[1][1] * 2.0 + s[2][1] * 3.0 + s[3][1] * 4.0 + first[1] ** 2


def after_numpy_call(x):
    return np.sum(x ** 2) + min(list(x), key=lambda v: (v - 0.5) ** 2) * 3.0


def top_two_losses(x):
    losses = [np.mean((x - t) ** 2) for t in (0.0, 1.0, -1.0)]
    worst = sorted(losses, key=float, reverse=True)[:2]
    return worst[0] + 0.5 * worst[1]


CASES = [by_magnitude, rows_by_norm, helper_key, pairs_by_item, ranked_in_comprehension,
         ties_keep_order, after_numpy_call, top_two_losses]
POINTS = [np.array([0.3, -1.2, 2.5, 0.45]), np.array([-0.9, 0.4, 0.2, 1.6])]  # (no ties)


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    x = POINTS[point]
    assert_both_orders(f, x, seed=3)
    specialize(tangentish.value_and_grad(f), (x,))
    for _ in range(2):  # (later calls: the specialized derivative)
        value, _gradient = tangentish.value_and_grad(f)(x)
        assert value == f(x)


def empty_max(x):
    return max([], key=abs) + x[0]


def test_an_empty_sequence_raises_as_python_does():
    with pytest.raises(ValueError) as python:  # (3.13 words it "iterable argument is empty")
        empty_max(POINTS[0])
    with pytest.raises(ValueError) as derivative:
        tangentish.grad(empty_max)(POINTS[0])
    assert str(derivative.value) == str(python.value)


def after_a_helper(x):
    return energy(x) + max(list(x), key=energy)


def test_where_the_call_cannot_move_the_refusal_says_how_to_write_it():
    """After a call of the user's own function in the same statement, the key function (another
    of the user's) cannot be run first: refused, naming a statement of its own."""
    with pytest.raises(UnsupportedConstructError, match="statement of its own"):
        tangentish.grad(after_a_helper)(POINTS[0])
