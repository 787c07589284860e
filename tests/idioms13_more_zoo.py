"""More programs for ``tests/test_idioms13.py``: training loops and layers written out (in-place
ReLU, Adam, GRU and RNN cells, attention masks by ``-inf``), physics and geometry (pendulum,
Lorenz, rotations, barycentric coordinates, springs), numerical methods (power iteration,
Gauss-Newton, PageRank), and the object styles tutorials use (a dataclass model with
a list of ``(W, b)``, a class with a property, named-tuple states stepped by a function,
closures, nested ``def``s, static and class methods)."""

import dataclasses
import math
from functools import reduce
from typing import NamedTuple

import numpy as np

# --- layers, loops, linear algebra ------------------------------------------------------------

def mlp_inplace_relu(x, W1, W2):
    h = x @ W1
    h[h < 0] = 0.0
    out = h @ W2
    out -= out.mean()
    return np.sum(out ** 2)

def adam_unrolled(w, X, y, lr=0.05):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, 4):
        g = X.T @ (X @ w - y) / len(y)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        mhat = m / (1 - 0.9 ** t)
        vhat = v / (1 - 0.999 ** t)
        w = w - lr * mhat / (np.sqrt(vhat) + 1e-8)
    return np.sum((X @ w - y) ** 2)

def col_normalize_inplace(A):
    B = A.copy()
    for j in range(B.shape[1]):
        B[:, j] /= np.linalg.norm(B[:, j])
    return np.sum(B @ B.T)

def row_views(Y):
    Z = Y * 1.0
    for row in Z:
        row *= 2.0
        row += row[0]
    return np.sum(Z ** 2)

def reduce_product(xs):
    return reduce(lambda a, b: a * b, xs) + math.prod(xs)

def int_input_mix(x, n):
    k = n // 2
    return np.sum(x[:k] ** 2) + float(n) * np.sum(x[k:])

def broadcast_outer(a, b):
    M = a[:, None] * b[None, :] - np.minimum.outer(a, b)
    return np.sum(np.exp(-M ** 2))

def chained_comparisons(x):
    y = np.where((x > -0.5) & (x < 0.5), x ** 2, np.abs(x))
    return np.sum(y) + np.sum(np.logical_and(x > 0, x < 1) * x)

def power_iteration(A):
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    M = A @ A.T
    for _ in range(20):
        v = M @ v
        v = v / np.linalg.norm(v)
    return v @ M @ v

def sum_of_list_arrays(xs_arr):
    parts = [xs_arr[i] * (i + 1) for i in range(3)]
    return np.sum(sum(parts)) + np.sum(np.add.reduce(parts))

def tuple_returning_helper(x):
    def stats(v):
        return v.mean(), v.std()
    m, s = stats(x)
    return (x[0] - m) / s

def matrix_power_trace(A):
    return np.trace(np.linalg.matrix_power(A, 3)) + np.sum(np.linalg.eigvalsh(A + A.T))

def nested_loops_pairwise(X):
    n = X.shape[0]
    E = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            d = X[i] - X[j]
            E += 1.0 / (1.0 + d @ d)
    return E

def logsumexp_manual(x, axis=0):
    m = np.max(x, axis=axis, keepdims=True)
    return np.sum(m.squeeze(axis) + np.log(np.sum(np.exp(x - m), axis=axis)))

def masked_fill_neg_inf(scores, mask):
    s = scores.copy()
    s[~mask] = -np.inf
    s = s - s.max(axis=1, keepdims=True)
    w = np.exp(s)
    w /= w.sum(axis=1, keepdims=True)
    return np.sum(w * scores)

def reshape_transpose_chain(x):
    y = x.reshape(2, 3, 2).transpose(1, 0, 2).reshape(3, -1)
    return np.sum(y * np.arange(12).reshape(3, 4)) + np.sum(y.ravel()[::2] ** 2)

def flip_and_stack(x):
    z = np.concatenate([x, np.flip(x), x[::-1] * 2])
    return np.sum(np.vstack([z, z ** 2]).T @ np.ones(2))

def atleast_and_squeeze(x):
    a = np.atleast_2d(x)
    return np.sum(np.squeeze(a @ a.T))

def round_trip_dtype(x):
    y = x.astype(np.float32).astype(np.float64)
    return np.sum(np.sin(x) * 2.0) + 0.0 * np.sum(y)

def complex_free_abs(x):
    return np.sum(np.abs(x) ** 1.5) + np.sum(np.sign(x) * x ** 2)

def hinge_svm(w, X, y, C=1.0):
    margins = 1 - y * (X @ w)
    return 0.5 * w @ w + C * np.sum(np.maximum(0, margins))

def kmeans_soft(C, X, beta=3.0):
    d = ((X[:, None, :] - C[None]) ** 2).sum(-1)
    r = np.exp(-beta * d)
    r = r / r.sum(1, keepdims=True)
    return np.sum(r * d)

