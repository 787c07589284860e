"""Ordinary code refused before refuse31 (stop 59's "left open" list), as people write it: writes
through views that no subscript spells, rows changed through a list of their views, a helper
normalizing its argument in place, a generator helper, ``scipy.signal.lfilter`` in its
coefficients, a Cholesky retried in a loop;
``test_refusals31.py`` checks them against differences."""

import numpy as np
from scipy import optimize, signal


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


def neighbours(x):
    for i in range(len(x) - 1):
        yield x[i], x[i + 1]


def helpers_in_place_and_generators(x):  # (a fresh array, then the caller's own: never the
    u = normalize_(x * 2.0)  # user's; a generator's items taken at once by sum's loop)
    w = normalize_(x)
    return np.sum(u * np.cos(x)) + x[0] * w[1] + sum(a * np.sin(b) for a, b in neighbours(u))


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


def generator_changed_while_running(x):  # (lazily, the generator would read y[1] = 5.0)
    y = x * 1.0
    total = 0.0
    for a, b in neighbours(y):
        y[1] = 5.0
        total = total + a * b
    return total


def _iterates(x):
    while True:
        x = np.cos(x)
        yield x


def generator_left_early(x):  # (taken at once, a generator with a `while` may never end)
    total = 0.0
    for k, v in enumerate(_iterates(x)):
        if k > 3:
            break
        total = total + np.sum(v)
    return total


def root_by_brentq(x):  # (refused: the implicit function theorem's derivative, no rule)
    r = optimize.brentq(lambda t: t ** 3 + x[0] * t - x[1], -10.0, 10.0)
    return r * x[2]


def root_by_a_newton_step(x, r0):  # (the hint: r0 = the root, passed in; its derivative the
    r = r0 - (r0 ** 3 + x[0] * r0 - x[1]) / (3.0 * r0 ** 2 + x[0])  # implicit one)
    return r * x[2]


def raveled_moved_axis(x):  # (np.linspace along axis=1 moves an axis: its ravel is a copy)
    y = np.linspace(x[:2], x[2:4], 3, axis=1)
    r = y.ravel()
    r[0] = 5.0
    return np.sum(y ** 2) + np.sum(r * r)
