"""Fuzz regression: jvp wrong (seed 3404, program 87, shrunk in 574 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 3.09e-11,
1 of 1 elements off)
"""

import numpy as np


def f(x):
    g3 = np.zeros(2)
    g3[1] *= np.sum(np.sqrt((g3, [1.0, 0.0]))) * x
    t4 = np.mean((g3, [1.0, 0.0]))
    return t4


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [3404, 87, 0, 2],
    "params": [['x', 'float', [], None]],
    "inputs": [0.3169790972724278],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 3.09e-11, 1 of 1 elements off)'),
}
