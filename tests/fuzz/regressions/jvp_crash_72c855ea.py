"""Fuzz regression: jvp crash (seed 0, program 26, shrunk in 107 tries).

crash: IndexError: too many indices for array: array is 0-dimensional, but 2 were indexed at
tangentish/runtime.py:448 in set_index
"""

import numpy as np


def f(v):
    H1 = 0.5 * np.ones((2, 3))
    H1[:, 2] = v[2:]
    return np.max(H1)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['v', 'negative']],
    "many": True,
    "second": None,
    "seed": [0, 26, 0, 2],
    "params": [['v', 'array', [3], None]],
    "inputs": [[1.434433138883496, 1.021223192538212, 0.7893934977243386]],
    "found": ('crash: IndexError: too many indices for array: array is 0-dimensional, but 2 were '
              'indexed at tangentish/runtime.py:448 in set_index'),
}
