"""NumPy written the way other projects write it (part four): library calls the earlier zoos
take little of, in the shapes other projects' code uses them: ``np.linalg.lstsq``, ``eigh``,
``inv``, ``np.interp`` of a curve, ``np.gradient``, ``np.meshgrid``, ``np.kron``, ``np.tril``,
``np.add.at`` of graph messages, ``np.bincount`` with weights, ``np.median`` and
``np.percentile``, ordering by ``np.argsort``, ``np.cumprod`` survival, ``np.prod``,
``np.linalg.norm`` along an axis, ``np.stack`` and ``np.split``, ``np.outer``, ``np.fft.irfft``,
``np.diff(n=2)``, ``np.linalg.det``, ``np.linalg.matrix_power``, ``np.sinc``, ``np.heaviside``."""

from __future__ import annotations

import numpy as np


def lstsq_residual(A, b):
    coef, *_ = np.linalg.lstsq(A, b, rcond=None)
    r = A @ coef - b
    return r @ r + 0.1 * coef @ coef


def eigh_spread(S):
    sym = 0.5 * (S + S.T)
    w, V = np.linalg.eigh(sym)
    return w[-1] - w[0] + np.sum(V[:, 0] ** 4)


def inv_quadratic(A, x):
    M = A @ A.T + np.eye(A.shape[0])
    return x @ np.linalg.inv(M) @ x


def interp_curve(y, xq):
    xp = np.linspace(0.0, 1.0, y.size)
    return np.sum(np.interp(xq, xp, y) ** 2)


def gradient_smoothness(f):
    g = np.gradient(f, 0.5)
    return np.sum(g ** 2) + np.sum(np.diff(f, n=2) ** 2)


def meshgrid_field(params):
    xs = np.linspace(-1.0, 1.0, 4)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    field = params[0] * X ** 2 + params[1] * X * Y + params[2] * np.sin(Y)
    return np.sum(field ** 2)


def kron_tril(a, B):
    K = np.kron(a.reshape(2, 2), B)
    return np.sum(np.tril(K) ** 2)


def graph_messages(h, edges, W):
    src, dst = edges[:, 0], edges[:, 1]
    msg = np.tanh(h[src] @ W)
    agg = np.zeros_like(h)
    np.add.at(agg, dst, msg)
    return np.sum((h + agg) ** 2)


def bincount_weights(w, groups):
    totals = np.bincount(groups, weights=w, minlength=3)
    return np.sum(np.sqrt(totals ** 2 + 1.0))


def robust_median(x):
    med = np.median(x)  # (|x - med| ** 1.5: its Hessian is 0 * inf at the median, a zero
    return np.sum(np.sqrt((x - med) ** 2 + 0.1)) + np.percentile(x, 75)  # computed: NaN)


def argsort_rank_loss(scores, relevance):
    order = np.argsort(-scores)
    gains = relevance[order]
    discounts = 1.0 / np.log2(np.arange(2, scores.size + 2))
    return np.sum(gains * discounts * np.tanh(scores[order]))


def cumprod_survival(hazards):
    s = np.cumprod(1.0 - hazards)
    return np.sum(s) + np.prod(1.0 + hazards)


def row_norms(X):
    n = np.linalg.norm(X, axis=1)
    return np.sum(n) + np.linalg.norm(X, "fro") ** 2


def stack_split(x):
    parts = np.split(x, 3)
    S = np.stack([p ** 2 for p in parts], axis=1)
    return np.sum(S @ np.array([1.0, -2.0, 0.5]))


def outer_update(u, v):
    P = np.eye(u.size) + np.outer(u, v)
    return np.trace(P @ P.T)


def irfft_roundtrip(x):
    spec = np.fft.rfft(x)
    spec = spec * np.exp(-0.5 * np.arange(spec.size))
    back = np.fft.irfft(spec, n=x.size)
    return np.sum(back ** 2)


def det_matrix_power(A):
    return np.linalg.det(A) + np.sum(np.linalg.matrix_power(A, 3))


def sinc_heaviside(x):
    return np.sum(np.sinc(x) * (1.0 + np.heaviside(x, 0.5)))
