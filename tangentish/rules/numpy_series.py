"""The series of ``numpy.polynomial`` evaluated at points: ``polynomial.polyval``,
``chebyshev.chebval``, ``legendre.legval``, ``hermite.hermval``, ``hermite_e.hermeval`` and
``laguerre.lagval`` (each ``<kind>val(x, c, tensor=True)``), and the derivatives of their
coefficients (``<kind>der``).  A series is linear in its coefficients ``c`` (the adjoint sums
each basis function at the points, read off the kind's pseudo-Vandermonde matrix:
``_rt.unseries``) and in ``x`` its slope is the series of the derivative's coefficients.  And
those pseudo-Vandermonde matrices themselves (``<kind>vander(x, deg)``, column ``k`` basis
function ``k`` at the points): in ``x``, each column's slope is the series of that basis
function's derivative (``_rt.vander_slopes``, whose own rule is in ``runtime_forms``: NumPy 1
imports ``numpy.polynomial`` with ``numpy``, so this module loads on a plain first ``grad``, and
reads no runtime helper as it does).

Like ``np.fft``'s rules, imported on the first lookup that misses once ``numpy.polynomial`` is
imported (NumPy 2 imports it on first use).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
from numpy.polynomial import chebyshev, hermite, hermite_e, laguerre, legendre, polynomial

from ..extend import d, linear, rule


@rule(polynomial.polyval)
class Polyval:  # sum c[k] x**k
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * polynomial.polyval(x, polynomial.polyder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, polynomial.polyvander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = polynomial.polyval(x, d[c], tensor) + d[x] * polynomial.polyval(
            x, polynomial.polyder(c), tensor)


@rule(chebyshev.chebval)
class Chebval:  # sum c[k] T_k(x)
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * chebyshev.chebval(x, chebyshev.chebder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, chebyshev.chebvander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = chebyshev.chebval(x, d[c], tensor) + d[x] * chebyshev.chebval(
            x, chebyshev.chebder(c), tensor)


@rule(legendre.legval)
class Legval:  # sum c[k] P_k(x)
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * legendre.legval(x, legendre.legder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, legendre.legvander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = legendre.legval(x, d[c], tensor) + d[x] * legendre.legval(
            x, legendre.legder(c), tensor)


@rule(hermite.hermval)
class Hermval:  # sum c[k] H_k(x), the physicists' Hermite polynomials
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * hermite.hermval(x, hermite.hermder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, hermite.hermvander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = hermite.hermval(x, d[c], tensor) + d[x] * hermite.hermval(
            x, hermite.hermder(c), tensor)


@rule(hermite_e.hermeval)
class Hermeval:  # sum c[k] He_k(x), the probabilists' Hermite polynomials
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * hermite_e.hermeval(x, hermite_e.hermeder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, hermite_e.hermevander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = hermite_e.hermeval(x, d[c], tensor) + d[x] * hermite_e.hermeval(
            x, hermite_e.hermeder(c), tensor)


@rule(laguerre.lagval)
class Lagval:  # sum c[k] L_k(x)
    def adjoint(r, x, c, tensor=True):
        d[x] = _rt.unbroadcast(d[r] * laguerre.lagval(x, laguerre.lagder(c), tensor), x)
        d[c] = _rt.unseries(d[r], x, c, laguerre.lagvander, tensor)

    def tangent(r, x, c, tensor=True):
        d[r] = laguerre.lagval(x, d[c], tensor) + d[x] * laguerre.lagval(
            x, laguerre.lagder(c), tensor)


@rule(polynomial.polyvander)
class Polyvander:  # r[..., k] = x ** k
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, polynomial.polyvander, polynomial.polyder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, polynomial.polyvander, polynomial.polyder)
        d[r] = np.expand_dims(d[x], -1) * slopes


@rule(chebyshev.chebvander)
class Chebvander:  # r[..., k] = T_k(x)
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, chebyshev.chebvander, chebyshev.chebder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, chebyshev.chebvander, chebyshev.chebder)
        d[r] = np.expand_dims(d[x], -1) * slopes


@rule(legendre.legvander)
class Legvander:  # r[..., k] = P_k(x)
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, legendre.legvander, legendre.legder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, legendre.legvander, legendre.legder)
        d[r] = np.expand_dims(d[x], -1) * slopes


@rule(hermite.hermvander)
class Hermvander:  # r[..., k] = H_k(x)
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, hermite.hermvander, hermite.hermder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, hermite.hermvander, hermite.hermder)
        d[r] = np.expand_dims(d[x], -1) * slopes


@rule(hermite_e.hermevander)
class Hermevander:  # r[..., k] = He_k(x)
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, hermite_e.hermevander, hermite_e.hermeder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, hermite_e.hermevander, hermite_e.hermeder)
        d[r] = np.expand_dims(d[x], -1) * slopes


@rule(laguerre.lagvander)
class Lagvander:  # r[..., k] = L_k(x)
    def adjoint(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, laguerre.lagvander, laguerre.lagder)
        d[x] = np.reshape(np.sum(d[r] * slopes, axis=-1), np.shape(x))

    def tangent(r, x, deg):
        slopes = _rt.vander_slopes(x, deg, laguerre.lagvander, laguerre.lagder)
        d[r] = np.expand_dims(d[x], -1) * slopes


# the derivatives' coefficients: linear maps of c (their adjoints: the matrices transposed)
linear(polynomial.polyder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, polynomial.polyder, m, scl, axis))
linear(chebyshev.chebder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, chebyshev.chebder, m, scl, axis))
linear(legendre.legder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, legendre.legder, m, scl, axis))
linear(hermite.hermder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, hermite.hermder, m, scl, axis))
linear(hermite_e.hermeder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, hermite_e.hermeder, m, scl, axis))
linear(laguerre.lagder, lambda r, c, m=1, scl=1, axis=0:
       _rt.unseries_der(d[r], c, laguerre.lagder, m, scl, axis))
