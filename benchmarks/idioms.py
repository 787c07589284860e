"""Workloads the issue-12 benchmark does not have, written as people write NumPy, each with a
hand-written gradient: how far from hand-written code tangentish is on code it was not tuned for.

Softmax cross-entropy, attention, logistic regression with ``np.logaddexp``, a Gaussian negative
log-likelihood with ``np.pi``, layer norm, a stencil with ``np.roll``, Lennard-Jones pairs with
``X[:, None, :]``, Horner's rule in a loop, an Euler integrator of Python floats, soft k-means,
polynomial features and a Huber loss with ``np.where``; two sizes each.  ``bench_idioms.py``
checks every hand-written gradient against tangentish's and central finite differences first.
"""

import numpy as np


# 1 softmax cross-entropy
def xent(W, X, y):
    logits = X @ W
    logits = logits - logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
    return -np.mean(logp[np.arange(X.shape[0]), y])

def xent_hand(W, X, y):
    logits = X @ W
    logits = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(X.shape[0]), y] -= 1.0
    return X.T @ p / X.shape[0]

def xent_in(n, r):
    return (r.normal(size=(20, 5)), r.normal(size=(n, 20)), r.integers(0, 5, size=n))

# 2 attention
def attn(Q, K, V):
    s = Q @ K.T / np.sqrt(Q.shape[1])
    s = s - np.max(s, axis=-1, keepdims=True)
    a = np.exp(s)
    a = a / np.sum(a, axis=-1, keepdims=True)
    o = a @ V
    return np.sum(o ** 2)

def attn_hand(Q, K, V):
    c = 1.0 / np.sqrt(Q.shape[1])
    s = Q @ K.T * c
    s = s - s.max(axis=-1, keepdims=True)
    a = np.exp(s)
    a /= a.sum(axis=-1, keepdims=True)
    o = a @ V
    go = 2.0 * o
    ga = go @ V.T
    gs = a * (ga - np.sum(ga * a, axis=-1, keepdims=True))
    return gs @ K * c

def attn_in(n, r):
    return (r.normal(size=(n, 8)), r.normal(size=(n, 8)), r.normal(size=(n, 8)))

# 3 logistic regression with logaddexp and l2
def logreg(w, X, y, lam):
    z = X @ w
    return np.sum(np.logaddexp(0.0, -y * z)) + 0.5 * lam * np.dot(w, w)

def logreg_hand(w, X, y, lam):
    z = X @ w
    s = -y / (1.0 + np.exp(y * z))  # -y * sigmoid(-y z)
    return X.T @ s + lam * w

def logreg_in(n, r):
    return (r.normal(size=10), r.normal(size=(n, 10)), np.sign(r.normal(size=n)), 0.1)

# 4 Gaussian negative log likelihood
def gauss_nll(mu, log_sigma, x):
    sigma = np.exp(log_sigma)
    return np.sum(0.5 * ((x - mu) / sigma) ** 2 + log_sigma + 0.5 * np.log(2 * np.pi))

def gauss_nll_hand(mu, log_sigma, x):
    inv = np.exp(-log_sigma)
    r = (x - mu) * inv
    return -np.sum(r * inv), np.sum(1.0 - r * r)

def gauss_nll_in(n, r):
    return (0.3, -0.2, r.normal(size=n))

# 5 layer norm + linear
def layernorm(x, g, W):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    h = (x - mu) / np.sqrt(var + 1e-5) * g
    return np.sum(np.tanh(h @ W))

def layernorm_hand(x, g, W):
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = np.mean(xc * xc, axis=-1, keepdims=True)
    inv = 1.0 / np.sqrt(var + 1e-5)
    xh = xc * inv
    h = xh * g
    t = np.tanh(h @ W)
    gh = (1.0 - t * t) @ W.T
    gg = np.sum(gh * xh, axis=0)
    gxh = gh * g
    gx = inv * (gxh - gxh.mean(axis=-1, keepdims=True)
                - xh * np.mean(gxh * xh, axis=-1, keepdims=True))
    return gx, gg

def layernorm_in(n, r):
    return (r.normal(size=(n, 16)), r.normal(size=16), r.normal(size=(16, 4)))

# 6 1-D diffusion stencil energy via np.roll
def stencil(u, k):
    lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
    return 0.5 * np.sum(u * u) + k * np.sum(lap * lap)

def stencil_hand(u, k):
    lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
    glap = 2 * k * lap
    gu = u + np.roll(glap, -1) - 2 * glap + np.roll(glap, 1)
    return gu, np.sum(lap * lap)

def stencil_in(n, r):
    return (r.normal(size=n), 0.3)

# 7 pairwise Lennard-Jones energy
def lj(X):
    d = X[:, None, :] - X[None, :, :]
    r2 = np.sum(d * d, axis=-1) + np.eye(X.shape[0])
    inv6 = 1.0 / r2 ** 3
    e = 4.0 * (inv6 * inv6 - inv6)
    return 0.5 * np.sum(e * (1.0 - np.eye(X.shape[0])))

