"""The partials of ``np.logaddexp`` and ``np.logaddexp2`` written from the operands alone
(tangentish/rules/numpy_binary.py): each operand's share ``1 / (1 + exp(other - self))``, the
``exp(self - y)`` they were written as before, at ordinary and extreme operands (infinite, far
apart, equal); and a gradient that needs no value of the sum computes none."""

import warnings

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

BIG = [-np.inf, -800.0, -30.0, -1.0, 0.0, 0.0, 2.5, 30.0, 800.0, np.inf]


def pairs():
    a, b = np.meshgrid(BIG, BIG)
    return a.ravel(), b.ravel()


def summed_logaddexp(a, b):
    return np.sum(np.logaddexp(a, b))


def summed_logaddexp2(a, b):
    return np.sum(np.logaddexp2(a, b))


@pytest.mark.parametrize("fn, power", [(summed_logaddexp, np.exp), (summed_logaddexp2, np.exp2)])
def test_the_shares_are_the_exponentials_of_the_difference_to_the_sum(fn, power):
    """Where ``exp(a - y)`` is NaN only because ``a - y`` is ``inf - inf`` (``a`` infinite, ``b``
    not the same infinity), the share is now the limit, 1 or 0; where both are one infinity it
    stays NaN.  Elsewhere they agree to rounding (``y`` rounded at 800 puts ``exp(a - y)`` off by
    ~5e-14: the share of equal operands is now 0.5 exactly)."""
    a, b = pairs()
    with np.errstate(all="ignore"):
        y = np.logaddexp(a, b) if power is np.exp else np.logaddexp2(a, b)
        expected = []
        for mine, other in ((a, b), (b, a)):
            share = power(mine - y)
            limit = np.isnan(share) & (mine != other)
            expected.append(np.where(limit, (mine > other).astype(float), share))
        for got in (tangentish.grad(fn, wrt=(0, 1))(a, b) for _ in range(3)):
            for share, reference in zip(got, expected, strict=True):
                np.testing.assert_allclose(share, reference, rtol=1e-13, atol=1e-300,
                                           equal_nan=True)


def softplus_sum(w, X):
    return np.sum(np.logaddexp(0.0, X @ w))


def test_a_gradient_that_needs_no_sum_computes_none():
    rng = np.random.default_rng(12)
    args = (rng.normal(size=4), rng.normal(size=(9, 4)))
    derivative = tangentish.grad(softplus_sum)
    for _ in range(3):
        np.testing.assert_allclose(derivative(*args), numeric_grad(softplus_sum, args),
                                   rtol=1e-7, atol=1e-9)
    code = [line for line in derivative.source_for(*args).splitlines() if "#" not in line]
    assert not any("logaddexp" in line for line in code)
    direction = rng.normal(size=4)
    _, slope = tangentish.jvp(softplus_sum)(*args, w_dot=direction)
    np.testing.assert_allclose(slope, np.dot(derivative(*args), direction), rtol=1e-12)


def running_logaddexp(terms):
    acc = -np.inf
    for t in terms:
        acc = np.logaddexp(acc, t)
    return acc + np.logaddexp2(-np.inf, terms[0])


def test_shares_at_an_operand_of_minus_inf_have_a_derivative():
    """The share is ``_rt.share(other - self)``, whose own derivative at an operand of -inf is 0
    (that of ``1 / (1 + exp(inf))`` is inf / inf: the ``hvp`` of a running ``np.logaddexp`` from
    ``-np.inf`` was NaN), against the closed forms: the gradient of a log-sum-exp is the softmax
    ``p``, its Hessian ``diag(p) - p p^T``."""
    terms = np.array([0.3, -1.2, 0.5, 0.9])
    p = np.exp(terms - np.logaddexp.reduce(terms))
    first = np.eye(len(terms))[0] * 1.0  # (logaddexp2(-inf, t0) = t0)
    direction = np.linspace(-1.0, 1.0, len(terms))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        grad = tangentish.grad(running_logaddexp)(terms)
        hvp = tangentish.hvp(running_logaddexp)(terms, direction)
        _, slope = tangentish.jvp(running_logaddexp)(terms, terms_dot=direction)
    np.testing.assert_allclose(grad, p + first, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(hvp, p * direction - p * (p @ direction), rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(slope, (p + first) @ direction, rtol=1e-12)
