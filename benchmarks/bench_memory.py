"""Peak memory of a gradient on a large input (issue 9: at most about 4 times the input).

    python benchmarks/bench_memory.py              # 10**7 float64 elements (80 MB)
    python benchmarks/bench_memory.py --size 1e6   # smaller, for a smoke run

For each function below, the peak of NumPy's traced allocations (``tracemalloc``) during one
call, divided by the input's size: the primal, the hand-written gradient (written the way a
person would, keeping intermediates in variables), and tangentish's ``grad``.  The input itself
is allocated before the measurement and not counted.  Each derivative is checked against the
hand-written one on the same input before anything is measured.
"""

from __future__ import annotations

import argparse
import tracemalloc

import numpy as np
import workloads

import tangentish


def sum_of_squares(x):
    return np.sum(x ** 2)


def sum_of_squares_grad(x):
    return 2 * x


def sin_times_x(x):
    return np.sum(np.sin(x) * x)


def sin_times_x_grad(x):
    return np.cos(x) * x + np.sin(x)


def mean_tanh(x):
    return np.mean(np.tanh(x))


def mean_tanh_grad(x):
    t = np.tanh(x)
    return (1.0 - t * t) / x.size


def squared_chain(x):
    y = np.tanh(x) * 2.0 + x
    return np.sum(y * y)


def squared_chain_grad(x):
    t = np.tanh(x)
    y = t * 2.0 + x
    return 2 * y * (2.0 * (1.0 - t * t) + 1.0)


def gaussian_log1p(x):
    return np.sum(np.exp(-x * x) + np.log1p(x * x))


def gaussian_log1p_grad(x):
    xx = x * x
    return -2 * x * np.exp(-xx) + 2 * x / (1.0 + xx)


WORKLOADS = [
    (sum_of_squares, sum_of_squares_grad),
    (sin_times_x, sin_times_x_grad),
    (mean_tanh, mean_tanh_grad),
    (squared_chain, squared_chain_grad),
    (workloads.logsumexp, workloads.logsumexp_grad),
    (gaussian_log1p, gaussian_log1p_grad),
]


def peak(fn, x) -> float:
    """The peak of traced allocations during ``fn(x)``, in multiples of ``x.nbytes``."""
    tracemalloc.start()
    try:
        fn(x)
        _, top = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return top / x.nbytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1e7)
    size = int(parser.parse_args().size)
    x = np.random.default_rng(0).uniform(-1.0, 1.0, size)
    print(f"input: {size:,} float64 elements ({x.nbytes / 1e6:.0f} MB); peak / input size")
    print(f"{'function':<16} {'primal':>7} {'by hand':>8} {'tangentish':>11}")
    worst = 0.0
    for fn, by_hand in WORKLOADS:
        derivative = tangentish.grad(fn)
        np.testing.assert_allclose(derivative(x), by_hand(x), rtol=1e-9, atol=1e-12)
        ours = peak(derivative, x)
        worst = max(worst, ours)
        print(f"{fn.__name__:<16} {peak(fn, x):7.2f} {peak(by_hand, x):8.2f} {ours:11.2f}")
    print(f"worst tangentish peak: {worst:.2f} x the input (target: about 4)")


if __name__ == "__main__":
    main()
