"""passes/size_reads.py: a mean's count of a proven array is its ``.size`` in a specialized
gradient (``2.0 / y.size * r``, where ``np.size(y)`` cost most of a microsecond); a count along
an axis keeps ``np.shape(c)[0]``.  Each row's generic (first call) and specialized gradients are the
same bits, special values included, and match central finite differences where finite."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

RNG = np.random.default_rng(6620)
SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, 1e160, -1e200])


def mse(w, X, y):
    return np.mean((X @ w - y) ** 2)


def by_axis(x, c):
    return np.sum(np.mean(x * c, axis=0) ** 2) + np.mean(x)  # (a count along an axis stays)


def scalar_mean(x, s):
    return np.mean(x) * np.mean(s)  # (s a Python float: a number, no method)


def picked(z, y):  # (an array indexed by an array of rank 1: an array)
    return -np.mean(np.log(z[np.arange(z.shape[0]), y]))


ROWS = [  # (function, arguments, what the specialized code must (not) say)
    (mse, (RNG.normal(size=3), RNG.normal(size=(6, 3)), RNG.normal(size=6)),
     ("2.0 / y.size", "np.size")),
    (mse, (np.array([1e200, 0.0, -0.0]), SPECIAL.reshape(5, 2).repeat(2, axis=1)[:, :3],
           SPECIAL[:5].copy()), ("y.size", "np.size")),
    (by_axis, (RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))), ("x.size", "np.size")),
    (by_axis, (SPECIAL.reshape(5, 2), SPECIAL[::-1].reshape(5, 2).copy()), ("np.shape(", "np.size")),
    (scalar_mean, (RNG.normal(size=5), 2.5), ("x.size", "s.mean")),
    (picked, (RNG.uniform(0.5, 2.0, size=(6, 3)), RNG.integers(0, 3, size=6)),
     ("_item.size", "np.size")),
]


@pytest.mark.parametrize("fn, args, said", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                     for i, r in enumerate(ROWS)])
def test_sizes_read_as_attributes_are_the_same_bits(fn, args, said):
    specialized, source = generic_and_specialized(fn, args)
    present, absent = said
    assert present in source and absent not in source, source
    if all(np.isfinite(a).all() for a in args):
        np.testing.assert_allclose(specialized, numeric_grad(fn, args, 0), rtol=1e-6, atol=1e-8)
