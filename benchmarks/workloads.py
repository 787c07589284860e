"""The benchmark's workloads: each function as a user writes it, next to its hand-written gradient.

A workload is a function written the plain NumPy way (``np.`` calls, Python loops, helpers), the
gradient a person would write by hand for the same ``wrt`` (reusing the primal's intermediates, no
framework), an input builder and three sizes.  ``tests/test_benchmarks.py`` checks every
hand-written gradient against finite differences and tangentish's gradient against it; the
benchmark (``benchmarks/run.py``) times them.

The functions reach NumPy only through the module name ``np`` (and helpers only through their
global names), so ``benchmarks/peers.py`` can run the same code under ``autograd.numpy``,
``jax.numpy`` or a small PyTorch shim by rebinding those globals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Workload:
    name: str
    fn: Callable[..., Any]
    hand: Callable[..., Any]
    wrt: int | tuple[int, ...]
    build: Callable[[int, np.random.Generator], tuple]
    sizes: tuple[int, int, int]
    size_label: str
    loop_heavy: bool = False
    static: tuple[int, ...] = ()       # integer arguments JAX's jit must treat as constants
    helpers: tuple[Callable[..., Any], ...] = field(default=())  # callees, counted as source lines
    check_size: int = 0                # the size the correctness test uses (0: the smallest)
    has_small_size: bool = True        # its first size counts as "small" for the peer targets

    @property
    def wrt_tuple(self) -> tuple[int, ...]:
        return self.wrt if isinstance(self.wrt, tuple) else (self.wrt,)


# --- a 20-operation scalar expression --------------------------------------------------------------

def scalar20(x, y):
    a = x * y + 1.0
    b = np.sin(a) * np.exp(-0.5 * x)
    c = np.log(1.0 + y * y) / (1.0 + a * a)
    d = np.tanh(b - c) + np.sqrt(2.0 + np.cos(x))
    return np.sum(d * d - 0.25 * b * c)


def scalar20_grad(x, y):
    a = x * y + 1.0
    sin_a, cos_x = np.sin(a), np.cos(x)
    e = np.exp(-0.5 * x)
    b = sin_a * e
    q = 1.0 + a * a
    lg = np.log(1.0 + y * y)
    c = lg / q
    t = np.tanh(b - c)
    s = np.sqrt(2.0 + cos_x)
    d = t + s
    g_b = 2.0 * d * (1.0 - t * t) - 0.25 * c
    g_c = -2.0 * d * (1.0 - t * t) - 0.25 * b
    g_s = 2.0 * d
    g_a = g_b * np.cos(a) * e - g_c * c * 2.0 * a / q
    g_x = g_a * y - 0.5 * g_b * b - g_s * np.sin(x) / (2.0 * s)
    g_y = g_a * x + g_c * 2.0 * y / ((1.0 + y * y) * q)
    return g_x, g_y


def scalar20_inputs(n, rng):
    if n == 1:
        return float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1))
    return rng.uniform(-1, 1, n), rng.uniform(-1, 1, n)


# --- logsumexp ---------------------------------------------------------------------------------------

def logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def logsumexp_grad(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def logsumexp_inputs(n, rng):
    return (rng.normal(size=n),)


# --- a two-layer tanh MLP with softmax cross-entropy -------------------------------------------------

def mlp(w1, b1, w2, b2, x, y):
    h = np.tanh(x @ w1 + b1)
    logits = h @ w2 + b2
    z = logits - np.max(logits, axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.sum(y * logp) / x.shape[0]


def mlp_grad(w1, b1, w2, b2, x, y):
    h = np.tanh(x @ w1 + b1)
    logits = h @ w2 + b2
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    g_logits = (p * np.sum(y, axis=1, keepdims=True) - y) / x.shape[0]
    g_a = (g_logits @ w2.T) * (1.0 - h * h)
    return x.T @ g_a, np.sum(g_a, axis=0), h.T @ g_logits, np.sum(g_logits, axis=0)


def mlp_inputs(batch, rng, features=64, hidden=128, classes=10):
    w1 = rng.normal(size=(features, hidden)) / np.sqrt(features)
    w2 = rng.normal(size=(hidden, classes)) / np.sqrt(hidden)
    b1, b2 = 0.1 * rng.normal(size=hidden), 0.1 * rng.normal(size=classes)
    x = rng.normal(size=(batch, features))
    y = np.eye(classes)[rng.integers(0, classes, size=batch)]
    return w1, b1, w2, b2, x, y


# --- an RNN unrolled by a Python loop ----------------------------------------------------------------

def rnn(wh, wx, b, h, xs):
    for t in range(xs.shape[0]):
        h = np.tanh(h @ wh + xs[t] @ wx + b)
    return np.sum(h * h)


def rnn_grad(wh, wx, b, h, xs):
    states = [h]
    for t in range(xs.shape[0]):
        h = np.tanh(h @ wh + xs[t] @ wx + b)
        states.append(h)
    g_h = 2.0 * h
    g_wh, g_wx, g_b = np.zeros_like(wh), np.zeros_like(wx), np.zeros_like(b)
    for t in range(xs.shape[0] - 1, -1, -1):
        g_a = g_h * (1.0 - states[t + 1] * states[t + 1])
        g_wh += states[t].T @ g_a
        g_wx += xs[t].T @ g_a
        g_b += np.sum(g_a, axis=0)
        g_h = g_a @ wh.T
    return g_wh, g_wx, g_b


def rnn_inputs(steps, rng, batch=32, hidden=128, features=32):
    wh = rng.normal(size=(hidden, hidden)) * (0.9 / np.sqrt(hidden))
    wx = rng.normal(size=(features, hidden)) / np.sqrt(features)
    b = 0.1 * rng.normal(size=hidden)
    return wh, wx, b, np.zeros((batch, hidden)), rng.normal(size=(steps, batch, features))


# --- a data-dependent while loop: fixed-point iteration ----------------------------------------------

def fixed_point(a, c, x):
    delta = 1.0
    while delta > 1e-12:
        x_new = c * np.tanh(x) + a
        delta = np.max(np.abs(x_new - x))
        x = x_new
    return np.sum(x * x)


def fixed_point_grad(a, c, x):
    states = []
    delta = 1.0
    while delta > 1e-12:
        states.append(x)
        x_new = c * np.tanh(x) + a
        delta = np.max(np.abs(x_new - x))
        x = x_new
    g_x, g_a = 2.0 * x, np.zeros_like(a)
    for previous in reversed(states):
        g_a += g_x
        g_x = g_x * c * (1.0 - np.tanh(previous) ** 2)
    return g_a


# Contraction factors c giving about 8, 233 and 1129 iterations from x = 0 (see fixed_point_inputs).
_CONTRACTION = {8: 0.035, 233: 0.9144, 1129: 0.9831}


def fixed_point_inputs(iterations, rng, n=16):
    return 0.001 * rng.uniform(-1, 1, n), _CONTRACTION[iterations], np.zeros(n)


def fixed_point_iterations(a, c, x):
    """How many times the loop body of ``fixed_point`` runs (for the table)."""
    count, delta = 0, 1.0
    while delta > 1e-12:
        x_new = c * np.tanh(x) + a
        delta = np.max(np.abs(x_new - x))
        x, count = x_new, count + 1
    return count


# --- a long elementwise expression -------------------------------------------------------------------

def elementwise(x, y):
    u = np.sin(x) * np.cos(y) + 0.5 * x * y
    v = np.exp(-0.1 * x * x) + np.log1p(y * y)
    w = np.tanh(u - v) * np.sqrt(1.0 + x * x)
    return np.sum(w * u + 0.1 * v * v - 0.3 * np.abs(x - y))


def elementwise_grad(x, y):
    sin_x, cos_y = np.sin(x), np.cos(y)
    u = sin_x * cos_y + 0.5 * x * y
    ex = np.exp(-0.1 * x * x)
    v = ex + np.log1p(y * y)
    t = np.tanh(u - v)
    r = np.sqrt(1.0 + x * x)
    w = t * r
    g_tanh = u * r * (1.0 - t * t)
    g_u = w + g_tanh
    g_v = 0.2 * v - g_tanh
    s = 0.3 * np.sign(x - y)
    g_x = (g_u * (np.cos(x) * cos_y + 0.5 * y) - g_v * 0.2 * x * ex + u * t * x / r - s)
    g_y = (g_u * (0.5 * x - sin_x * np.sin(y)) + g_v * 2.0 * y / (1.0 + y * y) + s)
    return g_x, g_y


def elementwise_inputs(n, rng):
    return rng.normal(size=n), rng.normal(size=n)


# --- calls to the user's own helper functions --------------------------------------------------------

def softplus(z):
    return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)


def layer(x, scale, shift):
    return softplus(scale * x + shift) - 0.5 * x


def helpers(x, scale):
    y = layer(x, scale, 0.1)
    z = layer(y, scale, -0.2)
    return np.sum(z * z) / x.shape[0]


def _layer_with_partials(x, scale, shift):
    z = scale * x + shift
    sig = 1.0 / (1.0 + np.exp(-z))                 # softplus'(z)
    return softplus(z) - 0.5 * x, sig * scale - 0.5, sig * x


def helpers_grad(x, scale):
    y, dy_dx, dy_ds = _layer_with_partials(x, scale, 0.1)
    z, dz_dy, dz_ds = _layer_with_partials(y, scale, -0.2)
    g_z = 2.0 * z / x.shape[0]
    g_y = g_z * dz_dy
    return g_y * dy_dx, np.sum(g_z * dz_ds) + np.sum(g_y * dy_ds)


def helpers_inputs(n, rng):
    return rng.normal(size=n), 0.8


# --- a scalar loop -------------------------------------------------------------------------------------

def scalar_loop(x, rate, steps):
    for _ in range(steps):
        x = x - rate * (np.sin(x) + 0.1 * x * x)
    return x * x


def scalar_loop_grad(x, rate, steps):
    states = []
    for _ in range(steps):
        states.append(x)
        x = x - rate * (np.sin(x) + 0.1 * x * x)
    g_x, g_rate = 2.0 * x, 0.0
    for previous in reversed(states):
        g_rate -= g_x * (np.sin(previous) + 0.1 * previous * previous)
        g_x = g_x * (1.0 - rate * (np.cos(previous) + 0.2 * previous))
    return g_x, g_rate


def scalar_loop_inputs(steps, rng):
    return float(rng.uniform(1.0, 2.0)), 0.01, steps


# --- a 30-line function, for the time of the first grad() only (not a timed row) ---------------------

def thirty_lines(w, b, x, y, decay):
    """A regularised two-layer regression loss with a few branches, 30 lines long."""
    hidden = x @ w[:, :8] + b[:8]
    hidden = np.tanh(hidden)
    gate = 1.0 / (1.0 + np.exp(-(x @ w[:, 8:] + b[8:])))
    mixed = hidden * gate
    score = np.sum(mixed, axis=1)
    centred = score - np.mean(score)
    scale = np.sqrt(np.mean(centred * centred) + 1e-6)
    normalised = centred / scale
    error = normalised - y
    squared = np.mean(error * error)
    absolute = np.mean(np.abs(error))
    if squared > 1.0:  # noqa: SIM108  (written as users write it)
        robust = 2.0 * absolute - 1.0
    else:
        robust = squared
    penalty = 0.0
    for k in range(w.shape[1]):
        column = w[:, k]
        penalty = penalty + decay * np.sum(column * column)
    smooth = np.sum((w[1:, :] - w[:-1, :]) ** 2)
    bias_term = np.sum(b * b) * 0.5 * decay
    entropy = -np.mean(gate * np.log(gate + 1e-12))
    total = robust + penalty + 0.01 * smooth
    total = total + bias_term - 0.001 * entropy
    if total > 100.0:
        total = 100.0 + np.log(total - 99.0)
    ratio = absolute / (np.sqrt(squared) + 1e-12)
    total = total + 1e-3 * ratio
    return total


def thirty_lines_inputs(rng, samples=64, features=6):
    w = 0.5 * rng.normal(size=(features, 16))
    return w, 0.1 * rng.normal(size=16), rng.normal(size=(samples, features)), \
        rng.normal(size=samples), 0.01


WORKLOADS = (
    Workload("scalar20", scalar20, scalar20_grad, (0, 1), scalar20_inputs, (1, 10, 100), "n"),
    Workload("logsumexp", logsumexp, logsumexp_grad, 0, logsumexp_inputs, (10, 1000, 100000), "n"),
    Workload("mlp", mlp, mlp_grad, (0, 1, 2, 3), mlp_inputs, (8, 64, 256), "batch"),
    Workload("rnn", rnn, rnn_grad, (0, 1, 2), rnn_inputs, (10, 50, 200), "T", loop_heavy=True),
    Workload("while", fixed_point, fixed_point_grad, 0, fixed_point_inputs, (8, 233, 1129),
             "iterations", loop_heavy=True),
    Workload("elementwise", elementwise, elementwise_grad, (0, 1), elementwise_inputs,
             (10000, 100000, 1000000), "n", check_size=30, has_small_size=False),
    Workload("helpers", helpers, helpers_grad, (0, 1), helpers_inputs, (10, 1000, 100000), "n",
             helpers=(layer, softplus)),
    Workload("scalar_loop", scalar_loop, scalar_loop_grad, (0, 1), scalar_loop_inputs,
             (10, 100, 1000), "steps", loop_heavy=True, static=(2,)),
)


def by_name(name: str) -> Workload:
    for workload in WORKLOADS:
        if workload.name == name:
            return workload
    raise KeyError(f"no workload {name!r}; there are: {', '.join(w.name for w in WORKLOADS)}")
