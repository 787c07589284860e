"""``y.sort()``, ``np.add.at`` and ``np.subtract.at`` on a local array (``passes/in_place_calls.py``):
differentiated as the array written back whole, in loops too, against finite differences in every
mode (at second order in straight-line code: the rule table's ``ga_sort_in_place`` and
``ga_add_at``; in a loop, the gradient's tape holds the array, which second order refuses as for
any array changed in place there); on a parameter under ``wrt``, its private copy; what stays
refused (a list of differentiated values, a view read after the change) is refused with the
project's errors, and a list of constants (a parameter held constant too) is still sorted."""

import numpy as np
import pytest

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError

INDEX = np.array([0, 2, 2, 1, 0])


def in_a_loop(x, w):
    acc = np.zeros(3)
    for t in range(3):
        y = x * (t + 1.0) - w[t]
        y.sort()
        np.add.at(acc, INDEX[:4], np.sin(y) * w[t])
        np.subtract.at(acc, INDEX[t], y[0] ** 2)
    return np.sum(acc * np.array([1.0, -2.0, 0.5])) + np.sum(acc ** 2)


def test_sort_and_add_at_in_a_loop_match_finite_differences():
    rng = np.random.default_rng(622)
    x, w = rng.standard_normal(4), rng.standard_normal(3)
    assert tangentish.check_grads(in_a_loop, (x, w), wrt=(0, 1), seed=622).ok
    value, _ = tangentish.value_and_grad(in_a_loop, wrt=(0, 1))(x, w)
    assert value == in_a_loop(x, w)


def fill_and_copy_to(x, w):
    buf = np.empty(4)
    total = 0.0
    for t in range(3):
        buf.fill(w[t])
        total = total + np.sum(np.sin(buf * x))
        np.copyto(buf, x * w[t])
        buf[1] = buf[1] ** 2
        total = total + np.sum(buf * x)
    grid = np.zeros((2, 4))
    np.copyto(grid, x)  # (broadcast to the destination's shape)
    return total + np.sum(grid ** 2 * w[1])


def test_fill_and_copy_to_match_finite_differences():
    """``y.fill(v)`` and ``np.copyto(y, v)`` on a local array are ``y[...] = v``."""
    rng = np.random.default_rng(623)
    x, w = rng.standard_normal(4), rng.standard_normal(3)
    assert tangentish.check_grads(fill_and_copy_to, (x, w), wrt=(0, 1), seed=623).ok
    _, out_dot = tangentish.jvp(fill_and_copy_to, wrt=(0, 1))(
        x, w, x_dot=np.ones(4), w_dot=np.zeros(3))
    assert np.isclose(out_dot, np.sum(tangentish.grad(fill_and_copy_to)(x, w)))
    assert "y.fill" not in tangentish.source(fill_and_copy_to)


def copy_to_where(x, w):
    buf = np.outer(x, w)
    total = 0.0
    for t in range(2):
        np.copyto(buf, np.sin(x * w[t])[:, None], where=buf > 0.1 * t)
        np.copyto(buf, w, where=np.eye(4, 3, dtype=bool))
        total = total + np.sum(buf ** (2 - t) * w)
    return total


def test_copy_to_with_where_matches_finite_differences():
    """``np.copyto(y, v, where=m)`` is ``y[...] = np.where(m, v, y)`` (a MissingRuleError before)."""
    rng = np.random.default_rng(624)
    x, w = rng.standard_normal(4), rng.standard_normal(3)
    assert tangentish.check_grads(copy_to_where, (x, w), wrt=(0, 1), seed=624).ok
    _, out_dot = tangentish.jvp(copy_to_where, wrt=(0, 1))(x, w, x_dot=np.ones(4),
                                                          w_dot=np.zeros(3))
    assert np.isclose(out_dot, np.sum(tangentish.grad(copy_to_where)(x, w)))


def fill_parameter(x):
    x.fill(2.0)
    return np.sum(x)


def copy_to_parameter(x):
    np.copyto(x, 1.0)
    return np.sum(x ** 2)


def sort_parameter(x):
    x.sort()
    return x[0]


def add_at_parameter(x):
    np.add.at(x, INDEX, 1.0)
    return np.sum(x ** 2)


def arctan2_at(x):  # (np.multiply.at, np.divide.at and np.power.at are lowered: refusals13_zoo,
    y = x * 1.0  # refusals14_zoo)
    np.arctan2.at(y, INDEX, 2.0)
    return np.sum(y)


def fmod_at(x):
    y = x * 1.0
    np.fmod.at(y, INDEX, 0.7)
    return np.sum(y)


