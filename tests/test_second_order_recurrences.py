"""Second order through loops that write elements or rows of an array: running recurrences
(``acc[i] = f(acc[i - 1], x[i])``), conditional overwrites and clamps of what was just written,
2-D rows, ``while`` loops.  The gradient of such a loop writes the adjoint of the array in place
(``acc_bar[i] = 0.0``, ``_rt.add_at(acc_bar, g, acc, i)``) while its tape holds indices and
values the adjoint reads; differentiating that gradient again (``hvp``, ``hessian``,
``grad(grad(f))``) must see that the tape holds none of ``acc_bar``'s memory (an index, a shape
read by ``_rt.add_at`` or ``_rt.unbroadcast``, is never part of their result).  Each program is
checked at first order against finite differences of ``f`` and at second order against central
finite differences of that gradient (``test_second_order.py``), at points taking both branches.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from test_second_order import MODES, check, check_hessian

import tangentish


def recurrence_with_a_cap(x):
    acc = np.zeros_like(x)
    for i in range(1, len(x)):
        acc[i] = acc[i - 1] * 0.9 + np.tanh(x[i] - x[i - 1])
        if acc[i] > 0.5:
            acc[i] = 0.5
    return np.sum(acc ** 2)


def recurrence(x):
    acc = np.zeros_like(x)
    acc[0] = x[0]
    for i in range(1, len(x)):
        acc[i] = acc[i - 1] * x[i] + np.sin(x[i])
    return np.sum(acc * acc)


def clamp_both_ways(x):
    acc = x * 1.0
    for i in range(1, len(x)):
        acc[i] = acc[i - 1] * 0.7 + x[i] ** 2
        if acc[i] > 0.9:
            acc[i] = 0.9
        elif acc[i] < 0.2:
            acc[i] = acc[i] * x[i]
    return np.sum(np.sin(acc))


def clamp_by_clip(x):
    acc = np.zeros_like(x)
    for i in range(1, len(x)):
        acc[i] = np.clip(acc[i - 1] + x[i] * x[i - 1], -0.4, 0.4)
    return np.sum(acc * x)


def augmented_element_writes(x):
    acc = x ** 2
    for i in range(1, len(x)):
        acc[i] += acc[i - 1] * x[i]
        if acc[i] > 1.0:
            acc[i] *= 0.5
    return np.sum(acc ** 2)


def recurrence_in_a_while(x):
    acc = np.zeros_like(x)
    i = 1
    while i < len(x):
        acc[i] = np.tanh(acc[i - 1] + x[i] * 2.0)
        if acc[i] < -0.3:
            acc[i] = -0.3
        i += 1
    return np.sum(acc ** 2 * x)


def rows_of_a_matrix(x):
    out = np.zeros((3, len(x)))
    out[0] = x
    for i in range(1, 3):
        out[i] = np.tanh(out[i - 1] * 0.8 + x)
        if np.sum(out[i]) > 1.0:
            out[i] = out[i] * 0.5
    return np.sum(out ** 2)


def elements_of_a_matrix(x):
    g = np.outer(x, x)
    for i in range(1, len(x)):
        for j in range(len(x)):
            g[i, j] = g[i - 1, j] * 0.5 + np.sin(g[i, j])
            if g[i, j] > 0.6:
                g[i, j] = 0.6
    return np.sum(g * g)


def running_maximum(x):
    best = np.zeros_like(x)
    best[0] = x[0]
    for i in range(1, len(x)):
        best[i] = np.maximum(best[i - 1], x[i]) * 0.9
        if x[i] < 0.0:
            best[i] = best[i] + x[i] * x[i]
    return np.sum(best ** 3)


# Triangular solves written as loops: each element is read back through a product of a slice
# (``L[i, :i] @ y[:i]``), whose adjoint helpers (``_rt.matmul_right``...) make new arrays, so
# the tape (holding ``y[:i]``'s copy and ``L``'s rows) holds none of ``y_bar``'s memory.
_rng = np.random.default_rng(610)
LOWER = np.tril(_rng.uniform(-0.5, 0.5, (5, 5)), -1) + np.diag(_rng.uniform(1.5, 2.5, 5))


def forward_substitution(b):
    n = b.shape[0]
    y = np.zeros(n)
    for i in range(n):
        y[i] = (b[i] - LOWER[i, :i] @ y[:i]) / LOWER[i, i]
    return np.sum(y ** 2)


def back_substitution(b):
    n = len(b)
    y = np.zeros(n)
    for i in reversed(range(n)):
        y[i] = (b[i] - np.dot(LOWER.T[i, i + 1:], y[i + 1:])) / LOWER[i, i]
    return np.sum(np.sin(y) * b)


def substitution_in_the_matrix(x):
    lower = np.tril(np.outer(x, x), -1) + np.diag(2.0 + x * x)
    y = np.zeros_like(x)
    for i in range(len(x)):
        y[i] = (1.0 - np.inner(lower[i, :i], y[:i])) / lower[i, i]
    return np.sum(y ** 3)


CASES = [recurrence_with_a_cap, recurrence, clamp_both_ways, clamp_by_clip,
         augmented_element_writes, recurrence_in_a_while, rows_of_a_matrix, elements_of_a_matrix,
         running_maximum, forward_substitution, back_substitution, substitution_in_the_matrix]
POINTS = {"mixed": np.array([0.3, -0.8, 1.1, 0.5, 0.9]),
          "small": np.array([0.11, 0.23, 0.17, -0.31, 0.07])}


@pytest.mark.parametrize("point", sorted(POINTS))
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_first_order_of_element_writes_in_loops(fn, point: str) -> None:
    x = POINTS[point]
    assert_grad_close(tangentish.grad(fn)(x), numeric_grad(fn, [x]), label=fn.__name__)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("point", sorted(POINTS))
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_element_writes_in_loops_at_second_order(fn, point: str, mode: str) -> None:
    check(mode, fn, [POINTS[point].copy()], 0)


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_hessian_of_element_writes_in_loops(fn) -> None:
    check_hessian(fn, POINTS["mixed"])


def solve_lower(L, b):
    n = b.shape[0]
    y = np.zeros(n)
    for i in range(n):
        y[i] = (b[i] - L[i, :i] @ y[:i]) / L[i, i]
    return np.sum(y ** 2)


@pytest.mark.parametrize("mode", MODES)
def test_substitution_in_both_arguments_at_second_order(mode: str) -> None:
    check(mode, solve_lower, [LOWER.copy(), POINTS["mixed"].copy()], (0, 1))


def test_hessian_of_a_substitution_in_its_right_hand_side() -> None:
    check_hessian(lambda b: solve_lower(LOWER, b), POINTS["mixed"])
