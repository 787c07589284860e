"""When the adjoint sweep undoes an in-place update (``y[i] = v`` put back from the tape), and when
it may leave the update in place: the undo is needed exactly when adjoint code running after it
reads the overwritten values.  For an array made fresh in the same pass through its block, only
that pass's remaining adjoint can (earlier iterations never saw the array), so a loop like
``best = np.maximum(best, row); best[0] = ...`` needs no undo and its gradient can be
differentiated again.  Each row states whether the generated gradient puts a value back; every
row is checked against finite differences at first and second order, and the caller's array
must come back unchanged."""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from test_second_order import check

import tangentish
from tangentish.errors import UnsupportedConstructError


def shape_only_after(x):  # the adjoint reads best after the update for its shape only
    best = np.zeros(x.shape[1])
    for row in x:
        best = np.maximum(best, row)
        best[0] = best[0] * 0.5
    return np.sum(best * best)


def copy_read_before(x):  # c holds b's array; c's adjoint reads its old values
    s = 0.0
    for row in x:
        b = np.sin(row)
        c = b
        s = s + np.sum(c * c)
        b[0] = 2.0 * b[1]
        s = s + np.sum(b * row)
    return s


def view_read_before(x):  # v is a view of b, read by its adjoint before b changes
    s = 0.0
    for row in x:
        b = np.tanh(row) + 1.0
        v = b[1:]
        s = s + np.sum(v ** 3)
        b[1] = row[0] * 3.0
        s = s + np.sum(b * b)
    return s


def product_read_before(x):  # the adjoint of t = b * row reads b as it was
    s = 0.0
    for row in x:
        b = np.exp(row * 0.3)
        t = b * row
        b[2] = t[0] ** 2
        s = s + np.sum(t) + np.sum(b * b)
    return s


def carried_array(x):  # b is made before the loop and changed in every iteration
    b = np.ones(x.shape[1])
    s = 0.0
    for row in x:
        s = s + np.sum(b * row)
        b[0] = b[0] * row[1]
    return s + np.sum(b)


def squared_slice(x):  # the view y[1:3] is read by the adjoint after y[1:3] is put back
    y = x.copy()
    y[1:3] = y[1:3] ** 2
    y[0] += x[3]
    return np.sum(y * np.arange(1.0, 5.0) * x)


def straight_line(x):  # no loop: the function body is the block
    y = np.sin(x)
    z = y * x
    y[0] = z[1] * 2.0
    return np.sum(y * y) + np.sum(z)


# function, whether the gradient puts a value back into the changed array
ROWS = [
    (shape_only_after, False),
    (copy_read_before, True),
    (view_read_before, True),
    (product_read_before, True),
    (carried_array, True),
    (straight_line, True),
    (squared_slice, True),
]
# Second order once refused two of these, where the gradient's tape kept an array (or a view of
# one) that the loop then changed in place (``b`` made before the loop and changed in every
# iteration; ``v = b[1:]`` read before ``b[1] = ...``): the first gradient now tapes a copy made
# where the value is bound (``passes/taped_views.py``), so every row is checked at second order.
REFUSED_AT_SECOND_ORDER: dict = {}


# `y[i] = _tape.pop()` or `_rt.put_back(y, _tape.pop())`: a value put back into an array
_UNDO = re.compile(r"^\s*(\w+\[.*\] = _tape\.pop\(\)|_rt\.put_back\(.*_tape\.pop\(\)\))$", re.M)


def _input(fn) -> np.ndarray:
    rng = np.random.default_rng(len(fn.__name__))
    flat = fn in (straight_line, squared_slice)
    return rng.uniform(0.2, 1.2, 4) if flat else rng.uniform(0.2, 1.2, (3, 4))


@pytest.mark.parametrize("fn, restores", ROWS, ids=[fn.__name__ for fn, _ in ROWS])
def test_the_gradient_undoes_an_update_exactly_when_it_must(fn, restores):
    x = _input(fn)
    before = x.copy()
    derivative = tangentish.grad(fn)
    source = derivative.source
    assert bool(_UNDO.search(source)) == restores, source
    assert_grad_close(derivative(x), numeric_grad(fn, [x]), rtol=1e-5, atol=1e-7,
                      label=fn.__name__)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("mode", ["fwd-over-rev", "rev-over-rev"])
@pytest.mark.parametrize("fn", [fn for fn, _ in ROWS], ids=[fn.__name__ for fn, _ in ROWS])
def test_second_order_through_updates(fn, mode):
    x = _input(fn)
    before = x.copy()
    if fn in REFUSED_AT_SECOND_ORDER:
        with pytest.raises(UnsupportedConstructError, match=REFUSED_AT_SECOND_ORDER[fn]):
            check(mode, fn, [x], 0)
    else:
        check(mode, fn, [x], 0)
    np.testing.assert_array_equal(x, before)


def popped_after_rebuild(x):  # a comprehension rebuilt each pass, popped, read after the loop
    for _ in range(2):
        ys = [np.sin(x) * j for j in range(3)]
        last = ys.pop()
    return np.sum(last * ys[1])


def appended_after_rebuild(x):
    out = 0.0
    for k in range(2):
        ys = [np.sin(x) * (j + k) for j in range(2)]
        ys.append(x ** 2)
        out = out + np.sum(ys[-1] * ys[0])
    return out + np.sum(ys[0] + ys[1])


def popped_twice(x):
    total = 0.0
    for row in x:
        ys = [np.tanh(row * j) for j in range(1, 4)]
        a = ys.pop()
        b = ys.pop()
        total = total + np.sum(a * b) + np.sum(ys[0] ** 2)
    return total + np.sum(ys[0])


LIST_ROWS = [popped_after_rebuild, appended_after_rebuild, popped_twice]


@pytest.mark.parametrize("mode", ["fwd-over-rev", "rev-over-rev"])
@pytest.mark.parametrize("fn", LIST_ROWS, ids=[fn.__name__ for fn in LIST_ROWS])
def test_a_list_made_each_pass_is_put_back_into_a_copy(fn, mode):
    """A list made fresh in each pass and changed by ``pop``/``append`` (a comprehension rebuilt
    in a loop, read after it): the gradient put the popped item back into the list its tape
    held (``_list.append(last)``), and differentiating that gradient again was refused; the
    undo now goes into a copy (``_list = list(_list)``) where nothing else reads the list."""
    x = _input(fn)
    before = x.copy()
    check(mode, fn, [x], 0)
    np.testing.assert_array_equal(x, before)
