"""NumPy written the way other projects write it (part six): views, writes and decompositions:
a write through a slice's view of a copy, ``ndarray.sort`` in place, ``out=``, ``np.fill_diagonal``
before ``np.linalg.inv``, ``.flat`` strides, a closure over the argument, ``sorted(zip(...))``,
``np.where(cond)[0]`` and ``np.argmax`` indices, ``x[..., None]``, ``@=``, QR least squares with
``solve_triangular``, a truncated SVD, ``eigvalsh``, the reparameterization trick with a seeded
generator made in the function, ``np.sum(where=)``, standardization with ``ddof=1``,
``np.cov``/``np.corrcoef`` of columns, ``np.nanmean`` over data with NaN, ``np.isfinite``
guards, a nested dict of layers under ``wrt``, ``scipy.optimize.brentq`` of a parameter."""

from __future__ import annotations

import numpy as np
from scipy import linalg, optimize


def view_write(x):
    y = x.copy()
    tail = y[1:]
    tail *= 2.0
    return np.sum(y ** 2 * np.arange(1, x.size + 1))


def inplace_sort(x):
    s = x.copy()
    s.sort()
    return s[-1] - s[0] + np.sum(s[:2] ** 2)


def out_argument(a, b):
    c = np.empty_like(a)
    np.multiply(a, b, out=c)
    return np.sum(np.exp(c))


def fill_diagonal_inv(A):
    M = A @ A.T
    np.fill_diagonal(M, np.diag(M) + 1.0)
    return np.trace(np.linalg.inv(M))


def flat_strides(A):
    B = A.copy()
    B.flat[::4] = 0.0
    return np.sum(B ** 2) + np.sum(A.flat[1::3])


def gp_flat_noise(log_sn, X, y):
    n = X.shape[0]
    K = np.exp(-0.5 * np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1))
    K.flat[::n + 1] += np.exp(2.0 * log_sn)
    L = np.linalg.cholesky(K)
    alpha = linalg.cho_solve((L, True), y)
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L)))


def flat_forms(x, v):
    A = np.outer(x, x)
    A.flat[[1, 5, 6]] = v[:3]
    A.flat[A.ravel() > 0.5] *= 0.5
    A.flat[2] = v[0] * v[1]
    A.flat[3:7] = v[:2]  # (two values over four positions: repeated, as np.put repeats them)
    return np.sum(A ** 2)


def flat_parameter_write(x, v):  # (x under wrt: the caller's array stays as it was)
    x.flat[::2] = v[1:3] * x[1]
    return np.sum(np.sin(x)) * x[1]


def closure_over_arg(x):
    def g(v):
        return np.sin(v) * x[0]

    return sum(g(v) for v in x)


def sorted_pairs(scores, values):
    ranked = sorted(zip(scores, values), key=lambda p: p[0], reverse=True)  # noqa: B905
    return sum((i + 1) * v for i, (_, v) in enumerate(ranked[:2]))


def where_indices(x):
    idx = np.where(x > 0)[0]
    best = np.argmax(x)
    return np.sum(x[idx] ** 2) + x[best] * x[0]


def ellipsis_none(X):
    outer = X[..., None] * X[..., None, :]
    return np.sum(np.tanh(outer))


def matmul_inplace(A, B):
    C = A.copy()
    C @= B
    return np.sum(C ** 2)


def qr_least_squares(A, b):
    Q, R = np.linalg.qr(A)
    coef = linalg.solve_triangular(R, Q.T @ b)
    return np.sum(coef ** 2)


def truncated_svd_error(A, k=1):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    A_k = (U[:, :k] * s[:k]) @ Vt[:k]
    return np.sum((A - A_k) ** 2)


def spectral_gap(S):
    w = np.linalg.eigvalsh(S + S.T)
    return w[-1] - w[-2]


def reparameterized(mu, log_sigma):
    rng = np.random.default_rng(0)
    eps = rng.standard_normal(mu.shape)
    z = mu + np.exp(log_sigma) * eps
    kl = 0.5 * np.sum(np.exp(2 * log_sigma) + mu ** 2 - 1.0 - 2 * log_sigma)
    return np.sum(z ** 2) + kl


def sum_where(x, mask):
    return np.sum(x ** 2, where=mask) + np.max(x, where=mask, initial=-np.inf)


def standardized(X):
    Z = (X - X.mean(axis=0, keepdims=True)) / X.std(axis=0, ddof=1, keepdims=True)
    return np.sum(Z[:, 0] * Z[:, 1])


def cov_corr(X):
    C = np.cov(X.T)
    R = np.corrcoef(X, rowvar=False)
    return np.trace(C) + np.sum(R ** 2)


def nanmean_data(w, data):
    pred = data * w[0] + w[1]
    return np.nanmean((pred - 1.0) ** 2)


def isfinite_guard(x):
    y = np.log(np.abs(x))
    if not np.all(np.isfinite(y)):
        return np.inf
    return np.sum(y ** 2)


def nested_layers(params, x):
    h = x
    for layer in params["layers"]:
        h = np.tanh(h @ layer["W"] + layer["b"])
    return np.sum(h ** 2)


def brentq_root(a):
    root = optimize.brentq(lambda t: t ** 3 + a * t - 1.0, 0.0, 2.0)
    return root ** 2
