"""Star unpacking in tuple and list displays (``np.zeros((n, *x.shape))``, ``[*parts, y]``) and in
a ``.reshape`` call's shape (``a.reshape(-1, *x.shape[1:])``), once refused as "star unpacking",
are the concatenations Python builds (tangentish/syntax/star_displays.py).  Each program is
checked in every first-order mode against central differences; where ``tuple`` or ``list`` is
not the builtin it stays refused (a star among another call's arguments: test_spread_values.py)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError


def trajectory(x):
    steps = np.zeros((3, *x.shape))
    steps[0] = x
    for k in range(1, 3):
        steps[k] = np.tanh(steps[k - 1]) * 1.5 + x
    return np.sum(steps[-1] ** 2) + np.sum(steps[1])


def flattened_rows(x):
    y = np.stack([x, x ** 2])
    return np.sum(np.sin(y.reshape(-1, *y.shape[2:])) * np.arange(4.0)[:, None])


def reshaped_whole(x):
    return np.sum(x.reshape(*x.shape) ** 3) + np.sum(np.reshape(x, (*x.shape, 1)) ** 2)


def stacked_parts(x):
    parts = [x, np.cos(x)]
    more = (x * x,)
    return np.sum(np.stack([*parts, np.exp(x), *more]) ** 2)


def shape_tuple_built(x):
    shape = (1, *x.shape[:1], x.shape[1])
    z = x.reshape(shape) * np.ones((2, *x.shape))
    return np.sum(z ** 2) + len((*x, x[0])) * np.sum(x)


CASES = [trajectory, flattened_rows, reshaped_whole, stacked_parts, shape_tuple_built]
X = np.array([[0.3, -0.7], [1.2, 0.4]])


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_starred_displays_are_differentiated(fn):
    value, gradient = tangentish.value_and_grad(fn)(X.copy())
    assert value == pytest.approx(fn(X.copy()))
    np.testing.assert_allclose(gradient, numeric_grad(fn, (X,), 0), rtol=1e-6, atol=1e-8)
    direction = np.array([[0.5, -1.0], [0.25, 2.0]])
    _, tangent = tangentish.jvp(fn)(X, x_dot=direction)
    assert tangent == pytest.approx(np.sum(gradient * direction), rel=1e-9)
    _, pullback = tangentish.vjp(fn)(X)
    np.testing.assert_allclose(pullback(-2.0), -2.0 * gradient, rtol=1e-12)


def shadowing_list(x):
    list = [x, x * 2.0]  # noqa: A001 (a local named `list`: the display is left as written)
    return np.sum(np.stack([*list, x]))


@pytest.mark.parametrize("fn", [shadowing_list], ids=lambda f: f.__name__)
def test_what_is_not_rewritten_stays_refused(fn):
    with pytest.raises(UnsupportedConstructError, match="star unpacking"):
        tangentish.grad(fn)(np.array([0.5, 1.5]))
