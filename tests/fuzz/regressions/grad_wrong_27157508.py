"""Fuzz regression: grad wrong (seed 8025, program 8, shrunk in 658 tries, then by hand).

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 2.92e-11,
1 of 1 elements off)
"""

import math

import numpy as np


def f(x):
    it2 = iter([math.pow(abs(3.0 * x + x * x), 0.5), x])
    c5 = next(it2, 1.0)
    return np.where(c5 > 0.25, c5, 0.25)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [8025, 8, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [0.0],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 2.92e-11, 1 of 1 elements off)'),
}
