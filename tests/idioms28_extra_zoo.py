"""NumPy written the way people write it (part three): forms the first two parts do not take:
``math.hypot`` of three coordinates, quaternion rotations, ``np.cross`` torques, ``np.roll``
periodic stencils, ``np.einsum`` energies, ``np.fill_diagonal`` on a local, Weibull, gamma,
beta and negative binomial likelihoods by ``scipy.special`` (``gammaln``, ``betaln``, ``xlogy``,
``logsumexp``), an LSTM step by ``np.split``, RMSNorm, GELU both ways, focal and InfoNCE losses,
label smoothing by ``np.take_along_axis``, ``sliding_window_view`` convolutions, Griewank by
``np.prod``, Michalewicz, Goldstein-Price, and the Python around it (``math.fsum`` of a
generator, ``sum(map(...))``, ``sorted(key=)``, a dict comprehension of parameters, an array
namespace found by a helper, ``getattr(np, name)``)."""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy import special


def hypot3_springs(pos, rest=1.0):
    total = 0.0
    for i in range(len(pos) - 1):
        dx, dy, dz = pos[i + 1] - pos[i]
        total += (math.hypot(dx, dy, dz) - rest) ** 2
    return total


def _quat_mul(a, b):
    w1, x1, y1, z1 = a
    w2, x2, y2, z2 = b
    return np.array([w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2,
                     w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
                     w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
                     w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2])


def quaternion_rotate(q, v):
    q = q / np.linalg.norm(q)
    conj = q * np.array([1.0, -1.0, -1.0, -1.0])
    rotated = _quat_mul(_quat_mul(q, np.concatenate([[0.0], v])), conj)
    return np.sum(rotated[1:] * np.array([1.0, 2.0, 3.0]))


def torque_balance(forces, points):
    torques = np.cross(points, forces)
    return np.sum(np.sum(torques, axis=0) ** 2) + 0.1 * np.sum(forces ** 2)


def periodic_heat(u, kappa=0.1, steps=3):
    for _ in range(steps):
        u = u + kappa * (np.roll(u, 1) - 2 * u + np.roll(u, -1))
    return np.sum(u ** 4)


def einsum_gravity(pos, m):
    d = pos[:, None, :] - pos[None, :, :]
    r2 = np.einsum("ijk,ijk->ij", d, d) + np.eye(len(m))
    inv = 1.0 / np.sqrt(r2)
    np.fill_diagonal(inv, 0.0)
    return -0.5 * np.einsum("i,ij,j->", m, inv, m)


def weibull_nll(log_k, log_lam, t):
    k, lam = np.exp(log_k), np.exp(log_lam)
    z = t / lam
    return -np.sum(np.log(k / lam) + (k - 1) * np.log(z) - z ** k)


def gamma_nll(params, y):
    shape, rate = np.exp(params)
    return -np.sum(special.xlogy(shape - 1, y) + shape * np.log(rate) - rate * y
                   - special.gammaln(shape))


def beta_binomial_nll(log_ab, k, n):
    a, b = np.exp(log_ab)
    return -np.sum(special.betaln(k + a, n - k + b) - special.betaln(a, b))


def negbin_nll(log_mu, log_r, counts):
    mu, r = np.exp(log_mu), np.exp(log_r)
    ll = (special.gammaln(counts + r) - special.gammaln(r) - special.gammaln(counts + 1)
          + r * np.log(r / (r + mu)) + counts * np.log(mu / (r + mu)))
    return -ll.sum()


def mixture_logsumexp(means, x):
    comp = -0.5 * (x[:, None] - means[None, :]) ** 2
    return -np.sum(special.logsumexp(comp, axis=1, b=1.0 / len(means)))


def lstm_step(h, c, x, W):
    gates = W @ np.concatenate([h, x])
    i, f, o, g = np.split(gates, 4)
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    c_new = sig(f) * c + sig(i) * np.tanh(g)
    return np.sum(sig(o) * np.tanh(c_new))


def rms_norm(x, g, eps=1e-6):
    return np.sum(g * x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps))


def gelu_both(x):
    tanh_form = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    erf_form = 0.5 * x * (1 + special.erf(x / math.sqrt(2)))
    return np.sum(tanh_form * erf_form)


def focal_loss(logits, labels, gamma=2.0):
    p = 1.0 / (1.0 + np.exp(-logits))
    pt = np.where(labels == 1, p, 1 - p)
    return -np.mean((1 - pt) ** gamma * np.log(pt))


def info_nce(za, zb, tau=0.5):
    za = za / np.linalg.norm(za, axis=1, keepdims=True)
    zb = zb / np.linalg.norm(zb, axis=1, keepdims=True)
    logits = za @ zb.T / tau
    logits = logits - logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -np.mean(np.diag(logp))


def label_smoothing(logits, targets, eps=0.1):
    logp = logits - special.logsumexp(logits, axis=1, keepdims=True)
    picked = np.take_along_axis(logp, targets[:, None], axis=1)[:, 0]
    return -np.mean((1 - eps) * picked + eps * logp.mean(axis=1))


def window_conv(x, w):
    windows = sliding_window_view(x, len(w))
    return np.sum(np.tanh(windows @ w))


def griewank(x):
    i = np.arange(1, len(x) + 1)
    return 1 + np.sum(x ** 2) / 4000 - np.prod(np.cos(x / np.sqrt(i)))


def michalewicz(x, m=5):
    i = np.arange(1, x.size + 1)
    return -np.sum(np.sin(x) * np.sin(i * x ** 2 / np.pi) ** (2 * m))


def goldstein_price(p):
    x, y = p
    a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return a * b


def fsum_generator(x):
    return math.fsum(math.exp(-v * v) for v in x) + sum(map(math.sin, x))


def sorted_key_top(points):
    ranked = sorted(points, key=lambda p: p[0] ** 2 + p[1] ** 2)
    return sum(p[0] * p[1] for p in ranked[:2])


def dict_params(theta):
    names = ("a", "b", "c")
    p = {k: theta[i] for i, k in enumerate(names)}
    return p["a"] * np.exp(-p["b"]) + p["c"] ** 2


def _namespace(x):
    return np


def found_namespace(x):
    xp = _namespace(x)
    return xp.sum(xp.tanh(x) ** 2)


def getattr_activation(x, name="tanh"):
    act = getattr(np, name)
    return np.sum(act(x) * x)
