"""``np.apply_along_axis``, ``np.poly1d(p)(x)`` (passes/applied.py) and ``np.vectorize``
(passes/vectorized.py): the value is NumPy's (shape and dtype included, for results of every
rank and any axis, broadcast arguments) and the derivative matches central finite differences in
every mode; a function that cannot be called by name is refused."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import call_unchanged, numeric_jacobian

import tangentish

R = np.random.default_rng(1010)
X34 = R.standard_normal((3, 4))
X234 = R.standard_normal((2, 3, 4))


def norm_of(r):
    return np.sqrt(np.sum(r * r))


def with_a_lambda(x):  # a number per row
    return np.apply_along_axis(lambda r: np.sum(r ** 2) * r[0], 1, x)


def with_a_module_function(x):  # per column, then squared
    return np.apply_along_axis(norm_of, 0, x) ** 2


def with_a_local_function(x, w):  # extra arguments handed on; the local reads w
    def score(r, scale):
        return np.tanh(r * w) * scale
    return np.apply_along_axis(score, -1, x, 2.0)


def with_numpy_and_a_keyword(x):
    return np.apply_along_axis(np.linalg.norm, 1, x, ord=3) + \
        np.sum(np.apply_along_axis(np.cumsum, 0, x), axis=1)


def matrix_results(x):  # a 2x3 result per line along axis 1 of a 3-d array: shape (2, 2, 3, 4)
    return np.apply_along_axis(lambda v: np.outer(v, v)[:2], 1, x)


def empty_lines(x):  # a sum of each empty line (call fuzz seed 204, program 6: v[v > 0])
    return np.apply_along_axis(np.sum, 1, x[:, :0]) + np.apply_along_axis(np.sum, 0, x[0])


def polynomial_object(p, x):
    return np.poly1d(p)(x) * x


def kink(t):
    return t * t if t > 0 else -0.5 * t


def vectorized_lambda_bound_to_a_name(x):
    f = np.vectorize(lambda t: np.sin(t) if t > 0 else t ** 3)
    return f(x) * 2.0


def vectorized_at_once_broadcast(x, y):  # a (2, 3) and a (3,): broadcast as NumPy does
    return np.vectorize(lambda a, b: a * b if a > b else a + b)(x, y)


def vectorized_module_and_local_functions(x, w):
    def soft(t):
        return w * np.log1p(np.exp(t))
    g = np.vectorize(soft)
    return g(x) + np.vectorize(kink)(x)


def vectorized_first_result_int(x):  # NumPy takes the first result's type: int truncates
    f = np.vectorize(lambda t: 1 if t > 0 else t * 0.5)
    return f(x) * x


def polynomial_bound_to_a_name(p, x):  # P keeps the coefficients it was made with
    P = np.poly1d(p)
    y = P(x)
    p = p * 2.0
    return y * P(x) + np.sum(p)


CASES = {
    "polynomial_bound_to_a_name": (polynomial_bound_to_a_name, (np.array([0.5, -1.0, 2.0]),
                                                                X34[1])),
    "vectorized_lambda_bound_to_a_name": (vectorized_lambda_bound_to_a_name, (X34,)),
    "vectorized_at_once_broadcast": (vectorized_at_once_broadcast, (X34[:2, :3], X34[2, :3])),
    "vectorized_module_and_local_functions": (vectorized_module_and_local_functions,
                                              (X34[1], 0.7)),
    "vectorized_first_result_int": (vectorized_first_result_int, (np.array([0.5, -0.3, 0.2]),)),
    "with_a_lambda": (with_a_lambda, (X34,)),
    "with_a_module_function": (with_a_module_function, (X34,)),
    "with_a_local_function": (with_a_local_function, (X34, 0.7)),
    "with_numpy_and_a_keyword": (with_numpy_and_a_keyword, (X34,)),
    "matrix_results": (matrix_results, (X234,)),
    "empty_lines": (empty_lines, (X34,)),
    "polynomial_object": (polynomial_object, (np.array([0.5, -1.0, 2.0]), X34[0])),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_value_is_numpys_and_derivatives_match_finite_differences(name):
    fn, args = CASES[name]
    expected = fn(*args)
    positions = tuple(range(len(args)))
    refs = [numeric_jacobian(fn, args, p) for p in positions]
    value, pullback = call_unchanged(tangentish.vjp(fn, wrt=positions), args)
    assert np.shape(value) == np.shape(expected) and value.dtype == expected.dtype
    np.testing.assert_allclose(value, expected, rtol=1e-13)
    seed = R.standard_normal(np.shape(expected))
    pulled = pullback(seed)
    pulled = pulled if isinstance(pulled, tuple) else (pulled,)
    for got, ref in zip(pulled, refs, strict=True):
        expect = np.tensordot(seed, ref, axes=np.ndim(seed))
        np.testing.assert_allclose(got, expect, rtol=1e-6, atol=1e-8)
    derivative = tangentish.jvp(fn, wrt=positions)
    directions = [R.standard_normal(np.shape(a)) if np.ndim(a) else 0.3 for a in args]
    tangents = {derivative.record.tangents[n]: d for n, d in zip(derivative.wrt, directions,
                                                                  strict=True)}
    _, tangent = derivative(*args, **tangents)
    expect = sum(np.tensordot(ref, d, axes=np.ndim(d)) for ref, d in zip(refs, directions,
                                                                         strict=True))
    np.testing.assert_allclose(tangent, expect, rtol=1e-6, atol=1e-8)
    gradient = tangentish.grad(fn, wrt=positions)(*args, out_bar=seed)
    gradient = gradient if isinstance(gradient, tuple) else (gradient,)
    for got, one in zip(gradient, pulled, strict=True):
        np.testing.assert_allclose(got, one, rtol=1e-10, atol=1e-12)


def picked_function(x, k):
    chosen = [np.sin, np.cos][k]
    return np.sum(np.apply_along_axis(chosen, 0, x))


def picked_for_vectorize(x, k):
    chosen = [np.sin, np.cos][k]
    return np.sum(np.vectorize(chosen)(x))


def polynomial_derivative(p, x):
    P = np.poly1d(p)
    return np.sum(P.deriv()(x))


@pytest.mark.parametrize("fn, text", [(picked_function, "`chosen`"),
                                      (picked_for_vectorize, "`chosen`"),
                                      (polynomial_derivative, r"`P\.deriv\(\)`")])
def test_what_cannot_be_called_by_name_is_refused_naming_it(fn, text):
    with pytest.raises(tangentish.UnsupportedConstructError, match=text) as info:
        tangentish.grad(fn)(X34[0, :3], 1)
    assert "test_applied.py" in str(info.value)
