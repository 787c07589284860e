"""A layer class of "another file" whose ``__init__`` takes a function default (``act=np.tanh``)
and whose ``__call__`` goes through another method (test_plain_records.py), and a layer helper
taking a dict of parameters and an activation (test_tape_slots.py)."""

from __future__ import annotations

import numpy as np


class ActDense:
    def __init__(self, W, b, act=np.tanh):
        self.W, self.b, self.act = W, b, act

    def forward(self, x):
        return self.act(x @ self.W + self.b)

    def __call__(self, x):
        return self.forward(x)


def layer(x, params, act=np.tanh):
    return act(x @ params["W"] + params["b"])


def softsign(z):
    return z / (1.0 + np.abs(z))
