"""A value made fresh in this pass through its block shares memory with none but the names bound
to it (or its views) since (tangentish/passes/fresh.py, ``sharers``): an in-place change of it is
checked against those alone, not against every name the points-to facts give (which cannot tell
one pass of a loop from another: ``old = best`` holds the last pass's array).  A name that does
share it stays checked and refused at run time; every derivative is compared with differences."""

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish
from tangentish.errors import UnsupportedConstructError


def carried_old(x):  # `old` holds the last pass's `best`, never the array np.maximum just made
    best = np.zeros(x.shape[1])
    s = 0.0
    for row in x:
        old = best
        best = np.maximum(best, row)
        best[0] = best[0] * 0.5
        s = s + np.sum(old * row)
    return s + np.sum(best)


def alias_in_branch(x):  # `z` is `y` on this path
    s = 0.0
    for row in x:
        y = row * 2.0
        if s > -100.0:  # noqa: SIM108  (the branch is the point)
            z = y
        else:
            z = row
        y[0] = 5.0
        s = s + np.sum(z * row)
    return s


def view_in_loop(x):  # `flat` is a view of the array just made
    s = 0.0
    for row in x:
        y = np.sin(row)
        flat = y.reshape(-1)
        y[0] = 1.5
        s = s + np.sum(flat * row)
    return s


X = np.array([[1.0, -2.0, 0.5], [0.3, 1.2, -0.7], [2.0, 0.1, 0.9]])


def test_no_check_where_the_changed_array_is_new_in_this_pass():
    assert "check_unshared" not in tangentish.grad(carried_old).source
    assert "check_unshared" not in tangentish.hvp(carried_old).source
    assert_reverse_modes(carried_old, X)
    tangentish.check_grads(carried_old, (X,), order=2, seed=1, warn=False)


@pytest.mark.parametrize("fn, other", [(alias_in_branch, "'z'"), (view_in_loop, "'flat'")])
def test_a_name_that_shares_it_is_still_checked_and_refused(fn, other):
    assert "check_unshared" in tangentish.grad(fn).source
    with pytest.raises(UnsupportedConstructError, match=other):
        assert_reverse_modes(fn, X)
