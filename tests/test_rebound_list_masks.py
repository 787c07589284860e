"""A list a loop binds again (``hs = hs + [v]``) that holds a value whose adjoint has a support
(a value a singular function fed: ``np.log1p``'s, through ``np.max``): the mask the reversed loop
starts from is one mask per item, read item by item (``hs_read[kept:][0]``), not a plain
``True`` (fuzz seed 5961 program 96: ``TypeError: 'bool' object is not subscriptable`` in the
generated gradient).  Each form in every mode and at second order against central
differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders


def concatenated(x):
    e = np.max(np.log1p(x * x))
    hs = [e]
    for _ in range(2):
        hs = hs + [np.tanh(hs[-1]) * 0.5 + e]
    return np.sum(np.stack(hs))


def unpacked(x):
    e = np.max(np.log1p(x * x))
    hs = [e, e * 2.0]
    k = 0
    while k < 2:
        hs = [*hs, np.sin(hs[-1]) + hs[0]]
        k += 1
    return hs[-1] * hs[1]


def sliced(x):
    e = np.max(np.log1p(x * x))
    hs = [e]
    for _ in range(3):
        hs = hs[-2:] + [np.cos(hs[-1]) * e]
    return sum(hs)


CASES = [concatenated, unpacked, sliced]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_a_list_bound_again_in_a_loop_keeps_one_mask_per_item(f):
    assert_both_orders(f, np.array([0.3, -1.2, 0.8]))
