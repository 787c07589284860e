"""Rule-table rows of composites: several rules in one function, as real code uses them.
"""

from __future__ import annotations

import math

import numpy as np

from .common import IDX_COLS, MASK3, W4, Row


def mix_logistic_loss(w, x):
    z = x @ w
    p = 1.0 / (1.0 + np.exp(-z))
    return -np.mean(MASK3 * np.log(p) + (1.0 - MASK3) * np.log(1.0 - p))


def mix_softmax_cross_entropy(logits):
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.sum(log_probs[[0, 1, 2], IDX_COLS]) / logits.shape[0]


def mix_dense_layer(w, b, x):
    hidden = np.tanh(x @ w + b)
    return np.sum(hidden ** 2) + 0.1 * np.sum(w * w)


def mix_reused_variable(x):
    y = np.sin(x)
    y = y * x + y
    return np.sum(y * W4) + np.sum(x)


def mix_python_and_numpy(x, s):
    return np.sum(np.exp(s * x) * W4) * math.cos(s)


ROWS: list[Row] = [
    Row(mix_logistic_loss, ((4,), (3, 4)), wrt=(0, 1)),
    Row(mix_softmax_cross_entropy, ((3, 4),)),
    Row(mix_dense_layer, ((4, 3), (3,), (5, 4)), wrt=(0, 1, 2)),
    Row(mix_reused_variable, ((4,),)),
    Row(mix_python_and_numpy, ((4,), float), wrt=(0, 1)),
]
