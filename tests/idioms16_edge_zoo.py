"""Edges outside code reaches in the idioms16 areas (re-imagined, none copied): views written
in place, ``float()``/``.item()`` of a differentiated value, ``lru_cache``d
helpers, module-level caches, ``np.vectorize``, integer arrays mixed with floats, ``np.where``
broadcasting a scalar branch, ``np.clip`` with array bounds, ``np.maximum.reduce``, ``math``
functions on array items, ``np.errstate`` around a division, ``np.nan_to_num``.
``tests/test_idioms16_edge.py`` differentiates each in every mode (or names its refusal)."""

import functools
import math

import numpy as np

_CACHE = {}


def view_written_in_place(x):
    y = x.copy()
    tail = y[1:]
    tail *= 2.0
    return np.sum(y ** 2)


def float_of_item(x):
    return float(x[0]) * x[1] + x[2].item() ** 2


def math_on_items(x):
    return math.exp(x[0]) + math.log(x[1] ** 2 + 1.0) + math.hypot(x[0], x[2])


@functools.lru_cache(maxsize=128)
def _discount(rate, t):
    return (1.0 + rate) ** -t


def lru_cached_helper(rate):
    return sum(_discount(rate, t) for t in range(1, 5))


def module_cache_written(x):
    key = len(x)
    if key not in _CACHE:
        _CACHE[key] = np.arange(key, dtype=float)
    return np.sum(_CACHE[key] * x ** 2)


def vectorized_payoff(S):
    payoff = np.vectorize(lambda s: max(s - 1.0, 0.0) ** 2)
    return np.sum(payoff(S))


def int_float_mix(x, counts):
    rates = x / counts
    return np.sum(rates ** 2) + np.sum(counts // 2 * x)


def where_scalar_branch(x):
    return np.sum(np.where(x > 0.0, x ** 2, 0.1))


def clip_array_bounds(x, lo, hi):
    return np.sum(np.clip(x, lo, hi) ** 2)


def maximum_reduce(x, y, z):
    return np.sum(np.maximum.reduce([x, y, z]) ** 2)


def nan_to_num_ratio(x, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = x / y
    return np.sum(np.nan_to_num(r, nan=0.0, posinf=0.0) ** 2)


def cumulative_max_drawdown(prices):
    peak = np.maximum.accumulate(prices)
    return np.sum((peak - prices) / peak)


def argmax_onehot(x):
    onehot = np.zeros_like(x)
    onehot[np.argmax(x)] = 1.0
    return np.sum(onehot * x ** 2)


def sort_then_weights(x):
    s = np.sort(x)[::-1]
    return s @ (0.5 ** np.arange(len(s)))


def astype_round_trip(x):
    y = x.astype(np.float32).astype(np.float64)
    return np.sum(y * x)


def complex_magnitude(x):  # (a complex intermediate: passes/complex_paths.py)
    z = x[0] + 1j * x[1]
    return abs(z) ** 2


def complex_sine(x):  # (np.sinc of a complex value has no rule under the complex convention;
    z = x[0] + 1j * x[1]  # np.sin has one since complex3)
    return np.sinc(z).real


def outer_loop_accumulate(a, b):
    total = np.zeros((len(a), len(b)))
    for i, ai in enumerate(a):
        total[i, :] += ai * b
    return np.sum(np.sin(total))


def divmod_split(x):
    q, r = divmod(x, 1.0)
    return np.sum(r ** 2 + q)


def power_of_negative_base(x):
    return np.sum((-2.0) ** np.round(x) * x ** 2)


def einsum_repeated_output(A):
    return np.sum(np.einsum("ij,ij->i", A, A))


def norm_zero_safe(x):
    n = np.linalg.norm(x)
    return n if n > 0 else 0.0
