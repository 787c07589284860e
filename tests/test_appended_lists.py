"""passes/appended_lists.py, read by passes/dtypes.py and passes/ranks.py: a polynomial
regression's features, ``np.stack([x ** k for k in range(4)], axis=1)``, are float64 of rank 2
once ``x`` is a float64 vector, so its specialized gradient reads no seed check and its matrix
product's adjoint is ``feats.T @ g``.  The specialized gradient is the generic one bit for bit,
special values included, and matches central finite differences where finite."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

RNG = np.random.default_rng(6600)


def polyreg(w, x, y):
    feats = np.stack([x ** k for k in range(4)], axis=1)
    r = feats @ w - y
    return np.mean(r ** 2)


def joined(w, x):
    parts = [w]
    for k in range(1, 3):
        parts.append(w * x ** k)
    return np.sum(np.concatenate(parts) ** 2)


SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, 1e103, -1e160])
ROWS = [  # (function, arguments, what the specialized code must (not) say)
    (polyreg, (RNG.normal(size=4), RNG.normal(size=6), RNG.normal(size=6)),
     ("feats.T @", "_rt.matmul")),
    (polyreg, (RNG.normal(size=4), SPECIAL, SPECIAL[::-1].copy()), ("feats.T @", "_rt.seed")),
    (polyreg, (np.array([1e200, -1e-300, 0.0, -0.0]), SPECIAL, RNG.normal(size=10)),
     ("feats.T @", "_rt.seed")),
    (joined, (RNG.normal(size=5), RNG.normal(size=5)), ("return", "_rt.seed")),
    (joined, (SPECIAL, SPECIAL[::-1].copy()), ("return", "_rt.seed")),
    (polyreg, (RNG.normal(size=4), RNG.normal(size=6).astype(np.float32), RNG.normal(size=6)),
     ("_rt.seed", "_rt.matmul")),  # (float32 features: not float64, the seed is checked)
]


@pytest.mark.parametrize("fn, args, said", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                     for i, r in enumerate(ROWS)])
def test_specialized_is_the_generic_gradient_bit_for_bit(fn, args, said):
    specialized, source = generic_and_specialized(fn, args)
    present, absent = said
    assert present in source, source
    assert absent not in source, source
    finite = all(np.isfinite(a).all() for a in args)
    if finite and args[1].dtype == np.float64:  # (finite differences where they mean something)
        expected = numeric_grad(fn, args, 0)
        np.testing.assert_allclose(specialized, expected, rtol=1e-6, atol=1e-8)
