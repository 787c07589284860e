"""Fuzz regression: grad wrong (seed 6060, program 37, shrunk in 413 tries).

wrong: grad for x: got np.float64(0.0), finite differences np.float64(-6.479054600724491)
(tolerance 4.59e-05, 1 of 1 elements off)
"""

import numpy as np


def f(x):
    parts2 = []
    parts2.append(np.log10(x * (x * np.ones(2))))
    g4 = parts2[0]
    for col9 in (3, 2):
        return g4[-2]
    t13 = g4.min()
    return t13


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [6060, 37, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.1340610655738388],
    "found": ('wrong: grad for x: got np.float64(0.0), finite differences '
              'np.float64(-6.479054600724491) (tolerance 4.59e-05, 1 of 1 elements off)'),
}
