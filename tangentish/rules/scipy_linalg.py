"""``scipy.linalg`` (registered only when SciPy is installed and imported; never a dependency):
``solve_triangular`` (every ``trans``, ``lower``, ``unit_diagonal``; a vector or a matrix of right-hand
sides) and ``cholesky`` (upper by default, as SciPy's).  Entries of ``a`` that a triangular solve
does not read get a zero derivative; ``cholesky`` reads a symmetric matrix and gives a symmetric
gradient, as ``np.linalg.cholesky``'s rule does.  ``overwrite_a=``/``overwrite_b=`` are refused at the call.

For ``x = solve_triangular(a, b)``: the adjoint of ``b`` is the solve with the other ``trans``, and
the adjoint of ``a`` is ``-b_bar @ x.T`` (``-x @ b_bar.T`` for the transposed system) on the triangle
``a`` is read from.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.linalg as sla

from ..extend import d, given, rule

# (the rules of _rt.triangle, transposed_if and as_lower are in runtime_families.py)


@rule(sla.solve_triangular)
class SolveTriangular:
    def adjoint(x, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                check_finite=True):
        if given(trans):  # (a keyword whose parameter the call left out would be dropped)
            b_bar = sla.solve_triangular(a, d[x], trans=_rt.other_trans(trans), lower=lower,
                                         unit_diagonal=unit_diagonal)
        else:
            b_bar = sla.solve_triangular(a, d[x], trans=1, lower=lower,
                                         unit_diagonal=unit_diagonal)
        d[b] = b_bar
        d[a] = _rt.triangle(_rt.transposed_if(-(_rt.as_column(b_bar) @ np.swapaxes(
            _rt.as_column(x), -1, -2)), trans), lower, unit_diagonal)

    def tangent(x, a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                check_finite=True):
        d[x] = sla.solve_triangular(a, d[b] - _rt.transposed_if(_rt.triangle(
            d[a], lower, unit_diagonal), trans) @ x, trans=trans, lower=lower,
            unit_diagonal=unit_diagonal)


@rule(sla.cholesky)
class Cholesky:  # as np.linalg.cholesky's rule, on the lower factor
    def adjoint(c, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(c, lower)
        low_t = np.swapaxes(low, -1, -2)
        p = low_t @ _rt.as_lower(d[c], lower)
        phi = np.tril(p) - 0.5 * p * np.eye(np.shape(low)[-1], dtype=low.dtype)
        x = np.linalg.solve(low_t, phi)
        s = np.swapaxes(np.linalg.solve(low_t, np.swapaxes(x, -1, -2)), -1, -2)
        d[a] = 0.5 * (s + np.swapaxes(s, -1, -2))

    def tangent(c, a, lower=False, overwrite_a=False, check_finite=True):
        low = _rt.as_lower(c, lower)
        m = np.linalg.solve(low, np.swapaxes(np.linalg.solve(low, d[a]), -1, -2))
        d[c] = _rt.as_lower(low @ (np.tril(m) - 0.5 * m * np.eye(np.shape(low)[-1],
                                                                   dtype=low.dtype)), lower)
