"""Fuzz regression: grad wrong (seed 4203, program 36, shrunk in 364 tries; the point made one
the reference accepts by hand, r11 = np.sqrt(p * p) at p[0] = 0, where sqrt' is inf).

wrong: grad for p[0]: got np.float64(nan), finite differences np.float64(0.0) (tolerance
5.77e-10, 3 of 4 elements off)
"""

import numpy as np


def f(p):
    for i in p:
        r11 = np.sqrt(p * p)
    t14 = r11[2]
    res17 = t14
    return res17


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['p', 'name']],
    "many": False,
    "second": None,
    "seed": [4203, 36, 0, 0],
    "params": [['p', 'array', [4], None]],
    "inputs": [[0.0, 1.24160556477746, 1.2555668640351572, 0.6928605612366012]],
    "found": ('wrong: grad for p[0]: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 5.77e-10, 3 of 4 elements off)'),
}
