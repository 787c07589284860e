"""Structural zeros at second order through a masked quotient.

A singular partial kept on its support is written ``_rt.divided(c, g, b)`` (``np.where(c, g / b,
0.0)``: passes/masked_ratios.py).  Differentiated again (reverse over reverse), its adjoint is
``np.where(c, h / b, 0.0)`` with ``h`` its result's adjoint, which may be 0 by structure where
``b`` is 0 (``np.maximum`` picked its constant, so ``np.sqrt`` of it has an infinite partial that
no output reads): ``0 / 0`` gave NaN where the exact second derivative is finite (fuzz seed 5905
program 6, gradgrad of a ``np.where``-guarded cube root; seed 5918 program 3, vjp of grad through
``np.fmax`` and ``np.minimum``).  The first-order supports knew ``c``; the support of ``h``
(``supports.guard``) was known too, but only recorded: now the quotient's adjoint selects on both.

Each row is reverse over reverse (``vjp`` of ``grad``) against central differences of the
gradient, at a point where a guarded singular function is not read.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import module_from_text, numeric_jacobian

import tangentish

PROGRAMS = """
import numpy as np


def through_matmul(a):  # (a support the product loses at first order: c is 1.0)
    return np.sum(a @ np.where(a < 5.0, np.sqrt(np.maximum(a, 0.0)), 1.0)) * 0.8


def picked_pair(v):  # (the minimum picks 1.0 for the square of v at v = 1.3)
    v = v * np.sqrt(np.fmax(v, 0.0))
    return np.sum(np.minimum(np.asarray((v * v, v)), 1.0))
"""

POINT = np.array([-0.5, 0.7, 1.3, -1.0])  # (the negative elements: max and fmax pick 0)


@pytest.mark.parametrize("name", ["through_matmul", "picked_pair"])
def test_reverse_over_reverse(tmp_path, name):
    f = getattr(module_from_text(tmp_path, f"quotients_{name}", PROGRAMS), name)
    grad = tangentish.grad(f)
    w = np.array([1.0, -2.0, 0.5, 3.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (0 * inf computed, then not selected)
        _, pullback = tangentish.vjp(grad)(POINT)
        got = pullback(w)
        expected = w @ numeric_jacobian(grad, [POINT], 0)
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-7)
