"""``np.put``, ``np.place``, ``np.putmask`` and ``np.fill_diagonal`` on a local array
(``passes/in_place_calls.py``): an element assignment ``y[index] = values``, ``index`` where NumPy
writes (``_rt.put_index``, ``mask_index``, ``diagonal_index``) and ``values`` cycled as NumPy
cycles them.  Checked against finite differences in every mode and at second order; the values
the derivative computes against NumPy's own call (random indices with repeats and negatives,
masks, values shorter and longer than what is written, tall, wide and cubic diagonals); NumPy's
errors raised as NumPy raises them; on a parameter under ``wrt``, written into its private copy
as ``y.fill`` and ``np.copyto`` are.
"""

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError


def put(x):
    y = x * 2.0
    np.put(y, [0, 2, -1, 0], x[:2] ** 2)  # (cycled; 0 twice: the last one written)
    return np.sum(y * np.arange(1.0, 6.0))


def put_modes(x):
    y = np.zeros(5) + x
    np.put(y, [7, -9], x[3], mode="clip")
    np.put(y, ind=[-7, 11], v=np.sin(x[:3]), mode="wrap")
    return np.sum(y ** 2)


def place(x):
    y = x * 1.5
    np.place(y, x > 0, [x[0] * 3.0, np.sin(x[1])])
    return np.sum(y ** 2)


def putmask(x):
    y = np.outer(x, x[:2])
    np.putmask(y, y > 0.1, x[:3] ** 3)  # (values cycled over the whole array)
    return np.sum(np.cos(y))


def fill_diagonal(x):
    a = np.outer(x, x[:3])  # (tall)
    np.fill_diagonal(a, x[1:3] * 2.0)
    b = np.outer(x[:2], x)  # (wide)
    np.fill_diagonal(b, np.tanh(x[4]))
    return np.sum(a ** 2) + np.sum(b * x)


def fill_diagonal_wrap(x):
    a = np.outer(x, x[:2])
    np.fill_diagonal(a, x[4], wrap=True)
    c = np.ones((2, 2, 2)) * x[0]
    np.fill_diagonal(c, x[1:4])
    return np.sum(np.sin(a)) + np.sum(c ** 3)


def in_a_loop(x):
    acc = np.zeros((3, 3))
    for t in range(3):
        np.fill_diagonal(acc, acc.diagonal() + x[t] * x[:3])
        np.put(acc, [t, 8 - t], x[t + 1] ** 2)
    return np.sum(acc ** 2)


X = np.array([0.3, -0.7, 1.1, 0.5, -1.3])


@pytest.mark.parametrize("f", [put, put_modes, place, putmask, fill_diagonal,
                               fill_diagonal_wrap, in_a_loop])
def test_every_mode_against_finite_differences(f):
    order = 1 if f is in_a_loop else 2  # (a loop's tape holds the array: see test_in_place_calls)
    assert tangentish.check_grads(f, (X,), modes=("rev", "fwd"), order=order, seed=41).ok
    value, gradient = tangentish.value_and_grad(f)(X)
    assert value == f(X)
    _, pullback = tangentish.vjp(f)(X)
    np.testing.assert_allclose(pullback(1.0), gradient, rtol=1e-12)
    out, tangent = tangentish.jvp(f)(X, x_dot=np.ones(5))
    assert out == f(X) and np.isclose(tangent, np.sum(gradient))
    code = [line for line in tangentish.source(f).splitlines() if "#" not in line]
    assert not any(f"np.{name}(" in line for line in code
                   for name in ("put", "place", "putmask", "fill_diagonal"))


def put_any(x, ind, n, mode):
    y = x * 1.0
    np.put(y, ind, np.sin(x[:n]), mode=mode)
    return y


def place_any(x, mask, n):
    y = x + 0.0
    np.place(y, mask, np.sin(x[:n]))
    return y


def putmask_any(x, mask, n):
    y = x + 0.0
    np.putmask(y, mask, np.sin(x.ravel()[:n]))
    return y


def fill_any(x, n, wrap):
    y = x + 0.0
    np.fill_diagonal(y, np.sin(x.ravel()[:n]), wrap=wrap)
    return y


