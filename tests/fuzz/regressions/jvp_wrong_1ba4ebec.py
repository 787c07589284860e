"""Fuzz regression: jvp wrong (seed 530, program 274, shrunk in 62 tries).

wrong: jvp tangent: dtype float16, expected float64
"""

import numpy as np


def f(x):
    counts2 = np.ones((4, 2), dtype=np.uint8)
    return np.sin(counts2[-4, 0])


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [530, 274, 0, 2],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.8078365245662421],
    "found": 'wrong: jvp tangent: dtype float16, expected float64',
}
