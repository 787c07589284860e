"""Fuzz regression: grad wrong (seed 0, program 120, shrunk in 82 tries).

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import numpy as np


def f(x):
    acc1 = np.std(x)
    return acc1


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [0, 120, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [0.026833236388851933],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
