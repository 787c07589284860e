"""passes/even_at_zero.py: ``np.exp(0.0 - t)`` of a proven float64 ``t`` is ``np.exp(-t)`` in a
specialized gradient (``_rt.share(0.0 - t)``, ``np.logaddexp``'s partial, likewise), and the sign
then goes into ``t``'s definition (logistic regression's ``y_times_z = y * (X @ w)`` read by
``_rt.share(y_times_z)``, not ``-y * (X @ w)`` read by ``_rt.share(0.0 - t)``).  The functions'
values at both zeros are the same bits; each row's generic (first call) and specialized
gradients are the same bits, special values included, and match central finite differences where
finite; a float32 argument keeps the subtraction."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

import tangentish.runtime as rt
from tangentish.passes.even_at_zero import EVEN_AT_ZERO, EVEN_HELPERS

RNG = np.random.default_rng(6051)
SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -800.0, 710.0])


def test_each_function_is_the_same_bits_at_both_zeros():
    for name in (*EVEN_AT_ZERO, *EVEN_HELPERS):
        values = getattr(rt if name in EVEN_HELPERS else np, name)(np.array([0.0, -0.0]))
        assert values.view(np.int64)[0] == values.view(np.int64)[1], name


def logistic(w, X, y):
    z = X @ w
    return np.sum(np.logaddexp(0.0, -y * z))


def rotated(w, c):
    return np.sum(np.logaddexp(0.0, w * c)) + np.sum(np.cos(w) * c)


ROWS = [  # (function, arguments, what the specialized code must (not) say)
    (logistic, (RNG.normal(size=3), RNG.normal(size=(5, 3)), np.sign(RNG.normal(size=5))),
     ("_rt.share(y_times_z)", "0.0 -")),
    (rotated, (SPECIAL, SPECIAL[::-1].copy()), ("_rt.share(-w_times_c)", "0.0 -")),
    (rotated, (RNG.normal(size=4), RNG.normal(size=4)), ("_rt.share(-w_times_c)", "0.0 -")),
    (rotated, (RNG.normal(size=4).astype(np.float32), RNG.normal(size=4)),
     ("_rt.share(0.0 - w_times_c)", "_rt.share(-")),  # (float32: not proven float64)
]


@pytest.mark.parametrize("fn, args, said", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                     for i, r in enumerate(ROWS)])
def test_specialized_is_the_generic_gradient_bit_for_bit(fn, args, said):
    specialized, source = generic_and_specialized(fn, args)
    assert said[0] in source and said[1] not in source, source
    if all(np.all(np.isfinite(a)) for a in args) and args[0].dtype == np.float64:
        np.testing.assert_allclose(specialized, numeric_grad(fn, args, 0), rtol=1e-6, atol=1e-8)
