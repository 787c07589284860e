"""NumPy written the way other projects write it (part five): the statements around the math as
libraries write them: argument checks by ``assert`` and ``raise ValueError``, a ``verbose`` flag
that prints, ``**kwargs`` handed on to a helper, ``functools.partial`` of a loss, a frozen
dataclass's method, ``itertools.pairwise`` of a polyline, GAE advantages by ``reversed``,
an early ``return`` from a loop at a tolerance, gradient descent run by ``while`` on a norm,
leaky ReLU by ``x[x < 0] *= a``, masked writes, ``np.clip`` in a log loss, ``xlogy``, batched
``einsum``, ``np.tensordot``, ``np.fft.fft2`` power, ``np.diff(prepend=)``, ``np.roll``
Laplacians, ``np.logaddexp.reduce``, ``np.atleast_2d``/``np.expand_dims``, ``astype``, ridge as
least squares by ``np.concatenate`` and a Gauss-Newton normal matrix by ``np.column_stack``."""

from __future__ import annotations

import dataclasses
import functools
import itertools

import numpy as np
from scipy import special


def checked_mse(w, X, y):
    assert X.ndim == 2, "X must be 2-D"
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}")
    return np.mean((X @ w - y) ** 2)


def verbose_newton(x0, verbose=False):
    x = x0
    for it in range(6):
        fx = x ** 3 - 2.0 * x - 5.0
        x = x - fx / (3.0 * x ** 2 - 2.0)
        if verbose:
            print(f"iteration {it}: x = {x:.6f}")
    return x


def _penalized(w, X, y, alpha=0.0, l1=0.0):
    r = X @ w - y
    return 0.5 * r @ r + alpha * w @ w + l1 * np.sum(np.sqrt(w ** 2 + 1e-3))


def kwargs_forwarding(w, X, y, **kwargs):
    return _penalized(w, X, y, **kwargs)


def kwargs_caller(w, X, y):
    return kwargs_forwarding(w, X, y, alpha=0.3, l1=0.1)


def _log_loss(w, X, y, eps=1e-9):
    p = special.expit(X @ w)
    p = np.clip(p, eps, 1.0 - eps)
    return -np.mean(special.xlogy(y, p) + special.xlogy(1.0 - y, 1.0 - p))


def partial_loss(w, X, y):
    loss = functools.partial(_log_loss, X=X, y=y)
    return loss(w) + 0.01 * np.sum(w ** 2)


@dataclasses.dataclass(frozen=True)
class Spring2D:
    anchor: np.ndarray
    stiffness: float

    def energy(self, p):
        d = p - self.anchor
        return 0.5 * self.stiffness * (np.sqrt(d @ d) - 1.0) ** 2


def polyline_length(points):
    return sum(np.linalg.norm(b - a) for a, b in itertools.pairwise(points))


def gae_advantages(values, rewards, dones, gamma=0.99, lam=0.95):
    adv = np.zeros_like(rewards)
    last = 0.0
    for t in reversed(range(len(rewards))):
        nonterminal = 1.0 - dones[t]
        delta = rewards[t] + gamma * values[t + 1] * nonterminal - values[t]
        last = delta + gamma * lam * nonterminal * last
        adv[t] = last
    return np.mean(adv ** 2)


def fixed_point_early_return(c, tol=1e-12):
    x = 0.5
    for _ in range(200):
        new = np.cos(c * x)
        if abs(new - x) < tol:
            return new
        x = new
    return x


def gradient_descent_while(A, b, lr=0.1, tol=1e-8):
    x = np.zeros_like(b)
    g = A @ x - b
    it = 0
    while np.linalg.norm(g) > tol and it < 200:
        x = x - lr * g
        g = A @ x - b
        it += 1
    return np.sum(x ** 2)


def leaky_relu_inplace(x, W, a=0.1):
    h = x @ W
    h[h < 0] *= a
    return np.sum(h ** 2)


def masked_write(x, thresh=0.5):
    y = x.copy()
    y[np.abs(y) > thresh] = thresh * np.sign(y[np.abs(y) > thresh])
    return np.sum(np.sin(y) * x)


def batched_einsum(A, v):
    Av = np.einsum("bij,bj->bi", A, v)
    return np.einsum("bi,bi->", Av, v)


def tensordot_layer(T, x):
    y = np.tensordot(T, x, axes=([2], [0]))
    return np.sum(np.tanh(y))


def fft2_power(img):
    F = np.fft.fft2(img)
    power = np.abs(F) ** 2
    return np.log(power[0, 1] + power[1, 0] + 1.0)


def diff_prepend(x):
    v = np.diff(x, prepend=x[0])
    return np.sum(v ** 2 * np.arange(1, x.size + 1))


def roll_laplacian(u):
    lap = np.roll(u, 1) + np.roll(u, -1) - 2.0 * u
    return 0.5 * np.sum(lap ** 2) + np.sum(u ** 4)


def logaddexp_reduce(scores):
    return np.logaddexp.reduce(scores) - scores.mean()


def atleast_expand(x):
    X = np.atleast_2d(x)
    col = np.expand_dims(x, axis=1)
    return np.sum(X * col) + np.sum(np.squeeze(col) ** 3)


def float32_cast(x):
    lo = x.astype(np.float32)
    return float(np.sum(lo.astype(np.float64) ** 2))


def ridge_as_lstsq(w, X, y, lam=0.5):
    r = np.concatenate([X @ w - y, np.sqrt(lam) * w])
    return np.linalg.norm(r) ** 2


def gauss_newton_normal(theta, t):
    a, k = theta
    e = np.exp(-k * t)
    J = np.column_stack((e, -a * t * e))
    return np.linalg.slogdet(J.T @ J + 1e-3 * np.eye(2))[1]
