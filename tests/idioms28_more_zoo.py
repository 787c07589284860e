"""NumPy written the way people write it (part two): ML layers (scaled dot-product and
multi-head attention, layer norm, a 1-D convolution and a 2-D one by slicing, a GRU step, batch
norm, max pooling by ``reshape``), classic optimization test functions (Rastrigin, Ackley, Beale,
Himmelblau, Styblinski-Tang, Levy, Rosenbrock by a ``zip`` comprehension), array-API style code
(``def f(x, xp=np)``, keyword-only ``*, xp=np``, a helper with ``xp=np`` called without it,
``self.xp`` in a class), and the Python around the NumPy (``math.hypot(*v)``, ``helper(*x[:2])``,
``*args`` helpers, ``@dataclass`` and ``NamedTuple`` parameters, ``functools.reduce``,
comprehensions over ``zip``/``enumerate``)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

# ML layers


def _softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def attention(q, k, v):
    scores = q @ k.T / np.sqrt(q.shape[-1])
    return np.sum(_softmax(scores) @ v)


def multi_head(x, Wq, Wk, heads=2):
    n, d = x.shape
    q = (x @ Wq).reshape(n, heads, d // heads).transpose(1, 0, 2)
    k = (x @ Wk).reshape(n, heads, d // heads).transpose(1, 0, 2)
    att = _softmax(q @ k.transpose(0, 2, 1) / math.sqrt(d // heads))
    out = (att @ q).transpose(1, 0, 2).reshape(n, d)
    return np.sum(out ** 2)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    y = gamma * (x - mu) / np.sqrt(var + eps) + beta
    return np.sum(np.tanh(y))


def conv1d_valid(x, w):
    n = len(x) - len(w) + 1
    out = sum(w[k] * x[k:k + n] for k in range(len(w)))
    return np.sum(np.maximum(out, 0.1 * out) ** 2)


def conv2d_slices(img, kern):
    kh, kw = kern.shape
    h, w = img.shape[0] - kh + 1, img.shape[1] - kw + 1
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            out += kern[i, j] * img[i:i + h, j:j + w]
    return np.mean(np.tanh(out))


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_step(h, x, Wz, Wr, Wh):
    hx = np.concatenate([h, x])
    z = _sigmoid(Wz @ hx)
    r = _sigmoid(Wr @ hx)
    cand = np.tanh(Wh @ np.concatenate([r * h, x]))
    h_new = (1 - z) * h + z * cand
    return np.sum(h_new ** 2)


def batchnorm_relu(X, W, gamma, beta):
    a = X @ W
    mu, var = a.mean(axis=0), a.var(axis=0)
    a_hat = (a - mu) / np.sqrt(var + 1e-5)
    return np.sum(np.maximum(gamma * a_hat + beta, 0.0) ** 2)


def maxpool_head(img, w):
    h, wd = img.shape
    pooled = img.reshape(h // 2, 2, wd // 2, 2).max(axis=(1, 3))
    return np.sum(pooled.ravel() * w)


# optimization test functions


def rastrigin(x, A=10.0):
    return A * len(x) + np.sum(x ** 2 - A * np.cos(2 * np.pi * x))


def ackley(x):
    n = x.size
    a = -20.0 * np.exp(-0.2 * np.sqrt(np.sum(x ** 2) / n))
    b = -np.exp(np.sum(np.cos(2 * np.pi * x)) / n)
    return a + b + 20.0 + np.e


def beale(p):
    x, y = p
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 +
            (2.625 - x + x * y ** 3) ** 2)


def himmelblau(p):
    x, y = p[0], p[1]
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def styblinski_tang(x):
    return sum(xi ** 4 - 16 * xi ** 2 + 5 * xi for xi in x) / 2


def levy(x):
    w = 1 + (x - 1) / 4
    head = np.sin(np.pi * w[0]) ** 2
    mid = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(np.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + np.sin(2 * np.pi * w[-1]) ** 2)
    return head + mid + tail


def rosenbrock_zip(x):
    return sum(100.0 * (b - a * a) ** 2 + (1 - a) ** 2 for a, b in zip(x[:-1], x[1:], strict=True))


# array-API style


def xp_softmax_xent(logits, labels, xp=np):
    shifted = logits - xp.max(logits, axis=1, keepdims=True)
    logp = shifted - xp.log(xp.sum(xp.exp(shifted), axis=1, keepdims=True))
    return -xp.mean(xp.sum(labels * logp, axis=1))


def xp_kw_energy(x, *, xp=np):
    return xp.sum(xp.sqrt(1.0 + x ** 2)) + xp.linalg.norm(x)


def _xp_unit(v, xp=np):
    return v / xp.sqrt(xp.sum(v * v))


def xp_helper_cosine(a, b):
    return np.dot(_xp_unit(a), _xp_unit(b))


class XpRidge:
    def __init__(self, X, y, lam=0.1):
        self.xp = np
        self.X, self.y, self.lam = X, y, lam

    def loss(self, w):
        xp = self.xp
        r = self.X @ w - self.y
        return xp.mean(r ** 2) + self.lam * xp.sum(w ** 2)


class XpMlp:
    def __init__(self, xp=np):
        self.xp = xp

    def forward(self, W, x):
        return self.xp.sum(self.xp.tanh(x @ W) ** 2)


# the Python around the NumPy


def hypot_star(v):
    return math.hypot(*v) + math.hypot(*(v[:2] - 1.0))


def _area(a, b):
    return a * b + 0.5 * (a - b) ** 2


def star_slice_helper(x):
    front = _area(*x[:2])
    return front + _area(*x[1:3])


def star_slices_one_line(x):
    return _area(*x[:2]) + _area(*x[1:3])  # (refused: the second star after a call of the user's)


def _total(*parts):
    return sum(np.sum(p ** 2) for p in parts)


def varargs_total(a, b):
    return _total(a, b, a * b)


@dataclass
class Spring:
    k: float
    rest: float


def dataclass_springs(springs, x):
    return sum(0.5 * s.k * (x[i + 1] - x[i] - s.rest) ** 2 for i, s in enumerate(springs))


class Pose(NamedTuple):
    x: float
    y: float
    theta: float


def namedtuple_pose_cost(pose, landmarks):
    c, s = math.cos(pose.theta), math.sin(pose.theta)
    rel = landmarks - np.array([pose.x, pose.y])
    local = rel @ np.array([[c, -s], [s, c]])
    return float(np.sum(local[:, 0] ** 2) - np.sum(local[:, 1]))


def reduce_matrix_chain(A, B, C):
    prod = functools.reduce(np.matmul, [A, B, C])
    return np.trace(prod @ prod.T)


def enumerate_zip_weights(xs, ws):
    return sum((i + 1) * w * np.sum(x ** 2) for i, (w, x) in enumerate(zip(ws, xs, strict=True)))


def stacked_features(x):
    feats = np.stack([x ** p / math.factorial(p) for p in range(1, 4)], axis=1)
    return np.sum(feats @ np.array([1.0, -0.5, 0.25]))
