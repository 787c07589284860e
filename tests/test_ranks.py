"""Proven ranks (tangentish/passes/ranks.py): what the function itself fixes, the matrix-product
adjoints then written in plain NumPy, and the gradients, which stay right."""

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.ranks import proven_ranks
from tangentish.passes.shapes import analyze_shapes
from tangentish.syntax.parse import parse_function


def evidence(x, w):
    s = np.sum(x)
    v = np.ravel(x)
    m = np.reshape(w, (2, 3))
    r = x.reshape(6)
    o = np.outer(v, v)
    t = m.T
    p = m @ t
    q = v @ v
    e = np.sin(m) * 2.0 + s
    u = x * w  # parameters: unknown
    k = np.sum(m, axis=0)
    n = x.shape[0] / len(w)
    return n * s + q + np.sum(o) + np.sum(p) + np.sum(e) + np.sum(u) + np.sum(r) + np.sum(k)


def _ranks(fn):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    return proven_ranks(norm, analyze_shapes(norm))


def test_ranks_come_only_from_the_function_itself():
    ranks = _ranks(evidence)
    assert {n: ranks.get(n) for n in "svmrotpqeukn"} == {
        "s": 0, "v": 1, "m": 2, "r": 1, "o": 2, "t": 2, "p": 2, "q": 0, "e": 2, "u": None,
        "k": None, "n": 0}
    assert "x" not in ranks and "w" not in ranks


def joins(x):
    v = np.ravel(x)
    parts = []
    for k in range(3):
        parts.append(v ** k)
    stacked = np.stack(parts, axis=1)  # items of rank 1: rank 2
    flat = np.concatenate(parts)  # rank 1
    mixed = [v, x]
    mixed.append(v)
    unequal = np.stack(mixed)  # x's rank unknown: unknown
    both = [v, v]
    flattened = np.concatenate(both, axis=None)  # axis=None: not claimed
    return np.sum(stacked) + np.sum(flat) + np.sum(unequal) + np.sum(flattened)


def test_joins_of_appended_lists_have_ranks():
    ranks = _ranks(joins)
    assert {n: ranks.get(n) for n in ("stacked", "flat", "unequal", "flattened")} == {
        "stacked": 2, "flat": 1, "unequal": None, "flattened": None}


def matrix_matrix(a):
    m = np.reshape(a, (3, 2))
    return np.sum(np.tanh(m @ m.T))


def vector_matrix(x, a):
    v = x.ravel()
    m = a.reshape(3, 3)
    return np.sum(np.sin(v @ m)) + np.sum(np.cos(np.dot(m, v)))


def vector_vector(x, y):
    u, v = np.ravel(x), np.ravel(y)
    return np.sin(u @ v)


def unknown(x, w):
    return np.sum(np.tanh(x @ w))


@pytest.mark.parametrize("fn, wrt, shapes, helpers", [
    (matrix_matrix, 0, [(6,)], False),
    (vector_matrix, (0, 1), [(3,), (9,)], False),
    (vector_vector, (0, 1), [(4,), (2, 2)], False),
    (unknown, (0, 1), [(4, 3), (3,)], True),  # ranks unknown: the general helper stays
])
def test_products_of_proven_ranks_are_plain_numpy(fn, wrt, shapes, helpers):
    source = tangentish.source(fn, wrt=wrt)
    assert ("_rt.matmul_" in source or "_rt.dot_" in source) is helpers
    rng = np.random.default_rng(5)
    args = tuple(rng.standard_normal(s) for s in shapes)
    tangentish.check_grads(fn, args, wrt=wrt, order=2)


def test_the_rewrite_before_and_after():
    source = tangentish.source(vector_matrix, wrt=(0, 1))
    # each was _rt.matmul_left, _rt.matmul_right, _rt.dot_left, _rt.dot_right (dot_m_bar, m, v)
    assert "v_bar = v_bar + m @ v_at_m_bar" in source
    assert "m_bar = m_bar + np.outer(v, v_at_m_bar)" in source
    assert "m_bar = np.outer(dot_m_bar, v)" in source
    assert "v_bar = m.T @ dot_m_bar" in source


def test_float32_stays_float32():
    a = np.arange(6, dtype=np.float32) / 6
    assert tangentish.grad(matrix_matrix)(a).dtype == np.float32


def stacked(a, b, c):
    s = a @ np.swapaxes(b, -1, -2)
    return np.sum(np.tanh(s) @ c)


@pytest.mark.parametrize("shapes, plain", [
    (((3, 4, 2), (3, 5, 2), (3, 5, 2)), True),
    (((1, 4, 2), (1, 5, 2), (1, 5, 2)), True),  # one batch of length 1 each: nothing broadcast
    (((1, 4, 2), (3, 5, 2), (3, 5, 2)), False),  # a's batch broadcast against b's
    (((2, 3, 4, 2), (2, 3, 5, 2), (2, 3, 5, 2)), True)])
def test_stacks_of_matrices_of_one_batch_pattern(shapes, plain):
    """Specialized to stacks of matrices whose leading axes have one size-one pattern, the
    adjoints of ``@`` are ``g @ np.swapaxes(b, -1, -2)`` and ``np.swapaxes(a, -1, -2) @ g``;
    where a batch axis broadcasts the helper stays (it sums over it); gradients against finite
    differences, generic and specialized."""
    rng = np.random.default_rng(len(shapes[0]) + shapes[0][0] + shapes[1][0])
    args = tuple(rng.normal(size=shape) for shape in shapes)
    derivative = tangentish.grad(stacked, wrt=(0, 1, 2))
    results = specialized_calls(derivative, args, 3)
    special = derivative.source_for(*args)
    assert ("_rt.matmul" not in special) is plain, special
    for got in results:
        for position, value in enumerate(got):
            np.testing.assert_allclose(value, numeric_grad(stacked, args, position), rtol=1e-6,
                                       atol=1e-8)
