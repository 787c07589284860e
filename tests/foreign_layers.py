"""Classes and helpers of "another file" for test_foreign_methods.py: a project's model module,
imported by the module that differentiates (``from foreign_layers import Dense``)."""

from __future__ import annotations

import numpy as np

SCALE = 2.0


def _act(z):
    return np.tanh(z)


class Dense:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def __call__(self, x):
        return np.tanh(x @ self.W + self.b)

    def penalty(self, lam):
        return lam * np.sum(self.W ** 2)

    @property
    def norm(self):
        return np.sqrt(np.sum(self.W ** 2) + 1e-12)

    def scaled(self, x):  # (reads a constant of its own module)
        return SCALE * (x @ self.W)

    def via_helper(self, x):  # (reads a helper of its own module)
        return _act(x @ self.W)


def step(layer, x):
    return np.sin(x @ layer.W) + layer.b


def namespace(x):  # (array-API style: the module for x's arrays)
    return np
