"""Fuzz regression: vjp wrong (seed 0, program 64, shrunk in 156 tries).

wrong: pullback(-1.56) for p[1]: got np.float64(0.5083662185872995), finite differences
np.float64(-0.36030308946300676) (tolerance 4.02e-06, 2 of 2 elements off)
"""

import numpy as np


def f(p):
    r2 = np.copy(p)
    r2[0:2] *= p
    return np.sin(r2).mean()


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['p', 'negative']],
    "many": True,
    "second": None,
    "seed": [0, 64, 0, 3],
    "params": [['p', 'array', [2], None]],
    "inputs": [[0.8001280616252959, -1.3215602531664832]],
    "found": ('wrong: pullback(-1.56) for p[1]: got np.float64(0.5083662185872995), finite '
              'differences np.float64(-0.36030308946300676) (tolerance 4.02e-06, 2 of 2 elements '
              'off)'),
}
