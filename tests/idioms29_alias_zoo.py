"""NumPy written the way other projects write it (part seven): names and views that share an
array, and Python's builtins on arrays: ``a = b = np.zeros(n)``, ``w = z; w += x``, a reshaped
view written, a transposed view written, ``ravel()`` written, a swap by a tuple, ``x[idx] += v``
with a repeated index, rows changed in place by ``for row in A: row *= 2``, a recurrence
reading ``A[i - 1]`` from ``i = 0``, ``[::-1].cumsum()[::-1]``, ``x % 1.0``, ``(x > 0) * x``,
the builtins ``max``, ``abs``, ``sum`` of a matrix, ``min`` of a vector, chained comparisons,
``np.select``, a Cholesky retried with more jitter by ``try``/``except LinAlgError`` and nested loops with
``break``/``continue``."""

from __future__ import annotations

import numpy as np


def chained_alias(x):
    a = b = np.zeros(3)
    a[0] = x[0] * 2.0
    b[1] = x[1] ** 2
    return np.sum(a * b) + a[1] + b[0]


def augmented_alias(x):
    z = x * 1.0
    w = z
    w += x
    return np.sum(z ** 2)


def reshaped_view_write(x):
    z = x * 2.0
    v = z.reshape(2, 2)
    v[0, 0] = np.sin(x[3])
    return np.sum(z ** 2)


def transposed_view_write(A):
    Z = A * 1.5
    Zt = Z.T
    Zt[0] = np.tanh(A[0, 0])
    return np.sum(Z ** 3)


def ravel_write(A):
    Z = A + 0.5
    flat = Z.ravel()
    flat[1] = A[0, 0] * A[1, 1]
    return np.sum(Z * A)


def tuple_swap(x):
    y = x.copy()
    y[0], y[2] = y[2], y[0]
    return np.sum(y * np.arange(1.0, 5.0))


def repeated_index_add(x):
    y = np.zeros(3)
    y[[0, 1, 0]] += x[:3]
    return np.sum(y ** 2)


def rows_in_place(A):
    B = A.copy()
    for row in B:
        row *= 2.0
        row += np.sin(row)
    return np.sum(B ** 2)


def wraparound_recurrence(x):
    A = np.zeros_like(x)
    A[-1] = 1.0
    for i in range(len(x)):
        A[i] = 0.5 * A[i - 1] + x[i]
    return np.sum(A ** 2)


def reverse_cumsum(x):
    tail = x[::-1].cumsum()[::-1]
    return np.sum(tail * x)


def fractional_part(x):
    return np.sum(np.sin(x % 1.0) + (x > 0) * x)


def python_builtins(x, A):
    m = max(x[0], 0.1)
    s = sum(A)
    lo = min(x)
    return m * np.sum(s ** 2) + abs(lo) + sum(abs(x))


def chained_comparison(x):
    total = 0.0
    for v in x:
        if -0.5 < v < 0.5:
            total += v ** 3
        else:
            total += np.sin(v)
    return total


def select_piecewise(x):
    conds = [x < -1.0, x > 1.0]
    choices = [-(x ** 2), x ** 3]
    return np.sum(np.select(conds, choices, default=x))


def cholesky_jitter(A):
    K = A @ A.T
    jitter = 1e-12
    for _ in range(12):
        try:
            L = np.linalg.cholesky(K + jitter * np.eye(len(K)))
            break
        except np.linalg.LinAlgError:
            jitter *= 10.0
    return np.sum(np.log(np.diag(L)))


def nested_break_continue(X):
    total = 0.0
    for row in X:
        for v in row:
            if v < -1.5:
                break
            if v < 0:
                continue
            total = total + np.sqrt(v + 1.0)
    return total
