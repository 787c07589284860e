"""The runtime's zero padding (``_common._zero_padded``, which ``undiff`` and
``trapezoid_weights`` use in place of ``np.pad``): the very array ``np.pad`` makes, dtype and
bits, and ``undiff`` the transpose of ``np.diff`` (the dot-product test), for every axis, order
and a length-0 axis."""

import numpy as np
import pytest

from tangentish import runtime
from tangentish.runtime._common import _zero_padded

RNG = np.random.default_rng(5)
SHAPES = [(5,), (1,), (0,), (3, 4), (2, 0), (2, 3, 4)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.complex128])
def test_zero_padding_is_np_pad(shape, dtype):
    value = (RNG.normal(size=shape) * 10).astype(dtype)
    for axis in range(-len(shape), len(shape)):
        for before, after in ((1, 1), (1, 0), (0, 1), (2, 3)):
            widths = [(0, 0)] * len(shape)
            widths[axis] = (before, after)
            expected = np.pad(value, widths)
            got = _zero_padded(value, axis, before, after)
            assert got.dtype == expected.dtype and got.shape == expected.shape
            assert got.tobytes() == expected.tobytes()
            assert not np.shares_memory(got, value)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_undiff_is_the_transpose_of_diff(shape):
    a = RNG.normal(size=shape)
    for axis in range(-len(shape), len(shape)):
        for n in (1, 2, 4):
            g = RNG.normal(size=np.diff(a, n=n, axis=axis).shape)
            back = runtime.undiff(g, a, n, axis)
            assert back.shape == a.shape
            assert np.sum(np.diff(a, n=n, axis=axis) * g) == pytest.approx(np.sum(a * back),
                                                                             rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_undiff_is_the_negated_difference_of_the_padded_array(shape, dtype):
    """``undiff`` makes ``g[i - 1] - g[i]`` in one array: the numbers ``-np.diff`` of the
    zero-padded ``g`` gives (a zero's sign aside), in ``g``'s dtype."""
    a = RNG.normal(size=shape)
    for axis in range(-len(shape), len(shape)):
        for n in (1, 2, 4):
            g = RNG.normal(size=np.diff(a, n=n, axis=axis).shape).astype(dtype)
            expected = g
            for _ in range(min(n, a.shape[axis])):
                expected = -np.diff(_zero_padded(expected, axis, 1, 1), axis=axis)
            got = runtime.undiff(g, a, n, axis)
            assert got.dtype == expected.dtype and got.shape == expected.shape
            np.testing.assert_array_equal(got, expected)
