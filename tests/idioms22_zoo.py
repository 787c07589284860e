"""NumPy written the way other projects write it, in forms the earlier zoos do not take: a
safe division by ``np.divide(..., out=, where=)``, scikit-learn's log loss (clipped
probabilities, ``scipy.special.xlogy``) and sample-weighted losses by ``np.average``, quantile
and Huber losses with weights, Himmelblau and Beale by tuple unpacking of a vector, a Kalman
filter's Joseph-form update, an RK4 step that stores its stages in a list, a finite-element
stiffness assembled by ``np.add.at`` with index-array pairs, a Gaussian process predictive mean
by ``scipy.linalg.cho_factor``/``cho_solve``, causal attention by an added ``-inf`` mask, a
Sobel magnitude over a padded image, a total-variation denoiser's energy."""

from __future__ import annotations

import numpy as np
import scipy.linalg
import scipy.special


def safe_ratio_mean(a, b):  # (numpy's documented safe divide: 0 where b is 0)
    r = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    return np.mean(r ** 2)


def sklearn_log_loss(z, y, sample_weight, eps=1e-15):
    p = scipy.special.expit(z)
    p = np.clip(p, eps, 1 - eps)
    loss = -(scipy.special.xlogy(y, p) + scipy.special.xlogy(1 - y, 1 - p))
    return np.average(loss, weights=sample_weight)


def weighted_quantile_loss(pred, target, w, q=0.8):
    diff = target - pred
    loss = np.maximum(q * diff, (q - 1) * diff)
    return np.sum(w * loss) / np.sum(w)


def huber_sample_weight(coef, X, y, sample_weight, epsilon=1.35):
    r = np.abs(y - X @ coef)
    quad = r <= epsilon
    loss = np.where(quad, 0.5 * r ** 2, epsilon * r - 0.5 * epsilon ** 2)
    return np.dot(sample_weight, loss) / sample_weight.sum()


def himmelblau(p):
    x, y = p
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def beale(p):
    x, y = p
    terms = [1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3]
    return sum(t ** 2 for t in terms)


def kalman_joseph(x, P, z, F, H, Q, R):
    x = F @ x
    P = F @ P @ F.T + Q
    S = H @ P @ H.T + R
    K = np.linalg.solve(S.T, (P @ H.T).T).T
    y = z - H @ x
    x = x + K @ y
    I_KH = np.eye(len(x)) - K @ H
    P = I_KH @ P @ I_KH.T + K @ R @ K.T
    return x @ x + np.trace(P)


def rk4_stages(y0, k, h=0.1, steps=5):
    def f(y):
        return np.array([y[1], -k * np.sin(y[0])])

    y = y0
    for _ in range(steps):
        ks = [f(y)]
        for c in (0.5, 0.5, 1.0):
            ks.append(f(y + c * h * ks[-1]))
        y = y + h / 6 * (ks[0] + 2 * ks[1] + 2 * ks[2] + ks[3])
    return y


def fem_bar_assembly(E, nodes):
    n = len(nodes)
    elements = np.stack([np.arange(n - 1), np.arange(1, n)], axis=1)
    K = np.zeros((n, n))
    lengths = np.diff(nodes)
    ke = (E / lengths)[:, None, None] * np.array([[1.0, -1.0], [-1.0, 1.0]])
    rows = np.repeat(elements, 2, axis=1).reshape(-1, 2, 2)
    cols = np.tile(elements, (1, 2)).reshape(-1, 2, 2)
    np.add.at(K, (rows, cols), ke)
    f = np.ones(n)
    u = np.linalg.solve(K[1:, 1:], f[1:])
    return f[1:] @ u


def gp_cho_mean(log_ell, X, y, Xs, noise=1e-2):
    ell = np.exp(log_ell)
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = np.exp(-0.5 * d2 / ell ** 2) + noise * np.eye(len(X))
    c, lower = scipy.linalg.cho_factor(K)
    alpha = scipy.linalg.cho_solve((c, lower), y)
    ks = np.exp(-0.5 * np.sum((Xs[:, None, :] - X[None, :, :]) ** 2, axis=-1) / ell ** 2)
    return ks @ alpha


def causal_attention(x, Wq, Wk, Wv):
    q, k, v = x @ Wq, x @ Wk, x @ Wv
    T = x.shape[0]
    scores = q @ k.T / np.sqrt(q.shape[-1])
    scores = scores + np.triu(np.full((T, T), -np.inf), k=1)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w /= w.sum(axis=-1, keepdims=True)
    return w @ v


def sobel_magnitude(img):
    p = np.pad(img, 1, mode="edge")
    gx = (p[1:-1, 2:] - p[1:-1, :-2]) * 2 + (p[:-2, 2:] - p[:-2, :-2]) + (p[2:, 2:] - p[2:, :-2])
    gy = (p[2:, 1:-1] - p[:-2, 1:-1]) * 2 + (p[2:, :-2] - p[:-2, :-2]) + (p[2:, 2:] - p[:-2, 2:])
    return np.sum(np.hypot(gx, gy))


def tv_denoise_energy(u, f, lam=0.1, eps=1e-8):
    dx = np.diff(u, axis=1, append=u[:, -1:])
    dy = np.diff(u, axis=0, append=u[-1:, :])
    return 0.5 * np.sum((u - f) ** 2) + lam * np.sum(np.sqrt(dx ** 2 + dy ** 2 + eps))
