"""NumPy written the way other projects write it (idioms30, part five): the same domains by
their less common spellings: ``np.divide(..., out=, where=)`` guards, ``scores[mask] =
-1e9`` masked fills, ``np.subtract.at``/2-D ``np.add.at``, inverse permutations built by
``inv[order] = np.arange(n)``, ``np.percentile(method=)``, ``np.interp(left=, right=,
period=)``, ``np.searchsorted(side='right')``, ``np.diff(n=2, append=)``, Cholesky-based
Kalman updates through ``scipy.linalg``, ``scipy.stats`` log-densities of other families,
``np.fft.fftshift``/``ifft``/``np.unwrap``, and Python generators and ``try``/``except``."""

from __future__ import annotations

import numpy as np
from scipy import linalg, special, stats


def divide_out_where(a, b):
    r = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    return np.sum(r ** 2 + r)


def log_out_where(p):
    logp = np.log(p, out=np.full_like(p, -30.0), where=p > 0)
    return np.sum(np.exp(logp) * logp)


def masked_fill_attention(q, k, v):
    scores = q @ k.T / np.sqrt(q.shape[1])
    mask = np.tril(np.ones(scores.shape, dtype=bool))
    scores[~mask] = -1e9
    w = special.softmax(scores, axis=-1)
    return np.sum((w @ v) ** 2)


def ellipsis_attention(q, k):
    s = np.einsum('...qd,...kd->...qk', q, k)
    lse = np.log(np.sum(np.exp(s), axis=-1, keepdims=True))
    return np.sum(s - lse)


def layer_norm_var_std(x, g):
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    sd = np.std(x, axis=-1, keepdims=True)
    y = g * (x - mu) / np.sqrt(var + 1e-6)
    return np.sum(y[0] ** 3) + np.sum(sd)


def subtract_at_2d(x, rows, cols):
    out = np.ones((3, 3))
    np.subtract.at(out, (rows, cols), x)
    return np.sum(out ** 2)


def inverse_permutation(x):
    order = np.argsort(x)
    inv = np.empty_like(order)
    inv[order] = np.arange(len(x))
    ranks_weight = (inv + 1.0) / len(x)
    sorted_cum = np.cumsum(x[order])
    return np.sum(sorted_cum[inv] * ranks_weight)


def percentile_methods(x):
    lo = np.percentile(x, 20, method="nearest")
    mid = np.percentile(x, 50, method="lower")
    hi = np.percentile(x, 80)
    return lo * mid + hi


def sort_axis0_top(M):
    s = np.sort(M, axis=0)[::-1]
    return np.sum(s[0] * np.arange(1.0, M.shape[1] + 1)) + np.median(M, axis=1).sum()


def partition_rows(M):
    p = np.partition(M, 1, axis=1)
    return np.sum(p[:, :2] ** 2)


def interp_edges_period(fp, xq):
    xp = np.array([0.0, 1.0, 2.0, 3.0])
    inside = np.interp(xq, xp, fp, left=0.0, right=fp[-1] * 2.0)
    wrapped = np.interp(xq, xp, fp, period=3.0)
    return np.sum(inside * wrapped)


def searchsorted_right_bins(x, edges_offsets):
    edges = np.cumsum(np.exp(edges_offsets))
    i = np.searchsorted(edges, x, side="right")
    i = np.clip(i, 1, len(edges) - 1)
    frac = (x - edges[i - 1]) / (edges[i] - edges[i - 1])
    return np.sum(frac ** 2)


def diff_second_order(y, t):
    d2 = np.diff(y, n=2)
    slope = np.diff(y, append=y[-1]) / np.diff(t, append=t[-1] + 1.0)
    return np.sum(d2 ** 2) + np.sum(slope ** 2)


def cholesky_kalman_update(m, P_raw, y, H):
    P = P_raw @ P_raw.T + np.eye(len(m))
    S = H @ P @ H.T + 0.5 * np.eye(len(y))
    c, lower = linalg.cho_factor(S)
    K = linalg.cho_solve((c, lower), H @ P).T
    innov = y - H @ m
    m_new = m + K @ innov
    L = np.linalg.cholesky(S)
    z = linalg.solve_triangular(L, innov, lower=True)
    return 0.5 * z @ z + np.log(np.diag(L)).sum() + m_new @ m_new


def other_families(theta, x):
    loc, log_s = theta
    s = np.exp(log_s)
    lp = np.sum(stats.laplace.logpdf(x, loc, s))
    lp += np.sum(stats.logistic.logpdf(x, loc, s))
    lp += np.sum(stats.lognorm.logpdf(np.abs(x) + 0.1, s, scale=np.exp(loc)))
    lp += stats.invgamma.logpdf(s, 3.0, scale=2.0) + stats.expon.logpdf(s, scale=1.5)
    return lp


def mvn_logpdf_cov(x, mean, L_raw):
    cov = L_raw @ L_raw.T + 0.5 * np.eye(len(mean))
    return np.sum(stats.multivariate_normal.logpdf(x, mean=mean, cov=cov))


def logaddexp_reduce_mixture(x, mus):
    comps = -0.5 * (x[:, None] - mus[None, :]) ** 2
    return np.sum(np.logaddexp.reduce(comps, axis=1))


def fftshift_lowpass(x):
    X = np.fft.fftshift(np.fft.fft(x))
    n = len(x)
    k = np.arange(n) - n // 2
    X = X * np.exp(-0.5 * (k / 2.0) ** 2)
    y = np.real(np.fft.ifft(np.fft.ifftshift(X)))
    return np.sum((y - x) ** 2)


def unwrapped_phase(x):
    X = np.fft.rfft(x)
    phase = np.unwrap(np.angle(X[1:]))
    return np.sum(phase * np.arange(len(phase)))


def svd_values_cond(M):
    sv = np.linalg.svd(M, compute_uv=False)
    return sv[0] / sv[-1] + np.linalg.cond(M) + np.linalg.norm(M, "nuc")


def _chunks(x, size):
    for i in range(0, len(x), size):
        yield x[i:i + size]


def generator_chunks(x):
    return sum(np.max(c) - np.min(c) + np.mean(c) ** 2 for c in _chunks(x, 2))


def try_cholesky_fallback(A_raw, b):
    A = A_raw @ A_raw.T + 0.1 * np.eye(len(b))
    try:
        L = np.linalg.cholesky(A)
        y = np.linalg.solve(L, b)
        return y @ y
    except np.linalg.LinAlgError:
        return b @ np.linalg.pinv(A) @ b


def zip_star_columns(M):
    cols = list(zip(*M))  # noqa: B905  (as people write it)
    return sum(np.prod(c) for c in cols) + sum(max(c) for c in cols)


def reversed_enumerate_discount(r):
    g, out = 0.0, []
    for t, rt in reversed(list(enumerate(r))):
        g = rt + 0.9 ** (t % 2) * g
        out.append(g)
    return sum(o * o for o in out)


def clip_bce(logits, y):
    p = np.clip(special.expit(logits), 1e-7, 1 - 1e-7)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
