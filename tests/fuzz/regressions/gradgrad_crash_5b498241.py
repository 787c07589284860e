"""Fuzz regression: gradgrad crash (seed 3800, program 10, shrunk in 574 tries).

crash: AttributeError: 'numpy.ndarray' object has no attribute 'items' at
tangentish/runtime/item_masks.py:105 in reads
"""

import numpy as np


def pair(a, b):
    return (1.0, np.arcsinh(a))


def f(w, x):
    e2, y3 = pair(w + x + np.log(1.0), 1.0)
    t4 = np.linalg.norm(y3)
    return t4


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'index']],
    "many": False,
    "second": ['w', 'name'],
    "seed": [3800, 10, 0, 6],
    "params": [['w', 'array', [3], None], ['x', 'float', [], None]],
    "inputs": [[1.2156508042189875, -1.3000491985544298, 1.1423061957080445], 0.0],
    "found": ("crash: AttributeError: 'numpy.ndarray' object has no attribute 'items' at "
              'tangentish/runtime/item_masks.py:105 in reads'),
}
