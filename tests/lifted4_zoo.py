"""Refusals refusals4 lifted, each as rows of :mod:`idioms15_check` (value, grad,
value_and_grad, vjp, jvp and hvp against central differences; tests/test_lifted4.py), with a
point on each path of its branches."""

from __future__ import annotations

import numpy as np
from idioms15_check import Case


def changed_after_a_return_in_a_branch(x):
    """``s`` is bound in both branches, but one of them returns early first: where ``e -= e``
    runs, ``s`` (the same value) was called maybe unbound and its check refused (fuzz 5110/68).
    It is now bound to the placeholder on entry, so the check runs; a number shares nothing."""
    if x > 0.5:
        if x > 2.0:
            return x * x
        s = np.sin(x)
    else:
        s = np.cos(x) * x
    e = s
    e -= e
    return s * x + e


def changed_after_a_return_in_a_loop(x):
    if x > 0.5:
        if x > 2.0:
            return x * x
        s = np.fmin(np.sin(x), -x)
    else:
        s = -(x * 3.0)
    t = 0.0
    for _i in range(2):
        e = s
        e -= e * 0.5
        t = t + e * x
    return s * t


CASES = [Case(f"{fn.__name__} at {x}", fn, (x,)) for fn in (
    changed_after_a_return_in_a_branch, changed_after_a_return_in_a_loop)
    for x in (0.3, 1.1, 2.5)]
