"""Array methods of an array the module holds (``C.dot(x)``, ``C.T.dot(x)``, ``C.sum(axis=0)``):
lowered as for a local array, to the function's rule (``np.dot(C, x)``); the bound method
``C.dot`` had no rule, and every transform refused it (fuzz seed 4953, program 4).  Each row:
grad, value_and_grad, vjp and jvp against central finite differences (tests/helpers.py), and
hvp against differences of the gradient (test_second_order.py).  The aliasing analysis now sees
the receiver: a write into ``C.reshape(-1)`` (a view of ``C``) is refused, where the derivative
wrote into ``C``; one into ``C.flatten()`` or ``C.take(...)`` (copies) is not."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode
from test_second_order import check

import tangentish

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


def reshaped_then_written(x):  # (Z is C itself, a view: this writes into the module's array)
    Z = C.reshape(-1)
    Z[0] = x[0]
    return np.sum(Z * x[1])


def flattened_then_written(x):  # (.flatten() and .take() copy: Z is the function's own)
    Z = C.flatten()
    Z[0] = x[0]
    return np.sum(Z * x[1])


def taken_then_written(x):
    Z = C.take([0, 1], axis=1)
    Z[0, 0] = x[0]
    return np.sum(Z * x[1])


def test_a_write_into_a_view_of_a_module_array_is_refused():
    """``C.reshape(-1)`` is a view of ``C``: the write is refused (through the bound method
    ``C.reshape`` the result looked new, and the derivative wrote into ``C``)."""
    before = C.copy()
    with pytest.raises(tangentish.UnsupportedConstructError, match="module-level value 'C'"):
        tangentish.grad(reshaped_then_written)(X.copy())
    np.testing.assert_array_equal(C, before)


@pytest.mark.parametrize("fn", [flattened_then_written, taken_then_written],
                         ids=["flatten", "take"])
def test_a_write_into_a_copy_of_a_module_array(fn):
    before = C.copy()
    assert_every_mode(fn, X.copy(), np.array([1.0, -0.5]))
    np.testing.assert_array_equal(C, before)
