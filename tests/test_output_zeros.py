"""The zero tangent of an output no tangent reaches has the output's form in every spelling.

Forward mode returns ``np.zeros_like(out)`` where every binding of ``out`` makes a new floating
array (``np.zeros(n)``, ``np.zeros_like(x)`` of a floating argument, written in place after:
:func:`tangentish.passes.zeros.holds_floating_array`), else ``_rt.zeros_like(out)`` (a Python
number's zero is ``0.0``, an int array's a float array, a list's a list).  Each row's tangent is
compared with the closed form, a zero of the output's shape in its gradient dtype (``0.0`` for a
Python number), by value, type and dtype, for arguments of several kinds, and the row says which
spelling its derivative must use (so a proof that accepts too much or too little fails here)."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish


def made_like(x, k):
    return np.zeros_like(x)


def made_of_a_size(x, k):
    return np.zeros(3)


def written_after(x, k):
    y = np.zeros_like(x)
    y[...] = 2.0
    return y


def ints_like(x, k):
    return np.zeros_like(k)


def a_number(x, k):
    return 2.5


def rebound(x, k):
    y = np.zeros_like(x)
    y = k * 1
    return y


def scaled(x, k):
    return 2.0 * k


def reshaped(x, k):
    return np.reshape(np.where(k > 2, k, 0.5), (-1,))


def int_reshaped(x, k):
    return np.reshape(k, (-1,))


ROWS = [(made_like, "np"), (made_of_a_size, "np"), (written_after, "np"), (ints_like, "_rt"),
        (a_number, "_rt"), (rebound, "_rt"), (scaled, "np"), (reshaped, "np"),
        (int_reshaped, "_rt")]  # (the last three: passes/output_zeros.py's proof of floats)
POINTS = [np.array([1.0, 2.0, 3.0]), np.float32([1.0, 2.0, 3.0]), 1.5, np.float32(1.5)]


def _expected(out):
    if type(out) in (int, float):
        return 0.0
    dtype = np.result_type(out)
    return np.zeros(np.shape(out), dtype if dtype.kind in "fc" else np.float64)


@pytest.mark.parametrize("fn, spelled", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_an_unreached_output_has_the_zero_of_its_form(fn, spelled):
    made = tangentish.jvp(fn)
    assert made.source.splitlines()[-1].split(", ")[-1].startswith(f"{spelled}.zeros_like("), made.source
    for x in POINTS:
        for k in (np.arange(3), 4):
            out, tangent = made(x, k, x_dot=np.ones_like(x) if np.ndim(x) else x)
            expected = _expected(out)
            assert type(tangent) is type(expected), (fn.__name__, x, k, tangent)
            assert np.result_type(tangent) == np.result_type(expected), (fn.__name__, x, k, tangent)
            np.testing.assert_array_equal(tangent, expected)
