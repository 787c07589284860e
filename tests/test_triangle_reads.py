"""numpy.linalg's cholesky, eigh and eigvalsh, and scipy.linalg.cholesky, read one triangle of
their matrix (NumPy: the lower one, or ``UPLO``'s; SciPy: the one ``lower`` says).  Their
derivatives were the symmetric ones, right only along symmetric directions: a gradient check of
``f(S)`` at a symmetric parameter ``S`` (random directions) failed, and at a non-symmetric matrix
(autograd's own eigh tests) the gradient was not the function's.  They are now the derivatives
of what is computed from the triangle read (rules/numpy_linalg.py, ``_rt.read_matrix`` /
``_rt.fold_reads``)."""

import numpy as np
import pytest
import scipy.linalg as sla

import tangentish

RS = np.random.RandomState(7)
A = RS.randn(4, 4)
SYMMETRIC = A @ A.T + 4.0 * np.eye(4)
LOPSIDED = SYMMETRIC + np.triu(RS.randn(4, 4), 1)  # (the upper triangle: never read by "L")
LOPSIDED_LOW = SYMMETRIC + np.tril(RS.randn(4, 4), -1)


def eigh_lower(x):
    w, v = np.linalg.eigh(x)
    return np.sum(w ** 2) + np.sum(v[:, 0] * v[:, 1] * np.arange(4.0))


def eigh_upper(x):
    w, v = np.linalg.eigh(x, UPLO="U")
    return np.sum(np.sin(w)) + np.sum(v[1, :] ** 2 * v[:, 2])


def eigvalsh_lower(x):
    return np.sum(np.log(np.linalg.eigvalsh(x)))


def eigvalsh_upper(x):
    return np.sum(np.linalg.eigvalsh(x, "U") ** 3)


def cholesky(x):
    low = np.linalg.cholesky(x)
    return np.sum(low ** 2 * np.arange(16.0).reshape(4, 4)) + np.sum(np.log(np.diag(low)))


def scipy_cholesky_upper(x):
    return np.sum(sla.cholesky(x) ** 2 * np.arange(16.0).reshape(4, 4))


def scipy_cholesky_lower(x):
    return np.sum(np.log(np.diag(sla.cholesky(x, lower=True)))) + np.sum(
        sla.cholesky(x, lower=True)[2:, :2] ** 2)


def batched_eigvalsh(x):
    return np.sum(np.linalg.eigvalsh(np.stack([x, x + np.eye(4)])) ** 2)


CASES = [eigh_lower, eigh_upper, eigvalsh_lower, eigvalsh_upper, cholesky, batched_eigvalsh,
         scipy_cholesky_upper, scipy_cholesky_lower]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("point", ["symmetric", "lopsided"])
@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_one_triangle_is_read(f, point, order):
    upper = f in (eigh_upper, eigvalsh_upper, scipy_cholesky_upper)
    x = SYMMETRIC if point == "symmetric" else LOPSIDED_LOW if upper else LOPSIDED
    tangentish.check_grads(f, (x,), order=order, warn=False)


def test_the_unread_triangle_gets_no_gradient():
    g = tangentish.grad(eigvalsh_lower)(SYMMETRIC)
    assert np.all(np.triu(g, 1) == 0.0)
    inv = np.linalg.inv(SYMMETRIC)  # d/dS sum(log(eig)) = S^-1, folded onto the lower triangle
    np.testing.assert_allclose(g, np.tril(2.0 * inv, -1) + np.diag(np.diag(inv)), rtol=1e-10)
    _, tangent = tangentish.jvp(eigvalsh_lower)(SYMMETRIC, x_dot=np.triu(np.ones((4, 4)), 1))
    assert tangent == 0.0
