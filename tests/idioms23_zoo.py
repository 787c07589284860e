"""NumPy written the way other projects write it, in forms the earlier zoos do not take:
scikit-learn's kernels by ``np.einsum`` (RBF, Matern 3/2, a rational quadratic), ridge by
``np.linalg.solve`` of the normal equations, statsmodels' likelihoods (``np.log1p``,
``np.logaddexp``, ``gammaln``: a zero-inflated Poisson, a beta-binomial, a negative binomial),
scipy.signal's filters by hand (``np.convolve``, ``np.diff``, ``np.cumsum``, an IIR loop),
physics (velocity Verlet, pairwise distances by ``x[:, None, :] - x[None]`` over
``np.triu_indices``), optimisation inner loops (``while`` with a tolerance, ``for ... break``),
pandas-free groupby (``np.bincount``, ``np.add.at``), masked means (``np.nanmean``, boolean
masks), ``slogdet``/``cholesky``/``qr``, quantile losses by ``np.sort``/``np.partition``, and
Python's parameter containers (dict, NamedTuple, dataclass, keyword defaults, helpers calling
helpers, in-place updates on slices)."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
import scipy.special

# --- scikit-learn style kernels and losses ---


def rbf_einsum(X, Y, gamma=0.5):
    XX = np.einsum("ij,ij->i", X, X)
    YY = np.einsum("ij,ij->i", Y, Y)
    d2 = XX[:, None] + YY[None, :] - 2.0 * np.einsum("ik,jk->ij", X, Y)
    K = np.exp(-gamma * np.maximum(d2, 0.0))
    return K.sum()


def matern32_kernel(X, length_scale):
    diff = X[:, None, :] - X[None, :, :]
    d = np.sqrt(np.sum(diff ** 2, axis=-1) + 1e-12) / length_scale
    K = (1.0 + np.sqrt(3.0) * d) * np.exp(-np.sqrt(3.0) * d)
    return np.trace(K @ K) / K.shape[0]


def rational_quadratic(X, alpha=1.5, length_scale=0.8):
    sq = np.einsum("ijk->ij", (X[:, None, :] - X[None]) ** 2)
    K = (1.0 + sq / (2.0 * alpha * length_scale ** 2)) ** -alpha
    return np.linalg.slogdet(K + 0.1 * np.eye(len(X)))[1]


def ridge_closed_form(X, y, alpha):
    n_features = X.shape[1]
    A = X.T @ X + alpha * np.eye(n_features)
    coef = np.linalg.solve(A, X.T @ y)
    resid = y - X @ coef
    return resid @ resid + alpha * coef @ coef


def log_loss_clipped(coef, X, y, eps=1e-15):
    p = 1.0 / (1.0 + np.exp(-(X @ coef)))
    p = np.clip(p, eps, 1.0 - eps)
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


def hinge_squared_l2(w, b, X, y, C=1.0):
    margins = y * (X @ w + b)
    losses = np.maximum(0.0, 1.0 - margins) ** 2
    return 0.5 * np.dot(w, w) + C * losses.sum()


def multinomial_logistic(W, X, labels):
    Z = X @ W
    Z -= Z.max(axis=1, keepdims=True)
    log_prob = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    return -log_prob[np.arange(len(labels)), labels].mean()


# --- statsmodels style likelihoods ---


def zip_loglik(params, counts):
    log_lam, logit_pi = params
    lam = np.exp(log_lam)
    pi = scipy.special.expit(logit_pi)
    zero = counts == 0
    ll_zero = np.log(pi + (1.0 - pi) * np.exp(-lam))
    ll_pos = np.log1p(-pi) + counts * log_lam - lam - scipy.special.gammaln(counts + 1.0)
    return np.sum(np.where(zero, ll_zero, ll_pos))


def negbin2_loglik(beta, alpha, X, y):
    mu = np.exp(X @ beta)
    size = 1.0 / alpha
    ll = (scipy.special.gammaln(y + size) - scipy.special.gammaln(size)
          - scipy.special.gammaln(y + 1.0) + size * np.log(size / (size + mu))
          + y * np.log(mu / (size + mu)))
    return -ll.sum()


def beta_binomial_loglik(a, b, k, n):
    betaln = scipy.special.betaln
    ll = scipy.special.gammaln(n + 1) - scipy.special.gammaln(k + 1) \
        - scipy.special.gammaln(n - k + 1) + betaln(k + a, n - k + b) - betaln(a, b)
    return ll.sum()


def logit_logaddexp(beta, X, y):
    eta = X @ beta
    return np.sum(np.logaddexp(0.0, eta) - y * eta)


def probit_loglik(beta, X, y):
    q = 2.0 * y - 1.0
    return np.sum(scipy.special.log_ndtr(q * (X @ beta)))


def ar1_exact_loglik(phi, sigma2, x):
    e = x[1:] - phi * x[:-1]
    n = len(x)
    ll = -0.5 * n * np.log(2 * np.pi * sigma2) + 0.5 * np.log1p(-phi ** 2)
    ll -= 0.5 * (x[0] ** 2 * (1 - phi ** 2) + e @ e) / sigma2
    return ll


# --- scipy.signal / astropy style filtering ---


def boxcar_smooth_diff(x, width=3):
    kernel = np.ones(width) / width
    smooth = np.convolve(x, kernel, mode="same")
    return np.sum(np.diff(smooth) ** 2)


def lfilter_loop(b, a, x):
    y = np.zeros_like(x)
    for n in range(len(x)):
        acc = 0.0
        for k in range(len(b)):
            if n - k >= 0:
                acc += b[k] * x[n - k]
        for k in range(1, len(a)):
            if n - k >= 0:
                acc -= a[k] * y[n - k]
        y[n] = acc / a[0]
    return np.sum(y ** 2)


def cumsum_moving_average(x, w=3):
    c = np.cumsum(np.insert(x, 0, 0.0))
    ma = (c[w:] - c[:-w]) / w
    return np.sum((x[w - 1:] - ma) ** 2)


def savgol_like(x):
    coeffs = np.array([-3.0, 12.0, 17.0, 12.0, -3.0]) / 35.0
    padded = np.pad(x, 2, mode="edge")
    smooth = np.correlate(padded, coeffs, mode="valid")
    return np.mean((smooth - x) ** 2) + np.sum(np.abs(np.diff(smooth, n=2)))


def exponential_smoothing(alpha, x):
    level = x[0]
    sse = 0.0
    for t in range(1, len(x)):
        err = x[t] - level
        sse += err ** 2
        level = level + alpha * err
    return sse


# --- physics ---


def velocity_verlet_spring(q0, p0, k, dt=0.05, steps=20):
    q, p = q0.copy(), p0.copy()
    f = -k * q
    for _ in range(steps):
        p += 0.5 * dt * f
        q += dt * p
        f = -k * q
        p += 0.5 * dt * f
    return 0.5 * np.sum(p ** 2) + 0.5 * k * np.sum(q ** 2) + q[0]


def pair_energy_triu(x, sigma=1.0):
    diff = x[:, None, :] - x[None]
    r = np.sqrt((diff ** 2).sum(-1) + np.eye(len(x)))
    i, j = np.triu_indices(len(x), k=1)
    sr6 = (sigma / r[i, j]) ** 6
    return np.sum(4.0 * (sr6 ** 2 - sr6))


def gravity_leapfrog(pos, vel, mass, dt=0.01, steps=5):
    for _ in range(steps):
        d = pos[None, :, :] - pos[:, None, :]
        r3 = (np.sum(d * d, axis=-1) + 0.1) ** 1.5
        acc = np.einsum("ijk,ij,j->ik", d, 1.0 / r3, mass)
        vel = vel + 0.5 * dt * acc
        pos = pos + dt * vel
        d = pos[None, :, :] - pos[:, None, :]
        r3 = (np.sum(d * d, axis=-1) + 0.1) ** 1.5
        vel = vel + 0.5 * dt * np.einsum("ijk,ij,j->ik", d, 1.0 / r3, mass)
    return np.sum(pos[:, 0]) + 0.5 * np.sum(mass[:, None] * vel ** 2)


def spring_chain_energy(x, k, rest=1.0):
    seg = np.linalg.norm(np.diff(x, axis=0), axis=1)
    return 0.5 * np.sum(k * (seg - rest) ** 2)


# --- optimisation inner loops ---


def gd_until_tol(w0, A, b, lr=0.1, tol=1e-8, max_iter=200):
    w = w0
    it = 0
    delta = np.inf
    while delta > tol and it < max_iter:
        g = A @ w - b
        w_new = w - lr * g
        delta = np.max(np.abs(w_new - w))
        w = w_new
        it += 1
    return 0.5 * w @ A @ w - b @ w


def newton_sqrt_break(c, iters=30):
    x = c
    for _ in range(iters):
        x_next = 0.5 * (x + c / x)
        if abs(x_next - x) < 1e-14:
            x = x_next
            break
        x = x_next
    return x


def momentum_steps(theta, X, y, lr=0.05, beta=0.9, steps=8):
    v = np.zeros_like(theta)
    for _ in range(steps):
        grad = X.T @ (X @ theta - y) / len(y)
        v = beta * v + grad
        theta = theta - lr * v
    return np.sum((X @ theta - y) ** 2)


# --- pandas-free groupby, masked means ---


def groupby_mean_bincount(values, groups, n_groups=3):
    sums = np.bincount(groups, weights=values, minlength=n_groups)
    counts = np.bincount(groups, minlength=n_groups)
    means = sums / np.maximum(counts, 1)
    return np.sum((values - means[groups]) ** 2)


def groupby_add_at(values, groups, n_groups=3):
    totals = np.zeros(n_groups)
    np.add.at(totals, groups, values)
    sq = np.zeros(n_groups)
    np.add.at(sq, groups, values ** 2)
    return np.sum(sq - totals ** 2 / 4.0)


def nanmean_loss(pred, target):
    err = (pred - target) ** 2
    return np.nanmean(err)


def masked_mean_bool(x, threshold=0.0):
    mask = x > threshold
    kept = x[mask]
    return np.sum(kept ** 2) / max(mask.sum(), 1) + np.mean(np.where(mask, 0.0, x))


# --- linear algebra ---


def gaussian_nll_cholesky(mu, L_flat, X):
    d = len(mu)
    L = np.zeros((d, d))
    L[np.tril_indices(d)] = L_flat
    cov = L @ L.T + 0.5 * np.eye(d)
    C = np.linalg.cholesky(cov)
    Z = np.linalg.solve(C, (X - mu).T)
    return 0.5 * np.sum(Z ** 2) + X.shape[0] * np.sum(np.log(np.diag(C)))


def qr_least_squares(A, b):
    Q, R = np.linalg.qr(A)
    x = np.linalg.solve(R, Q.T @ b)
    return np.sum((A @ x - b) ** 2) + np.sum(x ** 2)


def slogdet_sign_logdet(A):
    sign, logdet = np.linalg.slogdet(A @ A.T + np.eye(len(A)))
    return sign * logdet


# --- quantile losses by sorting ---


def sorted_trimmed_mean(x, trim=1):
    s = np.sort(x)
    return np.mean(s[trim:len(s) - trim] ** 2)


def partition_median_abs(x):
    k = len(x) // 2
    part = np.partition(np.abs(x - x.mean()), k)
    return part[k]


def argsort_ranked_loss(scores, target):
    order = np.argsort(-target)
    s = scores[order]
    discounts = 1.0 / np.log2(np.arange(2, len(s) + 2))
    return np.sum(discounts * np.log1p(np.exp(-s)))


def quantile_pinball_sorted(pred, y, taus=(0.1, 0.5, 0.9)):
    total = 0.0
    preds = np.sort(pred)
    for tau, p in zip(taus, preds, strict=True):
        r = y - p
        total = total + np.mean(np.maximum(tau * r, (tau - 1.0) * r))
    return total


# --- parameter containers, defaults, helpers ---


class Params(NamedTuple):
    w: np.ndarray
    b: float


@dataclasses.dataclass
class Layer:
    W: np.ndarray
    c: np.ndarray


def _affine(p, x):
    return x @ p.w + p.b


def _softplus(z):
    return np.logaddexp(0.0, z)


def _predict(p, x):
    return _softplus(_affine(p, x))


def namedtuple_poisson(p, X, y):
    rate = _predict(p, X)
    return np.sum(rate - y * np.log(rate))


def dataclass_mlp(layer, X, y):
    h = np.tanh(X @ layer.W)
    out = h @ layer.c
    return np.mean((out - y) ** 2)


def dict_params_mlp(params, X):
    h = X
    for name in ("l1", "l2"):
        h = np.tanh(h @ params[name]["W"] + params[name]["b"])
    return np.sum(h ** 2)


def tuple_list_params(layers, x):
    for W, b in layers:
        x = np.maximum(x @ W + b, 0.0) + 0.1 * (x @ W + b)
    return x.sum()


def inplace_slices(x, scale):
    y = x.copy()
    y[1:] += scale * y[:-1]
    y[::2] *= 0.5
    y[-2:] -= np.clip(y[:2], -0.5, 0.5)
    return y @ y


def matmul_chain(A, B, x):
    return x @ A @ B @ A.T @ x
