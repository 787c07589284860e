"""A zoo of representative functions whose generated derivative source is golden-tested.

Each entry of ``ZOO``: (function, wrt).  Keep them small and typical of real NumPy code.
``SAMPLES[name](rng)`` draws arguments for each (away from kinks and branch points with
probability one), for tests that run the derivatives.
"""

import math

import numpy as np
from flow_zoo import (
    augmented_slices,
    early_return_in_loop,
    fill_loop,
    for_rows,
    helper_in_loop,
    if_elif_else,
    list_of_rows,
    loop_with_branch,
    overwrite_copy,
    running_max_update,
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


def logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def log_softmax_loss(logits, y):
    z = logits - np.max(logits, axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.sum(y * logp)


def gram(flat):
    x = np.reshape(flat, (4, 3))
    return np.sum(np.tanh(x @ x.T))


def rayleigh(x, a):
    v = np.ravel(x)
    m = np.reshape(a, (3, 3))
    return v @ (m @ v) / (v @ v)


def guarded_roots(x):  # sqrt and log where they are unused: 0, not NaN (passes/supports.py)
    logs = np.log(x)[1:]
    return np.sum(np.where(x > 0.0, np.sqrt(x), 0.0)) + np.sum(logs)


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
    (guarded_roots, 0),
    (indexing, 0),
    (two_outputs_used, ("x", "y")),
    (logsumexp, 0),
    (log_softmax_loss, 0),
    (gram, 0),
    (rayleigh, (0, 1)),
    # control flow, helpers and in-place updates
    (if_elif_else, 0),
    (loop_with_branch, 0),
    (while_value, 0),
    (early_return_in_loop, 0),
    (fill_loop, 0),
    (list_of_rows, 0),
    (uses_helper, (0, 1)),
    (for_rows, (0, 1)),
    (helper_in_loop, 0),
    (overwrite_copy, 0),
    (augmented_slices, 0),
    (running_max_update, 0),
]


def _normal(*shape):
    return lambda rng: rng.standard_normal(shape) if shape else float(rng.standard_normal())


def _draws(*makers):
    return lambda rng: tuple(make(rng) for make in makers)


SAMPLES = {
    "square": _draws(_normal()),
    "polynomial": _draws(_normal()),
    "sin_of_square": _draws(_normal()),
    "tanh_layer": _draws(_normal(3), _normal(4, 3)),
    "mse": _draws(_normal(3), _normal(5, 3), _normal(5)),
    "logistic_loss": _draws(_normal(3), _normal(), _normal(5, 3),
                            lambda rng: rng.uniform(0.0, 1.0, 5)),
    "softplus_sum": _draws(_normal(4)),
    "reassigned": _draws(_normal(3)),
    "tuple_swap": _draws(_normal(3), _normal(3)),
    "broadcast_add": _draws(_normal(2, 3), _normal(3)),
    "reductions": _draws(_normal(3, 3)),
    "method_chain": _draws(_normal(6)),
    "math_scalar": _draws(_normal()),
    "relu_norm": _draws(lambda rng: np.append(0.1 + abs(rng.standard_normal()),
                                              rng.standard_normal(3))),  # not all clipped
    "where_clip": _draws(_normal(5)),
    "guarded_roots": _draws(lambda rng: np.append(-0.5 - abs(rng.standard_normal()),
                                                  0.5 + abs(rng.standard_normal(3)))),
    "indexing": _draws(_normal(4)),
    "two_outputs_used": _draws(_normal(3), _normal(3)),
    "logsumexp": _draws(_normal(5)),
    "log_softmax_loss": _draws(_normal(4, 3), lambda rng: rng.uniform(0.0, 1.0, (4, 3))),
    "gram": _draws(_normal(12)),
    "rayleigh": _draws(_normal(3), _normal(9)),
    "if_elif_else": _draws(_normal()),
    "loop_with_branch": _draws(_normal(4)),
    "while_value": _draws(lambda rng: float(rng.uniform(0.5, 5.0))),
    "early_return_in_loop": _draws(_normal(4)),
    "fill_loop": _draws(_normal(4)),
    "list_of_rows": _draws(_normal(3, 2)),
    "uses_helper": _draws(_normal(4, 3), _normal(3)),
    "for_rows": _draws(_normal(3, 2), _normal(2)),
    "helper_in_loop": _draws(_normal(3)),
    "overwrite_copy": _draws(_normal(4)),
    "augmented_slices": _draws(_normal(3)),
    "running_max_update": _draws(_normal(3, 4)),
}


def _inlined_helpers() -> list:
    """Helpers of the same module, inlined where they are called (``flow_zoo.helper`` keeps a
    derivative of its own).  Imported here, not above, so that the lines of this file's functions,
    which the goldens' comments cite, stay where they are."""
    from flow_zoo import calls_keyword_only, inlined_in_loop, through_layers, tuple_helper

    SAMPLES.update({"tuple_helper": _draws(_normal(3), _normal(3)),
                    "calls_keyword_only": _draws(_normal(4)),
                    "inlined_in_loop": _draws(_normal(3)),
                    "through_layers": _draws(_normal(3))})
    return [(tuple_helper, (0, 1)), (calls_keyword_only, 0), (inlined_in_loop, 0),
            (through_layers, 0)]


ZOO += _inlined_helpers()
