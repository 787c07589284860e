"""Array methods of an array the module holds (``C.dot(x)``, ``C.T.dot(x)``, ``C.sum(axis=0)``):
lowered as for a local array, to the function's rule (``np.dot(C, x)``); the bound method
``C.dot`` had no rule, and every transform refused it (fuzz seed 4953, program 4).  Each row:
grad, value_and_grad, vjp and jvp against central finite differences (tests/helpers.py), and
hvp against differences of the gradient (test_second_order.py)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode
from test_second_order import check

C = np.array([[-0.73, 0.27], [-0.84, 0.11], [0.82, -0.68]])
ROWS = np.array([0.5, -1.5, 2.0])


def dot(x):
    return np.sum(np.sin(C.dot(x)))


def transposed_dot(x):
    return np.sum(np.tanh(C.T.dot(ROWS * x[0]) * x))


def reduction(x):
    return np.sum(C.sum(axis=0) * x * x) + C.mean() * x[1]


def reshaped(x):
    return np.sum(C.reshape(-1)[:2] * np.exp(x))


def clipped_dot(x):
    return np.sum(C.clip(-0.5, 0.5).dot(x) ** 2)


CASES = [dot, transposed_dot, reduction, reshaped, clipped_dot]
X = np.array([0.3, -0.7])


@pytest.mark.parametrize("fn", CASES, ids=[fn.__name__ for fn in CASES])
def test_a_method_of_a_module_array(fn):
    assert_every_mode(fn, X.copy(), np.array([1.0, -0.5]))


@pytest.mark.parametrize("fn", CASES, ids=[fn.__name__ for fn in CASES])
def test_second_order(fn):
    check("fwd-over-rev", fn, [X.copy()], 0)
