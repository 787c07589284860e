"""A loop's ``else`` clause: it runs when the loop ends without a ``break`` (desugar_loops.py puts
it after the loop, under ``if not _brk:`` when the loop has a ``break``).  Each row: every entry
point against central differences, at points where the ``break`` is taken and where it is not,
and the second order against the project's checker (finite differences of the gradient)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish


def search(x):
    for v in x:
        if v > 1.0:
            total = v * v
            break
    else:
        total = np.sum(np.sin(x))
    return total


def while_else(x):
    s = 0.0
    i = 0
    while i < 4:
        s = s + x[i] ** 2
        if s > 3.0:
            break
        i += 1
    else:
        s = s * 10.0
    return s


def return_in_the_loop(x):
    for i in range(3):
        if x[i] < 0:
            return x[i] * 3.0
    else:
        y = np.exp(x[0])
    return y + x[1]


def nested_with_continue(x):
    acc = 0.0
    for i in range(3):
        for j in range(3):
            if x[j] > 2.0 + i:
                acc = acc + x[j]
                break
        else:
            acc = acc + x[i] * 0.5
            continue
        acc = acc * 1.5
    return acc


def without_break(x):
    acc = 0.0
    for v in x:
        acc = acc + np.tanh(v)
    else:
        acc = acc * acc
    return acc


def else_breaks_the_outer_loop(x):
    acc = 1.0
    for i in range(4):
        for j in range(i):
            if x[j] > x[i]:
                break
        else:
            acc = acc * x[i]
            if acc > 2.0:
                break
    return acc


FUNCTIONS = [search, while_else, return_in_the_loop, nested_with_continue, without_break,
             else_breaks_the_outer_loop]
POINTS = [np.array([0.3, 0.5, 1.5, -0.2]), np.array([0.3, 0.5, 0.7, 0.2]),
          np.array([2.5, -1.0, 3.7, 0.9]), np.array([0.9, 1.3, 1.9, 2.6])]


def _plain(f, x):
    """Python's own result: the loop with its ``else`` as written."""
    return f(np.array(x))


@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_first_order(f, point):
    x = POINTS[point]
    expected = assert_reverse_modes(f, x, 0.5)
    direction = np.array([1.0, -2.0, 0.5, 3.0])
    value, tangent = tangentish.jvp(f)(x, x_dot=direction)
    assert value == _plain(f, x)
    assert tangent == pytest.approx(float(expected @ direction), rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_second_order(f):
    tangentish.check_grads(f, (POINTS[3],), order=2, seed=1)


def test_the_else_runs_after_the_loop_unless_it_broke():
    source = tangentish.grad(search).source
    assert "_t2 = not _brk_1" in source and "if _t2:" in source, source
