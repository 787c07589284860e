"""NumPy written the way people write it, in forms the earlier zoos do not take (part two):
attention layers (ALiBi slopes, a relative-position bias gathered from a table, cross attention
masked by ragged lengths, multi-query heads by ``reshape``, rotary embeddings by halves, a
softmax with ``keepdims`` and a temperature); ragged lists (mean pooling of sequences of
different lengths, padding into a preallocated array by ``out[i, :len(s)] = s``, segments by
offsets of ``np.cumsum``, per-sequence softmax, an RNN over a list of lists); numerically stable
spellings (``log1mexp`` by a double ``np.where`` with ``expm1``/``log1p``, a stable softplus and
binary cross-entropy, ``-np.logaddexp(0, -x)``, a running ``np.logaddexp`` over terms,
compounding by ``expm1(n * log1p(r / n))``, ``np.hypot`` path lengths, ``scipy.special.log_ndtr``
probit, ``logit``/``expit``); and the Python around them (keyword-only options with early
returns, ``weights=None`` defaulting, ``while`` with ``break`` and a counter, a config dict of
hyperparameters and ``params[k] -= lr * g`` on a dict, augmented slices ``x[1:] += ...``,
``**options`` forwarded to a helper)."""

from __future__ import annotations

import numpy as np
import scipy.special

# --- attention ---


def _softmax(s, axis=-1):
    s = s - s.max(axis=axis, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=axis, keepdims=True)


def alibi_attention(q, k, v, slope=0.5):
    n = q.shape[0]
    pos = np.arange(n)
    bias = -slope * np.abs(pos[:, None] - pos[None, :])
    scores = q @ k.T / np.sqrt(q.shape[-1]) + bias
    scores = np.where(pos[None, :] > pos[:, None], -np.inf, scores)
    return np.sum(_softmax(scores) @ v)


def relative_bias_attention(q, k, table):
    n = q.shape[0]
    idx = np.arange(n)[None, :] - np.arange(n)[:, None] + (n - 1)
    scores = q @ k.T + table[idx]
    w = _softmax(scores)
    return np.sum(w * scores)


def cross_attention_lengths(q, mem, lengths):
    scores = np.einsum("bqd,bkd->bqk", q, mem)
    valid = np.arange(mem.shape[1])[None, None, :] < np.asarray(lengths)[:, None, None]
    scores = np.where(valid, scores, -1e9)
    attn = _softmax(scores, axis=-1)
    return np.sum(attn @ mem)


def multi_query_attention(x, Wq, wk, wv, heads=2):
    n, d = x.shape
    q = (x @ Wq).reshape(n, heads, -1).transpose(1, 0, 2)
    kk, vv = x @ wk, x @ wv
    scores = q @ kk.T / np.sqrt(kk.shape[-1])
    out = _softmax(scores) @ vv
    return np.mean(out.transpose(1, 0, 2).reshape(n, -1) ** 2)


def rotary_attention(q, k, base=100.0):
    n, d = q.shape
    half = d // 2
    freqs = base ** (-np.arange(half) / half)
    ang = np.arange(n)[:, None] * freqs[None, :]
    cos, sin = np.cos(ang), np.sin(ang)

    def rotate(x):
        x1, x2 = x[:, :half], x[:, half:]
        return np.concatenate([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)

    scores = rotate(q) @ rotate(k).T
    return np.sum(_softmax(scores, axis=1) * scores)


def temperature_softmax_ce(logits, target, temperature=2.0):
    z = logits / temperature
    log_p = z - scipy.special.logsumexp(z, axis=-1, keepdims=True)
    return -(target * log_p).sum(axis=-1).mean() * temperature ** 2


# --- ragged lists ---


def ragged_mean_pool(W, seqs):
    pooled = [np.mean(np.tanh(s @ W), axis=0) for s in seqs]
    return np.sum(np.stack(pooled) ** 2)


def pad_ragged(seqs, w):
    maxlen = max(len(s) for s in seqs)
    out = np.zeros((len(seqs), maxlen))
    mask = np.zeros((len(seqs), maxlen), dtype=bool)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = s
        mask[i, :len(s)] = True
    scores = out * w[:maxlen]
    return np.sum(np.where(mask, scores ** 2, 0.0)) / mask.sum()


def ragged_offsets(flat, lengths):
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    total = 0.0
    for start, stop in zip(offsets[:-1], offsets[1:], strict=True):
        seg = flat[start:stop]
        total += np.log(np.sum(np.exp(seg)))
    return total


def ragged_softmax_pool(scores, values):
    out = []
    for s, v in zip(scores, values, strict=True):
        w = np.exp(s - s.max())
        w /= w.sum()
        out.append(w @ v)
    return np.sum(np.array(out) ** 2)


def ragged_rnn(Wh, Wx, seqs):
    total = 0.0
    for seq in seqs:
        h = np.zeros(Wh.shape[0])
        for x in seq:
            h = np.tanh(Wh @ h + Wx * x)
        total += h @ h
    return total / len(seqs)


# --- numerically stable spellings ---


def log1mexp_loss(a):
    # log(1 - exp(-a)) for a > 0, Maechler's two branches
    out = np.where(a < np.log(2.0), np.log(-np.expm1(-a)), np.log1p(-np.exp(-a)))
    return np.sum(out)


def softplus_stable_sum(x, beta=1.0):
    z = beta * x
    return np.sum((np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))) / beta)


