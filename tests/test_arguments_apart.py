"""Arguments that share memory, one of them changed in place (passes/arguments_apart.py).

Python shows an in-place change through every name for the array: ``f(x, a, a)`` with ``y[0] *=
x[0]`` changes ``z`` too.  The derivative copies or rebinds what is changed, and used to compute as
if the arguments shared nothing: a silently wrong value and gradient (``[z, z]`` was a README known
gap).  Each row is called twice: with arguments sharing memory, where every mode must refuse
clearly and leave the caller's arrays alone; and with separate arrays, where every mode must be
right (value equal to ``f``'s, derivative against central differences)."""

from __future__ import annotations

import collections

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.7, -1.3, 0.4])
A = np.array([0.5, -0.2, 0.9])
Z = np.array([[0.3, 0.1, -0.4], [0.2, 0.6, 0.5]])


def item_changed_other_read(x, y, z):
    y[0] *= x[0]
    return np.sum(z * x)


def whole_changed_other_read(x, y, z):
    y *= np.sin(x[1])
    return np.sum(z * x) + np.sum(y)


def list_item_changed_array_read(x, rows, z):
    rows[0] *= x[0]
    return np.sum(z * x) + np.sum(rows[1])


def list_item_changed_list_read(x, rows):
    rows[0] *= x[0]
    return np.sum(rows[1] * x)


def slice_changed_view_read(x, y, z):
    y[1:] += x[:2] ** 2
    return np.sum(z * x[1:])


def argument_changed_x_read(x, y):
    y[0] = y[0] * x[1]
    return np.sum(y) + np.sum(x * x)


def rows_changed_in_a_loop(x, rows):
    for i in range(2):
        rows[i] *= x[i]
    return np.sum(rows[0] * rows[1]) + np.sum(rows[-1] * x)


WEIGHTS = np.array([0.5, 1.5, 2.0])


def argument_changed_module_array_read(x, buf):
    buf[0] = x[0] * 2.0
    return np.sum(WEIGHTS * x) + np.sum(buf * x)


class Holder:
    def __init__(self, w):
        self.w = w


def attribute_written_through_a_name(x, m, z):
    w = m.w
    w[0] = x[0] * 2.0
    return np.sum(z * x) + np.sum(w)


def attribute_scaled_then_object_read(x, m):
    w = m.w
    w *= np.cos(x[1])
    return np.sum(m.w * x)


def list_item_written_through_a_name(x, rows, z):
    r = rows[0]
    r[0] = x[0] * 2.0
    return np.sum(z * x) + np.sum(r * x)


def _holder_and_its_array():
    held = Holder(A.copy())
    return held, held.w


ROWS = [
    (item_changed_other_read, lambda: (A, A), lambda: (A.copy(), A.copy())),
    (whole_changed_other_read, lambda: (A, A), lambda: (A.copy(), A.copy())),
    (list_item_changed_array_read, lambda: ([A, 2 * A], A), lambda: ([A.copy(), 2 * A], A.copy())),
    (list_item_changed_list_read, lambda: ([A, A],), lambda: ([A.copy(), A.copy()],)),
    (list_item_changed_list_read, lambda: ([Z[0], Z[0, :]],), lambda: (list(Z.copy()),)),
    (slice_changed_view_read, lambda: (A, A[1:]), lambda: (A.copy(), A[1:].copy())),
    (rows_changed_in_a_loop, lambda: ([A, A, Z[1]],), lambda: ([A.copy(), Z[0].copy(), Z[1].copy()],)),
    (argument_changed_module_array_read, lambda: (WEIGHTS,), lambda: (WEIGHTS.copy(),)),
    (attribute_written_through_a_name, _holder_and_its_array, lambda: (Holder(A.copy()), A.copy())),
    (list_item_written_through_a_name, lambda: ([A, 2 * A], A), lambda: ([A.copy(), 2 * A], A.copy())),
]
IDS = ["item", "whole", "list_item_array", "list_twice", "list_views", "slice_view", "loop",
       "module_array", "attribute_name", "list_item_name"]
