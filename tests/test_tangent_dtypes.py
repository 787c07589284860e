"""A zero tangent is a float, also where the value is an integer on the path taken.

A name bound on several paths (two branches, a loop) whose value is an integer on one of them
(an item of an int array, ``len``, ``np.argmax``) and a float on another gets, on the integer
path, a zero tangent in the float dtype (``_rt.zeros_like``), never an integer one: ``jvp``'s
tangent has the dtype a derivative has (fuzz seed 1451 program 150).  Each function below takes
its integer path at the point; the reference is the closed form (the value is locally constant).
"""

from __future__ import annotations

import numpy as np
import pytest

import tangentish


def item_of_int_array(x):
    counts = np.ones(3, dtype=np.int32)
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = counts[1]
    else:
        r = x[1] * 2.0
    return r


def length(x):
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = len(x)
    else:
        r = np.sum(x)
    return r


def position_of_maximum(x):
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = np.argmax(x)
    else:
        r = x[0] * x[1]
    return r


def int_in_loop(x):
    r = np.int64(2)
    for i in range(2):
        if x[i] < 0.0:
            r = x[i] ** 2
    return r


@pytest.mark.parametrize("f", [item_of_int_array, length, position_of_maximum, int_in_loop])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_an_integer_path_has_a_float_zero_tangent(f, dtype) -> None:
    x = np.array([0.5, 1.5, 0.25], dtype=dtype)
    value, tangent = tangentish.jvp(f)(x, x_dot=np.ones_like(x))
    assert np.issubdtype(np.asarray(value).dtype, np.integer)
    assert np.asarray(tangent).dtype.kind == "f" and tangent == 0.0
