"""Fuzz regression: jvp wrong (seed 5590, program 56, shrunk in 265 tries).

wrong: jvp tangent: got np.float64(-0.3465256690979004), finite differences
np.float64(-0.34652566529722023) (tolerance 6.93e-10, 1 of 1 elements off)
"""

import numpy as np


def f(x, y):
    parts7 = []
    parts7.append(2)
    z9 = parts7
    for xi11 in z9:
        return np.sum(y * np.ones(3, dtype=np.float32))


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['y', 'negative'], ['x', 'negative']],
    "many": True,
    "second": None,
    "seed": [5590, 56, 0, 2],
    "params": [['x', 'float', [], None], ['y', 'float', [], None]],
    "inputs": [0.5515279822966717, 0.0],
    "found": ('wrong: jvp tangent: got np.float64(-0.3465256690979004), finite differences '
              'np.float64(-0.34652566529722023) (tolerance 6.93e-10, 1 of 1 elements off)'),
}
