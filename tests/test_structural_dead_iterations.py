"""Structural zeros of a loop iteration whose value the next one overwrites, unread.

``for k in range(2): r = np.sqrt(x * k)`` returns the last ``r``: the first iteration's is never
read, and its adjoint is 0 by structure.  The reverse loop materialized it as zeros
(``r_bar = r_1_bar if r_1_bar is not None else np.zeros_like(r)``) and the singular partial of
that iteration (``sqrt`` at 0: inf) made ``0 * inf`` = NaN, where the derivative is finite (fuzz
seed 4950, program 110, a second derivative: ``abs(u) ** 1.5`` twice in a loop at ``u = 0``).
Now whether the adjoint was given is the copy's support (passes/adjoint_code.py ``_copied``).
Each row: the reverse modes against central finite differences (tests/helpers.py), every
element finite; the second-order row against the closed form."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish


def sqrt_of_counter(x):
    for k in range(2):
        r = np.sqrt(x * k)
    return np.sum(r)


def log_of_counter(x):
    for k in range(3):
        r = np.log(x * k) * 2.0
    return np.sum(r)


def reciprocal_in_while(x):
    i = 0
    while i < 2:
        r = 1.0 / (x * i)
        i += 1
    return np.sum(r * r)


def scalar_cbrt(x):
    s = 0.0
    for k in range(2):
        c = np.cbrt(x[0] * k) + x[1]
        s = s + x[2]
    return c * s


def pair(a, b):
    return np.sqrt(a * a + b), a * b


def tuple_of_a_helper(x):  # (a tuple: its items' supports index no test; fuzz seed 4959, 137)
    for k in range(2):
        r = pair(x * k, x[0] + 1.0)
    return np.sum(r[0]) + np.sum(r[1] * r[1])


def returned_from_the_loop(x):  # (the returned name bound in the loop: grad's seed, whose support
    w = x * 0.0                 # is not known, reached the dead iteration's cbrt at 0; fuzz
    for _ in range(3):          # seed 5512, program 34, shrunk)
        c = np.sum(np.cbrt(w))
        w = x + 1.0
    return c


def returned_from_a_branch(x):
    w = x * 0.0
    c = 0.0
    for i in range(3):
        if i == 0:  # noqa: SIM108  (a branch, the construct tested)
            c = np.sum(np.sqrt(w))
        else:
            c = np.sum(np.sqrt(x + 1.0))
    return c


def returned_from_while(x):
    k = 0
    while k < 2:
        r = np.sum(np.log(x * k) + x[0])
        k += 1
    return r


def returned_scalar(x):
    for k in range(2):
        s = np.dot(np.sqrt(x[1:] * k), x[:2])
    return s


def returned_in_nested_loops(x):
    for j in range(2):
        for k in range(2):
            r = np.sum(np.sqrt(x * (j * k)) + x * j)
    return r


CASES = [sqrt_of_counter, log_of_counter, reciprocal_in_while, scalar_cbrt, tuple_of_a_helper,
         returned_from_the_loop, returned_from_a_branch, returned_from_while, returned_scalar,
         returned_in_nested_loops]
X = np.array([0.7, 0.3, 0.4])


@pytest.mark.parametrize("fn", CASES, ids=[fn.__name__ for fn in CASES])
def test_an_overwritten_iteration_adds_nothing(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (the primal's own inf at k = 0)
        assert_reverse_modes(fn, X)
        assert np.all(np.isfinite(tangentish.grad(fn)(X)))


def power_of_shift(x):
    for k in range(2):
        r = np.abs(x - k) ** 1.5
    return np.sum(r)


def test_second_order_of_an_overwritten_iteration():
    """``|x - 0| ** 1.5`` at ``x[0] = 0`` (its second partial inf), overwritten by ``|x - 1| **
    1.5``, whose Hessian is ``diag(0.75 / sqrt(|x - 1|))``."""
    x = np.array([0.0, 0.3, 2.2])
    expected = np.diag(0.75 / np.sqrt(np.abs(x - 1.0)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        hessian = tangentish.hessian(power_of_shift)(x)
        hvp = tangentish.hvp(power_of_shift)(x, np.array([1.0, -2.0, 0.5]))
    np.testing.assert_allclose(hessian, expected, rtol=1e-12)
    np.testing.assert_allclose(hvp, expected @ np.array([1.0, -2.0, 0.5]), rtol=1e-12)
