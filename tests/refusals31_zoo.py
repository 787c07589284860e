"""Ordinary code refused before refuse31 (stop 59's "left open" list), as people write it: writes
through views that no subscript spells, rows changed through a list of their views, a helper
normalizing its argument in place, ``scipy.signal.lfilter`` in its coefficients;
``test_refusals31.py`` checks them against differences."""

import numpy as np
from scipy import signal


def written_through_views(x):  # (the ravel of a C-contiguous array is a view)
    y = np.outer(x[:3], x[3:]).copy()
    r = y.ravel()
    r[::4] *= x[:3]
    rows = [y[i] for i in range(len(y))]
    rows[1] -= np.sin(x[3:])
    return np.sum(y ** 2)


def raveled_transpose(x):  # (the ravel of a transpose is a copy: y unchanged)
    y = np.outer(x[:3], x[3:]).T
    r = y.ravel()
    r[1:4] = np.cos(x[:3])
    return np.sum(y ** 2) + np.sum(r[:6] * x)


def normalize_(v):
    v /= np.linalg.norm(v)
    return v


def normalized_in_place(x):  # (a fresh array, then the caller's own: never the user's)
    u = normalize_(x * 2.0)
    w = normalize_(x)
    return np.sum(u * np.cos(x)) + x[0] * w[1]


def filtered_by_its_coefficients(x):  # (an AR filter whose coefficients vary, a[0] != 1)
    b = np.array([x[0], 0.5])
    a = np.array([1.5 + x[1] ** 2, -0.3 * x[2]])
    return np.sum(np.sin(signal.lfilter(b, a, x)))


def cholesky_retried(x):  # (K indefinite: the jitter grows to 1.0, then a `break`)
    A = np.reshape(x, (3, 2))
    K = A @ A.T - 0.3 * np.eye(3)
    jitter = 1e-6
    for _ in range(12):
        try:
            L = np.linalg.cholesky(K + jitter * np.eye(len(K)))
            break
        except np.linalg.LinAlgError:
            jitter *= 10.0
    return np.sum(np.log(np.diag(L))) + np.sum(L)