def ewma(x, alpha=0.3):
    out = np.empty_like(x)
    out[0] = x[0]
    for t in range(1, len(x)):
        out[t] = alpha * x[t] + (1 - alpha) * out[t - 1]
    return np.sum(out ** 2)

def diag_ops(A):
    return np.sum(np.diag(np.diag(A))) + np.sum(np.diagonal(A, offset=1)) + np.sum(np.tril(A, -1) ** 2)

def list_append_loop(x):
    out = []
    for i in range(len(x)):
        if x[i] > 0:
            out.append(x[i] ** 2)
        else:
            out.append(-x[i])
    return sum(out)

def mean_of_dicts(x):
    stats = {"mean": np.mean(x), "var": np.var(x)}
    stats["z"] = (x - stats["mean"]) / np.sqrt(stats["var"])
    return np.sum(stats["z"] ** 3)

def quadratic_form_solve(A, b):
    M = A.T @ A + np.eye(A.shape[1])
    x = np.linalg.solve(M, b)
    return b @ x

def softmax_axis0(X):
    e = np.exp(X - X.max(0))
    return np.sum((e / e.sum(0)) ** 2)

# --- physics, geometry, numerical methods --------------------------------------------------

class Params(NamedTuple):
    w: np.ndarray
    b: float

@dataclasses.dataclass(frozen=True)
class Config:
    lr: float = 0.1
    l2: float = 0.01

CFG = Config()

def namedtuple_build(w, b, X):
    p = Params(w, b)
    p = p._replace(b=p.b * 2.0)
    return np.sum((X @ p.w + p.b) ** 2) + CFG.l2 * np.sum(p.w ** 2)

def rotation_matrix(theta, pts):
    c, s = np.cos(theta), np.sin(theta)
    R = np.array([[c, -s], [s, c]])
    return np.sum((pts @ R.T) ** 2 * np.array([1.0, 2.0]))

def barycentric(p, tri):
    a, b, c = tri
    v0, v1, v2 = b - a, c - a, p - a
    d00, d01, d11 = v0 @ v0, v0 @ v1, v1 @ v1
    d20, d21 = v2 @ v0, v2 @ v1
    denom = d00 * d11 - d01 * d01
    v = (d11 * d20 - d01 * d21) / denom
    w = (d00 * d21 - d01 * d20) / denom
    return v * w + (1 - v - w) ** 2

def pendulum_energy(state, g=9.81, L=1.0):
    theta, omega = state[0], state[1]
    dt = 0.01
    for _ in range(10):
        omega = omega - g / L * np.sin(theta) * dt
        theta = theta + omega * dt
    return 0.5 * (L * omega) ** 2 + g * L * (1 - np.cos(theta))

def gauss_newton_step(params, t, y):
    a, k = params
    r = a * np.exp(-k * t) - y
    J = np.stack([np.exp(-k * t), -a * t * np.exp(-k * t)], axis=1)
    delta = np.linalg.solve(J.T @ J + 1e-3 * np.eye(2), J.T @ r)
    new = params - delta
    return np.sum((new[0] * np.exp(-new[1] * t) - y) ** 2)

SIGMA2, PI2 = np.array([0.5, 1.0]), np.array([0.3, 0.7])


def gaussian_mixture_nll(mu, x, sigma=SIGMA2, pi=PI2):
    z = (x[:, None] - mu[None, :]) / sigma
    logp = -0.5 * z ** 2 - np.log(sigma * np.sqrt(2 * np.pi)) + np.log(pi)
    m = logp.max(axis=1)
    return -np.sum(m + np.log(np.exp(logp - m[:, None]).sum(axis=1)))

CENTERS5 = np.linspace(-2, 2, 5)


def histogram_soft(x, centers=CENTERS5, width=0.5):
    w = np.exp(-((x[:, None] - centers) / width) ** 2)
    counts = w.sum(axis=0)
    p = counts / counts.sum()
    return -np.sum(p * np.log(p + 1e-12))

def conv2d_valid(img, k):
    H, W = img.shape
    kh, kw = k.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(img[i:i + kh, j:j + kw] * k)
    return np.sum(np.tanh(out))

