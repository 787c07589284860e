"""An array written with a list or tuple of values (`y[[0, 2]] = [a, b]`, `y[mask] = [a, b]`,
`Y[:, 0] = [...]`, `np.copyto(y, [...])`, `y[...] = [...]`, `parts[1:3] = [a, b]` of an array
made by `np.array(list, dtype=float)`): forward mode's tangent of the write read the list as a
dtype (`np.result_type(a, [u, v])`: a raw `TypeError: Field elements must be 2- or 3-tuples` in
`jvp` and `hvp`, found by the mutation fuzzer, seed 21); each against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

X = np.array([0.3, 0.7, 0.5, 0.9])
V = np.array([0.3, -1.0, 0.4, 0.7])


def fancy(x):
    y = x * 1.0
    y[[0, 2]] = [x[2] * 2.0, x[1] ** 2]
    return np.sum(np.sin(y) * y)


def masked(x):
    y = x * 1.0
    y[x > 0.6] = [x[0] * 2.0, x[3]]
    return np.sum(np.sin(y) * y)


def column(x):
    Y = np.outer(x, x)
    Y[:, 0] = [x[0], x[1], x[2], x[3] * 2.0]
    return np.sum(np.sin(Y))


def copied_to(x):
    y = x * 1.0
    np.copyto(y, [x[3], x[2], x[1], x[0] * 2.0])
    return np.sum(np.sin(y) * y)


def ellipsis(x):
    y = x * 1.0
    y[...] = (x[3], x[2], x[1], x[0] * 2.0)
    return np.sum(np.sin(y) * y)


def made_from_a_list(x):
    parts = [x[0], x[1], x[2], x[3]]
    parts = np.array(parts, dtype=float)
    parts[1:3] = [parts[2] * 2.0, parts[1] * 3.0]
    return parts[0] * parts[1] + parts[2] * parts[3]


CASES = [fancy, masked, column, copied_to, ellipsis, made_from_a_list]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_jvp_of_a_write_of_a_list(f):
    expected = numeric_grad(f, [X.copy()]) @ V
    value, tangent = tangentish.jvp(f)(X.copy(), x_dot=V)
    assert value == pytest.approx(f(X.copy()))
    assert tangent == pytest.approx(expected, rel=1e-6, abs=1e-8)


def test_hvp_of_a_write_of_a_list():
    gradient, h = tangentish.grad(column), 1e-5
    expected = (gradient(X + h * V) - gradient(X - h * V)) / (2 * h)
    np.testing.assert_allclose(tangentish.hvp(column)(X.copy(), V), expected, rtol=1e-5,
                               atol=1e-7)


# The adjoints of np.select's and np.choose's choices were a list even for an array of choices,
# which the adjoint of a slice write into that array then indexed with a tuple (`choice[..., :1]
# = ...`: a raw TypeError 'list indices must be integers or slices, not tuple' in grad, and in
# the hvp of np.choose; mutation fuzzer, seed 43): an array of choices gets one array.
def selected_from_an_array(x):
    choice = np.array([-(x + 1) ** 2, (x - 1) ** 3], dtype=float)
    choice[..., :1] = choice[..., :1] * 2.0 + 0.25
    return np.sum(np.select([x < -1, x > 1], choice, default=0.5 * x))


def chosen_from_an_array(x):
    A = np.stack([x * 2.0, x ** 2, np.sin(x)])
    A[..., :1] = A[..., :1] * 3.0
    return np.sum(np.choose(np.array([0, 2, 1, 1]), A) ** 2)


@pytest.mark.parametrize("f", [selected_from_an_array, chosen_from_an_array],
                         ids=lambda f: f.__name__)
def test_choices_given_as_an_array(f):
    x = np.array([-1.5, 0.3, 1.7, 0.9])
    np.testing.assert_allclose(tangentish.grad(f)(x), numeric_grad(f, [x]), rtol=1e-6, atol=1e-8)
    gradient, h, v = tangentish.grad(f), 1e-5, np.array([0.3, -1.0, 0.4, 0.7])
    np.testing.assert_allclose(tangentish.hvp(f)(x, v),
                               (gradient(x + h * v) - gradient(x - h * v)) / (2 * h),
                               rtol=1e-5, atol=1e-6)
