"""NumPy written the way people write it, in forms the earlier zoos do not take (part two):
machine-learning pieces: a Gaussian mixture's log-likelihood with a hand-written ``logsumexp``
(``max`` subtracted with ``keepdims``), scaled dot-product attention with a causal mask by
``np.triu`` and ``np.where(mask, -np.inf, s)``, a padding mask broadcast by ``[:, None, :]``,
group norm through a 5-D reshape, instance norm
with a running statistic, Gumbel-softmax with fixed noise and a temperature,
Huber / expectile / squared-hinge / smooth-L1 / focal losses, softplus written three
ways (``np.logaddexp(0, x)``, ``np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)``, ``np.where``
chains), ``expm1``/``log1p`` in a log-normal mean, masked means by ``mask.sum()``, einsum
contractions (bilinear forms, batched traces, ``'...ij,...j->...i'``), a GP marginal likelihood
by ``solve``/``slogdet``/``inv``, an MLP whose parameters are a list of dicts, a model built as
a closure over its hyper-parameters, ``@`` chains, a dropout mask drawn by ``rng.rand(*x.shape)``
of a ``RandomState`` the function seeds itself, and an ensemble looping over ``map(lambda w:
...)`` with a generator over ``map(np.subtract, ...)`` and ``filter``."""

from __future__ import annotations

import math

import numpy as np


def logsumexp(a, axis=-1):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(a - m), axis=axis))


def gmm_loglik(means, x, log_weights, log_sigma):
    sigma = np.exp(log_sigma)
    diff = x[:, None] - means[None, :]
    log_norm = -0.5 * np.log(2 * np.pi) - log_sigma
    comp = log_norm - 0.5 * (diff / sigma) ** 2
    log_w = log_weights - logsumexp(log_weights)
    return np.sum(logsumexp(comp + log_w, axis=1))


def gmm_2d(mu, X):
    d = X[:, None, :] - mu[None, :, :]
    sq = np.einsum("nkd,nkd->nk", d, d)
    log_p = -0.5 * sq - np.log(2 * np.pi)
    m = log_p.max(axis=1)
    return -np.mean(m + np.log(np.exp(log_p - m[:, None]).sum(axis=1)))


def softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def causal_attention(q, k, v):
    t, d = q.shape
    scores = q @ k.T / math.sqrt(d)
    mask = np.triu(np.ones((t, t), dtype=bool), k=1)
    scores = np.where(mask, -np.inf, scores)
    return softmax(scores) @ v


def padded_attention(x, w_q, lengths):
    b, t, d = x.shape
    q = x @ w_q
    scores = np.einsum("btd,bsd->bts", q, x) / np.sqrt(d)
    valid = np.arange(t)[None, :] < lengths[:, None]
    scores = np.where(valid[:, None, :], scores, -1e9)
    out = softmax(scores) @ x
    return np.sum(out * valid[:, :, None]) / valid.sum()


def group_norm(x, gamma, beta, groups=2, eps=1e-5):
    n, c, h, w = x.shape
    g = x.reshape(n, groups, c // groups, h, w)
    mean = g.mean(axis=(2, 3, 4), keepdims=True)
    var = g.var(axis=(2, 3, 4), keepdims=True)
    g = (g - mean) / np.sqrt(var + eps)
    return g.reshape(n, c, h, w) * gamma[None, :, None, None] + beta.reshape(1, -1, 1, 1)


def instance_norm_stats(img, running, momentum=0.1):
    mu = img.mean(axis=(-2, -1), keepdims=True)
    sd = img.std(axis=(-2, -1), keepdims=True)
    running = (1 - momentum) * running + momentum * mu.mean()
    return np.sum(((img - mu) / (sd + 1e-3)) ** 3) + running ** 2


def gumbel_softmax(logits, tau=0.7):
    u = np.linspace(0.05, 0.95, logits.size).reshape(logits.shape)
    g = -np.log(-np.log(u))
    y = softmax((logits + g) / tau)
    return np.sum(y * np.arange(logits.shape[-1]))


# --- losses ---


def huber(pred, target, delta=1.0):
    r = pred - target
    quad = 0.5 * r ** 2
    lin = delta * (np.abs(r) - 0.5 * delta)
    return np.mean(np.where(np.abs(r) <= delta, quad, lin))


def expectile(pred, y, taus=(0.2, 0.5, 0.8)):
    r = y[:, None] - pred
    weight = np.abs(np.asarray(taus) - (r < 0))
    return np.mean(weight * r ** 2)


def squared_hinge(w, X, y, C=1.0):
    margins = 1 - y * (X @ w)
    return 0.5 * w @ w + C * np.sum(np.maximum(0, margins) ** 2)


def smooth_l1(x, beta=0.5):
    ax = np.abs(x)
    return np.sum(np.where(ax < beta, 0.5 * x ** 2 / beta, ax - 0.5 * beta))


def focal_loss(logits, y, gamma=2.0):
    p = 1 / (1 + np.exp(-logits))
    pt = np.where(y == 1, p, 1 - p)
    return -np.mean((1 - pt) ** gamma * np.log(pt))


def softplus_three_ways(x):
    a = np.logaddexp(0, x)
    b = np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)
    c = np.where(x > 20, x, np.where(x < -20, np.exp(x), np.log1p(np.exp(x))))
    return np.sum(a * b + c)


