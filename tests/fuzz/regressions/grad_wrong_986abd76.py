"""Fuzz regression: grad wrong (seed 3, program 2184, shrunk in 326 tries).

wrong: grad for u[1]: got np.float64(0.32223864831463056), finite differences
np.float64(0.9800455200978225) (tolerance 1.36e-08, 1 of 2 elements off)
"""

import numpy as np


def f(u):
    z1 = u + 1.0
    w = z1
    acc2 = np.linalg.norm(w)
    count7 = 2
    while count7 > 0:
        count7 -= 1
        z1[z1 * u > 0.0] = 0.5
    return acc2.sum()


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['u', 'negative']],
    "many": False,
    "second": None,
    "seed": [3, 2184, 0, 0],
    "params": [['u', 'array', [2], None]],
    "inputs": [[-0.6915745757306706, 0.5206827691581837]],
    "found": ('wrong: grad for u[1]: got np.float64(0.32223864831463056), finite differences '
              'np.float64(0.9800455200978225) (tolerance 1.36e-08, 1 of 2 elements off)'),
}
