"""Everyday Python around NumPy code, in the styles people write (re-imagined, none copied):
validation by ``assert`` and by ``raise ValueError(f"...")`` that never fires, ``np.errstate``
around a guarded log, ``np.copyto`` with ``where=``, keyword-only and default arguments of
helpers, results collected in lists then ``np.stack``/``np.array``/``np.vstack``, early returns,
``while`` loops with tolerances and iteration caps, tuple unpacking and swaps, ``enumerate`` /
``zip`` / ``range(len(...))``, dict-of-params models with string keys built by f-strings,
``float32`` inputs kept ``float32``, a dataclass of parameters, a ``functools.reduce``, a
``sorted`` by key, ``min``/``max`` of numbers, a bisection, Horner, Chebyshev by recurrence,
Simpson and composite trapezoid by hand, a Romberg-free Richardson step, a secant search.
``tests/test_idioms19_style.py`` differentiates each in every mode."""

import dataclasses
import functools
import math

import numpy as np


def validated_mse(pred, target):
    assert pred.shape == target.shape, "shapes differ"
    if pred.ndim != 1:
        raise ValueError(f"expected a vector, got {pred.ndim} dimensions")
    return np.mean((pred - target) ** 2)


def errstate_entropy(p):
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(p > 0, np.log(p), 0.0)
    return -np.sum(p * logs)


def copyto_where(x, lower=0.1):
    y = np.empty_like(x)
    np.copyto(y, x * x)
    np.copyto(y, lower, where=y < lower)
    return np.sum(np.sqrt(y))


def _smooth_l1(r, *, beta=1.0):
    a = np.abs(r)
    return np.where(a < beta, 0.5 * r ** 2 / beta, a - 0.5 * beta)


def keyword_only_helper(pred, target, beta=0.5):
    return np.sum(_smooth_l1(pred - target, beta=beta))


def list_then_stack(W, xs):
    outs = []
    for x in xs:
        outs.append(np.tanh(W @ x))
    H = np.stack(outs, axis=1)
    return np.sum(H ** 2)


def list_then_vstack_rows(X, w):
    rows = []
    for i in range(len(X)):
        rows.append(X[i] * w[i])
    return np.sum(np.vstack(rows) @ np.ones(X.shape[1])) + np.sum(np.array(rows)[:, 0])


def early_return_guard(x, threshold=10.0):
    s = np.sum(x ** 2)
    if s > threshold:
        return np.sqrt(s)
    if s < 1e-12:
        return 0.0
    return s / threshold


def while_tolerance_cap(a, x0=1.0, tol=1e-13, max_iter=100):
    x = x0
    it = 0
    while it < max_iter:
        x_new = 0.5 * (x + a / x)
        if abs(x_new - x) < tol:
            break
        x = x_new
        it += 1
    return x_new


def tuple_swap_fibonacci(a, b, n=8):
    for _ in range(n):
        a, b = b, a + 0.5 * b
    return a * b


def enumerate_zip_weights(xs, ys, w):
    total = 0.0
    for k, (x, y) in enumerate(zip(xs, ys, strict=True)):
        total += w[k] * (x - y) ** 2
    return total


def range_len_diff(x):
    d = np.zeros(len(x) - 1)
    for i in range(len(x) - 1):
        d[i] = x[i + 1] - x[i]
    return np.sum(d ** 2) + d @ x[:-1]


def fstring_param_dict(params, X):
    h = X
    for i in range(2):
        h = np.tanh(h @ params[f"W{i}"] + params[f"b{i}"])
    return np.sum(h)


def fstring_param_dict_depth(params, X, depth=2):  # (refused: the keys depend on `depth`)
    h = X
    for i in range(depth):
        h = np.tanh(h @ params[f"W{i}"] + params[f"b{i}"])
    return np.sum(h)


def float32_pipeline(x, w):
    h = x.astype(np.float32) * w
    h = np.maximum(h, np.float32(0.0))
    return h.sum()


def float32_norm(x):
    x = np.asarray(x, dtype=np.float32)
    return np.sqrt(np.sum(x * x) + np.float32(1e-6))


@dataclasses.dataclass
class Hyper:
    lr: float
    decay: float = 0.9


def dataclass_argument(w, hyper, grads):
    v = np.zeros_like(w)
    for g in grads:
        v = hyper.decay * v + g
        w = w - hyper.lr * v
    return np.sum(w ** 2)


def reduce_compose(mats, v):
    M = functools.reduce(lambda a, b: a @ b, mats)
    return np.sum((M @ v) ** 2)


def sorted_by_key(points):
    order = sorted(range(len(points)), key=lambda i: points[i, 0])
    return sum(points[i, 1] * (k + 1) for k, i in enumerate(order))


def min_max_builtin(a, b):
    lo = min(a, b)
    hi = max(a, b)
    return hi ** 2 - lo * hi + abs(a - 2 * b)


def bisection_root(c, lo=0.0, hi=3.0, tol=1e-13):
    f = lambda t: t ** 3 + t - c  # noqa: E731
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if f(mid) > 0:
            hi = mid
        else:
            lo = mid
    root = 0.5 * (lo + hi)
    # one Newton step makes the root differentiable in c (bisection alone is piecewise constant)
    return root - f(root) / (3 * root ** 2 + 1)


def horner_reversed(coeffs, x):
    acc = np.zeros_like(x)
    for c in reversed(coeffs):
        acc = acc * x + c
    return np.sum(acc)


def chebyshev_recurrence(coeffs, x):
    t_prev, t = np.ones_like(x), x
    total = coeffs[0] * t_prev + coeffs[1] * t
    for c in coeffs[2:]:
        t_prev, t = t, 2 * x * t - t_prev
        total = total + c * t
    return np.sum(total ** 2)


def simpson_by_hand(a, b, n=8):
    h = (b - a) / n
    x = a + h * np.arange(n + 1)
    fx = np.exp(-x * x)
    return h / 3 * (fx[0] + fx[-1] + 4 * fx[1:-1:2].sum() + 2 * fx[2:-1:2].sum())


def trapezoid_loop(params, n=20):
    amp, freq = params
    h = math.pi / n
    total = 0.0
    for i in range(n + 1):
        t = i * h
        weight = 0.5 if i in (0, n) else 1.0
        total += weight * amp * np.sin(freq * t) ** 2
    return total * h


def richardson_derivative(x, h=0.1):
    f = np.sin
    d1 = (f(x + h) - f(x - h)) / (2 * h)
    d2 = (f(x + h / 2) - f(x - h / 2)) / h
    return np.sum((4 * d2 - d1) / 3)


def secant_search(c, x0=0.5, x1=1.5, tol=1e-14):
    f0, f1 = x0 * np.exp(x0) - c, x1 * np.exp(x1) - c
    for _ in range(60):
        if abs(f1 - f0) < tol:
            break
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
        f0, f1 = f1, x1 * np.exp(x1) - c
    return x1


def star_args_sum(*arrays, scale=1.0):
    return scale * sum(np.sum(a ** 2) for a in arrays)


def star_args_caller(x, y):
    return star_args_sum(x, y, np.sin(x), scale=0.5)


def nested_defaults(x, config=None):
    config = config or {"power": 2, "offset": 0.5}
    return np.sum(np.abs(x + config["offset"]) ** config["power"])


def conditional_expression_rows(X):
    return sum(np.sum(r ** 2) if r[0] > 0 else np.sum(np.abs(r)) for r in X)
