"""NumPy written the way people write it (idioms32, part two): ``einsum`` contractions (batched
products, bilinear forms, traces, ellipses, a tensor network), masked and ``np.where`` losses,
softmax attention (scaled dot-product, causal, multi-head, cross-attention), numerically stable
log-sum-exp spellings, polynomial fits with ``np.polyval`` and ``np.vander``; and the Python
around them the brief named (a nested generator summed, a recursion of a literal depth, a global
list of keys, ``functools.partial`` rebound in a loop)."""

from __future__ import annotations

from functools import partial

import idioms32_helpers as h
import numpy as np
from idioms32_helpers import scaled_tanh
from scipy.special import logsumexp

# einsum


def einsum_batched_bilinear(W, X, Y):
    return np.sum(np.einsum("bi,ij,bj->b", X, W, Y) ** 2)


def einsum_batch_matmul(A, B):
    C = np.einsum("bij,bjk->bik", A, B)
    return np.einsum("bii->", C) + np.sum(C ** 2)


def einsum_outer_trace(u, v, M):
    return np.einsum("i,j,ij->", u, v, M) + np.einsum("ii", np.einsum("i,j->ij", u, u))


def einsum_ellipsis(W, X):
    Y = np.einsum("...ij,...j->...i", W, X)
    return np.sum(np.tanh(Y))


def einsum_tensor_network(A, B, C):
    """A three-tensor contraction (a matrix-product-state norm)."""
    return np.einsum("ia,jab,kb->ijk", A, B, C).ravel() @ np.einsum("ia,jab,kb->ijk", A, B,
                                                                     C).ravel()


def einsum_pairwise_sq(X):
    diff = X[:, None, :] - X[None, :, :]
    d2 = np.einsum("ijk,ijk->ij", diff, diff)
    return np.sum(np.exp(-d2))


def einsum_quadratic_forms(P, V):
    return np.sum(np.log1p(np.einsum("ni,ij,nj->n", V, P @ P.T, V)))


# masked and np.where losses


def masked_mse(pred, target, mask):
    err = np.where(mask, pred - target, 0.0)
    return np.sum(err ** 2) / np.sum(mask)


def huber_where(r, delta=0.5):
    small = np.abs(r) <= delta
    return np.sum(np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)))


def masked_mean_by_multiply(x, valid):
    m = valid.astype(float)
    return np.sum(m * np.log1p(x ** 2)) / m.sum()


def focal_loss(logits, labels, gamma=2.0):
    p = 1.0 / (1.0 + np.exp(-logits))
    pt = np.where(labels == 1, p, 1 - p)
    return -np.mean((1 - pt) ** gamma * np.log(pt))


def hinge_squared(w, X, y):
    margin = y * (X @ w)
    return np.mean(np.where(margin < 1.0, (1.0 - margin) ** 2, 0.0)) + 0.01 * w @ w


def masked_array_select(x, idx):
    picked = x[idx > 0]
    return np.sum(picked ** 3) - np.sum(x[idx <= 0])


def nan_safe_log(x):
    safe = np.where(x > 0.1, x, 1.0)
    return np.sum(np.where(x > 0.1, np.log(safe), x - 1.0))


# attention


def _softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def scaled_dot_attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(Q.shape[-1])
    return np.sum(_softmax(scores) @ V)


def causal_attention(X, Wq, Wk, Wv):
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    T = X.shape[0]
    scores = Q @ K.T / np.sqrt(K.shape[1])
    scores = np.where(np.triu(np.ones((T, T)), k=1) > 0, -1e9, scores)
    out = _softmax(scores) @ V
    return np.sum(out ** 2)


def multi_head_attention(X, W, heads=2):
    T, d = X.shape
    qkv = X @ W
    q, k, v = np.split(qkv, 3, axis=1)
    q = q.reshape(T, heads, -1).transpose(1, 0, 2)
    k = k.reshape(T, heads, -1).transpose(1, 0, 2)
    v = v.reshape(T, heads, -1).transpose(1, 0, 2)
    att = _softmax(q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1]))
    out = (att @ v).transpose(1, 0, 2).reshape(T, -1)
    return np.sum(np.tanh(out))


