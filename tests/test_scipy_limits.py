"""The Box-Cox transforms at lmbda = 0 exactly, where their derivative in lmbda is a limit (the
formula divides by lmbda): the rule's value there is the Taylor polynomial, so derivatives of
higher order are exact too, checked against the closed form d^k/dl^k boxcox(x, 0) = log(x)^(k+1)
/ (k + 1) and, for the inverses, against the series of exp(log1p(l y) / l) = exp(y - l y^2 / 2 +
l^2 y^3 / 3 - ...)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import tangentish

sps = pytest.importorskip("scipy.special")


def _boxcox(lmbda):
    return sps.boxcox(1.7, lmbda)


def _boxcox1p(lmbda):
    return sps.boxcox1p(0.7, lmbda)


def _inverse(lmbda):
    return sps.inv_boxcox(0.6, lmbda)


def _inverse1p(lmbda):
    return sps.inv_boxcox1p(0.6, lmbda)


def _inverse_taylor(y, degree):
    """Taylor coefficients in lmbda, at 0, of inv_boxcox(y, lmbda)."""
    exponent = np.array([0.0] + [(-1.0) ** j * y ** (j + 1) / (j + 1) for j in range(1, degree + 1)])
    total, term = np.eye(degree + 1)[0], np.eye(degree + 1)[0]
    for m in range(1, degree + 1):
        term = np.convolve(term, exponent)[:degree + 1] / m
        total = total + term
    return math.exp(y) * total


def _derivatives(fn, orders):
    out, current = [], fn
    for _ in range(orders):
        current = tangentish.grad(current)
        out.append(current)
    return out


@pytest.mark.parametrize("fn, log", [(_boxcox, math.log(1.7)), (_boxcox1p, math.log1p(0.7))],
                         ids=["boxcox", "boxcox1p"])
def test_boxcox_derivatives_at_zero_match_the_closed_form(fn, log) -> None:
    for k, derivative in enumerate(_derivatives(fn, 4), start=1):
        assert derivative(0.0) == pytest.approx(log ** (k + 1) / (k + 1), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("fn", [_inverse, _inverse1p], ids=["inv_boxcox", "inv_boxcox1p"])
def test_inverse_boxcox_derivatives_at_zero_match_the_series(fn) -> None:
    coefficients = _inverse_taylor(0.6, 4)
    for k, derivative in enumerate(_derivatives(fn, 4), start=1):
        assert derivative(0.0) == pytest.approx(math.factorial(k) * coefficients[k], rel=1e-12)