def _cases(rng):
    """Random calls of each writer: (function, x, its other arguments)."""
    x = rng.normal(size=(int(rng.integers(1, 4)), int(rng.integers(1, 5))))
    size, n = x.size, int(rng.integers(1, x.size + 3))
    n = min(n, size)
    ind = rng.integers(-size, size, size=int(rng.integers(0, 7)))
    mask = rng.random(x.shape) < 0.5
    cube = rng.normal(size=(3, 3, 3)) if rng.random() < 0.3 else x
    yield put_any, x, (ind, n, "raise")
    yield put_any, x, (ind * 3, n, str(rng.choice(["wrap", "clip"])))
    yield place_any, x, (mask, n)
    yield putmask_any, x, (mask.ravel(), n)
    if cube.ndim == 3 or x.ndim == 2 and min(x.shape) > 1:
        yield fill_any, cube, (n, bool(rng.random() < 0.5))


@pytest.mark.parametrize("seed", range(12))
def test_the_values_are_numpys(seed):
    """The derivative's own primal (its lowering of the call) gives what NumPy's call gives, and
    its Jacobian matches finite differences."""
    rng = np.random.default_rng(700 + seed)
    for f, x, args in _cases(rng):
        expected = f(x.copy(), *args)
        vjp_value, pullback = tangentish.vjp(f)(x, *args)
        np.testing.assert_array_equal(vjp_value, expected)
        g = rng.normal(size=expected.shape)
        h = 1e-6
        numeric = np.array([np.sum(g * (f(x + h * e, *args) - f(x - h * e, *args))) / (2 * h)
                            for e in np.eye(x.size).reshape(x.size, *x.shape)])
        np.testing.assert_allclose(np.ravel(pullback(g)), numeric, rtol=1e-6, atol=1e-8)


def out_of_bounds(x):
    y = x * 1.0
    np.put(y, [5], x[0])
    return np.sum(y)


def empty_place(x):
    y = x * 1.0
    np.place(y, x > 0, x[:0])
    return np.sum(y)


def not_square(x):
    c = np.ones((2, 3, 2)) * x[0]
    np.fill_diagonal(c, x[1])
    return np.sum(c)


@pytest.mark.parametrize("f, error", [(out_of_bounds, IndexError), (empty_place, ValueError),
                                      (not_square, ValueError)])
def test_numpys_errors(f, error):
    with pytest.raises(error) as expected:
        f(X.copy())
    for derivative in (tangentish.grad(f), lambda x: tangentish.jvp(f)(x, x_dot=x)):
        with pytest.raises(error, match=str(expected.value)[:20].replace("(", r"\(")):
            derivative(X.copy())


def put_parameter(x):
    np.put(x, [0], 1.0)
    return np.sum(x ** 2)


def place_parameter(x):
    np.place(x, x > 0, [1.0])
    return np.sum(x ** 2)


def putmask_parameter(x):
    np.putmask(x, x > 0, 1.0)
    return np.sum(x ** 2)


def fill_diagonal_parameter(x):
    np.fill_diagonal(x, 1.0)
    return np.sum(x ** 2)


@pytest.mark.parametrize("f", [put_parameter, place_parameter, putmask_parameter,
                               fill_diagonal_parameter])
def test_on_a_parameter_its_private_copy_as_fill_and_copyto(f):
    """On a parameter under ``wrt``: written into the copy made on entry, against finite
    differences, the caller's array left as it was (as ``y.fill`` and ``np.copyto``)."""
    x = X.copy().reshape(1, -1) if f is fill_diagonal_parameter else X.copy()
    assert tangentish.check_grads(f, (x,), seed=625).ok
    np.testing.assert_array_equal(x.ravel(), X)


def through_a_view(x):
    a = x.reshape(1, -1)  # (a view of the parameter)
    np.fill_diagonal(a, x[1] * 2.0)
    return np.sum(a ** 2) + np.sum(x * X)


def through_a_view_by_index(x):
    a = x.reshape(1, -1)
    a[0, 0] = x[1] * 2.0
    return np.sum(a ** 2) + np.sum(x * X)


@pytest.mark.parametrize("f", [through_a_view, through_a_view_by_index])
def test_a_view_of_a_parameter_as_for_element_assignment(f):
    """Written through a view while the parameter is read after: the same run-time refusal."""
    x = X.copy()
    with pytest.raises(UnsupportedConstructError, match="changed in place"):
        tangentish.grad(f)(x)
    np.testing.assert_array_equal(x, X)
