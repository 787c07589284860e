"""passes/plain_indexing.py: the adjoint of a basic index of a float64 array is written as
``t = np.zeros(x.shape); t[index] = g`` in a specialized gradient, not ``_rt.unindex``.  Each
row: the generic derivative (first call, the helper) and the specialized one give the same bits,
special values included, and match central finite differences where finite; the rows the pass
must leave keep the helper; a gradient so written is returned without a copy."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

RNG = np.random.default_rng(6052)
SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -1e300, 5e-324])


def ends(x):
    return np.sum(x[1:] * x[:-1] ** 2)


def stepped(x):
    return np.sum(np.sin(x[::2])) + np.sum(x[-3:-1] ** 3)


def item(x):
    return np.sin(x[2]) * 3.0


def broadcast(x):  # (x[None, :, :]: a tuple of None and slices)
    return np.sum(np.tanh(x[None, :, :] - x[:, None, :]) ** 2)


def ellipsis(x):
    return np.sum(np.exp(x[..., 1:]))


def picked(x):  # (an integer array: np.add.at, the helper kept)
    return np.sum(x[np.array([0, 2, 2])] ** 2)


# (function, arguments, whether the specialized code keeps _rt.unindex)
ROWS = [
    (ends, (SPECIAL,), False),
    (ends, (RNG.normal(size=6),), False),
    (stepped, (RNG.normal(size=7),), False),
    (item, (RNG.normal(size=4),), False),
    (broadcast, (RNG.normal(size=(3, 2)),), False),
    (ellipsis, (RNG.normal(size=(2, 4)),), False),
    (picked, (RNG.normal(size=4),), True),
    (ends, (RNG.normal(size=6).astype(np.float32),), True),  # float32
]


@pytest.mark.parametrize("fn, args, kept", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                      for i, r in enumerate(ROWS)])
def test_specialized_indexing_is_the_helpers_numbers(fn, args, kept):
    specialized, source = generic_and_specialized(fn, args)
    assert ("_rt.unindex(" in source) == kept, source
    assert kept or "return 1.0 *" not in source, source  # (a new array: not copied again)
    if all(np.all(np.isfinite(a)) for a in args) and args[0].dtype == np.float64:
        np.testing.assert_allclose(specialized, numeric_grad(fn, args, 0), rtol=1e-6,
                                   atol=1e-8)
