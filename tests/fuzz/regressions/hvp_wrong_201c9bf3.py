"""Fuzz regression: hvp wrong (seed 4007, program 32, shrunk in 404 tries).

wrong: hvp[1]: got np.float64(0.48370479517580073), finite differences
np.float64(0.6708889166928071) (tolerance 1.38e-09, 1 of 3 elements off)
"""

import numpy as np


def f(p):
    p = np.log10(np.exp(p))
    p = p + p * p
    return p[1]


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['p', 'negative']],
    "many": False,
    "second": None,
    "seed": [4007, 32, 0, 4],
    "params": [['p', 'array', [3], None]],
    "inputs": [[-0.3163480686262141, -1.2848844484571003, -0.9968932285159889]],
    "found": ('wrong: hvp[1]: got np.float64(0.48370479517580073), finite differences '
              'np.float64(0.6708889166928071) (tolerance 1.38e-09, 1 of 3 elements off)'),
}
