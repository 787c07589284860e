"""A zero tangent is a float, also where the value is an integer on the path taken.

A name bound on several paths (two branches, a loop) whose value is an integer on one of them
(an item of an int array, ``len``, ``np.argmax``) and a float on another gets, on the integer
path, a zero tangent in the float dtype (``_rt.zeros_like``), never an integer one: ``jvp``'s
tangent has the dtype a derivative has (fuzz seed 1451 program 150).  Each function below takes
its integer path at the point; the reference is the closed form (the value is locally constant).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import tangentish


def item_of_int_array(x):
    counts = np.ones(3, dtype=np.int32)
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = counts[1]
    else:
        r = x[1] * 2.0
    return r


def length(x):
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = len(x)
    else:
        r = np.sum(x)
    return r


def position_of_maximum(x):
    if x[0] > 0.0:  # noqa: SIM108  (statements in branches: what is tested)
        r = np.argmax(x)
    else:
        r = x[0] * x[1]
    return r


def int_in_loop(x):
    r = np.int64(2)
    for i in range(2):
        if x[i] < 0.0:
            r = x[i] ** 2
    return r


OFFSET = np.int64(3)


def item_plus_offset(x):  # (a term with no tangent vanished: the tangent cast to the value's
    r = item_of_int_array(x)  # floating dtype, np.result_type(y, 0.0), never to an int)
    return r + OFFSET


@pytest.mark.parametrize("f", [item_of_int_array, length, position_of_maximum, int_in_loop,
                               item_plus_offset])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_an_integer_path_has_a_float_zero_tangent(f, dtype) -> None:
    x = np.array([0.5, 1.5, 0.25], dtype=dtype)
    value, tangent = tangentish.jvp(f)(x, x_dot=np.ones_like(x))
    assert np.issubdtype(np.asarray(value).dtype, np.integer)
    assert np.asarray(tangent).dtype.kind == "f" and tangent == 0.0


# A loop-carried array's zero tangent where it starts (forward.py: `best_1_dot = ...` after the
# loop's entry copy): np.zeros_like where the start is proven a floating array (np.zeros(n), or
# np.zeros_like of an argument the API hands as floats), else _rt.zeros_like (float zeros of an
# integer array).  Rows: function, whether the start is spelled np.zeros_like, the integer
# argument.
def max_from_zeros(x, k):
    best = np.zeros(3)
    for i in range(2):
        best = np.maximum(best, x * (i + 1))
    return best


def sum_from_zeros_like_x(x, k):
    acc = np.zeros_like(x)
    for i in range(2):
        acc = acc + np.sin(x) * (i + 1)
    return acc


def from_int_zeros(x, k):
    acc = np.zeros(3, dtype=np.int64)
    for i in range(2):
        if x[i] < 0.0:
            acc = acc * x
    return acc


def from_zeros_like_of_ints(x, k):
    acc = np.zeros_like(k)
    for i in range(2):
        if x[i] < 0.0:
            acc = acc + x
    return acc


CARRIED_STARTS = [(max_from_zeros, True), (sum_from_zeros_like_x, True),
                  (from_int_zeros, False), (from_zeros_like_of_ints, False)]


@pytest.mark.parametrize("f, spelled", CARRIED_STARTS, ids=[f.__name__ for f, _ in CARRIED_STARTS])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_carried_array_starts_with_a_zero_of_a_float_dtype(f, spelled, dtype) -> None:
    from helpers import numeric_jacobian

    x = np.array([0.5, 1.5, 0.25], dtype=dtype)
    k = np.array([1, 2, 3])
    direction = np.array([0.3, -1.2, 0.7], dtype=dtype)
    derivative = tangentish.jvp(f)
    value, tangent = derivative(x, k, x_dot=direction)
    np.testing.assert_array_equal(value, f(x, k))
    assert np.asarray(tangent).dtype.kind == "f"
    expected = numeric_jacobian(f, [x.astype(np.float64), k], 0) @ direction
    np.testing.assert_allclose(tangent, expected, rtol=1e-4, atol=1e-5)
    starts = [line for line in derivative.source.splitlines() if "_dot = " in line and
              "zeros_like(" in line]
    assert starts and all(("np.zeros_like(" in line) == spelled for line in starts), starts


# A tangent as precise as its value (fwd33): forward mode drops the term of an operand without a
# tangent, and with it the promotion that operand brought (passes/widening.py casts where one may
# be lost); a loop-carried np.float64 start's zero is np.float64, not a weak 0.0; np.float64(x)'s
# tangent is float64.  Checked mode asserts each tangent's dtype against its value's, and the
# tangent of float32 arguments meeting float64 values is compared with its closed form to 1e-12
# where the value is float64 (a tangent rounded to float32 anywhere is off by ~1e-8).  Rows:
# function, its derivative along d at x.
SHIFT = np.array([0.1, 0.2, 0.3])
AROUND = np.float64(0.1)  # (a NumPy float64: it promotes float32, a Python float would not)


def shifted(x):
    return np.sin(1000.0 * (x + SHIFT))


def complexed(x):
    return np.abs(np.complex128(x) * (0.3 + 0.7j))


def made_float64(x):
    return np.float64(x) * 0.1


def carried_from_float64(x):
    t = AROUND
    for _ in range(2):
        t = t + x
    return np.sin(100.0 * t)


def shifted_by_numpy_number(x):  # (np.tanh(0.3) is a NumPy float64, not a weak Python float:
    return np.sin(100.0 * (x - np.tanh(0.3)))  # grammar fuzz seed 8873/5)


def shifted_by_numpy_of_a_name(x):  # (so is np.reciprocal(t) of a Python float t, named:
    y = x + np.reciprocal(0.5 * 0.5 + 0.5)  # grammar fuzz 10659/0)
    y[0] += 1.0
    return np.sin(10.0 * y)


class _Holder:
    def __init__(self):
        self.v = SHIFT


HOLDER = _Holder()


def shifted_by_an_attribute(x):  # (an object's attribute read as a value: grammar fuzz 8881/1)
    return np.sin(1000.0 * (HOLDER.v - x))


def rebound_in_a_loop(x):  # (y float32, then float64: y's roots are not y's promotion with the
    y = x * 1.0  # float64 its own binding adds; grammar fuzz 8887/0)
    for _ in range(2):
        y = 0.5 * y + np.tanh(0.3)
    return np.sin(100.0 * y)


def _kinds_apart(a):
    counts = [-2, 1, 3, 0]
    counts[-1] = 1.0  # (written in place: the helper is called, not inlined)
    return np.sum(counts) * 0.5, math.erf(0.0 * a)  # (a NumPy float64, a Python float)


def through_a_tuple(x):  # (an item of a tuple has a dtype of its own: grammar fuzz 10174/1)
    t6, t7 = _kinds_apart(np.size(x) * 0.1)  # (t7 weak; t6, without a tangent, widens)
    return np.sin(100.0 * (x[0] - t7 + t6))


PRECISE = [
    (through_a_tuple, lambda x, d: 100.0 * np.cos(100.0 * (x[0] + 1.5)) * d[0]),
    (shifted, lambda x, d: 1000.0 * np.cos(1000.0 * (x + SHIFT)) * d),
    (complexed, lambda x, d: np.sqrt(0.58) * np.sign(x) * d),
    (made_float64, lambda x, d: 0.1 * d),
    (carried_from_float64, lambda x, d: 200.0 * np.cos(100.0 * (AROUND + 2.0 * x)) * d),
    (shifted_by_an_attribute, lambda x, d: -1000.0 * np.cos(1000.0 * (SHIFT - x)) * d),
    (rebound_in_a_loop,
     lambda x, d: 25.0 * np.cos(100.0 * (0.25 * x + 1.5 * np.tanh(0.3))) * d),
    (shifted_by_numpy_number,
     lambda x, d: 100.0 * np.cos(100.0 * (x - np.tanh(0.3))) * d),
    (shifted_by_numpy_of_a_name,
     lambda x, d: 10.0 * np.cos(10.0 * (x + 0.75 ** -1 + [1.0, 0.0, 0.0])) * d),
]


@pytest.mark.parametrize("f, derivative", PRECISE, ids=[f.__name__ for f, _ in PRECISE])
def test_a_tangent_is_as_precise_as_its_value(f, derivative, monkeypatch) -> None:
    monkeypatch.setenv("TANGENTISH_CHECKED", "1")
    tangentish.refresh_environment()
    try:
        x = np.array([0.5, -1.5, 0.25], dtype=np.float32)
        direction = np.array([0.1, -0.7, 0.3], dtype=np.float32)
        value, tangent = tangentish.jvp(f)(x, x_dot=direction)
        assert np.result_type(tangent) == np.result_type(value) == np.result_type(f(x))
        expected = derivative(x.astype(np.float64), direction.astype(np.float64))
        precise = np.finfo(np.result_type(value)).eps < 1e-10  # (NumPy 1.24: float64 scalar
        np.testing.assert_allclose(tangent, expected, rtol=1e-12 if precise else 1e-5)  # + x32: 32)
    finally:
        monkeypatch.undo()
        tangentish.refresh_environment()


def scattered_into_float64(a):  # (grammar fuzz seed 9888 program 7, shrunk: hvp in checked mode)
    rows = {"w": a[[1, 0, 0]], "b": 1.0}  # (np.sum(1.0 ** 2) is a NumPy float64: h is float64)
    h = rows["w"] + sum(np.sum(v ** 2) for v in rows.values())
    return np.max([h] + a)


def test_a_scatter_into_a_wider_adjoint_keeps_its_tangent_dtype(monkeypatch) -> None:
    """The gradient's ``a_bar = _rt.add_at(a_bar, w_bar, a, [1, 0, 0])`` is float64 (its
    accumulator's dtype) at a float32 ``a``; its tangent, with the accumulator's vanished,
    ``_rt.unindex(w_bar_dot, a, ...)``, is in ``a``'s float32 (passes/widening.py reads that call
    for ``a``'s dtype alone, and casts): checked mode's InternalError in ``hvp``.  Against central
    differences of the float64 gradient."""
    a = np.array([[-0.47, -0.42, -0.74, -1.4], [-0.41, 0.49, -0.3, 1.02],
                  [-0.98, -0.56, -0.69, 1.22]], dtype=np.float32)
    v = np.linspace(-1.0, 1.0, 12).reshape(3, 4).astype(np.float32)
    monkeypatch.setenv("TANGENTISH_CHECKED", "1")
    tangentish.refresh_environment()
    try:
        product = tangentish.hvp(scattered_into_float64)(a, v)
    finally:
        monkeypatch.undo()
        tangentish.refresh_environment()
    gradient, a64, h = tangentish.grad(scattered_into_float64), a.astype(np.float64), 1e-6
    expected = (gradient(a64 + h * v) - gradient(a64 - h * v)) / (2 * h)
    assert product.dtype == np.float32
    np.testing.assert_allclose(product, expected, rtol=1e-4, atol=1e-4)
