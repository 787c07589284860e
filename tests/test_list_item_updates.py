"""``items[i] op= v`` on a list the function made.  Python runs ``t = items[i]; t op= v;
items[i] = t``: for an array item, ``t op= v`` changes that array in place, so whatever shares its
memory changes too (the array the items are views of, another item holding the same array).  It
was lowered as ``items[i] = items[i] op v``, a new array, and the value and the gradient were
silently wrong wherever the shared memory was read afterwards (``rows = [y[0], y[1]]; rows[0] *=
3.0; return np.sum(y ** 3)``).  Now the item is changed in place as Python does, so the aliasing
checks see it: where the memory is shared the derivative refuses clearly, and where each item is
an array of its own, or a number, it is differentiated."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError


def views_comprehension(x):
    rows = [x[i] for i in range(2)]
    rows[0] *= 3.0
    return np.sum(x ** 3)


def views_display(x):
    y = x * 1.0
    rows = [y[0], y[1]]
    rows[1] += rows[0]
    return np.sum(y ** 3)


def views_list_call(x):
    rows = list(x)
    rows[-1] -= 0.5
    return np.sum(x ** 3)


def overlapping_items(x):
    y = x.ravel() * 1.0
    rows = [y[0:2], y[1:3]]
    rows[0] *= 3.0
    return np.sum(rows[1] ** 2) + np.sum(rows[0])


def one_array_twice(x):
    z = x[0] * 1.0
    rows = [z, z]
    rows[0] *= 3.0
    return np.sum(rows[1] ** 2) + np.sum(rows[0])


def one_array_twice_read_by_name(x):
    z = x[0] * 1.0
    rows = [z, z]
    rows[0] /= 2.0
    return np.sum(z ** 2) + np.sum(rows[0])


SHARED = [views_comprehension, views_display, views_list_call, overlapping_items, one_array_twice,
          one_array_twice_read_by_name]


def numbers(x):
    acc = [0.0, 0.0]
    for i in range(2):
        acc[i] += np.sum(x[i] ** 2)
        acc[1 - i] *= 2.0
    return acc[0] * acc[1] + acc[0]


def arrays_of_their_own(x):
    rows = [x[0] * 1.0, x[1] * 2.0]
    rows[0] *= 3.0
    rows[1] += rows[0]
    return np.sum(rows[0] ** 2) + np.sum(rows[1] ** 3)


def comprehension_of_new_arrays(x):
    rows = [np.sin(x[i]) for i in range(2)]
    rows[0] += 1.0
    return np.sum(np.stack(rows) ** 2)


def list_call_of_a_new_array(x):
    rows = list(x * 1.0)
    rows[0] *= 3.0
    return sum(np.sum(r ** 2) for r in rows)


def views_but_only_the_list_read(x):
    y = x * 1.0
    rows = [y[0], y[1]]
    rows[0] *= 3.0
    return np.sum(rows[0] ** 2) + np.sum(rows[1])


def computed_index(x):
    rows = [np.cos(x[0]), np.cos(x[1]), x[0] * x[1]]
    for k in range(4):
        rows[(k * 2) % 3] *= 1.5 + x[1, 0]
    return np.sum(rows[0] * rows[2]) + np.sum(rows[1])


OWN = [numbers, arrays_of_their_own, comprehension_of_new_arrays, list_call_of_a_new_array,
       views_but_only_the_list_read, computed_index]
X = np.array([[0.3, -0.7], [1.2, 0.4]])


@pytest.mark.parametrize("fn", SHARED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("transform", ["grad", "value_and_grad", "vjp"])
def test_an_item_sharing_memory_is_refused_naming_it(fn, transform):
    x = X.copy()
    with pytest.raises(UnsupportedConstructError, match=r"'rows\[(0|1|-1)\]' is changed in place"):
        result = getattr(tangentish, transform)(fn)(x)
        if transform == "vjp":
            result[1](1.0)
    assert np.array_equal(x, X)


@pytest.mark.parametrize("fn", OWN, ids=lambda f: f.__name__)
def test_items_of_their_own_are_differentiated(fn):
    x = X.copy()
    value, gradient = tangentish.value_and_grad(fn)(x)
    assert value == pytest.approx(fn(X.copy()))
    np.testing.assert_allclose(gradient, numeric_grad(lambda z: fn(z.copy()), (X,), 0),
                               rtol=1e-6, atol=1e-8)
    direction = np.array([[0.5, -1.0], [0.25, 2.0]])
    _, tangent = tangentish.jvp(fn)(x, x_dot=direction)
    assert tangent == pytest.approx(np.sum(gradient * direction), rel=1e-9)
    assert np.array_equal(x, X)
