"""``_rt.unindex``'s path for a float or complex ndarray (taken first: every call of a small
specialized gradient reading ``x[i]`` comes that way) gives what its general path gives: the
same values, dtype, type and shape, accumulating repeated indices unless ``unique``."""

from __future__ import annotations

import numpy as np
import pytest

from tangentish import runtime as _rt
from tangentish.runtime._common import _gradient_dtype, _scalar_if_0d
from tangentish.runtime.indexing import _has_integer_array


def general(g, like, index, unique=False):
    out = np.zeros(np.shape(like), dtype=_gradient_dtype(like))
    if not unique and _has_integer_array(index):
        np.add.at(out, index, g)
    else:
        out[index] = g
    return _scalar_if_0d(out)


ROWS = np.arange(4)
CASES = [  # (g, like, index, unique)
    (-0.25, np.ones((4, 3)), (ROWS, np.array([0, 2, 2, 1])), True),
    (np.arange(3.0), np.ones((4, 3)), (np.array([1, 1, 3]), np.array([0, 0, 2])), False),
    (2.0, np.ones(5, dtype=np.float32), slice(1, 3), False),
    (1j, np.ones((2, 2), dtype=complex), (0, 1), False),
    (3.0, np.array(1.5), (), False),  # (0-d: a NumPy scalar, as before)
    (1.0, np.ones((3, 2)), np.array([True, False, True]), False),
    (1.0, np.arange(4), np.array([2, 2]), False),  # (an integer array: float64 zeros)
    (1.0, np.ones((2, 2)).view(np.matrix), (0, 1), False),  # (a subclass: the general path)
]


@pytest.mark.parametrize("g, like, index, unique", CASES)
def test_a_float_array_s_path_gives_the_general_one(g, like, index, unique):
    got, expected = _rt.unindex(g, like, index, unique=unique), general(g, like, index, unique)
    assert type(got) is type(expected) and np.shape(got) == np.shape(expected)
    assert np.asarray(got).dtype == np.asarray(expected).dtype
    np.testing.assert_array_equal(got, expected)
