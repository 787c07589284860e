"""NumPy written the way other projects write it (part three): the Python around the NumPy:
``np.newaxis`` broadcasting in pairwise distances, ``np.where`` masks and ``np.clip``,
``for i, (a, b) in enumerate(zip(...))``, a Newton iteration run by ``while`` to a tolerance,
a class holding ``self.W`` and ``self.b`` with a method calling another, a dataclass of
parameters, helpers calling helpers, ``a, b = zip(l1, l2)`` (transposing pairs), a module
returned by a helper (``xp = _namespace(x)``), ``np.histogram`` counts as weights (of constant
data, and of the targets themselves, re-weighting an imbalanced regression), and a
``def f(x, xp=np)`` default."""

from __future__ import annotations

import dataclasses

import numpy as np


def pairwise_newaxis(X):
    diff = X[:, np.newaxis, :] - X[np.newaxis, :, :]
    d2 = (diff ** 2).sum(-1)
    iu = np.triu_indices(X.shape[0], 1)
    return np.sum(1.0 / (1.0 + d2[iu]))


def where_mask_clip(x, lo=-0.5, hi=0.8):
    c = np.clip(x, lo, hi)
    mask = x > 0
    y = np.where(mask, np.sqrt(np.abs(x) + 1.0), np.exp(x))
    return np.sum(c * y)


def enumerate_zip_pairs(xs, ws):
    total = 0.0
    for i, (x, w) in enumerate(zip(xs, ws)):  # noqa: B905
        total = total + (i + 1) * w * np.sin(x)
    return total


def newton_cuberoot(a, tol=1e-12):
    x = a if a > 1.0 else 1.0
    while True:
        step = (x ** 3 - a) / (3.0 * x ** 2)
        x = x - step
        if abs(step) < tol:
            break
    return x


def newton_while_tol(c, tol=1e-10):
    x = np.ones_like(c)
    delta = np.inf
    while delta > tol:
        new = x - (x * np.exp(x) - c) / (np.exp(x) * (1.0 + x))
        delta = np.max(np.abs(new - x))
        x = new
    return np.sum(x)


class Dense:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def pre(self, x):
        return x @ self.W + self.b

    def __call__(self, x):
        return np.tanh(self.pre(x))


class TwoLayer:
    def __init__(self, rng):
        self.l1 = Dense(rng.normal(size=(3, 4)) * 0.5, np.zeros(4))
        self.l2 = Dense(rng.normal(size=(4, 2)) * 0.5, np.full(2, 0.1))

    def loss(self, X, Y):
        out = self.l2(self.l1(X))
        return np.mean((out - Y) ** 2)


@dataclasses.dataclass
class Ridge:
    weights: np.ndarray
    alpha: float = 0.1


def dataclass_ridge(params, X, y):
    r = X @ params.weights - y
    return r @ r + params.alpha * np.sum(params.weights ** 2)


def _sq(v):
    return v * v


def _norm2(v):
    return np.sum(_sq(v))


def _cos_sim(a, b):
    return np.dot(a, b) / np.sqrt(_norm2(a) * _norm2(b))


def helpers_calling_helpers(a, b):
    return 1.0 - _cos_sim(a, b) + 0.1 * _norm2(a - b)


def zip_transpose(points):
    xs, ys = zip(*points)  # noqa: B905
    return np.sum(np.array(xs) * np.array(ys))


def zip_two_lists(l1, l2):
    a, b = zip(l1, l2)  # noqa: B905
    return a[0] * a[1] + b[0] * b[1] ** 2


def _namespace(x):
    return np


def found_namespace_norm(x):
    xp = _namespace(x)
    return xp.sum(xp.tanh(x) ** 2)


def histogram_weights(x, data):
    counts, edges = np.histogram(data, bins=3, range=(-2.0, 2.0))
    centers = 0.5 * (edges[1:] + edges[:-1])
    return np.sum(counts * (x - centers) ** 2)


def balanced_mse(pred, target):
    counts, edges = np.histogram(target, bins=4, range=(-2.0, 2.0))
    idx = np.clip(np.digitize(target, edges) - 1, 0, 3)
    w = 1.0 / counts[idx]
    return np.sum(w * (pred - target) ** 2)


def xp_default_logsumexp(x, xp=np):
    m = xp.max(x)
    return m + xp.log(xp.sum(xp.exp(x - m)))


def masked_mean(x, valid):
    vals = np.where(valid, x, 0.0)
    return np.sum(vals ** 2) / np.maximum(np.sum(valid), 1)


def running_max_ratio(x):
    peak = np.maximum.accumulate(x)
    return np.sum(x / peak)
