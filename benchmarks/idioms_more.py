"""A second batch of workloads the optimizer was not tuned for (``bench_idioms.py`` times both):
Rosenbrock's function over slices, a Poisson regression, a spring network with pairwise
distances, total-variation smoothing with ``np.diff``, a linear regression over a weight vector
and a Python-number bias, exponential smoothing by a Python loop, a Gaussian mixture's
log-likelihood through a kept maximum, and a cosine-similarity loss with ``np.linalg.norm`` over
an axis; each with a hand-written gradient, two sizes each.
"""
import numpy as np


# 1 Rosenbrock (vector)
def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)

def rosen_hand(x):
    d = x[1:] - x[:-1] ** 2
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * d - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * d
    return g

def rosen_in(n, r):
    return (r.normal(size=n),)

# 2 Poisson regression negative log-likelihood
def poisson(w, X, y):
    eta = X @ w
    return np.sum(np.exp(eta) - y * eta)

def poisson_hand(w, X, y):
    return X.T @ (np.exp(X @ w) - y)

def poisson_in(n, r):
    X = 0.1 * r.normal(size=(n, 8))
    return (0.1 * r.normal(size=8), X, r.poisson(1.0, size=n).astype(float))

# 3 pairwise distances energy (spring)
def springs(P):
    d = P[:, None, :] - P[None, :, :]
    r = np.sqrt(np.sum(d ** 2, axis=-1) + 1e-12)
    return 0.5 * np.sum((r - 1.0) ** 2)

def springs_hand(P):
    d = P[:, None, :] - P[None, :, :]
    r = np.sqrt(np.sum(d ** 2, axis=-1) + 1e-12)
    c = (r - 1.0) / r
    return 2.0 * np.sum(c[:, :, None] * d, axis=1)

def springs_in(n, r):
    return (r.normal(size=(n, 3)),)

# 4 total variation smoothing with np.diff
def tv(u, f):
    return 0.5 * np.sum((u - f) ** 2) + 0.1 * np.sum(np.sqrt(np.diff(u) ** 2 + 1e-6))

def tv_hand(u, f):
    du = np.diff(u)
    s = 0.1 * du / np.sqrt(du ** 2 + 1e-6)
    g = u - f
    g[:-1] -= s
    g[1:] += s
    return g

def tv_in(n, r):
    return (r.normal(size=n), r.normal(size=n))

# 5 linear regression with L2, mean squared error, parameters as tuple wrt (w, b)
def linreg(w, b, X, y):
    pred = X @ w + b
    return np.mean((pred - y) ** 2) + 0.01 * np.sum(w ** 2)

def linreg_hand(w, b, X, y):
    r = X @ w + b - y
    g = 2.0 * r / len(y)
    return X.T @ g + 0.02 * w, np.sum(g)

def linreg_in(n, r):
    return (r.normal(size=5), 0.3, r.normal(size=(n, 5)), r.normal(size=n))

# 6 recurrence (exponential smoothing) in a Python loop over an array
def smooth(x, alpha):
    s = x[0]
    total = 0.0
    for t in range(1, x.shape[0]):
        s = alpha * x[t] + (1.0 - alpha) * s
        total = total + (x[t] - s) ** 2
    return total

def smooth_hand(x, alpha):
    n = x.shape[0]
    S = np.empty(n)
    S[0] = x[0]
    for t in range(1, n):
        S[t] = alpha * x[t] + (1.0 - alpha) * S[t - 1]
    gx = np.zeros(n)
    gs = 0.0
    galpha = 0.0
    for t in range(n - 1, 0, -1):
        r = x[t] - S[t]
        gx[t] += 2.0 * r
        gst = -2.0 * r + gs
        gx[t] += alpha * gst
        galpha += gst * (x[t] - S[t - 1])
        gs = (1.0 - alpha) * gst
    gx[0] += gs
    return gx, galpha

def smooth_in(n, r):
    return (r.normal(size=n), 0.3)

# 7 Gaussian mixture log-likelihood (1-D, K components)
def gmm(mu, x):
    d = x[:, None] - mu[None, :]
    logp = -0.5 * d ** 2
    m = np.max(logp, axis=1, keepdims=True)
    return -np.sum(np.log(np.sum(np.exp(logp - m), axis=1)) + m[:, 0])

def gmm_hand(mu, x):
    d = x[:, None] - mu[None, :]
    logp = -0.5 * d ** 2
    m = np.max(logp, axis=1, keepdims=True)
    e = np.exp(logp - m)
    w = e / np.sum(e, axis=1, keepdims=True)
    return -np.sum(w * d, axis=0)

def gmm_in(n, r):
    return (r.normal(size=4), r.normal(size=n))

# 8 cosine similarity loss
def cosine(a, b):
    num = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.sum(1.0 - num / den)

def cosine_hand(a, b):
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    c = np.sum(a * b, axis=1, keepdims=True) / (na * nb)
    return -(b / (na * nb) - c * a / na ** 2)

def cosine_in(n, r):
    return (r.normal(size=(n, 16)), r.normal(size=(n, 16)))

WORK = [
    ("rosen", rosen, rosen_hand, rosen_in, 0),
    ("poisson", poisson, poisson_hand, poisson_in, 0),
    ("springs", springs, springs_hand, springs_in, 0),
    ("tv", tv, tv_hand, tv_in, 0),
    ("linreg", linreg, linreg_hand, linreg_in, (0, 1)),
    ("smooth", smooth, smooth_hand, smooth_in, (0, 1)),
    ("gmm", gmm, gmm_hand, gmm_in, 0),
    ("cosine", cosine, cosine_hand, cosine_in, 0),
]
SIZES = {"springs": (8, 64), "smooth": (10, 200)}
