"""Fuzz regression: jvp wrong (seed 0, program 111, shrunk in 62 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import numpy as np


def f(v):
    return np.std(v - v)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['v', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 111, 0, 2],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-1.3683918790271181, -1.3363299591273143, 0.2801551868287202, -0.3477826977432219]],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
