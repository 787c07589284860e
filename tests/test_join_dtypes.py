"""The dtype of a join of float32 arrays and numbers is NumPy's, in every mode.

``np.r_``/``np.c_`` are lowered to ``np.concatenate`` (passes/index_tricks.py), which must then
give the join the dtype the index trick gives it: a Python or NumPy number counts weakly
(``np.r_[x32, 1.0]`` is float32; ``np.r_[x32, np.float64(1.0)]`` float32 on NumPy 1, float64 on
NumPy 2), an array or a list strongly.  The functions that join (``np.hstack``, ``np.append``,
``np.concatenate``, ``np.stack``, ``np.array`` of a list...) run as the user wrote them.  Each
join below is one output of a function returning them all (one derivative per mode); the
reference dtype is NumPy's own on the same items, the reference derivative the difference of the
join (each is affine in ``x``: ``f(x + v) - f(x)`` in float64 is its tangent along ``v``).
"""

from __future__ import annotations

import itertools

import numpy as np

import tangentish
from tangentish.runtime import join_dtype

X64 = np.array([0.5, -1.0, 2.0])
F64 = np.float64(1.5)


def joins(x):
    return (np.r_[x, 1.0], np.r_[x, 2], np.r_[x, F64], np.r_[x, np.float32(2.0)],
            np.r_[x, [1.0, 2.0]], np.r_[x, 0:2], np.r_[x[0], 1.0], np.r_[x, X64],
            np.r_[x, np.array(3.0)], np.r_[x, True], np.r_[x, 1.0:2.0:3j],
            np.c_[x, x * 2.0], np.c_[x[0], 1.0], np.c_[x, [1.0, 2.0, 3.0]], np.c_[x, F64 * x],
            np.hstack([x, 1.0]), np.hstack((x, [1.0])), np.append(x, 1.0), np.append(x, F64),
            np.concatenate([x, [1.0]]), np.concatenate([x, np.ones(1)]),
            np.stack([x, np.ones(3)]), np.vstack([x, [1.0, 2.0, 3.0]]),
            np.column_stack([x, np.ones(3, np.float32)]), np.array([x[0], 1.0]),
            np.array([x[0], F64]), np.array([x[0], x[1] * 2.0]))


def _reference(x32, v):
    values = joins(x32)
    steps = [np.subtract(b, a, dtype=float) for a, b in zip(
        joins(x32.astype(float)), joins(x32.astype(float) + v), strict=True)]
    return values, steps


def test_forward_mode_joins_have_numpys_dtype():
    x = np.array([0.25, 1.5, -2.0], np.float32)
    v = np.array([1.0, -0.5, 2.0], np.float32)
    values, tangents = tangentish.jvp(joins)(x, x_dot=v)
    expected, steps = _reference(x, v)
    for k, (got, dot, want, step) in enumerate(zip(values, tangents, expected, steps, strict=True)):
        assert np.result_type(got) == want.dtype, (k, np.result_type(got), want.dtype)
        assert np.result_type(dot) == want.dtype, (k, np.result_type(dot), want.dtype)
        np.testing.assert_allclose(got, want, rtol=1e-6, err_msg=str(k))
        np.testing.assert_allclose(dot, step, rtol=1e-6, atol=1e-6, err_msg=str(k))


def test_reverse_mode_joins_have_numpys_dtype():
    x = np.array([0.25, 1.5, -2.0], np.float32)
    values, pullback = tangentish.vjp(joins)(x)
    expected, _ = _reference(x, np.zeros(3))
    seeds = tuple(np.ones(np.shape(e), e.dtype) for e in expected)
    for k, (got, want) in enumerate(zip(values, expected, strict=True)):
        assert np.result_type(got) == want.dtype, (k, np.result_type(got), want.dtype)
    cotangent = pullback(seeds)
    assert cotangent.dtype == np.float32
    reference = [sum(np.sum(step) for step in _reference(x, e)[1]) for e in np.eye(3)]
    np.testing.assert_allclose(cotangent, reference, rtol=1e-6)


ITEMS = [np.ones(2, np.float32), np.ones(2), np.arange(2), np.ones(2, np.complex64), [1.0, 2.0],
         np.array(1.0, np.float32), np.ones(2, np.float16), np.ones(2, np.int8), 1.0, 2, 1j, True,
         np.float64(1), np.float32(1), np.complex128(1j), np.float16(1), np.int64(3)]


def test_join_dtype_is_the_index_tricks():  # (every pair and a sample of triples)
    triples = itertools.islice(itertools.product(ITEMS, repeat=3), 0, None, 7)
    for items in itertools.chain(itertools.product(ITEMS, repeat=2), triples):
        assert join_dtype(*items) == np.r_[items].dtype, items

