"""``scipy.special`` functions declared singular (``tangentish/rules/scipy_singular.py``): a
value ``np.where`` does not take, at a pole or edge where the partial is inf or NaN, gives the
derivative 0 there, not ``0 * inf`` (``np.where(x > 0.5, sps.gammaln(x), 0.0)`` had ``grad``
NaN at ``x = 0``; ``sps.entr`` of elements a masked write zeroed had ``jvp`` NaN).  Every declared
function, in groups, each term taken only inside ``(0.2, 0.8)``, at points 0 and 1 where the
terms are singular, in ``grad`` and ``jvp`` against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.registry import REGISTRY

sps = pytest.importorskip("scipy.special")


def _inside(x, value):
    return np.sum(np.where((x > 0.2) & (x < 0.8), value, 0.0))


def gammas(x):
    return (_inside(x, sps.gamma(x)) + _inside(x, sps.gammaln(x)) + _inside(x, sps.loggamma(x))
            + _inside(x, sps.digamma(x)) + _inside(x, sps.psi(x)) + _inside(x, sps.polygamma(1, x))
            + _inside(x, sps.beta(x, 1.5)) + _inside(x, sps.betaln(x, 1.5))
            + _inside(x, sps.poch(x, 1.5)) + _inside(x, sps.binom(x + 2.0, x)))


def incomplete(x):
    return (_inside(x, sps.gammainc(0.5, x)) + _inside(x, sps.gammaincc(0.5, x))
            + _inside(x, sps.gammaincinv(0.5, x)) + _inside(x, sps.gammainccinv(0.5, x))
            + _inside(x, sps.betainc(0.5, 0.5, x)) + _inside(x, sps.betaincinv(0.5, 0.5, x))
            + _inside(x, sps.chdtr(1.0, x)) + _inside(x, sps.chdtrc(1.0, x))
            + _inside(x, sps.gdtr(1.0, 0.5, x)) + _inside(x, sps.stdtrit(3, x))
            + _inside(x, sps.chdtri(2, x)))


def entropies_and_inverses(x):
    return (_inside(x, sps.entr(x)) + _inside(x, sps.rel_entr(x, 0.5))
            + _inside(x, sps.kl_div(x, 0.5)) + _inside(x, sps.xlogy(0.5, x))
            + _inside(x, sps.xlog1py(0.5, x - 1.0)) + _inside(x, sps.logit(x))
            + _inside(x, sps.erfinv(2.0 * x - 1.0)) + _inside(x, sps.erfcinv(2.0 * x))
            + _inside(x, sps.ndtri(x)) + _inside(x, sps.ndtri_exp(x - 1.0))
            + _inside(x, sps.boxcox(x, 0.5)) + _inside(x, sps.boxcox1p(x - 1.0, 0.5))
            + _inside(x, sps.cbrt(x)))


def integrals_and_bessels(x):
    return (_inside(x, sps.ellipk(x)) + _inside(x, sps.ellipkinc(x, 0.5))
            + _inside(x, sps.exp1(x)) + _inside(x, sps.expi(x)) + _inside(x, sps.expn(1, x))
            + _inside(x, sps.spence(x)) + _inside(x, sps.zeta(2.0, x))
            + _inside(x, sps.y0(x)) + _inside(x, sps.y1(x)) + _inside(x, sps.yn(1, x))
            + _inside(x, sps.yv(0.5, x)) + _inside(x, sps.k0(x)) + _inside(x, sps.k1(x))
            + _inside(x, sps.kn(1, x)) + _inside(x, sps.kv(0.5, x)) + _inside(x, sps.k0e(x))
            + _inside(x, sps.iv(0.5, x)) + _inside(x, sps.jv(0.5, x)))


def zeroed_then_entropy(x):  # (jvp: a masked write's structural zero meets entr's inf)
    r = np.arctan(x).copy()
    r[r < 0.1] = 0.0
    return np.sum(sps.entr(sps.logit(sps.expit(r)) ** 2))


CASES = [gammas, incomplete, entropies_and_inverses, integrals_and_bessels, zeroed_then_entropy]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_an_unused_singular_special_value_stays_out_of_the_derivative(f):
    x, direction = np.array([0.0, 1.0, 0.35, 0.6]), np.array([1.0, -0.5, 0.75, 0.25])
    with np.errstate(all="ignore"):
        expected = numeric_grad(f, (x,))
        assert_grad_close(tangentish.grad(f)(x), expected, label="grad")
        _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-6, atol=1e-7)


def sine_integral(x):
    return np.sum(sps.sici(x)[1] * x)


def test_a_function_of_several_outputs_is_never_singular():
    """``singular`` keeps an elementwise statement's derivative on its support; declared of a
    function returning a tuple (``sps.sici``), it once kept ``sici(x)[1]``'s gradient at one
    element only.  Such a declaration is now ignored."""
    x = np.array([0.4, 1.0, 0.35, 0.6])
    expected = np.sin(x) + np.cos(x)  # (d/dx x ci(x) = ci(x) + cos(x): ci's value checked too)
    expected += sps.sici(x)[1] - np.sin(x)
    REGISTRY.singular.add(sps.sici)
    try:
        assert not REGISTRY.is_singular(sps.sici)
        assert_grad_close(tangentish.grad(sine_integral)(x), expected, label="grad")
    finally:
        REGISTRY.singular.discard(sps.sici)
