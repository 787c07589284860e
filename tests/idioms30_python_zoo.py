"""NumPy written the way other projects write it (idioms30, part four): the Python around the
math: ``functools.reduce`` over layers, ``itertools.accumulate`` of discounts, recursion,
``__call__`` kernels in a class hierarchy with properties and ``super()``, namedtuple
parameters, closures returning closures, ``map``/``lambda``, keyword-only arguments and
``*args``/``**kwargs`` forwarding helpers."""

from __future__ import annotations

import functools
import itertools
import operator
from collections import namedtuple

import numpy as np


def reduce_layers(x, Ws):
    h = functools.reduce(lambda h, W: np.tanh(h @ W), Ws, x)
    return np.sum(h ** 2)


def reduce_mul_scalars(x):
    return functools.reduce(operator.mul, [np.sin(x[0]), x[1], 1.0 + x[2] ** 2])


def accumulate_discounts(rewards, gamma):
    discounts = list(itertools.accumulate([1.0] + [gamma] * (len(rewards) - 1), operator.mul))
    return sum(d * r for d, r in zip(discounts, rewards))  # noqa: B905  (as people write it)


def accumulate_running_max(x):
    peaks = np.array(list(itertools.accumulate(x, max)))
    return np.sum(peaks - x)


def _tree_sum(x, lo, hi):
    if hi - lo == 1:
        return x[lo] ** 2
    mid = (lo + hi) // 2
    return _tree_sum(x, lo, mid) * 0.5 + _tree_sum(x, mid, hi)


def recursive_tree(x):
    return _tree_sum(x, 0, len(x))


def recursive_tree_literal(x):
    return _tree_sum(x, 0, 5)


def _power(m, k):
    if k == 0:
        return np.eye(len(m))
    half = _power(m, k // 2)
    return half @ half if k % 2 == 0 else half @ half @ m


def recursive_matrix_power(A):
    return np.trace(_power(A / 3.0, 5))


class Kernel:
    def __init__(self, log_ls):
        self.log_ls = log_ls

    @property
    def lengthscale(self):
        return np.exp(self.log_ls)

    def _k(self, r):
        raise NotImplementedError

    def __call__(self, a, b):
        r = np.sqrt(np.sum((a[:, None, :] - b[None, :, :]) ** 2, axis=-1) + 1e-12)
        return self._k(r / self.lengthscale)


class RBF(Kernel):
    def _k(self, r):
        return np.exp(-0.5 * r ** 2)


class Matern32(Kernel):
    def _k(self, r):
        s = np.sqrt(3.0) * r
        return (1.0 + s) * np.exp(-s)


class SumKernel(Kernel):
    def __init__(self, *kernels):
        super().__init__(0.0)
        self.kernels = kernels

    def __call__(self, a, b):
        return sum(k(a, b) for k in self.kernels)


def kernel_hierarchy(X, y):
    k = SumKernel(RBF(0.3), Matern32(-0.2))
    K = k(X, X) + 0.1 * np.eye(len(X))
    return y @ np.linalg.solve(K, y)


def kernel_lengthscale(log_ls, X, y):
    K = Matern32(log_ls)(X, X) + 0.1 * np.eye(len(X))
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * y @ np.linalg.solve(K, y) + 0.5 * logdet


Params = namedtuple("Params", ["W", "b", "scale"])


def namedtuple_params(params, x):
    h = x @ params.W + params.b
    return params.scale * np.sum(np.log1p(np.exp(h)))


def namedtuple_replace(params, x):
    p2 = params._replace(scale=params.scale ** 2)
    W, b, s = p2
    return s * np.sum((x @ W + b) ** 2)


def _make_objective(X, y):
    def with_reg(lam):
        def objective(w):
            r = X @ w - y
            return r @ r + lam * w @ w
        return objective
    return with_reg


def closure_of_closure(w, X, y):
    return _make_objective(X, y)(0.3)(w)


def map_lambda_terms(x):
    terms = list(map(lambda t: np.exp(-t) * t, x))  # noqa: C417  (as people write it)
    return sum(terms) + sum(map(np.square, x))


def _loss(w, *, X, y, reg=0.1, kind="l2"):
    r = X @ w - y
    base = np.sum(r ** 2) if kind == "l2" else np.sum(np.abs(r))
    return base + reg * np.sum(w ** 2)


def keyword_only(w, X, y):
    return _loss(w, X=X, y=y) + _loss(w, X=X, y=y, reg=0.0, kind="l1")


def _apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def _scaled_sum(x, y, *, scale=1.0, power=2):
    return scale * np.sum((x - y) ** power)


def args_kwargs_forward(x, y):
    opts = {"scale": 0.5, "power": 4}
    return _apply(_scaled_sum, x, y, **opts) + _apply(_scaled_sum, x, y)


class Layer:
    def __call__(self, x):
        return self.forward(x)


class Dense(Layer):
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        return x @ self.W + self.b


class Tanh(Layer):
    def forward(self, x):
        return np.tanh(x)


class Sequential(Layer):
    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


def sequential_model(W1, x, W2):
    net = Sequential(Dense(W1, 0.1), Tanh(), Dense(W2, -0.2), Tanh())
    return np.sum(net(x) ** 2)


def dict_comprehension_model(params, x):
    scaled = {k: v * 2.0 for k, v in params.items() if k != "skip"}
    h = np.tanh(x @ scaled["W"] + scaled["b"])
    return np.sum(h) + params["skip"] * np.sum(x)


def sorted_by_lambda(x):
    pairs = sorted(zip(x, range(len(x))), key=lambda p: p[0])  # noqa: B905  (as people write it)
    return sum(v * (i + 1) for i, (v, _) in enumerate(pairs))


def starmap_products(x, y):
    return sum(itertools.starmap(lambda a, b: a * np.cos(b), zip(x, y)))  # noqa: B905  (as people write it)


def pairwise_combinations(x):
    return sum((a - b) ** 2 for a, b in itertools.combinations(x, 2))


def partial_keyword(w, X, y):
    f = functools.partial(_loss, X=X, y=y, reg=0.5)
    return f(w)
