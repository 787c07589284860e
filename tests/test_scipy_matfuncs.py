"""``scipy.linalg.logm``'s derivative (tangentish/rules/scipy_matfuncs.py: the corner of the
logarithm of a block matrix) against an independent reference, the inverse of the exponential's
Frechet operator at ``log A`` (``exp(log A) = A``: ``L_log(A, .) = L_exp(log A, .)^-1``, Higham,
*Functions of Matrices*, 2008, (3.8)), to 1e-10, without the "logm result may be inaccurate"
warning a large direction makes SciPy give (the table row, tests/rules/scipy_linalg_more.py,
checks it against finite differences, which are good to ~1e-7 only)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import tangentish

sla = pytest.importorskip("scipy.linalg")


def _logm(a):
    return sla.logm(a)


def _reference(a: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``L_log(a, e)``: the ``x`` with ``L_exp(log a, x) = e``, solved column by column of the
    exponential's Frechet operator (``n**2`` unknowns)."""
    n = a.shape[0]
    log_a = sla.logm(a)
    columns = [sla.expm_frechet(log_a, unit.reshape(n, n), compute_expm=False).ravel()
               for unit in np.eye(n * n)]
    return np.linalg.solve(np.stack(columns, axis=1), e.ravel()).reshape(n, n)


MATRICES = {  # (a non-normal one, whose block matrix with a large direction SciPy warns about;
    # eigenvalues 1 and 1 + 1e-6 apart, whose divided difference the block trick must not lose)
    "non-normal-close": np.array([[1.0, 50.0, 0.0], [0.0, 1.0 + 1e-6, 50.0], [0.0, 0.0, 3.0]]),
}


@pytest.mark.parametrize("name", sorted(MATRICES))
def test_logm_derivative_to_1e_10(name: str) -> None:
    a = MATRICES[name]
    e = 30.0 * np.random.default_rng(7).standard_normal((3, 3))  # (large beside a)
    expected = _reference(a, e)
    g = np.random.default_rng(8).standard_normal((3, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (no "may be inaccurate": the direction is scaled)
        _, tangent = tangentish.jvp(_logm)(a, a_dot=e)
        cotangent = tangentish.vjp(_logm)(a)[1](g)
    scale = np.max(np.abs(expected))
    np.testing.assert_allclose(tangent, expected, rtol=0, atol=1e-10 * scale)
    # the adjoint: <g, L(a, e)> = <L*(a, g), e>, for this e and g
    assert abs(np.sum(cotangent * e) - np.sum(g * expected)) <= 1e-10 * scale * np.sum(np.abs(g))
