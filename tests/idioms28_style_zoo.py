"""NumPy written the way people write it (part four): the Python around it: a frozen
``@dataclass`` of links as a default, a local ``def`` called with ``*p`` in a generator (refused),
``x, y, *rest = row``, ``**cfg`` handed on, ``functools.reduce`` with an initial value,
``itertools.accumulate`` with a lambda, ``np.maximum.accumulate``, a Cholesky factor filled by
``np.tril_indices``, ``np.piecewise`` with lambdas, the double ``np.where``, a ``@property`` of a
class built in the function (refused), ``enumerate(start=1)``, ``zip`` of three, ``dict.items()``,
nested generators, ``getattr(np, name)`` of a string default; and finance (vega, a soft maximum
drawdown) and ``scipy.linalg.expm`` of a rotation generator."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm


@dataclass(frozen=True)
class Link:
    length: float
    mass: float = 1.0


def arm_potential(q, links=(Link(1.0), Link(0.7, 0.5))):
    height, angle, energy = 0.0, 0.0, 0.0
    for link, qi in zip(links, q, strict=True):
        angle += qi
        mid = height + 0.5 * link.length * math.sin(angle)
        energy += link.mass * 9.81 * mid
        height += link.length * math.sin(angle)
    return energy


def star_args_energy(x):
    def pair(a, b, k=1.0):
        return 0.5 * k * (a - b) ** 2
    pairs = list(zip(x[:-1], x[1:], strict=True))
    return sum(pair(*p) for p in pairs)


def unpack_rows(P):
    total = 0.0
    for row in P:
        x, y, *rest = row
        total += x * y + sum(r ** 2 for r in rest)
    return total


def kwargs_model(theta, **opts):
    scale = opts.get("scale", 2.0)
    return scale * np.sum(np.sin(theta) ** 2)


def call_kwargs(theta):
    cfg = {"scale": 0.5}
    return kwargs_model(theta, **cfg)


def reduce_add_quadratics(x, mats):
    return functools.reduce(lambda acc, M: acc + x @ M @ x, mats, 0.0)


def accumulate_prices(returns):
    prices = list(itertools.accumulate(1.0 + returns, lambda a, b: a * b))
    return prices[-1] - 0.5 * max(prices)


def max_drawdown_soft(returns, tau=0.1):
    wealth = np.cumprod(1.0 + returns)
    peak = np.maximum.accumulate(wealth)
    dd = 1.0 - wealth / peak
    return tau * np.log(np.sum(np.exp(dd / tau)))


def cov_from_chol(L_flat, X):
    L = np.zeros((3, 3))
    L[np.tril_indices(3)] = L_flat
    S = L @ L.T + 1e-3 * np.eye(3)
    _, logdet = np.linalg.slogdet(S)
    return 0.5 * np.sum(X @ np.linalg.solve(S, X.T) * np.eye(len(X))) + 0.5 * len(X) * logdet


SPOTS = np.array([1.0, 1.1])


def bs_vega_sum(vols, spots=SPOTS, k=1.0, t=0.5):
    d1 = (np.log(spots / k) + 0.5 * vols ** 2 * t) / (vols * np.sqrt(t))
    return np.sum(spots * np.sqrt(t) * np.exp(-0.5 * d1 ** 2) / np.sqrt(2 * np.pi))


def matrix_exp_rotation(theta):
    K = np.array([[0.0, -theta], [theta, 0.0]])
    R = expm(K)
    return R[0, 0] + 2.0 * R[1, 0]


def np_piecewise(x):
    return np.sum(np.piecewise(x, [x < 0, x >= 0], [lambda v: v ** 2, lambda v: np.sin(v)]))


def where_guard_sqrt(x):
    safe = np.where(x > 0, x, 1.0)
    return np.sum(np.where(x > 0, np.sqrt(safe), 0.0))


def class_with_property(x):
    return _Box(x).volume


class _Box:
    def __init__(self, dims):
        self.dims = dims
    @property
    def volume(self):
        return np.prod(self.dims)


def enumerate_start(x):
    return sum(i * v ** 2 for i, v in enumerate(x, start=1))


def zip_three(a, b, c):
    return sum(x * y - z for x, y, z in zip(a, b, c, strict=True))


def dict_items_loop(x):
    weights = {"a": 1.0, "b": 2.0}
    return sum(w * np.sum(x ** (i + 1)) for i, (k, w) in enumerate(weights.items()))


def nested_comprehension(X):
    return sum(sum(v ** 2 for v in row) for row in X)


def string_default_getattr(x, name="tanh"):
    return np.sum(getattr(np, name)(x))
