"""A zoo of representative functions whose generated derivative source is golden-tested.

Each entry: (function, wrt).  Keep them small and typical of real NumPy code.
"""

import math

import numpy as np
from flow_zoo import (
    early_return_in_loop,
    fill_loop,
    if_elif_else,
    list_of_rows,
    loop_with_branch,
    uses_helper,
    while_value,
)

SCALE = 0.5


def square(x):
    return x * x


def polynomial(x):
    return 2 * x ** 2 + 3 * x + 1


def sin_of_square(x):
    return np.sin(x * x)


def tanh_layer(w, x):
    return np.sum(np.tanh(x @ w))


def mse(w, x, y):
    prediction = x @ w
    error = prediction - y
    return np.mean(error ** 2)


def logistic_loss(w, b, x, y):
    z = x @ w + b
    p = 1.0 / (1.0 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


def softplus_sum(x):
    return np.sum(np.log1p(np.exp(x)))


def reassigned(x):
    y = x * 2.0
    y = np.sin(y)
    y += x
    return np.sum(y)


def tuple_swap(a, b):
    a, b = b, a * b
    return np.sum(a * b)


def broadcast_add(x, y):
    return np.sum((x + y) ** 2)


def reductions(x):
    return np.sum(x.mean(axis=0) * x.max(axis=1, keepdims=True).T)


def method_chain(x):
    return x.reshape(2, 3).T.sum()


def math_scalar(x):
    return math.exp(math.sin(x)) * SCALE + math.pi


def relu_norm(x):
    h = np.maximum(x, 0.0)
    return np.sqrt(np.sum(h * h))


def where_clip(x):
    y = np.where(x > 0, x, 0.1 * x)
    return np.sum(np.clip(y, -1.0, 1.0))


def indexing(x):
    return x[0] * x[-1] + np.sum(x[1:3])


def two_outputs_used(x, y):
    s = x * y
    t = s + np.cos(x)
    return np.sum(s * t)


ZOO = [
    (square, 0),
    (polynomial, 0),
    (sin_of_square, 0),
    (tanh_layer, 0),
    (mse, 0),
    (logistic_loss, (0, 1)),
    (softplus_sum, 0),
    (reassigned, 0),
    (tuple_swap, (0, 1)),
    (broadcast_add, (0, 1)),
    (reductions, 0),
    (method_chain, 0),
    (math_scalar, 0),
    (relu_norm, 0),
    (where_clip, 0),
    (indexing, 0),
    (two_outputs_used, ("x", "y")),
    # control flow, helpers and in-place updates
    (if_elif_else, 0),
    (loop_with_branch, 0),
    (while_value, 0),
    (early_return_in_loop, 0),
    (fill_loop, 0),
    (list_of_rows, 0),
    (uses_helper, (0, 1)),
]
