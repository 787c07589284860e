"""Fuzz regression: grad wrong (seed 3802, program 110, shrunk in 547 tries).

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 8.51e-11,
1 of 1 elements off)
"""

import numpy as np


def pair(a, b, *, scale=1.0):
    e2 = np.std(1.0)
    e2 *= a
    return (1.0, np.sqrt(np.concatenate((e2 * np.ones(4), [1.0, 0.0]))))


def f(x):
    c4, s5 = pair(x, 1.0)
    t6 = c4
    return t6


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [3802, 110, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [1.3691003499395507],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 8.51e-11, 1 of 1 elements off)'),
}
