"""Fuzz regression: gradgrad crash (seed 5155, program 61, shrunk in 1125 tries).

crash: AttributeError: 'bool' object has no attribute 'items' at
tangentish/runtime/item_masks.py:174 in unpopped_mask
"""

import numpy as np


def f(x):
    if 3.0 < 0.5:
        while 1.0:
            x = float(np.cbrt(x))
    for _ in range(1):
        res33 = float(np.cbrt(x))
    return res33


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [5155, 61, 1, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [0.15872755381893455],
    "found": ("crash: AttributeError: 'bool' object has no attribute 'items' at "
              'tangentish/runtime/item_masks.py:174 in unpopped_mask'),
}
