"""A loop whose adjoint reads, after an ``if``'s adjoint, values only that ``if``'s branch computed.

The read mask a reversed loop carries for a singular value (passes/support_flow.py) is updated at
the end of each reversed iteration with ``mask | <what the branch read> if test else mask``: it
reads temporaries the taken branch bound.  The tape saved them with the loop body's own values,
at the body's end, where they are unbound when the branch did not run in the first iteration
(``UnboundLocalError`` in the generated code: fuzz seed 2908 program 248).  They are saved by the
branch that binds them (passes/tape.py ``_hand_down``), whose pop comes first in the adjoint.

Each row runs at points where the branch runs in some iterations and not others, the first one
included, in every reverse-mode entry point, against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish


def window_max(x):
    y = np.sqrt(x * x)
    acc = 0.0
    for i in range(3):
        if x[i] > 0:
            acc = acc + np.max(y[i:i + 2])
    return acc


def both_branches(x):
    y = np.sqrt(x * x)
    acc = 0.0
    for i in range(3):
        if x[i] < 0.0:
            w = y[i:i + 2]
            acc = acc + np.max(w) * w[0]
        else:
            acc = acc - np.min(y[i:i + 2])
    return acc


def nested_branch(x):
    y = np.sqrt(x * x)
    acc = 0.0
    for i in range(3):
        if x[i] > 0:
            acc = acc * 0.5
            if x[i + 1] > 0:
                acc = acc + np.max(y[i:i + 2]) * x[i]
    return acc


def with_break(x):
    y = np.sqrt(x * x)
    acc = 0.0
    for i in range(3):
        if x[i] > 0:
            acc = acc + np.max(y[i:i + 2]) * y[i]
            if acc > 4.0:
                break
    return acc


def with_return(x):
    y = np.sqrt(x * x)
    for i in range(3):
        if x[i] < 0.0:
            return np.sum(np.max(np.lib.stride_tricks.sliding_window_view(y, 2), axis=1)) * x[i]
    return np.sum(x)


def while_loop(x):
    y = np.sqrt(x * x)
    acc = 0.0
    i = 0
    while i < 3:
        if x[i] > 0:
            acc = acc + np.max(y[i:i + 2])
        i = i + 1
    return acc


FUNCTIONS = [window_max, both_branches, nested_branch, with_break, with_return, while_loop]
POINTS = [np.array([-0.5, 1.25, -2.0, 3.0]), np.array([0.75, -1.5, 2.5, -0.25]),
          np.array([-0.5, -1.0, 2.0, 0.4]), np.array([1.5, 2.0, 2.25, -3.0])]


@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_every_reverse_entry_point(f, point):
    assert_reverse_modes(f, POINTS[point])


def test_the_branch_saves_what_only_it_binds():
    """The loop body's own push saves none of the branch's temporaries."""
    source = tangentish.grad(window_max).source
    pushes = [line.strip() for line in source.splitlines() if "_tape.append" in line]
    assert len(pushes) == 2, source
    outer = pushes[-1]  # (the loop body's, after the branch's)
    assert "y_i" not in outer and "max" not in outer, source


def test_a_zero_the_branch_never_reads_keeps_a_finite_gradient():
    x = np.array([2.0, 1.0, -0.5, 0.0])  # (reads y[0:2] and y[1:3]; y[3] = 0 never read)
    with np.errstate(invalid="ignore", divide="ignore"):
        grad = tangentish.grad(window_max)(x)
    np.testing.assert_array_equal(grad, [1.0, 1.0, 0.0, 0.0])
