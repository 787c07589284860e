"""``scipy.special.beta``, ``betaln`` and ``binom`` (imported with ``scipy_special``), right at and
beside the poles of Gamma where they are finite, and the rules of the runtime helpers they call
(``runtime/gamma_gaps.py``), so that their derivatives can be differentiated again.

The textbook partials, ``B (psi(a) - psi(a + b))`` for ``B(a, b) = Gamma(a) Gamma(b) / Gamma(a +
b)`` and ``binom (psi(n + 1) - psi(n - k + 1))``, are ``0 * inf`` where the denominator's argument
is a pole (``B(1/2, -3/2) = 0``, whose slope in ``a`` is ``Gamma(1/2) Gamma(-3/2) rgamma'(-1)``,
``rgamma'(-m) = (-1)^m m!``), and ``inf - inf`` where ``a`` is a pole and ``b`` a positive integer
(``B(-2, 1) = -1/2``, ``psi(a) - psi(a + b) = -sum_{k<b} 1 / (a + k)``).  The helpers compute the
first and second derivatives from factors that stay finite there (``beta_slope``...); the third,
from the textbook formulas (NaN at those points), in terms of ``_rt.polygamma_gap``, the
reflected difference ``psi_n(a) - psi_n(a + b)``, itself closed under differentiation.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import scipy.special as sps

from .. import runtime
from ..extend import elementwise

elementwise(sps.beta, lambda z, a, b: _rt.beta_slope(a, b), lambda z, a, b: _rt.beta_slope(b, a))
elementwise(sps.betaln, lambda z, a, b: _rt.polygamma_gap(0, a, b),
            lambda z, a, b: _rt.polygamma_gap(0, b, a))
elementwise(sps.binom,  # Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1)), continuous in both
            lambda z, n, k: _rt.binom_slope(n, k), lambda z, n, k: _rt.binom_kslope(n, k))

# psi_n(a) - psi_n(a + b): in a, the next difference; in b, -psi_{n+1}(a + b)
elementwise(runtime.polygamma_gap,
            lambda r, n, a, b: _rt.no_derivative(n, "a polygamma difference in its order n"),
            lambda r, n, a, b: _rt.polygamma_gap(n + 1, a, b),
            lambda r, n, a, b: -_rt.polygamma(n + 1, a + b))

# B's derivatives: B' = B g0, g_n = psi_n(a) - psi_n(a + b) (h_n: a and b swapped, v = a + b)
elementwise(runtime.beta_slope, lambda r, a, b: _rt.beta_curvature(a, b),
            lambda r, a, b: _rt.beta_twist(a, b))
elementwise(runtime.beta_curvature,  # B (g0^2 + g1)
            lambda r, a, b: sps.beta(a, b) * (
                _rt.polygamma_gap(0, a, b) ** 3 + 3.0 * _rt.polygamma_gap(0, a, b)
                * _rt.polygamma_gap(1, a, b) + _rt.polygamma_gap(2, a, b)),
            lambda r, a, b: sps.beta(a, b) * (
                _rt.polygamma_gap(0, b, a) * (_rt.polygamma_gap(0, a, b) ** 2 + _rt.polygamma_gap(1, a, b))
                - 2.0 * _rt.polygamma_gap(0, a, b) * _rt.polygamma(1, a + b) - _rt.polygamma(2, a + b)))
elementwise(runtime.beta_twist,  # B (g0 h0 - psi_1(v))
            lambda r, a, b: sps.beta(a, b) * (
                _rt.polygamma_gap(0, a, b) * (_rt.polygamma_gap(0, a, b) * _rt.polygamma_gap(0, b, a)
                                              - _rt.polygamma(1, a + b))
                + _rt.polygamma_gap(1, a, b) * _rt.polygamma_gap(0, b, a)
                - _rt.polygamma_gap(0, a, b) * _rt.polygamma(1, a + b) - _rt.polygamma(2, a + b)),
            lambda r, a, b: sps.beta(a, b) * (
                _rt.polygamma_gap(0, b, a) * (_rt.polygamma_gap(0, a, b) * _rt.polygamma_gap(0, b, a)
                                              - _rt.polygamma(1, a + b))
                + _rt.polygamma_gap(1, b, a) * _rt.polygamma_gap(0, a, b)
                - _rt.polygamma_gap(0, b, a) * _rt.polygamma(1, a + b) - _rt.polygamma(2, a + b)))

# binom's: with x = n + 1, y = n - k + 1, w = k + 1, gn = psi(x) - psi(y) (the difference of
# polygamma_gap(0, x, -k)), gk = psi(y) - psi(w): binom' = binom gn (in n), binom gk (in k)
elementwise(runtime.binom_slope, lambda r, n, k: _rt.binom_curvature(n, k),
            lambda r, n, k: _rt.binom_twist(n, k))
elementwise(runtime.binom_kslope, lambda r, n, k: _rt.binom_twist(n, k),
            lambda r, n, k: _rt.binom_kcurvature(n, k))
elementwise(runtime.binom_curvature,  # binom (gn^2 + gn1)
            lambda r, n, k: sps.binom(n, k) * (
                _rt.polygamma_gap(0, n + 1.0, -k) ** 3 + 3.0 * _rt.polygamma_gap(0, n + 1.0, -k)
                * _rt.polygamma_gap(1, n + 1.0, -k) + _rt.polygamma_gap(2, n + 1.0, -k)),
            lambda r, n, k: sps.binom(n, k) * (
                (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) * (
                    _rt.polygamma_gap(0, n + 1.0, -k) ** 2 + _rt.polygamma_gap(1, n + 1.0, -k))
                + 2.0 * _rt.polygamma_gap(0, n + 1.0, -k) * _rt.polygamma(1, n - k + 1.0)
                + _rt.polygamma(2, n - k + 1.0)))
elementwise(runtime.binom_kcurvature,  # binom (gk^2 - psi_1(y) - psi_1(w))
            lambda r, n, k: sps.binom(n, k) * (
                _rt.polygamma_gap(0, n + 1.0, -k) * (
                    (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) ** 2
                    - _rt.polygamma(1, n - k + 1.0) - _rt.polygamma(1, k + 1.0))
                + 2.0 * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) * _rt.polygamma(1, n - k + 1.0)
                - _rt.polygamma(2, n - k + 1.0)),
            lambda r, n, k: sps.binom(n, k) * (
                (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) ** 3
                - 3.0 * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) * (
                    _rt.polygamma(1, n - k + 1.0) + _rt.polygamma(1, k + 1.0))
                + _rt.polygamma(2, n - k + 1.0) - _rt.polygamma(2, k + 1.0)))
elementwise(runtime.binom_twist,  # binom (gn gk + psi_1(y))
            lambda r, n, k: sps.binom(n, k) * (
                _rt.polygamma_gap(0, n + 1.0, -k) * (
                    _rt.polygamma_gap(0, n + 1.0, -k) * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0))
                    + _rt.polygamma(1, n - k + 1.0))
                + _rt.polygamma_gap(1, n + 1.0, -k) * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0))
                + _rt.polygamma_gap(0, n + 1.0, -k) * _rt.polygamma(1, n - k + 1.0)
                + _rt.polygamma(2, n - k + 1.0)),
            lambda r, n, k: sps.binom(n, k) * (
                (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0)) * (
                    _rt.polygamma_gap(0, n + 1.0, -k) * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0))
                    + _rt.polygamma(1, n - k + 1.0))
                + _rt.polygamma(1, n - k + 1.0) * (sps.digamma(n - k + 1.0) - sps.digamma(k + 1.0))
                - _rt.polygamma_gap(0, n + 1.0, -k) * (
                    _rt.polygamma(1, n - k + 1.0) + _rt.polygamma(1, k + 1.0))
                - _rt.polygamma(2, n - k + 1.0)))
