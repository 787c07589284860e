"""NumPy written the way people write it, in forms the earlier zoos do not take (part three): the
Python around the NumPy: a ``@dataclass`` of weights read by a method-free forward, a
``NamedTuple`` of kernel log-parameters, ``**opts`` read by ``opts.get``, ``functools.reduce``
over ``(W, b)`` layers with a lambda, discounted returns by ``itertools.accumulate`` of a reversed
list, lambdas with default arguments built in a comprehension, activations picked from a
string-keyed dict, ``np.errstate`` around a guarded ratio, validation by ``assert`` and a dead
``raise ValueError(f"...")``, early returns in helpers, ``out = np.empty(...)`` filled by
``enumerate(zip(...))``, ``reshape(-1)`` round trips, ``x.T`` and ``@``, ``np.newaxis``,
``.sum(axis=-1, keepdims=True)`` and augmented slice assignments."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np


@dataclass
class MLPWeights:
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    scale: float = 1.0


def dataclass_mlp(p, x, y):
    h = np.tanh(x @ p.W1 + p.b1)
    pred = p.scale * (h @ p.W2).reshape(-1)
    return np.mean((pred - y) ** 2)


class KernelParams(NamedTuple):
    log_ell: float
    log_sf: float
    log_noise: float


def gp_namedtuple_nll(theta, X, y):
    ell, sf2, noise = np.exp(theta.log_ell), np.exp(2 * theta.log_sf), np.exp(theta.log_noise)
    sq = np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)
    K = sf2 * np.exp(-0.5 * sq / ell ** 2) + noise * np.eye(len(y))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L)))


def _robust(residual, **opts):
    delta = opts.get("delta", 1.0)
    kind = opts.get("kind", "huber")
    a = np.abs(residual)
    if kind == "cauchy":
        return delta ** 2 * np.log1p((residual / delta) ** 2)
    return np.where(a <= delta, 0.5 * residual ** 2, delta * (a - 0.5 * delta))


def robust_fit(w, X, y):
    r = X @ w - y
    return _robust(r, delta=0.5).sum() + 0.1 * _robust(r, kind="cauchy", delta=2.0).sum()


def reduce_layers(layers, x):
    h = functools.reduce(lambda acc, layer: np.tanh(acc @ layer[0] + layer[1]), layers, x)
    return np.sum(h ** 2)


def accumulate_returns(rewards, values, gamma=0.9):
    returns = list(itertools.accumulate(rewards[::-1], lambda acc, r: r + gamma * acc))[::-1]
    advantages = np.array(returns) - values
    return np.mean(advantages ** 2)


def default_arg_lambdas(x):
    powers = [lambda z, k=k: z ** k / k for k in range(1, 4)]
    return sum(np.sum(f(x)) for f in powers)


ACTIVATIONS = {"tanh": np.tanh, "softplus": lambda z: np.logaddexp(0.0, z),
               "swish": lambda z: z / (1.0 + np.exp(-z))}


def configured_net(weights, x, config=None):
    config = config or {"hidden": "swish", "out": "softplus", "weight_decay": 0.01}
    h = ACTIVATIONS[config["hidden"]](x @ weights["in"])
    out = ACTIVATIONS[config["out"]](h @ weights["out"])
    decay = config["weight_decay"] * sum(np.sum(w ** 2) for w in weights.values())
    return out.sum() + decay


def guarded_ratio(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(den != 0, num / den, 0.0)
    return np.sum(ratio ** 2)


def _check(x, w):
    assert x.ndim == 2, f"expected a matrix, got {x.ndim} dims"
    if x.shape[1] != w.shape[0]:
        raise ValueError(f"shape mismatch: {x.shape} @ {w.shape}")


def validated_logreg(w, x, y):
    _check(x, w)
    z = x @ w
    return np.mean(np.logaddexp(0.0, z) - y * z)


def _penalty(w, kind):
    if kind is None:
        return 0.0
    if kind == "l1":
        return np.sum(np.sqrt(w ** 2 + 1e-6))
    return np.sum(w ** 2)


def early_return_penalties(w, x):
    base = np.sum((x @ w) ** 2)
    return base + sum(0.1 * _penalty(w, kind) for kind in (None, "l1", "l2"))


def filled_features(x, centers, widths):
    out = np.empty((len(x), len(centers)))
    for j, (c, s) in enumerate(zip(centers, widths, strict=True)):
        out[:, j] = np.exp(-0.5 * ((x - c) / s) ** 2)
    out /= out.sum(axis=-1, keepdims=True)
    return out.T @ x


def reshape_round_trip(W, x):
    flat = W.reshape(-1)
    flat = flat / np.linalg.norm(flat)
    M = flat.reshape(W.shape)
    return np.sum((x @ M.T) ** 2)


def slice_updates(x, steps=3):
    y = np.zeros(len(x) + 2)
    y[1:-1] = x
    for _ in range(steps):
        y[1:-1] += 0.25 * (y[:-2] - 2 * y[1:-1] + y[2:])
        y[0], y[-1] = y[1], y[-2]
    return y @ y
