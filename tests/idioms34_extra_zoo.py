"""NumPy written the way people write it (idioms34, part three): parameter containers (frozen
dataclasses with methods, ``NamedTuple`` with ``_replace``, dicts walked by ``.items()`` and ``sorted``),
generator expressions inside ``sum()``, ``zip``/``enumerate`` over lists of arrays, closures,
keyword-only helpers, walrus ``while`` loops, ``np.select`` and ``np.piecewise``-free piecewise
costs, ``np.linspace`` with a differentiated end, ``np.block`` systems, float32 programs
throughout and functions returning ``(loss, aux)``."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
from scipy.special import expit, logsumexp

# Parameter containers


@dataclasses.dataclass(frozen=True)
class MLP:
    W1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray

    def predict(self, X):
        return np.tanh(X @ self.W1 + self.b1) @ self.w2


def dataclass_method(p, X, y):
    """The parameters' own ``predict`` method called on the dataclass under ``wrt``."""
    return np.mean((p.predict(X) - y) ** 2) + 1e-3 * np.sum(p.W1 ** 2)


def dataclass_mlp(p, X, y):
    """A frozen dataclass of parameters; its fields read as attributes."""
    h = np.tanh(X @ p.W1 + p.b1)
    return np.mean((h @ p.w2 - y) ** 2)


class Linear(NamedTuple):
    w: np.ndarray
    b: float


def namedtuple_replace(p, X, y):
    """A ``NamedTuple``; a scaled copy by ``_replace``; fields unpacked by position."""
    q = p._replace(w=0.5 * p.w)
    w, b = q
    return np.sum((X @ w + b - y) ** 2) + np.sum(p.w ** 2)


def maml_inner_steps(params, X, y, lr=0.1):
    """MAML-style inner loop: the parameter dict rebound by a dict comprehension over
    ``params.items()`` at each hand-written gradient step; the loss after adaptation."""
    for _ in range(3):
        r = X @ params["w"] + params["b"] - y
        grads = {"w": X.T @ r / len(y), "b": np.mean(r)}
        params = {k: v - lr * grads[k] for k, v in params.items()}
    return np.mean((X @ params["w"] + params["b"] - y) ** 2)


def dict_items_penalty(params, X, y):
    """A two-layer net in a dict; a weight-decay term over ``params.items()`` filtered by the
    key's name in a generator inside ``sum``."""
    h = np.tanh(X @ params["W1"] + params["b1"])
    loss = np.mean((h @ params["W2"] - y) ** 2)
    return loss + 1e-2 * sum(np.sum(v ** 2) for k, v in params.items() if k.startswith("W"))


def sorted_layer_names(layers, x):
    """Layers in a dict applied in ``sorted`` key order (``layer0``, ``layer1``, ...)."""
    for name in sorted(layers):
        x = np.tanh(layers[name] @ x)
    return x @ x


def pairwise_generator_sum(x):
    """A double generator expression inside ``sum()`` over ``i < j``."""
    n = len(x)
    return sum((x[i] - x[j]) ** 2 / (1 + i + j) for i in range(n) for j in range(i + 1, n))


def zip_star_pairs(w, pairs):
    """``zip(*pairs)`` splitting a list of ``(input, target)`` tuples; ``np.array`` of each."""
    xs, ys = zip(*pairs, strict=True)
    X, Y = np.array(xs), np.array(ys)
    return np.mean((X @ w - Y) ** 2)


def enumerate_zip_weighted(w, xs, ys):
    """``enumerate(zip(...))`` over lists, a discount by the position."""
    total = 0.0
    for t, (x, y) in enumerate(zip(xs, ys, strict=True)):
        total += 0.9 ** t * (np.dot(w, x) - y) ** 2
    return total


def closure_kernel_smoother(log_ell, X, y, Xq):
    """A closure: the kernel reads ``ell`` from the enclosing function; Nadaraya-Watson."""
    ell = np.exp(log_ell)

    def k(a, b):
        return np.exp(-0.5 * np.sum((a[:, None, :] - b[None, :, :]) ** 2, -1) / ell ** 2)

    W = k(Xq, X)
    pred = W @ y / W.sum(axis=1)
    return np.sum(pred ** 2)


def _dense(x, w, *, act=np.tanh, bias=0.0):
    return act(x @ w + bias)


def keyword_only_layers(w, X):
    """A keyword-only helper called with a function (``act=np.sin``) and a default."""
    h = _dense(X, w, act=np.sin, bias=0.1)
    return np.sum(_dense(h, w.T) ** 2)


def walrus_fixed_point(x, tol=1e-10):
    """A fixed point of ``cos`` by a ``while (delta := ...) > tol`` loop (a walrus)."""
    y = np.zeros_like(x)
    it = 0
    while (delta := np.max(np.abs(np.cos(y) * 0.5 + x - y))) > tol and it < 200:
        y = np.cos(y) * 0.5 + x
        it += 1
    return np.sum(y ** 2) + 0.0 * delta


