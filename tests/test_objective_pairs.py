"""A scipy.optimize objective written for ``minimize(jac=True)`` returns ``(value, gradient)``:
``grad`` of it is refused with a hint naming ``has_aux=True``, which differentiates the value and
hands back the hand-written gradient (compared here: they agree); an objective ``fun(x, *args)``
is differentiated with what ``*args`` collects held constant, called as scipy calls ``jac``:
``jac(x, *args)``."""

import functools

import numpy as np
import pytest
from helpers import specialize

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


def star_weighted(theta, scale=1.0, *args, l2=0.0):
    total = l2 * theta @ theta
    for X, y in args:  # (pairs of data sets, each its own term)
        r = X @ theta - y
        total = total + scale * np.mean(r ** 2)
    return total


@pytest.mark.parametrize("eager", [False, True])
def test_star_args_objective_as_scipy_calls_it(eager, monkeypatch):
    """``grad(fun)(x, *args)``: the closed form and finite differences, three calls (generic,
    then specialized; or specialized at once), second order, every mode through ``check_grads``."""
    from tangentish.records import ENVIRONMENT

    monkeypatch.setattr(ENVIRONMENT, "eager", eager)
    theta = RS.randn(3)
    for _ in range(3):
        g = tangentish.grad(star_objective)(theta, X, Y)
        np.testing.assert_allclose(g, 2 * X.T @ (X @ theta - Y), rtol=1e-12)
        specialize(tangentish.grad(star_objective), (theta, X, Y))  # (what later calls run)
    tangentish.check_grads(star_objective, (theta, X, Y), order=2)
    data = ((X, Y), (X[:4], Y[:4] + 1.0))
    for args, wrt in (((theta, 0.5, *data), (0, 1)), ((theta, 0.5, *data[:1]), 0),
                      ((theta,), 0)):
        for _ in range(3):
            tangentish.check_grads(star_weighted, args, wrt=wrt, order=2)
            tangentish.check_grads(functools.partial(star_weighted, l2=0.3), args, wrt=wrt)
    value, pullback = tangentish.vjp(star_weighted)(theta, 0.5, *data, l2=0.3)
    assert value == star_weighted(theta, 0.5, *data, l2=0.3)


def test_star_args_are_constants():
    """What ``*args`` collects is not under ``wrt``: an index past the named parameters, or the
    star's name, is refused saying so."""
    with pytest.raises(tangentish.ArgumentValueError, match=r"the values \*args collects"):
        tangentish.grad(star_objective, wrt=1)(RS.randn(3), X, Y)
    with pytest.raises(tangentish.ArgumentError, match=r"the \*args parameter"):
        tangentish.grad(star_objective, wrt="args")


def _residual_loss(theta, X, y):
    r = X @ theta - y
    return 0.5 * r @ r


def forwarding(theta, *args):  # (scipy objectives handing their args on)
    return _residual_loss(theta, *args) + 0.1 * np.sum(np.cos(theta) * args[1][0])


def test_star_args_handed_on_to_a_helper():
    """``loss(theta, *args)`` of a helper with a fixed number of parameters passes the items one
    by one (syntax/star.py; was refused as star unpacking), after a check raising Python's
    TypeError for another number of items."""
    theta = RS.randn(3)
    tangentish.check_grads(forwarding, (theta, X, Y), order=2)
    with pytest.raises(TypeError):
        forwarding(theta, X)
    with pytest.raises(TypeError, match=r"\*args must hold 2 items"):
        tangentish.grad(forwarding)(theta, X, Y, Y)


@pytest.mark.parametrize(("line", "spread"), [
    ("    return loss(x, *args)", True), ("f(*xs)", True), ("h(a,*b)", True),
    ("g(a, * b)", True), ("    *args)", True), ("f(*[1, 2])", True),
    ("def grad_f_wrt_x(x, *, out_bar=1.0):", False), ("x = a * b", False),
    ("f(x, **kw)", False), ("    ** 2", False)])
def test_only_lines_that_may_hand_a_star_on_are_searched(line, spread):
    """The parser searches a function for ``helper(x, *args)`` only when a line may hold one: a
    derivative's own ``def ...(x, *, out_bar=1.0)`` does not (it made every second-order
    transform search, with a walk of the whole function per block)."""
    from tangentish.syntax.star import may_spread

    assert may_spread([line]) is spread
