"""The output a ``vjp`` forward half returns is never optimized away (passes/copies.py): a copy of
it read only by dead code (``acc = x`` then a loop nobody reads) once folded the output's
definition into the copy, so the forward half returned a name nothing bound (``NameError:
x_1`` in generated code).  Each case: the pullback against ``grad`` and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, copies, numeric_grad

import tangentish


def dead_loop_on_a_copy(x, v):
    x += np.sum(v)
    acc = x
    n = 0
    while acc < 2.0 and n < 4:
        n += 1
        if acc < 0.5:
            continue
        acc = np.sin(acc)
    return x


def dead_for_on_a_copy(x, v):
    x = x * 2.0 + np.sum(v)
    acc = x
    for _ in range(3):
        acc = np.sin(acc)
    return x


def dead_branch_on_a_copy(x, v):
    y = np.tanh(x) * v
    z = y
    if np.sum(v) > 100.0:
        z = z * 3.0
    return y


def copy_returned_and_dead(x, v):
    y = x * v
    w = y
    w2 = w * 2.0  # noqa: F841  (dead on purpose: a copy read only by dead code)
    return y


@pytest.mark.parametrize("f", [dead_loop_on_a_copy, dead_for_on_a_copy, dead_branch_on_a_copy,
                               copy_returned_and_dead], ids=lambda f: f.__name__)
def test_the_forward_half_returns_the_output(f):
    x, v = 0.4, np.array([0.1, 0.2])
    if f in (dead_branch_on_a_copy, copy_returned_and_dead):
        x = np.array([0.3, -0.5])
    out, pullback = tangentish.vjp(f, wrt=(0, 1))(x, v)
    np.testing.assert_allclose(out, f(*copies((x, v))))
    seed = np.ones_like(np.asarray(out), dtype=float)
    vjp_x, vjp_v = pullback(seed)
    expected = [numeric_grad(lambda *a: np.sum(f(*copies(a)) * seed), (x, v), i) for i in (0, 1)]
    assert_grad_close(vjp_x, expected[0])
    assert_grad_close(vjp_v, expected[1])
