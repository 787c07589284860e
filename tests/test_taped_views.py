"""What the adjoint reads of a value that may share memory with an array changed in place later
(passes/taped_views.py): taken as a copy where it is bound, at each binding whose value may share
that memory, so a gradient differentiated again (``hvp``, ``hessian``, ``grad(grad(f))``) meets
no list or name holding a view of an array it changes; never where the primal itself reads the
value after the change (it must show the change, or the run-time check must refuse).  Checked
against central finite differences of ``f`` and of its (verified) gradient.
"""

from __future__ import annotations

import numpy as np
import pytest
import soundness_zoo as z
from helpers import assert_grad_close, numeric_grad
from test_second_order import MODES, check

import tangentish

V3 = np.array([0.3, -0.5, 0.8])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("x", [0.5, 0.9], ids=["aliased", "apart"])
@pytest.mark.parametrize("wrt", [0, 1])
def test_a_name_bound_in_two_branches_and_read_by_the_adjoint(x, wrt, mode):
    """``t = y5 if x < 0.7 else v``, then ``y5[0:1] += ...``: the adjoint reads ``t``; the
    branch binding the array changed below binds a copy of it."""
    args = [x, V3.copy()]
    got = tangentish.grad(z.aliased_in_one_branch, wrt=wrt)(*args)
    assert_grad_close(got, numeric_grad(z.aliased_in_one_branch, args, wrt=wrt), label="grad")
    check(mode, z.aliased_in_one_branch, args, wrt)


def read_in_one_branch_after_the_change(x, v):
    y5 = v * 2.0
    t = y5 if x < 0.7 else v
    s = np.sum(t * t * x)
    y5[0:1] += x * v[1:2]
    return s + np.sum(t * x)  # the primal reads t after the change


def test_a_value_the_primal_reads_after_the_change_is_never_copied():
    """A copy would show the values from before the change where the program sees the new ones
    (a silently wrong gradient): the run-time check refuses instead.  (A view made by a basic
    subscript and read after its base changes is read again: view_writes_zoo's
    view_read_after_base_write_in_loop.)"""
    with pytest.raises(tangentish.UnsupportedConstructError, match="changed in place"):
        tangentish.grad(read_in_one_branch_after_the_change)(0.5, np.copy(V3))


def test_a_value_the_primal_reads_after_the_change_is_right_when_apart():
    args = [0.9, V3.copy()]
    got = tangentish.grad(read_in_one_branch_after_the_change, wrt=1)(*args)
    expected = numeric_grad(read_in_one_branch_after_the_change, args, wrt=1)
    assert_grad_close(got, expected, label="apart")


# -- a loop-carried array taped, then changed in place after the loop: copied where it is taped --


def scaled_in_one_pass_then_written(x):
    y = np.sin(x)
    for i in range(3):
        if i == 1:
            y = y * np.tanh(x)  # the tape saves y, the array carried out of the loop
    y[0] = y[1] * 2.0
    return np.sum(y ** 2)


def scaled_in_place_then_written(x):  # (fuzz seed 610, program 16: `y *= ...` is a new array)
    y = x * 1.0
    for i in range(len(x)):
        if x[i] > 0.0:
            y *= np.tanh(x - i * 0.25)
    for _ in range(2):
        y[-2] -= 0.3 * x[0]
    return np.sum(y * y)


def written_in_the_taping_pass(x):  # the taped block itself writes y: not copied, still refused
    y = np.sin(x)
    for i in range(2):
        if i == 1:
            z = y * np.tanh(x)
            y[0] = 0.5
            y = z
    y[1] = y[2] * 2.0
    return np.sum(y ** 2)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", [scaled_in_one_pass_then_written, scaled_in_place_then_written],
                         ids=lambda f: f.__name__)
def test_a_carried_array_taped_then_changed_after_the_loop(fn, mode):
    x = np.array([0.3, -0.5, 0.8, 0.6])
    assert_grad_close(tangentish.grad(fn)(x), numeric_grad(fn, [x]), label=fn.__name__)
    assert "_rt.private(y" in tangentish.grad(fn).source
    check(mode, fn, [x.copy()], 0)


def test_a_carried_array_changed_in_the_pass_that_tapes_it_is_not_copied_at_the_push():
    x = np.array([0.3, -0.5, 0.8, 0.6])
    assert_grad_close(tangentish.grad(written_in_the_taping_pass)(x),
                      numeric_grad(written_in_the_taping_pass, [x]))
    assert "_rt.private(y)" not in tangentish.grad(written_in_the_taping_pass).source
