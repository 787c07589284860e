"""Optimisation benchmark functions as people write them for test suites (re-imagined, none
copied): Himmelblau, Rastrigin, Ackley, Styblinski-Tang, Booth, Matyas, the camels, Wood, Powell,
Griewank, Levy, Zakharov, Dixon-Price, Trid, Goldstein-Price and extended Rosenbrock, written with
loops over coordinates, with vectorised slices, as classes with a ``__call__``, from a dict of
settings and through a few steps of a descent method.  ``tests/test_idioms18_optim.py``
differentiates each in every mode."""

import math

import numpy as np


def himmelblau(p):
    x, y = p
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def rastrigin_loop(x, A=10.0):
    n = len(x)
    total = A * n
    for xi in x:
        total += xi ** 2 - A * np.cos(2 * math.pi * xi)
    return total


def ackley(x, a=20.0, b=0.2, c=2 * np.pi):
    d = x.shape[0]
    s1 = np.sum(x ** 2)
    s2 = np.sum(np.cos(c * x))
    return -a * np.exp(-b * np.sqrt(s1 / d)) - np.exp(s2 / d) + a + np.e


def styblinski_tang(x):
    return 0.5 * np.sum(x ** 4 - 16 * x ** 2 + 5 * x)


def booth_matyas(v):
    x, y = v[0], v[1]
    booth = (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2
    matyas = 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    return booth + matyas


def six_hump_camel(p):
    x, y = p[0], p[1]
    term1 = (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2
    term2 = x * y
    term3 = (-4 + 4 * y ** 2) * y ** 2
    return term1 + term2 + term3


def three_hump_camel(x, y):
    return 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2


def wood(x):
    x1, x2, x3, x4 = x
    return (100 * (x1 ** 2 - x2) ** 2 + (x1 - 1) ** 2 + (x3 - 1) ** 2
            + 90 * (x3 ** 2 - x4) ** 2
            + 10.1 * ((x2 - 1) ** 2 + (x4 - 1) ** 2) + 19.8 * (x2 - 1) * (x4 - 1))


def powell_singular(x):
    f = 0.0
    for i in range(0, len(x), 4):
        a, b, c, d = x[i:i + 4]
        f += (a + 10 * b) ** 2 + 5 * (c - d) ** 2 + (b - 2 * c) ** 4 + 10 * (a - d) ** 4
    return f


def griewank(x):
    i = np.arange(1, x.size + 1)
    return 1 + np.sum(x ** 2) / 4000 - np.prod(np.cos(x / np.sqrt(i)))


def levy(x):
    w = 1 + (x - 1) / 4
    term1 = np.sin(np.pi * w[0]) ** 2
    wi = w[:-1]
    mid = np.sum((wi - 1) ** 2 * (1 + 10 * np.sin(np.pi * wi + 1) ** 2))
    last = (w[-1] - 1) ** 2 * (1 + np.sin(2 * np.pi * w[-1]) ** 2)
    return term1 + mid + last


def zakharov(x):
    ii = np.arange(1, len(x) + 1)
    s = np.dot(0.5 * ii, x)
    return np.sum(x ** 2) + s ** 2 + s ** 4


def dixon_price(x):
    total = (x[0] - 1) ** 2
    for i in range(1, len(x)):
        total = total + (i + 1) * (2 * x[i] ** 2 - x[i - 1]) ** 2
    return total


def trid(x):
    return np.sum((x - 1) ** 2) - np.sum(x[1:] * x[:-1])


def goldstein_price(p):
    x, y = p
    a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return np.log(a * b)


def rosenbrock_extended(x, a=1.0, b=100.0):
    x = np.asarray(x, dtype=float)
    return np.sum(b * (x[1::2] - x[::2] ** 2) ** 2 + (a - x[::2]) ** 2)


def rosenbrock_while(x):
    i, f = 0, 0.0
    while i < len(x) - 1:
        f += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
        i += 1
    return f


class Benchmark:
    """A test function object: the bounds clip a point into the box before evaluating."""

    def __init__(self, lower, upper, shift):
        self.lower = lower
        self.upper = upper
        self.shift = shift

    def __call__(self, x):
        z = np.clip(x, self.lower, self.upper) - self.shift
        return self.evaluate(z)

    def evaluate(self, z):
        return np.sum(z ** 2) + 0.5 * np.sum(np.sin(3 * z) ** 2)


def shifted_benchmark(x):
    bench = Benchmark(-2.0, 2.0, np.array([0.1, -0.2, 0.3]))
    return bench(x)


BENCH_CONFIG = {"name": "sphere", "weights": (1.0, 2.0, 3.0), "offset": 0.5}


def weighted_sphere_config(x, config=BENCH_CONFIG):
    w = np.array(config["weights"])
    return float(np.sum(w * (x - config["offset"]) ** 2))


def michalewicz_smooth(x, m=2):
    i = np.arange(1, len(x) + 1)
    return -np.sum(np.sin(x) * np.sin(i * x ** 2 / np.pi) ** (2 * m))


def schwefel_2_22(x):
    a = np.abs(x)
    return np.sum(a) + np.prod(a)


def mccormick(xy):
    x, y = xy[0], xy[1]
    return np.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1


def descent_on_himmelblau(p0, lr=0.01, steps=5):
    p = p0.copy()
    history = []
    for _ in range(steps):
        x, y = p[0], p[1]
        gx = 4 * x * (x ** 2 + y - 11) + 2 * (x + y ** 2 - 7)
        gy = 2 * (x ** 2 + y - 11) + 4 * y * (x + y ** 2 - 7)
        p = p - lr * np.array([gx, gy])
        history.append(himmelblau(p))
    return np.mean(np.stack(history))


def penalty_function_i(x, alpha=1e-5):
    return alpha * np.sum((x - 1) ** 2) + (np.sum(x ** 2) - 0.25) ** 2


def brown_badly_scaled_like(x):
    f = []
    for i in range(len(x) - 1):
        f.append((x[i] ** 2) ** (x[i + 1] ** 2 + 1) + (x[i + 1] ** 2) ** (x[i] ** 2 + 1))
    return sum(f)


def sum_squares_kwargs(x, *, scale=1.0, power=2):
    idx = np.arange(1, x.size + 1, dtype=float)
    return scale * np.sum(idx * np.abs(x) ** power)


def beale_vectorised(p):
    x, y = p[..., 0], p[..., 1]
    terms = np.array([1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3])
    return np.sum(terms ** 2)
