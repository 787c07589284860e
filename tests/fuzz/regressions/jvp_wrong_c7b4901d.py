"""Fuzz regression: jvp wrong (seed 7818, program 5, shrunk in 378 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import math

import numpy as np


def f(v, x):
    buf2 = np.zeros(2)
    np.copyto(buf2, x, where=v > 0.5)
    return math.pow(np.var(buf2), 0.5)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [7818, 5, 0, 2],
    "params": [['v', 'array', [2], None], ['x', 'float', [], None]],
    "inputs": [[-0.06305827014765075, -1.367476108925368], 0.0],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
