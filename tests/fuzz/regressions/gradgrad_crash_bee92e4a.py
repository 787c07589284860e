"""Fuzz regression: gradgrad crash (seed 0, program 397, shrunk in 181 tries).

crash: TypeError: Tuple must have size 2, but has size 3 at tangentish/runtime.py:68 in _weights
"""

import numpy as np

C = [1.0, 1.0]


def f(x):
    for row1 in C:
        x = x + np.minimum(0.5, x)
    return x * x


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'index'],
    "seed": [0, 397, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.6070464590699612],
    "found": ('crash: TypeError: Tuple must have size 2, but has size 3 at '
              'tangentish/runtime.py:68 in _weights'),
}
