"""A scipy.optimize objective written for ``minimize(jac=True)`` returns ``(value, gradient)``:
``grad`` of it is refused with a hint naming ``has_aux=True``, which differentiates the value and
hands back the hand-written gradient (compared here: they agree); an objective ``fun(x, *args)``
is refused with a hint saying how to take the extra arguments."""

import numpy as np
import pytest

import tangentish

RS = np.random.RandomState(2)
X, Y = RS.randn(6, 3), RS.randn(6)


def value_and_jac(theta, X, y):
    r = X.dot(theta) - y
    return 0.5 * r.dot(r), X.T.dot(r)


def star_objective(theta, *args):
    X, y = args
    return np.sum((X @ theta - y) ** 2)


def test_a_value_gradient_pair_names_has_aux():
    theta = RS.randn(3)
    with pytest.raises(tangentish.NonScalarOutputError, match="has_aux=True"):
        tangentish.grad(value_and_jac)(theta, X, Y)
    g, hand = tangentish.grad(value_and_jac, has_aux=True)(theta, X, Y)
    np.testing.assert_allclose(g, hand, rtol=1e-12)
    np.testing.assert_allclose(g, X.T @ (X @ theta - Y), rtol=1e-12)


def test_star_args_objective_hint():
    with pytest.raises(tangentish.UnsupportedConstructError, match=r"fun\(x, args\)"):
        tangentish.grad(star_objective)(RS.randn(3), X, Y)
