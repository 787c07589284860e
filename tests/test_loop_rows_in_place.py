"""A loop over the rows of an array, through ``enumerate`` or ``zip``, changing each row in place
(``for i, r in enumerate(Y): r *= w[i]``, ``for a, b in zip(Y, Z): a += b``), as the plain ``for r
in Y`` loop is: the loop's element was bound by one tuple assignment (``i, r = (_i + 0,
Y[_i])``), which hid that ``r`` is ``Y[_i]``, so the change in place was refused ("'Y_item' is
changed in place...").  Each name is now bound on its own (``i = _i + 0; r = Y[_i]``), and the
write is made on ``Y`` itself.  A loop whose names rebind a name its sequence reads (``for y, b in
zip(y, z)``) reads the sequence once, before the loop, as Python does (it read the rebound name:
a raw ``IndexError``).  So is a tuple assignment of rows, ``u, v = y[0], y[1]`` (``u += v`` was
refused naming a temporary).  Checked in every first-order mode against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def scaled_by_position(x, w):
    y = x * 1.0
    for i, r in enumerate(y):
        r *= w[i] + 1.0
    return np.sum(y ** 3)


def centred_from_one(x, w):
    y = np.tanh(x)
    for k, row in enumerate(y, start=1):
        row -= row.mean() * k
    return np.sum(y * w[:, None]) + np.sum(y ** 2)


def added_pairwise(x, w):
    y = x * 2.0
    z = np.sin(x)
    for a, b in zip(y, z, strict=True):
        a += b * w[0]
    return np.sum(y ** 3)


def nested_targets(x, w):
    y = x * 1.0
    for i, (a, b) in enumerate(zip(y, x ** 2, strict=True)):
        a *= np.tanh(b.sum()) + w[i]
    return np.sum(np.cos(y))


def target_read_by_its_element(x, w):
    y = x * 1.0
    z = x ** 2
    for z, b in zip(y, z, strict=True):  # noqa: B020 (the loop rebinds `z`, which it reads)
        z += b
    return np.sum(y ** 3) + np.sum(z)


def loop_name_is_its_sequence(x, w):
    y = x * w[0]
    s = 0.0
    for y, b in zip(y, x ** 2, strict=True):  # noqa: B020 (a raw IndexError before)
        s = s + np.sum(y) * np.sum(b)
    for i, x in enumerate(x):  # noqa: B020
        s = s + np.sum(x) * (i + w[1])
    return s + np.sum(y)


def rows_unpacked(x, w):
    y = x * 1.0
    u, v = y[0], y[1]  # (bound one by one: `u` is `y[0]`, written on `y`)
    u += v * w[0]
    a, (b, c) = w[1], (y[1], np.tanh(v))
    b *= a
    return np.sum(y ** 3) + np.sum(c)


def names_swapped(x, w):
    p, q = x[0] * w[0], x[1] * w[1]
    for _ in range(3):
        p, q = q, p * q  # (reads its own names: one assignment, as Python evaluates it)
    return np.sum(p * q)


CASES = [scaled_by_position, centred_from_one, added_pairwise, nested_targets,
         target_read_by_its_element, loop_name_is_its_sequence, rows_unpacked, names_swapped]
X = np.array([[0.3, -0.7, 0.2], [1.2, 0.4, -0.5]])
W = np.array([0.5, -0.25])


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_rows_changed_in_place_through_enumerate_and_zip(fn):
    x, w = X.copy(), W.copy()
    value, (gx, gw) = tangentish.value_and_grad(fn, wrt=(0, 1))(x, w)
    assert value == pytest.approx(fn(X.copy(), W))
    expected = numeric_grad(lambda a, b: fn(a.copy(), b), (X, W), (0, 1))
    np.testing.assert_allclose(gx, expected[0], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gw, expected[1], rtol=1e-6, atol=1e-8)
    dx = np.array([[0.5, -1.0, 0.25], [2.0, 0.1, -0.3]])
    _, tangent = tangentish.jvp(fn)(x, w, x_dot=dx)
    assert tangent == pytest.approx(np.sum(gx * dx), rel=1e-9)
    _, pullback = tangentish.vjp(fn, wrt=1)(x, w)
    np.testing.assert_allclose(pullback(2.0), 2.0 * gw, rtol=1e-12)
    assert np.array_equal(x, X) and np.array_equal(w, W)