def select_tariff(q):
    """A piecewise cost by ``np.select`` on ranges of the quantity; linear in each piece."""
    cost = np.select([q < 1.0, q < 3.0], [2.0 * q, 2.0 + 1.5 * (q - 1.0)],
                     default=5.0 + 0.5 * (q - 3.0) ** 2)
    return cost.sum()


def linspace_horizon(params, target):
    """``np.linspace(0, T, n)`` with a differentiated horizon ``T``; a decaying signal on it."""
    T, rate = np.exp(params)
    t = np.linspace(0.0, T, 8)
    return np.sum((np.exp(-rate * t) - target) ** 2)


def block_saddle_system(H, g):
    """An equality-constrained quadratic program by its KKT system built with ``np.block``."""
    A = np.array([[1.0, 1.0, 1.0]])
    Hs = H @ H.T + np.eye(3)
    KKT = np.block([[Hs, A.T], [A, np.zeros((1, 1))]])
    sol = np.linalg.solve(KKT, np.concatenate([-g, [1.0]]))
    x = sol[:3]
    return 0.5 * x @ Hs @ x + g @ x


class Scaler:
    """A small model object with a ``staticmethod`` and a ``classmethod`` constructor."""

    def __init__(self, scale):
        self.scale = scale

    @classmethod
    def default(cls):
        return cls(2.0)

    @staticmethod
    def squash(z):
        return z / (1.0 + np.abs(z))

    def __call__(self, x):
        return self.squash(self.scale * x)


def method_kinds(x):
    """A model object built in the function whose ``__call__`` calls a ``staticmethod`` through
    ``self``; the ``staticmethod`` called through the class too."""
    m = Scaler(2.0)
    return np.sum(m(x) ** 2) + Scaler.squash(x.sum())


def validated_inputs(x, w):
    """Argument checks people write: ``assert`` on shapes and a ``raise ValueError`` branch."""
    assert x.ndim == 1 and w.shape == x.shape
    if np.any(~np.isfinite(x)):
        raise ValueError("x must be finite")
    return float(np.dot(w, np.exp(-x ** 2)))


# float32 throughout


def float32_kalman(log_q, ys):
    """A scalar random-walk Kalman filter in float32: every constant cast with ``np.float32``."""
    q = np.exp(log_q)
    m, P, ll = np.float32(0.0), np.float32(1.0), np.float32(0.0)
    r = np.float32(0.5)
    for y in ys:
        P = P + q
        S = P + r
        K = P / S
        ll = ll - np.float32(0.5) * ((y - m) * (y - m) / S + np.log(S))  # (NumPy 1.x: `** 2`
        # of a float32 scalar is float64)
        m = m + K * (y - m)
        P = (np.float32(1.0) - K) * P
    return -ll


def float32_lstm_cell(W, xs):
    """A float32 LSTM: the weights, inputs and state all float32 (``np.zeros(..., np.float32)``)."""
    H = W.shape[0] // 4
    h = np.zeros(H, dtype=np.float32)
    c = np.zeros(H, dtype=np.float32)
    for x in xs:
        z = W @ np.concatenate([x, h])
        i, f, o, g = z[:H], z[H:2 * H], z[2 * H:3 * H], z[3 * H:]
        c = expit(f) * c + expit(i) * np.tanh(g)
        h = expit(o) * np.tanh(c)
    return np.sum(h * h)


def float32_gp_nll(log_ell, x, y):
    """A float32 Gaussian-process likelihood by ``cholesky`` (float32 in, float32 out)."""
    d = (x[:, None] - x[None, :]) / np.exp(log_ell)
    K = np.exp(np.float32(-0.5) * d * d) + np.float32(0.1) * np.eye(len(x), dtype=np.float32)
    L = np.linalg.cholesky(K)
    a = np.linalg.solve(L, y)
    return np.float32(0.5) * a @ a + np.sum(np.log(np.diag(L)))


def float32_softplus_mse(w, X, y):
    """float32 softplus regression: ``np.logaddexp(0, z)`` keeps float32."""
    pred = np.logaddexp(np.float32(0.0), X @ w)
    return np.mean((pred - y) ** 2)


# (loss, aux) tuples


def loss_with_metrics(w, X, y):
    """A loss and a dict of metrics: ``(loss, aux)`` for ``has_aux=True``."""
    logits = X @ w
    p = expit(logits)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
    acc = np.mean((p > 0.5) == (y > 0.5))
    return loss, {"accuracy": acc, "mean_p": float(np.mean(p))}


def loss_with_state(W, X):
    """A loss and the hidden activations (an array aux), the loss by ``logsumexp``."""
    h = np.tanh(X @ W)
    return logsumexp(h, axis=1).sum(), h
