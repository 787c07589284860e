"""A third batch of workloads the optimizer was not tuned for (``bench_idioms.py`` times all):
a 2-D smoothness (Laplacian) term over slices of an image, an explicit heat-equation loop that
writes a stencil into a zeroed array, a batched diagonal Gaussian log-likelihood, a softplus
logistic regression with a bias and an L2 term, masked matrix factorization, batched (3-D)
softmax attention, a hinge-loss linear SVM, and running sums kept in a Python list of numbers
(``acc[0] += v`` in a loop); each with a hand-written gradient, two sizes each.
"""
import numpy as np


# 1 image denoising: data term and a 2-D smoothness term over slices
def smooth2d(u, f, lam):
    dx = u[1:, :] - u[:-1, :]
    dy = u[:, 1:] - u[:, :-1]
    return 0.5 * np.sum((u - f) ** 2) + lam * (np.sum(dx ** 2) + np.sum(dy ** 2))

def smooth2d_hand(u, f, lam):
    dx = 2.0 * lam * (u[1:, :] - u[:-1, :])
    dy = 2.0 * lam * (u[:, 1:] - u[:, :-1])
    g = u - f
    g[1:, :] += dx
    g[:-1, :] -= dx
    g[:, 1:] += dy
    g[:, :-1] -= dy
    return g

def smooth2d_in(n, r):
    return (r.normal(size=(n, n)), r.normal(size=(n, n)), 0.5)

# 2 explicit heat-equation steps (fixed ends), loss against a target profile
def heat(u, target, r):
    for _ in range(20):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap
    return np.sum((u - target) ** 2)

def heat_hand(u, target, r):
    for _ in range(20):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap
    g = 2.0 * (u - target)
    for _ in range(20):
        inner = r * g[1:-1]
        g[2:] += inner
        g[1:-1] -= 2.0 * inner
        g[:-2] += inner
    return g

def heat_in(n, r):
    return (r.normal(size=n), r.normal(size=n), 0.2)

# 3 batched diagonal Gaussian negative log-likelihood (mean and log-variance per sample)
def diag_nll(mu, log_var, x):
    return 0.5 * np.sum(log_var + (x - mu) ** 2 / np.exp(log_var) + np.log(2.0 * np.pi))

def diag_nll_hand(mu, log_var, x):
    d = x - mu
    w = d * np.exp(-log_var)
    return -w, 0.5 - 0.5 * d * w

def diag_nll_in(n, r):
    return (r.normal(size=(n, 4)), 0.3 * r.normal(size=(n, 4)), r.normal(size=(n, 4)))

# 4 logistic regression written with softplus, a bias and an L2 term
def softplus_lr(w, b, X, y, lam):
    z = y * (X @ w + b)
    return np.mean(np.log1p(np.exp(-z))) + lam * np.sum(w ** 2)

def softplus_lr_hand(w, b, X, y, lam):
    z = y * (X @ w + b)
    g = -y / (1.0 + np.exp(z)) / y.shape[0]
    return X.T @ g + 2.0 * lam * w, np.sum(g)

def softplus_lr_in(n, r):
    return (0.1 * r.normal(size=8), 0.1, r.normal(size=(n, 8)), np.sign(r.normal(size=n)), 0.01)

# 5 matrix factorization on observed entries, with an L2 term
def mf(U, V, R, M, lam):
    E = M * (U @ V.T - R)
    return np.sum(E ** 2) + lam * (np.sum(U ** 2) + np.sum(V ** 2))

def mf_hand(U, V, R, M, lam):
    E = 2.0 * M * (U @ V.T - R)
    return E @ V + 2.0 * lam * U, E.T @ U + 2.0 * lam * V

def mf_in(n, r):
    M = (r.uniform(size=(n, 30)) < 0.3).astype(float)
    return (r.normal(size=(n, 5)), r.normal(size=(30, 5)), r.normal(size=(n, 30)), M, 0.1)

# 6 batched softmax attention (batch, tokens, features), squared error against a target
def battn(Q, K, V, T):
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    s = s - np.max(s, axis=-1, keepdims=True)
    a = np.exp(s)
    a = a / np.sum(a, axis=-1, keepdims=True)
    return 0.5 * np.sum((a @ V - T) ** 2)

def battn_hand(Q, K, V, T):
    c = 1.0 / np.sqrt(Q.shape[-1])
    s = Q @ np.swapaxes(K, -1, -2) * c
    a = np.exp(s - s.max(axis=-1, keepdims=True))
    a /= a.sum(axis=-1, keepdims=True)
    go = a @ V - T
    ga = go @ np.swapaxes(V, -1, -2)
    gs = a * (ga - np.sum(ga * a, axis=-1, keepdims=True)) * c
    return gs @ K, np.swapaxes(gs, -1, -2) @ Q, np.swapaxes(a, -1, -2) @ go

def battn_in(n, r):
    return tuple(r.normal(size=(4, n, 8)) for _ in range(4))

# 7 linear SVM: hinge loss and an L2 term
def svm(w, X, y, lam):
    return np.sum(np.maximum(0.0, 1.0 - y * (X @ w))) + lam * np.dot(w, w)

def svm_hand(w, X, y, lam):
    active = (1.0 - y * (X @ w)) > 0.0
    return -(X.T @ (y * active)) + 2.0 * lam * w

def svm_in(n, r):
    return (r.normal(size=6), r.normal(size=(n, 6)), np.sign(r.normal(size=n)), 0.05)

# 8 running sums in a Python list of numbers (acc[i] += v), a variance-like loss of them
def listacc(x, w):
    acc = [0.0, 0.0]
    for i in range(x.shape[0]):
        v = w * x[i]
        acc[0] += v
        acc[1] += v * v
    return acc[1] - acc[0] ** 2 / x.shape[0]

def listacc_hand(x, w):
    acc = [0.0, 0.0]
    for i in range(x.shape[0]):
        v = w * x[i]
        acc[0] += v
        acc[1] += v * v
    g0 = -2.0 * acc[0] / x.shape[0]  # d loss / d acc[0]; d loss / d acc[1] is 1
    g = np.empty_like(x)
    for i in reversed(range(x.shape[0])):
        g[i] = w * (g0 + 2.0 * (w * x[i]))
    return g

def listacc_in(n, r):
    return (r.normal(size=n), 0.7)

WORK = [
    ("smooth2d", smooth2d, smooth2d_hand, smooth2d_in, 0),
    ("heat", heat, heat_hand, heat_in, 0),
    ("diag_nll", diag_nll, diag_nll_hand, diag_nll_in, (0, 1)),
    ("softplus_lr", softplus_lr, softplus_lr_hand, softplus_lr_in, (0, 1)),
    ("mf", mf, mf_hand, mf_in, (0, 1)),
    ("battn", battn, battn_hand, battn_in, (0, 1, 2)),
    ("svm", svm, svm_hand, svm_in, 0),
    ("listacc", listacc, listacc_hand, listacc_in, 0),
]
SIZES = {"smooth2d": (8, 100), "battn": (8, 64), "mf": (10, 1000), "listacc": (10, 1000)}