def maxpool_1d(x):
    y = x[: len(x) // 2 * 2].reshape(-1, 2).max(axis=1)
    return np.sum(y ** 2)

def rnn_unrolled(Wx, Wh, xs):
    h = np.zeros(Wh.shape[0])
    for x in xs:
        h = np.tanh(Wx @ x + Wh @ h)
    return np.sum(h)

def gru_cell(W, x, h):
    z = 1 / (1 + np.exp(-(W[0] @ x + W[1] @ h)))
    r = 1 / (1 + np.exp(-(W[2] @ x + W[3] @ h)))
    n = np.tanh(W[4] @ x + r * (W[5] @ h))
    return np.sum((1 - z) * n + z * h)

def pagerank_like(A, steps=10, d=0.85):
    n = A.shape[0]
    P = np.abs(A) / np.abs(A).sum(axis=0, keepdims=True)
    r = np.full(n, 1.0 / n)
    for _ in range(steps):
        r = (1 - d) / n + d * P @ r
    return r @ np.arange(1.0, n + 1)

def portfolio_variance(w, cov):
    w = np.asarray(w)
    w = w / w.sum()
    return w @ cov @ w - 0.1 * np.log(w).sum()

def spline_smoothness(y, lam=0.1):
    d2 = y[2:] - 2 * y[1:-1] + y[:-2]
    return np.sum((y - np.sin(np.arange(len(y)))) ** 2) + lam * np.sum(d2 ** 2)

def lorenz_rk2(s0, sigma=10.0, rho=28.0, beta=8 / 3, dt=0.005, steps=10):
    def f(s):
        x, y, z = s
        return np.array([sigma * (y - x), x * (rho - z) - y, x * y - beta * z])
    s = s0
    for _ in range(steps):
        k1 = f(s)
        s = s + dt * f(s + 0.5 * dt * k1)
    return s @ s

def tuple_unpack_loop(X):
    total = 0.0
    for i, row in enumerate(X):
        a, b, *rest = row
        total += a * b + (i + 1) * np.sum(np.asarray(rest) ** 2)
    return total

def min_distance(P, q):
    d = np.linalg.norm(P - q, axis=1)
    i = np.argmin(d)
    return d[i] + np.sort(d)[1]

def log_barrier(x, A, b):
    s = b - A @ x
    return x @ x - np.sum(np.log(s))

def soft_threshold(x, lam=0.3):
    return np.sum(np.sign(x) * np.maximum(np.abs(x) - lam, 0.0) * x)

K4 = np.array([1.0, 2.0, 3.0, 4.0])


def elastic_energy(u, k=K4):
    strain = np.diff(np.concatenate(([0.0], u)))
    return 0.5 * np.sum(k * strain ** 2) - u[-1]

# --- object styles ----------------------------------------------------------------------

@dataclasses.dataclass
class MLP:
    sizes: tuple = (3, 4, 1)
    act: str = "tanh"

    def init(self, seed=0):
        rng = np.random.default_rng(seed)
        return [(rng.normal(size=(m, n)) * 0.5, np.zeros(n)) for m, n in
                zip(self.sizes[:-1], self.sizes[1:], strict=True)]

    def forward(self, params, x):
        h = x
        for i, (W, b) in enumerate(params):
            h = h @ W + b
            if i < len(params) - 1:
                h = np.tanh(h) if self.act == "tanh" else np.maximum(h, 0)
        return h

    def loss(self, params, x, y):
        return np.mean((self.forward(params, x)[:, 0] - y) ** 2)

class Spring:
    def __init__(self, k, rest):
        self.k = k
        self.rest = rest

    @property
    def stiffness(self):
        return 2.0 * self.k

    def energy(self, x):
        d = np.linalg.norm(x[1:] - x[:-1], axis=1)
        return 0.5 * self.stiffness * np.sum((d - self.rest) ** 2)

SPRING = Spring(1.5, 0.8)

class State(NamedTuple):
    pos: np.ndarray
    vel: np.ndarray

def step(s: State, dt: float) -> State:
    acc = -s.pos
    return State(s.pos + dt * s.vel, s.vel + dt * acc)

def simulate(pos, vel):
    s = State(pos, vel)
    for _ in range(5):
        s = step(s, 0.1)
    return np.sum(s.pos ** 2) + np.sum(s.vel)

def make_loss(X, y):
    def loss(w):
        r = X @ w - y
        return r @ r
    return loss

X0 = np.arange(12.0).reshape(4, 3) / 10
Y0 = np.array([1.0, -1.0, 0.5, 0.0])
CLOSED = make_loss(X0, Y0)

def nested_def(x, scale=2.0):
    def inner(v):
        return np.sin(v) * scale
    def outer(v):
        return inner(v) ** 2 + inner(2 * v)
    return np.sum(outer(x))

class Model:
    weights = np.array([0.5, -0.2, 0.1])

    @staticmethod
    def feature(x):
        return np.stack([x, x ** 2, np.sin(x)], axis=-1)

    @classmethod
    def predict(cls, x):
        return cls.feature(x) @ cls.weights

def classmethod_loss(x):
    return np.sum(Model.predict(x) ** 2)

@dataclasses.dataclass
class Adam:
    lr: float = 0.1
    b1: float = 0.9

    def run(self, w, g_fn_scale):
        m = np.zeros_like(w)
        for _ in range(3):
            g = g_fn_scale * w
            m = self.b1 * m + (1 - self.b1) * g
            w = w - self.lr * m
        return np.sum(w ** 2)

ADAM = Adam()
