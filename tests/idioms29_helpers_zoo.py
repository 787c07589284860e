"""NumPy written the way other projects write it (part nine): helpers the way libraries split
code: one returning ``(mean, var)`` unpacked by its caller, one with an early ``return`` on the
input's rank, keyword defaults overridden by the caller, a helper called in a loop whose results
are ``np.stack``-ed, a helper normalizing its argument in place (``v /= norm``) on the caller's
copy, one returning a dict of arrays, a lambda bound to a name, and a generator helper
``yield``-ing neighbouring pairs."""

from __future__ import annotations

import numpy as np


def _moments(x, axis=0):
    m = x.mean(axis=axis)
    return m, ((x - m) ** 2).mean(axis=axis)


def _as_matrix(x):
    if x.ndim == 2:
        return x
    return x[:, None]


def zscore_via_helpers(X):
    X = _as_matrix(X)
    mean, var = _moments(X)
    Z = (X - mean) / np.sqrt(var + 1e-3)
    return np.sum(Z ** 3)


def _smooth_l1(r, beta=1.0, scale=1.0):
    a = np.abs(r)
    return scale * np.where(a < beta, 0.5 * a ** 2 / beta, a - 0.5 * beta)


def keyword_overrides(pred, target):
    return np.sum(_smooth_l1(pred - target, beta=0.5)) + np.sum(
        _smooth_l1(pred, scale=0.1))


def _cell(h, x, W):
    return np.tanh(W @ np.concatenate([h, x]))


def stacked_rnn(xs, W):
    h = np.zeros(W.shape[0])
    states = []
    for x in xs:
        h = _cell(h, x, W)
        states.append(h)
    H = np.stack(states)
    return np.sum(H[-1] ** 2) + 0.1 * np.sum(H)


def _normalize_(v):
    v /= np.linalg.norm(v)


def in_place_helper(x):
    u = x.copy()
    _normalize_(u)
    return np.sum(u * np.arange(1.0, x.size + 1))


def _params(w):
    return {"scale": np.exp(w[0]), "shift": w[1], "rest": w[2:]}


def dict_from_helper(w, x):
    p = _params(w)
    return np.sum((p["scale"] * x + p["shift"]) ** 2) + np.sum(p["rest"] ** 2)


def lambda_bound(x):
    act = lambda z: np.maximum(z, 0.01 * z)  # noqa: E731  (as people write it)
    return np.sum(act(x) ** 2 + act(-x))


def _neighbours(x):
    for i in range(len(x) - 1):
        yield x[i], x[i + 1]


def generator_pairs(x):
    return sum(a * b for a, b in _neighbours(x))
