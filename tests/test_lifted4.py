"""What refusals4 lifted (tests/lifted4_zoo.py) in every mode and at second order against
central differences; what stays refused names the user's source text with a hint that works."""

from __future__ import annotations

import lifted4_zoo as zoo
import numpy as np
import pytest
from idioms15_check import by_name, check

import tangentish

CASES = by_name(zoo.CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_mode_and_second_order(name):
    check(CASES[name])


def _shares_after_a_return(x):
    if np.sum(x) > 0.5:
        if np.sum(x) > 2.0:
            return np.sum(x)
        s = np.sin(x)
    else:
        s = np.cos(x)
    e = s
    e -= e
    return np.sum(s * x + e)


def test_an_array_shared_after_a_return_is_still_refused():
    """The check the placeholder lets run still refuses arrays that do share memory."""
    with pytest.raises(tangentish.UnsupportedConstructError, match="shares its memory"):
        tangentish.grad(_shares_after_a_return)(np.array([0.1, 0.2, -0.3]))