def bce_with_logits(z, y, pos_weight=None):
    log_sig = -np.logaddexp(0, -z)
    log_one_minus = -np.logaddexp(0, z)
    if pos_weight is not None:
        return -np.mean(pos_weight * y * log_sig + (1 - y) * log_one_minus)
    return -np.mean(y * log_sig + (1 - y) * log_one_minus)


def running_logaddexp(terms):
    acc = -np.inf
    for t in terms:
        acc = np.logaddexp(acc, t)
    return acc


def compound_growth(rate, periods=12, years=3.0):
    growth = np.expm1(periods * years * np.log1p(rate / periods))
    return np.sum(growth) + np.sum(np.expm1(rate * years))


def hypot_path_length(xs, ys):
    length = 0.0
    for i in range(1, len(xs)):
        length += np.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1])
    return length


def probit_log_ndtr(w, X, y):
    z = X @ w
    sign = 2 * y - 1
    return -np.sum(scipy.special.log_ndtr(sign * z))


def logit_space_blend(p, q, alpha=0.3):
    mixed = scipy.special.expit((1 - alpha) * scipy.special.logit(p) + alpha * scipy.special.logit(q))
    return np.sum(np.log1p(-mixed))


# --- the Python around it ---


def scaled_loss(x, *, clip=None, reduction="mean"):
    r = x ** 2
    if clip is not None:
        r = np.minimum(r, clip)
    if reduction == "none":
        return r
    if reduction == "sum":
        return r.sum()
    return r.mean()


def weights_default(x, weights=None, power=2):
    if weights is None:
        weights = np.ones_like(x)
    return np.sum(weights * np.abs(x) ** power) / np.sum(weights)


def descend_until(x0, lr=0.1, tol=1e-3, max_iter=50):
    x = x0
    it = 0
    while True:
        g = 4 * x ** 3 + x
        if np.linalg.norm(g) < tol or it >= max_iter:
            break
        x = x - lr * g
        it += 1
    return np.sum(x ** 2)


CONFIG = {"lr": 0.05, "decay": 0.9, "steps": 3}


def sgd_dict_inplace(params, X, y, config=CONFIG):
    params = {k: np.array(v, dtype=float) for k, v in params.items()}  # (copies: -= below)
    lr = config["lr"]
    for _ in range(config["steps"]):
        resid = X @ params["w"] + params["b"] - y
        grads = {"w": X.T @ resid / len(y), "b": resid.mean()}
        for k in params:
            params[k] -= lr * grads[k]
        lr *= config["decay"]
    resid = X @ params["w"] + params["b"] - y
    return resid @ resid


def smooth_slices(x, a=0.5):
    y = x.copy()
    y[1:] += a * x[:-1]
    y[:-1] += a * x[1:]
    y[::2] *= 2.0
    return np.sum(y ** 2)


def _penalty_term(x, *, kind="l2", scale=1.0):
    if kind == "l1":
        return scale * np.sum(np.sqrt(x ** 2 + 1e-3))
    return scale * np.sum(x ** 2)


def forwarded_options(w, X, y, **options):
    resid = X @ w - y
    return resid @ resid + _penalty_term(w, **options)


def early_exit_series(x, terms=8, tol=1e-6):
    total = np.zeros_like(x)
    term = np.ones_like(x)
    for n in range(1, terms + 1):
        term = term * x / n
        total += term
        if np.max(np.abs(term)) < tol:
            return np.sum(total)
    return np.sum(total)


def scaled_loss_callers(x):
    return (scaled_loss(x, clip=2.0, reduction="sum") + scaled_loss(x)
            + scaled_loss(x, reduction="none")[0])


def options_callers(w, X, y):
    return forwarded_options(w, X, y) + forwarded_options(w, X, y, kind="l1", scale=0.3)

