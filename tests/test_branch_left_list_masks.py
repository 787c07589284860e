"""A gradient's tape of tuples (the loops ``list(zip(*rows))`` becomes) whose mask an ``if``
leaves nowhere on one branch (``s *= 0.5``; the other pops the tape), read item by item by a
later reversed loop (``tape_read[-1][0]``) in the gradient's own derivative: the mask the loop
starts from is made in the tape's form (``_rt.read_mask(_tape, ...)``: a name every path binds
is bound wherever the sweep reads it), not one with no items whose ``m[-1]`` is a bare ``True``
(fuzz seed 6089 program 6: ``TypeError: 'bool' object is not subscriptable`` in
``vjp(grad(f))``).  A transpose and a slice of one, at first and second order against central
differences.  (A list of tuples from ``zip`` of two lists, a comprehension, ``+`` or appends
reached no item-wise mask read of this kind before the fix: those programs passed already, and
each costs about 0.3 CPU-seconds to build, so they are not repeated here.)"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

W = np.array([0.62, -0.44])


def transposed(p):
    cols = list(zip(*[p * 2.0, np.log1p(p ** 2)], strict=True))
    s = sum(cols[0]) + cols[-1][1]
    if s >= -1.0:
        s *= 0.5
    elif s < -5.0:
        for a in W:
            s /= 1.0 + a * a
    return np.sin(s * np.sum(p))


def sliced(p):
    rows = [p * 2.0, np.log1p(p ** 2), p ** 3]
    cols = list(zip(*rows[1:], strict=True))
    cols = cols[:2]
    s = cols[-1][0] + cols[0][1]
    if s >= -1.0:
        s *= 0.5
    elif s < -5.0:
        for a in W:
            s /= 1.0 + a * a
    return np.sin(s * np.sum(p))


CASES = [transposed, sliced]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_a_tape_of_tuples_left_unread_by_a_branch_keeps_its_items_form(f):
    p, u = np.array([0.3, 0.2]), np.array([1.0, -0.5])
    gradient = tangentish.grad(f)
    np.testing.assert_allclose(gradient(p), numeric_grad(f, [p]), rtol=1e-6, atol=1e-8)
    value, pullback = tangentish.vjp(gradient)(p)
    np.testing.assert_allclose(value, gradient(p), rtol=1e-12)
    expected = numeric_grad(lambda q: np.sum(u * gradient(q)), [p])
    np.testing.assert_allclose(pullback(u), expected, rtol=1e-6, atol=1e-8)
