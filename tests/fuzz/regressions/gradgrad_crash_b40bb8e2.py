"""Fuzz regression: gradgrad crash (seed 4808, program 461, shrunk in 437 tries).

crash: IndexError: list index out of range at tangentish/runtime/item_masks.py:50 in __getitem__
"""

import math

import numpy as np

import tangentish


def h1(a):
    while a < 3.0:
        while a < 2.0:
            c3 = 1.0
            c4 = 1.0 + 3.0
            a = np.sin(a) * (math.sqrt(max(c4, 0.0)) + np.prod(c3 * np.ones(4)))
        a += a * (0.25 * 2.0)
    s6 = a
    return np.median(np.concatenate((s6 * np.ones(4) * (s6 * np.ones(4)), [-1.0, 0.0])))


def f(x):
    return tangentish.value_and_grad(h1, wrt='a')(x)[1]


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'index']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [4808, 461, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [1.321223566608158],
    "found": ('crash: IndexError: list index out of range at tangentish/runtime/item_masks.py:50 '
              'in __getitem__'),
}
