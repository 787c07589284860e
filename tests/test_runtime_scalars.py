"""The runtime's fast paths at scalar inputs (a Python float or np.float64, where each call of a
small derivative counts) give what the general path gives: the same value, of the same type."""

from __future__ import annotations

import itertools

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
    for helper in (rt.unreduce, rt.unreduce_view):
        got, expected = helper(grad, like), _general_unreduce(grad, like)
        assert type(got) is type(expected) and got == expected


@pytest.mark.parametrize("output", SCALARS, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("seed", [1.0, np.float64(2.0), np.float32(3.0)],
                         ids=lambda v: type(v).__name__)
def test_seed_of_a_scalar_output(output, seed):
    got = rt.seed(output, seed, "f")
    dtype = getattr(output, "dtype", None)
    if dtype is not None and dtype.kind == "f" and dtype != np.float64 and \
            getattr(seed, "dtype", None) != dtype:
        assert type(got) is dtype.type and got == seed  # in the output's float dtype
    else:
        assert got is seed


def test_seed_still_refuses_complex_and_array_outputs():
    with pytest.raises(Exception, match="complex"):
        rt.seed(1j, 1.0, "f")
    with pytest.raises(Exception, match="scalar output"):
        rt.seed(np.ones(3), 1.0, "f")
