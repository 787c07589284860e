"""``np.block`` and ``np.linalg.cond``, differentiated as the calls NumPy makes them of
(passes/numpy_forms.py): each row's value against NumPy's own function, and its derivatives in
every mode against central differences (second order through the project's checker); the forms
it refuses name the call."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes, numeric_grad

import tangentish

A = np.array([[1.0, 0.3, -0.5], [-0.2, 0.8, 0.4]])
X = np.array([[2.0, 0.3, 0.1], [-0.2, 1.1, 0.4], [0.3, 0.2, 0.7]])
W44 = np.arange(1.0, 13.0).reshape(4, 3) / 7.0


def matrix_of_blocks(a):
    corner = np.block([[a, np.ones((2, 1)) * a[0, 0]], [a[:1, :] * a[:1, :], 2.0 * a[1:, :1]]])
    return np.sum(np.sin(corner)) + np.sum(np.block([[a], [a * 3.0]]) * W44)


def vector_of_pieces(a):
    return np.sum(np.block([a[0], a[1, 1], 3.0, a[1]]) ** 3)


def lifted_to_the_depth(a):  # 1-d blocks in a list of lists: a 2-d result
    return np.sum(np.block([[a[0], a[1]], [a[1], a[0]]]) ** 2 * np.arange(12.0).reshape(2, 6))


def three_levels(a):
    return np.sum(np.block([[[a[0, 0], a[0, 1]]], [[a[1, 0], a[1, 1]]]]) * 0.5) ** 2


def cond_default(x):
    return np.linalg.cond(x)


def cond_every_order(x):
    return (np.linalg.cond(x, 2) + np.linalg.cond(x, -2) + np.linalg.cond(x, "fro")
            + np.linalg.cond(x, "nuc") + np.linalg.cond(x, np.inf) + np.linalg.cond(x, -np.inf)
            + np.linalg.cond(x, 1) + np.linalg.cond(x, p=-1))


def cond_of_a_stack(x):
    return np.sum(np.linalg.cond(np.stack([x, x @ x + np.eye(3)])))


ROWS = [(matrix_of_blocks, A), (vector_of_pieces, A), (lifted_to_the_depth, A),
        (three_levels, A), (cond_default, X), (cond_every_order, X), (cond_of_a_stack, X)]


@pytest.mark.parametrize("f, x", ROWS, ids=[f.__name__ for f, _ in ROWS])
def test_every_mode(f, x):
    expected = assert_reverse_modes(f, x)
    direction = np.sin(np.arange(x.size, dtype=float)).reshape(x.shape)
    value, tangent = tangentish.jvp(f)(x, **{f"{_parameter(f)}_dot": direction})
    assert value == pytest.approx(f(x), rel=1e-12)
    assert tangent == pytest.approx(float(np.sum(expected * direction)), rel=1e-6, abs=1e-8)
    tangentish.check_grads(f, (x,), order=2, modes=("rev",), seed=2)


def _parameter(f) -> str:
    return f.__code__.co_varnames[0]


def test_the_values_are_numpys():
    blocks = [[A, np.ones((2, 1))], [A[:1] * 2.0, np.zeros((1, 1))]]
    np.testing.assert_array_equal(tangentish.value_and_grad(
        lambda_free_block)(A)[0], np.sum(np.block(blocks)))
    assert tangentish.value_and_grad(cond_every_order)(X)[0] == pytest.approx(sum(
        np.linalg.cond(X, p) for p in (2, -2, "fro", "nuc", np.inf, -np.inf, 1, -1)), rel=1e-13)
    assert tangentish.value_and_grad(cond_default)(X)[0] == pytest.approx(np.linalg.cond(X),
                                                                          rel=1e-13)


def lambda_free_block(a):
    return np.sum(np.block([[a, np.ones((2, 1))], [a[:1] * 2.0, np.zeros((1, 1))]]))


def closure_order(p):
    def f(x):
        return np.linalg.cond(x, p)
    return f


def tuple_of_blocks(a):
    return np.sum(np.block((a, a)))


def ragged(a):
    return np.sum(np.block([[a, a], a]))


def a_variable(a):
    blocks = [a, a]
    return np.sum(np.block(blocks))


def order_from_a_variable(x, p):
    return np.linalg.cond(x, p)


@pytest.mark.parametrize("f, message", [
    (tuple_of_blocks, "NumPy takes only lists"),
    (ragged, "nest to different depths"),
    (a_variable, "nested lists written in the call"),
    (order_from_a_variable, "must be a constant"),
    (closure_order(-2), "must be a constant"),  # (a closure's cell is read live, never built in)
], ids=lambda v: getattr(v, "__name__", "message"))
def test_refused_forms_name_the_call(f, message):
    with pytest.raises(tangentish.UnsupportedConstructError, match=message):
        tangentish.grad(f)(X, 2) if f is order_from_a_variable else tangentish.grad(f)(A)


def test_a_module_constant_order_is_a_dependency(tmp_path):
    """Changing the module's ``P`` derives again (the order is read when the derivative is built)."""
    from helpers import module_from_text

    module = module_from_text(tmp_path, "cond_order", "import numpy as np\nP = 2\n\n\n"
                              "def f(x):\n    return np.linalg.cond(x, P)\n")
    first = tangentish.grad(module.f)(X)
    np.testing.assert_allclose(first, numeric_grad(module.f, (X,)), rtol=1e-6, atol=1e-8)
    module.P = "fro"
    second = tangentish.grad(module.f)(X)
    np.testing.assert_allclose(second, numeric_grad(module.f, (X,)), rtol=1e-6, atol=1e-8)
    assert not np.allclose(first, second)
