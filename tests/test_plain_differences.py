"""passes/plain_differences.py: the adjoint of ``np.diff`` of a float64 vector is written as two
slice writes (``t[1:] = g; t[:-1] -= t[1:]``) in a specialized gradient, not ``_rt.undiff``.
Each row: the generic derivative (first call, the helper) and the specialized one (later calls)
give the same numbers bit for bit, special values included, and match central finite
differences where the function is smooth; the rows the pass must leave keep the helper."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

RNG = np.random.default_rng(6050)
SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -1e300, 5e-324])


def cubed(u):
    return np.sum(np.diff(u) ** 3)


def smooth(u, c):  # (the adjoint summed into another: ``u_bar += d``)
    return np.sum(np.sqrt(np.diff(u) ** 2 + 1e-6)) + 0.5 * np.sum((u - c) ** 2)


def second(u):
    return np.sum(np.diff(u, 2) ** 3)


def rows(u):
    return np.sum(np.diff(u, axis=0) ** 3)


# (function, arguments, whether the specialized code keeps _rt.undiff)
ROWS = [
    (cubed, (np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -1e300, 5e-324,
                       1e200, 0.0]),), False),  # inf, NaN, overflow and zeros' signs in g
    (cubed, (RNG.normal(size=2),), False),
    (cubed, (RNG.normal(size=1),), False),  # g empty: the gradient is [0.0]
    (smooth, (RNG.normal(size=6), RNG.normal(size=6)), False),
    (smooth, (np.array([0.0, -0.0, np.inf, 1.0, np.nan, 2.0]), RNG.normal(size=6)), False),
    (second, (RNG.normal(size=6),), True),  # order 2
    (rows, (RNG.normal(size=(4, 3)),), True),  # a matrix
    (cubed, (RNG.normal(size=6).astype(np.float32),), True),  # float32
]


@pytest.mark.parametrize("fn, args, kept", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                      for i, r in enumerate(ROWS)])
def test_specialized_differences_are_the_helpers_numbers(fn, args, kept):
    specialized, source = generic_and_specialized(fn, args)
    assert ("_rt.undiff(" in source) == kept, source
    if all(np.all(np.isfinite(a)) for a in args) and args[0].dtype == np.float64 and \
            args[0].size > 1:
        np.testing.assert_allclose(specialized, numeric_grad(fn, args, 0), rtol=1e-6,
                                   atol=1e-8)
