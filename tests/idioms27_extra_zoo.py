"""NumPy written the way people write it, in forms the earlier zoos do not take (part four):
statistics and numerics: a bootstrap by a 2-D index array of fixed draws, a spectral gap of a
normalized Laplacian (``np.fill_diagonal``, ``np.outer``, ``eigvalsh``), a pair energy over
``itertools.combinations``, kernel PCA's explained variance by ``eigh`` of a centred kernel,
Gauss-Newton steps by ``step, *_ = np.linalg.lstsq(...)``, a particle filter resampled by
``np.searchsorted`` of ``np.cumsum`` (indices held), pairs by ``np.triu_indices``, discounting
over ``reversed(list(enumerate(...)))``, columns by ``zip(*M)``, an ``np.interp`` table; writes
people make: overlapping augmented slices of a copy, ``out[...] = x``, a dict comprehension of
copies written through ``p["W"][:, 0] -= ...``, ``np.sort(x)[::-1][:k]``, ``float(row.sum())`` in
a loop, batched ``solve`` with ``[..., None]``, ``np.copyto(where=)``, ``y = x`` then ``y = y *
2`` then ``y += 1``, ``np.where`` with a scalar branch, a running normalisation into
``np.empty_like``, rows normalized and subtracted in place."""

from __future__ import annotations

import itertools

import numpy as np


def bootstrap_se(x, n_boot=8):
    rng = np.random.default_rng(3)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    means = x[idx].mean(axis=1)
    return means.std(ddof=1)


def spectral_gap(points, bandwidth=1.0):
    d2 = ((points[:, None, :] - points[None, :, :]) ** 2).sum(-1)
    W = np.exp(-d2 / (2 * bandwidth ** 2))
    np.fill_diagonal(W, 0.0)
    deg = W.sum(axis=1)
    L = np.eye(len(points)) - W / np.sqrt(np.outer(deg, deg))
    vals = np.linalg.eigvalsh(L)
    return vals[1] - vals[0] + 0.1 * vals[-1]


def combination_energy(pos):
    energy = 0.0
    for i, j in itertools.combinations(range(len(pos)), 2):
        r = np.linalg.norm(pos[i] - pos[j])
        energy += 1.0 / r ** 12 - 2.0 / r ** 6
    return energy


def kernel_pca_variance(X, gamma=0.5, k=2):
    sq = np.sum(X ** 2, axis=1)
    K = np.exp(-gamma * (sq[:, None] + sq[None, :] - 2 * X @ X.T))
    n = len(X)
    H = np.eye(n) - np.ones((n, n)) / n
    vals = np.linalg.eigh(H @ K @ H)[0]
    return vals[-k:].sum() / np.trace(H @ K @ H)


def gauss_newton(theta0, t, y, iters=4):
    theta = theta0.copy()
    for _ in range(iters):
        a, b = theta
        pred = a * np.exp(-b * t)
        J = np.stack([np.exp(-b * t), -a * t * np.exp(-b * t)], axis=1)
        step, *_ = np.linalg.lstsq(J, y - pred, rcond=None)
        theta = theta + step
    return np.sum((theta[0] * np.exp(-theta[1] * t) - y) ** 2) + theta @ theta


def particle_weights(log_lik_scale, obs):
    rng = np.random.default_rng(5)
    particles = rng.normal(size=20)
    total = 0.0
    for y in obs:
        logw = -0.5 * log_lik_scale * (y - particles) ** 2
        w = np.exp(logw - logw.max())
        total += np.log(w.mean()) + logw.max()
        w /= w.sum()
        u = (np.arange(20) + 0.5) / 20
        idx = np.searchsorted(np.cumsum(w), u)
        particles = particles[np.minimum(idx, 19)] + 0.1
    return total


def triu_pairs(scores):
    i, j = np.triu_indices(len(scores), k=1)
    margins = scores[i] - scores[j]
    return np.sum(np.log1p(np.exp(-margins)))


def reversed_discount(rewards, gamma=0.95):
    ret = 0.0
    out = np.zeros_like(rewards)
    for t, r in reversed(list(enumerate(rewards))):
        ret = r + gamma * ret
        out[t] = ret
    return np.sum(out ** 2) / len(out)


def zip_star_rows(M):
    cols = [np.array(c) for c in zip(*M, strict=True)]
    return sum(np.prod(c) for c in cols)


def lookup_interp(dose, t):
    t_tab = np.array([0.0, 1.0, 2.0, 4.0, 8.0])
    c_tab = np.array([0.0, 0.8, 1.0, 0.6, 0.2])
    return np.sum(dose * np.interp(t, t_tab, c_tab) ** 2)


def overlap_slices(x):
    y = x.copy()
    y[::2] += y[1::2] if len(y) % 2 == 0 else np.append(y[1::2], 0.0)
    y[1:] -= 0.5 * y[:-1]
    return np.sum(y ** 2)


def ellipsis_write(x):
    out = np.empty((2, len(x)))
    out[...] = x
    out[1, ...] *= 3.0
    return np.sum(out ** 2)


def dict_value_inplace(params, x):
    p = {k: v.copy() for k, v in params.items()}
    p["W"][:, 0] -= 0.1 * x
    p["b"] += p["W"].sum(axis=0)
    return np.sum(np.tanh(x @ p["W"] + p["b"]))


def topk_sorted(x, k=3):
    return np.sum(np.sort(x)[::-1][:k] ** 2)


def float_loop(x):
    total = 0.0
    for row in x:
        s = float(row.sum())
        total += s * np.sum(row ** 2)
    return total


def batched_solve(A, b):
    M = A @ np.swapaxes(A, -1, -2) + np.eye(A.shape[-1])
    sol = np.linalg.solve(M, b[..., None])[..., 0]
    return np.sum(sol ** 2)


def copyto_mask(x):
    y = np.zeros_like(x)
    np.copyto(y, x ** 2, where=x > 0)
    return np.sum(y * x)


def param_alias_inplace(x):
    y = x
    y = y * 2.0
    y += 1.0
    return np.sum(y ** 2)


def where_broadcast_scalar(x, t):
    return np.sum(np.where(x > 0, t * x, t ** 2))


def running_norm(x):
    out = np.empty_like(x)
    acc = 0.0
    for i in range(len(x)):
        acc = acc + x[i] ** 2
        out[i] = x[i] / np.sqrt(acc + 1.0)
    return out


def matrix_inplace_rows(W):
    W = W.copy()
    for i in range(W.shape[0]):
        W[i] /= np.linalg.norm(W[i])
        W[i:] -= 0.1 * W[i]
    return np.sum(W @ W.T)
