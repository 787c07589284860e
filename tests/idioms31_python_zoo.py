"""NumPy written the way other projects write it (idioms31, part three): the Python around the
math, with the forms this stop differentiates (``itertools.starmap`` over ``zip``, a forwarding
helper ``def f(*args, **kw): return g(*args, **kw)``, a class whose ``__init__`` takes
``*args``, ``p._replace(w=...)`` of a namedtuple argument and ``dataclasses.replace``, the
squares of ``np.hypot``, ``math.hypot`` and ``math.dist``, ``scipy.linalg.norm``, a pseudo-inverse
of a symmetric matrix) beside everyday spellings (a dict of parameters, ``enumerate``/``zip``
over layers, generators, a config dict, a bisection-shaped loop, closures)."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import operator
from collections import namedtuple
from typing import NamedTuple

import numpy as np
import scipy.linalg as sla


def weighted_terms(w, x):
    return sum(itertools.starmap(operator.mul, zip(w, np.sin(x))))  # noqa: B905


def residuals_starmap(params, xs, ys):
    a, b = params
    return sum(itertools.starmap(lambda x, y: (a * x + b - y) ** 2, zip(xs, ys)))  # noqa: B905


def _affine(x, W, b=0.0, scale=1.0):
    return scale * (x @ W + b)


def forward_all(*args, **kwargs):
    return _affine(*args, **kwargs)


def forwarded_layer(W, x):
    h = np.tanh(forward_all(x, W, b=0.1, scale=2.0))
    return np.sum(h ** 2)


def log_call(*args):
    return _affine(*args)


def forwarded_positional(W, x):
    return np.sum(log_call(x, W, 0.5) ** 2)


class Layer:
    def __init__(self, *args):
        self.w = args[0]
        self.b = args[1]


def star_args_layer(w, x):
    layer = Layer(w, 0.5)
    return np.sum(np.tanh(x * layer.w + layer.b))


class Scaled:
    def __init__(self, scale, *weights):
        self.first = scale * weights[0]
        self.last = weights[-1]


def star_args_after_named(w, v):
    s = Scaled(2.0, w, v)
    return np.sum(s.first * s.last)


Params = namedtuple("Params", "w b")


def replaced_params(p, X, y):
    p = p._replace(b=p.b * 0.5)
    pred = X @ p.w + p.b
    return np.mean((pred - y) ** 2)


def replaced_twice(p, x):
    p = p._replace(b=p.b * 0.5)
    p = p._replace(w=p.w + p.b)
    return np.sum(x @ p.w + p.b)


class Linear(NamedTuple):
    w: np.ndarray
    b: float


def replaced_typed(p, X):
    wider = p._replace(w=np.concatenate([p.w, p.w]))
    return np.sum(np.tanh(np.concatenate([X, X], axis=1) @ wider.w + wider.b))


@dataclasses.dataclass
class Optim:
    lr: float
    w: np.ndarray


def dataclass_replaced(state, g):
    nxt = dataclasses.replace(state, w=state.w - state.lr * g)
    return np.sum(nxt.w ** 2) * nxt.lr


def hypot_energy(xy):
    r2 = np.hypot(xy[:, 0], xy[:, 1]) ** 2
    return np.sum(r2 * np.exp(-r2))


def math_hypot_squares(p):
    return math.hypot(p[0], p[1]) ** 2 + math.hypot(p[1], p[2], p[0]) ** 2


def dist_squared_spring(p, q, rest=0.0):
    return 0.5 * (math.dist(p, q) ** 2 - rest) + math.dist(p, q)


def scipy_norms(w):
    return sla.norm(w) ** 2 + sla.norm(w, 1) + sla.norm(w.reshape(2, 2), "fro")


def kernel_ridge_pinv(log_ls, X, y):
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = np.exp(-0.5 * d2 / np.exp(2 * log_ls)) + 0.1 * np.eye(len(X))
    alpha = np.linalg.pinv(K, hermitian=True) @ y
    return y @ alpha


def dict_params_loss(params, X, y):
    h = np.tanh(X @ params["W1"] + params["b1"])
    out = h @ params["W2"]
    reg = sum(np.sum(v ** 2) for k, v in params.items() if k.startswith("W"))
    return np.mean((out - y) ** 2) + 1e-2 * reg


def layers_enumerate(weights, x):
    h = x
    for i, (W, scale) in enumerate(zip(weights, (1.0, 0.5))):  # noqa: B905
        h = np.tanh(W @ h) * scale + 0.1 * i
    return np.sum(h)


def generator_moments(x):
    m1 = sum(v for v in x) / len(x)
    m2 = sum((v - m1) ** 2 for v in x) / len(x)
    return m2 + m1 ** 2


def horner(coeffs, x):
    acc = np.zeros_like(x)
    for c in coeffs:
        acc = acc * x + c
    return np.sum(acc)


CONFIG = {"lr": 0.1, "decay": 0.9, "steps": 4}


def config_driven(w, X, y):
    lr = CONFIG["lr"]
    for _ in range(CONFIG["steps"]):
        w = w - lr * X.T @ (X @ w - y)
        lr *= CONFIG["decay"]
    return np.sum((X @ w - y) ** 2)


def fixed_point_iteration(c, iterations=10):
    x = 0.5
    for _ in range(iterations):
        x = np.cos(c * x)
    return x


def reduce_product(x):
    return functools.reduce(lambda a, b: a * b, x[:3]) + np.prod(x[3:])


def closure_scale(w, x):
    def make(k):
        def apply(v):
            return k * np.sin(v)
        return apply

    f = make(2.0)
    return np.sum(f(w * x))


def clipped_update(w, g, max_norm=1.0):
    norm = np.linalg.norm(g)
    scale = min(1.0, max_norm / norm)
    return np.sum((w - scale * g) ** 2)


def sorted_by_key(x):
    pairs = sorted(zip(x, np.arange(len(x))), key=lambda p: p[1])  # noqa: B905
    return sum(v * (i + 1) for v, i in pairs)