MODES = ["grad", "value_and_grad", "vjp", "jvp"]


def _derivative(mode, f, x, others):
    if mode == "grad":
        return tangentish.grad(f)(x, *others)
    if mode == "value_and_grad":
        return tangentish.value_and_grad(f)(x, *others)
    if mode == "vjp":
        value, pullback = tangentish.vjp(f)(x, *others)
        return value, pullback(1.0)
    return tangentish.jvp(f)(x, *others, x_dot=np.ones_like(x))


def _arrays(others):
    for value in others:
        yield from (value if isinstance(value, list) else [value.w] if isinstance(value, Holder)
                    else [value])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("f", "shared", "separate"), ROWS, ids=IDS)
def test_shared_arguments_are_refused(f, shared, separate, mode):
    others = shared()
    before = [np.copy(a) for a in _arrays(others)]
    with pytest.raises(UnsupportedConstructError, match="changed in place at test_arguments_apart"):
        _derivative(mode, f, X.copy(), others)
    for now, was in zip(_arrays(others), before, strict=True):
        np.testing.assert_array_equal(now, was)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("f", "shared", "separate"), ROWS, ids=IDS)
def test_separate_arguments_are_right(f, shared, separate, mode):
    expected = numeric_grad(lambda x: f(x, *separate()), (X.copy(),))
    value = f(X.copy(), *separate())
    result = _derivative(mode, f, X.copy(), separate())
    if mode == "grad":
        assert_grad_close(result, expected, label=mode)
        return
    np.testing.assert_allclose(result[0], value, rtol=1e-12)
    if mode == "jvp":
        np.testing.assert_allclose(result[1], np.sum(expected), rtol=1e-6, atol=1e-7)
    else:
        assert_grad_close(result[1], expected, label=mode)


def changed_dict_entry(x, d):
    d["a"] = d["a"] * x[0]
    return np.sum(d["b"] * x) + np.sum(d["a"])


def augmented_dict_entry(x, d):
    d["a"] *= x[0]
    return np.sum(d["b"] * x)


def dict_entry_by_name(x, d, key):
    d[key] = d[key] * x[0]
    return np.sum(d[key] * x)


def dict_entries_in_a_loop(x, d):
    for key in ("a", "b"):
        d[key] = d[key] * x[0]
    return np.sum(d["a"] * x)


DICT_WRITES = [(changed_dict_entry, (), 'd["a"] = d["a"] * x[0]'),
               (augmented_dict_entry, (), 'd["a"] *= x[0]'),
               (dict_entry_by_name, ("a",), "d[key] = d[key] * x[0]"),
               (dict_entries_in_a_loop, (), "d[key] = d[key] * x[0]")]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("f", "extra", "line"), DICT_WRITES,
                         ids=["entry", "augmented", "by_name", "loop"])
def test_dict_argument_given_a_varying_entry_is_refused(f, extra, line, mode):
    """Refused at run time, where the value is known to be a dict, at the write (the check
    before it; jvp's zero tangent of the dict refused it at the function's first line before)."""
    d = {"a": A.copy(), "b": 2 * A}
    with pytest.raises(UnsupportedConstructError, match="into a dict the caller passed") as info:
        _derivative(mode, f, X.copy(), (d, *extra))
    assert "test_arguments_apart.py" in str(info.value) and line in str(info.value)
    np.testing.assert_array_equal(d["a"], A)

def ragged_list_item_replaced(x, rows):
    rows[0] = rows[0] * x[0]
    return np.sum(rows[0]) + np.sum(rows[1] * x[:2])


