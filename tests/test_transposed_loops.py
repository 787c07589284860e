"""A loop over the columns of an array it changes in place (``for col in Z.T: ... Z *= 0.9``):
Python runs over a view, whose items show the body's changes.  Before, the loop read its items
from a temporary holding that view (``_seq = Z.T``, then ``col = _seq[_i]``), another name
sharing ``Z``'s memory, and every mode refused ("'Z' is changed in place while `Z.T`, which
shares its memory, is used afterwards"; fuzz seed 4753, program 121).  Now a transpose of a name
the body does not rebind is read through that name (``col = Z.T[_i]``, passes/desugar_loops.py),
which gives the same items; gradients and second derivatives are checked against central
differences."""

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.syntax.parse import parse_function
from tangentish.syntax.printer import function_text


def scaled_columns(A):
    Z = np.sin(A) * 1.0
    s = 0.0
    for col in Z.T:
        s = s + np.sum(col ** 2)
        Z *= 0.9
    return s + np.sum(Z)


def rebound_columns(A):  # (Z is a new array each pass: the loop keeps the first one's columns)
    Z = np.sin(A) * 1.0
    s = 0.0
    for col in Z.T:
        s = s + np.sum(col ** 2)
        Z = Z * 0.9
    return s + np.sum(Z)


def reversed_enumerated(A):
    Z = np.sin(A) * 1.0
    s = 0.0
    for i, col in enumerate(reversed(Z.T)):
        s = s + np.sum(col ** 2) * i
        Z[0] += 0.5 * Z[1] ** 2
    return s + np.sum(Z)


def nested_in_a_loop(A):  # (fuzz seed 4753, program 121, with an output that depends on A)
    Z = np.abs(A) * np.expm1(A.copy())
    t = 0.0
    for _ in range(2):
        for col in Z.T:
            t = t + np.sum(np.tanh(col))
            Z *= 0.9
    return t


A = np.array([[0.3, -0.5, 0.8], [0.1, 0.4, -0.2]])
CASES = [scaled_columns, rebound_columns, reversed_enumerated, nested_in_a_loop]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_gradient_and_hessian_of_a_loop_over_a_transpose(f):
    expected_value = f(A.copy())
    value, gradient = tangentish.value_and_grad(f)(A)
    np.testing.assert_allclose(value, expected_value, rtol=1e-12)
    np.testing.assert_allclose(gradient, numeric_jacobian(f, (A,), 0).reshape(A.shape),
                               rtol=1e-6, atol=1e-8)
    grad = tangentish.grad(f)
    expected = numeric_jacobian(lambda a: np.asarray(grad(a), dtype=np.float64), (A,), 0,
                                step=1e-6).reshape(A.shape * 2)
    np.testing.assert_allclose(tangentish.hessian(f, progress=False)(A), expected, rtol=1e-6,
                               atol=1e-8)
    v = np.linspace(0.3, -1.0, A.size).reshape(A.shape)
    np.testing.assert_allclose(tangentish.hvp(f)(A, v), np.tensordot(expected, v, axes=2),
                               rtol=1e-6, atol=1e-8)


def test_the_transpose_is_read_through_its_name():
    info = parse_function(scaled_columns)
    desugar(info)
    text = function_text(info.node)
    assert "col = Z.T[_i]" in text and "_seq" not in text
    info = parse_function(rebound_columns)
    desugar(info)
    assert "_seq = Z.T" in function_text(info.node)  # (rebound: evaluated once, as before)


def test_a_column_read_after_the_change_stays_refused():
    def f(A):
        Z = np.sin(A) * 1.0
        s = 0.0
        for col in Z.T:
            Z *= 0.9
            s = s + np.sum(col ** 2)  # (col is a view of Z: it changed)
        return s

    with pytest.raises(tangentish.UnsupportedConstructError, match="'col', which shares"):
        tangentish.grad(f)(A)
