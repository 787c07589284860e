"""The Python around the NumPy in outside code (re-imagined, none copied), in the idioms17 areas:
early returns, ``while`` with ``else``, ``try``/``except`` around math (refused), nested functions
and closures (also returned and called), comprehensions with conditions, ``f(*args)``,
keyword-only arguments, default arguments holding arrays, classes with ``__call__``,
``staticmethod``/``classmethod`` and properties, ``functools.partial``, dict dispatch of
functions, ``enumerate(start=)``, ``zip`` of three, chained comparisons, ``math`` on numbers.
``tests/test_idioms17_style.py`` differentiates each in every mode."""

import functools
import math

import numpy as np


def early_return_regimes(x, threshold=1.0):
    n = np.linalg.norm(x)
    if n < 1e-12:
        return 0.0
    if n > threshold:
        return threshold * np.sum(x) / n
    return np.sum(x * x)


def early_return_in_loop(x, tol=0.5):
    total = 0.0
    for i, v in enumerate(x):
        total += v ** 2
        if total > tol:
            return total * (i + 1)
    return total


def while_else_search(x, lr=0.3, tol=1e-3, max_iter=5):
    k = 0
    while k < max_iter:
        g = np.tanh(x)
        if np.max(np.abs(g)) < tol:
            break
        x = x - lr * g
        k += 1
    else:
        x = x * 1.0
    return np.sum(x ** 2)


def try_log(x):
    try:
        y = math.log(x)
    except ValueError:
        y = -1e9
    return y * 2.0


def nested_closure_scale(x, w):
    def scaled(v):
        return v * w

    def act(v):
        return np.tanh(scaled(v))
    return np.sum(act(x) ** 2)


def make_loss(X, y):
    def loss(w):
        r = X @ w - y
        return r @ r
    return loss


def closure_factory(w, X, y):
    loss = make_loss(X, y)
    return loss(w) + 0.1 * np.sum(w ** 2)


def comprehension_with_conditions(x):
    pos = [v ** 2 for v in x if v > 0]
    neg = [np.exp(v) for v in x if v <= 0]
    return sum(pos) - sum(neg) + sum(v * w for v, w in zip(x, x[::-1], strict=True) if v * w > -1)


def nested_comprehension(M):
    return sum(M[i, j] * M[j, i] for i in range(M.shape[0]) for j in range(M.shape[1]) if i < j)


def _poly(x, a, b, c):
    return a * x ** 2 + b * x + c


def call_with_star_args(x, coeffs):
    return np.sum(_poly(x, *coeffs))


def _penalty(w, *, kind="l2", lam=0.1):
    if kind == "l1":
        return lam * np.sum(np.abs(w))
    return lam * np.sum(w ** 2)


def keyword_only_args(w, x, *, scale=2.0, kind="l1"):
    return np.sum(np.sin(scale * w * x)) + _penalty(w, kind=kind) + _penalty(w, lam=0.5)


def default_array_arg(x, weights=np.array([0.2, 0.3, 0.5])):  # noqa: B008  (the idiom tested)
    return np.sum(weights * np.exp(x))


def default_none_arg(x, mask=None):
    if mask is None:
        mask = np.ones_like(x)
    return np.sum(mask * x ** 3)


class Quadratic:
    def __init__(self, A, b):
        self.A = A
        self.b = b

    def __call__(self, x):
        return 0.5 * x @ self.A @ x - self.b @ x


Q_OBJ = Quadratic(np.array([[2.0, 0.3], [0.3, 1.0]]), np.array([0.5, -1.0]))


def callable_object(x):
    return Q_OBJ(x) + Q_OBJ(2 * x)


class Activations:
    alpha = 0.1

    @staticmethod
    def softplus(x):
        return np.log1p(np.exp(x))

    @classmethod
    def leaky(cls, x):
        return np.where(x > 0, x, cls.alpha * x)


def static_and_class_methods(x):
    return np.sum(Activations.softplus(x) * Activations.leaky(x))


def partial_helper(x):
    f = functools.partial(_poly, a=1.5, b=-0.5, c=0.2)
    return np.sum(f(x))


ACTS = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0.0), "sin": np.sin}


def dict_dispatch_constant_key(x):
    return np.sum(ACTS["tanh"](x) + ACTS["sin"](x) * ACTS["relu"](x))


def enumerate_start(x):
    return sum(k * v ** 2 for k, v in enumerate(x, start=1))


def chained_comparison(x, lo=-0.5, hi=0.5):
    total = 0.0
    for v in x:
        if lo < v < hi:
            total += v ** 2
        elif v >= hi:
            total += 2 * v
        else:
            total -= v
    return total


def math_on_numbers(a, b):
    r = math.hypot(a, b)
    ang = math.atan2(b, a)
    return math.exp(-r) * math.cos(ang) + math.sqrt(r) + math.log1p(a * a)


def conditional_expression_vector(x):
    y = x if np.sum(x) > 0 else -x
    return np.sum(y ** 3)


def unpack_swap_loop(a, b, steps=4):
    for _ in range(steps):
        a, b = b, a + 0.5 * b
    return a * b


def lambda_list_map(x):
    fs = [lambda v: v ** 2, lambda v: np.sin(v), lambda v: 3 * v]
    return sum(np.sum(f(x)) for f in fs)


def reversed_sorted_loops(x):
    total = 0.0
    for v in reversed(sorted(x)):  # noqa: C413  (the idiom tested)
        total = total * 0.5 + v
    return total


def string_flags(X, norm="l2", reduction="mean"):
    if norm == "l2":  # noqa: SIM108  (the idiom tested: a flag picks a function)
        length = np.linalg.norm
    else:
        length = np.ptp
    if reduction == "mean":  # noqa: SIM108
        red = np.mean
    else:
        red = np.max
    rows = [length(row) for row in X]
    return red(np.array(rows) ** 2) + length(X[0] * 2.0)


def accumulate_dict_of_lists(x):
    stats = {"sq": [], "cube": []}
    for v in x:
        stats["sq"].append(v ** 2)
        stats["cube"].append(v ** 3)
    return sum(stats["sq"]) / len(stats["sq"]) + max(stats["cube"])