def dict_entry_set_to_a_constant(x, d):
    d["scale"] = 3.0
    return np.sum(d["a"] * x) * d["scale"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("f", "make"), [
    (ragged_list_item_replaced, lambda: ([A.copy(), np.array([0.5, 0.25])],)),
    (dict_entry_set_to_a_constant, lambda: ({"a": A.copy(), "scale": 1.0},)),
    (dict_entry_set_to_a_constant,
     lambda: (collections.defaultdict(float, {"a": A.copy(), "scale": 1.0}),)),
], ids=["ragged_list", "dict_constant", "defaultdict_constant"])
def test_changed_containers_are_followed_and_left_alone(f, make, mode):
    """A ragged list argument given a varying item (jvp's zero tangent of it was
    ``np.zeros_like`` of the ragged list: a raw ValueError), and a dict argument given a constant
    entry (the derivative wrote into the caller's dict): right, and the caller's containers
    untouched."""
    expected = numeric_grad(lambda x: f(x, *make()), (X.copy(),))
    value = f(X.copy(), *make())
    others = make()
    result = _derivative(mode, f, X.copy(), others)
    assert repr(others) == repr(make())
    if mode == "grad":
        assert_grad_close(result, expected, label=mode)
    elif mode == "jvp":
        np.testing.assert_allclose(result, (value, np.sum(expected)), rtol=1e-6, atol=1e-7)
    else:
        np.testing.assert_allclose(result[0], value, rtol=1e-12)
        assert_grad_close(result[1], expected, label=mode)


def _random_view(rng, base):
    """A random view of ``base`` (12 elements): a strided slice, reversed or not, of its flat form,
    or a row or column of a reshape; or now and then a fresh array or a number."""
    kind = rng.integers(5)
    if kind == 0:
        return rng.normal(size=3) if rng.integers(2) else 1.5
    if kind in (1, 2):
        start, stop, step = sorted(rng.integers(0, 13, size=2)) + [int(rng.integers(1, 4))]
        view = base[start:stop:step]
        return view[::-1] if kind == 2 else view
    shaped = base.reshape(3, 4) if rng.integers(2) else base.reshape(4, 3)
    return shaped[int(rng.integers(shaped.shape[0]))] if kind == 3 else \
        shaped[:, int(rng.integers(shaped.shape[1]))]


def test_items_sharing_memory_agrees_with_pairwise_comparison():
    """The entry check's test of a caller's list (``item_shared``: extents sorted, only those
    that meet compared) against every pair compared with ``np.shares_memory``, on random lists of
    views of one array."""
    from tangentish.runtime._memory import item_shared

    rng = np.random.default_rng(7)
    for _ in range(400):
        base = np.arange(12.0)
        items = [_random_view(rng, base) for _ in range(int(rng.integers(2, 6)))]
        arrays = [a for a in items if isinstance(a, np.ndarray) and a.size]
        expected = any(np.shares_memory(a, b) for k, a in enumerate(arrays) for b in arrays[k + 1:])
        assert item_shared(items, items, None) == expected, items


@pytest.mark.parametrize("mode", MODES)
def test_an_object_read_after_its_array_changed_is_refused(mode):
    """``w = m.w; w *= v`` then ``m.w`` read: the check looks into the object's attributes."""
    held = Holder(A.copy())
    with pytest.raises(UnsupportedConstructError, match="'w' is changed in place"):
        _derivative(mode, attribute_scaled_then_object_read, X.copy(), (held,))
    np.testing.assert_array_equal(held.w, A)


def attribute_array_changed(x, m):
    w = m.w
    w[0] = x[0] * 2.0
    return np.sum(w * x)


@pytest.mark.parametrize("mode", MODES)
def test_an_object_whose_array_is_changed_is_copied(mode):
    """The derivative changed the caller's ``m.w`` (the entry copy returned objects as they
    were): now the object is copied, the result right, the caller's array untouched."""
    expected = numeric_grad(lambda x: attribute_array_changed(x, Holder(A.copy())), (X.copy(),))
    held = Holder(A.copy())
    result = _derivative(mode, attribute_array_changed, X.copy(), (held,))
    np.testing.assert_array_equal(held.w, A)
    got = result if mode == "grad" else result[1]
    if mode == "jvp":
        np.testing.assert_allclose(got, np.sum(expected), rtol=1e-6, atol=1e-7)
    else:
        assert_grad_close(got, expected, label=mode)
