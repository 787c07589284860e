"""Adjoint values bound again before anything reads them go (passes/dead_stores.py).

Dead code elimination kept every binding of a name read anywhere, so the last adjoint updates of an
array made in the function (``y = np.zeros(3); y[0] += ...``), read by nothing after them, stayed,
with what they alone read; differentiated again, they cost a dozen lines more.  Every derivative is
compared with central differences, in straight-line code, loops and branches.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders, assert_every_mode

import tangentish


def updates_a_local(x):
    y = np.zeros(3)
    y[0] += x[0] * 2
    y[1:] += x[1:3] ** 2
    return np.sum(np.exp(y))


def updates_in_a_loop(x):
    y = np.zeros(3)
    for i in range(1, 3):
        y[i] += x[i] * y[i - 1] + x[i - 1]
        y[0] += np.sin(x[i])
    return np.sum(y * y)


def updates_in_branches(x, flag=True):
    y = np.ones(3)
    if flag:
        y[0] *= x[0]
    else:
        y[1] += x[1]
    y[2] = y[0] * x[2]
    return np.sum(np.cos(y))


def rebinds_an_adjoint(x):
    a = x * 2.0
    b = a[0] * a
    a = np.tanh(b) + a
    return np.sum(a * x)


X = np.array([0.3, -0.7, 1.1])
DIRECTION = np.array([0.5, -1.0, 0.25])


@pytest.mark.parametrize("fn", [updates_a_local, updates_in_a_loop, updates_in_branches,
                                rebinds_an_adjoint])
def test_every_mode_matches_differences(fn):
    assert_every_mode(fn, X, DIRECTION)


@pytest.mark.parametrize("fn", [updates_a_local, updates_in_branches, rebinds_an_adjoint])
def test_second_order(fn):
    assert_both_orders(fn, X)


def _code(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if not line.strip().startswith("#")]


@pytest.mark.parametrize("mode", ["grad", "value_and_grad", "vjp"])
def test_no_update_after_the_last_read(mode):
    """``y``'s adjoint is read last by ``y[0]``'s: nothing zeroes or adds into it after that."""
    lines = _code(getattr(tangentish, mode)(updates_a_local).source)
    last = max(k for k, line in enumerate(lines) if "y_bar[0]" in line and "=" in line
               and line.index("y_bar[0]") > line.index("="))
    assert not any(line.startswith("y_bar") for line in lines[last + 1:]), "\n".join(lines)
    assert not any("y0_bar" in line for line in lines), "\n".join(lines)


def test_differentiated_again_without_the_dead_updates():
    """The gradient differentiated again has no check or update of ``y``'s adjoint left over."""
    source = tangentish.hvp(updates_a_local).source
    assert "check_unshared" not in source and "y0_bar" not in source, source