def lognormal_stats(mu, log_s):
    s2 = np.exp(2 * log_s)
    mean = np.exp(mu + s2 / 2)
    var = np.expm1(s2) * np.exp(2 * mu + s2)
    return np.sum(np.log1p(var / mean ** 2))


def masked_mean(x, mask):
    return (x * mask).sum() / mask.sum()


def masked_mean_bool(x, keep):
    return np.mean(x[keep] ** 2) + np.sum(x, where=keep)


# --- contractions ---


def bilinear(u, W, v):
    return np.einsum("i,ij,j->", u, W, v)


def batched_matvec(A, x):
    return np.einsum("...ij,...j->...i", A, x)


def batched_trace(A):
    return np.einsum("bii->b", A @ A)


def matmul_chain(A, B, x):
    return x @ A.T @ B @ A @ x


# --- GP ---


def gp_nll(log_ls, X, y, noise=0.1):
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = np.exp(-0.5 * d2 / np.exp(2 * log_ls)) + noise * np.eye(len(X))
    alpha = np.linalg.solve(K, y)
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * y @ alpha + 0.5 * logdet + 0.5 * len(X) * np.log(2 * np.pi)


def gp_predict(y, X, Xs):
    K = np.exp(-0.5 * (X[:, None] - X[None, :]) ** 2) + 0.05 * np.eye(len(X))
    Ks = np.exp(-0.5 * (Xs[:, None] - X[None, :]) ** 2)
    K_inv = np.linalg.inv(K)
    mean = Ks @ K_inv @ y
    var = 1.0 - np.sum((Ks @ K_inv) * Ks, axis=1)
    return np.sum(mean ** 2) + np.sum(var)


# --- models as parameters in containers, and closures ---


def mlp_layers(layers, x):
    h = x
    for i, layer in enumerate(layers):
        h = h @ layer["W"] + layer["b"]
        if i < len(layers) - 1:
            h = np.tanh(h)
    return np.mean(h ** 2)


def make_model(depth, width_scale):
    def model(theta, x):
        h = x
        for _ in range(depth):
            h = np.sin(theta * h) * width_scale
        return h

    return model


_closed = make_model(3, 0.9)


def closure_model(theta, x):
    return np.sum(_closed(theta, x) ** 2)


def param_tuple_model(params, x):
    w, b, scale = params
    return np.sum(scale * np.tanh(x @ w + b))


# --- fixed noise from a generator the function seeds itself ---


def dropout_local_state(x, p=0.3):
    rng = np.random.RandomState(1)
    mask = rng.rand(*x.shape) > p
    noise = rng.randn(*x.shape)
    return np.sum((x * mask / (1 - p)) ** 2 + 0.1 * noise * x)


def dropout_rebound_state(x, seed=None):
    rng = np.random.RandomState(0)
    if seed is not None:
        rng = seed
    return np.sum(x * rng.rand(*x.shape))


# --- loops over map and filter ---


def ensemble_map(models, x, y):
    preds = 0.0
    for p in map(lambda w: np.tanh(x @ w), models):  # noqa: C417
        preds = preds + p / len(models)
    residuals = sum(np.sum(r ** 2) for r in map(np.subtract, [preds, 0.5 * preds], [y, y]))
    return residuals + sum(v for v in filter(lambda t: t > 0, preds))
