"""A call's last argument ``*e`` whose ``e`` is an expression, not a name (``np.hypot(*(b - a))``,
``np.arctan2(*v[::-1])``, ``helper(*(x * 2.0, y))``), was refused as "star unpacking"; where
Python evaluates ``e`` first in its statement (syntax/hoisted.py) it is a name's value
(``_args = b - a``), whose items syntax/star.py passes one by one to a callee taking a fixed
number of them.  Each program in every first-order mode and second order against central
differences; after a call that is not pure, and in a comprehension, it stays refused."""

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import UnsupportedConstructError
from tangentish.syntax.star import library


def perimeter(x):
    pts = x.reshape(-1, 2)
    total = 0.0
    for i in range(len(pts)):
        total += np.hypot(*(pts[(i + 1) % len(pts)] - pts[i]))
    return total


def heading(x):
    return np.arctan2(*x[:2][::-1]) + np.sum(np.maximum(x[0], *x[2:3]))


def _blend(a, b):
    return a * np.tanh(b)


def into_helper(x):
    return np.sum(_blend(*(x * 2.0, x[::-1])))


def while_test(x):
    k = 0
    while np.hypot(*x[:2]) > 0.5 and k < 4:
        x = x * 0.8
        k += 1
    return np.sum(x ** 2)


def returned_after_pure_calls(x):
    return np.sum(np.cos(x)) + np.hypot(*np.sin(x[1:3]))


CASES = [perimeter, heading, into_helper, while_test, returned_after_pure_calls]
POINT = np.array([0.3, -0.8, 1.2, 0.7])


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_every_mode_matches_differences(f):
    assert_both_orders(f, POINT, seed=3)


def test_every_callable_numpy_exports_is_numpys():
    """A ufunc's ``__module__`` is ``None`` on NumPy 1.x: read off the value, ``np.cos`` in
    ``np.sum(np.cos(x)) + np.hypot(*v)`` was not NumPy's, so not pure, and the spread was refused
    there only.  Every ufunc and function NumPy exports is NumPy's, on every NumPy."""
    exported = [v for k, v in vars(np).items() if not k.startswith("_") and
                (isinstance(v, np.ufunc) or type(v).__name__ in ("function", "_ArrayFunctionDispatcher"))]
    assert len(exported) > 200 and sum(isinstance(v, np.ufunc) for v in exported) > 60
    assert {library(v) for v in exported} == {"numpy"}


def _seen(xs):
    xs.append(1.0)
    return 0.0


def after_a_call(x):
    xs = [x[0], x[1]]
    return _seen(xs) + np.hypot(*np.array(xs)[:2])


def in_comprehension(x):
    return sum(np.hypot(*(x[i:i + 2] * 2.0)) for i in range(2))


@pytest.mark.parametrize("f", [after_a_call, in_comprehension], ids=lambda f: f.__name__)
def test_one_that_cannot_move_stays_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(POINT)
    assert "star unpacking" in str(info.value) and "test_spread_values.py" in str(info.value)
