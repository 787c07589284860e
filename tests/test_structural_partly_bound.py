"""A tangent's support read before an array changes in place, where a name the support reads is
bound on some paths only.

Forward mode computes the supports that read an array into masks of their own before a
statement changes the array in place (``passes/supports_bound.py``, ``forget_changed``).  A
support kept past an ``if`` for a name only one branch binds (``P = H / H[:, :1]``, whose
tangent's support in a gradient reads ``P`` itself: ``_rt.reads(P, 1)``) was computed there on
every path, and ``hvp`` raised ``UnboundLocalError`` where the branch did not run (fuzz seed
5560 program 60); ``jvp`` the same after a loop that ran no iteration.  It is now computed at
the end of the block that bound it, so its mask is bound where ``P`` is.  Every row is ``f(v,
A, c)``, differentiated with respect to ``v`` at a ``c`` taking each path: ``hvp`` and ``grad``
of ``grad`` against central differences of the gradient (``test_second_order.check``), ``jvp``
against central differences of ``f``.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad
from test_second_order import MODES, check

import tangentish


def bound_in_else(v, A, c):
    H = np.array(A)
    H[1] -= v
    if c > 0:
        Z = A
    else:
        P = H / H[:, :1]
        Z = 0.5 * P
    H[:, -2] = 1.0
    return Z[1, 1] * Z[2, 1]


def bound_in_then(v, A, c):
    H = np.array(A)
    H[1] -= v
    if c <= 0:
        P, z = (H / H[:, :1], 1.0)
        Z = z * P
    else:
        Z = A
    H[:, -2] = 1.0
    return Z[1, 1] + np.sum(H)


def bound_under_a_test_bound_again(v, A, c):
    H = np.array(A)
    H[1] -= v
    d = c
    if d > 0:
        Z = A
    else:
        P = H / H[:, :1]
        Z = 0.5 * P
    d = -d
    H[:, -2] = d
    return Z[1, 1] * np.sum(H)


def bound_in_a_loop_maybe_empty(v, A, c):
    H = np.array(A)
    H[1] -= v
    Z = A
    for _ in range(int(c <= 0)):
        P = H / H[:, :1]
        Z = 0.5 * P
    H[:, -2] = 1.0
    return Z[1, 1] * Z[1, 1]


def read_after_a_loop_maybe_empty(v, A, c):
    H = np.array(A)
    H[1] -= v
    n = int(c <= 0)
    for _ in range(n):
        P = H / H[:, :1]
    H[:, -2] = 1.0
    if n > 0:
        return P[1, 1] * P[2, 1]
    return A[1, 1]


ROWS = [bound_in_else, bound_in_then, bound_under_a_test_bound_again, bound_in_a_loop_maybe_empty,
        read_after_a_loop_maybe_empty]


A = np.array([[0.3, 0.1], [-0.5, -0.2], [1.1, -1.2]])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("c", [1.0, -1.0])
@pytest.mark.parametrize("fn", ROWS, ids=lambda fn: fn.__name__)
def test_a_support_read_where_its_name_may_be_unbound(fn, c: float, mode: str) -> None:
    check(mode, fn, [np.array([-1.4, -0.8]), A, c], 0)


@pytest.mark.parametrize("c", [1.0, -1.0])
@pytest.mark.parametrize("fn", ROWS, ids=lambda fn: fn.__name__)
def test_its_tangent_in_forward_mode(fn, c: float) -> None:
    v, direction = np.array([-1.4, -0.8]), np.array([0.6, -1.1])
    got = tangentish.jvp(fn)(v, A, c, v_dot=direction)[1]
    np.testing.assert_allclose(got, numeric_grad(fn, (v, A, c)) @ direction, rtol=1e-6, atol=1e-9)
