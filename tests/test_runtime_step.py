"""``_rt.step(a)``, the weight of ``a`` in ``max(a, 0)`` that a specialized ReLU adjoint reads:
``np.heaviside(a, 0.5)`` bit for bit (0 below, 0.5 at either zero, 1 above, NaN at NaN) on both
sides of the size where it stops calling ``heaviside`` (whose branch per element is slow where
signs vary), a new array of ``a``'s shape and dtype each time."""

from __future__ import annotations

import numpy as np
import pytest

from tangentish import runtime as rt
from tangentish.runtime import selection

SPECIAL = np.array([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324])


def _cases():
    rng = np.random.default_rng(4915)
    for size in (0, 1, 9, selection._BRANCHY, selection._BRANCHY + 1, 3000):
        values = rng.normal(size=size)
        values[: min(size, SPECIAL.size)] = SPECIAL[: min(size, SPECIAL.size)]
        yield f"vector {size}", values
    yield "matrix", np.resize(np.concatenate([SPECIAL, rng.normal(size=700)]), (30, 24))
    yield "strided", np.resize(np.concatenate([SPECIAL, rng.normal(size=900)]), 1800)[::3]
    yield "float32", np.resize(np.concatenate([SPECIAL, rng.normal(size=500)]), 600).astype(
        np.float32)


CASES = list(_cases())


@pytest.mark.parametrize("a", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_step_is_heaviside_at_one_half(a):
    before = a.copy()
    got = rt.step(a)
    expected = np.heaviside(a, 0.5)
    assert got.dtype == expected.dtype and got.shape == a.shape
    np.testing.assert_array_equal(got, expected)  # (NaN equal to NaN)
    assert not np.signbit(got[~np.isnan(got)]).any()  # (+0.0 below zero, as heaviside's)
    np.testing.assert_array_equal(a, before)
    assert not np.shares_memory(got, a)


@pytest.mark.parametrize("a", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_step_from_a_given_sign_is_the_same(a):
    """``_rt.step(a, sign=np.sign(a))`` (the sign the derivative computed already for another
    read) gives the same numbers, a new array, and leaves the sign as it was."""
    sign = np.sign(a)
    kept = sign.copy()
    got = rt.step(a, sign=sign)
    expected = np.heaviside(a, 0.5)
    assert got.dtype == expected.dtype and got.shape == a.shape
    np.testing.assert_array_equal(got, expected)
    assert not np.signbit(got[~np.isnan(got)]).any()
    np.testing.assert_array_equal(sign, kept)
    assert not np.shares_memory(got, sign) and not np.shares_memory(got, a)
