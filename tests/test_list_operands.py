"""A list or tuple display met by ``+`` with an array (``pos + [vx * dt, vy * dt]``, ``y[1:3] +=
[a, b]``) was refused ("`+` joins the lists or tuples it meets"): NumPy reads the list as an
array and adds elementwise.  passes/numeric_values.py proves the other operand an array or a
number (a NumPy result, arithmetic on one, a parameter the specialization's facts prove one), or
the derivative checks the parameters that proof needs when it runs (``_rt.array_operand``: a list
there raises, as the join it would be); an operand not known either way stays refused.  Each row
is checked against finite differences in every mode, and at second order (``hvp``)."""

import numpy as np
import pytest

import tangentish


def moved(pos, vx, vy):  # (pos: an ndarray argument, rebound around a loop)
    dt = 0.1
    for _ in range(2):
        pos = pos + [vx * dt, vy * dt]
        vx = vx - 0.5 * pos[0]
    return np.sum(pos ** 2)


def list_first(pos, a):
    p = [a, 2.0 * a] + np.tanh(pos)
    return np.sum(p ** 2)


def tuple_added(x, a, b):
    p = np.cos(x) + (a, b)
    return np.sum(p * x)


def slice_added(x, a, b):  # (the slice of an array made here)
    y = np.zeros(4)
    y[0] = x[0]
    y[1:3] += [a * x[1], b]
    return np.sum(np.sin(y) * x)


def slice_added_to_argument_copy(x, a, b):
    y = x * 2.0
    y[1:3] += [a, b]
    return np.sum(y ** 2)


def reshaped(x, a):
    z = x.T.reshape(-1)
    z = z + [a, a * a, 1.0, 0.0]
    return np.sum(z ** 3)


def subtracted(v, a):
    return np.sum((v - [a, 2.0]) ** 2)


def times_varying(a, b, w):
    return np.sum(([a, b] * w) ** 2)


def product_doubled(a, b, w):  # (the product an array: `* 2` doubles it, no repetition; was
    t = [a, b] * w  # an IndexError at first order, and `[a, b] * w` refused at second order)
    u = t * 2
    return np.sum(u ** 2) + np.sum(u[:2])


def double(v):
    return v * 2.0


def through_helper(x, a):
    r = double(x) + [a, a]
    return np.sum(r ** 2)


V2, V4 = np.array([0.2, -0.4]), np.array([0.2, -0.4, 0.5, 0.9])
CASES = [(moved, (np.array([1.0, 2.0]), 0.3, 0.4), (0, 1, 2)),
         (list_first, (V2, 0.7), (0, 1)),
         (tuple_added, (V2, 0.7, 0.1), (0, 1, 2)),
         (slice_added, (V4, 0.7, 0.1), (0, 1, 2)),
         (slice_added_to_argument_copy, (V4, 0.3, 0.5), (0, 1, 2)),
         (reshaped, (np.array([[0.2, -0.4], [0.5, 0.9]]), 0.7), (0, 1)),
         (subtracted, (V2, 0.7), (0, 1)),
         (times_varying, (0.3, 0.4, np.array([1.0, 2.0])), (0, 1, 2)),
         (product_doubled, (0.3, 0.4, np.array([1.0, 2.0])), (0, 1, 2)),
         (through_helper, (V2, 0.7), (0, 1))]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("f, args, wrt", CASES, ids=[c[0].__name__ for c in CASES])
def test_a_list_added_to_an_array(f, args, wrt, order):
    tangentish.check_grads(f, args, wrt=wrt, order=order, warn=False)


def test_specialized_to_arrays_without_a_check(monkeypatch):
    """The specialization's facts prove ``pos`` an array: no run-time check, the same numbers."""
    monkeypatch.setenv("TANGENTISH_SPECIALIZE_EAGERLY", "1")
    args = (np.array([1.0, 2.0]), 0.3, 0.4)
    derivative = tangentish.grad(moved, wrt=(0, 1, 2))
    assert "array_operand" in derivative.source
    assert "array_operand" not in derivative.source_for(*args)
    generic = tangentish.grad(moved, wrt=(0, 1, 2), optimized=False)(*args)
    for got, want in zip(derivative(*args), generic, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def unknown(x, a, flag):
    q = [x[0]] if flag else x
    return np.sum(np.asarray(q + [a]) ** 2)


def test_an_operand_not_known_either_way_stays_refused():
    with pytest.raises(tangentish.UnsupportedConstructError, match="may hold a list"):
        tangentish.grad(unknown)


def test_a_list_argument_is_refused_when_the_derivative_runs():
    derivative = tangentish.grad(moved, wrt=(1, 2))  # (pos: a list joins, not differentiated)
    np.testing.assert_allclose(derivative(np.array([1.0, 2.0]), 0.3, 0.4),
                               tangentish.grad(moved, wrt=(1, 2))(np.ones(2) + [0.0, 1.0], 0.3, 0.4))
    with pytest.raises(tangentish.UnsupportedConstructError, match="'pos' is a list"):
        derivative([1.0, 2.0], 0.3, 0.4)
