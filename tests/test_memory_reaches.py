"""``_memory.reaches`` (the check behind ``check_not_module(update=True)``): a change of a value
may change a module-level value exactly when the value is it, is held by it (nested in lists,
tuples, dicts, plain objects and objects of ``__slots__`` classes) or overlaps an array it holds;
a holder whose insides cannot be seen (an array of objects) is assumed to hold it."""

from __future__ import annotations

import numpy as np
import pytest

from tangentish.runtime._memory import reaches


class Plain:
    def __init__(self, w):
        self.w = w


class Slotted:
    __slots__ = ("w",)

    def __init__(self, w):
        self.w = w


W = np.arange(6.0).reshape(2, 3)
ROW = [1.0, 2.0]
CASES = [  # (holder, value, reaches)
    (W, W, True), (W, W[1], True), (W, W[:, 1:], True), (W, W[[0, 1]], False),
    (W, W * 1.0, False), (W, W.copy(), False),
    ([W, 2.0], W[0, 1:], True), ({"a": (W,)}, W.T, True), ({"a": (W,)}, np.ones(3), False),
    ([ROW], ROW, True), ([ROW], list(ROW), False), ({"r": ROW}, ROW, True),
    (Plain(W), W[0], True), (Plain(W), np.zeros(2), False), (Plain([ROW]), ROW, True),
    (Slotted(W), np.zeros(2), False), (Slotted(W), W[0], True), (Slotted([ROW]), ROW, True),
    (np.array([ROW], dtype=object), [3.0], True),
    (W, 2.0, False), (np.float64(1.0), np.zeros(2), False),
]


@pytest.mark.parametrize("holder, value, expected", CASES)
def test_a_change_reaches_what_the_module_value_holds(holder, value, expected):
    assert reaches(holder, value) is expected
