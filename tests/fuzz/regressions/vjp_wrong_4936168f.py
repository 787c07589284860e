"""Fuzz regression: vjp wrong (seed 5590, program 56, shrunk in 265 tries).

wrong: pullback(-1.48) for y: got np.float64(-4.436314582824707), finite differences
np.float64(-4.4363148280303815) (tolerance 8.87e-09, 1 of 1 elements off)
"""

import numpy as np


def f(x, y):
    parts7 = []
    parts7.append(2)
    z9 = parts7
    for xi11 in z9:
        return np.sum(y * np.ones(3, dtype=np.float32))


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['x', 'index'], ['y', 'negative']],
    "many": True,
    "second": None,
    "seed": [5590, 56, 0, 3],
    "params": [['x', 'float', [], None], ['y', 'float', [], None]],
    "inputs": [0.5515279822966717, 0.0],
    "found": ('wrong: pullback(-1.48) for y: got np.float64(-4.436314582824707), finite '
              'differences np.float64(-4.4363148280303815) (tolerance 8.87e-09, 1 of 1 elements '
              'off)'),
}
