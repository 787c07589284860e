"""A function returning one value shaped as an array (``x.T @ A @ x`` of a column ``x``: shape
(1, 1); ``np.array([s])``) has a gradient, as autograd and PyTorch give it: ``grad``'s seed 1.0
(and a pullback's cotangent 1.0) becomes that one value's.  It was refused ("needs a scalar
output", autograd's own jacobian tests hit it); two values or more still are.  Checked against
finite differences and the closed form."""

import numpy as np
import pytest

import tangentish
from tangentish.errors import NonScalarOutputError

A = np.array([[2.0, 0.3, 0.1], [0.3, 1.5, -0.2], [0.1, -0.2, 1.0]])
COLUMN = np.array([[0.3], [-0.5], [0.8]])


def quadratic_form(x):
    return x.T @ A @ x + np.sum(np.sin(x))


def one_item(x):
    return np.array([np.sum(x ** 3)]) * 2.0


def reduced_keepdims(x):
    return np.sum(np.tanh(x) ** 2, axis=0, keepdims=True)


@pytest.mark.parametrize("f, x", [(quadratic_form, COLUMN), (one_item, COLUMN.ravel()),
                                  (reduced_keepdims, COLUMN)], ids=["xAx", "item", "keepdims"])
@pytest.mark.parametrize("order", [1, 2])
def test_one_value_outputs_have_a_gradient(f, x, order):
    tangentish.check_grads(f, (x,), order=order, warn=False)


def test_closed_form_and_every_api():
    expected = (A + A.T) @ COLUMN + np.cos(COLUMN)
    np.testing.assert_allclose(tangentish.grad(quadratic_form)(COLUMN), expected)
    value, g = tangentish.value_and_grad(quadratic_form)(COLUMN)
    assert value.shape == (1, 1) and g.shape == (3, 1)
    _, pullback = tangentish.vjp(quadratic_form)(COLUMN)
    np.testing.assert_allclose(pullback(1.0), expected)
    np.testing.assert_allclose(pullback(np.full((1, 1), 2.0)), 2.0 * expected)
    h = tangentish.hessian(quadratic_form)(COLUMN)
    np.testing.assert_allclose(h.reshape(3, 3), A + A.T - np.diag(np.sin(COLUMN).ravel()))


def test_two_values_are_still_refused():
    with pytest.raises(NonScalarOutputError, match="needs a scalar output"):
        tangentish.grad(lambda x: x * 2.0)(np.ones(2))
