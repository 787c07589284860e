"""Second order through lists built inside control flow: a comprehension (or a list filled by
``append``) inside a ``for``, a ``while`` or an ``if``.  The gradient tapes such a list, made anew
in each pass through its block, and undoes its appends in the adjoint; ``hvp``, ``hessian`` and
``grad(grad(f))`` differentiate that gradient again.  Each is checked against central finite
differences of the (first-order, verified) gradient, as in ``test_second_order.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_second_order import MODES, check, check_hessian


def comprehension_in_for(x):
    s = 0.0
    for i in range(3):
        v = [x * (k + 1.0) for k in range(2)]
        s = s + v[0] * v[1] * (i + 1.0)
    return np.sum(s)


def comprehension_in_while(x):
    s = 0.0
    i = 0
    while i < 3:
        v = [np.sin(x * k) for k in range(1, 3)]
        s = s + v[0] * v[1] + np.sum(x) * i
        i += 1
    return np.sum(s)


def comprehension_in_if(x):
    s = np.sum(x)
    for i in range(2):
        if s > -10.0:
            v = [x * x * k for k in range(1, 4)]
            s = s + np.sum(v[0] * v[2]) / (i + 1.0)
        else:
            s = s * 2.0
    return s


def comprehension_in_nested_loops(x):
    s = 0.0
    for i in range(2):
        for j in range(2):
            v = [np.tanh(x + k + j - i) for k in range(3)]
            s = s + np.sum(v[0] * v[1] * v[2])
    return s


def comprehension_over_rows(x):
    s = 0.0
    for i in range(2):
        v = [row * row for row in (x * np.ones(4)).reshape(2, -1)]
        s = s + np.sum(v[0] * v[1]) * (i + 1.0)
    return s


def appended_in_a_loop_in_a_loop(x):
    s = 0.0
    for i in range(3):
        v = []
        for k in range(2):
            v.append(np.exp(x * 0.1 * (k + i)))
        s = s + np.sum(v[0] * v[1] * x)
    return s


def filtered_comprehension(x):
    s = 0.0
    for i in range(2):
        v = [x ** 2 * k for k in range(4) if k % 2 == 1]
        s = s + np.sum(v[0] * v[-1]) * i
    return s


def comprehension_read_whole(x):
    s = 0.0
    for i in range(2):
        v = [x * k for k in range(1, 3)]
        s = s + np.sum(np.array(v) ** 2) + np.sum(sum(v) * x) * i
    return s


def stages_read_back(x):
    y = x
    for _ in range(2):
        ks = [y]
        for i in range(2):
            ks.append(np.sin(ks[i] + y))
            ks[i] = ks[i] * 0.5
        y = y + sum(ks)
    return np.sum(y ** 2)


CASES = [comprehension_in_for, comprehension_in_while, comprehension_in_if,
         comprehension_in_nested_loops, comprehension_over_rows, appended_in_a_loop_in_a_loop,
         filtered_comprehension, comprehension_read_whole]
POINTS = {"scalar": 0.7, "vector": np.array([0.3, -0.8, 1.1, 0.5])}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("point", sorted(POINTS))
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_lists_built_in_control_flow_at_second_order(fn, point: str, mode: str) -> None:
    check(mode, fn, [POINTS[point]], 0)


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_hessian_of_lists_built_in_control_flow(fn) -> None:
    check_hessian(fn, POINTS["vector"])


def test_a_list_grown_and_rebound_in_a_loop_at_second_order() -> None:
    """``ks.append(...)`` and ``ks[i] = ...`` in an inner loop, read back (an RK stage list,
    idioms32's ``rk4_van_der_pol``): the gradient's adjoint undoes the appends on the list its
    tape held, gone from the tape by then (runtime/_memory.py ``untaped_list``; refused in every
    second-order mode before, by the same run-time check, so one mode and the Hessian here, at
    a vector point: its scalar point adds no new path)."""
    check(MODES[0], stages_read_back, [POINTS["vector"]], 0)
    check_hessian(stages_read_back, POINTS["vector"])
