"""Second order through variables that may have no value on some path.  A gradient saves on its
tape variables bound on some paths only (they hold ``_rt.UNBOUND`` on the others); the adjoint
of such a tape slot, when the gradient is differentiated again, is ``_rt.NO_DERIVATIVE``, which
adds as zero.  Each shape of code is checked by ``hvp`` and by ``grad(grad(f))`` at points taking
different paths, against central finite differences of the verified gradient
(``test_second_order.py``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_second_order import MODES, check

from tangentish.runtime import NO_DERIVATIVE, UNBOUND, zeros_like
from tangentish.runtime.containers import unpopped
from tangentish.runtime.indexing import add_at, unindex


# Helpers returning early from one branch: inlined into a loop, the variable the other branches
# bind has no value on the return path, and the gradient's tape saves it there.
def _returns_in_else(a, scale):
    if np.sum(a) < 0.5:
        t = np.sin(a * scale)
    elif np.sum(a) <= 0.8:
        t = scale * a
    else:
        return a * 2.0
    return t * t + 1.0


def _returns_in_the_middle(a, scale):
    if np.sum(a) < 0.5:
        t = np.sin(a * scale)
        u = a * 0.5
    elif np.sum(a) <= 0.8:
        return a * 2.0
    else:
        t = scale * a
        u = np.cos(a)
    return t * u + 1.0


def early_return_in_a_for(x):
    s = x
    for _k in range(2):
        s = s * _returns_in_else(s, x)
    return np.sum(s)


def early_return_in_a_while(x):
    s = x
    i = 0
    while i < 2:
        s = s * _returns_in_else(s, x)
        i += 1
    return np.sum(s)


def early_return_in_nested_loops(x):
    s = x
    for _i in range(2):
        for _j in range(2):
            s = s * 0.9 + _returns_in_else(s, x) * 0.1
    return np.sum(s)


def early_returns_twice(x):
    s = x
    for _k in range(2):
        s = _returns_in_else(s, x) * _returns_in_else(s * 0.5, x)
    return np.sum(s)


def early_return_in_the_middle(x):
    total = 0.0
    for k in range(3):
        total = total + np.sum(_returns_in_the_middle(x * (k + 1.0) * 0.4, x))
    return total


def bound_and_read_under_one_test(x):
    s = x
    for _k in range(2):
        if np.sum(x) < 0.6:
            t = np.sin(s)
        if np.sum(x) < 0.6:
            s = s * t
        s = s + 0.5 * x
    return np.sum(s)


def bound_from_the_second_iteration(x):
    s = 0.0
    for i in range(4):
        if i % 2 == 0:
            prev = np.cos(x * (i + 1.0))
        else:
            s = s + prev * x  # bound by the previous iteration
    return np.sum(s)


def bound_before_a_break(x):
    s = x * 1.0
    i = 0
    while True:
        i += 1
        if i > 2 or np.sum(s) > 3.0:
            break
        u = np.exp(s * 0.5)
        s = s + u * x
    if i > 1:
        s = s * u
    return np.sum(s)


def bound_in_an_inner_loop(x):
    s = x
    for i in range(2):
        for _j in range(i):
            w = np.tanh(s * x)
        if i > 0:
            s = s + w * w
    return np.sum(s)


def mask_made_in_one_branch(x):
    # the forward sweep of hvp names the support of r[0]'s tangent (which reads r) before the
    # branch changes r; after the ``if`` that name has no value where the branch did not run
    # (fuzz seed 5051 program 93)
    r = np.zeros(2)
    r[0] += np.sum(x * x)
    c = math.erf(r[0])
    if np.sum(x) > 1.0:
        r[1] *= 2.0
    return c


CASES = [early_return_in_a_for, early_return_in_a_while, early_return_in_nested_loops,
         early_returns_twice, early_return_in_the_middle, bound_and_read_under_one_test,
         bound_from_the_second_iteration, bound_before_a_break, bound_in_an_inner_loop,
         mask_made_in_one_branch]
POINTS = [0.3, 0.65, 0.9, 1.5, np.array([0.1, 0.2]), np.array([0.5, 0.7])]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_variables_with_no_value_on_some_path_at_second_order(fn, point: int, mode: str) -> None:
    check(mode, fn, [POINTS[point]], 0)


def test_a_slot_with_no_value_has_no_derivative_which_adds_as_zero() -> None:
    """The runtime side: a tape item holding ``UNBOUND`` gets ``NO_DERIVATIVE`` in its adjoint
    (items form), sums of such adjoints work, and anything else done with it raises."""
    item = (True, UNBOUND, np.ones(2))
    g = unpopped(np.zeros((0,)), item)
    assert g[0][1] is NO_DERIVATIVE and zeros_like(UNBOUND) is NO_DERIVATIVE
    g = add_at(g, unindex(np.full(2, 3.0), item, 2), [item], 0)
    np.testing.assert_array_equal(g[0][2], np.full(2, 3.0))
    assert g[0][1] is NO_DERIVATIVE
    assert NO_DERIVATIVE + np.ones(2) is not NO_DERIVATIVE
    np.testing.assert_array_equal(np.ones(2) + NO_DERIVATIVE, np.ones(2))
    for use in (lambda: NO_DERIVATIVE * 2.0, lambda: np.sin(NO_DERIVATIVE),
                lambda: float(NO_DERIVATIVE), lambda: np.asarray(NO_DERIVATIVE)):
        with pytest.raises(TypeError, match="bug in tangentish|does not support ufuncs"):
            use()
