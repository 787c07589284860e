"""The Python around the NumPy in outside code (re-imagined, none copied), in the idioms16 areas:
``functools.reduce`` and ``itertools.accumulate``, ``map`` with a lambda, ``math.fsum``,
``scipy.special.softmax``/``logsumexp(b=)``, ``np.errstate``, ``assert`` and ``isinstance``
checks, recursion, properties and static methods, closures over arrays, ``*args``/``**kwargs``
helpers, ``try``/``except`` around a solve, early ``continue``, ``while`` with ``else``.
``tests/test_idioms16_style.py`` differentiates each in every mode."""

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp, softmax


def reduce_compose_rotations(thetas):
    def rot(t):
        return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    R = functools.reduce(lambda A, B: A @ B, [rot(t) for t in thetas])
    return R[0, 1] + R[1, 1] ** 2


def accumulate_wealth(returns):
    wealth = list(itertools.accumulate(1.0 + returns, lambda a, b: a * b))
    return sum(wealth) / len(wealth)


def map_lambda_payoffs(S, K=1.0):
    payoffs = list(map(lambda s: max(s - K, 0.0), S))  # noqa: C417  (the idiom tested)
    return sum(p ** 2 for p in payoffs)


def fsum_log_returns(prices):
    return math.fsum(math.log(b / a) ** 2 for a, b in zip(prices[:-1], prices[1:], strict=True))


def scipy_softmax_policy(logits, rewards):
    p = softmax(logits, axis=-1)
    return np.sum(p * rewards)


def logsumexp_weighted(a, w):
    return logsumexp(a, b=w)


def errstate_safe_log(x):
    with np.errstate(divide="ignore"):
        y = np.log(x)
    return np.sum(np.where(np.isfinite(y), y, 0.0) ** 2)


def assert_and_isinstance(x, scale=2.0):
    assert x.ndim == 1, "a vector"
    if isinstance(scale, (int, float)):
        x = x * scale
    return np.sum(np.tanh(x))


def recursive_binomial(S, n=3, u=1.1, d=0.9, p=0.55, K=1.0):
    if n == 0:
        return max(S - K, 0.0)
    return p * recursive_binomial(S * u, n - 1) + (1 - p) * recursive_binomial(S * d, n - 1)


class Pendulum:
    g = 9.81

    def __init__(self, length):
        self.length = length

    @property
    def omega2(self):
        return self.g / self.length

    @staticmethod
    def energy(theta, omega):
        return 0.5 * omega ** 2 + 9.81 * (1 - np.cos(theta))

    def step(self, theta, omega, dt=0.01):
        omega = omega - dt * self.omega2 * np.sin(theta)
        return theta + dt * omega, omega


def pendulum_method_energy(theta0, omega0):
    pend = Pendulum(1.3)
    th, om = theta0, omega0
    for _ in range(5):
        th, om = pend.step(th, om)
    return Pendulum.energy(th, om)


def closure_over_arrays(w, X, y):
    def loss(pred):
        return np.mean((pred - y) ** 2)

    def model(v):
        return X @ v

    return loss(model(w)) + 0.1 * np.sum(w ** 2)


def _apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def star_args_helper(x, w):
    return np.sum(_apply(np.tanh, x * w)) + _apply(np.dot, x, w)


def _weighted_sum(*terms, weights=None):
    weights = weights if weights is not None else [1.0] * len(terms)
    return sum(wt * np.sum(t) for wt, t in zip(weights, terms, strict=True))


def varargs_terms(x):
    return _weighted_sum(x ** 2, np.sin(x), weights=[0.5, 2.0])


def try_solve(A, b):
    try:
        x = np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        x = np.linalg.lstsq(A, b, rcond=None)[0]
    return np.sum(x ** 2)


def continue_skips(x):
    total = 0.0
    for i in range(len(x)):
        if i % 3 == 1:
            continue
        total += np.exp(-x[i] ** 2)
    return total


@dataclass
class Portfolio:
    weights: np.ndarray
    cov: np.ndarray

    def variance(self):
        return self.weights @ self.cov @ self.weights

    def normalised(self):
        return Portfolio(self.weights / self.weights.sum(), self.cov)


def dataclass_methods(w, cov):
    port = Portfolio(w, cov)
    return port.variance()


def nested_loops_pairs(pos):
    energy = 0.0
    for i, a in enumerate(pos):
        for b in pos[i + 1:]:
            energy += 1.0 / np.sum((a - b) ** 2)
    return energy


def while_with_else(x):
    k = 0
    acc = x
    while k < 4:
        acc = np.sin(acc) + x
        k += 1
    else:
        acc = acc * 2
    return np.sum(acc)


def ternary_chain(x):
    return np.sum(x ** 2 if x.sum() > 0 else -x) + (x[0] if x[0] > x[1] else x[1])


def dict_dispatch(x, kind="tanh"):
    acts = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0.0), "sin": np.sin}
    return np.sum(acts[kind](x) ** 2)


def string_format_unused(x):
    label = f"loss of {len(x)} values"
    total = np.sum(x ** 3)
    if not label:
        raise ValueError(label)
    return total


def list_slice_assign(x):
    parts = [x[0], x[1], x[2], x[3]]
    parts[1:3] = [parts[2] * 2.0, parts[1] * 3.0]
    return parts[0] * parts[1] + parts[2] * parts[3]


def min_max_builtin_arrays(x, y):
    return max(np.sum(x ** 2), np.sum(y ** 2)) + min(x[0], y[0])


def any_all_guard(x):
    if np.all(x > -10) and not np.any(np.isnan(x)):
        return np.sum(x ** 2)
    return 0.0


def enumerate_zip_three(a, b, c):
    total = 0.0
    for i, (x, y, z) in enumerate(zip(a, b, c, strict=True)):
        total += (i + 1) * x * y - z
    return total