@pytest.mark.parametrize("fn", [sort_parameter, add_at_parameter, fill_parameter,
                                copy_to_parameter])
def test_a_parameter_under_wrt_changes_its_private_copy(fn):
    """The calls on a parameter under ``wrt``: differentiated on the copy made on entry (as
    ``x += 1`` is), against finite differences, the caller's array left as it was."""
    x = np.array([0.5, -1.0, 2.0])
    assert tangentish.check_grads(fn, (x,), seed=624).ok
    np.testing.assert_array_equal(x, [0.5, -1.0, 2.0])


def sort_constant_parameter(x, order):
    order.sort()
    return x[order[0]] * 3.0 + x[order[-1]]


def test_a_parameter_held_constant_is_sorted_as_written():
    """A list of indices not under ``wrt`` keeps its ``.sort()`` (a list's, as written)."""
    gradient = tangentish.grad(sort_constant_parameter)(np.array([0.5, -1.0, 2.0]), [2, 0, 1])
    np.testing.assert_array_equal(gradient, [3.0, 0.0, 1.0])


@pytest.mark.parametrize("fn", [arctan2_at, fmod_at])
def test_what_is_not_lowered_is_refused_as_before(fn):
    with pytest.raises(MissingRuleError):
        tangentish.grad(fn)(np.array([0.5, -1.0, 2.0]))


def sort_with_a_view_read_after(x):
    y = x * 2.0
    first = y[:2]
    y.sort()
    return np.sum(first) + np.sum(y)


def test_a_view_read_after_the_sort_is_refused():
    with pytest.raises(UnsupportedConstructError, match="changed in place"):
        tangentish.grad(sort_with_a_view_read_after)(np.array([0.5, -1.0, 2.0]))


def constant_list_sorted(x):
    order = [2, 0, 1]
    order.sort()
    return x[order[0]] * 3.0 + x[order[2]]


def test_a_list_of_constants_is_still_sorted():
    gradient = tangentish.grad(constant_list_sorted)(np.array([0.5, -1.0, 2.0]))
    np.testing.assert_array_equal(gradient, [3.0, 0.0, 1.0])


# NumPy's writers into a parameter held constant, writing differentiated values: lowered as
# ``a[i] = v`` on such a parameter is, into the derivative's private copy (they were a
# MissingRuleError naming the writer).
WEIGHTS = np.array([[0.7, -1.2, 0.4], [1.5, 0.3, -0.8], [-0.6, 1.1, 0.9]])


def copy_to_constant(a, v):
    np.copyto(a, v * v)
    return np.sum(a * WEIGHTS)


def copy_to_constant_where(a, v):
    np.copyto(a, np.sin(v), where=WEIGHTS > 0.0)
    return np.sum(a ** 2 * WEIGHTS)


def fill_diagonal_constant(a, v):
    np.fill_diagonal(a, v)
    return np.sum(a ** 2 * WEIGHTS)


def put_constant(a, v):
    np.put(a, [0, 4, -1], v)
    return np.sum(np.sin(a) * WEIGHTS)


def place_constant(a, v):
    np.place(a, WEIGHTS > 0.0, v * 2.0)
    return np.sum(a ** 2 * WEIGHTS)


def putmask_constant(a, v):
    np.putmask(a, WEIGHTS < 0.0, v)
    return np.sum(a ** 3 * WEIGHTS)


def put_along_axis_constant(a, v):
    np.put_along_axis(a, np.array([[2], [0], [1]]), v, axis=1)
    return np.sum(a ** 2 * WEIGHTS)


@pytest.mark.parametrize("fn", [copy_to_constant, copy_to_constant_where, fill_diagonal_constant,
                                put_constant, place_constant, putmask_constant,
                                put_along_axis_constant])
def test_a_writer_into_a_parameter_held_constant_writes_its_private_copy(fn):
    """Against finite differences in both modes and at second order; the caller's array is left
    as it was (``f`` itself changes it, as NumPy does)."""
    a = np.array([[0.5, -1.0, 2.0], [0.3, 0.8, -0.4], [1.2, -0.7, 0.1]])
    v = np.array([0.6, -0.9, 1.3]) if fn is not put_along_axis_constant else \
        np.array([[0.6], [-0.9], [1.3]])
    kept = a.copy()
    assert tangentish.check_grads(fn, (a.copy(), v), wrt=1, order=2, seed=1717).ok
    tangentish.grad(fn, wrt=1)(a, v)
    _, tangent = tangentish.jvp(fn, wrt=1)(a, v, v_dot=np.ones_like(v))
    np.testing.assert_array_equal(a, kept)
    assert np.isfinite(tangent)
