"""``+``, ``*`` and slice assignment on lists and tuples join, repeat or splice their items; the
arithmetic rules of ``+`` and ``*`` gave silently wrong gradients there (``[x] + [w]`` was
un-broadcast like an array sum).  A list extended with itself is refused with its line, in both
modes; joins of two lists or two tuples and repetitions by an int (rules of their own), splices
of a list the function made (the join they leave), arithmetic on the items of lists, item
assignment and lists built with ``append``/``extend`` are differentiated (checked against finite
differences)."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError

ROWS = np.array([[1.0], [2.0], [3.0], [4.0]])


def joined(x, w):
    ys = [x] + [w]
    return np.sum(np.stack(ys) * ROWS[:2])


def repeated(x, w):
    ys = [x, w] * 2
    return np.sum(np.stack(ys) * ROWS)


def joined_with_itself(x, w):
    ys = [x, w]
    zs = ys + ys
    return np.sum(np.array(zs) * ROWS)


def tuples_joined(x, w):
    pair = (x,) + (w, x)
    return np.sum(np.stack(pair) * ROWS[:3])


def spliced(x, w):
    xs = [x, x]
    xs[0:1] = [w, w]
    return np.sum(np.stack(xs) * ROWS[:3])


def carried_join(x, w):
    hs = [x]
    for _ in range(3):
        hs = hs + [np.tanh(hs[-1]) * w]
    return np.sum(np.stack(hs) * ROWS)


def copied_then_repeated(x, w):
    ys = [x, w]
    zs = ys[:]
    return np.sum(np.stack(zs * 2) * ROWS)


def extended_with_itself(x, w):
    xs = [x, w]
    xs.extend(xs)
    return np.sum(np.stack(xs) * ROWS)


REFUSED = [(extended_with_itself, "xs.extend(xs)")]
# (a slice of a list the function made assigned is the join it leaves: list_methods.py, refusals9)
# (joins of two lists or two tuples have rules of their own now: tests/test_sequence_joins.py;
# so have repetitions by an int: tests/test_sequence_repeats.py)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("fn, line", REFUSED, ids=[fn.__name__ for fn, _ in REFUSED])
def test_length_changing_list_operations_are_refused_with_their_line(fn, line, mode):
    with pytest.raises(UnsupportedConstructError,
                       match="extended with itself") as info:
        getattr(tangentish, mode)(fn)
    assert line in str(info.value)
    assert "hint:" in str(info.value)


def items_added(x, w):
    hs = [x, w]
    inputs = [np.sin(x), w * 2.0]
    out = 0.0
    for t in range(2):
        out = out + np.sum((hs[t] + inputs[t]) * hs[-1])
    return out


def item_assigned(x, w):
    xs = [x, w]
    xs[0] = np.tanh(w) * x
    return np.sum(np.stack(xs) * ROWS[:2])


def extended(x, w):
    ys = [x]
    ys.extend([w, x * w])
    for _ in range(2):
        ys.append(np.sin(ys[-1]))
    return np.sum(np.stack(ys) * np.arange(1.0, 6.0)[:, None])


def extended_with_a_copy(x, w):
    xs = [x, w]
    xs.extend(xs[:])
    return np.sum(np.stack(xs) * ROWS)


def array_arithmetic_on_an_item(x, w):
    hs = [np.tanh(x)]
    return np.sum(hs[0] * 2.0 + hs[-1] * w)


WORKS = [items_added, item_assigned, extended, extended_with_a_copy, array_arithmetic_on_an_item,
         joined, joined_with_itself, tuples_joined, carried_join, spliced, repeated,
         copied_then_repeated]


@pytest.mark.parametrize("fn", WORKS, ids=lambda fn: fn.__name__)
def test_arithmetic_on_items_and_lists_built_in_place_are_differentiated(fn):
    rng = np.random.default_rng(7)
    x, w = rng.uniform(0.2, 1.0, 3), rng.uniform(0.2, 1.0, 3)
    tangentish.check_grads(fn, (x, w), wrt=(0, 1))
