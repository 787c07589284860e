"""A support joined with itself is itself: ``np.logical_or(m, m)`` is not written (passes/supports_base.py).

Two contributions with one mask (``np.any(r2_mask)`` from each of two reads of ``r2``) gave
``np.logical_or(np.any(m), np.any(m))``: the union of two identical new flags is the flag.  The
hvp of a pair potential (benchmarks/idioms.py's Lennard-Jones, which wrote one) has none, and its
products match central differences of the gradient.
"""

from __future__ import annotations

import ast

import numpy as np

import tangentish


def pair_energy(X):
    d = X[:, None, :] - X[None, :, :]
    r2 = np.sum(d * d, axis=-1) + np.eye(X.shape[0])
    inv6 = 1.0 / r2 ** 3
    e = 4.0 * (inv6 * inv6 - inv6)
    return 0.5 * np.sum(e * (1.0 - np.eye(X.shape[0])))


def _self_unions(source: str) -> list[str]:
    return [ast.unparse(n) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)
            and ast.unparse(n.func) == "np.logical_or" and len(n.args) == 2
            and ast.unparse(n.args[0]) == ast.unparse(n.args[1])]


def test_no_mask_is_joined_with_itself_and_the_products_hold():
    hvp = tangentish.hvp(pair_energy)
    assert _self_unions(hvp.source) == []
    rng = np.random.default_rng(3)
    X = rng.normal(size=(4, 2)) * 2.0
    v = rng.normal(size=(4, 2))
    grad = tangentish.grad(pair_energy)
    h = 1e-6
    expected = (grad(X + h * v) - grad(X - h * v)) / (2 * h)
    np.testing.assert_allclose(hvp(X, v), expected, rtol=1e-5, atol=1e-6 * np.abs(expected).max())