def lj_hand(X):
    n = X.shape[0]
    d = X[:, None, :] - X[None, :, :]
    r2 = np.sum(d * d, axis=-1) + np.eye(n)
    inv6 = 1.0 / r2 ** 3
    mask = 1.0 - np.eye(n)
    # de/dr2 = 4(-6 inv6^2 / r2 + 3 inv6 / r2)
    ge = 0.5 * mask
    gr2 = ge * 4.0 * (-6.0 * inv6 * inv6 + 3.0 * inv6) / r2
    gd = 2.0 * gr2[:, :, None] * d
    return gd.sum(axis=1) - gd.sum(axis=0)

def lj_in(n, r):
    return (r.normal(size=(n, 3)) * n ** (1 / 3),)

# 8 Horner polynomial loop over coefficients (scalar x array)
def horner(c, x):
    y = np.zeros_like(x)
    for k in range(c.shape[0]):
        y = y * x + c[k]
    return np.sum(y)

def horner_hand(c, x):
    n = c.shape[0]
    # dy/dc[k] = x^(n-1-k)
    powers = np.ones_like(x)
    gc = np.empty(n)
    for k in range(n - 1, -1, -1):
        gc[k] = np.sum(powers)
        powers = powers * x
    return gc

def horner_in(n, r):
    return (r.normal(size=8), r.uniform(-1, 1, size=n))

# 9 Euler integration of a damped oscillator in scalars
def euler(k, c, steps):
    x, v = 1.0, 0.0
    dt = 0.01
    for _ in range(steps):
        a = -k * x - c * v
        x, v = x + dt * v, v + dt * a
    return x * x + v * v

def euler_hand(k, c, steps):
    dt = 0.01
    xs = np.empty(steps + 1)
    vs = np.empty(steps + 1)
    x, v = 1.0, 0.0
    for i in range(steps):
        xs[i], vs[i] = x, v
        a = -k * x - c * v
        x, v = x + dt * v, v + dt * a
    gx, gv = 2 * x, 2 * v
    gk = gc = 0.0
    for i in range(steps - 1, -1, -1):
        ga = dt * gv
        gk -= ga * xs[i]
        gc -= ga * vs[i]
        gx, gv = gx - k * ga, gv + dt * gx - c * ga
    return gk, gc

def euler_in(n, r):
    return (2.0, 0.3, n)

# 10 kmeans soft assignment energy
def softkm(C, X, beta):
    d2 = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=-1)
    return -np.sum(np.log(np.sum(np.exp(-beta * d2), axis=1))) / beta

def softkm_hand(C, X, beta):
    diff = X[:, None, :] - C[None, :, :]
    d2 = np.sum(diff ** 2, axis=-1)
    m = -beta * d2
    mx = m.max(axis=1, keepdims=True)
    e = np.exp(m - mx)
    p = e / e.sum(axis=1, keepdims=True)
    # E = -1/beta sum_i log sum_j exp(-beta d2_ij): dE/dd2_ij = p_ij, dd2_ij/dC_j = -2 diff_ij
    return np.sum(p[:, :, None] * (-2.0 * diff), axis=0)

def softkm_in(n, r):
    return (r.normal(size=(4, 3)), r.normal(size=(n, 3)), 2.0)

# 11 MSE of a polynomial feature regression with np.vander-free power features
def polyreg(w, x, y):
    feats = np.stack([x ** k for k in range(4)], axis=1)
    r = feats @ w - y
    return np.mean(r ** 2)

def polyreg_hand(w, x, y):
    feats = np.stack([x ** k for k in range(4)], axis=1)
    r = feats @ w - y
    return feats.T @ (2.0 * r) / x.shape[0]

def polyreg_in(n, r):
    return (r.normal(size=4), r.normal(size=n), r.normal(size=n))

# 12 Huber loss with np.where
def huber(w, X, y):
    r = X @ w - y
    a = np.abs(r)
    return np.sum(np.where(a < 1.0, 0.5 * r * r, a - 0.5))

def huber_hand(w, X, y):
    r = X @ w - y
    g = np.clip(r, -1.0, 1.0)
    return X.T @ g

def huber_in(n, r):
    return (r.normal(size=6), r.normal(size=(n, 6)), 3 * r.normal(size=n))

WORK = [
    ("xent", xent, xent_hand, xent_in, 0),
    ("attn", attn, attn_hand, attn_in, 0),
    ("logreg", logreg, logreg_hand, logreg_in, 0),
    ("gauss_nll", gauss_nll, gauss_nll_hand, gauss_nll_in, (0, 1)),
    ("layernorm", layernorm, layernorm_hand, layernorm_in, (0, 1)),
    ("stencil", stencil, stencil_hand, stencil_in, (0, 1)),
    ("lj", lj, lj_hand, lj_in, 0),
    ("horner", horner, horner_hand, horner_in, 0),
    ("euler", euler, euler_hand, euler_in, (0, 1)),
    ("softkm", softkm, softkm_hand, softkm_in, 0),
    ("polyreg", polyreg, polyreg_hand, polyreg_in, 0),
    ("huber", huber, huber_hand, huber_in, 0),
]
SIZES = {"lj": (8, 64), "euler": (10, 1000), "attn": (8, 64)}
