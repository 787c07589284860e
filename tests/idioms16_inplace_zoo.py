"""In-place and row-by-row code in the idioms16 areas (re-imagined, none copied): HMM tables
filled a row at a time, Kalman covariances updated in place, forces accumulated pair by pair,
Laplacians assembled entry by entry, batched solves and inverses, ``np.fill_diagonal`` and
``out=`` on differentiated arrays, reversed cumulative sums, ``np.put``/``np.copyto``, einsum with
``...``.  ``tests/test_idioms16_inplace.py`` differentiates each in every mode."""

import numpy as np
from scipy.special import logsumexp


def hmm_alpha_table(log_pi, log_A, log_B, obs):
    T, S = len(obs), len(log_pi)
    alpha = np.zeros((T, S))
    alpha[0] = log_pi + log_B[:, obs[0]]
    for t in range(1, T):
        for j in range(S):
            alpha[t, j] = logsumexp(alpha[t - 1] + log_A[:, j]) + log_B[j, obs[t]]
    return logsumexp(alpha[-1])


def hmm_backward(A, B, obs):
    beta = np.ones(len(A))
    for o in obs[:0:-1]:
        beta = A @ (B[:, o] * beta)
    return np.log(np.sum(beta * B[:, obs[0]]) / len(A))


def viterbi_score(log_A, log_B, obs):
    delta = log_B[:, obs[0]].copy()
    for o in obs[1:]:
        delta = np.max(delta[:, None] + log_A, axis=0) + log_B[:, o]
    return delta.max()


def kalman_inplace(P, H, r):
    P = P.copy()
    for h in H:
        S = h @ P @ h + r
        K = P @ h / S
        P -= np.outer(K, h @ P)
    return np.trace(P)


def pair_forces_loop(pos):
    n = len(pos)
    forces = np.zeros_like(pos)
    for i in range(n):
        for j in range(i + 1, n):
            d = pos[i] - pos[j]
            f = d / np.sum(d * d) ** 2
            forces[i] += f
            forces[j] -= f
    return np.sum(forces ** 2)


def laplacian_assembled(w, x, edges):
    n = len(x)
    L = np.zeros((n, n))
    for k, (i, j) in enumerate(edges):
        L[i, i] += w[k]
        L[j, j] += w[k]
        L[i, j] -= w[k]
        L[j, i] -= w[k]
    return x @ L @ x


def batched_solve(A, b):
    M = A @ np.swapaxes(A, -1, -2) + 2 * np.eye(A.shape[-1])
    x = np.linalg.solve(M, b[..., None])[..., 0]
    return np.sum(x ** 2)


def batched_inverse_logdet(A):
    M = A @ np.swapaxes(A, -1, -2) + np.eye(A.shape[-1])
    return np.sum(np.linalg.inv(M)) + np.sum(np.linalg.slogdet(M)[1])


def fill_diagonal_active(X):
    G = X @ X.T
    np.fill_diagonal(G, 0.0)
    return np.sum(np.exp(-G))


def ufunc_out_argument(x):
    buf = np.empty_like(x)
    np.multiply(x, x, out=buf)
    np.add(buf, 1.0, out=buf)
    return np.sum(np.log(buf))


def reversed_cumsum_returns(r, gamma=0.9):
    disc = gamma ** np.arange(len(r))
    G = np.cumsum((r * disc)[::-1])[::-1] / disc
    return np.sum(G ** 2)


def put_and_copyto(x):
    y = np.zeros(5)
    np.copyto(y[:3], x)
    np.put(y, [3, 4], x[:2] * 2.0)
    return np.sum(y ** 3)


def einsum_ellipsis_batch(A, v):
    return np.sum(np.einsum("...ij,...j->...i", A, v) ** 2)


def einsum_trace_diag(A):
    return np.einsum("ii->", A @ A) + np.sum(np.einsum("ii->i", A) ** 2)


def masked_scale_inplace(x):
    y = x * 1.0
    y[y > 0] *= 2.0
    y[y < -0.5] = -0.5
    return np.sum(y ** 2)


def row_normalise_loop(M):
    M = M.copy()
    for i in range(len(M)):
        M[i] /= np.linalg.norm(M[i])
    return np.sum(M @ M.T)


def augmented_dict_update(params, grads_scale):
    new = dict(params)
    for k in new:
        new[k] = new[k] - grads_scale * np.tanh(new[k])
    return sum(np.sum(v ** 2) for v in new.values())


def stack_of_rotations(thetas, v):
    c, s = np.cos(thetas), np.sin(thetas)
    R = np.stack([np.stack([c, -s], axis=-1), np.stack([s, c], axis=-1)], axis=-2)
    return np.sum((R @ v[..., None])[..., 0] ** 2 * np.arange(1, len(thetas) + 1)[:, None])


def triu_pairs_scatter(pos):
    i, j = np.triu_indices(len(pos), 1)
    r = np.linalg.norm(pos[i] - pos[j], axis=1)
    per_atom = np.zeros(len(pos))
    np.add.at(per_atom, i, np.exp(-r))
    np.add.at(per_atom, j, np.exp(-r))
    return np.sum(np.sqrt(per_atom))


def bincount_degree_norm(x, edges):
    deg = np.bincount(edges[:, 0], minlength=len(x)).astype(float)
    msg = np.bincount(edges[:, 0], weights=x[edges[:, 1]], minlength=len(x))
    return np.sum((msg / np.maximum(deg, 1.0) - x) ** 2)


def float32_portfolio(w, cov):
    w = w / w.sum()
    return w @ cov @ w


def copies_of_a_dict_argument(params, x):
    spread = {**params, "x": x}
    copied = params.copy()
    copied["w"] = copied["w"] * 0.5
    new = dict(params, b=spread["b"] + 1.0)
    return np.sum(np.tanh(spread["x"] @ copied["w"] + new["b"]) ** 2) + np.sum(params["w"] ** 2)
