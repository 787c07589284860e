"""The runtime's fast paths at scalar inputs (a Python float or np.float64, where each call of a
small derivative counts) give what the general path gives: the same value, of the same type."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from tangentish import runtime as rt
from tangentish.runtime import _common

SCALARS = [0.5, np.float64(0.5), np.float32(0.5), np.array(0.5), 2, True, np.float16(0.5)]


def _general_unreduce(grad, like):
    """The full reduction's unreduce as its general path computes it (a scalar ``like``)."""
    dtype = np.result_type(grad, _common._gradient_dtype(like))
    return dtype.type(grad)


@pytest.mark.parametrize("grad, like", list(itertools.product(SCALARS[:4], SCALARS)),
                         ids=lambda v: type(v).__name__)
def test_unreduce_of_a_scalar(grad, like):
    for view in (False, True):
        got, expected = rt.unreduce(grad, like, view=view), _general_unreduce(grad, like)
        assert type(got) is type(expected) and got == expected


@pytest.mark.parametrize("output", [s for s in SCALARS if s is not True],  # (a bool: refused)
                         ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("seed", [1.0, np.float64(2.0), np.float32(3.0)],
                         ids=lambda v: type(v).__name__)
def test_seed_of_a_scalar_output(output, seed):
    """In a NumPy float output's dtype (also float64: a Python-float seed is weak in NumPy's
    promotion, so ``out_bar / X32.std()`` would round to float32 where the primal did not); of a
    Python float, a float64 (the adjoint in NumPy's arithmetic: test_scalar_singular)."""
    got = rt.seed(output, seed, "f")
    dtype = np.dtype(np.float64) if type(output) is float else getattr(output, "dtype", None)
    if dtype is not None and dtype.kind == "f" and type(seed) is not dtype.type:
        assert type(got) is dtype.type and got == seed  # in the output's float dtype
    else:
        assert got is seed


def test_seed_still_refuses_complex_and_array_outputs():
    with pytest.raises(Exception, match="complex"):
        rt.seed(1j, 1.0, "f")
    with pytest.raises(Exception, match="scalar output"):
        rt.seed(np.ones(3), 1.0, "f")
    with pytest.raises(Exception, match="f returned a bool"):  # (test_non_real_outputs.py)
        rt.seed(True, 1.0, "f")


def _plain_ties(a, r, axis, keepdims):
    """``_rt.ties`` by its definition: 1/k at the k positions of each group holding the extreme
    (a NaN extreme held by the NaN positions), in ``a``'s gradient dtype."""
    a = np.asarray(a)
    r = np.asarray(r)
    if axis is not None and not keepdims:
        r = np.expand_dims(r, axis)
    hit = (a == r) | (np.isnan(a) & np.isnan(r))
    return (hit / np.sum(hit, axis=axis, keepdims=True)).astype(_common._gradient_dtype(a))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
@pytest.mark.parametrize("axis, keepdims", [(None, False), (None, True), (0, False), (1, True),
                                            (-1, False)])
@pytest.mark.parametrize("reduce", [np.max, np.min, np.nanmax])
def test_ties_divides_only_where_groups_tie(dtype, axis, keepdims, reduce):
    rng = np.random.default_rng(7)
    for trial in range(20):  # small integers: ties in some groups, none in others
        a = rng.integers(0, 3 + 4 * (trial % 3), size=(4, 5)).astype(dtype)
        if dtype != np.int64 and trial % 4 == 3:
            a[rng.integers(0, 4), rng.integers(0, 5)] = np.nan
        with warnings.catch_warnings():  # (nanmax of an all-NaN group warns)
            warnings.simplefilter("ignore", RuntimeWarning)
            r = reduce(a, axis=axis, keepdims=keepdims)
        got = rt.ties(a, r, axis=axis, keepdims=keepdims)
        expected = _plain_ties(a, r, axis, keepdims)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)


@pytest.mark.parametrize("value", SCALARS[:4])
def test_ties_of_a_scalar(value):
    got = rt.ties(value, value)
    assert got == 1.0 and np.ndim(got) == 0
