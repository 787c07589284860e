"""``_rt.chosen(g, weight)``: ``g * weight`` where the weight is not 0 and 0 where it is, whatever
``g`` holds there (inf, NaN), for every rank and floating dtype; and its NaN test on a vector (the
common case: a ReLU's adjoint) is one ``dot`` of the product with itself, not ``isnan`` + ``any``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tangentish import runtime as rt

SPECIAL = [0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan]
WEIGHTS = [0.0, 0.5, 1.0, np.nan]


def _reference(g, weight):
    """The definition, elementwise, independent of the helper's NaN test."""
    g, weight = np.asarray(g), np.asarray(weight)
    with np.errstate(invalid="ignore"):  # (inf * 0: the NaN the definition replaces)
        return np.where(weight != 0, g * weight, 0.0).astype(np.result_type(g, weight))


def _cases():
    rng = np.random.default_rng(2700)
    pairs = list(itertools.product(SPECIAL, WEIGHTS))
    g1 = np.array([g for g, _ in pairs])
    w1 = np.array([w for _, w in pairs])
    yield "vector", g1, w1
    yield "strided vector", np.repeat(g1, 2)[::2], np.repeat(w1, 2)[::2]
    yield "matrix", g1[:24].reshape(4, 6), w1[:24].reshape(4, 6)
    yield "broadcast", rng.normal(size=(3, 1)), np.array([0.0, 0.5, 1.0])
    yield "finite vector", rng.normal(size=7), np.heaviside(rng.normal(size=7), 0.5)
    yield "empty", np.zeros(0), np.zeros(0)
    for dtype in (np.float32, np.float16):
        yield f"{dtype.__name__} vector", g1.astype(dtype), w1.astype(dtype)
    for g, w in pairs:
        yield f"scalar {g} {w}", np.float64(g), w
        yield f"0-d {g} {w}", np.array(g), np.array(w)


CASES = list(_cases())


@pytest.mark.parametrize("g, weight", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_chosen_is_the_product_where_chosen_and_zero_elsewhere(g, weight):
    with np.errstate(invalid="ignore"):
        got = rt.chosen(g, weight)
    expected = _reference(g, weight)
    np.testing.assert_array_equal(got, expected)  # (NaN equal to NaN; inf exact)
    assert np.result_type(got) == np.result_type(g, weight)
    assert np.ndim(got) == 0 or isinstance(got, np.ndarray)
    assert not (isinstance(got, np.ndarray) and got.ndim == 0)  # (0-d: a scalar, as NumPy's)


@pytest.mark.parametrize("g, weight", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_chosen_returns_a_new_value(g, weight):
    """What ``passes/accumulate.py`` relies on to sum into an adjoint ``chosen`` started in place
    (``_NEW_RUNTIME``): the result never shares memory with ``g`` or the weight, and changing it
    in place leaves both as they were."""
    kept = (np.array(g, copy=True), np.array(weight, copy=True))
    with np.errstate(invalid="ignore"):
        got = rt.chosen(g, weight)
    assert not np.shares_memory(got, g) and not np.shares_memory(got, weight)
    if isinstance(got, np.ndarray):
        got += 1.0
    np.testing.assert_array_equal(g, kept[0])
    np.testing.assert_array_equal(weight, kept[1])


def test_a_vectors_nan_test_is_one_dot(monkeypatch):
    """Structural: on a 1-D product (with and without a NaN to repair) no ``isnan``/``any``
    pass runs (it took half of a ReLU adjoint's time at n=10: benchmarks/RESULTS.md)."""
    def refuse(*args, **kwargs):
        raise AssertionError("np.isnan called on a vector")

    monkeypatch.setattr(np, "isnan", refuse)
    g = np.array([1.0, np.inf, np.nan, 2.0])
    with np.errstate(invalid="ignore"):
        repaired = rt.chosen(g, np.array([1.0, 0.0, 0.0, 0.5]))
    assert np.array_equal(repaired, [1.0, 0.0, 0.0, 1.0])
    assert np.array_equal(rt.chosen(g[:2], np.array([1.0, 0.5])), [1.0, np.inf])