def cross_attention_einsum(Q, K, V):
    s = np.einsum("qd,kd->qk", Q, K) / np.sqrt(Q.shape[1])
    a = np.exp(s - logsumexp(s, axis=1, keepdims=True))
    return np.einsum("qk,kd->", a, V ** 2)


def attention_pooling(H, w):
    scores = np.tanh(H) @ w
    alpha = np.exp(scores - scores.max())
    alpha /= alpha.sum()
    return np.sum((alpha[:, None] * H).sum(axis=0) ** 2)


# log-sum-exp spellings


def lse_manual(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def lse_weighted(x, w):
    return logsumexp(x, b=w) + logsumexp(2 * x, b=w / w.sum())


def lse_rows_keepdims(Z):
    m = Z.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
    return np.sum(Z - lse) + np.sum(lse ** 2)


def log_softmax_xent(logits, labels):
    lse = logsumexp(logits, axis=1)
    return np.mean(lse - logits[np.arange(len(labels)), labels])


def logaddexp_reduce(x):
    return np.logaddexp.reduce(x) + np.logaddexp(x[0], x[-1])


def smooth_max_temperature(x, t=0.3):
    return t * logsumexp(x / t) - t * np.log(len(x))


def log_mean_exp(x):
    return logsumexp(x, axis=0) - np.log(x.shape[0])


def mixture_loglik(means, data, log_w):
    lw = log_w - logsumexp(log_w)
    comp = -0.5 * (data[:, None] - means[None, :]) ** 2 - 0.5 * np.log(2 * np.pi)
    return np.sum(logsumexp(comp + lw, axis=1))


# polynomial fits


def polyval_fit_loss(coeffs, x, y):
    return np.mean((np.polyval(coeffs, x) - y) ** 2)


def vander_least_squares(x, y, deg=3):
    V = np.vander(x, deg + 1)
    coef = np.linalg.solve(V.T @ V, V.T @ y)
    return np.sum((V @ coef - y) ** 2) + coef @ coef


def vander_increasing(c, x):
    V = np.vander(x, len(c), increasing=True)
    return np.sum(np.sin(V @ c))


def clenshaw_chebyshev(c, x):
    """A Chebyshev series by Clenshaw's recurrence."""
    b1, b2 = np.zeros_like(x), np.zeros_like(x)
    for a in c[:0:-1]:
        b1, b2 = 2 * x * b1 - b2 + a, b1
    return np.sum((x * b1 - b2 + c[0]) ** 2)


def polyder_curvature(coeffs, x):
    d1 = np.polyval(np.polyder(coeffs), x)
    d2 = np.polyval(np.polyder(coeffs, 2), x)
    return np.sum(np.abs(d2) ** 2 / (1 + d1 ** 2) ** 3)


def chebyshev_fit(c, x, y):
    return np.sum((np.polynomial.chebyshev.chebval(x, c) - y) ** 2)


# the Python around it


def nested_generator_sum(x):
    def squares():
        for v in x:
            yield v * v
    return sum(squares())


def nested_generator_args(x, w):
    def terms(a, b):
        for i in range(len(a)):
            if i % 2 == 0:
                yield a[i] * b[i]
            else:
                yield np.sin(a[i])
    return sum(terms(x, w)) + max(terms(w, x))


def sin_depth(x, n=3):
    return x if n == 0 else sin_depth(np.sin(x), n - 1)


def recursion_literal_depth(x):
    return np.sum(sin_depth(x, 3) ** 2)


KEYS = ["w", "b"]
LAYER_KEYS = ("W1", "W2")


def global_keys_loop(params):
    total = 0.0
    for k in KEYS:
        total += np.sum(params[k] ** 2)
    return total + np.sum(np.tanh(params["w"]) * params["b"][0])


def global_keys_comprehension(params, x):
    h = x
    for k in LAYER_KEYS:
        h = np.tanh(params[k] @ h)
    return np.sum(h) + sum(np.sum(params[k] ** 2) for k in LAYER_KEYS)


def partial_rebound(y):
    for s in (1.0, 2.0):
        g = partial(scaled_tanh, scale=s)
        y = g(y)
    return np.sum(y ** 2)


# Helpers of another module inlined (**kwargs, a recursion, a generator), and factories of functions


def kwargs_elsewhere(x, s):
    return np.sum(h.act(x, g=2.0) * h.gained(x, scale=s, shift=0.5))


def recursion_elsewhere(x):
    return np.sum(h.poly(x, 3) + h.nested_sin(x, 2))


def generator_elsewhere(x):
    s = 0.0
    for c in h.chunks(x, 2):
        s = s + np.max(c) * np.mean(c)
    return s + sum(np.sum(c ** 2) for c in h.chunks(np.sin(x), 3))


def partial_made_elsewhere(y):
    for s in (1.0, 2.0):
        g = h.make(s)
        y = g(y)
    return np.sum(y ** 2) + np.sum(h.make(0.5)(y)) + np.sum(h.make(-0.5)(y) ** 2)  # (-0.5:
    # a signed number, read as a constant)


def _make_local(s):
    return partial(h.act, g=s)


def partial_of_kwargs_helper(y):
    for s in (0.5, 1.5):
        g = partial(h.act, g=s)
        y = g(y) + _make_local(s)(y)
    return np.sum(y)


def _acts_local():
    return (np.sin, np.tanh)


def functions_returned(x):
    for a in h.acts():
        x = a(x)
    for a in _acts_local():
        x = a(x) * 0.5
    f, g = h.act_pair()
    return np.sum(g(f(x, scale=2.0)))


def functions_in_containers(x):
    acts = h.Acts(np.tanh, outer=np.sin)
    table = {"inner": np.cos, "outer": h.scaled_tanh}
    y = acts.outer(acts.inner(x))
    return np.sum(table["outer"](table["inner"](y), scale=0.5))


def function_chosen_elsewhere(x, name="scaled"):
    act = h.act_named(name)
    y = act(x) + h.act_configured()(x)
    return np.sum(y ** 2)


def _act_chosen(name):
    return h.act_named(name)


def function_chosen_through_helpers(x, name="scaled"):
    act = _act_chosen(name)
    y = act(x) + _act_chosen("sin")(x) * h.act_named("tanh")(x)
    return np.sum(y ** 2)


def closure_made_elsewhere(x):
    g = h.make_closure(0.5)
    for a in (1.0, 2.0):
        x = h.make_closure(a)(x) + g(x)
    return np.sum(x ** 2)


def records_made_elsewhere(x, W):
    acts = h.act_record()
    dense = h.layer(W)
    return np.sum(acts.outer(dense.act(dense.W @ acts.inner(x))))


def _acts_here():
    return h.Acts(np.sin, outer=np.tanh)


def record_helper_by_path(x):
    acts = _acts_here()
    return np.sum(acts.outer(acts.inner(x)) ** 2)


OSCILLATOR = ("stiffness", "mass", "damping")


def _named(theta):
    return dict(zip(OSCILLATOR, theta))  # noqa: B905  (as written in the wild)


def _squared(theta):
    return {k: theta[i] ** 2 for i, k in enumerate(OSCILLATOR)}


def _named_here(theta):
    return _named(theta)


def dicts_built_by_helpers(theta):
    p = _named_here(theta)
    if np.sum(np.abs(theta)) > 1e300:
        return 0.0
    q = _squared(theta * p["mass"])
    r = h.named_parts(np.sin(theta))  # (another file's: its module's PARTS read through it)
    return np.sqrt(p["stiffness"] / p["mass"]) * np.exp(-q["damping"]) + q["stiffness"] + \
        r["gain"] * r["shift"]
