"""Adjoints and tangents rebound by the runtime's new arrays, then written at an item in place
(passes/owned.py with the facts of passes/call_results.py): ``best_bar = _rt.unbroadcast(
_rt.chosen(best_bar, w), best)`` is the derivative's own array (``chosen`` multiplies,
``unbroadcast`` returns its first operand or sums it, ``_rt.unreduce`` without ``view=True``
fills a new one), so the adjoint of ``best[0] = best[0] * 0.5`` is ``best_bar[0] = g * 0.5``, not
``best_bar = _rt.set_index(best_bar, 0, g * 0.5)``; forward mode's tangent rebound by
``np.maximum``'s tangent likewise.  Each row: the optimized derivatives against the unoptimized
ones (which keep the helpers) bit for bit, against central differences, arguments unchanged, and
that the helper is gone.  A tangent bound to the caller's ``x_dot`` (the tangent of ``y =
x.copy()``) and then written is made a copy where it is bound (passes/copied_parameters.py)."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from flow_zoo import augmented_slices, overwrite_copy
from helpers import generic_and_specialized, numeric_grad, seed_for

import tangentish
from tangentish.passes.derivative import Derivative
from tangentish.passes.owned import own_adjoints
from tangentish.syntax.naming import Namer


def running_max_item(x):  # the flow zoo's running_max_update
    best = np.zeros(x.shape[1])
    for row in x:
        best = np.maximum(best, row)
        best[0] = best[0] * 0.5
    return np.sum(best)


def running_min_slice(x):  # a slice written, rebound by np.minimum
    best = x[0] * 1.0
    for row in x[1:]:
        best = np.minimum(best, row)
        best[1:] = best[1:] * 0.9 + best[0]
    return np.sum(best * best)


def running_max_matrix(x):  # rank 2, an element of it
    best = np.zeros(x.shape[1:])
    for plane in x:
        best = np.maximum(best, np.sin(plane))
        best[1, 0] = best[1, 0] * 0.5
    return np.sum(best) * 3.0


# function, argument shape, whether grad and jvp write the item in place (None: either)
CASES = [
    (running_max_item, (4, 3), True),
    (running_min_slice, (4, 3), True),
    (running_max_matrix, (3, 2, 2), True),
]


def _point(f, shape):
    rng = np.random.default_rng(seed_for(f.__name__))
    return rng.uniform(-1.0, 1.0, size=shape), rng.normal(size=shape)


@pytest.mark.parametrize("f, shape, in_place", CASES, ids=[c[0].__name__ for c in CASES])
def test_written_in_place_as_the_helper_writes(f, shape, in_place):
    x, direction = _point(f, shape)
    keep, keep_direction = x.copy(), direction.copy()
    grad, plain = tangentish.grad(f), tangentish.grad(f, optimized=False)
    gradient = grad(x)
    np.testing.assert_array_equal(gradient, plain(x))  # bit for bit, against the helpers
    np.testing.assert_array_equal(gradient, grad(x))  # and again (the specialized derivative)
    np.testing.assert_allclose(gradient, numeric_grad(f, [x], 0), rtol=1e-6, atol=1e-8)
    _, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback(1.5), 1.5 * gradient, rtol=1e-13, atol=1e-14)
    value, slope = tangentish.jvp(f)(x, x_dot=direction)
    assert (value, slope) == tangentish.jvp(f, optimized=False)(x, x_dot=direction)
    np.testing.assert_allclose(slope, np.sum(gradient * direction), rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(x, keep)
    np.testing.assert_array_equal(direction, keep_direction)
    if in_place is not None:
        for source in (grad.source, tangentish.jvp(f).source):
            assert ("_rt.set_index(" not in source) == in_place, source


def test_second_order_through_the_written_adjoint():
    """hvp differentiates the gradient that writes ``best_bar[0]`` in place: against central
    differences of the gradient along the direction."""
    x, direction = _point(running_max_matrix, (3, 2, 2))
    grad = tangentish.grad(running_max_matrix)
    product = tangentish.hvp(running_max_matrix)(x, direction)

    def along(moved):
        return np.sum(grad(moved) * direction)
    np.testing.assert_allclose(product, numeric_grad(along, [x], 0), rtol=1e-5, atol=1e-6)


def copied_in_branch(x):
    y = x.copy()
    if x[0] > 0.0:
        y[1] = y[0] * 3.0
    return np.sum(y * y)


def copied_then_rows(x):
    y = x.copy()
    for i in range(1, y.shape[0]):
        y[i] = y[i - 1] * 0.5 + np.sin(y[i])
    return np.sum(y ** 2)


@pytest.mark.parametrize("f", [overwrite_copy, copied_in_branch, copied_then_rows],
                         ids=lambda f: f.__name__)
def test_a_copied_tangent_is_written_in_place(f):
    """``y = x.copy()`` then item writes: the tangent is ``y_dot = np.copy(x_dot)`` (x_dot, cast
    by the API to x's floating dtype, is a floating array) written in place, as the primal is;
    the same bits as the helpers' (float64, and float32 with an int direction), x_dot unchanged."""
    source = tangentish.jvp(f).source
    assert "y_dot = np.copy(x_dot)" in source and "_rt.set_index(" not in source, source
    for dtype, direction in ((np.float64, [1.0, -2.0, 0.5, 0.25]), (np.float32, [1, -2, 0, 1])):
        x, direction = np.array([0.3, 0.7, -1.1, 0.4], dtype=dtype), np.array(direction)
        keep = direction.copy()
        got = tangentish.jvp(f)(x, x_dot=direction)
        assert got == tangentish.jvp(f, optimized=False)(x, x_dot=direction)
        assert got[1].dtype == dtype
        np.testing.assert_array_equal(direction, keep)
    x = np.array([0.3, 0.7, -1.1, 0.4])
    np.testing.assert_allclose(tangentish.jvp(f)(x, x_dot=np.ones(4))[1],
                               np.sum(numeric_grad(f, [x], 0)), rtol=1e-7)


def test_a_copy_is_not_made_where_the_write_stays_the_helpers():
    """Where the proof fails after the copy (the tangent handed to code that may keep it), the
    binding is left as it was: no copy that nothing writes into."""
    text = ("def f(x, *, x_dot):\n    y_dot = x_dot\n    keep(y_dot)\n"
            "    y_dot = _rt.set_index(y_dot, 0, 2.0)\n    return y_dot\n")
    node = gast.parse(text).body[0]
    fn = Derivative("f", node.args, node.body, Namer(set()))
    own_adjoints(fn, {"x", "x_dot"})
    assert fn.body[0].value.__class__ is gast.Name and "set_index" in gast.dump(fn.body[2])


def test_a_new_array_of_numpy_is_written_in_place():
    """The specialized gradient of augmented_slices folds the seed: ``y_bar = np.exp(y)``, a
    ufunc's new array (``out = np.sum(y_bar)`` a new number, not a holder of it), is written at
    ``y_bar[1:]`` in place; generic and specialized agree bit for bit (helpers.py)."""
    x = np.array([0.3, -0.7, 1.1])
    gradient, source = generic_and_specialized(augmented_slices, (x,))
    assert "_rt.set_index(" not in source and "y_bar[1:] = " in source, source
    np.testing.assert_allclose(gradient, numeric_grad(augmented_slices, [x], 0), rtol=1e-6)
    both = tangentish.value_and_grad(augmented_slices)
    assert both(x)[1].tolist() == both(x)[1].tolist() == gradient.tolist()
    assert "_rt.set_index(" not in both.source_for(x)
