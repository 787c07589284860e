"""Structural zeros through a name bound twice (passes/supports.py ``freeze_bound``): the
support of an adjoint read through ``v`` (``_rt.unbroadcast(mask, v)``, an index of ``v``) used to
be dropped where the sweep passed another binding of ``v``, and a singular partial further back
(``np.sqrt`` at 0, ``np.log`` at 0, ``1 / x``) then met a structural 0: ``0 * inf`` = NaN in an
element the output never reads (fuzz seed 4201 program 68).  Now the support is computed into a
name of its own there.  Each row: the gradient at a point where an unread element is singular
is 0 there, and matches central finite differences elsewhere, on the generic call and the
specialized ones."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def branch_then_shift(v, c):
    if c > 0:
        v = np.sqrt(v)
    v = v + 1.5
    return v[1]


def straight_line(v, c):
    v = np.log(v)
    v = v * c + 1.0
    return v[2] * v[1]


def branch_scaled(v, c):
    if c > 0:
        v = 1.0 / v
    else:
        scale = 2.0 - c
        v = v * scale
    v = v * np.array([1.0, 2.0, 3.0])
    return np.sum(v[1:])


def twice_in_branch(v, c):
    w = v * 1.0
    if c > 0:
        w = np.sqrt(w)
        w = w - 0.5
    return w[1] + w[2]


CASES = [
    (branch_then_shift, np.array([0.0, 4.0, 1.0]), 1.0),
    (straight_line, np.array([0.0, 4.0, 1.0]), 0.7),
    (branch_scaled, np.array([0.0, 4.0, 1.0]), 1.0),
    (branch_scaled, np.array([0.0, 4.0, 1.0]), -1.0),
    (twice_in_branch, np.array([0.0, 4.0, 1.0]), 1.0),
]


@pytest.mark.parametrize("fn, v, c", CASES, ids=[f"{c[0].__name__}-{c[2]}" for c in CASES])
@pytest.mark.parametrize("mode", ["grad", "value_and_grad"])
def test_an_unread_singular_element_gets_zero(fn, v, c, mode):
    derivative = getattr(tangentish, mode)(fn)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = specialized_calls(derivative, (v, c), 3)
    for result in results:
        gradient = result[1] if mode == "value_and_grad" else result
        assert gradient[0] == 0.0, gradient  # (v[0] is 0: singular, and never read)
        rest = numeric_grad(lambda u: fn(np.concatenate([v[:1], u]), c), (v[1:],), 0)
        np.testing.assert_allclose(gradient[1:], rest, rtol=1e-6, atol=1e-8)
