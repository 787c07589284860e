"""Linear algebra as outside code writes it (re-imagined, none copied): ``slogdet``, Cholesky
solves (NumPy and SciPy), ``qr``, SVD-based norms, ``lstsq``, ``pinv``, ``eigh``, matrix
functions by eigendecomposition, the Mahalanobis distance, ridge regression in closed form,
Gram-Schmidt by hand, power iteration, Procrustes.
``tests/test_idioms16_linalg.py`` differentiates each in every mode."""

import numpy as np
import scipy.linalg as sla


def _spd(A):
    return A @ A.T + len(A) * np.eye(len(A))


def slogdet_spd(A):
    sign, logdet = np.linalg.slogdet(_spd(A))
    return sign * logdet


def slogdet_tuple_index(A):
    return np.linalg.slogdet(_spd(A))[1]


def slogdet_attribute(A):
    return np.linalg.slogdet(_spd(A)).logabsdet


def cholesky_solve_manual(A, b):
    L = np.linalg.cholesky(_spd(A))
    y = np.linalg.solve(L, b)
    x = np.linalg.solve(L.T, y)
    return x @ b


def scipy_cho_solve(A, b):
    c, low = sla.cho_factor(_spd(A))
    x = sla.cho_solve((c, low), b)
    return np.sum(x ** 2)


def scipy_solve_triangular(A, b):
    L = np.linalg.cholesky(_spd(A))
    z = sla.solve_triangular(L, b, lower=True)
    return z @ z


def gaussian_logpdf_chol(x, mu, A):
    L = np.linalg.cholesky(_spd(A))
    z = np.linalg.solve(L, x - mu)
    return -0.5 * z @ z - np.sum(np.log(np.diag(L))) - 0.5 * len(x) * np.log(2 * np.pi)


def mahalanobis(x, mu, A):
    S = _spd(A)
    d = x - mu
    return np.sqrt(d @ np.linalg.inv(S) @ d)


def qr_r_diag(A):
    Q, R = np.linalg.qr(A)
    return np.sum(np.log(np.abs(np.diag(R))))


def qr_least_squares(A, b):
    Q, R = np.linalg.qr(A)
    x = np.linalg.solve(R, Q.T @ b)
    return np.sum(x ** 2)


def nuclear_norm(A):
    return np.sum(np.linalg.svd(A, compute_uv=False))


def spectral_norm_svd(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s[0]


def norm_ord_nuc(A):
    return np.linalg.norm(A, "nuc") + np.linalg.norm(A, 2)


def frobenius_variants(A):
    return np.linalg.norm(A) + np.linalg.norm(A, "fro") ** 2 + np.sqrt(np.trace(A.T @ A))


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()


def svd_low_rank(A, k=1):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    approx = U[:, :k] * s[:k] @ Vt[:k]
    return np.sum((A - approx) ** 2)


def lstsq_fit(X, y):
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.sum((X @ coef - y) ** 2) + coef @ coef


def lstsq_index(X, y):
    sol = np.linalg.lstsq(X, y, rcond=None)
    return np.sum(sol[0] ** 2)


def pinv_projection(X, y):
    P = X @ np.linalg.pinv(X)
    return y @ P @ y


def ridge_closed_form(X, y, lam):
    d = X.shape[1]
    w = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
    return np.mean((X @ w - y) ** 2)


def eigh_matrix_exp(A):
    w, V = np.linalg.eigh(A + A.T)
    expS = V @ np.diag(np.exp(0.1 * w)) @ V.T
    return np.trace(expS)


def eigh_top(A):
    w, V = np.linalg.eigh(A @ A.T)
    return w[-1] + np.sum(V[:, -1] ** 4)


def gram_schmidt(A):  # the modified form: each projection taken off the current remainder
    basis = []
    for col in A.T:
        v = col
        for q in basis:
            v = v - (q @ v) * q
        basis.append(v / np.sqrt(v @ v))
    Q = np.column_stack(basis)
    return np.sum(Q * np.arange(Q.size).reshape(Q.shape))


def power_iteration(A, iters=30):
    S = A @ A.T
    v = np.ones(len(S)) / np.sqrt(len(S))
    for _ in range(iters):
        v = S @ v
        v /= np.linalg.norm(v)
    return v @ S @ v


def procrustes(A, B):
    U, _, Vt = np.linalg.svd(A.T @ B)
    R = U @ Vt
    return np.sum((A @ R - B) ** 2)


def det_inverse_identity(A):
    M = A + 3 * np.eye(len(A))
    return np.linalg.det(M) * np.sum(np.linalg.inv(M))


def matrix_power_trace(A):
    return np.trace(np.linalg.matrix_power(A, 3))


def kron_trace(A, B):
    return np.trace(np.kron(A, B) @ np.kron(B, A).T)


def multi_dot_chain(A, B, C):
    return np.sum(np.linalg.multi_dot([A, B, C]) ** 2)


def whitening(X):
    Xc = X - X.mean(0)
    C = Xc.T @ Xc / len(X) + 0.1 * np.eye(X.shape[1])
    w, V = np.linalg.eigh(C)
    W = V @ np.diag(w ** -0.5) @ V.T
    return np.sum((Xc @ W)[:, 0] * X[:, 1])


def cholesky_update_loop(A):
    S = _spd(A)
    L = np.linalg.cholesky(S)
    logdet = 0.0
    for i in range(len(L)):
        logdet += 2 * np.log(L[i, i])
    return logdet


def scipy_expm(A):
    return np.sum(sla.expm(0.3 * A))


def scipy_lu_solve(A, b):
    lu, piv = sla.lu_factor(A + 3 * np.eye(len(A)))
    return np.sum(sla.lu_solve((lu, piv), b) ** 2)


def trace_inverse_quadratic(A, B):
    S = _spd(A)
    return np.trace(np.linalg.solve(S, B) @ B.T)


def vector_norms(x):
    return np.linalg.norm(x, 1) + np.linalg.norm(x, np.inf) + np.linalg.norm(x, 3)


def row_normalised_gram(X):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    G = Xn @ Xn.T
    return np.sum(np.triu(G, 1) ** 2)


def svd_named_fields(A):
    res = np.linalg.svd(A)
    return res.S[0] / res.S[-1] + np.sum(res.U[:, 0] ** 4) + np.sum(res.Vh[0] ** 4)


def eigh_named_fields(A):
    S = A @ A.T
    return np.linalg.eigh(S).eigenvalues[-1] + np.sum(np.linalg.eigh(S).eigenvectors[:, 0] ** 4)


def qr_named_fields(A):
    qr = np.linalg.qr(A)
    return np.sum(qr.Q ** 3) + np.sum(np.abs(np.diag(qr.R)))


def slogdet_sign_times(A):
    res = np.linalg.slogdet(A + 3 * np.eye(len(A)))
    return res.sign * res.logabsdet
