"""Bitwise operators on masks and integers (``(x > 0) & (x < 1)``, ``~mask``, ``n >> 1``): NumPy and
Python take them on integers and bools only, so they carry no derivative; the values they select
or scale do.  Each function is checked in every mode against finite differences (points away from
the masks' edges)."""

import numpy as np
import pytest

import tangentish


def band(x):
    inside = (x > -1.0) & (x < 1.0)
    return np.sum(np.where(inside, x ** 2, 3.0 * x))


def bor_xor(x):
    m = (x < -1.0) | (x > 1.0)
    flip = m ^ (x > 0.0)
    return np.sum(x[m] ** 3) + np.sum(np.sin(x[flip]))


def invert_update(x):
    m = x > 0.1
    out = np.where(m, x ** 2, 0.5 * x)
    out[~m] *= 3.0
    return out.sum()


def augmented_mask(x):
    keep = x > -2.0
    keep &= x < 2.0
    keep |= np.abs(x) > 3.0
    return np.sum(np.exp(x) * keep)


def integer_shifts(x):
    n = len(x)
    half = n >> 1
    quarter = (n << 2) // 16
    return np.sum(x[:half] ** 2) * (quarter + 1) + x[half ^ 1] * (n & 3)


def bool_in_loop(x):
    total = 0.0
    for i in range(len(x)):
        if (x[i] > 0.0) & (i % 2 == 0) | ~(x[i] > -0.5):
            total = total + x[i] * x[i]
    return total


def numpy_spellings(x):
    m = np.bitwise_and(x > 0.0, np.invert(x > 1.0))
    return np.sum(x * m) + np.sum(np.tanh(x[np.bitwise_or(m, x < -1.0)]))


FUNCTIONS = [band, bor_xor, invert_update, augmented_mask, integer_shifts, bool_in_loop,
             numpy_spellings]
POINT = np.array([-2.5, -1.3, -0.7, -0.2, 0.3, 0.8, 1.6, 2.4])  # no component near an edge


@pytest.mark.parametrize("fn", FUNCTIONS, ids=[f.__name__ for f in FUNCTIONS])
def test_masks_and_integers_differentiate_in_every_mode(fn):
    report = tangentish.check_grads(fn, (POINT,), order=2, seed=3)
    assert report.ok, report.summary()
    value, grad = tangentish.value_and_grad(fn)(POINT)
    assert value == fn(POINT)
    np.testing.assert_allclose(grad, tangentish.grad(fn)(POINT), rtol=1e-12, atol=0)


def test_a_bitwise_operator_on_floats_fails_as_in_python():
    def floats(x):
        return np.sum(x & 1)

    with pytest.raises(TypeError):
        floats(POINT)
    with pytest.raises(TypeError):
        tangentish.grad(floats)(POINT)


def test_masks_get_no_adjoint():
    text = tangentish.source(band)
    assert "&" in text and not any(line.lstrip().startswith("inside_bar")
                                   for line in text.splitlines())
