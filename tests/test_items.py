"""The adjoint of a list or tuple has one form per value (``tangentish.runtime.items``): stacked
when the items stack, one adjoint per item otherwise.  Every helper that combines two adjoints of
one sequence must agree on it, whatever form each arrived in."""

from __future__ import annotations

import numpy as np
import pytest

from tangentish import runtime as rt
from tangentish.runtime import items

RNG = np.random.default_rng(5)
A3, B3, M23 = RNG.normal(size=3), RNG.normal(size=3), RNG.normal(size=(2, 3))

SEQUENCES = {
    "same-shape arrays": [A3, B3, A3 * 2],
    "numbers": [0.5, 1.5],
    "ragged": [A3, 0.7, M23],
    "pairs of one shape": [(A3, B3), (B3, A3)],
    "pairs (vector, number)": [(A3, 0.5), (B3, 1.5)],
    "nested ragged": [[A3, (M23, 2.0)], 3.0],
    "empty": [],
}


def _random_adjoint(like):
    """An adjoint of ``like`` in items form at every level (the form a stacked one must accept)."""
    if isinstance(like, (list, tuple)):
        out = np.empty(len(like), dtype=object)
        for i, item in enumerate(like):
            out[i] = _random_adjoint(item)
        return out
    return RNG.normal(size=np.shape(like)) if np.shape(like) else float(RNG.normal())


def _leaves(g):
    if items.is_items(g):
        return [leaf for item in g for leaf in _leaves(item)]
    return [np.asarray(g)]


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_zero_and_conform_agree_on_the_form(name):
    like = SEQUENCES[name]
    zero = items.zero_of(like)
    assert items.is_items(zero) == items.ragged(like)
    g = _random_adjoint(like)
    conformed = items.conform(g, like)
    assert items.is_items(conformed) == items.ragged(like)
    flat = [leaf.ravel() for leaf in _leaves(g)]
    again = [leaf.ravel() for leaf in _leaves(conformed)]
    np.testing.assert_array_equal(np.concatenate(flat or [np.zeros(0)]),
                                  np.concatenate(again or [np.zeros(0)]))
    total = items.conform(zero + conformed, like)  # the two forms never meet in `+`
    for a, b in zip(_leaves(total), _leaves(conformed), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", sorted(set(SEQUENCES) - {"empty"}))
def test_unindex_and_add_at_accumulate_per_item(name):
    like = SEQUENCES[name]
    last = len(like) - 1
    g0, g1 = _random_adjoint(like[0]), _random_adjoint(like[last])
    stacked_or_items = items.conform(_random_adjoint(like), like)
    acc = rt.add_at(stacked_or_items, g1, like, last)
    acc = rt.add_at(acc, g0, like, 0)
    assert items.is_items(acc) == items.ragged(like)
    for i, extra in ((0, g0), (last, g1)):
        expected = _leaves(items.conform(stacked_or_items, like)[i])
        added = _leaves(items.conform(extra, like[i]))
        if i == 0 and last == 0:
            added = [a + b for a, b in zip(added, _leaves(items.conform(g1, like[i])),
                                           strict=True)]
        for got, want, more in zip(_leaves(acc[i]), expected, added, strict=True):
            np.testing.assert_allclose(got, want + more)


def test_unpopped_and_spread_take_the_longer_lists_form():
    stacked = rt.unpopped(np.ones((2, 3)), A3)
    assert stacked.shape == (3, 3) and not items.is_items(stacked)
    ragged = rt.unpopped(np.ones((2, 3)), 0.5)
    assert items.is_items(ragged) and ragged[2] == 0.0
    assert rt.unpopped(np.zeros(0), (A3, 0.5)).shape == (1,)
    spread = rt.spread(np.ones((2, 3)), [M23, A3, 1.0])
    assert items.is_items(spread)
    np.testing.assert_allclose(spread[1], [2.0, 2.0, 2.0])
    assert spread[2] == 6.0


def _grows_after_reading_an_item(x):
    xs = [x * 1.0]
    for i in range(3):
        last = xs[-1]
        xs.append(np.sin(last) * x[i])
    return np.sum(np.array(xs) ** 2)


def _changes_an_item_the_list_still_holds(x):
    xs = [x * 1.0]
    last = xs[-1]
    last[0] = 0.5
    return np.sum(np.array(xs))


def test_growing_a_list_leaves_items_read_from_it_alone():
    """An item read back shares memory with the item, not the list: appending afterwards is no
    in-place change of it (allowed, and right in every mode)."""
    from helpers import numeric_grad

    import tangentish

    x = np.array([0.3, -0.7, 1.1])
    expected = numeric_grad(_grows_after_reading_an_item, [x], 0)
    np.testing.assert_allclose(tangentish.grad(_grows_after_reading_an_item)(x), expected,
                               rtol=1e-5, atol=1e-7)
    _, pullback = tangentish.vjp(_grows_after_reading_an_item)(x)
    np.testing.assert_allclose(pullback(1.0), expected, rtol=1e-5, atol=1e-7)
    direction = np.array([0.2, 0.5, -1.0])
    _, tangent = tangentish.jvp(_grows_after_reading_an_item)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-5, atol=1e-7)


def test_changing_an_item_the_list_still_holds_is_refused():
    import tangentish

    with pytest.raises(tangentish.UnsupportedConstructError, match="holds it"):
        tangentish.grad(_changes_an_item_the_list_still_holds)(np.array([0.3, -0.7]))


def test_long_lists_and_dtypes():
    """More items than NumPy 1.x's 32-argument limit, float32 kept, numbers promoting weakly."""
    f32 = [np.ones(2, dtype=np.float32)] * 40
    assert items.zero_of(f32).dtype == np.float32 and items.zero_of(f32).shape == (40, 2)
    assert items.common_dtype([*f32, 0.5]) == np.float32
    assert items.common_dtype([1, 2]) == np.int64 and items.zero_of([1, 2]).dtype == np.float64
    long_ragged = [A3, 0.5] * 20
    g = items.conform(_random_adjoint(long_ragged), long_ragged)
    assert items.is_items(g) and len(g) == 40
    assert rt.unpopped(np.zeros((40, 3)), A3).shape == (41, 3)


def test_add_at_into_a_list_of_numbers_adjoint_in_place_or_not():
    """A list of numbers' adjoint held by the generated code alone is added into in place at an
    int index (one step of a loop, O(1)); one held elsewhere too (beyond the variable the result
    rebinds, ``g = _rt.add_at(g, ...)``) is left as it was."""
    like = [0.5, 1.5, -2.0]
    fresh = rt.add_at(np.zeros(3), 2.5, like, -1)  # (a temporary: the code's own)
    np.testing.assert_array_equal(fresh, [0.0, 0.0, 2.5])
    fresh = rt.add_at(fresh, np.float64(1.0), like, 0)
    np.testing.assert_array_equal(fresh, [1.0, 0.0, 2.5])
    shared = np.array([1.0, 2.0, 3.0])
    elsewhere = [shared]  # (another reference than the variable the result rebinds)
    out = rt.add_at(shared, 4.0, like, 1)
    np.testing.assert_array_equal(out, [1.0, 6.0, 3.0])
    np.testing.assert_array_equal(elsewhere[0], [1.0, 2.0, 3.0])
    assert out is not shared
